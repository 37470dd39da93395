/**
 * The account pages' forms. Each takes only its own fields: anything else a form sends (a
 * role, a hub, an account id) is dropped, never read, so no form can give itself rights.
 * Passwords are not trimmed: spaces are part of them.
 */
import { z } from 'zod'
import { PASSWORD_MAX } from '../services/accounts/passwords'

const text = (value: unknown): unknown => (typeof value === 'string' ? value : '')

export const emailAddress = (missing: string) =>
  z.preprocess(
    text,
    z
      .string()
      .trim()
      .min(1, missing)
      .max(254, 'Your email address must be 254 characters or fewer')
      .regex(
        /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
        'Enter an email address in the correct format, like name@example.com',
      ),
  )

const anyPassword = (missing: string) =>
  z.preprocess(
    text,
    z.string().min(1, missing).max(PASSWORD_MAX, `Your password must be ${PASSWORD_MAX} characters or fewer`),
  )

/** A new password: only present here; how long and how guessable is checked by the service. */
const newPassword = z.preprocess(text, z.string())

/** An emailed link's token; anything else (missing, a list, far too long) is no token, which no link has. */
const token = z.preprocess(
  (value) => (typeof value === 'string' && value.length <= 200 ? value : ''),
  z.string(),
)

export const createAccountForm = z.object({
  email: emailAddress('Enter your email address'),
  name: z.preprocess(
    text,
    z.string().trim().min(1, 'Enter your name').max(100, 'Your name must be 100 characters or fewer'),
  ),
  password: newPassword,
})

export const signInForm = z.object({
  email: emailAddress('Enter your email address'),
  password: anyPassword('Enter your password'),
  return: z.preprocess(text, z.string().max(500)).optional(),
})

export const emailOnlyForm = z.object({ email: emailAddress('Enter your email address') })

export const tokenForm = z.object({ token })

export const resetPasswordForm = z.object({ token, password: newPassword })

export const changePasswordForm = z.object({
  currentPassword: anyPassword('Enter your current password'),
  newPassword,
})

export const changeEmailForm = z.object({
  newEmail: emailAddress('Enter your new email address'),
  password: anyPassword('Enter your password'),
})
