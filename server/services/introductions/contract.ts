/**
 * Being put in touch (issue 11): what the public "Ask to be put in touch" form asks of the
 * introductions service, and what it gets back. IntroductionService
 * (server/services/introductions/introductionService.ts) keeps the request in its hub's queue
 * and takes it, with a coordinator or peer lead of that hub, through choosing a person, asking
 * them, and passing on details when they say yes.
 *
 * Privacy (DESIGN.md): the person asking gives their own details to be passed on only when an
 * introduction is accepted (rule 4); nobody's contact details are ever shown on a public page;
 * closed introductions are anonymised after a set time (a setting, default 12 months).
 */
import type { FieldProblem } from '../../forms'
import type { RequestOrigin } from '../accounts/auditTrail'

/** Where someone asked from: search results, a hub page, a service page, a public profile, or the form on its own. */
export const ASKED_FROM = ['search', 'hub', 'service', 'person', 'direct'] as const
export type AskedFromKind = (typeof ASKED_FROM)[number]

export type AskedFrom =
  | { kind: 'search'; words: string; where: string }
  | { kind: 'hub'; slug: string }
  | { kind: 'service'; serviceId: number }
  | { kind: 'person'; personId: number }
  | { kind: 'direct' }

/** How the person asking would like to hear back. */
export const REPLY_ROUTES = ['email', 'phone'] as const
export type ReplyRoute = (typeof REPLY_ROUTES)[number]

/** The form as filled in, checked for shape by the form's schema (lengths, an email's form, a phone number's digits). */
export interface IntroductionRequestInput {
  from: AskedFrom
  /** what help they are looking for, in their own words */
  helpWanted: string
  name: string
  route: ReplyRoute
  /** required when route is 'email'; may be given as well as a phone number */
  email: string | null
  /** required when route is 'phone' */
  phone: string | null
  /** their area as typed: a town, a postcode or a district ('Ramsgate', 'CT11 9PX', 'CT11') */
  area: string
  /** the hub chosen from a list, when the area or the page left more than one */
  hubSlug: string | null
}

/** A hub a request can go to. */
export interface HubChoice {
  slug: string
  name: string
  /** miles from the area given, when known */
  miles: number | null
}

/** How long an answer usually takes, said plainly on the form and its confirmation. */
export interface UsualWait {
  /** "within a week": from the hub's recent accepted introductions when there are enough, else the set days */
  phrase: string
  /** the days a person asked has to answer before the request goes back to the queue */
  answerDays: number
}

export type IntroductionRequestResult =
  /** kept in the hub's queue */
  | { kind: 'sent'; introductionId: number; hub: HubChoice; usualWait: UsualWait }
  /** what the service could not accept (an area it does not know): field by field, in plain English */
  | { kind: 'invalid'; problems: FieldProblem[] }
  /** the area fits more than one hub (or the page none): the person chooses one of these */
  | { kind: 'choose-hub'; hubs: HubChoice[] }

/** What the form needs before anything is typed: the hub the page points to, when one does. */
export interface RequestStart {
  /** the hub the request would go to, when the page it came from settles it */
  hub: HubChoice | null
  /** a few words shown on the form ("about Tuesday Lunch Club", "to Pauline H."), never contact details */
  about: string | null
}

/** The public side of introductions. */
export interface IntroductionRequests {
  /** What the form should say for a request from this page; null when the page does not exist (404). */
  start(from: AskedFrom): RequestStart | null
  /** Keeps a request in its hub's queue, or says why not. One transaction. */
  request(input: IntroductionRequestInput, origin: RequestOrigin): IntroductionRequestResult
  /**
   * What request() would answer, keeping nothing, with the number the next request would
   * have: the answer for a robot that filled in the form's hidden box (the honeypot).
   */
  answerWithoutKeeping(input: IntroductionRequestInput): IntroductionRequestResult
  /** How long an answer usually takes, for a hub (or in general). */
  usualWait(hubId: number | null): UsualWait
}

/** Days a person asked has to answer before the request goes back to the queue (INTRODUCTION_ANSWER_DAYS). */
export const DEFAULT_ANSWER_DAYS = 7
/** Months after closing that an introduction is anonymised (INTRODUCTION_RETENTION_MONTHS). */
export const DEFAULT_RETENTION_MONTHS = 12
/** "Introduced N times in the last 90 days" on Find local expertise. */
export const RECENT_INTRODUCTION_DAYS = 90
