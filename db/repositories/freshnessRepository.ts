import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'

/** How someone checked a listing was still right. */
export const CHECK_WAYS = ['phone', 'visit', 'email', 'website'] as const
export type CheckWay = (typeof CHECK_WAYS)[number]

/** A service as "Mark as checked" and "Archive" need it: published or not. */
export interface ServiceToLookAfterRow {
  id: number
  name: string
  status: 'draft' | 'pending' | 'published' | 'archived'
  hubId: number | null
  hubSlug: string | null
  hubName: string | null
  organisationName: string
  lastChecked: string
}

/** One service on a hub's "Needs checking" list. */
export interface NeedsCheckingRow {
  id: number
  name: string
  organisationName: string
  lastChecked: string
}

export interface CheckRow {
  how: CheckWay
  checkedAt: string
  checkedBy: string | null
}

/** An archived service, for its "This group has closed" page. */
export interface ClosedServiceRow {
  id: number
  name: string
  hubId: number | null
  reason: string | null
  archivedAt: string | null
}

export interface PointRow {
  latitude: number
  longitude: number
}

export interface NearbyPointRow {
  serviceId: number
  latitude: number
  longitude: number
}

/**
 * Freshness (issue 12): each hub's published services oldest checked first (through
 * services_published_by_hub_checked, a range per hub, never the whole table), the history of
 * checks (service_checks) and why a service was archived (service_archives). The one writer
 * of those two tables; a service's own columns are written by ServicesRepository.
 */
export class FreshnessRepository {
  private readonly countBefore: Statement<[number, string], number>
  private readonly oldestBefore: Statement<
    [{ hubId: number; before: string; limit: number; offset: number }],
    NeedsCheckingRow
  >
  private readonly toLookAfter: Statement<[number], ServiceToLookAfterRow>
  private readonly insertCheck: Statement<
    [{ serviceId: number; accountId: number | null; how: CheckWay; at: string }]
  >
  private readonly checksOf: Statement<[number, number], CheckRow>
  private readonly insertArchive: Statement<
    [{ serviceId: number; reason: string; accountId: number | null; at: string }]
  >
  private readonly closed: Statement<[number], ClosedServiceRow>
  private readonly placePoint: Statement<[number], PointRow>
  private readonly hubPoint: Statement<[number], PointRow>
  private readonly categoryMask: Statement<[number], number>
  private readonly pointsInBox: Statement<
    [{ south: number; north: number; west: number; east: number; mask: number; limit: number }],
    NearbyPointRow
  >

  constructor(db: Db) {
    // `status = 'published'` as written, so SQLite reads the partial index
    // services_published_by_hub_checked (0032_freshness.sql): a range of one hub's rows.
    this.countBefore = db
      .prepare<[number, string], number>(
        `SELECT COUNT(*) FROM services WHERE hub_id = ? AND status = 'published' AND last_checked < ?`,
      )
      .pluck()
    this.oldestBefore = db.prepare(
      `SELECT s.id, s.name, o.name AS organisationName, s.last_checked AS lastChecked
         FROM services s INDEXED BY services_published_by_hub_checked
         CROSS JOIN organizations o ON o.id = s.organization_id
        WHERE s.hub_id = @hubId AND s.status = 'published' AND s.last_checked < @before
        ORDER BY s.last_checked, s.id
        LIMIT @limit OFFSET @offset`,
    )
    this.toLookAfter = db.prepare(
      `SELECT s.id, s.name, s.status, s.hub_id AS hubId, h.slug AS hubSlug, h.name AS hubName,
              o.name AS organisationName, s.last_checked AS lastChecked
         FROM services s
         JOIN organizations o ON o.id = s.organization_id
         LEFT JOIN hubs h ON h.id = s.hub_id
        WHERE s.id = ?`,
    )
    this.insertCheck = db.prepare(
      `INSERT INTO service_checks (service_id, checked_by_account_id, how, checked_at)
       VALUES (@serviceId, @accountId, @how, @at)`,
    )
    this.checksOf = db.prepare(
      `SELECT c.how, c.checked_at AS checkedAt, a.display_name AS checkedBy
         FROM service_checks c
         LEFT JOIN accounts a ON a.id = c.checked_by_account_id
        WHERE c.service_id = ?
        ORDER BY c.checked_at DESC, c.id DESC
        LIMIT ?`,
    )
    this.insertArchive = db.prepare(
      `INSERT INTO service_archives (service_id, reason, archived_by_account_id, archived_at)
       VALUES (@serviceId, @reason, @accountId, @at)
       ON CONFLICT (service_id) DO UPDATE SET reason = excluded.reason,
         archived_by_account_id = excluded.archived_by_account_id, archived_at = excluded.archived_at`,
    )
    this.closed = db.prepare(
      `SELECT s.id, s.name, s.hub_id AS hubId, a.reason, a.archived_at AS archivedAt
         FROM services s
         LEFT JOIN service_archives a ON a.service_id = s.id
        WHERE s.id = ? AND s.status = 'archived'`,
    )
    this.placePoint = db.prepare(
      `SELECT l.latitude, l.longitude
         FROM service_at_locations sal CROSS JOIN locations l ON l.id = sal.location_id
        WHERE sal.service_id = ? ORDER BY sal.id LIMIT 1`,
    )
    this.hubPoint = db.prepare(
      `SELECT h.latitude, h.longitude FROM services s JOIN hubs h ON h.id = s.hub_id WHERE s.id = ?`,
    )
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
  }

  /** How many of a hub's published services were last checked before a day (YYYY-MM-DD). */
  countCheckedBefore(hubId: number, before: string): number {
    return this.countBefore.get(hubId, before) ?? 0
  }

  /** A page of a hub's published services last checked before a day, oldest first. */
  checkedBefore(hubId: number, before: string, page: { limit: number; offset: number }): NeedsCheckingRow[] {
    return this.oldestBefore.all({ hubId, before, ...page })
  }

  serviceToLookAfter(id: number): ServiceToLookAfterRow | undefined {
    return this.toLookAfter.get(id)
  }

  recordCheck(check: { serviceId: number; accountId: number | null; how: CheckWay; at: string }): void {
    this.insertCheck.run(check)
  }

  /** The latest checks of a service, newest first. */
  checksOfService(serviceId: number, limit: number): CheckRow[] {
    return this.checksOf.all(serviceId, limit)
  }

  recordArchive(archive: { serviceId: number; reason: string; accountId: number | null; at: string }): void {
    this.insertArchive.run(archive)
  }

  /** An archived service, with why when a coordinator said; undefined for any other. */
  closedService(id: number): ClosedServiceRow | undefined {
    return this.closed.get(id)
  }

  /** Where a service was: its first place, or else its hub's centre. */
  whereServiceWas(id: number): PointRow | undefined {
    return this.placePoint.get(id) ?? this.hubPoint.get(id)
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
}
