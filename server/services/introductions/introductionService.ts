import crypto from 'node:crypto'
import type { Db } from '../../../db/connection'
import type { ExpertiseRepository } from '../../../db/repositories/expertiseRepository'
import type {
  IntroductionEventKind,
  IntroductionListRow,
  IntroductionOutcome,
  IntroductionRow,
  IntroductionsRepository,
  IntroductionStatus,
} from '../../../db/repositories/introductionsRepository'
import type { AuditTrail, RequestOrigin } from '../accounts/auditTrail'
import type { Mailer } from '../accounts/mailer'
import { DAY_MS, isoSecond } from '../accounts/times'
import type { Clock } from '../clock'
import type { HubsLookedAfter } from '../coordinate/coordinatorService'
import { mayCoordinateHub, NotAllowedError } from '../permissions'
import { withContactDetailsReplaced } from '../sharing/contactDetails'
import { accountIdOf, type Viewer } from '../viewer'
import { RECENT_INTRODUCTION_DAYS } from './contract'
import { askEmail, detailsToHelperEmail, detailsToRequesterEmail } from './emails'

/** The queue shows this many introductions a page. */
export const INTRODUCTIONS_PER_PAGE = 20
/** The coordinator home names this many of each hub's oldest waiting introductions. */
export const WAITING_NAMED = 3
/** The most steps a timeline shows (an introduction has a dozen or so). */
export const TIMELINE_LIMIT = 200
/** Each sweep (the job, or a read) returns at most this many unanswered asks to the queue. */
export const SWEEP_BATCH = 100

/** The audit log's actions: an introduction accepted, and its details shown to pass on. */
export const INTRODUCTION_ACCEPTED_ACTION = 'introduction-accepted'
export const INTRODUCTION_DETAILS_SHOWN_ACTION = 'introduction-details-shown'
/** The audit log's action for opening the contact details of the person who asked, with a reason. */
export const REQUESTER_CONTACT_SHOWN_ACTION = 'requester-contact-shown'

export const STATES: readonly IntroductionStatus[] = ['waiting', 'asked', 'accepted', 'closed']
export type HowItWent = Extract<IntroductionOutcome, 'helped' | 'partly' | 'did-not-work-out'>
export const HOW_IT_WENT: readonly HowItWent[] = ['helped', 'partly', 'did-not-work-out']
export type ClosedWithout = Extract<IntroductionOutcome, 'no-match' | 'withdrawn'>
export const CLOSED_WITHOUT: readonly ClosedWithout[] = ['no-match', 'withdrawn']

const REMOVED = '[contact details removed]'
const displayName = (row: { firstName: string; lastInitial: string }): string =>
  row.lastInitial ? `${row.firstName} ${row.lastInitial}.` : row.firstName

export interface TimelineStep {
  at: string
  kind: IntroductionEventKind
  /** the account that took the step (a coordinator), or null (the public, the person asked, the job) */
  by: string | null
  /** the person the step was about ("Pauline H."), when there is one */
  person: string | null
  note: string | null
}

/** A person chosen or asked, as the introduction shows them: never their contact details. */
export interface ChosenPerson {
  id: number
  displayName: string
  hasEmail: boolean
}

/** One introduction as a coordinator of its hub sees it: the requester's contact details stay hidden. */
export interface Introduction {
  id: number
  hub: { id: number; slug: string; name: string }
  helpWanted: string
  requesterName: string
  requesterArea: string
  requesterRoute: 'email' | 'phone'
  status: IntroductionStatus
  person: ChosenPerson | null
  createdAt: string
  waitingSince: string
  askedAt: string | null
  answerDueAt: string | null
  acceptedAt: string | null
  closedAt: string | null
  outcome: IntroductionOutcome | null
  outcomeNote: string | null
  anonymised: boolean
  /** who needs the coordinator to pass on details (by phone or letter), once accepted */
  passOn: { toRequester: boolean; toHelper: boolean }
  timeline: TimelineStep[]
}

export interface IntroductionsPage {
  introductions: (IntroductionListRow & { helpWanted: string })[]
  status: IntroductionStatus
  total: number
  page: number
  pageCount: number
}

/** Each hub's waiting introductions: how many, and the oldest few. */
export type WaitingByHub = Map<
  number,
  { count: number; oldest: { id: number; helpWanted: string; waitingSince: string }[] }
>

/** What the details page shows to pass on by phone or letter (an audited reveal). */
export interface DetailsToPassOn {
  introductionId: number
  hubName: string
  helpWanted: string
  requester: {
    name: string
    area: string
    phone: string | null
    email: string | null
    route: 'email' | 'phone'
  }
  helper: { displayName: string; phone: string | null; email: string | null }
  toRequester: boolean
  toHelper: boolean
}

/** What an answer link opens onto. */
export type AnswerLinkState =
  | { kind: 'open'; helpWanted: string; hubName: string; name: string; dueAt: string }
  | { kind: 'used' }
  | { kind: 'expired' }
  | { kind: 'unknown' }

export type AnswerResult =
  | { kind: 'accepted'; detailsByEmail: boolean }
  | { kind: 'declined' }
  | Exclude<AnswerLinkState, { kind: 'open' }>

/** A step refused because the introduction is not in the state it needs (the page says so, 409). */
export class IntroductionStateError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'IntroductionStateError'
  }
}

export interface IntroductionSettings {
  answerDays: number
  retentionMonths: number
  /** the full address of the answer page for a token (the address book's, made absolute) */
  answerLink: (token: string) => string
}

const tokenHash = (token: string): string => crypto.createHash('sha256').update(token).digest('hex')

/**
 * Being put in touch (issue 11), the coordinators' side: the hub's queue, choosing a person,
 * asking them (an emailed one-use link, or their answer on the phone), passing on each side's
 * details by the route each chose once they say yes (privacy rule 4: to nobody else), how it
 * went, and the timeline. Every method takes the viewer and decides per introduction
 * (mayCoordinateHub): only coordinators and peer leads of its hub, or of every hub, or admins.
 */
export class IntroductionService {
  constructor(
    private readonly db: Db,
    private readonly introductions: IntroductionsRepository,
    private readonly expertise: ExpertiseRepository,
    private readonly audit: AuditTrail,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    private readonly settings: IntroductionSettings,
  ) {}

  // --- Reading ---------------------------------------------------------------------------------

  /** Each of these hubs' waiting introductions (the viewer must look after every one). */
  waitingIn(viewer: Viewer, hubIds: readonly number[]): WaitingByHub {
    for (const hubId of hubIds) if (!mayCoordinateHub(viewer, hubId)) throw new NotAllowedError()
    this.sweepUnanswered(SWEEP_BATCH)
    const found: WaitingByHub = new Map()
    for (const row of this.introductions.waitingIn(hubIds, WAITING_NAMED)) {
      const hub = found.get(row.hubId) ?? { count: row.inHub, oldest: [] }
      hub.oldest.push({ id: row.id, helpWanted: shownText(row.helpWanted), waitingSince: row.waitingSince })
      found.set(row.hubId, hub)
    }
    return found
  }

  /**
   * A page of introductions in one state, in one hub the viewer looks after or in all of them,
   * oldest waiting first, 20 a page.
   */
  list(
    viewer: Viewer,
    lookingAfter: HubsLookedAfter,
    query: { status: IntroductionStatus; hubId: number | null; page: number },
  ): IntroductionsPage {
    if (query.hubId !== null && !mayCoordinateHub(viewer, query.hubId)) throw new NotAllowedError()
    const hubIds =
      query.hubId !== null
        ? [query.hubId]
        : lookingAfter.everyHub
          ? null
          : lookingAfter.hubs.map((hub) => hub.id)
    if (hubIds !== null)
      for (const hubId of hubIds) if (!mayCoordinateHub(viewer, hubId)) throw new NotAllowedError()
    this.sweepUnanswered(SWEEP_BATCH)
    const total = this.introductions.count(hubIds, query.status)
    const pageCount = Math.max(1, Math.ceil(total / INTRODUCTIONS_PER_PAGE))
    const page = Math.min(query.page, pageCount)
    const rows = this.introductions.page(hubIds, query.status, {
      limit: INTRODUCTIONS_PER_PAGE,
      offset: (page - 1) * INTRODUCTIONS_PER_PAGE,
    })
    return {
      // The SQL kept to the viewer's hubs; each is checked again, as the rule says.
      introductions: rows
        .filter((row) => mayCoordinateHub(viewer, row.hubId))
        .map((row) => ({ ...row, helpWanted: shownText(row.helpWanted) })),
      status: query.status,
      total,
      page,
      pageCount,
    }
  }

  /** One introduction with its timeline: null when there is none; NotAllowedError for another hub's. */
  introduction(viewer: Viewer, id: number): Introduction | null {
    const row = this.allowed(viewer, id)
    if (!row) return null
    const person = row.personId === null ? null : this.expertise.person(row.personId)
    const personNames = new Map<number, string>()
    const timeline = this.introductions.events(id, TIMELINE_LIMIT).map((event) => {
      let name: string | null = null
      if (event.personId !== null) {
        if (!personNames.has(event.personId)) {
          const someone = this.expertise.person(event.personId)
          personNames.set(event.personId, someone ? displayName(someone) : 'Someone no longer listed')
        }
        name = personNames.get(event.personId) ?? null
      }
      return { at: event.at, kind: event.kind, by: event.accountName, person: name, note: event.note }
    })
    const contact = row.personId === null ? null : this.expertise.contactDetailsOf(row.personId)
    return {
      id: row.id,
      hub: { id: row.hubId, slug: row.hubSlug, name: row.hubName },
      helpWanted: shownText(row.helpWanted),
      requesterName: row.requesterName,
      requesterArea: row.requesterArea,
      requesterRoute: row.requesterRoute,
      status: row.status,
      person: person
        ? { id: person.id, displayName: displayName(person), hasEmail: Boolean(contact?.email) }
        : null,
      createdAt: row.createdAt,
      waitingSince: row.waitingSince,
      askedAt: row.askedAt,
      answerDueAt: row.answerDueAt,
      acceptedAt: row.acceptedAt,
      closedAt: row.closedAt,
      outcome: row.outcome,
      outcomeNote: row.outcomeNote,
      anonymised: row.anonymisedAt !== null,
      passOn: this.passOnNeeded(row),
      timeline,
    }
  }

  /** A waiting introduction the viewer may choose someone for, for Find local expertise: null when not. */
  choosingFor(viewer: Viewer, id: number): { id: number; hubId: number; helpWanted: string } | null {
    const row = this.allowed(viewer, id)
    if (!row || row.status !== 'waiting') return null
    return { id: row.id, hubId: row.hubId, helpWanted: shownText(row.helpWanted) }
  }

  /** "Introduced N times in the last 90 days", for a page of people (those with none are left out). */
  recentlyIntroduced(personIds: readonly number[]): Map<number, number> {
    const since = isoSecond(new Date(this.clock.now().getTime() - RECENT_INTRODUCTION_DAYS * DAY_MS))
    return this.introductions.recentlyIntroduced(personIds, since)
  }

  // --- Steps -----------------------------------------------------------------------------------

  /** Chooses a person for a waiting introduction: someone shown, of a hub the viewer looks after. */
  choosePerson(viewer: Viewer, id: number, personId: number): void {
    const row = this.mustBe(viewer, id, ['waiting'])
    const person = this.expertise.person(personId)
    if (!person || !person.shown) throw new IntroductionStateError('That person cannot be chosen')
    if (!mayCoordinateHub(viewer, person.hubId)) throw new NotAllowedError()
    this.db.transaction(() => {
      if (!this.introductions.choosePerson(row.id, personId))
        throw new IntroductionStateError('This introduction is no longer waiting')
      this.event(row.id, 'person-chosen', viewer, personId)
    })()
  }

  /** Asks the chosen person by email, with a one-use link to accept or decline. */
  async askByEmail(viewer: Viewer, id: number): Promise<void> {
    const row = this.mustBe(viewer, id, ['waiting'])
    if (row.personId === null) throw new IntroductionStateError('Choose someone first')
    const personId = row.personId
    const contact = this.expertise.contactDetailsOf(personId)
    const person = this.expertise.person(personId)
    if (!contact?.email || !person) throw new IntroductionStateError('This person has no email address')
    const token = crypto.randomBytes(32).toString('base64url')
    const now = this.clock.now()
    const dueAt = isoSecond(new Date(now.getTime() + this.settings.answerDays * DAY_MS))
    this.db.transaction(() => {
      if (!this.introductions.markAsked(row.id, personId, isoSecond(now), dueAt))
        throw new IntroductionStateError('This introduction is no longer waiting')
      this.introductions.retireAnswerLinks(row.id, isoSecond(now))
      this.introductions.addAnswerLink({
        tokenHash: tokenHash(token),
        introductionId: row.id,
        personId,
        expiresAt: dueAt,
      })
      this.event(row.id, 'asked-by-email', viewer, personId)
    })()
    await this.mailer.send(
      askEmail({
        to: contact.email,
        name: person.firstName,
        hubName: row.hubName,
        helpWanted: shownText(row.helpWanted),
        link: this.settings.answerLink(token),
        days: this.settings.answerDays,
      }),
    )
  }

  /** Records the answer the chosen (or asked) person gave on the phone. */
  async recordPhoneAnswer(
    viewer: Viewer,
    id: number,
    answer: 'accepted' | 'declined',
    origin: RequestOrigin,
  ): Promise<void> {
    const row = this.mustBe(viewer, id, ['waiting', 'asked'])
    if (row.personId === null) throw new IntroductionStateError('Choose someone first')
    const personId = row.personId
    if (answer === 'declined') {
      this.db.transaction(() => {
        this.event(row.id, 'asked-by-phone', viewer, personId)
        this.decline(row.id, personId, accountIdOf(viewer))
      })()
      return
    }
    this.db.transaction(() => {
      this.event(row.id, 'asked-by-phone', viewer, personId)
      this.markAccepted(row.id, personId, accountIdOf(viewer), origin)
    })()
    await this.sendDetails(row.id, accountIdOf(viewer))
  }

  /** What an emailed answer link opens onto: what the help is and the hub, never who asked or how to reach them. */
  answerLinkState(token: string): AnswerLinkState {
    const found = this.openLink(token)
    if (found.kind !== 'open') return found
    return {
      kind: 'open',
      helpWanted: shownText(found.row.helpWanted),
      hubName: found.row.hubName,
      name: found.firstName,
      dueAt: found.link.expiresAt,
    }
  }

  /** The person asked answers through their link (no sign-in): it works once, until its day. */
  async answerByLink(
    token: string,
    answer: 'accept' | 'decline',
    origin: RequestOrigin,
  ): Promise<AnswerResult> {
    const found = this.openLink(token)
    if (found.kind !== 'open') return found
    const { row, link } = found
    const used = this.db.transaction(() => {
      if (!this.introductions.useAnswerLink(link.tokenHash, this.now())) return false
      if (answer === 'decline') this.decline(row.id, link.personId, null)
      else this.markAccepted(row.id, link.personId, null, origin)
      return true
    })()
    if (!used) return { kind: 'used' }
    if (answer === 'decline') return { kind: 'declined' }
    const byEmail = await this.sendDetails(row.id, null)
    return { kind: 'accepted', detailsByEmail: byEmail.toHelper }
  }

  /** After "yes": the coordinator records how it went, and the introduction is closed. */
  recordHowItWent(viewer: Viewer, id: number, outcome: HowItWent, note: string): void {
    const row = this.mustBe(viewer, id, ['accepted'])
    const at = this.now()
    this.db.transaction(() => {
      if (!this.introductions.close(row.id, ['accepted'], outcome, note || null, at))
        throw new IntroductionStateError('This introduction has changed')
      this.event(
        row.id,
        'how-it-went',
        viewer,
        row.personId,
        `${HOW_IT_WENT_WORDS[outcome]}${note ? `: ${note}` : ''}`,
      )
      this.event(row.id, 'closed', viewer, null)
    })()
  }

  /** Closes a request nobody was put in touch for: nobody suitable, or the person asking withdrew. */
  closeWithout(viewer: Viewer, id: number, outcome: ClosedWithout, note: string): void {
    const row = this.mustBe(viewer, id, ['waiting', 'asked'])
    const at = this.now()
    this.db.transaction(() => {
      if (!this.introductions.close(row.id, ['waiting', 'asked'], outcome, note || null, at))
        throw new IntroductionStateError('This introduction has changed')
      this.introductions.retireAnswerLinks(row.id, at)
      this.event(row.id, 'closed', viewer, null, `${CLOSED_WITHOUT_WORDS[outcome]}${note ? `: ${note}` : ''}`)
    })()
  }

  /**
   * Both sides' details, for the coordinator to pass on by phone or letter once accepted: an
   * audited reveal (privacy rule 5), one audit entry each time.
   */
  detailsToPassOn(viewer: Viewer, id: number, origin: RequestOrigin): DetailsToPassOn {
    const row = this.mustBe(viewer, id, ['accepted'])
    const helper = this.helperOf(row)
    const need = this.passOnNeeded(row)
    this.audit.record({
      accountId: accountIdOf(viewer),
      action: INTRODUCTION_DETAILS_SHOWN_ACTION,
      recordType: 'introduction',
      recordId: row.id,
      from: origin,
      reason: 'To pass on the details of an accepted introduction',
    })
    return {
      introductionId: row.id,
      hubName: row.hubName,
      helpWanted: shownText(row.helpWanted),
      requester: {
        name: row.requesterName,
        area: row.requesterArea,
        phone: row.requesterRoute === 'phone' ? row.requesterPhone : null,
        email: row.requesterRoute === 'email' ? row.requesterEmail : null,
        route: row.requesterRoute,
      },
      helper: { displayName: helper.displayName, phone: helper.phone, email: helper.email },
      toRequester: need.toRequester,
      toHelper: need.toHelper,
    }
  }

  /**
   * How to reach the person who asked, for a coordinator who must ring or write to them (to
   * ask what they need, or to say nobody was found): only with a reason, and each time one
   * audit entry (privacy rule 5). Null once anonymised.
   */
  revealRequesterContact(
    viewer: Viewer,
    id: number,
    reason: string,
    origin: RequestOrigin,
  ): { name: string; phone: string | null; email: string | null; route: 'email' | 'phone' } | null {
    const row = this.allowed(viewer, id)
    if (!row || row.anonymisedAt !== null) return null
    if (reason.trim() === '') throw new Error('A reason is needed to open contact details')
    this.audit.record({
      accountId: accountIdOf(viewer),
      action: REQUESTER_CONTACT_SHOWN_ACTION,
      recordType: 'introduction',
      recordId: row.id,
      from: origin,
      reason: reason.trim(),
    })
    return {
      name: row.requesterName,
      phone: row.requesterPhone,
      email: row.requesterEmail,
      route: row.requesterRoute,
    }
  }

  // --- Housekeeping ----------------------------------------------------------------------------

  /** Asks not answered by their day go back to the queue ('no-answer'): at most `limit` a run. */
  sweepUnanswered(limit: number): number {
    const ids = this.introductions.unansweredBy(this.now(), limit)
    for (const id of ids) this.returnUnanswered(id)
    return ids.length
  }

  /**
   * Introductions closed more than the set months ago are anonymised: at most `limit` a call
   * (one batch of the retention purge, server/services/retention/retentionService.ts).
   */
  anonymiseClosed(limit: number): number {
    const cutoff = new Date(this.clock.now().getTime())
    cutoff.setUTCMonth(cutoff.getUTCMonth() - this.settings.retentionMonths)
    const ids = this.introductions.closedBefore(isoSecond(cutoff), limit)
    const at = this.now()
    this.db.transaction(() => {
      for (const id of ids)
        if (this.introductions.anonymise(id, at))
          this.introductions.addEvent({ introductionId: id, at, kind: 'anonymised' })
    })()
    return ids.length
  }

  // --- Inside ----------------------------------------------------------------------------------

  /** The introduction, for a viewer who looks after its hub (an overdue ask is sent back first). */
  private allowed(viewer: Viewer, id: number): IntroductionRow | null {
    let row = this.introductions.find(id)
    if (!row) return null
    if (!mayCoordinateHub(viewer, row.hubId)) throw new NotAllowedError()
    if (row.status === 'asked' && row.answerDueAt !== null && row.answerDueAt <= this.now()) {
      this.returnUnanswered(row.id)
      row = this.introductions.find(id) ?? row
    }
    return row
  }

  private mustBe(viewer: Viewer, id: number, states: readonly IntroductionStatus[]): IntroductionRow {
    const row = this.allowed(viewer, id)
    if (!row) throw new IntroductionStateError('There is no such introduction')
    if (!states.includes(row.status)) throw new IntroductionStateError('This introduction has moved on')
    return row
  }

  private returnUnanswered(id: number): void {
    this.db.transaction(() => {
      const row = this.introductions.find(id)
      if (!row || row.status !== 'asked') return
      if (!this.introductions.backToQueue(id)) return
      this.introductions.retireAnswerLinks(id, this.now())
      this.introductions.addEvent({
        introductionId: id,
        at: this.now(),
        kind: 'no-answer',
        personId: row.personId,
      })
    })()
  }

  private decline(id: number, personId: number, accountId: number | null): void {
    if (!this.introductions.backToQueue(id))
      throw new IntroductionStateError('This introduction has moved on')
    this.introductions.retireAnswerLinks(id, this.now())
    this.introductions.addEvent({ introductionId: id, at: this.now(), kind: 'declined', accountId, personId })
  }

  private markAccepted(id: number, personId: number, accountId: number | null, origin: RequestOrigin): void {
    if (!this.introductions.markAccepted(id, personId, this.now()))
      throw new IntroductionStateError('This introduction has moved on')
    this.introductions.retireAnswerLinks(id, this.now())
    this.introductions.addEvent({ introductionId: id, at: this.now(), kind: 'accepted', accountId, personId })
    this.audit.record({
      accountId,
      action: INTRODUCTION_ACCEPTED_ACTION,
      recordType: 'introduction',
      recordId: id,
      from: origin,
      detail: `person ${personId} said yes`,
    })
  }

  /**
   * On "yes": each side's details to the other by the route each chose, and to nobody else.
   * Email goes now; phone or letter is left to the coordinator (detailsToPassOn).
   */
  private async sendDetails(id: number, accountId: number | null): Promise<{ toHelper: boolean }> {
    const row = this.introductions.find(id)
    if (!row || row.status !== 'accepted') return { toHelper: false }
    const helper = this.helperOf(row)
    const need = this.passOnNeeded(row)
    const requesterContact = {
      requesterPhone: row.requesterRoute === 'phone' ? row.requesterPhone : null,
      requesterEmail: row.requesterRoute === 'email' ? row.requesterEmail : null,
    }
    if (!need.toRequester && row.requesterEmail)
      await this.mailer.send(
        detailsToRequesterEmail({
          to: row.requesterEmail,
          requesterName: row.requesterName,
          hubName: row.hubName,
          helperName: helper.displayName,
          helperPhone: helper.phone,
          helperEmail: helper.email,
        }),
      )
    if (!need.toHelper && helper.ownEmail)
      await this.mailer.send(
        detailsToHelperEmail({
          to: helper.ownEmail,
          helperName: helper.firstName,
          hubName: row.hubName,
          requesterName: row.requesterName,
          requesterArea: row.requesterArea,
          ...requesterContact,
          helpWanted: shownText(row.helpWanted),
        }),
      )
    const words = (byEmail: boolean) => (byEmail ? 'by email' : 'by phone or letter, through the coordinator')
    this.introductions.addEvent({
      introductionId: id,
      at: this.now(),
      kind: 'details-sent',
      accountId,
      personId: row.personId,
      note: `To the person asking ${words(!need.toRequester)}; to ${helper.displayName} ${words(!need.toHelper)}.`,
    })
    return { toHelper: !need.toHelper }
  }

  /** Who needs the coordinator to pass details on: the requester who chose phone; a helper with no email. */
  private passOnNeeded(row: IntroductionRow): { toRequester: boolean; toHelper: boolean } {
    if (row.status !== 'accepted' || row.personId === null) return { toRequester: false, toHelper: false }
    const helper = this.helperOf(row)
    return {
      toRequester: row.requesterRoute !== 'email' || !row.requesterEmail,
      toHelper: helper.ownEmail === null,
    }
  }

  /**
   * The helper as the other side may know them: the ways they chose to share (phone, email);
   * and their own email address, used to send them details when they gave one.
   */
  private helperOf(row: IntroductionRow): {
    displayName: string
    firstName: string
    phone: string | null
    email: string | null
    ownEmail: string | null
  } {
    const person = row.personId === null ? null : this.expertise.person(row.personId)
    const contact = row.personId === null ? null : this.expertise.contactDetailsOf(row.personId)
    const ways = contact?.contactWays ?? []
    return {
      displayName: person ? displayName(person) : 'The person helping',
      firstName: person?.firstName ?? 'there',
      phone: ways.includes('phone') ? (contact?.phone ?? null) : null,
      email: ways.includes('email') ? (contact?.email ?? null) : null,
      ownEmail: contact?.email ?? null,
    }
  }

  private openLink(token: string):
    | {
        kind: 'open'
        row: IntroductionRow
        link: NonNullable<ReturnType<IntroductionsRepository['answerLink']>>
        firstName: string
      }
    | Exclude<AnswerLinkState, { kind: 'open' }> {
    if (token.length < 20 || token.length > 100) return { kind: 'unknown' }
    const link = this.introductions.answerLink(tokenHash(token))
    if (!link) return { kind: 'unknown' }
    if (link.usedAt !== null) return { kind: 'used' }
    if (link.expiresAt <= this.now()) return { kind: 'expired' }
    const row = this.introductions.find(link.introductionId)
    const person = this.expertise.person(link.personId)
    if (!row || row.status !== 'asked' || row.personId !== link.personId || !person?.shown)
      return { kind: 'expired' }
    return { kind: 'open', row, link, firstName: person.firstName }
  }

  private event(
    id: number,
    kind: IntroductionEventKind,
    viewer: Viewer,
    personId: number | null,
    note: string | null = null,
  ): void {
    this.introductions.addEvent({
      introductionId: id,
      at: this.now(),
      kind,
      accountId: accountIdOf(viewer),
      personId,
      note,
    })
  }

  private now(): string {
    return isoSecond(this.clock.now())
  }
}

export const HOW_IT_WENT_WORDS: Record<HowItWent, string> = {
  helped: 'It helped',
  partly: 'It partly helped',
  'did-not-work-out': 'It did not work out',
}

export const CLOSED_WITHOUT_WORDS: Record<ClosedWithout, string> = {
  'no-match': 'Nobody suitable was found',
  withdrawn: 'The person asking no longer needs help',
}

/** Free text the public typed may hold contact details: never shown on these pages. */
function shownText(text: string): string {
  return withContactDetailsReplaced(text, REMOVED)
}
