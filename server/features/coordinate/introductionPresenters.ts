/**
 * The introduction pages' view models (issue 11): the queue, one introduction with its
 * timeline and what can be done next, the step forms, and the print-friendly "What to say"
 * page. Service results in, words and links (from the address book) out.
 */
import { addresses } from '../../addresses'
import { type FieldProblem, formErrors } from '../../forms'
import { paginationView } from '../../presenters/pagination'
import { whenInWords } from '../../presenters/adminPages'
import type { HubsLookedAfter } from '../../services/coordinate/coordinatorService'
import {
  CLOSED_WITHOUT,
  CLOSED_WITHOUT_WORDS,
  type DetailsToPassOn,
  HOW_IT_WENT,
  HOW_IT_WENT_WORDS,
  type Introduction,
  type IntroductionsPage,
  STATES,
  type WaitingByHub,
} from '../../services/introductions/introductionService'
import type {
  IntroductionEventKind,
  IntroductionStatus,
} from '../../../db/repositories/introductionsRepository'
import { coordinateBreadcrumbs } from './presenters'

const DAY_MS = 86_400_000

export const STATE_WORDS: Record<IntroductionStatus, string> = {
  waiting: 'Waiting',
  asked: 'Asked',
  accepted: 'Accepted',
  closed: 'Closed',
}

const STATE_HEADINGS: Record<IntroductionStatus, string> = {
  waiting: 'waiting for someone to be chosen',
  asked: 'waiting for an answer',
  accepted: 'accepted: how did it go?',
  closed: 'closed',
}

const EVENT_WORDS: Record<IntroductionEventKind, string> = {
  requested: 'Asked to be put in touch',
  'person-chosen': 'Person chosen',
  'asked-by-email': 'Asked by email',
  'asked-by-phone': 'Asked on the phone',
  accepted: 'Said yes',
  declined: 'Said no',
  'no-answer': 'No answer in time: back in the queue',
  'details-sent': 'Details passed on',
  'how-it-went': 'How it went',
  closed: 'Closed',
  note: 'Note',
  anonymised: 'Personal details removed',
}

/** "3 days", "1 day", "less than a day" */
export function waitedInWords(sinceIso: string, now: Date): string {
  const days = Math.floor((now.getTime() - new Date(sinceIso).getTime()) / DAY_MS)
  if (days < 1) return 'less than a day'
  return days === 1 ? '1 day' : `${days} days`
}

const introductionsCrumbs = () => [
  ...coordinateBreadcrumbs(),
  { href: addresses.coordinateIntroductions(), text: 'Introductions' },
]

/** The coordinator home's "Introductions waiting", for one hub. */
export function presentWaiting(
  hub: { id: number; slug: string; name: string },
  waiting: WaitingByHub,
  now: Date,
) {
  const found = waiting.get(hub.id)
  const count = found?.count ?? 0
  return {
    introductionsWaiting:
      count === 0
        ? 'No introductions waiting.'
        : `${count === 1 ? '1 introduction is' : `${count} introductions are`} waiting for someone to be chosen. The oldest first:`,
    oldestWaiting: (found?.oldest ?? []).map((row) => ({
      href: addresses.coordinateIntroduction(row.id),
      text: short(row.helpWanted),
      waited: `waiting ${waitedInWords(row.waitingSince, now)}`,
    })),
    introductionsHref: addresses.coordinateIntroductions({ hub: hub.slug }),
  }
}

const short = (text: string): string => (text.length > 80 ? `${text.slice(0, 77).trimEnd()}…` : text)

export function presentIntroductions(input: {
  found: IntroductionsPage
  hub: { slug: string; name: string } | null
  lookingAfter: HubsLookedAfter
  now: Date
}) {
  const { found, hub, now } = input
  const where = hub ? ` in ${hub.name}` : ''
  return {
    pageTitle: `Introductions ${STATE_HEADINGS[found.status]}${where}${found.pageCount > 1 ? ` (page ${found.page} of ${found.pageCount})` : ''}`,
    heading: `Introductions${where}`,
    breadcrumbs: coordinateBreadcrumbs(),
    states: STATES.map((state) => ({
      text: STATE_WORDS[state],
      href: addresses.coordinateIntroductions({ state, hub: hub?.slug ?? null }),
      current: state === found.status,
    })),
    count:
      found.total === 0
        ? `No introductions ${STATE_HEADINGS[found.status]}${where}.`
        : `${found.total === 1 ? '1 introduction' : `${found.total} introductions`} ${STATE_HEADINGS[found.status]}${where}, the longest waiting first.`,
    introductions: found.introductions.map((row) => ({
      href: addresses.coordinateIntroduction(row.id),
      text: short(row.helpWanted),
      hubName: row.hubName,
      area: row.requesterArea,
      asked: whenInWords(row.createdAt),
      waited: row.status === 'waiting' ? `Waiting ${waitedInWords(row.waitingSince, now)}` : null,
      answerDue:
        row.status === 'asked' && row.answerDueAt ? `Answer due by ${whenInWords(row.answerDueAt)}` : null,
    })),
    allHubsHref: hub ? addresses.coordinateIntroductions({ state: found.status }) : null,
    pagination: paginationView(found.page, found.pageCount, (page) =>
      addresses.coordinateIntroductions({ state: found.status, hub: hub?.slug ?? null }, page),
    ),
  }
}

export function presentIntroduction(
  introduction: Introduction,
  input: { now: Date; csrfToken: string; skillCode: string | null; notice: string | null },
) {
  const { now } = input
  const id = introduction.id
  const waiting = introduction.status === 'waiting'
  const person = introduction.person
  return {
    pageTitle: `Introduction ${id}: ${introduction.anonymised ? 'details removed' : introduction.requesterName} – Coordinate`,
    breadcrumbs: introductionsCrumbs(),
    id,
    csrfToken: input.csrfToken,
    notice: input.notice,
    state: STATE_WORDS[introduction.status],
    hubName: introduction.hub.name,
    helpWanted: introduction.helpWanted,
    // Once anonymised, the name is gone: "Someone asked to be put in touch".
    requesterName: introduction.anonymised ? 'Someone' : introduction.requesterName,
    requesterArea: introduction.requesterArea,
    requesterRoute: introduction.requesterRoute === 'email' ? 'By email' : 'By phone',
    asked: whenInWords(introduction.createdAt),
    waited: waiting ? `Waiting ${waitedInWords(introduction.waitingSince, now)}` : null,
    anonymised: introduction.anonymised,
    personName: person?.displayName ?? null,
    personHref: person ? addresses.coordinatePerson(person.id) : null,
    answerDue:
      introduction.status === 'asked' && introduction.answerDueAt
        ? `If there is no answer by ${whenInWords(introduction.answerDueAt)}, it goes back to the queue.`
        : null,
    outcome: introduction.outcome
      ? `${{ ...HOW_IT_WENT_WORDS, ...CLOSED_WITHOUT_WORDS }[introduction.outcome]}${introduction.outcomeNote ? `: ${introduction.outcomeNote}` : ''}`
      : null,
    // What can be done next.
    findSomeoneHref: waiting
      ? addresses.coordinateExpertise({
          hub: introduction.hub.slug,
          skill: input.skillCode,
          introduction: id,
        })
      : null,
    askByEmailAction: waiting && person?.hasEmail ? addresses.coordinateIntroductionAsk(id) : null,
    recordAnswerHref:
      person && (waiting || introduction.status === 'asked')
        ? addresses.coordinateIntroductionAnswer(id)
        : null,
    contactHref: introduction.anonymised ? null : addresses.coordinateIntroductionContact(id),
    closeHref: waiting || introduction.status === 'asked' ? addresses.coordinateIntroductionClose(id) : null,
    howItWentHref: introduction.status === 'accepted' ? addresses.coordinateIntroductionHowItWent(id) : null,
    passOnHref:
      introduction.status === 'accepted' && (introduction.passOn.toRequester || introduction.passOn.toHelper)
        ? addresses.coordinateIntroductionPassOn(id)
        : null,
    passOnWho: [
      introduction.passOn.toRequester ? `${introduction.requesterName} (they asked to hear by phone)` : null,
      introduction.passOn.toHelper
        ? `${person?.displayName ?? 'the person helping'} (they have no email address)`
        : null,
    ]
      .filter(Boolean)
      .join(' and '),
    timeline: introduction.timeline.map((step) => ({
      what: EVENT_WORDS[step.kind],
      when: whenInWords(step.at),
      datetime: step.at,
      who: [step.person, step.by ? `by ${step.by}` : null].filter(Boolean).join(', '),
      note: step.note,
    })),
  }
}

/** "Record their answer from the phone" */
export function presentAnswerForm(
  introduction: Introduction,
  input: { answer: string; problems: readonly FieldProblem[]; csrfToken: string },
) {
  const name = introduction.person?.displayName ?? 'the person'
  return {
    ...formErrors(input.problems, { answer: 'answer' }),
    pageTitle: `What did ${name} say?`,
    breadcrumbs: [
      ...introductionsCrumbs(),
      { href: addresses.coordinateIntroduction(introduction.id), text: `Introduction ${introduction.id}` },
    ],
    backHref: addresses.coordinateIntroduction(introduction.id),
    action: addresses.coordinateIntroductionAnswer(introduction.id),
    csrfToken: input.csrfToken,
    name,
    hint: `They were asked about: ${introduction.helpWanted}`,
    items: [
      { value: 'accepted', text: `Yes, ${name} will help`, checked: input.answer === 'accepted' },
      { value: 'declined', text: `No, ${name} cannot help this time`, checked: input.answer === 'declined' },
    ],
  }
}

/** "How it went" and "Close without an introduction": an outcome and a note. */
export function presentOutcomeForm(
  introduction: Introduction,
  input: {
    kind: 'how-it-went' | 'close'
    outcome: string
    note: string
    problems: readonly FieldProblem[]
    csrfToken: string
  },
) {
  const howItWent = input.kind === 'how-it-went'
  const choices = howItWent
    ? HOW_IT_WENT.map((code) => ({ value: code, text: HOW_IT_WENT_WORDS[code] }))
    : CLOSED_WITHOUT.map((code) => ({ value: code, text: CLOSED_WITHOUT_WORDS[code] }))
  return {
    ...formErrors(input.problems, { outcome: 'outcome', note: 'note' }),
    pageTitle: howItWent ? 'How did it go?' : 'Close without an introduction',
    breadcrumbs: [
      ...introductionsCrumbs(),
      { href: addresses.coordinateIntroduction(introduction.id), text: `Introduction ${introduction.id}` },
    ],
    backHref: addresses.coordinateIntroduction(introduction.id),
    action: howItWent
      ? addresses.coordinateIntroductionHowItWent(introduction.id)
      : addresses.coordinateIntroductionClose(introduction.id),
    csrfToken: input.csrfToken,
    legend: howItWent ? 'How did it go?' : 'Why is it being closed?',
    button: howItWent ? 'Save and close' : 'Close without an introduction',
    hint: `The request: ${introduction.helpWanted}`,
    items: choices.map((choice) => ({ ...choice, checked: input.outcome === choice.value })),
    note: input.note,
    noteHint: howItWent
      ? 'For example, what they did together. Leave out phone numbers and email addresses.'
      : 'For example, who you tried. Leave out phone numbers and email addresses.',
  }
}

/** The print-friendly page: what to say on the phone, or a letter, to each side that needs it. */
export function presentPassOn(details: DetailsToPassOn) {
  const helperWays = [
    details.helper.phone ? `phone ${details.helper.phone}` : null,
    details.helper.email ? `email ${details.helper.email}` : null,
  ].filter(Boolean)
  const requesterWays = [
    details.requester.phone ? `phone ${details.requester.phone}` : null,
    details.requester.email ? `email ${details.requester.email}` : null,
  ].filter(Boolean)
  return {
    pageTitle: `What to say: introduction ${details.introductionId}`,
    breadcrumbs: [
      ...introductionsCrumbs(),
      {
        href: addresses.coordinateIntroduction(details.introductionId),
        text: `Introduction ${details.introductionId}`,
      },
    ],
    backHref: addresses.coordinateIntroduction(details.introductionId),
    toRequester: details.toRequester
      ? {
          name: details.requester.name,
          ways: requesterWays.join(' or '),
          script:
            `Hello ${details.requester.name}, this is ${details.hubName}. You asked us to put you in touch with someone who can help. ` +
            `${details.helper.displayName} has said yes. ` +
            (helperWays.length > 0
              ? `You can reach them by ${helperWays.join(' or ')}.`
              : `${details.helper.displayName} will get in touch with you.`),
        }
      : null,
    toHelper: details.toHelper
      ? {
          name: details.helper.displayName,
          ways: [details.helper.phone ? `phone ${details.helper.phone}` : null].filter(Boolean).join(''),
          script:
            `Hello ${details.helper.displayName}, this is ${details.hubName}. Thank you for saying yes. ` +
            `${details.requester.name} (${details.requester.area}) asked for help with: “${details.helpWanted}”. ` +
            (requesterWays.length > 0 ? `You can reach them by ${requesterWays.join(' or ')}.` : ''),
        }
      : null,
  }
}

/** "Show how to reach them": the reason form (the same page as a person's "Show contact details"). */
export function presentRequesterContactForm(
  introduction: Introduction,
  input: { reason: string; problems: readonly FieldProblem[]; csrfToken: string },
) {
  return {
    ...formErrors(input.problems, { reason: 'reason' }),
    pageTitle: `Show the contact details of ${introduction.requesterName}`,
    breadcrumbs: [
      ...introductionsCrumbs(),
      { href: addresses.coordinateIntroduction(introduction.id), text: `Introduction ${introduction.id}` },
    ],
    name: introduction.requesterName,
    action: addresses.coordinateIntroductionContact(introduction.id),
    backHref: addresses.coordinateIntroduction(introduction.id),
    reason: input.reason,
    csrfToken: input.csrfToken,
  }
}

/** The contact details of the person who asked, shown once (no-store), after the reason. */
export function presentRequesterContactShown(
  introduction: Introduction,
  details: { name: string; phone: string | null; email: string | null; route: 'email' | 'phone' },
) {
  return {
    pageTitle: `Contact details of ${details.name}`,
    breadcrumbs: [
      ...introductionsCrumbs(),
      { href: addresses.coordinateIntroduction(introduction.id), text: `Introduction ${introduction.id}` },
    ],
    name: details.name,
    phone: details.phone,
    phoneHref: details.phone ? addresses.phone(details.phone) : null,
    email: details.email,
    emailHref: details.email ? addresses.email(details.email) : null,
    throughHubOnly: false,
    contactWays: details.route === 'email' ? 'By email' : 'By phone',
    backHref: addresses.coordinateIntroduction(introduction.id),
  }
}
