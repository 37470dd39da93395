import type { Db } from '../connection'

/**
 * What the triggers of 0004_search.sql, 0005_data_version.sql and 0016_service_points.sql
 * keep in step with the listings: the full-text indexes, the R*Tree of published places, the
 * R*Tree of published service-at-place points with their filter facts, and the data version.
 */
const DERIVED_TABLES = [
  'services_fts',
  'organisations_fts',
  'places_fts',
  'places_rtree',
  'service_points',
  'data_version',
]

/**
 * Triggers that keep a count or a mask as rows are added (migrations/0011, 0014 and 0035).
 * A bulk load switches them off too and works each out once at the end (countAgain), for
 * every listing: the same answer the triggers would have given, in one pass instead of one
 * update a row. The triggers for changes and removals keep running.
 */
const COUNTED_AS_ADDED = [
  'schedules_day_mask_insert',
  'published_category_counts_add',
  'hub_category_counts_add',
]

/** service_points' columns, in order (migrations/0016). */
const SERVICE_POINT_COLUMNS =
  'id, min_lat, max_lat, min_lng, max_lng, service_id, flags, day_mask, access_mask, category_mask'

/** How far each index is from what the listings say it should hold: all zero when it is right. */
export interface SearchIndexCheck {
  /** rows the index should have and has not, plus rows it has and should not, plus rows that differ */
  services: number
  organisations: number
  places: number
  placePoints: number
  /** the same for service_points: rows missing, extra, or with other facts or another point */
  servicePoints: number
}

/** The tables a trigger writes to, read from its body (after BEGIN). */
export function tablesWrittenBy(triggerSql: string): string[] {
  const body = triggerSql.slice(triggerSql.search(/\bBEGIN\b/i))
  const targets = body.matchAll(
    /\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|DELETE\s+FROM|UPDATE(?:\s+OR\s+\w+)?)\s+["`[]?(\w+)/gi,
  )
  return [...new Set([...targets].map((match) => (match[1] ?? '').toLowerCase()))]
}

/**
 * The search indexes as a whole, for bulk loads (the benchmark's generator): building them
 * once at the end is many times quicker than a trigger run for every row. Everyday writes
 * leave this alone: the triggers keep the indexes right row by row.
 */
export class SearchIndexRepository {
  constructor(private readonly db: Db) {}

  /**
   * Runs `work` (writes through the other repositories) with the triggers that only keep the
   * search indexes and the data version switched off, then rebuilds those indexes from the
   * tables, moves the data version on once and puts the triggers back exactly as the
   * migrations made them. All one transaction: if anything fails, nothing is kept and the
   * triggers are as they were. Triggers that write anything else keep running. With
   * `rebuildServiceIndexes`, the secondary indexes of services and their categories, places
   * and times are dropped too and built again after `work` (see serviceIndexes).
   */
  whileDeferred<T>(work: () => T, options: { rebuildServiceIndexes?: boolean } = {}): T {
    return this.db.transaction(() => {
      const deferred = this.db
        .prepare<[], { name: string; sql: string }>(
          "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid",
        )
        .all()
        .filter((trigger) => {
          if (COUNTED_AS_ADDED.includes(trigger.name)) return true
          const targets = tablesWrittenBy(trigger.sql)
          return targets.length > 0 && targets.every((table) => DERIVED_TABLES.includes(table))
        })
      // Trigger names come from sqlite_master itself, quoted as identifiers (allow-listed: only
      // the triggers just read, never input; DROP TRIGGER takes no placeholders).
      for (const trigger of deferred) this.db.exec(`DROP TRIGGER "${trigger.name.replace(/"/g, '""')}"`)
      // Index names and definitions come from sqlite_master too, as the triggers' do.
      const indexes = options.rebuildServiceIndexes ? this.serviceIndexes() : []
      for (const index of indexes) this.db.exec(`DROP INDEX "${index.name.replace(/"/g, '""')}"`)
      const result = work()
      for (const index of indexes) this.db.exec(index.sql)
      this.countAgain()
      this.rebuild()
      for (const trigger of deferred) this.db.exec(trigger.sql)
      return result
    })()
  }

  /**
   * The secondary indexes of services and the tables written with each (their categories,
   * places and times), as the migrations made them. A load that at least doubles the services
   * is quicker without them, each built once at the end from sorted rows, than with every row
   * put in its place in each one (about a second of 100,000 rows' four, measured), and the
   * counts and search indexes built after it read through them again.
   */
  private serviceIndexes(): { name: string; sql: string }[] {
    return this.db
      .prepare<[], { name: string; sql: string }>(
        `SELECT name, sql FROM sqlite_master
          WHERE type = 'index' AND sql IS NOT NULL
            AND tbl_name IN ('services', 'service_categories', 'schedules', 'service_at_locations')
          ORDER BY rowid`,
      )
      .all()
  }

  /**
   * Works out again what the COUNTED_AS_ADDED triggers keep, for every listing, as their
   * migrations first filled it: each service's days (only where it is not right already), and
   * the published services of each category, in all and in each hub.
   */
  private countAgain(): void {
    this.db.exec(`
      UPDATE services SET day_mask = days.mask
        FROM (SELECT s.id, COALESCE((
                SELECT SUM(DISTINCT CASE sch.byday WHEN 'MO' THEN 1 WHEN 'TU' THEN 2 WHEN 'WE' THEN 4
                         WHEN 'TH' THEN 8 WHEN 'FR' THEN 16 WHEN 'SA' THEN 32 ELSE 64 END)
                  FROM schedules sch WHERE sch.service_id = s.id), 0) AS mask
                FROM services s) AS days
       WHERE services.id = days.id AND services.day_mask <> days.mask;
      DELETE FROM published_category_counts;
      INSERT INTO published_category_counts (term_id, services)
      SELECT sc.term_id, COUNT(*)
        FROM service_categories sc JOIN services s ON s.id = sc.service_id
       WHERE s.status = 'published'
       GROUP BY sc.term_id;
      DELETE FROM hub_category_counts;
      INSERT INTO hub_category_counts (hub_id, term_id, services)
      SELECT s.hub_id, sc.term_id, COUNT(*)
        FROM service_categories sc JOIN services s ON s.id = sc.service_id
       WHERE s.status = 'published' AND s.hub_id IS NOT NULL
       GROUP BY s.hub_id, sc.term_id;
    `)
  }

  /** Builds every search index again from the tables, and moves the data version on. */
  rebuild(): void {
    this.db.transaction(() => {
      const ftsColumns = this.db
        .prepare<[], string>("SELECT name FROM pragma_table_info('services_fts') ORDER BY cid")
        .pluck()
        .all()
        .map((name) => `"${name}"`)
        .join(', ')
      this.db.exec(`
        DELETE FROM services_fts;
        INSERT INTO services_fts (rowid, ${ftsColumns})
        SELECT id, ${ftsColumns} FROM search_service_documents ORDER BY id;
        DELETE FROM organisations_fts;
        INSERT INTO organisations_fts (rowid, name, description)
        SELECT id, name, description FROM organizations WHERE status = 'published' ORDER BY id;
        DELETE FROM places_fts;
        INSERT INTO places_fts (rowid, name, address, description)
        SELECT id, name, concat_ws(' ', address_1, address_2, city, postal_code), description
          FROM locations WHERE status = 'published' ORDER BY id;
        DELETE FROM places_rtree;
        INSERT INTO places_rtree (id, min_lat, max_lat, min_lng, max_lng)
        SELECT id, latitude, latitude, longitude, longitude FROM locations WHERE status = 'published' ORDER BY id;
        DELETE FROM service_points;
        INSERT INTO service_points (${SERVICE_POINT_COLUMNS})
        SELECT ${SERVICE_POINT_COLUMNS} FROM search_service_points ORDER BY id;
        UPDATE data_version SET version = version + 1 WHERE id = 1;
      `)
    })()
  }

  /**
   * Compares each index with what the listings say it should hold, and runs FTS5's own
   * integrity check on each full-text index (it throws when one is damaged). Services'
   * documents and the service points are compared one in `sampleEvery` (by id) for a quicker
   * look at a big database, their number always in full; everything else is compared in full.
   */
  check(sampleEvery = 1): SearchIndexCheck {
    const ftsColumns = this.db
      .prepare<[], string>("SELECT name FROM pragma_table_info('services_fts') ORDER BY cid")
      .pluck()
      .all()
    const count = (sql: string, ...params: number[]) =>
      this.db
        .prepare<number[], number>(sql)
        .pluck()
        .get(...params) ?? 0
    // Rows on one side only, or on both with different contents.
    const difference = (expected: string, actual: string, ...params: number[]) =>
      count(`SELECT count(*) FROM (${expected} EXCEPT ${actual})`, ...params, ...params) +
      count(`SELECT count(*) FROM (${actual} EXCEPT ${expected})`, ...params, ...params)
    const columns = ftsColumns.map((name) => `"${name}"`).join(', ')
    for (const table of ['services_fts', 'organisations_fts', 'places_fts'])
      this.db.exec(`INSERT INTO ${table} (${table}) VALUES ('integrity-check')`)
    const every = Math.max(1, Math.floor(sampleEvery))
    return {
      services:
        Math.abs(
          count("SELECT count(*) FROM services WHERE status = 'published'") -
            count('SELECT count(*) FROM services_fts'),
        ) +
        difference(
          `SELECT id, ${columns} FROM search_service_documents WHERE id % ? = 0`,
          `SELECT rowid, ${columns} FROM services_fts WHERE rowid % ? = 0`,
          every,
        ),
      organisations: difference(
        "SELECT id, name, description FROM organizations WHERE status = 'published'",
        'SELECT rowid, name, description FROM organisations_fts',
      ),
      places: difference(
        "SELECT id, name, concat_ws(' ', address_1, address_2, city, postal_code), description FROM locations WHERE status = 'published'",
        'SELECT rowid, name, address, description FROM places_fts',
      ),
      // The R*Tree keeps 32-bit floats, rounded outwards: each point must lie in its box.
      placePoints:
        count(
          `SELECT count(*) FROM locations l WHERE l.status = 'published' AND NOT EXISTS (
             SELECT 1 FROM places_rtree r WHERE r.id = l.id AND r.min_lat <= l.latitude AND r.max_lat >= l.latitude
                AND r.min_lng <= l.longitude AND r.max_lng >= l.longitude)`,
        ) +
        count(
          `SELECT count(*) FROM places_rtree r WHERE NOT EXISTS (
             SELECT 1 FROM locations l WHERE l.id = r.id AND l.status = 'published')`,
        ),
      // Every fact the same, and each place's point in its row's box: one row in `sampleEvery`
      // (by id) compared, as for services' documents (in full, this took 50 s of the
      // benchmark's 1,000,000-service generation); their number always in full.
      servicePoints:
        Math.abs(
          count('SELECT count(*) FROM search_service_points') - count('SELECT count(*) FROM service_points'),
        ) +
        count(
          `SELECT count(*) FROM search_service_points v WHERE v.id % ? = 0 AND NOT EXISTS (
             SELECT 1 FROM service_points p WHERE p.id = v.id AND p.service_id = v.service_id AND p.flags = v.flags
                AND p.day_mask = v.day_mask AND p.access_mask = v.access_mask AND p.category_mask = v.category_mask
                AND p.min_lat <= v.min_lat AND p.max_lat >= v.max_lat AND p.min_lng <= v.min_lng AND p.max_lng >= v.max_lng)`,
          every,
        ) +
        count(
          `SELECT count(*) FROM service_points p WHERE p.id % ? = 0 AND NOT EXISTS (SELECT 1 FROM search_service_points v WHERE v.id = p.id)`,
          every,
        ),
    }
  }
}
