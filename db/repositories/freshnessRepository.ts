import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'

/** How someone checked a listing was still right. */
export const CHECK_WAYS = ['phone', 'visit', 'email', 'website'] as const
export type CheckWay = (typeof CHECK_WAYS)[number]

/**
 * The three kinds of listing that are checked and archived: a group or activity (services), an
 * organisation (organizations) and a place (locations). The same words as suggestions use.
 */
export type ListingType = 'service' | 'organisation' | 'place'
export const LISTING_TYPES = ['service', 'organisation', 'place'] as const satisfies readonly ListingType[]

/** A listing as "Mark as checked" and "Archive" need it: published or not. */
export interface ListingToLookAfterRow {
  type: ListingType
  id: number
  name: string
  status: 'draft' | 'pending' | 'published' | 'archived'
  /** The hub it belongs to: a service's or a place's hub_id; null for an organisation (see firstHubOf). */
  hubId: number | null
  hubSlug: string | null
  hubName: string | null
  /** who runs a service or looks after a place; null for an organisation (and a place nobody looks after) */
  organisationName: string | null
  lastChecked: string
}

/** One listing on a hub's "Needs checking" list. */
export interface NeedsCheckingRow {
  type: ListingType
  id: number
  name: string
  organisationName: string | null
  lastChecked: string
}

/** How many of a hub's listings of each kind need checking. */
export type CountsByType = Record<ListingType, number>

export interface CheckRow {
  how: CheckWay
  checkedAt: string
  checkedBy: string | null
}

/** An archived listing, for its "This group has closed" page. */
export interface ClosedListingRow {
  type: ListingType
  id: number
  name: string
  reason: string | null
  archivedAt: string | null
}

export interface PointRow {
  latitude: number
  longitude: number
}

/** Each kind's tables and columns: a fixed allow-list, never anything a request sent. */
const TABLES = {
  service: { checks: 'service_checks', archives: 'service_archives', key: 'service_id', rows: 'services' },
  organisation: {
    checks: 'organization_checks',
    archives: 'organization_archives',
    key: 'organization_id',
    rows: 'organizations',
  },
  place: { checks: 'location_checks', archives: 'location_archives', key: 'location_id', rows: 'locations' },
} as const satisfies Record<ListingType, { checks: string; archives: string; key: string; rows: string }>

const perType = <T>(
  make: (type: ListingType, tables: (typeof TABLES)[ListingType]) => T,
): Record<ListingType, T> => ({
  service: make('service', TABLES.service),
  organisation: make('organisation', TABLES.organisation),
  place: make('place', TABLES.place),
})

export interface NearbyPointRow {
  serviceId: number
  latitude: number
  longitude: number
}

/**
 * One page of a hub's listings of the three kinds together, oldest first. Each kind gives at
 * most `reach` (offset + limit) of its oldest rows from its own partial index, so a page reads
 * no more than three times as many index entries as it skips and shows, however big the hub.
 * Exported so a test can check its query plan.
 */
export const NEEDS_CHECKING_PAGE_SQL = `SELECT type, id, name, organisationName, lastChecked FROM (
         SELECT * FROM (
           SELECT 'service' AS type, 0 AS kindOrder, s.id, s.name, o.name AS organisationName,
                  s.last_checked AS lastChecked
             FROM services s INDEXED BY services_published_by_hub_checked
             CROSS JOIN organizations o ON o.id = s.organization_id
            WHERE s.hub_id = @hubId AND s.status = 'published' AND s.last_checked < @before
            ORDER BY s.last_checked, s.id
            LIMIT @reach)
         UNION ALL
         SELECT * FROM (
           SELECT 'organisation' AS type, 1 AS kindOrder, o.id, o.name, NULL AS organisationName,
                  oh.organization_last_checked AS lastChecked
             FROM organization_hubs oh INDEXED BY organization_hubs_published_by_checked
             CROSS JOIN organizations o ON o.id = oh.organization_id
            WHERE oh.hub_id = @hubId AND oh.organization_status = 'published'
              AND oh.organization_last_checked < @before
            ORDER BY oh.organization_last_checked, oh.organization_id
            LIMIT @reach)
         UNION ALL
         SELECT * FROM (
           SELECT 'place' AS type, 2 AS kindOrder, l.id, l.name, o.name AS organisationName,
                  l.last_checked AS lastChecked
             FROM locations l INDEXED BY locations_published_by_hub_checked
             LEFT JOIN organizations o ON o.id = l.organization_id
            WHERE l.hub_id = @hubId AND l.status = 'published' AND l.last_checked < @before
            ORDER BY l.last_checked, l.id
            LIMIT @reach))
       ORDER BY lastChecked, kindOrder, id
       LIMIT @limit OFFSET @offset`

/**
 * Freshness (issue 12): each hub's published services, organisations and places oldest checked
 * first (each through its own partial index, a range per hub, never the whole table: see
 * 0032_freshness.sql and 0037_freshness_all_listings.sql), the history of checks and why a
 * listing was archived. The one writer of the checks and archives tables; a listing's own
 * columns are written by its repository.
 */
export class FreshnessRepository {
  private readonly countBefore: Record<ListingType, Statement<[number, string], number>>
  private readonly oldestBefore: Statement<
    [{ hubId: number; before: string; limit: number; offset: number; reach: number }],
    NeedsCheckingRow
  >
  private readonly toLookAfter: Record<ListingType, Statement<[number], ListingToLookAfterRow>>
  private readonly firstHubOfOrganisation: Statement<
    [number, string | null, string | null],
    { id: number; slug: string; name: string }
  >
  private readonly insertCheck: Record<
    ListingType,
    Statement<[{ id: number; accountId: number | null; how: CheckWay; at: string }]>
  >
  private readonly checksStatement: Record<ListingType, Statement<[number, number], CheckRow>>
  private readonly insertArchive: Record<
    ListingType,
    Statement<[{ id: number; reason: string; accountId: number | null; at: string }]>
  >
  private readonly closed: Record<ListingType, Statement<[number], ClosedListingRow>>
  private readonly placePoint: Statement<[number], PointRow>
  private readonly hubPoint: Statement<[number], PointRow>
  private readonly organisationPoint: Statement<[number], PointRow>
  private readonly organisationHubPoint: Statement<[number], PointRow>
  private readonly locationPoint: Statement<[number], PointRow>
  private readonly categoryMask: Statement<[number], number>
  private readonly pointsInBox: Statement<
    [{ south: number; north: number; west: number; east: number; mask: number; limit: number }],
    NearbyPointRow
  >
  private readonly groupsOfOrganisation: Statement<[number, number], number>
  private readonly groupsAtPlace: Statement<[number, number], number>
  private readonly groupIdsOfOrganisation: Statement<[number, number], number>
  private readonly groupIdsAtPlace: Statement<[number, number], number>

  constructor(db: Db) {
    // `status = 'published'` as written, so SQLite reads each kind's partial index: a range of
    // one hub's rows (services_published_by_hub_checked, organization_hubs_published_by_checked,
    // locations_published_by_hub_checked).
    this.countBefore = {
      service: db
        .prepare<[number, string], number>(
          `SELECT COUNT(*) FROM services WHERE hub_id = ? AND status = 'published' AND last_checked < ?`,
        )
        .pluck(),
      organisation: db
        .prepare<[number, string], number>(
          `SELECT COUNT(*) FROM organization_hubs
            WHERE hub_id = ? AND organization_status = 'published' AND organization_last_checked < ?`,
        )
        .pluck(),
      place: db
        .prepare<[number, string], number>(
          `SELECT COUNT(*) FROM locations WHERE hub_id = ? AND status = 'published' AND last_checked < ?`,
        )
        .pluck(),
    }
    this.oldestBefore = db.prepare(NEEDS_CHECKING_PAGE_SQL)
    this.toLookAfter = {
      service: db.prepare(
        `SELECT 'service' AS type, s.id, s.name, s.status, s.hub_id AS hubId, h.slug AS hubSlug,
                h.name AS hubName, o.name AS organisationName, s.last_checked AS lastChecked
           FROM services s
           JOIN organizations o ON o.id = s.organization_id
           LEFT JOIN hubs h ON h.id = s.hub_id
          WHERE s.id = ?`,
      ),
      organisation: db.prepare(
        `SELECT 'organisation' AS type, o.id, o.name, o.status, NULL AS hubId, NULL AS hubSlug,
                NULL AS hubName, NULL AS organisationName, o.last_checked AS lastChecked
           FROM organizations o
          WHERE o.id = ?`,
      ),
      place: db.prepare(
        `SELECT 'place' AS type, l.id, l.name, l.status, l.hub_id AS hubId, h.slug AS hubSlug,
                h.name AS hubName, o.name AS organisationName, l.last_checked AS lastChecked
           FROM locations l
           LEFT JOIN organizations o ON o.id = l.organization_id
           LEFT JOIN hubs h ON h.id = l.hub_id
          WHERE l.id = ?`,
      ),
    }
    this.firstHubOfOrganisation = db.prepare(
      `SELECT h.id, h.slug, h.name
         FROM organization_hubs oh CROSS JOIN hubs h ON h.id = oh.hub_id
        WHERE oh.organization_id = ? AND (? IS NULL OR oh.hub_id IN (SELECT value FROM json_each(?)))
        ORDER BY h.name, h.id
        LIMIT 1`,
    )
    // Table and column names below come from TABLES, a fixed list: no request reaches them.
    this.insertCheck = perType((_type, t) =>
      db.prepare(
        `INSERT INTO ${t.checks} (${t.key}, checked_by_account_id, how, checked_at)
         VALUES (@id, @accountId, @how, @at)`,
      ),
    )
    this.checksStatement = perType((_type, t) =>
      db.prepare(
        `SELECT c.how, c.checked_at AS checkedAt, a.display_name AS checkedBy
           FROM ${t.checks} c
           LEFT JOIN accounts a ON a.id = c.checked_by_account_id
          WHERE c.${t.key} = ?
          ORDER BY c.checked_at DESC, c.id DESC
          LIMIT ?`,
      ),
    )
    this.insertArchive = perType((_type, t) =>
      db.prepare(
        `INSERT INTO ${t.archives} (${t.key}, reason, archived_by_account_id, archived_at)
         VALUES (@id, @reason, @accountId, @at)
         ON CONFLICT (${t.key}) DO UPDATE SET reason = excluded.reason,
           archived_by_account_id = excluded.archived_by_account_id, archived_at = excluded.archived_at`,
      ),
    )
    this.closed = perType((type, t) =>
      db.prepare(
        `SELECT '${type}' AS type, r.id, r.name, a.reason, a.archived_at AS archivedAt
           FROM ${t.rows} r
           LEFT JOIN ${t.archives} a ON a.${t.key} = r.id
          WHERE r.id = ? AND r.status = 'archived'`,
      ),
    )
    this.placePoint = db.prepare(
      `SELECT l.latitude, l.longitude
         FROM service_at_locations sal CROSS JOIN locations l ON l.id = sal.location_id
        WHERE sal.service_id = ? ORDER BY sal.id LIMIT 1`,
    )
    this.hubPoint = db.prepare(
      `SELECT h.latitude, h.longitude FROM services s JOIN hubs h ON h.id = s.hub_id WHERE s.id = ?`,
    )
    this.organisationPoint = db.prepare(
      `SELECT latitude, longitude FROM organizations
        WHERE id = ? AND latitude IS NOT NULL AND longitude IS NOT NULL`,
    )
    this.organisationHubPoint = db.prepare(
      `SELECT h.latitude, h.longitude
         FROM organization_hubs oh CROSS JOIN hubs h ON h.id = oh.hub_id
        WHERE oh.organization_id = ? ORDER BY h.name, h.id LIMIT 1`,
    )
    this.locationPoint = db.prepare(`SELECT latitude, longitude FROM locations WHERE id = ?`)
    this.categoryMask = db
      .prepare<[number], number>(
        `SELECT COALESCE(SUM(1 << b.bit), 0)
           FROM service_categories sc CROSS JOIN search_category_bits b ON b.term_id = sc.term_id
          WHERE sc.service_id = ?`,
      )
      .pluck()
    // One read of the R*Tree of published service points (0016_service_points.sql), cut short.
    this.pointsInBox = db.prepare(
      `SELECT service_id AS serviceId, min_lat AS latitude, min_lng AS longitude
         FROM service_points
        WHERE max_lat >= @south AND min_lat <= @north AND max_lng >= @west AND min_lng <= @east
          AND (@mask = 0 OR (category_mask & @mask) != 0)
        LIMIT @limit`,
    )
    // The published groups an organisation runs or that meet at a place: counted (through
    // services_organization and service_at_locations_place_service) and the first few by id.
    this.groupsOfOrganisation = db
      .prepare<[number, number], number>(
        `SELECT COUNT(*) FROM (SELECT 1 FROM services
          WHERE organization_id = ? AND status = 'published' LIMIT ?)`,
      )
      .pluck()
    this.groupsAtPlace = db
      .prepare<[number, number], number>(
        `SELECT COUNT(*) FROM (SELECT 1 FROM service_at_locations sal
           CROSS JOIN services s ON s.id = sal.service_id
          WHERE sal.location_id = ? AND s.status = 'published' LIMIT ?)`,
      )
      .pluck()
    this.groupIdsOfOrganisation = db
      .prepare<[number, number], number>(
        `SELECT id FROM services WHERE organization_id = ? AND status = 'published' ORDER BY id LIMIT ?`,
      )
      .pluck()
    this.groupIdsAtPlace = db
      .prepare<[number, number], number>(
        `SELECT s.id FROM service_at_locations sal CROSS JOIN services s ON s.id = sal.service_id
          WHERE sal.location_id = ? AND s.status = 'published' ORDER BY sal.service_id LIMIT ?`,
      )
      .pluck()
  }

  /** How many of a hub's published listings of each kind were last checked before a day (YYYY-MM-DD). */
  countCheckedBefore(hubId: number, before: string): CountsByType {
    return {
      service: this.countBefore.service.get(hubId, before) ?? 0,
      organisation: this.countBefore.organisation.get(hubId, before) ?? 0,
      place: this.countBefore.place.get(hubId, before) ?? 0,
    }
  }

  /** A page of a hub's published listings of every kind last checked before a day, oldest first. */
  checkedBefore(hubId: number, before: string, page: { limit: number; offset: number }): NeedsCheckingRow[] {
    return this.oldestBefore.all({ hubId, before, ...page, reach: page.offset + page.limit })
  }

  listingToLookAfter(type: ListingType, id: number): ListingToLookAfterRow | undefined {
    return this.toLookAfter[type].get(id)
  }

  /**
   * The first by name of the hubs an organisation works in, among `hubIds` (any of them when
   * null); undefined when it works in none of them.
   */
  firstHubOf(
    organisationId: number,
    hubIds: readonly number[] | null,
  ): { id: number; slug: string; name: string } | undefined {
    const among = hubIds === null ? null : JSON.stringify(hubIds)
    return this.firstHubOfOrganisation.get(organisationId, among, among)
  }

  recordCheck(
    type: ListingType,
    check: { id: number; accountId: number | null; how: CheckWay; at: string },
  ): void {
    this.insertCheck[type].run(check)
  }

  /** The latest checks of a listing, newest first. */
  checksOf(type: ListingType, id: number, limit: number): CheckRow[] {
    return this.checksStatement[type].all(id, limit)
  }

  recordArchive(
    type: ListingType,
    archive: { id: number; reason: string; accountId: number | null; at: string },
  ): void {
    this.insertArchive[type].run(archive)
  }

  /** An archived listing, with why when a coordinator said; undefined for any other. */
  closedListing(type: ListingType, id: number): ClosedListingRow | undefined {
    return this.closed[type].get(id)
  }

  /**
   * Where a listing was: a service's first place, or else its hub's centre; an organisation's
   * own point, or else the centre of its first hub; a place's point.
   */
  whereListingWas(type: ListingType, id: number): PointRow | undefined {
    switch (type) {
      case 'service':
        return this.placePoint.get(id) ?? this.hubPoint.get(id)
      case 'organisation':
        return this.organisationPoint.get(id) ?? this.organisationHubPoint.get(id)
      case 'place':
        return this.locationPoint.get(id)
    }
  }

  /** The bits of a service's categories in service_points.category_mask. */
  categoryMaskOf(serviceId: number): number {
    return this.categoryMask.get(serviceId) ?? 0
  }

  /** Up to `limit` published service points in a box, in any of the categories (any at all for 0). */
  pointsIn(
    box: { south: number; north: number; west: number; east: number },
    mask: number,
    limit: number,
  ): NearbyPointRow[] {
    return this.pointsInBox.all({ ...box, mask, limit })
  }

  /**
   * How many published groups an organisation runs (or meet at a place), counting no further
   * than `upTo`, and the ids of the first `first` of them.
   */
  groupsStillListed(
    type: 'organisation' | 'place',
    id: number,
    upTo: number,
    first: number,
  ): { count: number; ids: number[] } {
    return type === 'organisation'
      ? {
          count: this.groupsOfOrganisation.get(id, upTo) ?? 0,
          ids: this.groupIdsOfOrganisation.all(id, first),
        }
      : { count: this.groupsAtPlace.get(id, upTo) ?? 0, ids: this.groupIdsAtPlace.all(id, first) }
  }
}
