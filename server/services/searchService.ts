import type {
  Box,
  NamedMatchRow,
  SearchCriteria,
  SearchRepository,
  ServiceAtPointRow,
  TermRow,
} from '../../db/repositories/searchRepository'
import {
  DISTANCES_MILES,
  filtersInUse,
  withoutFilter,
  type DistanceMiles,
  type FilterInUse,
  type SearchFieldError,
  type SearchFilters,
} from '../validation/searchQuery'
import { AnswerCache, type DataVersionSource } from './answerCache'
import { boxAround, hubCovers, milesBetween, type Point } from './geo'
import { DAYS } from './listingWords'
import type { LocationResult } from './locationService'
import type { PeopleNearby, PeopleVisibleTo } from './peopleService'
import type { ServiceSummary } from './serviceSummary'
import { matchExpression, searchWords, singular, tokens, type WordWithSynonyms } from './searchWords'
import { VISITOR, type Viewer } from './viewer'

/** A box on the map, in degrees: west and east are longitudes, south and north latitudes. */
export type BoundingBox = Box

/** One published service at one of its published places, for the map. */
export interface MapPoint {
  id: number
  kind: 'service'
  name: string
  /** the name of its first category, such as "Walking groups", or null when it has none */
  category: string | null
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
/** The steps a search with a place widens through, after the setting's radius, when nothing is closer. */
const WIDER_STEPS_MILES = [10, 25, 50]
/** The default radius, when SearchService is built without one (config: SEARCH_RADIUS_MILES). */
export const DEFAULT_RADIUS_MILES = 10
/** Words matching at most this many services are looked up by those services' places. */
const FEW_MATCHES = 3000
/** At most this many "without this filter" counts are worked out for a search that found nothing. */
const FILTER_SUGGESTIONS = 8
const CATEGORY_SUGGESTIONS = 3
/** How many worked-out sets of services are kept (until anything is written). */
const MEMORY_SIZE = 48
/**
 * How many small answers are kept besides (a count, a page of 20 ids, the matching
 * organisations and places, the people nearby, the categories): a few kilobytes at most
 * each, so many more of them fit.
 */
const SMALL_MEMORY_SIZE = 1000
/**
 * The places near a point kept for the next search near it: at most this many points and
 * distances, and this many service-at-place rows in all (12 bytes each: a few megabytes).
 */
const NEAR_PLACES_SIZE = 64
const NEAR_PLACES_WEIGHT = 500_000

/**
 * How well a service matches the words, best first: a word in its name; in the name of one
 * of its categories; among a category's other words (its synonyms); in its description;
 * in its places' names; only in who runs it.
 */
export const TIERS = {
  name: 0,
  categoryName: 1,
  categorySynonym: 2,
  description: 3,
  places: 4,
  organiser: 5,
} as const

export interface SearchServiceOptions {
  pageSize?: number
  /** a search with a place shows what is within this many miles, widening only when nothing is */
  radiusMiles?: number
}

/** An organisation or place whose name or description matches the words: a record, linked by the page. */
export interface NamedMatch {
  id: number
  name: string
  city: string | null
}

export interface SearchOutcome {
  total: number
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

/**
 * How far a search with a place reaches. Without a distance chosen, the list holds what is
 * within the radius (SEARCH_RADIUS_MILES), or, only when nothing is, within the first of
 * 10, 25 and 50 miles that holds something; beyond 50 miles nothing is shown.
 */
export interface NearDecision {
  /** nothing further than this is in the list */
  miles: number
  /** the person chose this distance (it is never widened) */
  chosen: boolean
  /** "Nothing within 10 miles": the step before `miles`, when the list was widened */
  nothingWithin: number | null
}

/** What would find something, when a search found nothing: each a record, linked by the page. */
export type Suggestion =
  | { kind: 'remove filter'; filter: FilterInUse; total: number; withinMiles: number | null }
  | { kind: 'wider distance'; miles: DistanceMiles; total: number }
  | { kind: 'without words'; total: number; withinMiles: number | null }
  | { kind: 'category'; code: string; name: string; total: number; withinMiles: number | null }
  /** nothing within 50 miles: the same search everywhere, with no place (and so no "near") */
  | { kind: 'without place'; total: number }

interface Ordered {
  total: number
  ids: number[]
  miles: Map<number, number>
  /** services found through their area (at home, by phone or online), shown without a distance */
  areaIds: Set<number>
  near: NearDecision | null
}

/** Every service within reach of a point, in order (tier, then distance, then freshness). */
interface NearAll {
  ids: number[]
  miles: Map<number, number>
  areaIds: Set<number>
  near: NearDecision
}

/** The services some words match, and how well (see TIERS). */
interface WordMatches {
  ids: Set<number>
  tierOf: (id: number) => number
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
    this.radiusSteps = [radius, ...WIDER_STEPS_MILES.filter((miles) => miles > radius)]
    this.memory = new AnswerCache(dataVersion, { maxEntries: MEMORY_SIZE })
    this.smallMemory = new AnswerCache(dataVersion, { maxEntries: SMALL_MEMORY_SIZE })
    this.nearPlaces = new AnswerCache(dataVersion, {
      maxEntries: NEAR_PLACES_SIZE,
      maxWeight: NEAR_PLACES_WEIGHT,
      weigh: (places) => places.ids.length,
    })
  }

  private readonly pageSize: number
  /** the radius, then the wider steps: 10, 25, 50 miles */
  private readonly radiusSteps: number[]

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
    const outcome: SearchOutcome = {
      total: 0,
      page: filters.page,
      pageSize: this.pageSize,
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
   * Paging is ignored.
   */
  pointsMatching(filters: SearchFilters, bbox: BoundingBox): MapPoint[] {
    const criteria = this.criteria(filters)
    const allowed = this.allowedIds(matchExpression(wordsOf(filters.q), 'AND'), criteria)
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
      if (box.west > box.east || box.south > box.north) return []
    }
    const categories = this.remember('first-categories', () => this.repository.firstCategoryNames())
    const points: MapPoint[] = []
    // Go from the allowed services when there are fewer of them than services at places in the box.
    const rows =
      allowed !== null && allowed.size < this.repository.countServicePlacesInBox(box)
        ? this.repository.listedAtPlacesInBox(criteria, [...allowed], box)
        : this.repository.atPlacesInBox(criteria, box)
    for (const row of rows) {
      if (allowed && !allowed.has(row.id)) continue
      if (within && milesBetween(within.point, row) > within.miles) continue
      points.push({
        id: row.id,
        kind: 'service',
        name: row.name,
        category: categories.get(row.id) ?? null,
        latitude: row.latitude,
        longitude: row.longitude,
      })
    }
    return points
  }

  /** The ids of the hubs whose area covers a point. */
  hubsCovering(point: Point): number[] {
    return this.hubAreas()
      .filter((hub) => hubCovers(hub, point))
      .map((hub) => hub.id)
  }

  private hubAreas() {
    return this.remember('hub areas', () => this.repository.hubAreas())
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
      () => {
        const searched = matchWords(match)
        return this.categoryOptions()
          .filter((term) => {
            const named = tokens(term.name).map(singular)
            return searched.some(
              ({ word, prefix }) =>
                named.includes(singular(word)) ||
                (prefix && word.length >= 3 && named.some((name) => name.startsWith(word))),
            )
          })
          .map((term) => term.code)
      },
      'small',
    )
  }

  /** The services the words match, each with its tier (see TIERS). */
  private wordMatches(match: string): WordMatches {
    return this.remember(`words ${match}`, () => {
      const inName = new Set(this.repository.matchIdsIn(['name'], match))
      const inCategories = new Set(this.repository.matchIdsIn(['name', 'categories'], match))
      const named = this.namedCategories(match)
      const inNamedCategory = new Set(named.length > 0 ? this.inCategories(named) : [])
      const inDescription = new Set(this.repository.matchIdsIn(['name', 'categories', 'description'], match))
      const inPlaces = new Set(
        this.repository.matchIdsIn(['name', 'categories', 'description', 'places'], match),
      )
      const tierOf = (id: number): number =>
        inName.has(id)
          ? TIERS.name
          : inCategories.has(id)
            ? inNamedCategory.has(id)
              ? TIERS.categoryName
              : TIERS.categorySynonym
            : inDescription.has(id)
              ? TIERS.description
              : inPlaces.has(id)
                ? TIERS.places
                : TIERS.organiser
      return { ids: new Set(this.repository.matchIds(match)), tierOf }
    })
  }

  /**
   * Without a place: how many services the words and filters find, and the page asked for,
   * best match first. Each is kept (the count once for every page), as paging and the next
   * visitor ask for them again.
   */
  private rankedPage(
    match: string,
    criteria: SearchCriteria,
    offset: number,
  ): { total: number; ids: number[] } {
    const key = JSON.stringify([
      match,
      [...criteria.categories].sort(),
      criteria.day,
      criteria.free,
      [...criteria.access].sort(),
      criteria.home,
    ])
    const total = this.remember(`count ${key}`, () => this.repository.countMatching(match, criteria), 'small')
    if (offset >= total) return { total, ids: [] }
    const ids = this.remember(
      `page ${String(offset)} ${key}`,
      () =>
        this.repository.rankedPageMatching(
          match,
          this.namedCategories(match),
          criteria,
          this.pageSize,
          offset,
        ),
      'small',
    )
    return { total, ids }
  }

  private inCategories(codes: string[]): number[] {
    return this.remember(`categories ${[...codes].sort().join(' ')}`, () =>
      this.repository.idsInCategories(codes),
    )
  }

  private onDay(day: NonNullable<SearchCriteria['day']>): number[] {
    return this.remember(`day ${day}`, () => this.repository.idsOnDay(day))
  }

  /** The services the words, categories and day allow (of any status); null when they allow any. */
  private allowedIds(match: string | null, criteria: SearchCriteria): Set<number> | null {
    if (match === null && criteria.categories.length === 0 && criteria.day === null) return null
    const key = `allowed ${JSON.stringify([match, [...criteria.categories].sort(), criteria.day])}`
    return this.remember(key, () => {
      let ids: number[] | null = match === null ? null : [...this.wordMatches(match).ids]
      if (criteria.categories.length > 0) ids = narrow(ids, this.inCategories(criteria.categories))
      if (criteria.day !== null) ids = narrow(ids, this.onDay(criteria.day))
      return new Set(ids)
    })
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
      // Narrow down by the categories and day through their indexes first...
      let candidates: number[] | null = null
      if (criteria.categories.length > 0)
        candidates = narrow(candidates, this.inCategories(criteria.categories))
      if (criteria.day !== null) candidates = narrow(candidates, this.onDay(criteria.day))
      if (candidates === null) {
        const total = this.repository.count(criteria)
        const ids =
          offset < total
            ? this.repository.page(criteria, null, this.pageSize, offset).map((row) => row.id)
            : []
        return { total, ids, ...nothingElse }
      }
      // ...then check the rest, by name.
      const rows = this.repository.passing(criteria, candidates)
      rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id))
      return {
        total: rows.length,
        ids: rows.slice(offset, offset + this.pageSize).map((row) => row.id),
        ...nothingElse,
      }
    }
    // The page is kept (with only its own distances), as the next visitor asks for it again.
    const key = JSON.stringify([
      match,
      [...criteria.categories].sort(),
      criteria.day,
      criteria.free,
      [...criteria.access].sort(),
      criteria.home,
      point.latitude,
      point.longitude,
      filters.distance,
      offset,
    ])
    return this.remember(
      `nearest ${key}`,
      () => {
        const all = this.withinReach(criteria, match, point, filters.distance)
        const ids = all.ids.slice(offset, offset + this.pageSize)
        const onPage = new Set(ids)
        return {
          total: all.ids.length,
          ids,
          miles: new Map([...all.miles].filter(([id]) => onPage.has(id))),
          areaIds: new Set([...all.areaIds].filter((id) => onPage.has(id))),
          near: all.near,
        }
      },
      'small',
    )
  }

  /**
   * Every service within reach of a point, best match first (the tier), then nearest, then
   * most recently checked. Services that reach people in a hub covering the point (at home,
   * by phone, online) are at distance 0; others each once, at their nearest suitable place.
   * The R*Tree gives the places in a box round the point; exact distances come after. With a
   * distance chosen, exactly that; without, the radius, then 10, 25 and 50 miles, stopping at
   * the first that holds anything.
   */
  private withinReach(
    criteria: SearchCriteria,
    match: string | null,
    point: Point,
    distance: number | null,
  ): NearAll {
    const covering = this.hubsCovering(point)
    const allowed = this.allowedIds(match, criteria)
    const tierOf = match === null ? () => 0 : this.wordMatches(match).tierOf
    const area = this.repository
      .reachingPeopleIn(criteria, covering)
      .filter((row) => allowed === null || allowed.has(row.id))
    const areaIds = new Set(area.map((row) => row.id))
    const areaRows: NearestRow[] = area.map((row) => ({ id: row.id, miles: 0, tier: tierOf(row.id) }))

    // Words that match only a few services: their places, wherever they are, read once.
    // Otherwise the places within each distance of the point (kept, as the next search near
    // the same place reads the same places), less those the words and filters do not allow.
    const fewPlaces =
      allowed !== null && allowed.size <= FEW_MATCHES
        ? nearestOf(this.repository.atPlacesOf(criteria, [...allowed], covering), point, Infinity, tierOf)
        : null
    const located = (miles: number): NearestRow[] => {
      if (fewPlaces) return fewPlaces.filter((row) => row.miles <= miles)
      const places = this.placesNear(criteria, point, miles)
      const nearest = new Map<number, number>()
      for (let i = 0; i < places.ids.length; i++) {
        const id = places.ids[i] as number
        if (areaIds.has(id) || (allowed !== null && !allowed.has(id))) continue
        const away = places.miles[i] as number
        const best = nearest.get(id)
        if (best === undefined || away < best) nearest.set(id, away)
      }
      return [...nearest].map(([id, away]) => ({ id, miles: away, tier: tierOf(id) }))
    }

    const steps = distance !== null ? [distance] : this.radiusSteps
    let rows: NearestRow[] = []
    let near: NearDecision = { miles: steps[0] as number, chosen: distance !== null, nothingWithin: null }
    for (const [index, miles] of steps.entries()) {
      rows = [...areaRows, ...located(miles)]
      near = {
        miles,
        chosen: distance !== null,
        nothingWithin: index > 0 ? (steps[index - 1] as number) : null,
      }
      if (rows.length > 0) break
    }
    // Beyond the last step there is nothing: "Nothing within 50 miles".
    if (rows.length === 0) near = { ...near, nothingWithin: near.miles }
    return {
      ids: this.inOrder(rows).map((row) => row.id),
      miles: new Map(rows.filter((row) => !areaIds.has(row.id)).map((row) => [row.id, row.miles])),
      areaIds,
      near,
    }
  }

  /**
   * Every published service-at-place within `miles` of the point that passes the filters a
   * place or a service's own columns decide (free, comes to your home, access), with its
   * exact distance. Kept, weighed by its size: searches near the same place with other words
   * read the same places.
   */
  private placesNear(criteria: SearchCriteria, point: Point, miles: number): PlacesNear {
    const key = JSON.stringify([
      criteria.free,
      criteria.home,
      [...criteria.access].sort(),
      point.latitude,
      point.longitude,
      miles,
    ])
    return this.nearPlaces.remember(key, () => {
      const rows = this.repository.atPlacesInBox(criteria, boxAround(point, miles))
      const ids: number[] = []
      const away: number[] = []
      for (const row of rows) {
        const distance = milesBetween(point, row)
        if (distance > miles) continue
        ids.push(row.id)
        away.push(distance)
      }
      return { ids: Int32Array.from(ids), miles: Float64Array.from(away) }
    })
  }

  /**
   * Best match first, then nearest; where both are the same, the most recently checked,
   * then by name (both looked up only for those).
   */
  private inOrder(rows: NearestRow[]): NearestRow[] {
    const byTierAndMiles = (a: NearestRow, b: NearestRow) => a.tier - b.tier || a.miles - b.miles
    rows.sort(byTierAndMiles)
    const tied = new Set<number>()
    for (let i = 1; i < rows.length; i++) {
      const a = rows[i - 1] as NearestRow
      const b = rows[i] as NearestRow
      if (byTierAndMiles(a, b) === 0) {
        tied.add(a.id)
        tied.add(b.id)
      }
    }
    if (tied.size === 0) return rows
    const facts = new Map(this.repository.tieBreakersOf([...tied]).map((row) => [row.id, row]))
    return rows.sort(
      (a, b) =>
        byTierAndMiles(a, b) ||
        (facts.get(b.id)?.lastChecked ?? '').localeCompare(facts.get(a.id)?.lastChecked ?? '') ||
        (facts.get(a.id)?.name ?? '').localeCompare(facts.get(b.id)?.name ?? '', 'en-GB') ||
        a.id - b.id,
    )
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
    return this.remember(key, () => this.workOutSuggestions(first, point, near), 'small')
  }

  private workOutSuggestions(
    first: SearchFilters,
    point: Point | null,
    near: NearDecision | null,
  ): Suggestion[] {
    // Every word, as the search itself first looks: a count that is honest about what the link finds.
    const found = (changed: SearchFilters, at: Point | null = point) =>
      this.order(this.criteria(changed), matchExpression(wordsOf(changed.q), 'AND'), changed, at)
    const suggestions: Suggestion[] = []
    for (const filter of filtersInUse(first).slice(0, FILTER_SUGGESTIONS)) {
      // With a place, a wider distance is offered below instead.
      if (filter.group === 'distance' && point) continue
      const without = found(withoutFilter(first, filter))
      if (without.total > 0)
        suggestions.push({
          kind: 'remove filter',
          filter,
          total: without.total,
          withinMiles: without.near?.miles ?? null,
        })
    }
    if (point && near?.chosen) {
      for (const miles of DISTANCES_MILES.filter((m) => m > near.miles && WIDER_STEPS_MILES.includes(m))) {
        const wider = found({ ...first, distance: miles })
        if (wider.total > 0) {
          suggestions.push({ kind: 'wider distance', miles, total: wider.total })
          break
        }
      }
    }
    const furthest = WIDER_STEPS_MILES.at(-1) as DistanceMiles
    if (point && (near?.miles === furthest || found({ ...first, distance: furthest }).total === 0)) {
      const everywhere = found({ ...first, where: '', lat: null, lng: null, distance: null }, null)
      if (everywhere.total > 0) suggestions.push({ kind: 'without place', total: everywhere.total })
    }
    if (first.q !== '') {
      const all = found({ ...first, q: '' })
      if (all.total > 0)
        suggestions.push({ kind: 'without words', total: all.total, withinMiles: all.near?.miles ?? null })
      if (point) suggestions.push(...this.busiestCategories({ ...first, q: '', categories: [] }, point))
    }
    return suggestions
  }

  /**
   * With a place: the types of activity with most within reach (the other filters kept),
   * most first. One look at what is within reach, then each category's list of ids.
   */
  private busiestCategories(filters: SearchFilters, point: Point): Suggestion[] {
    const pool = this.withinReach(this.criteria(filters), null, point, filters.distance)
    if (pool.ids.length === 0) return []
    return this.categoryOptions()
      .map((term) => {
        const inCategory = new Set(this.inCategories([term.code]))
        return {
          kind: 'category' as const,
          code: term.code,
          name: term.name,
          total: pool.ids.filter((id) => inCategory.has(id)).length,
          withinMiles: pool.near.miles,
        }
      })
      .filter((suggestion) => suggestion.total > 0)
      .sort((a, b) => b.total - a.total)
      .slice(0, CATEGORY_SUGGESTIONS)
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
}

/** Whether any filter but the distance is in use. */
function hasFilterBesidesDistance(filters: SearchFilters): boolean {
  return filtersInUse(filters).some((filter) => filter.group !== 'distance')
}

function record({ id, name, city }: NamedMatchRow): NamedMatch {
  return { id, name, city }
}

/** The words searched for: each as typed (synonyms come only through the categories' own words). */
function wordsOf(q: string): WordWithSynonyms[] {
  return searchWords(q).map((word) => ({ word, synonyms: [] }))
}

/** The words of a match expression, and whether each is also matched as the start of a longer word. */
function matchWords(match: string): { word: string; prefix: boolean }[] {
  return [...match.matchAll(/"([^"]+)"(\*)?/g)].map((found) => ({
    word: found[1] ?? '',
    prefix: found[2] === '*',
  }))
}

/** The ids in both lists, in the first list's order (or the second's when there is no first). */
function narrow(ids: number[] | null, allowed: number[]): number[] {
  if (ids === null) return allowed
  const keep = new Set(allowed)
  return ids.filter((id) => keep.has(id))
}

interface NearestRow {
  id: number
  miles: number
  tier: number
}

/** Service-at-place rows near a point: each one's service id and exact distance, side by side. */
interface PlacesNear {
  ids: Int32Array
  miles: Float64Array
}

/**
 * Each service once, at its nearest place, if that is within `miles`. Exact distances: the
 * box the rows came from is only a prefilter. In no particular order.
 */
function nearestOf(
  rows: ServiceAtPointRow[],
  point: Point,
  miles: number,
  tier: (id: number) => number,
): NearestRow[] {
  const nearest = new Map<number, NearestRow>()
  for (const row of rows) {
    const away = milesBetween(point, row)
    const best = nearest.get(row.id)
    if (!best || away < best.miles) nearest.set(row.id, { id: row.id, miles: away, tier: tier(row.id) })
  }
  return [...nearest.values()].filter((row) => row.miles <= miles)
}
