/**
 * The emails an introduction sends, in plain words: the ask (to the person chosen, with the
 * one-use link to answer), and on "yes" one email to each side holding the other's details
 * (privacy rule 4). Each goes only to the person it names.
 */
import type { Email } from '../accounts/mailer'

const SIGN_OFF = '\n\nCommon Ground\n\nThis is an automatic email. Replies are not read.'

export function askEmail(input: {
  to: string
  name: string
  hubName: string
  helpWanted: string
  link: string
  days: number
}): Email {
  return {
    to: input.to,
    subject: `Can you help someone in ${input.hubName}?`,
    body:
      `Hello ${input.name},\n\nSomeone near you has asked ${input.hubName} for help. This is what they asked for:\n\n` +
      `"${input.helpWanted}"\n\nThe hub thought of you. To say yes or no, open this link:\n\n${input.link}\n\n` +
      `The link works once, for the next ${input.days === 1 ? 'day' : `${input.days} days`}. ` +
      `If you say yes, we will send you their name and how to reach them, and send them yours. ` +
      `If you say no, that is fine: nobody will be told your details.${SIGN_OFF}`,
  }
}

/** To the person who asked: who will help, and how to reach them. */
export function detailsToRequesterEmail(input: {
  to: string
  requesterName: string
  hubName: string
  helperName: string
  helperPhone: string | null
  helperEmail: string | null
}): Email {
  const ways = [
    input.helperPhone ? `Phone: ${input.helperPhone}` : null,
    input.helperEmail ? `Email: ${input.helperEmail}` : null,
  ].filter((line): line is string => line !== null)
  return {
    to: input.to,
    subject: `${input.helperName} can help you`,
    body:
      `Hello ${input.requesterName},\n\nYou asked ${input.hubName} to put you in touch with someone who can help. ` +
      `${input.helperName} has said yes.\n\n` +
      (ways.length > 0
        ? `You can reach ${input.helperName} here:\n\n${ways.join('\n')}\n\n`
        : `${input.helperName} will get in touch with you.\n\n`) +
      `We have sent ${input.helperName} your name and how to reach you.${SIGN_OFF}`,
  }
}

/** To the person helping: who asked, for what, and how to reach them. */
export function detailsToHelperEmail(input: {
  to: string
  helperName: string
  hubName: string
  requesterName: string
  requesterArea: string
  requesterPhone: string | null
  requesterEmail: string | null
  helpWanted: string
}): Email {
  const ways = [
    input.requesterPhone ? `Phone: ${input.requesterPhone}` : null,
    input.requesterEmail ? `Email: ${input.requesterEmail}` : null,
  ].filter((line): line is string => line !== null)
  return {
    to: input.to,
    subject: `Thank you for helping: ${input.requesterName}’s details`,
    body:
      `Hello ${input.helperName},\n\nThank you for saying yes. ${input.requesterName} (${input.requesterArea}) ` +
      `asked ${input.hubName} for help with:\n\n"${input.helpWanted}"\n\nYou can reach them here:\n\n${ways.join('\n')}\n\n` +
      `Please get in touch with them soon. Keep their details to yourself.${SIGN_OFF}`,
  }
}
