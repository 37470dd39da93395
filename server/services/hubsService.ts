import type {
  HubOrganisationRow,
  HubPlaceRow,
  HubRow,
  HubsRepository,
  HubWithCountsRow,
  PrintScheduleRow,
} from '../../db/repositories/hubsRepository'
import { NO_FILTERS, type SearchFilters } from '../validation/searchQuery'
import { AnswerCache, type DataVersionSource } from './answerCache'
import { DAYS, scheduleInWords, timeInWords } from './listingWords'
import type { LocationResult, LocationService } from './locationService'
import { milesBetween, type Point } from './milesBetween'
import type { HubPeople, PeopleService } from './peopleService'
import type { SearchService } from './searchService'
import type { ServiceSummary } from './serviceSummary'
import type { Viewer } from './viewer'

export interface HubMeeting {
  /** when it meets, in the hub's own words: "Third Tuesday of the month, 10:30am to 12 noon" */
  times: string
  /** more about where, in the hub's own words, such as "Upstairs. There is a lift." */
  description: string
  place: { id: number; name: string; addressLines: string[] } | null
}

/** How a resident reaches the hub: its own phone number and email address. */
export interface HubContact {
  phone: string | null
  email: string | null
}

export interface HubListItem {
  id: number
  name: string
  slug: string
  description: string
  contact: HubContact
  meets: HubMeeting | null
  groups: number
  places: number
  organisations: number
  people: HubPeople
  /** how far the hub's centre is from the place searched near, in miles; null without a place */
  miles: number | null
}

/** One page of hubs: by name, or nearest first to a place. */
export interface HubsList {
  hubs: HubListItem[]
  /** how many hubs there are in all */
  total: number
  page: number
  pageCount: number
}

export interface HubPlace {
  id: number
  name: string
  addressLines: string[]
  /** "Step-free access", or "Step-free access: ramp at the side door" */
  access: string[]
}

export interface HubOrganisation {
  id: number
  name: string
  description: string
}

/**
 * Where a search "near the hub" starts: the hub's nearest town as typed in Where, so its
 * searches read "near Margate", or else the hub's centre point.
 */
export type HubSearchPlace = { where: string } | { lat: number; lng: number }

export interface HubPage {
  id: number
  slug: string
  name: string
  description: string
  contact: HubContact
  meets: HubMeeting | null
  /** how many published groups and activities the hub has */
  groupCount: number
  /** the first HUB_PAGE_GROUPS of them, by name, for ListingsService.serviceSummaries */
  serviceIds: number[]
  /** the kinds of group in the hub, each with its count */
  groupTypes: HubGroupType[]
  /** where to search for the hub's groups, nearest first */
  searchNear: HubSearchPlace
  /** the first HUB_PAGE_PLACES places, by name, of placeCount */
  places: HubPlace[]
  placeCount: number
  /** the published organisations that help run the hub (its partners), by name, at most HUB_PAGE_PARTNERS */
  partners: { id: number; name: string }[]
  /** the first HUB_PAGE_ORGANISATIONS organisations, by name, of organisationCount */
  organisations: HubOrganisation[]
  organisationCount: number
}

/** One kind of group in a hub: "Walking groups (12)". */
export interface HubGroupType {
  code: string
  name: string
  count: number
}

/**
 * A search round the hub that the hub page links to, with how many results it has: what
 * SearchService.search gives for exactly these filters, so the number beside a link is always
 * what the link opens.
 */
export interface HubSearch {
  /** the filters the link carries */
  filters: SearchFilters
  /**
   * how many results the search finds, up to COUNT_LIMIT; null when counting would read too
   * many places (a crowded city): the link is then shown without a number
   */
  count: number | null
  /** true when it finds more than that: "more than 1,000" */
  more: boolean
  /** the distance it stops at, when it names one ("within 10 miles") */
  withinMiles: number | null
}

/** The hub page's searches: every group near the hub, and each kind of group the hub has. */
export interface HubSearches {
  everything: HubSearch
  /** each kind of group in the hub, in the list's usual order, left out when its search finds none */
  byType: (HubSearch & { code: string; name: string })[]
}

/** What the hub page needs of search: its place, its counts within the radius, and its total for some filters. */
export type SearchCounter = Pick<SearchService, 'locate' | 'countsWithinRadius' | 'search'>

/** One group meeting on the large-print sheet: what, when, where and whom to ring. */
export interface PrintSheetEntry {
  serviceId: number
  name: string
  /** under a day: "10am to 12 noon", or "First Tuesday of the month, 2pm to 4pm"; '' under "Other times" */
  time: string
  /** the place it meets, or null when it has none (it comes to your home, or ask) */
  place: { name: string; addressLines: string[] } | null
  /** how it reaches people without a place: "Comes to your home", "By phone", "Online" */
  ways: string[]
  /** the phone to ring about it: its own, or its organisation's */
  phone: string | null
  cost: string
  organisationName: string
}

/** The large-print sheet's groups: by day of the week, then those with no regular day. */
export interface PrintSheet {
  /** Monday to Sunday, only the days something meets, each by time */
  days: { day: string; entries: PrintSheetEntry[] }[]
  /** groups with no regular day, by name */
  otherTimes: PrintSheetEntry[]
}

/** One page of a hub's places or organisations, by name. */
export interface HubListPage<T> {
  hub: { slug: string; name: string }
  items: T[]
  total: number
  page: number
  pageCount: number
}

/** How many places or organisations a hub's own lists of them show on each page. */
export const HUB_LIST_PAGE_SIZE = 20
/** How many hubs /hubs shows on each of its pages. */
export const HUBS_PAGE_SIZE = 20
/** How many groups, places and organisations the hub page lists; the rest are counted. */
export const HUB_PAGE_GROUPS = 20
export const HUB_PAGE_PLACES = 10
export const HUB_PAGE_ORGANISATIONS = 20
/** And how many of its partner organisations (a hub has a few; the list is bounded all the same). */
export const HUB_PAGE_PARTNERS = 20
/** And how many of the people happy to be named it shows (all are on /people?hub=...). */
export const HUB_PAGE_PROFILES = 10
/** The large-print sheet lists at most this many groups, and says how many more there are. */
export const PRINT_SHEET_GROUPS = 100
/**
 * The hub page counts its searches from at most about this many places within reach: in a
 * crowded city, a kind of group that is not past search's limit by then is linked without a
 * number, so that a first visit never reads a whole city. About 22 microseconds a place on
 * this machine at 1,000,000 services: 5,000 keeps a first visit near a tenth of a second.
 */
const HUB_COUNTS_READ_AT_MOST = 5000
/** How many pages of /hubs are kept (by name, or near a place). */
const KEPT_HUBS_PAGES = 500
/** How many hubs' nearest towns (and their searches) are kept: more than the benchmark's 1,000 hubs. */
const WHERE_NEAR_HUBS = 2000
/**
 * The hub page only needs each search's count, so it asks for a page past any there can be:
 * search then works out the total without making a page of summaries.
 */
const ONLY_THE_COUNT = 1_000_000

/** Hubs: the list, one hub's page and its large-print sheet. */
export class HubsService {
  /** Each hub's nearest town as typed in Where, so its search links read "near Margate". */
  private readonly whereNearHub: AnswerCache<string | null>
  /** Each hub page's searches and their counts, until anything is written. */
  private readonly searchesOfHub: AnswerCache<HubSearches>
  /** Pages of /hubs with their counts (the costly part), until anything is written; weighed by hubs. */
  private readonly hubsPages: AnswerCache<HubWithCountsRow[]>

  constructor(
    private readonly hubs: HubsRepository,
    private readonly people: PeopleService,
    private readonly location: Pick<LocationService, 'placeNear' | 'resolve'>,
    dataVersion: DataVersionSource,
    private readonly search: SearchCounter,
  ) {
    this.whereNearHub = new AnswerCache(dataVersion, { maxEntries: WHERE_NEAR_HUBS })
    this.searchesOfHub = new AnswerCache(dataVersion, { maxEntries: WHERE_NEAR_HUBS })
    this.hubsPages = new AnswerCache(dataVersion, {
      maxEntries: KEPT_HUBS_PAGES,
      maxWeight: KEPT_HUBS_PAGES * HUBS_PAGE_SIZE,
      weigh: (rows) => rows.length + 1,
    })
  }

  /**
   * One page of hubs (HUBS_PAGE_SIZE to a page) with what each has: by name, or with `near`
   * the nearest first. People are counted as PeopleService allows the viewer, for this page's
   * hubs only. A page past the end has no hubs.
   */
  listHubs(viewer: Viewer, options: { page: number; near?: Point | null }): HubsList {
    const total = this.hubs.count()
    const pageCount = Math.ceil(total / HUBS_PAGE_SIZE)
    const near = options.near ?? null
    const listPage = { limit: HUBS_PAGE_SIZE, offset: (options.page - 1) * HUBS_PAGE_SIZE }
    // Hubs are public, so a page of them (with its counts) is the same for every viewer.
    const rows =
      options.page > pageCount
        ? []
        : this.hubsPages.remember(JSON.stringify([options.page, near?.latitude, near?.longitude]), () =>
            near ? this.hubs.nearestWithCounts(near, listPage) : this.hubs.pageWithCounts(listPage),
          )
    const people =
      rows.length > 0 ? this.people.visibleTo(viewer).peopleByHub(rows.map((hub) => hub.id)) : null
    return {
      total,
      page: options.page,
      pageCount,
      hubs: rows.map((hub) => ({
        id: hub.id,
        name: hub.name,
        slug: hub.slug,
        description: hub.description,
        contact: contactOf(hub),
        meets: meetingOf(hub),
        groups: hub.services,
        places: hub.places,
        organisations: hub.organisations,
        people: people?.get(hub.id) ?? { named: 0, othersToo: false },
        miles: near ? milesBetween(near, hub) : null,
      })),
    }
  }

  /**
   * The place typed in /hubs' Where box, as search finds it: a town or village (spelt nearly
   * right, or "Which Newport?"), a postcode, a district or a sector.
   */
  findPlace(where: string): LocationResult {
    return this.location.resolve(where)
  }

  /** One hub's page, or undefined when no hub has that slug. */
  hubPage(slug: string): HubPage | undefined {
    const hub = this.hubs.findBySlug(slug)
    if (!hub) return undefined
    const where = this.whereNear(hub)
    return {
      id: hub.id,
      slug: hub.slug,
      name: hub.name,
      description: hub.description,
      contact: contactOf(hub),
      meets: meetingOf(hub),
      groupCount: this.hubs.countPublishedServices(hub.id),
      serviceIds: this.hubs.publishedServiceIds(hub.id, HUB_PAGE_GROUPS),
      groupTypes: this.hubs.categoryCounts(hub.id).map(({ code, name, count }) => ({ code, name, count })),
      searchNear: where !== null ? { where } : { lat: hub.latitude, lng: hub.longitude },
      placeCount: this.hubs.countPublishedPlaces(hub.id),
      places: this.hubs.publishedPlaces(hub.id, HUB_PAGE_PLACES).map(toHubPlace),
      organisationCount: this.hubs.countPublishedOrganisations(hub.id),
      organisations: this.hubs.publishedOrganisations(hub.id, HUB_PAGE_ORGANISATIONS).map(toHubOrganisation),
      partners: this.hubs.publishedPartners(hub.id, HUB_PAGE_PARTNERS),
    }
  }

  /** One page of a hub's published places, by name; undefined when no hub has that slug. */
  hubPlaces(slug: string, page: number): HubListPage<HubPlace> | undefined {
    const hub = this.hubs.findBySlug(slug)
    if (!hub) return undefined
    return listPage(hub, this.hubs.countPublishedPlaces(hub.id), page, (offset) =>
      this.hubs.publishedPlaces(hub.id, HUB_LIST_PAGE_SIZE, offset).map(toHubPlace),
    )
  }

  /** One page of the published organisations that work in a hub, by name; undefined when no hub has that slug. */
  hubOrganisations(slug: string, page: number): HubListPage<HubOrganisation> | undefined {
    const hub = this.hubs.findBySlug(slug)
    if (!hub) return undefined
    return listPage(hub, this.hubs.countPublishedOrganisations(hub.id), page, (offset) =>
      this.hubs.publishedOrganisations(hub.id, HUB_LIST_PAGE_SIZE, offset).map(toHubOrganisation),
    )
  }

  /**
   * The searches the hub page links to, each with the count search itself gives: every group
   * near the hub, and each kind of group the hub has (a kind with nothing within the radius is
   * left out). Counted in one pass over what is within the radius (SearchService.
   * countsWithinRadius), and kept until anything is written. Only when nothing at all is
   * within the radius does "everything" ask search, which then looks further.
   */
  searchesNear(page: HubPage): HubSearches {
    return this.searchesOfHub.remember(String(page.id), () => {
      const near: Partial<SearchFilters> =
        'where' in page.searchNear
          ? { where: page.searchNear.where }
          : { lat: page.searchNear.lat, lng: page.searchNear.lng }
      // Everything not set here is as a link with no such parameter reads.
      const filtersFor = (categories: string[]): SearchFilters => ({ ...NO_FILTERS, ...near, categories })
      const everything = filtersFor([])
      const location = this.search.locate(everything)
      const counts =
        location?.kind === 'found'
          ? this.search.countsWithinRadius(
              location.point,
              page.groupTypes.map((type) => type.code),
              HUB_COUNTS_READ_AT_MOST,
            )
          : null
      if (!counts || counts.total?.count === 0) {
        const outcome = this.search.search({ ...everything, page: ONLY_THE_COUNT }, location)
        return {
          everything: {
            filters: everything,
            count: outcome.total,
            more: outcome.moreThanTotal,
            withinMiles: outcome.withinMiles,
          },
          byType: [],
        }
      }
      const counted = (found: { count: number; more: boolean } | null) =>
        found ?? { count: null, more: false }
      return {
        everything: { filters: everything, ...counted(counts.total), withinMiles: counts.miles },
        // A kind not counted (too many places to read) is still linked, without a number.
        byType: page.groupTypes.flatMap(({ code, name }) => {
          const found = counts.categories.get(code) ?? null
          return found === null || found.count > 0
            ? [{ code, name, filters: filtersFor([code]), ...counted(found), withinMiles: counts.miles }]
            : []
        }),
      }
    })
  }

  /** Ids of the groups for the hub's large-print sheet: the first PRINT_SHEET_GROUPS, by name. */
  printSheetServiceIds(hubId: number): number[] {
    return this.hubs.publishedServiceIds(hubId, PRINT_SHEET_GROUPS)
  }

  private whereNear(hub: HubRow): string | null {
    return this.whereNearHub.remember(String(hub.id), () => {
      const place = this.location.placeNear({ latitude: hub.latitude, longitude: hub.longitude })
      return place ? place.where : null
    })
  }

  /**
   * The large-print sheet's groups (summaries from ListingsService, in any order) by day of
   * the week: each regular time under its day, with the place it meets (the one its time is
   * tied to, or else its first place, the hub's own first) and the phone to ring. Groups with
   * no regular day go under "Other times".
   */
  printSheet(hubId: number, summaries: ServiceSummary[]): PrintSheet {
    const ids = summaries.map((summary) => summary.id)
    const phones = new Map(this.hubs.servicePhones(ids).map((row) => [row.id, row.phone]))
    const firstPlaces = new Map(this.hubs.firstPlacesOf(ids, hubId).map((row) => [row.serviceId, row]))
    const schedules = new Map<number, PrintScheduleRow[]>()
    for (const row of this.hubs.schedulesOf(ids)) {
      schedules.set(row.serviceId, [...(schedules.get(row.serviceId) ?? []), row])
    }
    const entry = (summary: ServiceSummary, schedule: PrintScheduleRow | null): PrintSheetEntry => {
      // A time tied to one place is shown there (or nowhere, when that place is not published).
      const place = schedule?.tiedToPlace ? schedule : (firstPlaces.get(summary.id) ?? null)
      return {
        serviceId: summary.id,
        name: summary.name,
        time: schedule ? timeOnItsDay(schedule) : '',
        place:
          place && place.placeName
            ? { name: place.placeName, addressLines: linesNotInName(place.placeName, placeAddress(place)) }
            : null,
        ways: summary.ways,
        phone: phones.get(summary.id) ?? null,
        cost: summary.cost,
        organisationName: summary.organisationName,
      }
    }
    const byName = [...summaries].sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || a.id - b.id)
    const days = DAYS.map(({ code, name }) => ({
      day: name,
      entries: byName
        .flatMap((summary) =>
          (schedules.get(summary.id) ?? [])
            .filter((schedule) => schedule.byday === code)
            .map((schedule) => ({ schedule, entry: entry(summary, schedule) })),
        )
        .sort((a, b) => (a.schedule.opensAt ?? '99:99').localeCompare(b.schedule.opensAt ?? '99:99'))
        .map(({ entry }) => entry),
    })).filter((day) => day.entries.length > 0)
    return {
      days,
      otherTimes: byName
        .filter((summary) => !schedules.has(summary.id))
        .map((summary) => entry(summary, null)),
    }
  }
}

/** One page of a hub's list; a page past the end has nothing on it. */
function listPage<T>(
  hub: HubRow,
  total: number,
  page: number,
  itemsFrom: (offset: number) => T[],
): HubListPage<T> {
  const pageCount = Math.ceil(total / HUB_LIST_PAGE_SIZE)
  return {
    hub: { slug: hub.slug, name: hub.name },
    items: page <= pageCount ? itemsFrom((page - 1) * HUB_LIST_PAGE_SIZE) : [],
    total,
    page,
    pageCount,
  }
}

function toHubPlace(place: HubPlaceRow): HubPlace {
  return {
    id: place.id,
    name: place.name,
    addressLines: addressLines(place),
    access: place.access.map(({ label, details }) =>
      details?.trim() ? `${label}: ${details.trim()}` : label,
    ),
  }
}

function toHubOrganisation(organisation: HubOrganisationRow): HubOrganisation {
  return { id: organisation.id, name: organisation.name, description: organisation.description }
}

function contactOf(hub: HubRow): HubContact {
  return { phone: hub.phone?.trim() || null, email: hub.email?.trim() || null }
}

/**
 * When a group meets, under its day's heading: the times alone for every week ("10am to 12
 * noon"), or the whole pattern otherwise ("First Tuesday of the month, 2pm to 4pm").
 */
function timeOnItsDay(schedule: PrintScheduleRow): string {
  if (schedule.freq !== 'WEEKLY' || schedule.interval !== 1) return scheduleInWords(schedule, 'plural')
  const times =
    schedule.opensAt && schedule.closesAt
      ? `${timeInWords(schedule.opensAt)} to ${timeInWords(schedule.closesAt)}`
      : schedule.opensAt
        ? `From ${timeInWords(schedule.opensAt)}`
        : 'Ask for times'
  return schedule.description ? `${times} (${schedule.description})` : times
}

/**
 * A place's address without the lines its name already says, so the sheet reads "Market Hall
 * Rooms, Crewe, 5 Earle Walk, CW1 2BH" rather than naming Crewe twice.
 */
function linesNotInName(name: string, address: Parameters<typeof addressLines>[0]): string[] {
  const said = new Set(name.split(',').map((part) => part.trim().toLowerCase()))
  return addressLines(address).filter((line) => !said.has(line.toLowerCase()))
}

function placeAddress(place: {
  placeAddress1: string | null
  placeAddress2: string | null
  placeCity: string | null
  placePostalCode: string | null
}) {
  return {
    address1: place.placeAddress1,
    address2: place.placeAddress2,
    city: place.placeCity,
    postalCode: place.placePostalCode,
  }
}

function meetingOf(hub: HubRow): HubMeeting | null {
  const times = hub.meetingTimes.trim()
  const description = hub.meetingPlaceDescription.trim()
  const place =
    hub.meetingPlaceId !== null && hub.meetingPlaceName
      ? {
          id: hub.meetingPlaceId,
          name: hub.meetingPlaceName,
          addressLines: linesNotInName(hub.meetingPlaceName, {
            address1: hub.meetingPlaceAddress1,
            address2: hub.meetingPlaceAddress2,
            city: hub.meetingPlaceCity,
            postalCode: hub.meetingPlacePostalCode,
          }),
        }
      : null
  return times || description || place ? { times, description, place } : null
}

function addressLines(address: {
  address1: string | null
  address2: string | null
  city: string | null
  postalCode: string | null
}): string[] {
  return [address.address1, address.address2, address.city, address.postalCode]
    .map((line) => line?.trim() ?? '')
    .filter((line) => line !== '')
}
