import crypto from 'node:crypto'
import type { Db } from '../../../db/connection'
import type { AccountsRepository } from '../../../db/repositories/accountsRepository'
import type { ClaimLinksRepository } from '../../../db/repositories/claimLinksRepository'
import type { ConsentsRepository } from '../../../db/repositories/consentsRepository'
import type { ExpertiseRepository } from '../../../db/repositories/expertiseRepository'
import type { PeopleRepository } from '../../../db/repositories/peopleRepository'
import type { ProfilesRepository } from '../../../db/repositories/profilesRepository'
import type { AuditTrail, RequestOrigin } from '../accounts/auditTrail'
import { tokenHash } from '../accounts/accountService'
import { DAY_MS, isoSecond } from '../accounts/times'
import type { Clock } from '../clock'
import { insist, mayCoordinateHub, NotAllowedError } from '../permissions'
import { contactDetailsProblem } from '../sharing/contactDetails'
import type { AnswerProblem, SharingAnswers, SharingStep } from '../sharing/contract'
import type { ProfileService } from '../sharing/profileService'
import { personFrom, type SharingService } from '../sharing/sharingService'
import { accountIdOf, type Viewer } from '../viewer'

/** How consent may be given for someone registered on their behalf (privacy rule 6). */
export const ASSISTED_METHODS = ['phone', 'paper', 'in-person', 'helper'] as const
export type AssistedMethod = (typeof ASSISTED_METHODS)[number]

/** A claim link works for this many days. */
export const CLAIM_LINK_DAYS = 14
/** The check-again date offered: this many months on. */
export const CHECK_AGAIN_MONTHS = 12
/** The check-again date may be at most this many years on. */
export const CHECK_AGAIN_MAX_YEARS = 3
export const HELPER_NAME_MAX = 100
export const REASON_MAX = 500

/** The questions of "Share your skills" asked on someone's behalf: all but the agreement. */
export const ON_BEHALF_STEPS: readonly SharingStep[] = [
  'name',
  'where',
  'hub',
  'skills',
  'sharing',
  'contact',
  'who-can-see',
]

/** How consent was given, as the form sent it: the method, the helper's name, the day to check again. */
export interface ConsentGiven {
  method: string
  helperName: string
  /** YYYY-MM-DD, or null when what was typed is not a date (the schema has said why) */
  checkAgainOn: string | null
}

/** A person's consent as a coordinator of their hub sees it. */
export interface PersonConsent {
  method: string
  helperName: string | null
  agreedAt: string
  wordingVersion: string
  /** the name of the account that recorded it, or null when it is gone (or it was the seed) */
  recordedBy: string | null
  /** true when the person recorded it themself, online */
  recordedByThemself: boolean
  checkAgainOn: string | null
  checkedAt: string | null
  checkedBy: string | null
  /** true when the day to check it again has come */
  due: boolean
}

/** A person acted on behalf of: enough to name them and say whether they have an account. */
export interface OnBehalfPerson {
  id: number
  displayName: string
  hubName: string | null
  hasAccount: boolean
}

export type RegisterResult =
  { kind: 'problems'; problems: AnswerProblem[] } | { kind: 'registered'; personId: number }

export type ClaimLinkResult =
  | { kind: 'problems'; problems: AnswerProblem[] }
  | { kind: 'has-account' }
  | { kind: 'created'; token: string; to: string; displayName: string; days: number }

export type ClaimResult =
  { kind: 'claimed'; personId: number } | { kind: 'invalid' } | { kind: 'has-profile' }

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

const METHOD_WORDS: Record<AssistedMethod, string> = {
  phone: 'by phone',
  paper: 'on a paper form',
  'in-person': 'in person',
  helper: 'through a family member or helper',
}

const displayName = (firstName: string, lastName: string): string => {
  const initial = lastName.trim().slice(0, 1).toUpperCase()
  return initial ? `${firstName} ${initial}.` : firstName
}

/** A day, YYYY-MM-DD, `months` on from `day` (the 31st in a short month is its last day). */
export function monthsOn(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number]
  const target = new Date(Date.UTC(year, month - 1 + months, 1))
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(date, last))
  return target.toISOString().slice(0, 10)
}

/**
 * Registering someone on their behalf (issue 11): a coordinator or peer lead asks the "Share
 * your skills" questions for a person who is not online and records how they gave consent,
 * who recorded it and when to check it again; later checks it again, sends the person a link to
 * claim their profile with an account, and downloads or deletes their data for them. Every
 * method takes the viewer and decides per hub (mayCoordinateHub): a peer lead in their own hubs
 * only. Every change is written to the audit log.
 */
export class OnBehalfService {
  constructor(
    private readonly stores: {
      db: Db
      people: PeopleRepository
      profiles: ProfilesRepository
      consents: ConsentsRepository
      claimLinks: ClaimLinksRepository
      accounts: AccountsRepository
      expertise: ExpertiseRepository
    },
    private readonly sharing: SharingService,
    private readonly profiles: ProfileService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** Today, YYYY-MM-DD (UTC). */
  today(): string {
    return this.clock.now().toISOString().slice(0, 10)
  }

  /** The check-again day offered: 12 months on from today. */
  defaultCheckAgainOn(): string {
    return monthsOn(this.today(), CHECK_AGAIN_MONTHS)
  }

  /**
   * Registers a person on their behalf: their answers checked as "Share your skills" checks
   * them, the hub one the viewer looks after, and how consent was given. In one transaction:
   * the person (with no account), their skills, the consent (its method, the helper's name,
   * the recorder: the viewer; the day to check it again) and one audit entry.
   */
  register(
    viewer: Viewer,
    answers: SharingAnswers,
    consent: ConsentGiven,
    origin: RequestOrigin,
  ): RegisterResult {
    this.insistCoordinator(viewer)
    const hub = answers.hubSlug ? this.stores.people.findHub(answers.hubSlug) : undefined
    if (hub && !mayCoordinateHub(viewer, hub.id)) throw new NotAllowedError()
    const checked = this.sharing.checkAnswers(answers, ON_BEHALF_STEPS)
    const problems = [...checked.problems]
    if (!answers.hubSlug) problems.push({ field: 'hubSlug', message: 'Choose their hub' })
    problems.push(...this.consentProblems(consent))
    if (problems.length > 0 || !hub) return { kind: 'problems', problems }
    const kept = checked.answers
    const at = isoSecond(this.clock.now())
    const method = consent.method as AssistedMethod
    const personId = this.stores.db.transaction(() => {
      const id = this.stores.people.insert({
        ...personFrom(kept, hub.id),
        accountId: null,
        createdAt: at,
        updatedAt: at,
      })
      this.stores.consents.record({
        personId: id,
        wordingVersion: this.sharing.consentStatement().version,
        agreedAt: at,
        method,
        recordedByAccountId: accountIdOf(viewer),
        helperName: method === 'helper' ? consent.helperName.trim() : null,
        checkAgainOn: consent.checkAgainOn,
      })
      this.audit.record({
        accountId: accountIdOf(viewer),
        action: 'registered-on-behalf',
        recordType: 'person',
        recordId: id,
        from: origin,
        detail: `In ${hub.name}; consent given ${METHOD_WORDS[method]}; to check again on ${consent.checkAgainOn}`,
      })
      return id
    })()
    return { kind: 'registered', personId }
  }

  /** The consent in force of a person of the viewer's hubs, or null when they have none (or no such person). */
  consentOf(viewer: Viewer, personId: number): PersonConsent | null {
    this.insistMayActFor(viewer, personId)
    const consent = this.stores.consents.inForceFor(personId)
    if (!consent) return null
    const nameOf = (id: number | null) =>
      id === null ? null : (this.stores.accounts.find(id)?.displayName ?? null)
    const own = this.stores.profiles.ofPerson(personId)?.accountId ?? null
    return {
      method: consent.method,
      helperName: consent.helperName,
      agreedAt: consent.agreedAt,
      wordingVersion: consent.wordingVersion,
      recordedBy: nameOf(consent.recordedByAccountId),
      recordedByThemself: consent.method === 'online' && own !== null && consent.recordedByAccountId === own,
      checkAgainOn: consent.checkAgainOn,
      checkedAt: consent.checkedAt,
      checkedBy: nameOf(consent.checkedByAccountId),
      due: consent.checkAgainOn !== null && consent.checkAgainOn <= this.today(),
    }
  }

  /**
   * A coordinator checked with the person that they still agree: when, who, and the next day
   * to check. One audit entry. Problems when the day is not in the future.
   */
  recordConsentChecked(
    viewer: Viewer,
    personId: number,
    checkAgainOn: string | null,
    origin: RequestOrigin,
  ): { kind: 'problems'; problems: AnswerProblem[] } | { kind: 'checked' } | { kind: 'no-consent' } {
    this.insistMayActFor(viewer, personId)
    const problems = this.checkAgainProblems(checkAgainOn)
    if (problems.length > 0 || checkAgainOn === null) return { kind: 'problems', problems }
    const consent = this.stores.consents.inForceFor(personId)
    if (!consent) return { kind: 'no-consent' }
    return this.stores.db.transaction(() => {
      this.stores.consents.markChecked(consent.id, {
        checkAgainOn,
        at: isoSecond(this.clock.now()),
        byAccountId: accountIdOf(viewer),
      })
      this.audit.record({
        accountId: accountIdOf(viewer),
        action: 'consent-checked',
        recordType: 'person',
        recordId: personId,
        from: origin,
        detail: `To check again on ${checkAgainOn}`,
      })
      return { kind: 'checked' as const }
    })()
  }

  /** A person of the viewer's hubs, shown or not: null when there is no such person. */
  person(viewer: Viewer, personId: number): OnBehalfPerson | null {
    this.insistMayActFor(viewer, personId)
    const profile = this.stores.profiles.ofPerson(personId)
    if (!profile) return null
    return {
      id: profile.id,
      displayName: displayName(profile.firstName, profile.lastName),
      hubName: profile.hubName,
      hasAccount: profile.accountId !== null,
    }
  }

  /**
   * A one-use link, for CLAIM_LINK_DAYS days, with which a person with no account claims their
   * profile. The address typed is only given back for the email, never kept; an older unused
   * link stops working. One audit entry.
   */
  createClaimLink(viewer: Viewer, personId: number, email: string, origin: RequestOrigin): ClaimLinkResult {
    const person = this.person(viewer, personId)
    if (!person) throw new NotAllowedError()
    if (person.hasAccount) return { kind: 'has-account' }
    const to = email.trim().normalize('NFKC')
    if (to === '')
      return { kind: 'problems', problems: [{ field: 'email', message: 'Enter their email address' }] }
    if (to.length > 254 || !EMAIL.test(to))
      return {
        kind: 'problems',
        problems: [
          { field: 'email', message: 'Enter an email address in the correct format, like name@example.com' },
        ],
      }
    const now = this.clock.now()
    const token = crypto.randomBytes(32).toString('base64url')
    this.stores.db.transaction(() => {
      this.stores.claimLinks.retireAll(personId, isoSecond(now))
      this.stores.claimLinks.create({
        tokenHash: tokenHash(token),
        personId,
        createdByAccountId: accountIdOf(viewer),
        at: isoSecond(now),
        expiresAt: isoSecond(new Date(now.getTime() + CLAIM_LINK_DAYS * DAY_MS)),
      })
      this.audit.record({
        accountId: accountIdOf(viewer),
        action: 'claim-link-sent',
        recordType: 'person',
        recordId: personId,
        from: origin,
        detail: `Works once, for ${CLAIM_LINK_DAYS} days`,
      })
    })()
    return { kind: 'created', token, to, displayName: person.displayName, days: CLAIM_LINK_DAYS }
  }

  /** Whether the account already has a profile (then it cannot claim another). */
  hasProfile(accountId: number): boolean {
    return this.stores.profiles.personIdOfAccount(accountId) !== null
  }

  /** Whose profile a claim link is for, while it still works: their name and hub. */
  claimLink(
    token: string,
  ): { kind: 'valid'; displayName: string; hubName: string | null } | { kind: 'invalid' } {
    const found = this.validClaimLink(token)
    if (!found) return { kind: 'invalid' }
    return { kind: 'valid', displayName: found.displayName, hubName: found.hubName }
  }

  /**
   * "This is me": the person's profile becomes the account's, the account joins their hub, and
   * the link is used up, in one transaction with one audit entry. An account that already has
   * a profile cannot take a second one (the link still works, for another account).
   */
  claim(token: string, accountId: number, origin: RequestOrigin): ClaimResult {
    const found = this.validClaimLink(token)
    if (!found) return { kind: 'invalid' }
    if (this.stores.profiles.personIdOfAccount(accountId) !== null) return { kind: 'has-profile' }
    return this.stores.db.transaction((): ClaimResult => {
      const at = isoSecond(this.clock.now())
      if (!this.stores.claimLinks.use(found.link.id, at, accountId)) return { kind: 'invalid' }
      if (!this.stores.people.linkAccount(found.link.personId, accountId)) return { kind: 'invalid' }
      this.stores.claimLinks.retireAll(found.link.personId, at)
      if (found.hubId !== null) this.stores.accounts.joinHub(accountId, found.hubId)
      this.audit.record({
        accountId,
        action: 'profile-claimed',
        recordType: 'person',
        recordId: found.link.personId,
        from: origin,
      })
      return { kind: 'claimed', personId: found.link.personId }
    })()
  }

  /** Everything about the person, as their own download gives it; the request is audited. */
  download(viewer: Viewer, personId: number, origin: RequestOrigin): Record<string, unknown> | null {
    this.insistMayActFor(viewer, personId)
    const data = this.profiles.downloadOfPerson(personId)
    if (!data) return null
    this.audit.record({
      accountId: accountIdOf(viewer),
      action: 'data-downloaded-on-behalf',
      recordType: 'person',
      recordId: personId,
      from: origin,
    })
    return data
  }

  /**
   * Deletes the person's data on their behalf, with the reason given, in one transaction with
   * the audit entry (who asked, whom, why: the entry keeps only the person's number).
   */
  delete(
    viewer: Viewer,
    personId: number,
    reason: string,
    origin: RequestOrigin,
  ): { kind: 'problems'; problems: AnswerProblem[] } | { kind: 'deleted' } | { kind: 'not-found' } {
    this.insistMayActFor(viewer, personId)
    const why = reason.trim()
    if (why === '')
      return {
        kind: 'problems',
        problems: [{ field: 'reason', message: 'Enter why their data is being deleted' }],
      }
    if (why.length > REASON_MAX)
      return {
        kind: 'problems',
        problems: [{ field: 'reason', message: `The reason must be ${REASON_MAX} characters or fewer` }],
      }
    const deleted = this.profiles.deletePersonOnBehalf(personId, () =>
      this.audit.record({
        accountId: accountIdOf(viewer),
        action: 'data-deleted-on-behalf',
        recordType: 'person',
        recordId: personId,
        from: origin,
        reason: why,
      }),
    )
    return deleted ? { kind: 'deleted' } : { kind: 'not-found' }
  }

  /** What is wrong with how consent was given, in plain words. */
  private consentProblems(consent: ConsentGiven): AnswerProblem[] {
    const problems: AnswerProblem[] = []
    if (!(ASSISTED_METHODS as readonly string[]).includes(consent.method))
      problems.push({ field: 'method', message: 'Choose how they gave their agreement' })
    else if (consent.method === 'helper') {
      const name = consent.helperName.trim()
      if (name === '')
        problems.push({ field: 'helperName', message: 'Enter the name of the family member or helper' })
      else if (name.length > HELPER_NAME_MAX)
        problems.push({
          field: 'helperName',
          message: `The name must be ${HELPER_NAME_MAX} characters or fewer`,
        })
      else if (contactDetailsProblem(name))
        problems.push({ field: 'helperName', message: 'Enter only the name of the family member or helper' })
    }
    problems.push(...this.checkAgainProblems(consent.checkAgainOn))
    return problems
  }

  /** A day to check again must be after today, and within CHECK_AGAIN_MAX_YEARS. */
  checkAgainProblems(day: string | null): AnswerProblem[] {
    if (day === null) return [] // the schema has said what is wrong with it
    if (day <= this.today())
      return [{ field: 'checkAgainOn', message: 'The date to check again must be in the future' }]
    if (day > monthsOn(this.today(), CHECK_AGAIN_MAX_YEARS * 12))
      return [
        {
          field: 'checkAgainOn',
          message: `The date to check again must be within ${CHECK_AGAIN_MAX_YEARS} years`,
        },
      ]
    return []
  }

  private validClaimLink(token: string) {
    if (token.length < 20 || token.length > 100) return null
    const link = this.stores.claimLinks.findByHash(tokenHash(token))
    if (!link || link.usedAt !== null || link.expiresAt <= isoSecond(this.clock.now())) return null
    const profile = this.stores.profiles.ofPerson(link.personId)
    if (!profile || profile.accountId !== null) return null
    return {
      link,
      hubId: profile.hubId,
      hubName: profile.hubName,
      displayName: displayName(profile.firstName, profile.lastName),
    }
  }

  private insistCoordinator(viewer: Viewer): void {
    insist(
      viewer.kind === 'admin' ||
        (viewer.kind === 'hubLead' && (viewer.allHubs === true || viewer.hubIds.length > 0)),
    )
  }

  /**
   * Only a coordinator or peer lead of the person's hub (or of every hub, or an admin) may act
   * for them; a person with no hub only those who look after every hub. A person who does not
   * exist is left for the caller (null, then the 404 page), once the viewer is staff at all.
   */
  private insistMayActFor(viewer: Viewer, personId: number): void {
    this.insistCoordinator(viewer)
    const hubId = this.stores.expertise.hubOf(personId)
    if (hubId === undefined) return
    const everyHub = viewer.kind === 'admin' || (viewer.kind === 'hubLead' && viewer.allHubs === true)
    insist(hubId === null ? everyHub : mayCoordinateHub(viewer, hubId))
  }
}
