/**
 * Share your skills (issue 10): what the question pages and "Your profile" ask of the
 * services, and what they get back. SharingService (server/services/sharing/sharingService.ts)
 * keeps the answers (a draft until the person finishes, then their profile) and the consent;
 * ProfileService (server/services/sharing/profileService.ts) shows, pauses, withdraws,
 * downloads and deletes. Both take the signed-in account's id, never a person id from a form.
 *
 * Privacy (DESIGN.md, "People's privacy: the rules"): only a postcode district is kept of
 * where someone lives (rule 1); who may see the profile is the person's choice (rule 2);
 * contact details are kept but never shown to anyone else (rule 4); free text may not hold
 * contact details and is checked when saved (rule 6); consent is recorded with its wording's
 * version (rule 6); a person can download and delete everything (rule 7).
 */
import type { Visibility } from '../../../db/repositories/peopleRepository'
import type { RequestOrigin } from '../accounts/auditTrail'
import type { PlaceOption, PlaceSuggestion } from '../locationService'

export type { Visibility }

/** The question pages, in the order they are asked. 'check' is "Check your answers". */
export const SHARING_STEPS = [
  'name',
  'where',
  'hub',
  'skills',
  'sharing',
  'contact',
  'who-can-see',
  'agreement',
  'check',
] as const
export type SharingStep = (typeof SHARING_STEPS)[number]

/** How often someone would like to share, in simple choices. */
export const HOW_OFTEN = ['now-and-then', 'few-hours-month', 'few-hours-week', 'most-weeks'] as const
export type HowOften = (typeof HOW_OFTEN)[number]

/** How people should get in touch: always through the hub, and by phone or email only when chosen. */
export const CONTACT_WAYS = ['through-hub', 'phone', 'email'] as const
export type ContactWay = (typeof CONTACT_WAYS)[number]

/**
 * Everything the questions ask. In a draft any of it may be missing; a profile has all that
 * is required (firstName, postcodeDistrict or a hub, at least one skill or own words,
 * contactWays, visibility, the agreement).
 */
export interface SharingAnswers {
  firstName?: string
  /** optional; only its first letter is ever shown to others */
  lastName?: string
  /** the postcode district only (privacy rule 1): 'CT10'; never a full postcode */
  postcodeDistrict?: string
  /** the place's name as found, such as 'Broadstairs' or 'CT10', to show back on the page */
  placeLabel?: string
  /** the chosen hub's slug; null for "none of these" */
  hubSlug?: string | null
  /** skill codes from the skill list */
  skills?: string[]
  skillsInOwnWords?: string
  wouldLikeToShare?: string
  howOften?: HowOften
  /** when they are free, in their own words ("weekday mornings") */
  availability?: string
  contactWays?: ContactWay[]
  /** only kept when 'phone' is in contactWays */
  phone?: string
  /** only kept when 'email' is in contactWays */
  email?: string
  visibility?: Visibility
  /** the consent wording's version the person agreed to on the agreement page */
  agreedVersion?: string
}

/** A problem with what was typed, for the error summary: which field and why, in plain words. */
export interface AnswerProblem {
  field: string
  message: string
}

/** What saving one page's answers did. */
export type SaveResult = { kind: 'saved' } | { kind: 'problems'; problems: AnswerProblem[] }

/** "Where you live": a district found, several places to choose from, or not found. */
export type WhereResult =
  | { kind: 'found'; postcodeDistrict: string; placeLabel: string }
  | { kind: 'choose'; name: string; options: PlaceOption[] }
  | { kind: 'not-found'; message: string; suggestions: PlaceSuggestion[] }

/** A hub to choose from on "Your hub". */
export interface HubChoice {
  slug: string
  name: string
  /** true when the hub's area holds the place given; those come first */
  covers: boolean
  /** miles from the place, rounded to one decimal */
  miles: number
}

/** The skills, in groups, with their plain-English names and a line about each. */
export interface SkillGroup {
  name: string
  skills: { code: string; name: string; description: string }[]
}

/** The consent statement: its version (stored with the consent) and its words. */
export interface ConsentStatement {
  version: string
  paragraphs: string[]
}

/** How a consent was given (privacy rule 6). This journey records 'online', by the person. */
export type ConsentMethod = 'online' | 'phone' | 'paper' | 'in-person' | 'helper'

export interface ConsentRecord {
  version: string
  agreedAt: string
  method: ConsentMethod
  /** the account that recorded it: the person's own for this journey */
  recordedByAccountId: number | null
  withdrawnAt: string | null
  /** given through a family member or helper: who they were */
  helperName: string | null
  /** given other than online: the day to check with the person that they still agree */
  checkAgainOn: string | null
  /** when a coordinator last checked it with the person */
  checkedAt: string | null
}

/** Whether a profile is shown: shown, paused by the person, or consent withdrawn. */
export type ProfileStatus = 'shown' | 'paused' | 'withdrawn'

/** A person's own profile, as they see it: everything, contact details too. */
export interface OwnProfile {
  personId: number
  answers: Required<Pick<SharingAnswers, 'firstName' | 'visibility'>> & SharingAnswers
  hub: { slug: string; name: string } | null
  skillNames: string[]
  status: ProfileStatus
  consent: ConsentRecord | null
}

/** What another person sees of the profile at one visibility: never contact details or district. */
export interface ProfilePreview {
  visibility: Visibility
  /** who sees this, in one plain sentence */
  whoSees: string
  /** "Margaret H." */
  displayName: string
  hubName: string | null
  skills: string[]
  skillsInOwnWords: string
  wouldLikeToShare: string
  /** "through the hub" (contact details themselves are never shown) */
  howToGetInTouch: string
}

/** The questions' service. Every method takes the signed-in account's id. */
export interface SharingServiceContract {
  /** the answers so far: the profile's when there is one, else the draft's (empty when none) */
  answersOf(accountId: number): { answers: SharingAnswers; hasProfile: boolean }
  /**
   * Checks and saves one page's answers: to the profile when there is one (in one transaction,
   * writing visibility changes to the audit log), else to the draft. Free text with contact
   * details is refused with the plain reason (privacy rule 6).
   */
  saveAnswers(
    accountId: number,
    step: SharingStep,
    answers: SharingAnswers,
    origin: RequestOrigin,
  ): SaveResult
  /** the first step still to answer, or 'check' when all are answered */
  nextUnanswered(accountId: number): SharingStep
  /** "Where you live": the postcode district of a postcode, district or town typed */
  findWhere(typed: string): WhereResult
  /** the hubs whose area holds the person's place first, then the nearest: at most `limit` */
  hubChoices(postcodeDistrict: string, limit?: number): HubChoice[]
  skillGroups(): SkillGroup[]
  consentStatement(): ConsentStatement
  /** a message when the text holds something like a phone number or email address, else null */
  contactDetailsProblem(text: string): string | null
  /**
   * Makes the profile from a complete draft, in one transaction: the person, their skills, the
   * consent (online, by themself), membership of the chosen hub; then the draft goes.
   */
  finish(
    accountId: number,
    origin: RequestOrigin,
  ): { kind: 'finished'; personId: number } | { kind: 'incomplete'; step: SharingStep }
}

/** "Your profile": show, preview, pause, withdraw, download, delete. */
export interface ProfileServiceContract {
  profileOf(accountId: number): OwnProfile | null
  /** what others see, at each of the three visibilities, side by side with the person's own view */
  previews(accountId: number): ProfilePreview[]
  pause(accountId: number, origin: RequestOrigin): boolean
  resume(accountId: number, origin: RequestOrigin): boolean
  /** hides the profile everywhere at once and records when consent was withdrawn (audit log) */
  withdrawConsent(accountId: number, origin: RequestOrigin): boolean
  /** every record about the person (and nobody else's), with a short explanation, as one JSON value */
  download(accountId: number): Record<string, unknown>
  /**
   * Erases the person's data everywhere: the profile, skills, consents, draft, the account,
   * its sessions, emailed links and outbox messages. Freed pages are zeroed (secure_delete) and
   * the WAL is checkpointed, so the erased text is not left in the file. Audit entries stay,
   * holding only the account's number.
   */
  deleteEverything(accountId: number, origin: RequestOrigin): void
}
