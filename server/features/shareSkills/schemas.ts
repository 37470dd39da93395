/**
 * "Share your skills": one strict zod schema per question page. Each takes only its own
 * fields (the CSRF token is checked and set aside before), so a form cannot send an answer to
 * another page's question, a person id or a hub it was not offered. What a field must hold
 * is said in plain words, as the page shows it.
 */
import { z } from 'zod'
import { HOW_OFTEN } from '../../services/sharing/contract'

/** A text box's value: a string, or '' for anything else (missing, or sent twice). */
const text = (value: unknown): unknown => (typeof value === 'string' ? value : '')

/** Ticked boxes: none, one (a string) or several (a list), always as a list. */
const ticked = (value: unknown): unknown =>
  value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]

export const FIRST_NAME_MAX = 50
export const LAST_NAME_MAX = 50
export const OWN_WORDS_MAX = 500
export const SHARE_MAX = 500
export const AVAILABILITY_MAX = 200

/** A page's form: only its own fields; anything else is refused, in plain words. */
const form = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? 'The form sent something we did not ask for. Please try again'
        : undefined,
  })

const words = (max: number, tooLong: string) => z.preprocess(text, z.string().trim().max(max, tooLong))

export const nameForm = form({
  firstName: z.preprocess(
    text,
    z
      .string()
      .trim()
      .min(1, 'Enter your first name')
      .max(FIRST_NAME_MAX, `Your first name must be ${FIRST_NAME_MAX} characters or fewer`),
  ),
  lastName: words(LAST_NAME_MAX, `Your last name must be ${LAST_NAME_MAX} characters or fewer`),
})

/** "Where you live", and on "Which one did you mean?" the name the places share (`choosing`). */
export const whereForm = form({
  where: words(100, 'Your postcode or town must be 100 characters or fewer'),
  choosing: words(100, 'Your postcode or town must be 100 characters or fewer').optional(),
})

export const NONE_OF_THESE = 'none'

export const hubForm = form({
  hub: z.preprocess(text, z.string().min(1, 'Choose your hub, or "None of these"').max(100)),
})

export const skillsForm = form({
  skills: z.preprocess(ticked, z.array(z.string().max(100)).max(200)),
  skillsInOwnWords: words(OWN_WORDS_MAX, `"In your own words" must be ${OWN_WORDS_MAX} characters or fewer`),
})

export const sharingForm = form({
  wouldLikeToShare: words(SHARE_MAX, `What you would like to share must be ${SHARE_MAX} characters or fewer`),
  howOften: z.preprocess(text, z.enum(HOW_OFTEN, { error: 'Choose how often you would like to share' })),
  availability: words(AVAILABILITY_MAX, `When you are free must be ${AVAILABILITY_MAX} characters or fewer`),
})

/** A phone number: digits, with spaces, brackets, dashes and a leading + allowed; 10 to 13 digits. */
const PHONE = /^\+?[0-9 ()-]+$/
const digitsIn = (value: string) => value.replace(/[^0-9]/g, '').length

export const contactForm = form({
  contactWays: z.preprocess(ticked, z.array(z.enum(['phone', 'email'])).max(2)),
  phone: words(30, 'Enter a phone number, like 01632 960 001 or 07700 900 982'),
  email: words(254, 'Your email address must be 254 characters or fewer'),
}).superRefine((form, context) => {
  if (form.contactWays.includes('phone')) {
    if (form.phone === '')
      context.addIssue({ code: 'custom', path: ['phone'], message: 'Enter your phone number' })
    else if (!PHONE.test(form.phone) || digitsIn(form.phone) < 10 || digitsIn(form.phone) > 13)
      context.addIssue({
        code: 'custom',
        path: ['phone'],
        message: 'Enter a phone number, like 01632 960 001 or 07700 900 982',
      })
  }
  if (form.contactWays.includes('email')) {
    if (form.email === '')
      context.addIssue({ code: 'custom', path: ['email'], message: 'Enter your email address' })
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email))
      context.addIssue({
        code: 'custom',
        path: ['email'],
        message: 'Enter an email address in the correct format, like name@example.com',
      })
  }
})

export const whoCanSeeForm = form({
  visibility: z.preprocess(
    text,
    z.enum(['coordinators', 'hub', 'public'], { error: 'Choose who can see your profile' }),
  ),
})

export const agreementForm = form({
  agree: z.preprocess(text, z.literal('yes', { error: 'Tick the box to say you agree' })),
  version: z.preprocess(text, z.string().max(50)),
})

/** "Check your answers" sends only its button. */
export const checkForm = form({})
