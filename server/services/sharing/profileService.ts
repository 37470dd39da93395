import { clearErasedTraces, type Db } from '../../../db/connection'
import type { AccountsRepository } from '../../../db/repositories/accountsRepository'
import type { AuditLogRepository, AuditRow } from '../../../db/repositories/auditLogRepository'
import type { ConsentRow, ConsentsRepository } from '../../../db/repositories/consentsRepository'
import type { EmailedLinksRepository } from '../../../db/repositories/emailedLinksRepository'
import type { IntroductionsRepository } from '../../../db/repositories/introductionsRepository'
import type { OutboxRepository } from '../../../db/repositories/outboxRepository'
import type { PeopleRepository } from '../../../db/repositories/peopleRepository'
import type {
  OwnProfileRow,
  PersonProfileRow,
  ProfilesRepository,
} from '../../../db/repositories/profilesRepository'
import type { SharingDraftsRepository } from '../../../db/repositories/sharingDraftsRepository'
import type { AuditTrail, RequestOrigin } from '../accounts/auditTrail'
import { isoSecond } from '../accounts/times'
import type { Clock } from '../clock'
import { withoutContactDetails } from '../peopleService'
import type {
  ConsentRecord,
  OwnProfile,
  ProfilePreview,
  ProfileServiceContract,
  ProfileStatus,
  Visibility,
} from './contract'
import { answersOfProfile } from './sharingService'

/** What ProfileService reads and writes: repositories over one database. */
export interface ProfileStores {
  db: Db
  people: PeopleRepository
  profiles: ProfilesRepository
  consents: ConsentsRepository
  sharingDrafts: SharingDraftsRepository
  accounts: AccountsRepository
  outbox: OutboxRepository
  auditLog: AuditLogRepository
  emailedLinks: EmailedLinksRepository
  introductions: IntroductionsRepository
}

/** The download lists at most this many of the person's introductions, newest first. */
const OWN_INTRODUCTIONS_LISTED = 100

/** Who sees a profile at each visibility, in one plain sentence (privacy rule 2). */
export const WHO_SEES: Record<Visibility, string> = {
  coordinators: 'Only the coordinators and peer leads of your hub can see this.',
  hub: 'Members of your hub and its coordinators can see this, when they are signed in.',
  public: 'Anyone can see this, on the website, without signing in.',
}

const VISIBILITY_ORDER: readonly Visibility[] = ['coordinators', 'hub', 'public']

/** How many audit entries the download reads at most, for the account and for the person each. */
const DOWNLOAD_AUDIT_PAGES = 50
const AUDIT_PAGE = 100

const ABOUT_THIS_FILE = [
  'This file holds everything Common Ground keeps about you.',
  '"account" is how you sign in: your email address, your name and when things happened. Your password and two-step codes are not included: we only keep a scrambled form of them that cannot be read.',
  '"profile" is what you told us when you shared your skills, including your phone number and email address if you gave them. "skills" lists what you are good at.',
  '"consents" records each time you agreed to us keeping your details, which version of the words you agreed to, when and how, and when you took it back, if you did.',
  '"draft" holds answers you had started but not finished, if there are any.',
  '"auditEntries" lists what was done with your account and your profile, and when.',
  '"introductions" lists the times a hub asked you to help someone, or put you in touch: when it was asked for, the hub, and where it got to. The details of the person who asked are theirs, so they are not in this file.',
  'Nothing in this file is about anyone else.',
]

/** The profile as the download gives it: everything the person told us. */
function profileRecord(profile: PersonProfileRow) {
  return {
    id: profile.id,
    firstName: profile.firstName,
    lastName: profile.lastName,
    postcodeDistrict: profile.postcodeDistrict,
    hub: profile.hubSlug ? { slug: profile.hubSlug, name: profile.hubName } : null,
    skillsInOwnWords: profile.skillsInOwnWords,
    wouldLikeToShare: profile.wouldLikeToShare,
    howOften: profile.howOften,
    availability: profile.availability,
    contactWays: profile.contactWays,
    phone: profile.phone,
    email: profile.email,
    visibility: profile.visibility,
    status: statusOf(profile),
    pausedAt: profile.pausedAt,
    createdAt: profile.createdAt,
    updatedAt: profile.updatedAt,
  }
}

function consentRecord(row: ConsentRow): ConsentRecord {
  return {
    version: row.wordingVersion,
    agreedAt: row.agreedAt,
    method: row.method,
    recordedByAccountId: row.recordedByAccountId,
    withdrawnAt: row.withdrawnAt,
    helperName: row.helperName,
    checkAgainOn: row.checkAgainOn,
    checkedAt: row.checkedAt,
  }
}

function statusOf(profile: Pick<OwnProfileRow, 'consentId' | 'pausedAt'>): ProfileStatus {
  if (profile.consentId === null) return 'withdrawn'
  if (profile.pausedAt !== null) return 'paused'
  return 'shown'
}

/** "Margaret H.": the first name and the first letter of the last name (privacy rule 2). */
function displayName(profile: OwnProfileRow): string {
  const initial = profile.lastName.trim().slice(0, 1).toUpperCase()
  return initial ? `${profile.firstName} ${initial}.` : profile.firstName
}

/**
 * "Your profile" (issue 10): the person's own view, what others see at each visibility, pause,
 * withdraw consent, download everything and delete everything. Every method takes the
 * signed-in account's id; a person is only ever reached through their own account.
 */
export class ProfileService implements ProfileServiceContract {
  constructor(
    private readonly stores: ProfileStores,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  profileOf(accountId: number): OwnProfile | null {
    const profile = this.stores.profiles.ofAccount(accountId)
    if (!profile) return null
    const consents = this.stores.consents.consentsOf(profile.id)
    const inForce = consents.find((consent) => consent.id === profile.consentId) ?? null
    const latest = inForce ?? consents[consents.length - 1] ?? null
    const answers = answersOfProfile(profile, inForce?.wordingVersion ?? null)
    return {
      personId: profile.id,
      answers: { ...answers, firstName: profile.firstName, visibility: profile.visibility },
      hub: profile.hubSlug && profile.hubName ? { slug: profile.hubSlug, name: profile.hubName } : null,
      skillNames: profile.skills.map((skill) => skill.name),
      status: statusOf(profile),
      consent: latest ? consentRecord(latest) : null,
    }
  }

  previews(accountId: number): ProfilePreview[] {
    const profile = this.stores.profiles.ofAccount(accountId)
    if (!profile) return []
    // Exactly what PeopleService shows others: first name and initial, hub, skills, own words.
    const shown = {
      displayName: displayName(profile),
      hubName: profile.hubName,
      skills: profile.skills.map((skill) => skill.name),
      skillsInOwnWords: withoutContactDetails(profile.skillsInOwnWords),
      wouldLikeToShare: withoutContactDetails(profile.wouldLikeToShare),
      howToGetInTouch: 'through the hub',
    }
    return VISIBILITY_ORDER.map((visibility) => ({ visibility, whoSees: WHO_SEES[visibility], ...shown }))
  }

  pause(accountId: number, origin: RequestOrigin): boolean {
    return this.setPaused(accountId, true, origin)
  }

  resume(accountId: number, origin: RequestOrigin): boolean {
    return this.setPaused(accountId, false, origin)
  }

  withdrawConsent(accountId: number, origin: RequestOrigin): boolean {
    const personId = this.stores.profiles.personIdOfAccount(accountId)
    if (personId === null) return false
    return this.stores.db.transaction(() => {
      if (!this.stores.consents.withdraw(personId, this.now())) return false
      this.audit.record({
        accountId,
        action: 'consent-withdrawn',
        recordType: 'person',
        recordId: personId,
        from: origin,
      })
      return true
    })()
  }

  download(accountId: number): Record<string, unknown> {
    const account = this.stores.accounts.find(accountId)
    if (!account) return { aboutThisFile: ABOUT_THIS_FILE, account: null }
    const profile = this.stores.profiles.ofAccount(accountId)
    const draft = this.stores.sharingDrafts.find(accountId)
    let draftAnswers: unknown = null
    if (draft) {
      try {
        draftAnswers = { answers: JSON.parse(draft.answers) as unknown, updatedAt: draft.updatedAt }
      } catch {
        draftAnswers = { answers: null, updatedAt: draft.updatedAt }
      }
    }
    const hubs = this.stores.people.hubsNamed(this.stores.accounts.hubIdsOf(accountId))
    return {
      aboutThisFile: ABOUT_THIS_FILE,
      madeAt: this.now(),
      account: {
        id: account.id,
        email: account.email,
        displayName: account.displayName,
        role: account.role,
        createdAt: account.createdAt,
        emailConfirmedAt: account.emailConfirmedAt,
        disabledAt: account.disabledAt,
        hubs: hubs.map((hub) => ({ slug: hub.slug, name: hub.name })),
      },
      profile: profile ? profileRecord(profile) : null,
      skills: profile ? profile.skills.map((skill) => ({ code: skill.code, name: skill.name })) : [],
      consents: profile ? this.stores.consents.consentsOf(profile.id).map(consentRecord) : [],
      draft: draftAnswers,
      auditEntries: this.auditEntriesAbout(accountId, profile?.id ?? null),
      introductions: profile
        ? this.stores.introductions.ofHelper(profile.id, OWN_INTRODUCTIONS_LISTED).map((row) => ({
            id: row.id,
            hub: row.hubName,
            askedFor: row.createdAt,
            status: row.status,
            acceptedAt: row.acceptedAt,
            closedAt: row.closedAt,
          }))
        : [],
    }
  }

  /** The request's origin is not written: the audit entry keeps only the account's number. */
  deleteEverything(accountId: number, _origin: RequestOrigin): void {
    const account = this.stores.accounts.find(accountId)
    const profile = this.stores.profiles.ofAccount(accountId)
    const personId = profile?.id ?? null
    // Every address of theirs the outbox may have written to: the account's, the profile's,
    // and any they asked to change to.
    const addresses = new Set(
      [account?.email, profile?.email, ...this.stores.emailedLinks.newEmailsOf(accountId)]
        .filter((address): address is string => typeof address === 'string' && address !== '')
        .map((address) => address.toLowerCase()),
    )
    this.stores.db.transaction(() => {
      if (personId !== null) {
        this.stores.consents.deleteFor(personId)
        // Their skills go with them (ON DELETE CASCADE).
        this.stores.people.delete(personId)
      }
      this.stores.sharingDrafts.delete(accountId)
      for (const address of addresses) this.stores.outbox.deleteTo(address)
      // Sessions, emailed links, hubs and two-step sign-in go with the account (ON DELETE CASCADE).
      this.stores.accounts.delete(accountId)
      // Only the account's number: nothing else about them is kept (privacy rule 7).
      this.audit.record({
        accountId,
        action: 'data-deleted',
        recordType: 'account',
        recordId: accountId,
        from: { ip: null },
      })
    })()
    // secure_delete (db/connection.ts) zeroed the freed pages; the checkpoint writes them to
    // the database file and empties the WAL, so the erased words are left in neither, and the
    // note it leaves has the replica start a fresh generation without them.
    clearErasedTraces(this.stores.db)
  }

  /**
   * Everything about a person, in the same form as their own download, for a coordinator of
   * their hub acting on their behalf (CoordinatorService has decided they may): their account's
   * too when they have one. Null when there is no such person.
   */
  downloadOfPerson(personId: number): Record<string, unknown> | null {
    const profile = this.stores.profiles.ofPerson(personId)
    if (!profile) return null
    if (profile.accountId !== null) return this.download(profile.accountId)
    return {
      aboutThisFile: ABOUT_THIS_FILE,
      madeAt: this.now(),
      account: null,
      profile: profileRecord(profile),
      skills: profile.skills.map((skill) => ({ code: skill.code, name: skill.name })),
      consents: this.stores.consents.consentsOf(profile.id).map(consentRecord),
      draft: null,
      auditEntries: this.auditEntriesAboutPerson(profile.id),
      introductions: [],
      introductionsNote:
        'Introductions are not part of the website yet. When they are, they will be listed here.',
    }
  }

  /**
   * Erases a person's data for a coordinator of their hub acting on their behalf, as their own
   * delete does, in one transaction with `record` (the caller's audit entry, which keeps who
   * asked and why): the profile, skills, consents, claim links and outbox messages to their
   * address; and their account too when it is only a member's (a staff account is not the
   * person's to lose: only its link to the profile goes). False when there is no such person.
   */
  deletePersonOnBehalf(personId: number, record: () => void): boolean {
    if (!this.erasePerson(personId, record)) return false
    clearErasedTraces(this.stores.db)
    return true
  }

  /**
   * The retention purge (never a route): deletes at most `limit` people whose consent was
   * withdrawn before `before` (an ISO time) and not given again, each exactly as a coordinator's
   * delete on their behalf does, with an audit entry that keeps only the person's number. In one
   * transaction; the purge checkpoints once when it has finished, rather than once a person.
   * How many it deleted.
   */
  deleteWithdrawnBefore(before: string, limit: number): number {
    return this.stores.db.transaction(() => {
      let deleted = 0
      for (const personId of this.stores.consents.withdrawnBefore(before, limit)) {
        const erased = this.erasePerson(personId, () =>
          this.audit.record({
            accountId: null,
            action: 'withdrawn-profile-deleted',
            recordType: 'person',
            recordId: personId,
          }),
        )
        if (erased) deleted++
      }
      return deleted
    })()
  }

  /** deletePersonOnBehalf's erasure, without the checkpoint: false when there is no such person. */
  private erasePerson(personId: number, record: () => void): boolean {
    const profile = this.stores.profiles.ofPerson(personId)
    if (!profile) return false
    const account = profile.accountId === null ? null : this.stores.accounts.find(profile.accountId)
    const withAccount = account !== null && account.role === 'member'
    const addresses = new Set(
      [
        profile.email,
        ...(withAccount ? [account.email, ...this.stores.emailedLinks.newEmailsOf(account.id)] : []),
      ]
        .filter((address): address is string => typeof address === 'string' && address !== '')
        .map((address) => address.toLowerCase()),
    )
    this.stores.db.transaction(() => {
      this.stores.consents.deleteFor(personId)
      // Skills and claim links go with the person (ON DELETE CASCADE).
      this.stores.people.delete(personId)
      for (const address of addresses) this.stores.outbox.deleteTo(address)
      if (withAccount) {
        this.stores.sharingDrafts.delete(account.id)
        this.stores.accounts.delete(account.id)
      }
      record()
    })()
    return true
  }

  private setPaused(accountId: number, paused: boolean, origin: RequestOrigin): boolean {
    const personId = this.stores.profiles.personIdOfAccount(accountId)
    if (personId === null) return false
    return this.stores.db.transaction(() => {
      if (!this.stores.people.setPausedAt(personId, paused ? this.now() : null)) return false
      this.audit.record({
        accountId,
        action: paused ? 'profile-paused' : 'profile-resumed',
        recordType: 'person',
        recordId: personId,
        from: origin,
      })
      return true
    })()
  }

  private now(): string {
    return isoSecond(this.clock.now())
  }

  /** Audit entries about the person (a person with no account did nothing themself): bounded. */
  private auditEntriesAboutPerson(personId: number): AuditRow[] {
    const rows: AuditRow[] = []
    for (let page = 0; page < DOWNLOAD_AUDIT_PAGES; page++) {
      const found = this.stores.auditLog.find(
        { recordType: 'person', recordId: String(personId) },
        { offset: page * AUDIT_PAGE, limit: AUDIT_PAGE },
      )
      rows.push(...found.rows)
      if (!found.more) break
    }
    return rows.sort((a, b) => a.id - b.id)
  }

  /** Audit entries by the account, or about the account or the person: the newest, bounded. */
  private auditEntriesAbout(accountId: number, personId: number | null): AuditRow[] {
    const seen = new Map<number, AuditRow>()
    // What the account did to another record (a coordinator's work) is about someone else.
    const aboutThem = (row: AuditRow) =>
      row.recordType === null ||
      (row.recordType === 'account' && row.recordId === String(accountId)) ||
      (row.recordType === 'person' && personId !== null && row.recordId === String(personId))
    const read = (filter: Parameters<AuditLogRepository['find']>[0]) => {
      for (let page = 0; page < DOWNLOAD_AUDIT_PAGES; page++) {
        const { rows, more } = this.stores.auditLog.find(filter, {
          offset: page * AUDIT_PAGE,
          limit: AUDIT_PAGE,
        })
        for (const row of rows) if (aboutThem(row)) seen.set(row.id, row)
        if (!more) break
      }
    }
    read({ accountId })
    read({ recordType: 'account', recordId: String(accountId) })
    if (personId !== null) read({ recordType: 'person', recordId: String(personId) })
    return [...seen.values()].sort((a, b) => a.id - b.id)
  }
}
