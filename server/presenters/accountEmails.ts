/**
 * The emails accounts send, in plain words. Each says how long its link works for: links
 * work once, and only for a while.
 */
import type { Email } from '../services/accounts/mailer'

const SIGN_OFF = '\n\nCommon Ground\n\nThis is an automatic email. Replies are not read.'

/** "15 minutes", "1 hour", "24 hours" */
export function lifetimeInWords(minutes: number): string {
  if (minutes < 60) return `${minutes} minutes`
  const hours = Math.round(minutes / 60)
  return hours === 1 ? '1 hour' : `${hours} hours`
}

interface LinkEmail {
  to: string
  name: string
  link: string
  minutes: number
}

export function confirmEmailEmail({ to, name, link, minutes }: LinkEmail): Email {
  return {
    to,
    subject: 'Confirm your email address for Common Ground',
    body:
      `Hello ${name},\n\nTo finish creating your Common Ground account, open this link:\n\n${link}\n\n` +
      `The link works once, for the next ${lifetimeInWords(minutes)}.\n\n` +
      `If you did not create an account, you do not need to do anything.${SIGN_OFF}`,
  }
}

export function alreadyHaveAnAccountEmail({
  to,
  name,
  signIn,
  forgottenPassword,
}: {
  to: string
  name: string
  signIn: string
  forgottenPassword: string
}): Email {
  return {
    to,
    subject: 'You already have a Common Ground account',
    body:
      `Hello ${name},\n\nSomeone tried to create a Common Ground account with this email address. ` +
      `You already have one.\n\nTo sign in, go to:\n\n${signIn}\n\n` +
      `If you have forgotten your password, you can set a new one:\n\n${forgottenPassword}\n\n` +
      `If this was not you, you do not need to do anything.${SIGN_OFF}`,
  }
}

export function signInLinkEmail({ to, name, link, minutes }: LinkEmail): Email {
  return {
    to,
    subject: 'Your link to sign in to Common Ground',
    body:
      `Hello ${name},\n\nTo sign in to Common Ground, open this link:\n\n${link}\n\n` +
      `The link works once, for the next ${lifetimeInWords(minutes)}.\n\n` +
      `If you did not ask for it, you do not need to do anything.${SIGN_OFF}`,
  }
}

export function resetPasswordEmail({ to, name, link, minutes }: LinkEmail): Email {
  return {
    to,
    subject: 'Set a new password for Common Ground',
    body:
      `Hello ${name},\n\nTo set a new password, open this link:\n\n${link}\n\n` +
      `The link works once, for the next ${lifetimeInWords(minutes)}.\n\n` +
      `If you did not ask for a new password, you do not need to do anything: your password has not changed.${SIGN_OFF}`,
  }
}

export function changeEmailEmail({ to, name, link, minutes }: LinkEmail): Email {
  return {
    to,
    subject: 'Confirm your new email address for Common Ground',
    body:
      `Hello ${name},\n\nTo use this email address for your Common Ground account, open this link:\n\n${link}\n\n` +
      `The link works once, for the next ${lifetimeInWords(minutes)}. Until then, your account keeps its old email address.\n\n` +
      `If you did not ask for this, you do not need to do anything.${SIGN_OFF}`,
  }
}

export function emailChangedEmail({
  to,
  name,
  newEmail,
}: {
  to: string
  name: string
  newEmail: string
}): Email {
  return {
    to,
    subject: 'Your Common Ground email address has changed',
    body:
      `Hello ${name},\n\nThe email address for your Common Ground account is now ${newEmail}.\n\n` +
      `If you did not do this, contact your local hub straight away.${SIGN_OFF}`,
  }
}

export function passwordChangedEmail({ to, name }: { to: string; name: string }): Email {
  return {
    to,
    subject: 'Your Common Ground password has changed',
    body:
      `Hello ${name},\n\nThe password for your Common Ground account has just been changed.\n\n` +
      `If you did not do this, set a new password straight away with "Forgotten your password?" on the sign-in page.${SIGN_OFF}`,
  }
}
