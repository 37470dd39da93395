import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'
import type { ListingType } from './freshnessRepository'
import type { ListingStatus } from './writing'

/** A listing that came from a source record, with its status now. */
export interface SourcedListingRow {
  listingId: number
  status: ListingStatus
  goneSince: string | null
}

/** A listing its source no longer lists, as the import page names it. */
export interface GoneListingRow {
  type: ListingType
  id: number
  name: string
  sourceLabel: string
  goneSince: string
}

const TABLE_OF = { service: 'services', organisation: 'organizations', place: 'locations' } as const

/**
 * Where imported listings came from (migrations/0042_open_referral_sources.sql): the feeds and
 * files read, and for each listing the source and the id the source gave it. The one writer of
 * those two tables; the listings themselves are written by their own repositories.
 */
export class OpenReferralSourcesRepository {
  private readonly sourceByKey: Statement<[string], { id: number; imports: number }>
  private readonly addSource: Statement<[string, string, string, string]>
  private readonly touchSource: Statement<[string, string, number]>
  private readonly recordOf: Record<ListingType, Statement<[string, string], SourcedListingRow>>
  private readonly remember: Statement<
    [{ sourceId: number; type: ListingType; sourceRecordId: string; listingId: number; seenInImport: number }]
  >
  private readonly markGone: Statement<[string, number, number]>
  private readonly countNotIn: Statement<[string, string], number>
  private readonly clearGone: Statement<[ListingType, number]>
  private readonly goneCount: Statement<[], number>
  private readonly gonePage: Statement<[number, number], GoneListingRow>
  private readonly goneOf: Statement<[ListingType, number], { goneSince: string; sourceLabel: string }>

  constructor(db: Db) {
    this.sourceByKey = db.prepare('SELECT id, imports FROM open_referral_sources WHERE source_key = ?')
    this.addSource = db.prepare(
      `INSERT INTO open_referral_sources (source_key, label, first_imported_at, last_imported_at)
       VALUES (?, ?, ?, ?)`,
    )
    this.touchSource = db.prepare(
      'UPDATE open_referral_sources SET label = ?, last_imported_at = ?, imports = imports + 1 WHERE id = ?',
    )
    // Table names come from TABLE_OF, a fixed list: no request reaches them.
    const recordOf = (type: ListingType) =>
      db.prepare<[string, string], SourcedListingRow>(
        `SELECT r.listing_id AS listingId, l.status, r.gone_since AS goneSince
           FROM open_referral_sources s
           JOIN open_referral_records r ON r.source_id = s.id AND r.listing_type = '${type}'
           JOIN ${TABLE_OF[type]} l ON l.id = r.listing_id
          WHERE s.source_key = ? AND r.source_record_id = ?`,
      )
    this.recordOf = {
      service: recordOf('service'),
      organisation: recordOf('organisation'),
      place: recordOf('place'),
    }
    this.remember = db.prepare(
      `INSERT INTO open_referral_records (source_id, listing_type, source_record_id, listing_id, seen_in_import, gone_since)
       VALUES (@sourceId, @type, @sourceRecordId, @listingId, @seenInImport, NULL)
       ON CONFLICT (source_id, listing_type, source_record_id)
       DO UPDATE SET listing_id = excluded.listing_id, seen_in_import = excluded.seen_in_import, gone_since = NULL`,
    )
    this.markGone = db.prepare(
      `UPDATE open_referral_records SET gone_since = ?
        WHERE source_id = ? AND listing_type = 'service' AND seen_in_import <> ? AND gone_since IS NULL
          AND EXISTS (SELECT 1 FROM services s WHERE s.id = listing_id AND s.status <> 'archived')`,
    )
    // The services of a source not among these ids (a JSON array): those an import would flag.
    this.countNotIn = db
      .prepare<[string, string], number>(
        `SELECT count(*) FROM open_referral_records r
           JOIN open_referral_sources s ON s.id = r.source_id
           JOIN services sv ON sv.id = r.listing_id
          WHERE s.source_key = ? AND r.listing_type = 'service' AND r.gone_since IS NULL
            AND sv.status <> 'archived'
            AND r.source_record_id NOT IN (SELECT value FROM json_each(?))`,
      )
      .pluck()
    this.clearGone = db.prepare(
      'UPDATE open_referral_records SET gone_since = NULL WHERE listing_type = ? AND listing_id = ?',
    )
    this.goneCount = db
      .prepare<[], number>(
        `SELECT count(*) FROM open_referral_records r JOIN services s ON s.id = r.listing_id
          WHERE r.gone_since IS NOT NULL AND r.listing_type = 'service' AND s.status = 'published'`,
      )
      .pluck()
    this.gonePage = db.prepare(
      `SELECT 'service' AS type, s.id, s.name, src.label AS sourceLabel, r.gone_since AS goneSince
         FROM open_referral_records r INDEXED BY open_referral_records_gone
         JOIN services s ON s.id = r.listing_id
         JOIN open_referral_sources src ON src.id = r.source_id
        WHERE r.gone_since IS NOT NULL AND r.listing_type = 'service' AND s.status = 'published'
        ORDER BY r.gone_since, r.listing_id
        LIMIT ? OFFSET ?`,
    )
    this.goneOf = db.prepare(
      `SELECT r.gone_since AS goneSince, s.label AS sourceLabel
         FROM open_referral_records r JOIN open_referral_sources s ON s.id = r.source_id
        WHERE r.listing_type = ? AND r.listing_id = ? AND r.gone_since IS NOT NULL`,
    )
  }

  /**
   * Starts an import from the source with this key (made now when it is new): its id, and the
   * number of this import, which the records it sees keep.
   */
  startImport(key: string, label: string, at: string): { sourceId: number; importNumber: number } {
    const found = this.sourceByKey.get(key)
    if (found) {
      this.touchSource.run(label, at, found.id)
      return { sourceId: found.id, importNumber: found.imports + 1 }
    }
    return { sourceId: Number(this.addSource.run(key, label, at, at).lastInsertRowid), importNumber: 1 }
  }

  /** The listing made from a source's record, if one was. */
  listingFrom(sourceKey: string, type: ListingType, sourceRecordId: string): SourcedListingRow | undefined {
    return this.recordOf[type].get(sourceKey, sourceRecordId)
  }

  /** Records that this import saw a source's record as this listing (no longer gone, if it was). */
  remembered(record: {
    sourceId: number
    type: ListingType
    sourceRecordId: string
    listingId: number
    seenInImport: number
  }): void {
    this.remember.run(record)
  }

  /** Flags the source's services this import did not see (and nobody has archived) as gone today; how many. */
  flagGone(sourceId: number, importNumber: number, today: string): number {
    return this.markGone.run(today, sourceId, importNumber).changes
  }

  /** How many of a source's services, not flagged yet or archived, are not among these ids. */
  countGoneFrom(sourceKey: string, seenIds: readonly string[]): number {
    return this.countNotIn.get(sourceKey, JSON.stringify(seenIds)) ?? 0
  }

  /** Clears a listing's flag: someone checked it. */
  clearGoneFlag(type: ListingType, id: number): void {
    this.clearGone.run(type, id)
  }

  /** How many published services are gone from their feeds. */
  countGone(): number {
    return this.goneCount.get() ?? 0
  }

  /** A page of published services gone from their feeds, longest gone first. */
  gone(page: { limit: number; offset: number }): GoneListingRow[] {
    return this.gonePage.all(page.limit, page.offset)
  }

  /** When a listing went from its feed, and which feed; undefined when it has not. */
  goneFromSource(type: ListingType, id: number): { goneSince: string; sourceLabel: string } | undefined {
    return this.goneOf.get(type, id)
  }
}
