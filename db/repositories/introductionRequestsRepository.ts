import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'

/** Where a request was made, as the introductions table keeps it (migrations/0027_introductions.sql). */
export type AskedFromCode = 'search' | 'hub' | 'service' | 'person' | 'direct'

/** A request from the public "Ask to be put in touch" form, as it is kept. */
export interface NewIntroductionRequest {
  hubId: number
  askedFrom: AskedFromCode
  /** which one: the service id, the person id or the hub slug; null for search and direct */
  askedFromRef: string | null
  helpWanted: string
  requesterName: string
  requesterPhone: string | null
  requesterEmail: string | null
  requesterArea: string
  requesterRoute: 'email' | 'phone'
  /** UTC, to the second */
  at: string
}

/** A person shown to everyone (visibility 'public'), as the form may name them: never contact details. */
export interface PublicPersonRow {
  id: number
  firstName: string
  /** the first letter of the last name, or '' */
  lastInitial: string
  hubId: number | null
}

/** Hours from asking to "yes" for a hub's recent accepted introductions (exported for its query plan's test). */
export const RECENT_WAITS_SQL = `SELECT (julianday(accepted_at) - julianday(created_at)) * 24 AS hours
   FROM introductions
  WHERE hub_id = @hubId AND status IN ('accepted', 'closed') AND waiting_since >= @waitingSince
    AND accepted_at IS NOT NULL AND accepted_at >= @since
  ORDER BY accepted_at DESC
  LIMIT @limit`

/**
 * The public side of introductions (issue 11): a request kept in its hub's queue with the
 * first step of its timeline, and how long the hub's recent requests took to be accepted.
 * The coordinator side (IntroductionsRepository) takes requests on from here. Every read is
 * bounded: one row, or at most `limit` recent ones.
 */
export class IntroductionRequestsRepository {
  private readonly insertRequest: Statement<[NewIntroductionRequest]>
  private readonly insertRequested: Statement<[{ introductionId: number; at: string }]>
  private readonly keep: (request: NewIntroductionRequest) => number
  private readonly recentWaits: Statement<
    [{ hubId: number; since: string; waitingSince: string; limit: number }],
    number
  >
  private readonly nextId: Statement<[], number>
  private readonly publicPersonById: Statement<[number], PublicPersonRow>

  constructor(db: Db) {
    this.insertRequest = db.prepare(
      `INSERT INTO introductions (hub_id, asked_from, asked_from_ref, help_wanted, requester_name,
              requester_phone, requester_email, requester_area, requester_route, status, created_at, waiting_since)
       VALUES (@hubId, @askedFrom, @askedFromRef, @helpWanted, @requesterName,
              @requesterPhone, @requesterEmail, @requesterArea, @requesterRoute, 'waiting', @at, @at)`,
    )
    this.insertRequested = db.prepare(
      `INSERT INTO introduction_events (introduction_id, at, kind) VALUES (@introductionId, @at, 'requested')`,
    )
    // The request and the first step of its timeline together, or neither.
    this.keep = db.transaction((request: NewIntroductionRequest) => {
      const introductionId = Number(this.insertRequest.run(request).lastInsertRowid)
      this.insertRequested.run({ introductionId, at: request.at })
      return introductionId
    })
    // Hours from asking to "yes", for the hub's most recent accepted introductions (accepted,
    // or accepted and since closed). Only a range of introductions_by_hub_status is read: those
    // that last began waiting after `waitingSince` (an introduction is accepted after it last
    // began waiting, so this leaves out only ones that waited longer than the caller allows).
    this.recentWaits = db
      .prepare<[{ hubId: number; since: string; waitingSince: string; limit: number }], number>(
        RECENT_WAITS_SQL,
      )
      .pluck()
    this.nextId = db.prepare<[], number>('SELECT COALESCE(MAX(id), 0) + 1 FROM introductions').pluck()
    // Only from the view with no contact columns, and only a person everyone may see.
    this.publicPersonById = db.prepare(
      `SELECT id, first_name AS firstName, last_initial AS lastInitial, hub_id AS hubId
         FROM people_for_public_pages
        WHERE id = ? AND visibility = 'public'`,
    )
  }

  /** Keeps a request in its hub's queue (waiting since now) with its 'requested' step, in one transaction; returns its id. */
  insert(request: NewIntroductionRequest): number {
    return this.keep(request)
  }

  /**
   * Hours from asking to being accepted, for at most `limit` of the hub's introductions
   * accepted since `since` that last began waiting after `waitingSince`, newest first.
   */
  hoursToAccept(hubId: number, window: { since: string; waitingSince: string }, limit: number): number[] {
    return this.recentWaits.all({ hubId, ...window, limit })
  }

  /** The number the next request will have (the largest so far, plus one). */
  nextNumber(): number {
    return this.nextId.get() ?? 1
  }

  /** A person everyone may see (public, consent in force, not paused), or undefined. */
  publicPerson(id: number): PublicPersonRow | undefined {
    return this.publicPersonById.get(id)
  }
}
