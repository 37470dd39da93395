import type {
  Box,
  SearchCriteria,
  SearchRepository,
  ServiceAtPointRow,
  ServiceRow,
  TermRow,
} from '../../db/repositories/searchRepository'
import type { SearchFieldError, SearchFilters } from '../validation/searchQuery'
import { AnswerCache, type DataVersionSource } from './answerCache'
import { boxAround, hubCovers, milesBetween, type Point } from './geo'
import { DAYS } from './listingWords'
import type { LocationResult } from './locationService'
import type { HubSkills, PeopleFilter, PersonProfile } from './peopleService'
import type { ServiceSummary } from './serviceSummary'
import { matchExpression, searchWords, skillMatches, synonymKeys, type WordWithSynonyms } from './searchWords'
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
  visibleTo(viewer: Viewer): {
    peopleSharing(filter?: PeopleFilter): { profiles: PersonProfile[]; hubs: HubSkills[] }
  }
}

export const PAGE_SIZE = 20
/** The words shown for a service that comes to the searcher's home, in place of a distance. */
export const COMES_TO_YOUR_HOME = 'Comes to your home'
/** With a place but no distance chosen, people are looked for in hubs this close. */
const PEOPLE_NEARBY_MILES = 10
const PROFILES_SHOWN = 6
/** "People near you" speaks of at most this many hubs, the nearest. */
const PEOPLE_NEARBY_HUBS = 10
const OTHER_MATCHES_SHOWN = 5
/**
 * With a place but no distance chosen, the list is cut at the first of these distances that
 * holds at least ENOUGH_NEARBY results (or not at all, when none does), so that a search
 * in a busy town reads only the places nearby and never the whole country.
 */
const RINGS_MILES = [1, 3, 5, 10, 25, 50, 100, 250]
const ENOUGH_NEARBY = 100
/** Words matching at most this many services are looked up everywhere, by their places. */
const FEW_MATCHES = 3000
const WHOLE_WORLD: Box = { west: -180, south: -90, east: 180, north: 90 }
const NO_CRITERIA: SearchCriteria = { categories: [], day: null, free: false, access: [], home: false }
/** How many worked-out sets of services are kept (until anything is written). */
const MEMORY_SIZE = 48
/**
 * How many small answers are kept besides (a count, a page of 20 ids, the matching
 * organisations and places, the people nearby, the categories): a few kilobytes at most
 * each, so many more of them fit.
 */
const SMALL_MEMORY_SIZE = 1000

export interface PeopleNearby {
  /** the skills the words matched, such as "Tablets and phones" */
  skills: { code: string; name: string }[]
  /** the first few people a visitor may see by name (public profiles), by first name and initial */
  profiles: PersonProfile[]
  /**
   * Every hub in range (the nearest few, by name), each with every matched skill: what may be
   * said about everyone else (PeopleService decides). A hub where a few share a skill reads
   * exactly as one where nobody does (privacy rule 3).
   */
  hubs: HubSkills[]
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
  /** with a place: the list stops at this many miles (the distance chosen, or one picked to give enough) */
  withinMiles: number | null
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
  ids: number[]
  miles: Map<number, number>
  homeIds: Set<number>
  withinMiles: number | null
}

/** The services some words match: all of them, and those matching in their name. */
interface WordMatches {
  ids: Set<number>
  inName: Set<number>
}

/**
 * Finds published services for /search and the map: words (full text, synonyms, prefix),
 * filters, and distance from a place. With a place, nearest first (a service at several
 * places counts once, at its nearest; one that comes to homes in a hub covering the place
 * counts as distance 0, "Comes to your home"); without, best match first, then by name.
 */
export class SearchService {
  constructor(
    private readonly repository: SearchRepository,
    private readonly listings: SummaryMaker,
    private readonly location: LocationFinder,
    private readonly people: PeopleFinder,
    dataVersion: DataVersionSource,
    private readonly pageSize = PAGE_SIZE,
  ) {
    this.memory = new AnswerCache(dataVersion, { maxEntries: MEMORY_SIZE })
    this.smallMemory = new AnswerCache(dataVersion, { maxEntries: SMALL_MEMORY_SIZE })
  }

  /** Things worked out from the listings, kept until anything is written (see `remember`). */
  private readonly memory: AnswerCache<unknown>
  private readonly smallMemory: AnswerCache<unknown>

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
      pastTheEnd: false,
      someWordsOnly: false,
      peopleNearby: null,
      otherMatches: { organisations: [], places: [] },
    }
    if (location && location.kind !== 'found') return outcome
    const point = location?.point ?? null

    const words = this.withSynonyms(searchWords(filters.q))
    const criteria = this.criteria(filters)
    let match = matchExpression(words, 'AND')
    let ordered = this.order(criteria, match, filters, point)
    if (ordered.total === 0 && words.length > 1) {
      match = matchExpression(words, 'OR')
      ordered = this.order(criteria, match, filters, point)
      outcome.someWordsOnly = ordered.total > 0
    }

    const summaries = this.listings.serviceSummaries(ordered.ids, {
      ...(point ? { from: point } : {}),
      distanceMilesById: ordered.miles,
    })
    outcome.results = summaries.map((summary) =>
      ordered.homeIds.has(summary.id)
        ? { ...summary, distance: COMES_TO_YOUR_HOME, comesToHome: false }
        : summary,
    )
    outcome.searched = true
    outcome.withinMiles = ordered.withinMiles
    outcome.total = ordered.total
    outcome.pageCount = Math.ceil(ordered.total / this.pageSize)
    outcome.pastTheEnd = ordered.total > 0 && filters.page > outcome.pageCount
    outcome.peopleNearby = point
      ? this.remember(
          `people ${JSON.stringify([words.map(({ word }) => word), point.latitude, point.longitude, filters.distance])}`,
          () => this.peopleNearby(words, point, filters.distance),
          'small',
        )
      : null
    if (match && filters.page === 1) outcome.otherMatches = this.otherMatches(match)
    return outcome
  }

  /**
   * Every matching published service at each of its published places inside the box: one
   * point per service-at-place, for the map to cluster. Uses the same filters as search
   * (words, category, day, free, access, comes to your home); distance applies only when the
   * filters carry a point (lat and lng) or a Where that is found. Paging is ignored.
   */
  pointsMatching(filters: SearchFilters, bbox: BoundingBox): MapPoint[] {
    const criteria = this.criteria(filters)
    const allowed = this.allowedIds(
      matchExpression(this.withSynonyms(searchWords(filters.q)), 'AND'),
      criteria,
    )
    let box = bbox
    let within: { point: Point; miles: number } | null = null
    if (filters.distance !== null) {
      const location = this.locate(filters)
      if (location?.kind === 'found') {
        within = { point: location.point, miles: filters.distance }
        const near = boxAround(location.point, filters.distance)
        box = {
          west: Math.max(bbox.west, near.west),
          south: Math.max(bbox.south, near.south),
          east: Math.min(bbox.east, near.east),
          north: Math.min(bbox.north, near.north),
        }
        if (box.west > box.east || box.south > box.north) return []
      }
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

  private withSynonyms(words: string[]): WordWithSynonyms[] {
    const keys = words.flatMap(synonymKeys)
    const expansions = new Map<string, string[]>()
    for (const { word, expansion } of this.repository.synonymsOf(keys)) {
      expansions.set(word, [...(expansions.get(word) ?? []), expansion])
    }
    return words.map((word) => ({
      word,
      synonyms: [
        ...new Set(synonymKeys(word).flatMap((key) => [key, ...(expansions.get(key) ?? [])])),
      ].filter((term) => term !== word),
    }))
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

  private wordMatches(match: string): WordMatches {
    return this.remember(`words ${match}`, () => ({
      ids: new Set(this.repository.matchIds(match)),
      inName: new Set(this.repository.matchIds(`name : (${match})`)),
    }))
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
      () => this.repository.rankedPageMatching(match, criteria, this.pageSize, offset),
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
      const nothingElse = { miles: new Map<number, number>(), homeIds: new Set<number>(), withinMiles: null }
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
        const ordered = this.nearestFirst(criteria, match, point, filters.distance, offset)
        const onPage = (id: number) => ordered.ids.includes(id)
        return {
          ...ordered,
          miles: new Map([...ordered.miles].filter(([id]) => onPage(id))),
          homeIds: new Set([...ordered.homeIds].filter(onPage)),
        }
      },
      'small',
    )
  }

  /**
   * Nearest first: services that come to homes in a hub covering the point (distance 0),
   * then services at places, each once at its nearest suitable place. The R*Tree gives the
   * places in a box round the point; exact distances come after. Without a distance chosen,
   * the box grows until it holds enough; words that match only a few services are looked
   * up by those services' places instead, wherever they are.
   */
  private nearestFirst(
    criteria: SearchCriteria,
    match: string | null,
    point: Point,
    distance: number | null,
    offset: number,
  ): Ordered {
    const covering = this.hubsCovering(point)
    const allowed = this.allowedIds(match, criteria)
    const inName = match === null ? null : this.wordMatches(match).inName
    const tier = (id: number) => (inName === null || inName.has(id) ? 0 : 1)
    const home = this.repository
      .comingToHomesIn(criteria, covering)
      .filter((row) => allowed === null || allowed.has(row.id))
      .sort((a, b) => tier(a.id) - tier(b.id) || a.name.localeCompare(b.name, 'en-GB') || a.id - b.id)
    const homeIds = new Set(home.map((row) => row.id))
    const inBox = (miles: number) =>
      this.repository
        .atPlacesInBox(criteria, Number.isFinite(miles) ? boxAround(point, miles) : WHOLE_WORLD)
        .filter((row) => !homeIds.has(row.id) && (allowed === null || allowed.has(row.id)))

    let located: NearestRow[]
    let withinMiles: number | null = null
    if (distance !== null) {
      located = nearestOf(inBox(distance), point, distance, tier)
      withinMiles = distance
    } else if (allowed !== null && allowed.size <= FEW_MATCHES) {
      located = nearestOf(this.repository.atPlacesOf(criteria, [...allowed], covering), point, Infinity, tier)
    } else {
      // Start from the first distance likely to hold enough, judged from how many services
      // are at places in it (a quick count) and how many of all services the filters allow.
      const published = this.remember('published', () => this.repository.count(NO_CRITERIA))
      const share = allowed === null ? 1 : allowed.size / Math.max(1, published)
      const rings = [...RINGS_MILES, Infinity]
      while (
        rings.length > 1 &&
        this.repository.countServicePlacesInBox(boxAround(point, rings[0] as number)) * share < ENOUGH_NEARBY
      ) {
        rings.shift()
      }
      located = []
      for (const miles of rings) {
        located = nearestOf(inBox(miles), point, miles, tier)
        if (located.length + home.length >= ENOUGH_NEARBY) {
          withinMiles = Number.isFinite(miles) ? miles : null
          break
        }
      }
    }
    const all = [...home.map((row) => row.id), ...located.map((row) => row.id)]
    return {
      total: all.length,
      ids: all.slice(offset, offset + this.pageSize),
      miles: new Map(located.map((row) => [row.id, row.miles])),
      homeIds,
      withinMiles,
    }
  }

  /**
   * "People near you who share this skill": when the words name a skill, the public profiles
   * in the hubs covering or near the place, and what PeopleService allows to be said about
   * everyone else there (counts per hub and skill that reach the threshold, or nothing, the
   * same for a few as for none). Null only when no skill matched or no hub is in range, which
   * says nothing about people.
   */
  private peopleNearby(
    words: WordWithSynonyms[],
    point: Point,
    distance: number | null,
  ): PeopleNearby | null {
    if (words.length === 0) return null
    const searched = words.map(({ word }) => word)
    const skills = this.repository
      .skillTerms()
      .filter((skill) => skillMatches({ name: skill.name, synonyms: skill.synonyms.split('|') }, searched))
      .map(({ code, name }) => ({ code, name }))
    if (skills.length === 0) return null

    const range = distance ?? PEOPLE_NEARBY_MILES
    const hubIds = this.hubAreas()
      .map((hub) => ({ hub, miles: milesBetween(hub, point) }))
      .filter(({ hub, miles }) => hubCovers(hub, point) || miles <= range)
      .sort((a, b) => a.miles - b.miles)
      .slice(0, PEOPLE_NEARBY_HUBS)
      .map(({ hub }) => hub.id)
    if (hubIds.length === 0) return null

    // Search answers are kept and shared between everyone who searches, so they are only ever
    // what a visitor may see.
    const { profiles, hubs } = this.people
      .visibleTo(VISITOR)
      .peopleSharing({ hubIds, skillCodes: skills.map((skill) => skill.code) })
    return { skills, profiles: profiles.slice(0, PROFILES_SHOWN), hubs }
  }

  /** Kept with the word matches: the first page of every search with words asks for them. */
  private otherMatches(match: string): SearchOutcome['otherMatches'] {
    const record = ({ id, name, city }: NamedMatch): NamedMatch => ({ id, name, city })
    return this.remember(
      `others ${match}`,
      () => ({
        organisations: this.repository.organisationsMatching(match, OTHER_MATCHES_SHOWN).map(record),
        places: this.repository.placesMatching(match, OTHER_MATCHES_SHOWN).map(record),
      }),
      'small',
    )
  }
}

/** The ids in both lists, in the first list's order (or the second's when there is no first). */
function narrow(ids: number[] | null, allowed: number[]): number[] {
  if (ids === null) return allowed
  const keep = new Set(allowed)
  return ids.filter((id) => keep.has(id))
}

type NearestRow = ServiceRow & { miles: number; tier: number }

/**
 * Each service once, at its nearest place, if that is within `miles`; nearest first, then
 * the better match (`tier`: words in the name first), then name. Exact distances: the box
 * the rows came from is only a prefilter.
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
    if (!best || away < best.miles)
      nearest.set(row.id, { id: row.id, name: row.name, miles: away, tier: tier(row.id) })
  }
  return [...nearest.values()]
    .filter((row) => row.miles <= miles)
    .sort(
      (a, b) => a.miles - b.miles || a.tier - b.tier || a.name.localeCompare(b.name, 'en-GB') || a.id - b.id,
    )
}
