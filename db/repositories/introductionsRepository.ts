import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'

/**
 * Introductions as the coordinators and peer leads of their hub work on them (issue 11): the
 * hub's queue, one introduction with its timeline, the steps (choose, ask, answer, close), the
 * one-use answer links, and the housekeeping job's batches (unanswered asks, anonymising).
 * Which hubs a viewer may see is decided by IntroductionService, not here. The public form's
 * own writes go through introductionRequestsRepository; `insert` here serves the demo data and
 * the test builders.
 */
export type IntroductionStatus = 'waiting' | 'asked' | 'accepted' | 'closed'
export type IntroductionOutcome = 'helped' | 'partly' | 'did-not-work-out' | 'no-match' | 'withdrawn'
export type IntroductionEventKind =
  | 'requested'
  | 'person-chosen'
  | 'asked-by-email'
  | 'asked-by-phone'
  | 'accepted'
  | 'declined'
  | 'no-answer'
  | 'details-sent'
  | 'how-it-went'
  | 'closed'
  | 'note'
  | 'anonymised'

/** One introduction, whole: the requester's contact details too (the service decides who sees them). */
export interface IntroductionRow {
  id: number
  hubId: number
  hubSlug: string
  hubName: string
  askedFrom: 'search' | 'hub' | 'service' | 'person' | 'direct'
  askedFromRef: string | null
  helpWanted: string
  requesterName: string
  requesterPhone: string | null
  requesterEmail: string | null
  requesterArea: string
  requesterRoute: 'email' | 'phone'
  status: IntroductionStatus
  personId: number | null
  askedAt: string | null
  answerDueAt: string | null
  acceptedAt: string | null
  outcome: IntroductionOutcome | null
  outcomeNote: string | null
  createdAt: string
  waitingSince: string
  closedAt: string | null
  anonymisedAt: string | null
}

/** One line of a queue: never the requester's contact details. */
export interface IntroductionListRow {
  id: number
  hubId: number
  hubSlug: string
  hubName: string
  helpWanted: string
  requesterArea: string
  status: IntroductionStatus
  personId: number | null
  createdAt: string
  waitingSince: string
  answerDueAt: string | null
  outcome: IntroductionOutcome | null
}

/** A hub's oldest waiting introductions, and how many wait. */
export interface WaitingRow {
  hubId: number
  id: number
  helpWanted: string
  waitingSince: string
  inHub: number
}

export interface IntroductionEventRow {
  id: number
  at: string
  kind: IntroductionEventKind
  accountId: number | null
  accountName: string | null
  personId: number | null
  note: string | null
}

export interface AnswerLinkRow {
  tokenHash: string
  introductionId: number
  personId: number
  expiresAt: string
  usedAt: string | null
}

/** What a request holds when written (by the public form, the demo data or a test builder). */
export interface IntroductionInput {
  hubId: number
  askedFrom: IntroductionRow['askedFrom']
  askedFromRef?: string | null
  helpWanted: string
  requesterName: string
  requesterPhone: string | null
  requesterEmail: string | null
  requesterArea: string
  requesterRoute: 'email' | 'phone'
  createdAt: string
}

/** An introduction a person was part of, as the helper: for their own download. */
export interface PersonIntroductionRow {
  id: number
  hubName: string
  status: IntroductionStatus
  createdAt: string
  acceptedAt: string | null
  closedAt: string | null
}

const ROW = `i.id, i.hub_id AS hubId, h.slug AS hubSlug, h.name AS hubName, i.asked_from AS askedFrom,
       i.asked_from_ref AS askedFromRef, i.help_wanted AS helpWanted, i.requester_name AS requesterName,
       i.requester_phone AS requesterPhone, i.requester_email AS requesterEmail,
       i.requester_area AS requesterArea, i.requester_route AS requesterRoute, i.status,
       i.person_id AS personId, i.asked_at AS askedAt, i.answer_due_at AS answerDueAt,
       i.accepted_at AS acceptedAt, i.outcome, i.outcome_note AS outcomeNote, i.created_at AS createdAt,
       i.waiting_since AS waitingSince, i.closed_at AS closedAt, i.anonymised_at AS anonymisedAt`
const LIST_ROW = `i.id, i.hub_id AS hubId, h.slug AS hubSlug, h.name AS hubName, i.help_wanted AS helpWanted,
       i.requester_area AS requesterArea, i.status, i.person_id AS personId, i.created_at AS createdAt,
       i.waiting_since AS waitingSince, i.answer_due_at AS answerDueAt, i.outcome`

export class IntroductionsRepository {
  private readonly insertOne
  private readonly one: Statement<[number], IntroductionRow>
  private readonly eventsOf: Statement<[number, number], IntroductionEventRow>
  private readonly insertEvent
  private readonly pageIn: Statement<
    [{ hubIds: string; status: string; limit: number; offset: number }],
    IntroductionListRow
  >
  private readonly pageAll: Statement<
    [{ status: string; limit: number; offset: number }],
    IntroductionListRow
  >
  private readonly countIn: Statement<[{ hubIds: string; status: string }], number>
  private readonly countAll: Statement<[{ status: string }], number>
  private readonly waiting: Statement<[{ hubIds: string; few: number }], WaitingRow>
  private readonly choose
  private readonly asked
  private readonly accepted
  private readonly queueAgain
  private readonly closeOne
  private readonly due: Statement<[string, number], number>
  private readonly closedSince: Statement<[string, number], number>
  private readonly anonymiseOne
  private readonly anonymiseEvents
  private readonly recent: Statement<[string, string], { personId: number; times: number }>
  private readonly ofPerson: Statement<[number, number], PersonIntroductionRow>
  private readonly insertLink
  private readonly linkByHash: Statement<[string], AnswerLinkRow>
  private readonly useLinkOnce
  private readonly retireLinksOf
  private readonly removeStoppedLinks

  constructor(db: Db) {
    this.insertOne = db.prepare(
      `INSERT INTO introductions (hub_id, asked_from, asked_from_ref, help_wanted, requester_name,
         requester_phone, requester_email, requester_area, requester_route, status, created_at, waiting_since)
       VALUES (@hubId, @askedFrom, @askedFromRef, @helpWanted, @requesterName, @requesterPhone,
         @requesterEmail, @requesterArea, @requesterRoute, 'waiting', @createdAt, @createdAt)`,
    )
    // ROW is the fixed column list above (allow-listed: no input reaches it); the id is a placeholder.
    this.one = db.prepare(`SELECT ${ROW} FROM introductions i JOIN hubs h ON h.id = i.hub_id WHERE i.id = ?`)
    this.eventsOf = db.prepare(
      `SELECT e.id, e.at, e.kind, e.account_id AS accountId, a.display_name AS accountName,
              e.person_id AS personId, e.note
         FROM introduction_events e LEFT JOIN accounts a ON a.id = e.account_id
        WHERE e.introduction_id = ? ORDER BY e.id LIMIT ?`,
    )
    this.insertEvent = db.prepare(
      `INSERT INTO introduction_events (introduction_id, at, kind, account_id, person_id, note)
       VALUES (@introductionId, @at, @kind, @accountId, @personId, @note)`,
    )
    // In some hubs: read through introductions_by_hub_status, hub by hub. In every hub (a
    // coordinator of all hubs, an admin): through introductions_by_status, in order.
    this.pageIn = db.prepare(
      `SELECT ${LIST_ROW} FROM json_each(@hubIds) wanted
        CROSS JOIN introductions i ON i.hub_id = wanted.value AND i.status = @status
        JOIN hubs h ON h.id = i.hub_id
        ORDER BY i.waiting_since, i.id LIMIT @limit OFFSET @offset`,
    )
    this.pageAll = db.prepare(
      `SELECT ${LIST_ROW} FROM introductions i JOIN hubs h ON h.id = i.hub_id
        WHERE i.status = @status
        ORDER BY i.waiting_since, i.id LIMIT @limit OFFSET @offset`,
    )
    this.countIn = db
      .prepare<[{ hubIds: string; status: string }], number>(
        `SELECT COUNT(*) FROM json_each(@hubIds) wanted
          CROSS JOIN introductions i ON i.hub_id = wanted.value AND i.status = @status`,
      )
      .pluck()
    this.countAll = db
      .prepare<[{ status: string }], number>('SELECT COUNT(*) FROM introductions i WHERE i.status = @status')
      .pluck()
    this.waiting = db.prepare(
      `SELECT * FROM (
         SELECT i.hub_id AS hubId, i.id, i.help_wanted AS helpWanted, i.waiting_since AS waitingSince,
                row_number() OVER (PARTITION BY i.hub_id ORDER BY i.waiting_since, i.id) AS place,
                COUNT(*) OVER (PARTITION BY i.hub_id) AS inHub
           FROM json_each(@hubIds) wanted
          CROSS JOIN introductions i ON i.hub_id = wanted.value AND i.status = 'waiting')
        WHERE place <= @few
        ORDER BY hubId, place`,
    )
    this.choose = db.prepare(
      `UPDATE introductions SET person_id = @personId WHERE id = @id AND status = 'waiting'`,
    )
    this.asked = db.prepare(
      `UPDATE introductions SET status = 'asked', person_id = @personId, asked_at = @at, answer_due_at = @dueAt
        WHERE id = @id AND status = 'waiting'`,
    )
    this.accepted = db.prepare(
      `UPDATE introductions SET status = 'accepted', person_id = @personId, accepted_at = @at,
              answer_due_at = NULL
        WHERE id = @id AND status IN ('waiting', 'asked')`,
    )
    // Back to the queue: it keeps its first place (waiting since it was asked for).
    this.queueAgain = db.prepare(
      `UPDATE introductions SET status = 'waiting', person_id = NULL, asked_at = NULL, answer_due_at = NULL,
              waiting_since = created_at
        WHERE id = @id AND status IN ('waiting', 'asked')`,
    )
    this.closeOne = db.prepare(
      `UPDATE introductions SET status = 'closed', outcome = @outcome, outcome_note = @note, closed_at = @at,
              answer_due_at = NULL
        WHERE id = @id AND status IN (SELECT value FROM json_each(@from))`,
    )
    // The job's batches name their partial indexes: the planner might otherwise read every
    // closed introduction through introductions_by_status and sort them.
    this.due = db
      .prepare<[string, number], number>(
        `SELECT id FROM introductions INDEXED BY introductions_answer_due
          WHERE status = 'asked' AND answer_due_at <= ?
          ORDER BY answer_due_at LIMIT ?`,
      )
      .pluck()
    this.closedSince = db
      .prepare<[string, number], number>(
        `SELECT id FROM introductions INDEXED BY introductions_to_anonymise
          WHERE status = 'closed' AND anonymised_at IS NULL AND closed_at < ?
          ORDER BY closed_at LIMIT ?`,
      )
      .pluck()
    this.anonymiseOne = db.prepare(
      `UPDATE introductions SET requester_name = '[removed]', requester_phone = NULL, requester_email = NULL,
              requester_area = '[removed]', help_wanted = '[removed]', outcome_note = NULL,
              asked_from_ref = NULL, anonymised_at = @at
        WHERE id = @id AND anonymised_at IS NULL`,
    )
    this.anonymiseEvents = db.prepare('UPDATE introduction_events SET note = NULL WHERE introduction_id = ?')
    this.recent = db.prepare(
      `SELECT i.person_id AS personId, COUNT(*) AS times
         FROM json_each(?) wanted
        CROSS JOIN introductions i ON i.person_id = wanted.value AND i.accepted_at >= ?
        GROUP BY i.person_id`,
    )
    this.ofPerson = db.prepare(
      `SELECT i.id, h.name AS hubName, i.status, i.created_at AS createdAt, i.accepted_at AS acceptedAt,
              i.closed_at AS closedAt
         FROM introductions i JOIN hubs h ON h.id = i.hub_id
        WHERE i.person_id = ? ORDER BY i.id DESC LIMIT ?`,
    )
    this.insertLink = db.prepare(
      `INSERT INTO introduction_answer_links (token_hash, introduction_id, person_id, expires_at)
       VALUES (@tokenHash, @introductionId, @personId, @expiresAt)`,
    )
    this.linkByHash = db.prepare(
      `SELECT token_hash AS tokenHash, introduction_id AS introductionId, person_id AS personId,
              expires_at AS expiresAt, used_at AS usedAt
         FROM introduction_answer_links WHERE token_hash = ?`,
    )
    this.useLinkOnce = db.prepare(
      'UPDATE introduction_answer_links SET used_at = @at WHERE token_hash = @tokenHash AND used_at IS NULL',
    )
    this.removeStoppedLinks = db.prepare<[string, number]>(
      `DELETE FROM introduction_answer_links WHERE token_hash IN (
         SELECT token_hash FROM introduction_answer_links INDEXED BY introduction_answer_links_by_expiry
          WHERE expires_at < ? LIMIT ?)`,
    )
    this.retireLinksOf = db.prepare(
      'UPDATE introduction_answer_links SET used_at = @at WHERE introduction_id = @id AND used_at IS NULL',
    )
  }

  /** A request in its hub's queue, with its 'requested' event. Returns its id. */
  insert(input: IntroductionInput): number {
    const id = Number(
      this.insertOne.run({ ...input, askedFromRef: input.askedFromRef ?? null }).lastInsertRowid,
    )
    this.addEvent({ introductionId: id, at: input.createdAt, kind: 'requested' })
    return id
  }

  find(id: number): IntroductionRow | null {
    return this.one.get(id) ?? null
  }

  /** The timeline, oldest first: at most `limit` steps. */
  events(id: number, limit: number): IntroductionEventRow[] {
    return this.eventsOf.all(id, limit)
  }

  addEvent(event: {
    introductionId: number
    at: string
    kind: IntroductionEventKind
    accountId?: number | null
    personId?: number | null
    note?: string | null
  }): void {
    this.insertEvent.run({ accountId: null, personId: null, note: null, ...event })
  }

  /** A page of the introductions in a state, in these hubs (every hub when null), oldest waiting first. */
  page(
    hubIds: readonly number[] | null,
    status: IntroductionStatus,
    window: { limit: number; offset: number },
  ): IntroductionListRow[] {
    return hubIds === null
      ? this.pageAll.all({ status, ...window })
      : this.pageIn.all({ hubIds: JSON.stringify(hubIds), status, ...window })
  }

  count(hubIds: readonly number[] | null, status: IntroductionStatus): number {
    return (
      (hubIds === null
        ? this.countAll.get({ status })
        : this.countIn.get({ hubIds: JSON.stringify(hubIds), status })) ?? 0
    )
  }

  /** In each hub, its oldest `few` waiting introductions, and how many wait. */
  waitingIn(hubIds: readonly number[], few: number): WaitingRow[] {
    return hubIds.length === 0 ? [] : this.waiting.all({ hubIds: JSON.stringify(hubIds), few })
  }

  /** Each step below changes only an introduction in the state it needs: false when it was not. */
  choosePerson(id: number, personId: number): boolean {
    return this.choose.run({ id, personId }).changes === 1
  }

  markAsked(id: number, personId: number, at: string, dueAt: string): boolean {
    return this.asked.run({ id, personId, at, dueAt }).changes === 1
  }

  markAccepted(id: number, personId: number, at: string): boolean {
    return this.accepted.run({ id, personId, at }).changes === 1
  }

  backToQueue(id: number): boolean {
    return this.queueAgain.run({ id }).changes === 1
  }

  close(
    id: number,
    from: readonly IntroductionStatus[],
    outcome: IntroductionOutcome,
    note: string | null,
    at: string,
  ): boolean {
    return this.closeOne.run({ id, from: JSON.stringify(from), outcome, note, at }).changes === 1
  }

  /** Asks not answered by their day (`now`), oldest first: at most `limit`. */
  unansweredBy(now: string, limit: number): number[] {
    return this.due.all(now, limit)
  }

  /** Closed introductions not yet anonymised, closed before `before`, oldest first: at most `limit`. */
  closedBefore(before: string, limit: number): number[] {
    return this.closedSince.all(before, limit)
  }

  /** Clears who asked, how to reach them, what they asked for and every note. */
  anonymise(id: number, at: string): boolean {
    const changed = this.anonymiseOne.run({ id, at }).changes === 1
    if (changed) this.anonymiseEvents.run(id)
    return changed
  }

  /** How many introductions each of these people accepted since `since` (people with none are left out). */
  recentlyIntroduced(personIds: readonly number[], since: string): Map<number, number> {
    const counts = new Map<number, number>()
    if (personIds.length === 0) return counts
    for (const row of this.recent.all(JSON.stringify(personIds), since)) counts.set(row.personId, row.times)
    return counts
  }

  /** The newest introductions a person was asked for or took part in: at most `limit`. */
  ofHelper(personId: number, limit: number): PersonIntroductionRow[] {
    return this.ofPerson.all(personId, limit)
  }

  addAnswerLink(link: Omit<AnswerLinkRow, 'usedAt'>): void {
    this.insertLink.run(link)
  }

  answerLink(tokenHash: string): AnswerLinkRow | null {
    return this.linkByHash.get(tokenHash) ?? null
  }

  /** true only the first time: a link works once */
  useAnswerLink(tokenHash: string, at: string): boolean {
    return this.useLinkOnce.run({ tokenHash, at }).changes === 1
  }

  /** The retention purge's batch: at most `limit` answer links that stopped working before `cutoff`. */
  deleteAnswerLinksExpiredBefore(cutoff: string, limit: number): number {
    return this.removeStoppedLinks.run(cutoff, limit).changes
  }

  /** Every unused answer link of the introduction stops working. */
  retireAnswerLinks(id: number, at: string): void {
    this.retireLinksOf.run({ id, at })
  }
}
