/**
 * The email with a link to claim a profile made on someone's behalf, in plain words. It says
 * who sent it and how long the link works for: links work once, and only for a while.
 */
import type { Email } from '../services/accounts/mailer'

const SIGN_OFF = '\n\nCommon Ground\n\nThis is an automatic email. Replies are not read.'

export function claimLinkEmail({
  to,
  name,
  link,
  days,
}: {
  to: string
  name: string
  link: string
  days: number
}): Email {
  return {
    to,
    subject: 'Your profile on Common Ground',
    body:
      `Hello ${name},\n\nA coordinator of your local hub put your skills on Common Ground for you. ` +
      `To see your profile yourself, and change it whenever you like, open this link and create an account or sign in:\n\n${link}\n\n` +
      `The link works once, for the next ${days} days.\n\n` +
      `If you were not expecting this, you do not need to do anything.${SIGN_OFF}`,
  }
}
