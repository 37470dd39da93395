import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'

export type SuggestionKind = 'change' | 'new'
export type SuggestionListingType = 'service' | 'organisation' | 'place'
export type SuggestionStatus = 'pending' | 'approved' | 'rejected'

/** A suggestion as it is kept (migrations/0031_suggestions.sql). */
export interface SuggestionRow {
  id: number
  kind: SuggestionKind
  listingType: SuggestionListingType
  listingId: number | null
  hubId: number
  hubName: string
  /** only the fields the person changed */
  proposed: Record<string, string>
  note: string
  accountId: number | null
  replyEmail: string | null
  status: SuggestionStatus
  reason: string | null
  reviewedBy: number | null
  reviewedAt: string | null
  createdAt: string
  /** the listing's name now (for a new one, its proposed name) */
  listingName: string
}

export interface NewSuggestion {
  kind: SuggestionKind
  listingType: SuggestionListingType
  listingId: number | null
  hubId: number
  proposed: Record<string, string>
  note: string
  accountId: number | null
  replyEmail: string | null
  createdAt: string
}

/** One row of a listing's history. */
export interface HistoryRow {
  field: string
  oldValue: string | null
  newValue: string | null
  changedAt: string
  /** the role of who changed it, and their first name: never an email address */
  changedByRole: string | null
  changedByName: string | null
}

/** A published listing's own values, as the suggestion form starts from. */
export interface ServiceValues {
  id: number
  hubId: number | null
  name: string
  description: string
  phone: string | null
  email: string | null
  url: string | null
  isFree: boolean
  costAmountPence: number | null
  costOption: string | null
  costDescription: string | null
  /** where its first place is, for finding its hub when it has none */
  latitude: number | null
  longitude: number | null
}

export interface PlaceValues {
  id: number
  hubId: number | null
  name: string
  description: string
  address1: string
  city: string
  postalCode: string
  latitude: number
  longitude: number
}

export interface OrganisationValues {
  id: number
  hubId: number | null
  name: string
  description: string
  phone: string | null
  email: string | null
  website: string | null
  address1: string | null
  city: string | null
  postalCode: string | null
  latitude: number | null
  longitude: number | null
}

export interface HubAreaCandidate {
  id: number
  name: string
  latitude: number
  longitude: number
  radiusMiles: number | null
  boundaryGeojson: string | null
}

interface RawSuggestion extends Omit<SuggestionRow, 'proposed'> {
  proposedJson: string
}

const SELECT_SUGGESTION = `SELECT s.id, s.kind, s.listing_type AS listingType, s.listing_id AS listingId, s.hub_id AS hubId,
       h.name AS hubName, s.proposed_json AS proposedJson, s.note, s.account_id AS accountId,
       s.reply_email AS replyEmail, s.status, s.reason, s.reviewed_by AS reviewedBy,
       s.reviewed_at AS reviewedAt, s.created_at AS createdAt,
       COALESCE(CASE s.listing_type
         WHEN 'service' THEN (SELECT name FROM services WHERE id = s.listing_id)
         WHEN 'organisation' THEN (SELECT name FROM organizations WHERE id = s.listing_id)
         ELSE (SELECT name FROM locations WHERE id = s.listing_id) END,
         json_extract(s.proposed_json, '$.name'), '') AS listingName
  FROM suggestions s JOIN hubs h ON h.id = s.hub_id`

const toRow = ({ proposedJson, ...row }: RawSuggestion): SuggestionRow => ({
  ...row,
  proposed: JSON.parse(proposedJson) as Record<string, string>,
})

/** Suggested changes and new listings, their review, and listings' history. */
export class SuggestionsRepository {
  private readonly insert: Statement
  private readonly byId: Statement<[number], RawSuggestion>
  private readonly pendingInHubs: Statement<
    [{ hubIds: string; limit: number; offset: number }],
    RawSuggestion
  >
  private readonly pendingCountInHubs: Statement<[{ hubIds: string }], number>
  private readonly pendingEverywhere: Statement<[{ limit: number; offset: number }], RawSuggestion>
  private readonly pendingCountEverywhere: Statement<[], number>
  private readonly countsByHub: Statement<[string], { hubId: number; count: number }>
  private readonly oldestInHub: Statement<[{ hubId: number; limit: number }], RawSuggestion>
  private readonly ofAccount: Statement<[{ accountId: number; limit: number; offset: number }], RawSuggestion>
  private readonly countOfAccount: Statement<[number], number>
  private readonly decideOne: Statement
  private readonly addHistory: Statement
  private readonly historyOf: Statement<[{ type: string; id: number; limit: number }], HistoryRow>
  private readonly service: Statement<[number], Omit<ServiceValues, 'isFree'> & { isFree: number }>
  private readonly place: Statement<[number], PlaceValues>
  private readonly organisation: Statement<[number], OrganisationValues>
  private readonly hubsAround: Statement<[{ lat: number; lng: number }], HubAreaCandidate>
  private readonly nearestHub: Statement<[{ lat: number; lng: number; lngScale: number }], HubAreaCandidate>
  private readonly organisationNamed: Statement<[string], number>

  constructor(db: Db) {
    this.insert = db.prepare(
      `INSERT INTO suggestions (kind, listing_type, listing_id, hub_id, proposed_json, note, account_id, reply_email, created_at)
       VALUES (@kind, @listingType, @listingId, @hubId, @proposedJson, @note, @accountId, @replyEmail, @createdAt)`,
    )
    this.byId = db.prepare(`${SELECT_SUGGESTION} WHERE s.id = ?`)
    this.pendingInHubs = db.prepare(
      `${SELECT_SUGGESTION} WHERE s.hub_id IN (SELECT value FROM json_each(@hubIds)) AND s.status = 'pending'
        ORDER BY s.created_at, s.id LIMIT @limit OFFSET @offset`,
    )
    this.pendingCountInHubs = db
      .prepare<[{ hubIds: string }], number>(
        `SELECT COUNT(*) FROM suggestions
          WHERE hub_id IN (SELECT value FROM json_each(@hubIds)) AND status = 'pending'`,
      )
      .pluck()
    this.pendingEverywhere = db.prepare(
      `${SELECT_SUGGESTION} WHERE s.status = 'pending' ORDER BY s.created_at, s.id LIMIT @limit OFFSET @offset`,
    )
    this.pendingCountEverywhere = db
      .prepare<[], number>(`SELECT COUNT(*) FROM suggestions WHERE status = 'pending'`)
      .pluck()
    this.countsByHub = db.prepare(
      `SELECT hub_id AS hubId, COUNT(*) AS count FROM suggestions
        WHERE hub_id IN (SELECT value FROM json_each(?)) AND status = 'pending' GROUP BY hub_id`,
    )
    this.oldestInHub = db.prepare(
      `${SELECT_SUGGESTION} WHERE s.hub_id = @hubId AND s.status = 'pending' ORDER BY s.created_at, s.id LIMIT @limit`,
    )
    this.ofAccount = db.prepare(
      `${SELECT_SUGGESTION} WHERE s.account_id = @accountId ORDER BY s.created_at DESC, s.id DESC LIMIT @limit OFFSET @offset`,
    )
    this.countOfAccount = db
      .prepare<[number], number>('SELECT COUNT(*) FROM suggestions WHERE account_id = ?')
      .pluck()
    this.decideOne = db.prepare(
      `UPDATE suggestions
          SET status = @status, reason = @reason, reviewed_by = @reviewedBy, reviewed_at = @reviewedAt,
              proposed_json = @proposedJson, listing_id = COALESCE(@listingId, listing_id)
        WHERE id = @id AND status = 'pending'`,
    )
    this.addHistory = db.prepare(
      `INSERT INTO listing_history (listing_type, listing_id, field, old_value, new_value, changed_by, changed_at, suggestion_id)
       VALUES (@listingType, @listingId, @field, @oldValue, @newValue, @changedBy, @changedAt, @suggestionId)`,
    )
    this.historyOf = db.prepare(
      `SELECT lh.field, lh.old_value AS oldValue, lh.new_value AS newValue, lh.changed_at AS changedAt,
              a.role AS changedByRole, a.display_name AS changedByName
         FROM listing_history lh LEFT JOIN accounts a ON a.id = lh.changed_by
        WHERE lh.listing_type = @type AND lh.listing_id = @id
        ORDER BY lh.changed_at DESC, lh.id DESC LIMIT @limit`,
    )
    this.service = db.prepare(
      `SELECT s.id, s.hub_id AS hubId, s.name, s.description, s.phone, s.email, s.url, s.is_free AS isFree,
              s.cost_amount_pence AS costAmountPence, s.cost_option AS costOption, s.cost_description AS costDescription,
              (SELECT l.latitude FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id
                WHERE sal.service_id = s.id ORDER BY sal.id LIMIT 1) AS latitude,
              (SELECT l.longitude FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id
                WHERE sal.service_id = s.id ORDER BY sal.id LIMIT 1) AS longitude
         FROM services s WHERE s.id = ? AND s.status = 'published'`,
    )
    this.place = db.prepare(
      `SELECT id, hub_id AS hubId, name, description, address_1 AS address1, city, postal_code AS postalCode,
              latitude, longitude
         FROM locations WHERE id = ? AND status = 'published'`,
    )
    this.organisation = db.prepare(
      `SELECT o.id, (SELECT MIN(hub_id) FROM organization_hubs WHERE organization_id = o.id) AS hubId,
              o.name, o.description, o.phone, o.email, o.website, o.address_1 AS address1, o.city,
              o.postal_code AS postalCode, o.latitude, o.longitude
         FROM organizations o WHERE o.id = ? AND o.status = 'published'`,
    )
    const hubColumns = `h.id, h.name, h.latitude, h.longitude, h.radius_miles AS radiusMiles,
              h.boundary_geojson AS boundaryGeojson`
    this.hubsAround = db.prepare(
      `SELECT ${hubColumns} FROM hubs_rtree r JOIN hubs h ON h.id = r.id
        WHERE r.min_lat <= @lat AND r.max_lat >= @lat AND r.min_lng <= @lng AND r.max_lng >= @lng
        ORDER BY h.id LIMIT 50`,
    )
    this.nearestHub = db.prepare(
      `SELECT ${hubColumns} FROM hubs h
        ORDER BY (h.latitude - @lat) * (h.latitude - @lat)
               + (h.longitude - @lng) * (h.longitude - @lng) * @lngScale * @lngScale, h.id
        LIMIT 1`,
    )
    this.organisationNamed = db
      .prepare<[string], number>(
        `SELECT id FROM organizations WHERE name = ? COLLATE NOCASE AND status = 'published' ORDER BY id LIMIT 1`,
      )
      .pluck()
  }

  add(suggestion: NewSuggestion): number {
    const { proposed, ...rest } = suggestion
    return Number(this.insert.run({ ...rest, proposedJson: JSON.stringify(proposed) }).lastInsertRowid)
  }

  find(id: number): SuggestionRow | undefined {
    const row = this.byId.get(id)
    return row ? toRow(row) : undefined
  }

  /** A page of the pending ones in these hubs (every hub when hubIds is null), oldest first, and how many there are. */
  pending(hubIds: readonly number[] | null, page: { limit: number; offset: number }) {
    if (hubIds === null)
      return {
        rows: this.pendingEverywhere.all(page).map(toRow),
        total: this.pendingCountEverywhere.get() ?? 0,
      }
    const ids = JSON.stringify(hubIds)
    return {
      rows: this.pendingInHubs.all({ hubIds: ids, ...page }).map(toRow),
      total: this.pendingCountInHubs.get({ hubIds: ids }) ?? 0,
    }
  }

  /** How many wait in each of these hubs (hubs with none left out). */
  pendingCounts(hubIds: readonly number[]): Map<number, number> {
    return new Map(this.countsByHub.all(JSON.stringify(hubIds)).map((row) => [row.hubId, row.count]))
  }

  /** The oldest few waiting in one hub. */
  oldestPending(hubId: number, limit: number): SuggestionRow[] {
    return this.oldestInHub.all({ hubId, limit }).map(toRow)
  }

  /** A page of one account's suggestions, newest first, and how many it has made. */
  byAccount(accountId: number, page: { limit: number; offset: number }) {
    return {
      rows: this.ofAccount.all({ accountId, ...page }).map(toRow),
      total: this.countOfAccount.get(accountId) ?? 0,
    }
  }

  /** Approves or rejects a pending suggestion; false when it is not pending (decided already). */
  decide(decision: {
    id: number
    status: 'approved' | 'rejected'
    reason: string | null
    reviewedBy: number | null
    reviewedAt: string
    proposed: Record<string, string>
    listingId: number | null
  }): boolean {
    const { proposed, ...rest } = decision
    return this.decideOne.run({ ...rest, proposedJson: JSON.stringify(proposed) }).changes === 1
  }

  recordHistory(entry: {
    listingType: SuggestionListingType
    listingId: number
    field: string
    oldValue: string | null
    newValue: string | null
    changedBy: number | null
    changedAt: string
    suggestionId: number | null
  }): void {
    this.addHistory.run(entry)
  }

  /** The latest changes of a listing, newest first. */
  history(listingType: SuggestionListingType, listingId: number, limit: number): HistoryRow[] {
    return this.historyOf.all({ type: listingType, id: listingId, limit })
  }

  /** A published service's own values (its times are read as its page reads them: ServicesRepository.findSummaryRows). */
  serviceValues(id: number): ServiceValues | undefined {
    const row = this.service.get(id)
    return row && { ...row, isFree: row.isFree === 1 }
  }

  placeValues(id: number): PlaceValues | undefined {
    return this.place.get(id)
  }

  organisationValues(id: number): OrganisationValues | undefined {
    return this.organisation.get(id)
  }

  /** Hubs whose bounding box holds the point (at most 50), for the service to test each area. */
  hubsWhoseBoxHolds(point: { latitude: number; longitude: number }): HubAreaCandidate[] {
    return this.hubsAround.all({ lat: point.latitude, lng: point.longitude })
  }

  /** The hub whose centre is nearest the point, or undefined when there are no hubs. */
  hubNearest(point: { latitude: number; longitude: number }): HubAreaCandidate | undefined {
    const lngScale = Math.cos((point.latitude * Math.PI) / 180)
    return this.nearestHub.get({ lat: point.latitude, lng: point.longitude, lngScale })
  }

  /** A published organisation with exactly this name (any case), for a new group's "who runs it". */
  organisationNamedExactly(name: string): number | undefined {
    return this.organisationNamed.get(name)
  }
}
