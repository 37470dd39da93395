import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'

type Day = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU'

/**
 * The filters that do not depend on words. Words are matched separately (matchIds), and the
 * matching ids are passed back in where a query needs them; countMatching and
 * rankedPageMatching take the words and the filters together.
 */
export interface SearchCriteria {
  /** category codes; empty means any */
  categories: string[]
  day: Day | null
  free: boolean
  /** access feature codes a place must have, all of them; empty means any */
  access: string[]
  home: boolean
}

export interface Box {
  west: number
  south: number
  east: number
  north: number
}

export interface ServiceRow {
  id: number
  name: string
}

/** A matching service at one of its published places (that has the access features asked for). */
export interface ServiceAtPointRow extends ServiceRow {
  latitude: number
  longitude: number
}

/**
 * A published service at one of its published places, read as an array (no object per row):
 * its id, the place's point, and the bits of the service's categories (search_category_bits).
 */
export type ServicePointRow = [id: number, latitude: number, longitude: number, categoryMask: number]

/** The same without the categories, for the services matching words near a place. */
export type MatchingPointRow = [id: number, latitude: number, longitude: number]

export interface HubAreaForSearchRow {
  id: number
  latitude: number
  longitude: number
  radiusMiles: number | null
  boundaryGeojson: string | null
}

/** A service that reaches people in its hub's area: at their home, by phone or online. */
export interface ReachingRow extends ServiceRow {
  comesToHome: boolean
  byPhone: boolean
  online: boolean
}

/** The columns of a service's search document a match may be looked for in. */
export type DocumentColumn = 'name' | 'categories' | 'description' | 'organisation' | 'places'

/** What breaks a tie between two services equally good and equally near: freshness, then name. */
export interface TieBreakerRow {
  id: number
  /** YYYY-MM-DD */
  lastChecked: string
  name: string
}

export interface TermRow {
  code: string
  name: string
}

export interface SkillTermRow extends TermRow {
  /** the term's synonyms, separated by '|' ('' when none) */
  synonyms: string
}

export interface NamedMatchRow {
  id: number
  name: string
  city: string | null
  /** its point; null for an organisation without an address */
  latitude: number | null
  longitude: number | null
  /** 1 when an organisation works in one of the hubs asked about (always 0 for places) */
  inHubs: 0 | 1
}

/** Where other matches must be: in a box, or (organisations) working in one of these hubs. */
export interface NearArea {
  box: Box
  hubIds: number[]
}

interface Params {
  /** the only services to consider (a JSON array of ids, in order), or null for every one */
  ids: string | null
  categories: string | null
  /** the day's bit in services.day_mask (migrations/0011), or 0 for any day */
  dayBit: number
  free: 0 | 1
  home: 0 | 1
  /** the access features' bits in locations.access_mask (migrations/0011), or 0 for any */
  accessMask: number
  /** hubs whose area covers the searcher's point, as a JSON array */
  coveringHubs: string
}

/** The filters as the bits of service_points (migrations/0016); @categories as in Params. */
interface PointParams extends Box {
  /** 1 free, 2 comes to your home: every bit asked for must be set */
  flags: number
  dayBit: number
  accessMask: number
  /** the categories' bits (any of them will do), or 0 for any category */
  categoryMask: number
  /** the category codes, only when one has no bit (then they are looked up the old way) */
  categories: string | null
}

interface BoxParams extends Params {
  west: number
  south: number
  east: number
  north: number
}

interface MatchParams extends Params {
  match: string
}

interface MatchPage {
  match: string
  inName: string
  inCategories: string
  inDescription: string
  inPlaces: string
  /** JSON array of the category codes whose names hold a word searched for */
  namedCategories: string
  limit: number
  offset: number
  /** the offset just after the page */
  end: number
  /** rank no more than this many matches (a bounded amount of work) */
  scan: number
}

type MatchPageParams = MatchParams & MatchPage

interface PageParams extends Params {
  limit: number
  offset: number
}

interface CountParams extends Params {
  /** count no further than this */
  cap: number
}

// ---------------------------------------------------------------------------------------
// SQL. Statements are put together from the constant fragments below and nothing else:
// every value is bound to a named placeholder. Joins that must run in one order (from the
// R*Tree or the list of ids outwards) are written as CROSS JOIN, which SQLite never reorders:
// https://www.sqlite.org/optoverview.html#manual_control_of_query_plans_using_cross_join

/**
 * The filters on a service `s` that do not depend on its places: its own columns (the day is
 * a bit of day_mask, migrations/0011) and, only when asked, its categories (by primary key).
 */
const SERVICE_FILTERS =
  " s.status = 'published'" +
  ' AND (@free = 0 OR s.is_free = 1)' +
  ' AND (@home = 0 OR s.comes_to_home = 1)' +
  ' AND (@dayBit = 0 OR (s.day_mask & @dayBit) <> 0)' +
  ' AND (@categories IS NULL OR EXISTS (' +
  '   SELECT 1 FROM service_categories sc CROSS JOIN taxonomy_terms t ON t.id = sc.term_id' +
  "    WHERE sc.service_id = s.id AND t.vocabulary = 'category'" +
  '      AND t.code IN (SELECT value FROM json_each(@categories))))'

/**
 * The place has every access feature asked for: one bit test on its access_mask (kept by
 * triggers from location_accessibility, migrations/0011). For a place from the R*Tree, its
 * row is read only when access is asked for.
 */
const PLACE_HAS_ACCESS = ' (@accessMask = 0 OR (l.access_mask & @accessMask) = @accessMask)'
const RTREE_PLACE_HAS_ACCESS =
  ' (@accessMask = 0 OR ((SELECT l.access_mask FROM locations l WHERE l.id = r.id) & @accessMask) = @accessMask)'

/** Service `s` is at a published place with the access features asked for. */
const AT_A_SUITABLE_PLACE =
  ' EXISTS (SELECT 1 FROM service_at_locations sal2' +
  '   CROSS JOIN locations l ON l.id = sal2.location_id' +
  "  WHERE sal2.service_id = s.id AND l.status = 'published' AND" +
  PLACE_HAS_ACCESS +
  ')'

const ACCESS_FILTER = ' AND (@accessMask = 0 OR' + AT_A_SUITABLE_PLACE + ')'

/** Service `s` reaches people at home, by phone or online in its hub's area. */
const REACHES_PEOPLE = ' (s.comes_to_home = 1 OR s.by_phone = 1 OR s.online = 1)'

const IN_BOX = ' r.min_lat <= @north AND r.max_lat >= @south AND r.min_lng <= @east AND r.max_lng >= @west'

/**
 * Published service-at-place points in a box (migrations/0016): the R*Tree of links between
 * published services and published places, each row holding the filter facts as integers,
 * tested on the row itself: no other table is read per row. Its boxes are the places' points
 * as 32-bit floats, rounded outwards, as in places_rtree: the middle is within a metre. With `byBits` false (a category
 * asked for has no bit), the categories are looked up by primary key instead, as before.
 */
const POINTS_IN_BOX =
  ' FROM service_points p WHERE p.min_lat <= @north AND p.max_lat >= @south' +
  ' AND p.min_lng <= @east AND p.max_lng >= @west'
const POINT_FILTERS = (byBits: boolean) =>
  ' AND (p.flags & @flags) = @flags' +
  ' AND (@dayBit = 0 OR (p.day_mask & @dayBit) <> 0)' +
  ' AND (p.access_mask & @accessMask) = @accessMask' +
  (byBits
    ? ' AND (@categoryMask = 0 OR (p.category_mask & @categoryMask) <> 0)'
    : ' AND EXISTS (SELECT 1 FROM service_categories sc CROSS JOIN taxonomy_terms t ON t.id = sc.term_id' +
      "    WHERE sc.service_id = p.service_id AND t.vocabulary = 'category'" +
      '      AND t.code IN (SELECT value FROM json_each(@categories)))')
const POINT = ' (p.min_lat + p.max_lat) / 2 AS latitude, (p.min_lng + p.max_lng) / 2 AS longitude'

/** Two forms of each query: over every published service, or only over a list of ids (in its order). */
interface Form {
  from: string
  order: string
}
const EVERY_SERVICE: Form = {
  from: ' FROM services s INDEXED BY services_by_name_facts',
  order: ' ORDER BY s.name, s.id',
}
const LISTED_SERVICES: Form = {
  from: ' FROM json_each(@ids) j CROSS JOIN services s ON s.id = j.value',
  order: ' ORDER BY j.key',
}

const queries = {
  // Counted no further than @cap: past it, the page says "more than".
  count: (f: Form) =>
    'SELECT COUNT(*) AS count FROM (SELECT 1' +
    f.from +
    ' WHERE' +
    SERVICE_FILTERS +
    ACCESS_FILTER +
    ' LIMIT @cap)',
  page: (f: Form) =>
    'SELECT s.id, s.name' +
    f.from +
    ' WHERE' +
    SERVICE_FILTERS +
    ACCESS_FILTER +
    f.order +
    ' LIMIT @limit OFFSET @offset',
  reaching: () =>
    'SELECT s.id, s.name, s.comes_to_home AS comesToHome, s.by_phone AS byPhone, s.online' +
    ' FROM json_each(@coveringHubs) h CROSS JOIN services s INDEXED BY services_reaching_people ON s.hub_id = h.value' +
    ' WHERE' +
    REACHES_PEOPLE +
    ' AND' +
    SERVICE_FILTERS +
    ACCESS_FILTER,
  listedInBox: () =>
    'SELECT s.id, s.name, (r.min_lat + r.max_lat) / 2 AS latitude, (r.min_lng + r.max_lng) / 2 AS longitude' +
    ' FROM json_each(@ids) j' +
    ' CROSS JOIN service_at_locations sal ON sal.service_id = j.value' +
    ' CROSS JOIN places_rtree r ON r.id = sal.location_id' +
    ' CROSS JOIN services s INDEXED BY services_search_facts ON s.id = sal.service_id' +
    ' WHERE' +
    IN_BOX +
    ' AND' +
    RTREE_PLACE_HAS_ACCESS +
    ' AND' +
    SERVICE_FILTERS,
  // The same from service_points alone: the service's id, its point and its categories' bits.
  pointsInBox: (byBits: boolean) =>
    'SELECT p.service_id AS id,' +
    POINT +
    ', p.category_mask AS categoryMask' +
    POINTS_IN_BOX +
    POINT_FILTERS(byBits),
  // With the service's name, for the map (from the small covering index on services).
  namedPointsInBox: (byBits: boolean) =>
    'SELECT p.service_id AS id, s.name,' +
    POINT +
    POINTS_IN_BOX.replace(
      ' WHERE',
      ' CROSS JOIN services s INDEXED BY services_search_facts ON s.id = p.service_id WHERE',
    ) +
    POINT_FILTERS(byBits),
  // How many published places are in a box, counting no further than @cap: the R*Tree alone.
  placesInBoxUpTo: () =>
    'SELECT COUNT(*) AS count FROM (SELECT 1 FROM places_rtree r WHERE' + IN_BOX + ' LIMIT @cap)',
  placesInBox: () =>
    'SELECT COUNT(*) AS count FROM places_rtree r CROSS JOIN service_at_locations sal ON sal.location_id = r.id WHERE' +
    IN_BOX,
  // A page of the services matching @match, best first: by where the words are (the tier:
  // the name, then a category's name, then a category's other words, then the description,
  // then the places, and last only who runs it), then the most recently checked, then by
  // name. Bounded work: only the first @scan matches (m) are ranked, and each tier's look-up
  // reads the index only as far as the last of them (FTS5 stops at the rowid bound) and only
  // among them (`+f.rowid` makes SQLite index m once rather than scan it per match). Only
  // the rows in tiers no worse than the last one on the page are sorted.
  rankedPage: (filtered: boolean) => {
    const among = (param: string, name: string) =>
      `, ${name} AS MATERIALIZED (SELECT f.rowid AS id FROM services_fts f CROSS JOIN m` +
      ` WHERE services_fts MATCH ${param} AND f.rowid <= (SELECT max(id) FROM m) AND m.id = +f.rowid)`
    return (
      'WITH m AS MATERIALIZED (SELECT rowid AS id FROM services_fts WHERE services_fts MATCH @match LIMIT @scan)' +
      among('@inName', 'inName') +
      among('@inCategories', 'inCategories') +
      among('@inDescription', 'inDescription') +
      among('@inPlaces', 'inPlaces') +
      ', r AS MATERIALIZED (SELECT m.id, CASE' +
      ' WHEN m.id IN inName THEN 0' +
      ' WHEN m.id IN inCategories THEN' +
      '  (CASE WHEN EXISTS (SELECT 1 FROM service_categories sc CROSS JOIN taxonomy_terms t ON t.id = sc.term_id' +
      '    WHERE sc.service_id = m.id AND t.code IN (SELECT value FROM json_each(@namedCategories))) THEN 1 ELSE 2 END)' +
      ' WHEN m.id IN inDescription THEN 3' +
      ' WHEN m.id IN inPlaces THEN 4' +
      ' ELSE 5 END AS tier FROM m)' +
      (filtered
        ? ', p AS MATERIALIZED (SELECT r.id, r.tier FROM r CROSS JOIN services s ON s.id = r.id WHERE' +
          SERVICE_FILTERS +
          ACCESS_FILTER +
          ')'
        : ', p AS (SELECT id, tier FROM r)') +
      ' SELECT p.id FROM p CROSS JOIN services s ON s.id = p.id' +
      ' WHERE p.tier <= (SELECT max(tier) FROM (SELECT tier FROM p ORDER BY tier LIMIT @end))' +
      ' ORDER BY p.tier, s.last_checked DESC, s.name, s.id LIMIT @limit OFFSET @offset'
    )
  },
  matchCount: (filtered: boolean) =>
    filtered
      ? 'SELECT COUNT(*) AS count FROM (SELECT 1 FROM services_fts f CROSS JOIN services s ON s.id = f.rowid' +
        ' WHERE services_fts MATCH @match AND' +
        SERVICE_FILTERS +
        ACCESS_FILTER +
        ' LIMIT @cap)'
      : 'SELECT COUNT(*) AS count FROM (SELECT 1 FROM services_fts WHERE services_fts MATCH @match LIMIT @cap)',
  // Every published service by name that passes the filters on the name index itself (free,
  // comes to your home, the day's bit), each with whether it passes the rest (categories, a
  // place with the access asked for: 1 or 0). Read one row at a time, so the caller decides
  // when it has read enough.
  passingByName: () =>
    'SELECT s.id, CASE' +
    ' WHEN NOT (' +
    SERVICE_FILTERS +
    ') THEN 0' +
    ' WHEN NOT (@accessMask = 0 OR' +
    AT_A_SUITABLE_PLACE +
    ') THEN 0 ELSE 1 END AS passes' +
    ' FROM services s INDEXED BY services_by_name_facts' +
    " WHERE s.status = 'published' AND (@free = 0 OR s.is_free = 1) AND (@home = 0 OR s.comes_to_home = 1)" +
    ' AND (@dayBit = 0 OR (s.day_mask & @dayBit) <> 0)' +
    ' ORDER BY s.name, s.id',
  // The services matching @match among those at published places in a box: the R*Tree gives
  // the services within reach (materialized once), and one scan of the full-text index is
  // joined to them, so no index look-up is made per nearby service (issue 8's measurements).
  matchingNear: () =>
    'WITH near AS MATERIALIZED (SELECT DISTINCT sal.service_id AS id FROM places_rtree r' +
    ' CROSS JOIN service_at_locations sal ON sal.location_id = r.id WHERE' +
    IN_BOX +
    ')' +
    ' SELECT f.rowid AS id FROM services_fts f CROSS JOIN near WHERE services_fts MATCH @match AND near.id = f.rowid',
  // The same from service_points: the points within reach that pass every filter are
  // materialized once from that R*Tree alone; one scan of the full-text index keeps the
  // matches among their ids (`IN`: indexed once; `+f.rowid` keeps FTS5 from looking each
  // one up), and the points of the services matching are read back. Nothing else is read
  // per row. (Joined as `near.id = f.rowid` instead, SQLite trusts the R*Tree's small
  // estimate of its rows and scans them once per match: seconds at 1,000,000 services.)
  matchingPointsInBox: (byBits: boolean) =>
    'WITH near AS MATERIALIZED (SELECT p.service_id AS id,' +
    POINT +
    POINTS_IN_BOX +
    POINT_FILTERS(byBits) +
    ')' +
    ' SELECT near.id, near.latitude, near.longitude FROM near WHERE near.id IN' +
    ' (SELECT f.rowid FROM services_fts f WHERE services_fts MATCH @match AND +f.rowid IN (SELECT id FROM near))',
  // The points of a list of services (those matching the words, when they are few), from
  // their links to service_points by id: a few look-ups per service, none per place nearby.
  listedPointsInBox: (byBits: boolean) =>
    'SELECT p.service_id AS id,' +
    POINT +
    ' FROM json_each(@ids) j CROSS JOIN service_at_locations sal ON sal.service_id = j.value' +
    ' CROSS JOIN service_points p ON p.id = sal.id' +
    ' WHERE p.min_lat <= @north AND p.max_lat >= @south AND p.min_lng <= @east AND p.max_lng >= @west' +
    POINT_FILTERS(byBits),
  // The same among a list of ids. (`+f.rowid`: without it SQLite scans the list for every
  // match instead of indexing it once, measured a thousand times slower at 100,000 services.)
  matchingAmong: () =>
    'WITH near AS MATERIALIZED (SELECT value AS id FROM json_each(@ids))' +
    ' SELECT f.rowid AS id FROM services_fts f CROSS JOIN near WHERE services_fts MATCH @match AND near.id = +f.rowid',
  // How many of a list of ids are in each category.
  categoryCounts: () =>
    'SELECT t.code, COUNT(*) AS count FROM json_each(@ids) j' +
    ' CROSS JOIN service_categories sc ON sc.service_id = j.value' +
    " CROSS JOIN taxonomy_terms t ON t.id = sc.term_id AND t.vocabulary = 'category'" +
    ' GROUP BY t.code',
  // Those of a list of ids in any of the categories.
  inCategoriesAmong: () =>
    'SELECT DISTINCT j.value AS id FROM json_each(@ids) j' +
    ' CROSS JOIN service_categories sc ON sc.service_id = j.value' +
    " CROSS JOIN taxonomy_terms t ON t.id = sc.term_id AND t.vocabulary = 'category'" +
    ' WHERE t.code IN (SELECT value FROM json_each(@codes))',
}

/**
 * Other matches (organisations and places whose names match) are picked from no more than this
 * many name matches: at 1,000,000 services, ranking every organisation named 'walking' in the
 * country, then keeping those near London, took 7.5 s.
 */
const OTHER_MATCHES_READ = 2000

/**
 * Words matching fewer services than this in the whole country are looked for near a place
 * from those services' own points; more, from the points near the place (each point costs
 * about the same either way, measured at 1,000,000 services, and reading this many ids from
 * the full-text index takes a few milliseconds).
 */
const FEW_MATCHES = 5000

type Pair<P, R> = { every: Statement<[P], R>; listed: Statement<[P], R> }

/**
 * Search over published services: full-text matches (ranked by where the words are),
 * filters, the R*Tree of published places, and the hubs' areas. It answers questions; the
 * search service decides the order, distances and paging.
 */
export class SearchRepository {
  private readonly matches: Statement<[string], number>
  private readonly rankedPages: {
    plain: Statement<[MatchPage], { id: number }>
    filtered: Statement<[MatchPageParams], { id: number }>
  }
  private readonly matchCounts: {
    plain: Statement<[{ match: string; cap: number }], { count: number }>
    filtered: Statement<[MatchParams & { cap: number }], { count: number }>
  }
  private readonly counts: Pair<CountParams, { count: number }>
  private readonly pages: Pair<PageParams, ServiceRow>
  private readonly reachingRows: Statement<
    [Params],
    ServiceRow & { comesToHome: 0 | 1; byPhone: 0 | 1; online: 0 | 1 }
  >
  private readonly tieBreakers: Statement<[string], TieBreakerRow>
  private readonly namedPoints: Record<'bits' | 'rows', Statement<[PointParams], ServiceAtPointRow>>
  private readonly points: Record<'bits' | 'rows', Statement<[PointParams], ServicePointRow>>
  private readonly matchingPoints: Record<
    'bits' | 'rows',
    Statement<[PointParams & { match: string }], MatchingPointRow>
  >
  private readonly listedPoints: Record<
    'bits' | 'rows',
    Statement<[PointParams & { ids: string }], MatchingPointRow>
  >
  private readonly someMatches: Statement<[string, number], number>
  private readonly categoryBitRows: Statement<[string], { code: string; bit: number | null }>
  private readonly listedInBoxes: Statement<[BoxParams], ServiceAtPointRow>
  private readonly servicePlacesInBox: Statement<[Box], { count: number }>
  private readonly placesInBoxUpTo: Statement<[Box & { cap: number }], { count: number }>
  private readonly hubs: Statement<[{ latitude: number; longitude: number }], HubAreaForSearchRow>
  private readonly organisations: Statement<[NamedMatchParams], NamedMatchRow>
  private readonly places: Statement<[NamedMatchParams], NamedMatchRow>
  private readonly categories: Statement<[], TermRow>
  private readonly skills: Statement<[], SkillTermRow>
  private readonly passingByNameRows: Statement<[Params], { id: number; passes: 0 | 1 }>
  private readonly matchingNearRows: Statement<[Box & { match: string }], number>
  private readonly matchingAmongRows: Statement<[{ match: string; ids: string }], number>
  private readonly categoryCountRows: Statement<[{ ids: string }], { code: string; count: number }>
  private readonly inCategoriesAmongRows: Statement<[{ ids: string; codes: string }], number>
  private readonly accessFeatures: Statement<[], { code: string; sortOrder: number }>
  private accessBits: Map<string, number> | undefined
  /** the scratch index matchingAmongEach copies documents into, made on first use */
  private scratch:
    { empty: Statement<[]>; fill: Statement<[string]>; matching: Statement<[string], number> } | undefined

  /**
   * `fewMatches`: words matching fewer services than this are looked for near a place from
   * those services' own points (FEW_MATCHES; a test sets 0 to take the other way).
   */
  constructor(
    private readonly db: Db,
    private readonly fewMatches = FEW_MATCHES,
  ) {
    const pair = <P, R>(build: (f: Form) => string): Pair<P, R> => ({
      every: db.prepare<[P], R>(build(EVERY_SERVICE)),
      listed: db.prepare<[P], R>(build(LISTED_SERVICES)),
    })
    // Lists of ids are read as plain numbers (pluck): half the time of a row object each.
    this.matches = db
      .prepare<[string], number>('SELECT rowid AS id FROM services_fts WHERE services_fts MATCH ?')
      .pluck()
    this.rankedPages = {
      plain: db.prepare(queries.rankedPage(false)),
      filtered: db.prepare(queries.rankedPage(true)),
    }
    this.matchCounts = {
      plain: db.prepare(queries.matchCount(false)),
      filtered: db.prepare(queries.matchCount(true)),
    }
    this.counts = pair(queries.count)
    this.pages = pair(queries.page)
    this.reachingRows = db.prepare(queries.reaching())
    this.tieBreakers = db.prepare(
      'SELECT s.id, s.last_checked AS lastChecked, s.name FROM json_each(?) j CROSS JOIN services s ON s.id = j.value',
    )
    const both = <R>(build: (byBits: boolean) => string, raw: boolean) => ({
      bits: raw
        ? db.prepare<[PointParams], R>(build(true)).raw(true)
        : db.prepare<[PointParams], R>(build(true)),
      rows: raw
        ? db.prepare<[PointParams], R>(build(false)).raw(true)
        : db.prepare<[PointParams], R>(build(false)),
    })
    this.namedPoints = both<ServiceAtPointRow>(queries.namedPointsInBox, false)
    this.points = both<ServicePointRow>(queries.pointsInBox, true)
    this.matchingPoints = {
      bits: db
        .prepare<[PointParams & { match: string }], MatchingPointRow>(queries.matchingPointsInBox(true))
        .raw(true),
      rows: db
        .prepare<[PointParams & { match: string }], MatchingPointRow>(queries.matchingPointsInBox(false))
        .raw(true),
    }
    this.listedPoints = {
      bits: db
        .prepare<[PointParams & { ids: string }], MatchingPointRow>(queries.listedPointsInBox(true))
        .raw(true),
      rows: db
        .prepare<[PointParams & { ids: string }], MatchingPointRow>(queries.listedPointsInBox(false))
        .raw(true),
    }
    this.someMatches = db
      .prepare<[string, number], number>('SELECT rowid FROM services_fts WHERE services_fts MATCH ? LIMIT ?')
      .pluck()
    this.categoryBitRows = db.prepare(
      'SELECT t.code, b.bit FROM taxonomy_terms t LEFT JOIN search_category_bits b ON b.term_id = t.id' +
        " WHERE t.vocabulary = 'category' AND t.code IN (SELECT value FROM json_each(?))",
    )
    this.listedInBoxes = db.prepare(queries.listedInBox())
    this.servicePlacesInBox = db.prepare(queries.placesInBox())
    this.placesInBoxUpTo = db.prepare(queries.placesInBoxUpTo())
    // The hubs R*Tree (migrations/0012) holds a box round each hub's area: only the few whose
    // box holds the point are read, and the caller checks each area exactly.
    this.hubs = db.prepare(
      `SELECT h.id, h.latitude, h.longitude, h.radius_miles AS radiusMiles, h.boundary_geojson AS boundaryGeojson
         FROM hubs_rtree r CROSS JOIN hubs h ON h.id = r.id
        WHERE r.min_lat <= @latitude AND r.max_lat >= @latitude
          AND r.min_lng <= @longitude AND r.max_lng >= @longitude`,
    )
    // With an area, only those in its box (an organisation also when it works in one of its
    // hubs); the caller checks the exact distance.
    this.organisations = db.prepare(
      `WITH f AS MATERIALIZED (SELECT rowid, bm25(organisations_fts, 5.0, 1.0) AS rank FROM organisations_fts
                                 WHERE organisations_fts MATCH @match LIMIT ${OTHER_MATCHES_READ})
       SELECT f.rowid AS id, o.name, o.city, o.latitude, o.longitude,
              EXISTS (SELECT 1 FROM organization_hubs oh
                       WHERE oh.organization_id = o.id AND oh.hub_id IN (SELECT value FROM json_each(@hubs))) AS inHubs
         FROM f
         CROSS JOIN organizations o ON o.id = f.rowid
        WHERE o.status = 'published'
          AND (@west IS NULL
               OR (o.latitude BETWEEN @south AND @north AND o.longitude BETWEEN @west AND @east)
               OR EXISTS (SELECT 1 FROM organization_hubs oh
                           WHERE oh.organization_id = o.id AND oh.hub_id IN (SELECT value FROM json_each(@hubs))))
        ORDER BY f.rank, o.name
        LIMIT @limit`,
    )
    this.places = db.prepare(
      `WITH f AS MATERIALIZED (SELECT rowid, bm25(places_fts, 5.0, 2.0, 1.0) AS rank FROM places_fts
                                 WHERE places_fts MATCH @match LIMIT ${OTHER_MATCHES_READ})
       SELECT f.rowid AS id, l.name, l.city, l.latitude, l.longitude, 0 AS inHubs
         FROM f
         CROSS JOIN locations l ON l.id = f.rowid
        WHERE l.status = 'published'
          AND (@west IS NULL OR (l.latitude BETWEEN @south AND @north AND l.longitude BETWEEN @west AND @east))
        ORDER BY f.rank, l.name
        LIMIT @limit`,
    )
    this.passingByNameRows = db.prepare(queries.passingByName())
    this.matchingNearRows = db.prepare<[Box & { match: string }], number>(queries.matchingNear()).pluck()
    this.matchingAmongRows = db
      .prepare<[{ match: string; ids: string }], number>(queries.matchingAmong())
      .pluck()
    this.categoryCountRows = db.prepare(queries.categoryCounts())
    this.inCategoriesAmongRows = db
      .prepare<[{ ids: string; codes: string }], number>(queries.inCategoriesAmong())
      .pluck()
    this.accessFeatures = db.prepare('SELECT code, sort_order AS sortOrder FROM accessibility_features')
    this.categories = db.prepare(
      `SELECT code, name FROM taxonomy_terms WHERE vocabulary = 'category' ORDER BY sort_order, name`,
    )
    this.skills = db.prepare(
      `SELECT t.code, t.name, COALESCE((SELECT group_concat(ts.synonym, '|') FROM taxonomy_term_synonyms ts WHERE ts.term_id = t.id), '') AS synonyms
         FROM taxonomy_terms t
        WHERE t.vocabulary = 'skill'
        ORDER BY t.sort_order, t.name`,
    )
  }

  /** The ids of the published services whose documents match an FTS5 expression, in no order. */
  matchIds(match: string): number[] {
    return this.matches.all(match)
  }

  /**
   * How many published services match an FTS5 expression and pass the filters, counting no
   * further than `cap`: quicker than reading the matches when only the number is wanted.
   */
  countMatching(match: string, criteria: SearchCriteria, cap: number): number {
    const row = hasFilters(criteria)
      ? this.matchCounts.filtered.get({ ...this.params(criteria, null), match, cap })
      : this.matchCounts.plain.get({ match, cap })
    return row?.count ?? 0
  }

  /**
   * A page of the published services that match an FTS5 expression and pass the filters: best
   * match first (by where the words are: the name; a category named in `namedCategories`;
   * another category's words; the description; the places; who runs it), then the most
   * recently checked, then by name and id; without reading every match out.
   */
  rankedPageMatching(
    match: string,
    namedCategories: string[],
    criteria: SearchCriteria,
    limit: number,
    offset: number,
    scan: number,
  ): number[] {
    const page: MatchPage = {
      match,
      inName: `name : (${match})`,
      inCategories: `{name categories} : (${match})`,
      inDescription: `{name categories description} : (${match})`,
      inPlaces: `{name categories description places} : (${match})`,
      namedCategories: JSON.stringify(namedCategories),
      limit,
      offset,
      end: offset + limit,
      scan,
    }
    const rows = hasFilters(criteria)
      ? this.rankedPages.filtered.all({ ...this.params(criteria, null), ...page })
      : this.rankedPages.plain.all(page)
    return rows.map((row) => row.id)
  }

  /**
   * Every published service by name, one at a time, each saying whether it passes the
   * filters: the caller counts and pages, and stops when it has enough.
   */
  eachByName(criteria: SearchCriteria): IterableIterator<{ id: number; passes: 0 | 1 }> {
    return this.passingByNameRows.iterate(this.params(criteria, null))
  }

  /**
   * The services (of any status) at published places in the box whose documents match an
   * FTS5 expression, in no order; `columns` names the document's columns
   * every word must be in (`{name categories} : (...)`), or null for any.
   */
  matchingNear(match: string, box: Box, columns: DocumentColumn[] | null = null): number[] {
    return this.matchingNearRows.all({ ...box, match: inColumns(match, columns) })
  }

  /**
   * The services whose documents match an FTS5 expression at each of their published places
   * in the box, that pass every filter (as atPlacesInBox), one row at a time, in no order:
   * [id, latitude, longitude], from service_points (migrations/0016). When the words match
   * fewer than `fewMatches` services in the whole country, from those services' own points
   * (a few look-ups each); otherwise from the points in the box joined to one full-text scan.
   */
  eachMatchingAtPlaceInBox(
    match: string,
    criteria: SearchCriteria,
    box: Box,
  ): IterableIterator<MatchingPointRow> {
    const params = this.pointParams(criteria, box)
    const form = params.categories === null ? 'bits' : 'rows'
    const some = this.fewMatches > 0 ? this.someMatches.all(match, this.fewMatches) : []
    if (some.length < this.fewMatches)
      return this.listedPoints[form].iterate({ ...params, ids: JSON.stringify(some) })
    return this.matchingPoints[form].iterate({ ...params, match })
  }

  /**
   * For each list of columns, those of `ids` whose documents match an FTS5 expression in
   * them, in no order. The documents of `ids` are copied once into a scratch full-text index
   * of this connection's own (a TEMP table, emptied each time), and each look-up reads only
   * that: quicker than reading the words' index for the whole country once per list, when
   * `ids` are few (the caller keeps them few: each is a document copied).
   */
  matchingAmongEach(match: string, ids: number[], columnLists: DocumentColumn[][]): number[][] {
    if (ids.length === 0) return columnLists.map(() => [])
    const scratch = this.scratchIndex()
    scratch.empty.run()
    scratch.fill.run(JSON.stringify(ids))
    return columnLists.map((columns) => scratch.matching.all(inColumns(match, columns)))
  }

  private scratchIndex(): NonNullable<typeof this.scratch> {
    if (!this.scratch) {
      this.db.exec(
        'CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_scratch USING fts5(name, categories, description,' +
          " organisation, places, tokenize = 'porter unicode61 remove_diacritics 2')",
      )
      this.scratch = {
        empty: this.db.prepare('DELETE FROM temp.search_scratch'),
        fill: this.db.prepare(
          'INSERT INTO temp.search_scratch (rowid, name, categories, description, organisation, places)' +
            ' SELECT f.rowid, f.name, f.categories, f.description, f.organisation, f.places' +
            ' FROM json_each(?) j CROSS JOIN services_fts f ON f.rowid = j.value',
        ),
        matching: this.db
          .prepare<[string], number>('SELECT rowid FROM temp.search_scratch WHERE search_scratch MATCH ?')
          .pluck(),
      }
    }
    return this.scratch
  }

  /** Those of `ids` whose documents match an FTS5 expression, in no order; `columns` as in matchingNear. */
  matchingAmong(match: string, ids: number[], columns: DocumentColumn[] | null = null): number[] {
    if (ids.length === 0) return []
    return this.matchingAmongRows.all({ match: inColumns(match, columns), ids: JSON.stringify(ids) })
  }

  /** How many of `ids` are in each category, by code (categories with none left out). */
  categoryCountsAmong(ids: number[]): Map<string, number> {
    if (ids.length === 0) return new Map()
    return new Map(
      this.categoryCountRows.all({ ids: JSON.stringify(ids) }).map((row) => [row.code, row.count]),
    )
  }

  /** Those of `ids` in any of these categories, in no order. */
  inCategoriesAmong(codes: string[], ids: number[]): number[] {
    if (ids.length === 0 || codes.length === 0) return []
    return this.inCategoriesAmongRows.all({ ids: JSON.stringify(ids), codes: JSON.stringify(codes) })
  }

  /** How many published services pass the filters, among `ids` when given (else all), counting no further than `cap`. */
  count(criteria: SearchCriteria, ids: number[] | null, cap: number): number {
    return this.pick(this.counts, ids).get({ ...this.params(criteria, ids), cap })?.count ?? 0
  }

  /** A page of them: in the order of `ids` when given, else by name. */
  page(criteria: SearchCriteria, ids: number[] | null, limit: number, offset: number): ServiceRow[] {
    return this.pick(this.pages, ids).all({ ...this.params(criteria, ids), limit, offset })
  }

  /**
   * Services passing the filters that reach people in any of these hubs' areas: they come to
   * people's homes, phone them or run online.
   */
  reachingPeopleIn(criteria: SearchCriteria, hubIds: number[]): ReachingRow[] {
    if (hubIds.length === 0) return []
    return this.reachingRows.all(this.params(criteria, null, hubIds)).map((row) => ({
      id: row.id,
      name: row.name,
      comesToHome: row.comesToHome === 1,
      byPhone: row.byPhone === 1,
      online: row.online === 1,
    }))
  }

  /** When each of these services was last checked, and its name, in no order. */
  tieBreakersOf(ids: number[]): TieBreakerRow[] {
    if (ids.length === 0) return []
    return this.tieBreakers.all(JSON.stringify(ids))
  }

  /**
   * Every published service at each of its published places inside the box, one row per
   * service and place, that passes every filter but the words, each tested on a bit of its
   * row in service_points (migrations/0016; a category without a bit by primary key), and
   * the name read from the services' small covering index. Words are for the caller
   * (matchingNear, matchingAmong, matchIds).
   */
  atPlacesInBox(criteria: SearchCriteria, box: Box): ServiceAtPointRow[] {
    const params = this.pointParams(criteria, box)
    return this.namedPoints[params.categories === null ? 'bits' : 'rows'].all(params)
  }

  /** The same, one row at a time, so the caller can stop when it has read enough. */
  eachAtPlaceInBox(criteria: SearchCriteria, box: Box): IterableIterator<ServiceAtPointRow> {
    const params = this.pointParams(criteria, box)
    return this.namedPoints[params.categories === null ? 'bits' : 'rows'].iterate(params)
  }

  /**
   * The same without names, as arrays: [id, latitude, longitude, categoryMask], read from
   * service_points (migrations/0016) alone, every filter tested on its own columns.
   */
  eachPointInBox(criteria: SearchCriteria, box: Box): IterableIterator<ServicePointRow> {
    const params = this.pointParams(criteria, box)
    return this.points[params.categories === null ? 'bits' : 'rows'].iterate(params)
  }

  /**
   * Each category's bit in service_points.category_mask (search_category_bits), by code: null
   * for a category without one, and codes not on the list left out.
   */
  categoryBits(codes: readonly string[]): Map<string, number | null> {
    if (codes.length === 0) return new Map()
    return new Map(this.categoryBitRows.all(JSON.stringify(codes)).map((row) => [row.code, row.bit]))
  }

  /** The same, only for the listed services: quicker when the list is shorter than what is in the box. */
  listedAtPlacesInBox(criteria: SearchCriteria, ids: number[], box: Box): ServiceAtPointRow[] {
    if (ids.length === 0) return []
    return this.listedInBoxes.all({ ...this.params(criteria, ids), ...box })
  }

  /** How many service-at-place links there are at published places in the box: quick, from the R*Tree. */
  /** How many published places are in the box, counting no further than `cap`: quick, from the R*Tree alone. */
  countPlacesInBox(box: Box, cap: number): number {
    return this.placesInBoxUpTo.get({ ...box, cap })?.count ?? 0
  }

  countServicePlacesInBox(box: Box): number {
    return this.servicePlacesInBox.get(box)?.count ?? 0
  }

  /** The areas of the hubs whose box holds the point: those that may cover it. */
  hubAreasAround(point: { latitude: number; longitude: number }): HubAreaForSearchRow[] {
    return this.hubs.all({ latitude: point.latitude, longitude: point.longitude })
  }

  /** Published organisations whose name matches, best first; with `near`, only those in it. */
  organisationsMatching(match: string, limit: number, near: NearArea | null = null): NamedMatchRow[] {
    return this.organisations.all(namedMatchParams(match, limit, near))
  }

  /** Published places whose name matches, best first; with `near`, only those in its box. */
  placesMatching(match: string, limit: number, near: NearArea | null = null): NamedMatchRow[] {
    return this.places.all(namedMatchParams(match, limit, near))
  }

  /** Every category on the list, in its order. */
  categoryTerms(): TermRow[] {
    return this.categories.all()
  }

  /** Every skill on the list, with its synonyms. */
  skillTerms(): SkillTermRow[] {
    return this.skills.all()
  }

  private params(criteria: SearchCriteria, ids: number[] | null, coveringHubIds: number[] = []): Params {
    return {
      ids: ids === null ? null : JSON.stringify(ids),
      categories: criteria.categories.length > 0 ? JSON.stringify(criteria.categories) : null,
      dayBit: criteria.day === null ? 0 : DAY_BITS[criteria.day],
      free: criteria.free ? 1 : 0,
      home: criteria.home ? 1 : 0,
      accessMask: this.accessMask(criteria.access),
      coveringHubs: JSON.stringify(coveringHubIds),
    }
  }

  /**
   * The filters as service_points' bits: the categories as their bits when every one has a
   * bit, else (a code without a bit, or not on the list) as codes, looked up the old way.
   */
  private pointParams(criteria: SearchCriteria, box: Box): PointParams {
    let categoryMask = 0
    let categories: string | null = null
    if (criteria.categories.length > 0) {
      const bits = this.categoryBits(criteria.categories)
      for (const code of new Set(criteria.categories)) {
        const bit = bits.get(code)
        if (bit === undefined || bit === null) {
          categories = JSON.stringify(criteria.categories)
          break
        }
        categoryMask += 2 ** bit
      }
    }
    return {
      west: box.west,
      south: box.south,
      east: box.east,
      north: box.north,
      flags: (criteria.free ? 1 : 0) | (criteria.home ? 2 : 0),
      dayBit: criteria.day === null ? 0 : DAY_BITS[criteria.day],
      accessMask: this.accessMask(criteria.access),
      categoryMask: categories === null ? categoryMask : 0,
      categories,
    }
  }

  /**
   * The bits of these access features in locations.access_mask: bit (sort_order - 1) of each
   * (migrations/0011). A code not on the list asks for a bit no place has.
   */
  private accessMask(codes: string[]): number {
    if (codes.length === 0) return 0
    this.accessBits ??= new Map(this.accessFeatures.all().map((row) => [row.code, 1 << (row.sortOrder - 1)]))
    let mask = 0
    for (const code of codes) mask |= this.accessBits.get(code) ?? 1 << 30
    return mask
  }

  private pick<P, R>(pair: Pair<P, R>, ids: number[] | null): Statement<[P], R> {
    return ids === null ? pair.every : pair.listed
  }
}

interface NamedMatchParams {
  match: string
  limit: number
  west: number | null
  south: number | null
  east: number | null
  north: number | null
  hubs: string
}

function inColumns(match: string, columns: DocumentColumn[] | null): string {
  return columns === null ? match : `{${columns.join(' ')}} : (${match})`
}

function namedMatchParams(match: string, limit: number, near: NearArea | null): NamedMatchParams {
  return {
    match: `name : (${match})`,
    limit,
    west: near?.box.west ?? null,
    south: near?.box.south ?? null,
    east: near?.box.east ?? null,
    north: near?.box.north ?? null,
    hubs: JSON.stringify(near?.hubIds ?? []),
  }
}

/** Each day's bit in services.day_mask (migrations/0011_search_filter_masks.sql). */
const DAY_BITS: Record<Day, number> = { MO: 1, TU: 2, WE: 4, TH: 8, FR: 16, SA: 32, SU: 64 }

/** Whether any filter is chosen, beyond the words. */
function hasFilters(criteria: SearchCriteria): boolean {
  return (
    criteria.categories.length > 0 ||
    criteria.access.length > 0 ||
    criteria.day !== null ||
    criteria.free ||
    criteria.home
  )
}
