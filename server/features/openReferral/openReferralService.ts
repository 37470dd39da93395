import type {
  NearCircle,
  OpenAccessRow,
  OpenDataFilter,
  OpenPlaceRow,
  OpenReferralRepository,
  OpenScheduleRow,
  OpenServiceRow,
  OpenTermRow,
} from '../../../db/repositories/openReferralRepository'
import { AnswerCache, type DataVersionSource } from '../../services/answerCache'
import type { Clock } from '../../services/clock'
import { DAYS } from '../../services/listingWords'
import type { LocationResult } from '../../services/locationService'
import { CATEGORIES_TAXONOMY_ID } from './openReferralIds'
import {
  PER_PAGE_DEFAULT,
  PROXIMITY_DEFAULT,
  type ServicesAtLocationsQuery,
  type ServicesQuery,
} from './schemas'

/**
 * How far any list can be counted and paged: total_items is exact up to this many, and pages
 * reach this far (100 pages of 100). Past it, total_items says 10,000 and later pages are
 * empty, as /search counts to 1,000 and pages no further (searchService COUNT_LIMIT): a count
 * that stops at a cap reads at most that many index entries, where an exact count of a
 * million services would read them all on every change. Lists come oldest change first, so a
 * reader wanting more carries on with modified_after set to the last one's last_modified.
 * A search is capped lower, at the 1,000 matches search itself ranks.
 */
export const LIST_LIMIT = 10_000

/** Answers kept until anything is written: pages of ids and counts, a few numbers each. */
const KEPT_ANSWERS = 2000

/** A service with everything served about it. */
export interface ServiceRecord {
  service: OpenServiceRow
  schedules: OpenScheduleRow[]
  places: PlaceRecord[]
  categories: OpenTermRow[]
}

export interface PlaceRecord {
  place: OpenPlaceRow
  access: OpenAccessRow[]
}

/** A service at one of its places: the link, its place, and its service. */
export interface ServiceAtPlaceRecord {
  place: PlaceRecord
  service: ServiceRecord
}

/** One page of a list, and how many the list holds (up to its cap). */
export interface PageOf<T> {
  items: T[]
  total: number
  page: number
  perPage: number
}

/** A list's answer, or why the query cannot be answered (a 400, in plain words). */
export type ListAnswer<T> = { kind: 'page'; page: PageOf<T> } | { kind: 'problem'; message: string }

/** What the service needs from search and places: buildServices passes the real ones. */
export interface OpenDataSearch {
  servicesMatching(q: string): number[] | null | 'too-big'
}
export interface OpenDataPlaces {
  resolve(input: string): LocationResult
}

/** The version of what the API serves, for ETag and Last-Modified. */
export interface OpenDataVersion {
  etag: string
  lastModified: Date
}

/**
 * The open data API's reads (issue 14): published services, services at places and the list
 * of categories, found with the profile's filters. It returns records, never HSDS objects or
 * addresses (presenters.ts makes those). People are never read: the repository selects
 * nothing about them.
 */
export class OpenReferralService {
  private readonly answers: AnswerCache<unknown>
  /** the data version last seen, and the time given for it (see version()) */
  private seen: { version: number; at: number } | null = null

  constructor(
    private readonly repository: OpenReferralRepository,
    private readonly search: OpenDataSearch,
    private readonly places: OpenDataPlaces,
    private readonly dataVersion: DataVersionSource,
    private readonly clock: Clock,
  ) {
    this.answers = new AnswerCache(dataVersion, { maxEntries: KEPT_ANSWERS })
  }

  /**
   * The ETag and Last-Modified of every answer: both move with the data version
   * (migrations/0005), which every write to a public listing moves. Last-Modified is when this
   * process first saw the version, rounded up to the next second and always later than the
   * last one given, so "If-Modified-Since" never hides a change (after a restart it is the
   * restart: later than the truth, never earlier).
   */
  version(): OpenDataVersion {
    const version = this.dataVersion()
    if (this.seen?.version !== version) {
      const now = Math.ceil(this.clock.now().getTime() / 1000) * 1000
      this.seen = { version, at: Math.max(now, (this.seen?.at ?? 0) + 1000) }
    }
    return { etag: `W/"oruk-${version}"`, lastModified: new Date(this.seen.at) }
  }

  /** GET /services */
  services(query: ServicesQuery): ListAnswer<ServiceRecord> {
    const page = query.page ?? 1
    const perPage = query.per_page ?? PER_PAGE_DEFAULT
    const filter = this.filterFor(query)
    if (filter.kind !== 'filter') return filter.kind === 'none' ? emptyPage(page, perPage) : filter
    const found = this.remember(['services', filter.filter, page, perPage], () =>
      this.repository.servicePage(filter.filter, perPage, (page - 1) * perPage, capOf(filter.filter)),
    )
    return {
      kind: 'page',
      page: { items: this.serviceRecords(found.ids, 'list'), total: found.total, page, perPage },
    }
  }

  /** GET /services/{id} */
  service(uuid: string): ServiceRecord | null {
    const id = this.repository.serviceIdFor(uuid)
    return id === undefined ? null : (this.serviceRecords([id])[0] ?? null)
  }

  /** GET /service_at_locations, nearest first when a postcode is given */
  servicesAtPlaces(query: ServicesAtLocationsQuery): ListAnswer<ServiceAtPlaceRecord> {
    const page = query.page ?? 1
    const perPage = query.per_page ?? PER_PAGE_DEFAULT
    if (query.proximity !== undefined && query.postcode === undefined)
      return { kind: 'problem', message: 'proximity needs a postcode to measure from' }
    const filter = this.filterFor(query)
    let circle: NearCircle | null = null
    if (query.postcode !== undefined) {
      const found = this.places.resolve(query.postcode)
      if (found.kind !== 'found' || found.precision === 'place' || found.precision === 'point') {
        return {
          kind: 'problem',
          message:
            found.kind === 'not-found' || found.kind === 'not-imported'
              ? `We do not know where the postcode ${query.postcode} is`
              : 'postcode must be a UK postcode, or the first part of one, such as CT9 1AB, CT9 1 or CT9',
        }
      }
      circle = { ...found.point, metres: query.proximity ?? PROXIMITY_DEFAULT }
    }
    if (filter.kind !== 'filter') return filter.kind === 'none' ? emptyPage(page, perPage) : filter
    const offset = (page - 1) * perPage
    const cap = capOf(filter.filter)
    const found = this.remember(['at places', filter.filter, circle, page, perPage], () =>
      circle === null
        ? this.repository.serviceAtPlacePage(filter.filter, perPage, offset, cap)
        : this.nearPage(filter.filter, circle, perPage, offset, cap),
    )
    return {
      kind: 'page',
      page: { items: this.serviceAtPlaceRecords(found.ids), total: found.total, page, perPage },
    }
  }

  /** GET /service_at_locations/{id} */
  serviceAtPlace(uuid: string): ServiceAtPlaceRecord | null {
    const id = this.repository.serviceAtPlaceIdFor(uuid)
    return id === undefined ? null : (this.serviceAtPlaceRecords([id], 'full')[0] ?? null)
  }

  /** GET /taxonomy_terms: the categories (never the list of skills people share). */
  categories(page: number, perPage: number): PageOf<OpenTermRow> {
    const found = this.repository.categoryPage(perPage, (page - 1) * perPage)
    return { items: found.terms, total: found.total, page, perPage }
  }

  /** GET /taxonomy_terms/{id} */
  category(uuid: string): OpenTermRow | null {
    return this.repository.categoryFor(uuid) ?? null
  }

  /** Whether the id is of the one taxonomy we publish: our list of categories. */
  isOurTaxonomy(uuid: string): boolean {
    return uuid === CATEGORIES_TAXONOMY_ID
  }

  /** Every category, for the taxonomy in full (the list is short: at most 500 are served). */
  allCategories(): OpenTermRow[] {
    return this.repository.categoryPage(500, 0).terms
  }

  /**
   * The filter the query asks for; 'none' when it can match nothing (an age, a taxonomy or
   * term we do not have: an empty page, not an error); a problem when a search needs more
   * work than one may do.
   */
  private filterFor(
    query: ServicesQuery,
  ): { kind: 'filter'; filter: OpenDataFilter } | { kind: 'none' } | { kind: 'problem'; message: string } {
    // We record no age limits: no service has a minimum or maximum age that could be at
    // least, or at most, the age asked for.
    if (query.minimum_age !== undefined || query.maximum_age !== undefined) return { kind: 'none' }
    if (query.taxonomy_id !== undefined && query.taxonomy_id !== CATEGORIES_TAXONOMY_ID)
      return { kind: 'none' }
    let termId: number | null = null
    if (query.taxonomy_term_id !== undefined) {
      const term = this.repository.categoryFor(query.taxonomy_term_id)
      if (!term) return { kind: 'none' }
      termId = term.id
    }
    let searchIds: number[] | null = null
    if (query.search !== undefined) {
      const found = this.search.servicesMatching(query.search)
      if (found === 'too-big')
        return { kind: 'problem', message: 'That search needs too much work to answer. Try fewer words' }
      searchIds = found
    }
    const day = query.day ? DAYS.findIndex((d) => d.code === query.day) : -1
    return {
      kind: 'filter',
      filter: {
        searchIds,
        termId,
        anyCategory: query.taxonomy_id !== undefined,
        dayBit: day >= 0 ? 1 << day : 0,
        dayCode: query.day ?? null,
        startTime: query.start_time ?? null,
        endTime: query.end_time ?? null,
        modifiedAfter: query.modified_after ?? null,
      },
    }
  }

  /**
   * Nearest first without sorting every service in the circle: the page is taken from the
   * smallest of a few circles (an eighth, a quarter, half and all of the distance) that holds
   * everything up to the page's end, each counted no further than that.
   */
  private nearPage(
    filter: OpenDataFilter,
    circle: NearCircle,
    limit: number,
    offset: number,
    cap: number,
  ): { ids: number[]; total: number } {
    const total = this.repository.countNear(filter, circle, cap)
    if (offset >= total) return { ids: [], total }
    const end = Math.min(offset + limit, total)
    let within = circle
    for (const part of [8, 4, 2]) {
      const smaller = { ...circle, metres: circle.metres / part }
      if (this.repository.countNear(filter, smaller, end) >= end) {
        within = smaller
        break
      }
    }
    return { ids: this.repository.pageNear(filter, within, end - offset, offset), total }
  }

  /**
   * Services with their parts; for a list ('list'), only what a list item holds (the service
   * and who runs it), as the profile's lists carry "only one-to-one fields".
   */
  private serviceRecords(ids: number[], detail: 'list' | 'full' = 'full'): ServiceRecord[] {
    if (ids.length === 0) return []
    const services = this.repository.servicesByIds(ids)
    if (detail === 'list')
      return services.map((service) => ({ service, schedules: [], categories: [], places: [] }))
    const schedules = groupBy(this.repository.schedulesOf(ids), (row) => row.serviceId)
    const categories = groupBy(this.repository.categoriesOf(ids), (row) => row.serviceId)
    const placeRows = this.repository.placesOf(ids)
    const access = groupBy(this.repository.accessOf(distinctIds(placeRows)), (row) => row.placeId)
    const places = groupBy(placeRows, (row) => row.serviceId)
    return services.map((service) => ({
      service,
      schedules: schedules.get(service.id) ?? [],
      categories: categories.get(service.id) ?? [],
      places: (places.get(service.id) ?? []).map((place) => ({ place, access: access.get(place.id) ?? [] })),
    }))
  }

  private serviceAtPlaceRecords(ids: number[], detail: 'list' | 'full' = 'list'): ServiceAtPlaceRecord[] {
    if (ids.length === 0) return []
    const links = this.repository.placesByLink(ids)
    const services = new Map(
      this.serviceRecords([...new Set(links.map((link) => link.serviceId))], detail).map((record) => [
        record.service.id,
        record,
      ]),
    )
    const access =
      detail === 'full' ? groupBy(this.repository.accessOf(distinctIds(links)), (r) => r.placeId) : null
    return links.flatMap((link) => {
      const service = services.get(link.serviceId)
      return service ? [{ place: { place: link, access: access?.get(link.id) ?? [] }, service }] : []
    })
  }

  private remember<T>(key: unknown[], work: () => T): T {
    return this.answers.remember(JSON.stringify(key), work) as T
  }
}

/** A search's list is capped at what search ranks (1,000); other lists at LIST_LIMIT. */
function capOf(filter: OpenDataFilter): number {
  return filter.searchIds === null ? LIST_LIMIT : Math.min(LIST_LIMIT, filter.searchIds.length)
}

function emptyPage<T>(page: number, perPage: number): ListAnswer<T> {
  return { kind: 'page', page: { items: [], total: 0, page, perPage } }
}

function groupBy<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>()
  for (const row of rows) {
    const group = groups.get(key(row))
    if (group) group.push(row)
    else groups.set(key(row), [row])
  }
  return groups
}

function distinctIds(rows: { id: number }[]): number[] {
  return [...new Set(rows.map((row) => row.id))]
}
