import type {
  Box,
  NamedMatchRow,
  SearchCriteria,
  DocumentColumn,
  SearchRepository,
  TermRow,
} from '../../db/repositories/searchRepository'
import {
  filtersInUse,
  NO_FILTERS,
  type SearchFieldError,
  type SearchFilters,
} from '../validation/searchQuery'
import { AnswerCache, type DataVersionSource } from './answerCache'
import { DEFAULT_WORK_LIMITS, SearchTooBig, WorkBudget, type WorkLimits } from './search/budget'
import { inOrder, tierFinder, TIERS } from './search/ranking'
import {
  CROWDED_PLACES,
  DEFAULT_RADIUS_MILES,
  FIRST_CIRCLE_MILES,
  NARROWER_MILES,
  radiusSteps,
  type NearDecision,
  type PlacesNear,
} from './search/reach'
import { busiestCategories, workOutSuggestions, type Suggestion } from './search/suggestions'
import { categoriesNamed, wordsOf } from './search/words'
import { boxAround, hubCovers, milesBetween, type Point } from './geo'
import { DAYS } from './listingWords'
import type { LocationResult } from './locationService'
import type { PeopleNearby, PeopleVisibleTo } from './peopleService'
import type { ServiceSummary } from './serviceSummary'
import { matchExpression } from './searchWords'
import { VISITOR, type Viewer } from './viewer'

export { TIERS } from './search/ranking'
export { DEFAULT_RADIUS_MILES, type NearDecision } from './search/reach'
export type { Suggestion } from './search/suggestions'

/** A box on the map, in degrees: west and east are longitudes, south and north latitudes. */
export type BoundingBox = Box

/** One published service at one of its published places, for the map. */
export interface MapPoint {
  id: number
  kind: 'service'
  name: string
  latitude: number
  longitude: number
}

/** What search needs from the other services; buildServices passes the real ones. */
export interface LocationFinder {
  resolve(input: string): LocationResult
  resolvePoint(latitude: number, longitude: number): LocationResult
}
export interface SummaryMaker {
  serviceSummaries(
    ids: number[],
    options?: { from?: Point; distanceMilesById?: Map<number, number> },
  ): ServiceSummary[]
}
export interface PeopleFinder {
  visibleTo(viewer: Viewer): Pick<PeopleVisibleTo, 'sharingNear'>
}

export const PAGE_SIZE = 20
/** The words shown, in place of a distance, for a service found through its area. */
export const COMES_TO_YOUR_HOME = 'Comes to your home'
/** With a place but no distance chosen, people are looked for in hubs this close. */
const PEOPLE_NEARBY_MILES = 10
const OTHER_MATCHES_SHOWN = 5
/**
 * Counts are exact up to this many; past it the page says "more than 1,000", and only this
 * many can be paged through (the first 50 pages).
 */
export const COUNT_LIMIT = 1000
/**
 * Tiers among no more than this many services are worked out from their own documents, copied
 * into a scratch index (about 45 ms for 800 at 1,000,000 services, where four look-ups in the
 * whole index for a common word take 400 ms).
 */
const SCRATCH_AT_MOST = 1000
/** The columns each tier's words must be in, narrowest first (see TIERS). */
const TIER_COLUMNS: DocumentColumn[][] = [
  ['name'],
  ['name', 'categories'],
  ['name', 'categories', 'description'],
  ['name', 'categories', 'description', 'places'],
]
/** No filters: every published service the words find. */
const NO_CRITERIA: SearchCriteria = { categories: [], day: null, free: false, access: [], home: false }
/** Every column of a service's search document: the words anywhere. */
const EVERY_COLUMN: DocumentColumn[] = ['name', 'categories', 'description', 'organisation', 'places']
/** Without a place, the words' best matches are looked for among no more than this many matches. */
const RANKED_AT_MOST = 2000
/**
 * The answers kept (until anything is written) are weighed by the ids and numbers they hold:
 * lists of services, ordered lists near a point, counts, pages. About 16 bytes each, so this
 * is a few megabytes at most, however many answers that makes.
 */
const MEMORY_WEIGHT = 400_000
const SMALL_MEMORY_WEIGHT = 200_000
/** Entries are bounded by weight; this only stops a flood of tiny ones. */
const MANY_ANSWERS = 10_000
/**
 * The places near a point kept for the next search near it: at most this many points and
 * distances, and this many service-at-place rows in all (12 bytes each: a few megabytes).
 */
const NEAR_PLACES_SIZE = 64
const NEAR_PLACES_WEIGHT = 500_000

export interface SearchServiceOptions {
  pageSize?: number
  /** a search with a place shows what is within this many miles, widening only when nothing is */
  radiusMiles?: number
  /** how many places within the radius make it crowded, so a search with words keeps to fewer miles (CROWDED_PLACES) */
  crowdedPlaces?: number
  /** how much work one search may do before it stops and says "Try fewer words or a smaller area" */
  workLimits?: WorkLimits
}

/** An organisation or place whose name or description matches the words: a record, linked by the page. */
export interface NamedMatch {
  id: number
  name: string
  city: string | null
}

export interface SearchOutcome {
  /** how many were found, exactly, up to COUNT_LIMIT */
  total: number
  /** there are more than `total` (COUNT_LIMIT): the page says "more than 1,000" and pages stop there */
  moreThanTotal: boolean
  /** the search needed more work than it may do: the page says "Try fewer words or a smaller area" */
  tooBig: boolean
  page: number
  pageSize: number
  pageCount: number
  results: ServiceSummary[]
  /** the place asked for, and what became of it; null when none was given */
  location: LocationResult | null
  /** true when the words were searched for and the place (if any) was found */
  searched: boolean
  /** with a place: the list stops at this many miles (the distance chosen, or the radius reached) */
  withinMiles: number | null
  /** with a place: how far the list reaches, and why; null without a place */
  near: NearDecision | null
  /** when nothing was found: what would find something (page 1 only) */
  suggestions: Suggestion[]
  /** the page asked for is after the last one */
  pastTheEnd: boolean
  /** nothing had every word, so these results have some of them */
  someWordsOnly: boolean
  peopleNearby: PeopleNearby | null
  /** published organisations and places whose own names or descriptions match (page 1 only) */
  otherMatches: { organisations: NamedMatch[]; places: NamedMatch[] }
}

interface Ordered {
  total: number
  /** counted no further than total */
  more: boolean
  ids: number[]
  miles: Map<number, number>
  /** services found through their area (at home, by phone or online), shown without a distance */
  areaIds: Set<number>
  near: NearDecision | null
}

/** Every service within reach of a point: how many, and the first COUNT_LIMIT in order (tier, then distance, then freshness). */
interface NearAll {
  total: number
  ids: number[]
  miles: Map<number, number>
  areaIds: Set<number>
  near: NearDecision
}

/**
 * Finds published services for /search and the map: words (full text, the categories' own
 * words, the start of the last word), filters, and distance from a place. Best match first
 * (see TIERS), then, with a place, nearest (a service at several places counts once, at its
 * nearest; one that reaches people at home, by phone or online in a hub covering the place
 * counts as distance 0), then the most recently checked. With a place, only what is within
 * reach (see NearDecision); when nothing is found, what would find something (Suggestion).
 */
export class SearchService {
  constructor(
    private readonly repository: SearchRepository,
    private readonly listings: SummaryMaker,
    private readonly location: LocationFinder,
    private readonly people: PeopleFinder,
    dataVersion: DataVersionSource,
    options: SearchServiceOptions = {},
  ) {
    this.pageSize = options.pageSize ?? PAGE_SIZE
    const radius = options.radiusMiles ?? DEFAULT_RADIUS_MILES
    this.radiusSteps = radiusSteps(radius)
    this.crowdedPlaces = options.crowdedPlaces ?? CROWDED_PLACES
    this.workLimits = options.workLimits ?? DEFAULT_WORK_LIMITS
    this.memory = new AnswerCache(dataVersion, {
      maxEntries: MANY_ANSWERS,
      maxWeight: MEMORY_WEIGHT,
      weigh: weightOf,
    })
    this.smallMemory = new AnswerCache(dataVersion, {
      maxEntries: MANY_ANSWERS,
      maxWeight: SMALL_MEMORY_WEIGHT,
      weigh: weightOf,
    })
    this.nearPlaces = new AnswerCache(dataVersion, {
      maxEntries: NEAR_PLACES_SIZE,
      maxWeight: NEAR_PLACES_WEIGHT,
      weigh: (places) => places.ids.length,
    })
  }

  private readonly pageSize: number
  private readonly workLimits: WorkLimits
  /** the budget of the search under way (searches run one at a time: better-sqlite3 is synchronous) */
  private budget: WorkBudget | null = null
  /** the radius, then the wider steps: 10, 25, 50 miles */
  private readonly radiusSteps: number[]
  private readonly crowdedPlaces: number

  /** Things worked out from the listings, kept until anything is written (see `remember`). */
  private readonly memory: AnswerCache<unknown>
  private readonly smallMemory: AnswerCache<unknown>
  /** the places near a point (see placesNear), weighed by how many */
  private readonly nearPlaces: AnswerCache<PlacesNear>

  /** Every category on the list, for the filter's choices. */
  categoryOptions(): TermRow[] {
    return this.remember('category options', () => this.repository.categoryTerms(), 'small')
  }

  /** Problems with filters that only the database can spot: category codes not on the list. */
  checkFilters(filters: SearchFilters): SearchFieldError[] {
    if (filters.categories.length === 0) return []
    const known = new Set(this.categoryOptions().map((term) => term.code))
    return filters.categories.some((code) => !known.has(code))
      ? [{ field: 'category', message: 'Choose a type of group or activity from the list' }]
      : []
  }

  /** Turns the Where box (or "Use my location"'s point) into a place; null when neither was given. */
  locate(filters: SearchFilters): LocationResult | null {
    const usesPoint = filters.lat !== null && filters.lng !== null
    if (usesPoint && (filters.where === '' || filters.where.toLowerCase() === 'my location')) {
      return this.location.resolvePoint(filters.lat as number, filters.lng as number)
    }
    if (filters.where === '') return null
    return this.location.resolve(filters.where)
  }

  /** The page of results for the filters; `location` is the place, when the caller has looked it up already. */
  search(filters: SearchFilters, location: LocationResult | null = this.locate(filters)): SearchOutcome {
    const outer = this.budget
    this.budget ??= new WorkBudget(this.workLimits)
    try {
      return this.searchWithinBudget(filters, location)
    } catch (error) {
      if (!(error instanceof SearchTooBig)) throw error
      return { ...emptyOutcome(filters, location, this.pageSize), tooBig: true }
    } finally {
      this.budget = outer
    }
  }

  private searchWithinBudget(filters: SearchFilters, location: LocationResult | null): SearchOutcome {
    const outcome = emptyOutcome(filters, location, this.pageSize)
    if (location && location.kind !== 'found') return outcome
    const point = location?.point ?? null

    const words = wordsOf(filters.q)
    const criteria = this.criteria(filters)
    let match = matchExpression(words, 'AND')
    let ordered = this.order(criteria, match, filters, point)
    // Some of the words only when no filter is in use: with filters, saying which filter is
    // in the way (the suggestions) helps more than a list that half matches.
    if (ordered.total === 0 && words.length > 1 && !hasFilterBesidesDistance(filters)) {
      const some = matchExpression(words, 'OR')
      const orderedBySome = this.order(criteria, some, filters, point)
      if (orderedBySome.total > 0) {
        match = some
        ordered = orderedBySome
        outcome.someWordsOnly = true
      }
    }

    const summaries = this.listings.serviceSummaries(ordered.ids, {
      ...(point ? { from: point } : {}),
      distanceMilesById: ordered.miles,
    })
    // A service found through its area says how it reaches people in place of a distance.
    outcome.results = summaries.map((summary) =>
      ordered.areaIds.has(summary.id)
        ? { ...summary, distance: summary.ways[0] ?? COMES_TO_YOUR_HOME }
        : summary,
    )
    outcome.searched = true
    outcome.near = ordered.near
    outcome.withinMiles = ordered.near?.miles ?? null
    outcome.total = ordered.total
    outcome.moreThanTotal = ordered.more
    outcome.pageCount = Math.ceil(ordered.total / this.pageSize)
    outcome.pastTheEnd = ordered.total > 0 && filters.page > outcome.pageCount
    // People in hubs as far as the list reaches at most: nothing further is called near.
    const peopleMiles = ordered.near
      ? ordered.near.chosen
        ? ordered.near.miles
        : Math.min(ordered.near.miles, PEOPLE_NEARBY_MILES)
      : null
    outcome.peopleNearby = point
      ? this.remember(
          `people ${JSON.stringify([words.map(({ word }) => word), point.latitude, point.longitude, peopleMiles])}`,
          // Search answers are kept and shared between everyone who searches, so they are only
          // ever what a visitor may see.
          () =>
            this.people
              .visibleTo(VISITOR)
              .sharingNear({ point, words: words.map(({ word }) => word), miles: peopleMiles }),
          'small',
        )
      : null
    if (filters.page === 1) {
      if (match) outcome.otherMatches = this.otherMatches(match, point, ordered.near)
      if (ordered.total === 0) outcome.suggestions = this.suggestions(filters, point, ordered.near)
    }
    return outcome
  }

  /**
   * With a place: how far the list for these filters reaches (the distance chosen, or the
   * radius, widened only when nothing is closer), so the map shows the same as the list.
   */
  reach(filters: SearchFilters, point: Point): NearDecision {
    const words = wordsOf(filters.q)
    const criteria = this.criteria(filters)
    const first = this.order(criteria, matchExpression(words, 'AND'), { ...filters, page: 1 }, point)
    if (first.total > 0 || words.length < 2 || hasFilterBesidesDistance(filters))
      return first.near as NearDecision
    const some = this.order(criteria, matchExpression(words, 'OR'), { ...filters, page: 1 }, point)
    return (some.total > 0 ? some.near : first.near) as NearDecision
  }

  /**
   * Every matching published service at each of its published places inside the box: one
   * point per service-at-place, for the map to cluster. Uses the same filters as search
   * (words, category, day, free, access, comes to your home). With a place (a point, or a
   * Where that is found), only what is within the reach search would give it (`reach`).
   * Paging is ignored. One point at a time, straight from the database (nothing is gathered):
   * the map keeps what it needs and may stop early.
   */
  *pointsMatching(filters: SearchFilters, bbox: BoundingBox): Generator<MapPoint, void> {
    const criteria = this.criteria(filters)
    const allowed = this.allowedIds(matchExpression(wordsOf(filters.q), 'AND'))
    let box = bbox
    let within: { point: Point; miles: number } | null = null
    const location = filters.where !== '' || filters.lat !== null ? this.locate(filters) : null
    if (location?.kind === 'found') {
      const miles = filters.distance ?? this.reach(filters, location.point).miles
      within = { point: location.point, miles }
      const near = boxAround(location.point, miles)
      box = {
        west: Math.max(bbox.west, near.west),
        south: Math.max(bbox.south, near.south),
        east: Math.min(bbox.east, near.east),
        north: Math.min(bbox.north, near.north),
      }
      if (box.west > box.east || box.south > box.north) return
    }
    // Go from the allowed services when there are fewer of them than services at places in the box.
    const rows =
      allowed !== null && allowed.size < this.repository.countServicePlacesInBox(box)
        ? this.repository.listedAtPlacesInBox(criteria, [...allowed], box)
        : this.repository.eachAtPlaceInBox(criteria, box)
    for (const row of rows) {
      if (allowed && !allowed.has(row.id)) continue
      if (within && milesBetween(within.point, row) > within.miles) continue
      yield { id: row.id, kind: 'service', name: row.name, latitude: row.latitude, longitude: row.longitude }
    }
  }

  /**
   * For the open data API (issue 14): the published services the words find, best match
   * first: the same full-text search as /search, with the categories' everyday words
   * (synonyms) and the same ranking among the same bounded number of matches, at most
   * COUNT_LIMIT of them, as a search's count stops there too. Kept until anything is written,
   * as search's own answers are. null when the words hold nothing to search for (only little
   * words such as "the"); 'too-big' when the search needed more work than one may do.
   */
  servicesMatching(q: string): number[] | null | 'too-big' {
    const match = matchExpression(wordsOf(q), 'AND')
    if (match === null) return null
    const outer = this.budget
    this.budget ??= new WorkBudget(this.workLimits)
    try {
      return this.remember(
        `open data ${match}`,
        () =>
          this.repository.rankedPageMatching(
            match,
            this.namedCategories(match),
            NO_CRITERIA,
            COUNT_LIMIT,
            0,
            RANKED_AT_MOST,
          ),
        'small',
      )
    } catch (error) {
      if (error instanceof SearchTooBig) return 'too-big'
      throw error
    } finally {
      this.budget = outer
    }
  }

  /** The ids of the hubs whose area covers a point. */
  hubsCovering(point: Point): number[] {
    return this.repository
      .hubAreasAround(point)
      .filter((hub) => hubCovers(hub, point))
      .map((hub) => hub.id)
  }

  private criteria(filters: SearchFilters): SearchCriteria {
    return {
      categories: filters.categories,
      day: filters.day ? (DAYS.find((day) => day.slug === filters.day)?.code ?? null) : null,
      free: filters.free,
      access: filters.access,
      home: filters.home,
    }
  }

  /**
   * Keeps what `work` gives under `key` until anything in the database changes: the same
   * words and filters are asked for again and again (paging, the map, the next visitor), and
   * reading the full-text index and the category and day indexes is most of a search's work.
   * Lists of ids go in the 'large' memory; counts, pages and other short answers in the 'small'.
   */
  private remember<T>(key: string, work: () => T, size: 'large' | 'small' = 'large'): T {
    return (size === 'large' ? this.memory : this.smallMemory).remember(key, work) as T
  }

  /**
   * The codes of the categories whose own names hold a word searched for ("lunch" is in
   * "Lunch clubs and meals"); the last word also as the start of a longer one.
   */
  private namedCategories(match: string): string[] {
    return this.remember(
      `named categories ${match}`,
      () => categoriesNamed(match, this.categoryOptions()),
      'small',
    )
  }

  /**
   * Without a place: how many services the words and filters find (up to COUNT_LIMIT), and
   * the page asked for, best match first, ranked in SQLite among a bounded number of matches.
   * Each is kept (the count once for every page), as paging and the next visitor ask again.
   */
  private rankedPage(
    match: string,
    criteria: SearchCriteria,
    offset: number,
  ): Omit<Ordered, 'miles' | 'areaIds' | 'near'> {
    const key = criteriaKey(criteria)
    const counted = this.remember(
      `count ${match} ${key}`,
      () => this.repository.countMatching(match, criteria, COUNT_LIMIT + 1),
      'small',
    )
    this.spend()
    const total = Math.min(counted, COUNT_LIMIT)
    if (offset >= total) return { total, more: counted > total, ids: [] }
    const ids = this.remember(
      `page ${String(offset)} ${match} ${key}`,
      () =>
        this.repository.rankedPageMatching(
          match,
          this.namedCategories(match),
          criteria,
          Math.min(this.pageSize, COUNT_LIMIT - offset),
          offset,
          RANKED_AT_MOST,
        ),
      'small',
    )
    this.spend()
    return { total, more: counted > total, ids }
  }

  /**
   * Without words or a place: the services passing the filters, by name, read one at a time
   * through the name index with a bit test each (migrations/0011), counted up to COUNT_LIMIT,
   * keeping the page asked for. Reading stops at COUNT_LIMIT + 1, or when the budget is spent.
   */
  private byName(criteria: SearchCriteria, offset: number): Omit<Ordered, 'miles' | 'areaIds' | 'near'> {
    return this.remember(
      `by name ${String(offset)} ${criteriaKey(criteria)}`,
      () => {
        let counted = 0
        const ids: number[] = []
        for (const row of this.repository.eachByName(criteria)) {
          this.spend(1)
          if (row.passes === 0) continue
          if (counted >= offset && counted < offset + this.pageSize && counted < COUNT_LIMIT) ids.push(row.id)
          counted++
          if (counted > COUNT_LIMIT) break
        }
        return { total: Math.min(counted, COUNT_LIMIT), more: counted > COUNT_LIMIT, ids }
      },
      'small',
    )
  }

  /** Services that once came from the whole table by a filter now come from SQL; kept for the map. */
  private allowedIds(match: string | null): Set<number> | null {
    if (match === null) return null
    return this.remember(`allowed ${match}`, () => new Set(this.repository.matchIds(match)))
  }

  private order(
    criteria: SearchCriteria,
    match: string | null,
    filters: SearchFilters,
    point: Point | null,
  ): Ordered {
    const offset = (filters.page - 1) * this.pageSize
    if (!point) {
      const nothingElse = { miles: new Map<number, number>(), areaIds: new Set<number>(), near: null }
      // With words, SQLite ranks the matches and hands back only the page asked for, and counts
      // them apart (much quicker than reading out thousands of ranked matches).
      if (match !== null) return { ...this.rankedPage(match, criteria, offset), ...nothingElse }
      return { ...this.byName(criteria, offset), ...nothingElse }
    }
    // The first COUNT_LIMIT in order are kept once for every page (weighed by their ids).
    const key = JSON.stringify([
      match,
      criteriaKey(criteria),
      point.latitude,
      point.longitude,
      filters.distance,
    ])
    const all = this.remember(`nearest ${key}`, () =>
      this.withinReach(criteria, match, point, filters.distance),
    )
    const ids = all.ids.slice(offset, Math.min(offset + this.pageSize, COUNT_LIMIT))
    const onPage = new Set(ids)
    return {
      total: Math.min(all.total, COUNT_LIMIT),
      more: all.total > COUNT_LIMIT,
      ids,
      miles: new Map([...all.miles].filter(([id]) => onPage.has(id))),
      areaIds: new Set([...all.areaIds].filter((id) => onPage.has(id))),
      near: all.near,
    }
  }

  /**
   * Every service within reach of a point, best match first (the tier), then nearest, then
   * most recently checked: how many, and the first COUNT_LIMIT of them. Services that reach
   * people in a hub covering the point (at home, by phone, online) are at distance 0; others
   * each once, at their nearest suitable place. Searches start from the place: the R*Tree
   * gives the services within reach, and only those are matched against the words (one scan
   * of the full-text index joined to them) and given their tiers. With a distance chosen,
   * exactly that; without, the radius, then 10, 25 and 50 miles, stopping at the first that
   * holds anything.
   */
  private withinReach(
    criteria: SearchCriteria,
    match: string | null,
    point: Point,
    distance: number | null,
  ): NearAll {
    const covering = this.hubsCovering(point)
    let area = this.repository.reachingPeopleIn(criteria, covering).map((row) => row.id)
    if (match !== null)
      area =
        area.length <= SCRATCH_AT_MOST
          ? (this.repository.matchingAmongEach(match, area, [EVERY_COLUMN])[0] ?? [])
          : this.repository.matchingAmong(match, area)
    this.spend(area.length)
    const areaIds = new Set(area)

    const located = (miles: number): { id: number; miles: number }[] => {
      const nearest = new Map<number, number>()
      const keep = (id: number, away: number) => {
        if (away > miles || areaIds.has(id)) return
        const best = nearest.get(id)
        if (best === undefined || away < best) nearest.set(id, away)
      }
      if (match === null) {
        // Nearest first needs only the nearest COUNT_LIMIT: look in growing circles, and stop
        // at the first that holds more than that (then the whole distance holds more too).
        for (let circle = Math.min(miles, FIRST_CIRCLE_MILES); ; circle = Math.min(miles, circle * 2)) {
          nearest.clear()
          const places = this.placesNear(criteria, point, circle)
          for (let i = 0; i < places.ids.length; i++) keep(places.ids[i] as number, places.miles[i] as number)
          if (circle >= miles || nearest.size + areaIds.size > COUNT_LIMIT) break
        }
      } else {
        // One statement: the points within reach that pass the filters (service_points,
        // migrations/0016), joined to one scan of the words' index.
        for (const [id, latitude, longitude] of this.repository.eachMatchingAtPlaceInBox(
          match,
          criteria,
          boxAround(point, miles),
        )) {
          this.spend(1)
          keep(id, milesBetween(point, { latitude, longitude }))
        }
      }
      return [...nearest].map(([id, away]) => ({ id, miles: away }))
    }

    const radius = this.radiusSteps[0] as number
    const reach = distance === null && match !== null ? this.uncrowdedReach(point, radius) : radius
    const steps =
      distance !== null ? [distance] : [reach, ...this.radiusSteps.filter((miles) => miles > reach)]
    let found: { id: number; miles: number }[] = []
    let near: NearDecision = {
      miles: steps[0] as number,
      chosen: distance !== null,
      nothingWithin: null,
      narrowedFrom: null,
    }
    for (const [index, miles] of steps.entries()) {
      found = [...area.map((id) => ({ id, miles: 0 })), ...located(miles)]
      near = {
        miles,
        chosen: distance !== null,
        nothingWithin: index > 0 ? (steps[index - 1] as number) : null,
        narrowedFrom: distance === null && miles < radius ? radius : null,
      }
      if (found.length > 0) break
    }
    // Beyond the last step there is nothing: "Nothing within 50 miles".
    if (found.length === 0) near = { ...near, nothingWithin: near.miles }
    const tierOf =
      match === null
        ? () => 0
        : this.tiersAmong(
            match,
            found.map((row) => row.id),
          )
    const first = inOrder(
      found.map((row) => ({ ...row, tier: tierOf(row.id) })),
      COUNT_LIMIT,
      (ids) => this.repository.tieBreakersOf(ids),
    )
    const kept = new Set(first.map((row) => row.id))
    return {
      total: found.length,
      ids: first.map((row) => row.id),
      miles: new Map(first.filter((row) => !areaIds.has(row.id)).map((row) => [row.id, row.miles])),
      areaIds: new Set([...areaIds].filter((id) => kept.has(id))),
      near,
    }
  }

  /**
   * How far a search with words reaches from a point: the radius, or where more than
   * CROWDED_PLACES places are in its box, the widest of NARROWER_MILES holding fewer (a city
   * centre's list keeps to a mile or two, and the search reads a bounded number of places).
   * Each look counts no further than that, in the R*Tree alone.
   */
  private uncrowdedReach(point: Point, radius: number): number {
    const crowded = (miles: number) =>
      this.repository.countPlacesInBox(boxAround(point, miles), this.crowdedPlaces) >= this.crowdedPlaces
    if (!crowded(radius)) return radius
    const narrower = NARROWER_MILES.filter((miles) => miles < radius)
    return narrower.find((miles) => !crowded(miles)) ?? narrower[narrower.length - 1] ?? radius
  }

  /**
   * How well the words match each of these services (see TIERS): look-ups among them only,
   * narrowest columns first. The columns of each look-up hold the last one's, so a service
   * found by one is found by every wider one: each wider look-up is made only among those not
   * found yet, and none once every service is placed (every one of `ids` matches the words
   * somewhere, so once all are in the name or categories, the wider look-ups add nothing).
   */
  private tiersAmong(match: string, ids: number[]): (id: number) => number {
    if (ids.length === 0) return () => TIERS.organiser
    if (ids.length <= SCRATCH_AT_MOST) {
      // Few: their own documents, copied once, are quicker to read four times than the
      // words' index for the whole country.
      this.spend(ids.length)
      const [inName, inCategories, inDescription, inPlaces] = this.repository
        .matchingAmongEach(match, ids, TIER_COLUMNS)
        .map((found) => new Set(found)) as [Set<number>, Set<number>, Set<number>, Set<number>]
      const inNamedCategory = new Set(
        this.repository.inCategoriesAmong(
          this.namedCategories(match),
          [...inCategories].filter((id) => !inName.has(id)),
        ),
      )
      return tierFinder({ inName, inCategories, inNamedCategory, inDescription, inPlaces })
    }
    let left = ids
    const among = (columns: DocumentColumn[], sets: Set<number>[]) => {
      const found = new Set(left.length === 0 ? [] : this.repository.matchingAmong(match, left, columns))
      this.spend(found.size)
      if (found.size > 0) left = left.filter((id) => !found.has(id))
      // Those found by a narrower look-up are in this wider set too.
      for (const set of sets) for (const id of set) found.add(id)
      return found
    }
    const inName = among(['name'], [])
    const inCategories = among(['name', 'categories'], [inName])
    const named = this.namedCategories(match)
    const inNamedCategory = new Set(
      this.repository.inCategoriesAmong(
        named,
        [...inCategories].filter((id) => !inName.has(id)),
      ),
    )
    const inDescription = among(['name', 'categories', 'description'], [inCategories])
    const inPlaces = among(['name', 'categories', 'description', 'places'], [inDescription])
    return tierFinder({ inName, inCategories, inNamedCategory, inDescription, inPlaces })
  }

  /** Counts rows read against the search's budget, and looks at the clock; no budget outside a search. */
  private spend(rows = 0): void {
    this.budget?.spend(rows)
  }

  /**
   * Every published service-at-place within `miles` of the point that passes the filters a
   * place or a service's own columns decide (free, comes to your home, access), with its
   * exact distance. Kept, weighed by its size: searches near the same place with other words
   * read the same places.
   */
  private placesNear(criteria: SearchCriteria, point: Point, miles: number): PlacesNear {
    const key = JSON.stringify([criteriaKey(criteria), point.latitude, point.longitude, miles])
    return this.nearPlaces.remember(key, () => {
      const ids: number[] = []
      const away: number[] = []
      const categories: number[] = []
      // One row at a time, so the budget can stop a search over a very crowded area; each an
      // array read from service_points alone (migrations/0016).
      for (const [id, latitude, longitude, categoryMask] of this.repository.eachPointInBox(
        criteria,
        boxAround(point, miles),
      )) {
        this.spend(1)
        const distance = milesBetween(point, { latitude, longitude })
        if (distance > miles) continue
        ids.push(id)
        away.push(distance)
        categories.push(categoryMask)
      }
      return {
        ids: Int32Array.from(ids),
        miles: Float64Array.from(away),
        categories: Float64Array.from(categories),
      }
    })
  }

  /**
   * When a search found nothing: what would find something, each with how many it would
   * find. Without each filter (a few at most), a wider distance when one was chosen, the
   * same search without the words, and the types of activity with most nearby.
   */
  private suggestions(filters: SearchFilters, point: Point | null, near: NearDecision | null): Suggestion[] {
    const first = { ...filters, page: 1 }
    const key = `suggestions ${JSON.stringify([
      first.q,
      [...first.categories].sort(),
      first.day,
      first.free,
      [...first.access].sort(),
      first.home,
      first.distance,
      point?.latitude,
      point?.longitude,
    ])}`
    return this.remember(
      key,
      () =>
        workOutSuggestions(first, point, near, {
          // Every word, as the search itself first looks: a count that is honest about what the link finds.
          found: (changed, at) =>
            this.order(this.criteria(changed), matchExpression(wordsOf(changed.q), 'AND'), changed, at),
          busiestCategories: (changed, at) => this.busiestCategories(changed, at),
        }),
      'small',
    )
  }

  /**
   * With a place: the types of activity with most within reach (the other filters kept),
   * most first, counted among the first COUNT_LIMIT within reach (the nearest).
   */
  private busiestCategories(filters: SearchFilters, point: Point): Suggestion[] {
    const pool = this.withinReach(this.criteria(filters), null, point, filters.distance)
    if (pool.ids.length === 0) return []
    return busiestCategories(
      this.categoryOptions(),
      this.repository.categoryCountsAmong(pool.ids),
      pool.near.miles,
    )
  }

  /**
   * Organisations and places whose own names match, for the first page of a search with
   * words. With a place, only those within the list's reach (an organisation also when it
   * works in a hub covering the place): nothing far away is listed as if it matched.
   */
  private otherMatches(
    match: string,
    point: Point | null,
    near: NearDecision | null,
  ): SearchOutcome['otherMatches'] {
    const miles = near?.miles ?? null
    const key = `others ${JSON.stringify([match, point?.latitude, point?.longitude, miles])}`
    return this.remember(
      key,
      () => {
        if (!point || miles === null)
          return {
            organisations: this.repository.organisationsMatching(match, OTHER_MATCHES_SHOWN).map(record),
            places: this.repository.placesMatching(match, OTHER_MATCHES_SHOWN).map(record),
          }
        const area = { box: boxAround(point, miles), hubIds: this.hubsCovering(point) }
        const isNear = (row: NamedMatchRow) =>
          row.inHubs === 1 ||
          (row.latitude !== null &&
            row.longitude !== null &&
            milesBetween(point, { latitude: row.latitude, longitude: row.longitude }) <= miles)
        // A few spare, as the box's corners are further than the radius.
        const spare = OTHER_MATCHES_SHOWN * 4
        return {
          organisations: this.repository
            .organisationsMatching(match, spare, area)
            .filter(isNear)
            .slice(0, OTHER_MATCHES_SHOWN)
            .map(record),
          places: this.repository
            .placesMatching(match, spare, area)
            .filter(isNear)
            .slice(0, OTHER_MATCHES_SHOWN)
            .map(record),
        }
      },
      'small',
    )
  }

  // ---------------------------------------------------------------------------------------
  // The hub page's counts (asked for by HubsService.searchesNear). Kept apart: it depends only
  // on radiusSteps, hubsCovering, placesNear and the repository's reachingPeopleIn and
  // categoryCountsAmong.
  // ---------------------------------------------------------------------------------------

  /**
   * What searches near `point` with no words and no filter but one category (or none) find
   * within the radius (SEARCH_RADIUS_MILES, not widened): how many in all, and how many of
   * each of `codes`, each exact up to COUNT_LIMIT and past it marked `more`, as search's own
   * total is. One pass: the services reaching people in hubs covering the point, then the
   * places in growing circles (as search reads them), each service's categories counted once.
   * It stops at the first circle where the total and every category asked for are past
   * COUNT_LIMIT, or before a circle that would read more than `readAtMost` places (about: the
   * last circle's count, scaled by area). Stopped short of the radius, a count that is not yet
   * past COUNT_LIMIT is not known: it is null.
   */
  countsWithinRadius(
    point: Point,
    codes: readonly string[],
    readAtMost: number,
  ): {
    miles: number
    total: { count: number; more: boolean } | null
    categories: Map<string, { count: number; more: boolean } | null>
  } {
    const miles = this.radiusSteps[0] as number
    const criteria = this.criteria(NO_FILTERS)
    const seen = new Set<number>()
    const byCategory = new Map<string, number>()
    const addCounts = (ids: number[]) => {
      for (const [code, count] of this.repository.categoryCountsAmong(ids))
        byCategory.set(code, (byCategory.get(code) ?? 0) + count)
    }
    // Services at places are counted by their categories' bits (service_points.category_mask,
    // read with the places); only a category without a bit is looked up by id.
    const bits = [...this.repository.categoryBits(codes)].filter(
      (entry): entry is [string, number] => entry[1] !== null,
    )
    const allHaveBits = codes.every((code) => bits.some(([withBit]) => withBit === code))
    const add = (ids: Iterable<number>) => {
      const fresh: number[] = []
      for (const id of ids) {
        if (seen.has(id)) continue
        seen.add(id)
        fresh.push(id)
      }
      addCounts(fresh)
    }
    const addPlaces = (places: PlacesNear) => {
      const fresh: number[] = []
      for (let i = 0; i < places.ids.length; i++) {
        const id = places.ids[i] as number
        if (seen.has(id)) continue
        seen.add(id)
        const mask = places.categories[i] as number
        for (const [code, bit] of bits)
          if (Math.floor(mask / 2 ** bit) % 2 === 1) byCategory.set(code, (byCategory.get(code) ?? 0) + 1)
        if (!allHaveBits) fresh.push(id)
      }
      if (fresh.length === 0) return
      // Codes with bits are counted above: only the others are taken from the look-up.
      for (const [code, count] of this.repository.categoryCountsAmong(fresh))
        if (!bits.some(([withBit]) => withBit === code))
          byCategory.set(code, (byCategory.get(code) ?? 0) + count)
    }
    add(this.repository.reachingPeopleIn(criteria, this.hubsCovering(point)).map((row) => row.id))
    const allPastTheLimit = () =>
      seen.size > COUNT_LIMIT && codes.every((code) => (byCategory.get(code) ?? 0) > COUNT_LIMIT)
    let complete = false
    for (let circle = Math.min(miles, FIRST_CIRCLE_MILES); ; circle = Math.min(miles, circle * 2)) {
      const places = this.placesNear(criteria, point, circle)
      addPlaces(places)
      complete = circle >= miles
      const next = Math.min(miles, circle * 2)
      if (complete || allPastTheLimit() || places.ids.length * (next / circle) ** 2 > readAtMost) break
    }
    const counted = (count: number) =>
      count > COUNT_LIMIT ? { count: COUNT_LIMIT, more: true } : complete ? { count, more: false } : null
    return {
      miles,
      total: counted(seen.size),
      categories: new Map(codes.map((code) => [code, counted(byCategory.get(code) ?? 0)])),
    }
  }
}

/** The filters as part of a key for an answer kept. */
function criteriaKey(criteria: SearchCriteria): string {
  return JSON.stringify([
    [...criteria.categories].sort(),
    criteria.day,
    criteria.free,
    [...criteria.access].sort(),
    criteria.home,
  ])
}

/** What an answer kept weighs: the ids and numbers it holds (a count or a short list weighs little). */
function weightOf(value: unknown): number {
  if (Array.isArray(value)) return value.length + 1
  if (value instanceof Set || value instanceof Map) return value.size + 1
  if (typeof value === 'object' && value !== null) {
    let weight = 1
    for (const part of Object.values(value as Record<string, unknown>))
      if (typeof part === 'object' && part !== null) weight += weightOf(part)
    return weight
  }
  return 1
}

/** A search's outcome before anything is found. */
function emptyOutcome(
  filters: SearchFilters,
  location: LocationResult | null,
  pageSize: number,
): SearchOutcome {
  return {
    total: 0,
    moreThanTotal: false,
    tooBig: false,
    page: filters.page,
    pageSize,
    pageCount: 0,
    results: [],
    location,
    searched: false,
    withinMiles: null,
    near: null,
    suggestions: [],
    pastTheEnd: false,
    someWordsOnly: false,
    peopleNearby: null,
    otherMatches: { organisations: [], places: [] },
  }
}

/** Whether any filter but the distance is in use. */
function hasFilterBesidesDistance(filters: SearchFilters): boolean {
  return filtersInUse(filters).some((filter) => filter.group !== 'distance')
}

function record({ id, name, city }: NamedMatchRow): NamedMatch {
  return { id, name, city }
}
