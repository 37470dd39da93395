import type { HubSummariesRepository } from '../../db/repositories/hubSummariesRepository'
import type { OrganisationRow, OrganisationsRepository } from '../../db/repositories/organisationsRepository'
import type { PlaceRow, PlacesRepository } from '../../db/repositories/placesRepository'
import type {
  AccessFeatureRow,
  ScheduleRow,
  ServicePlaceRow,
  ServiceRow,
  ServiceSummaryRow,
  ServicesRepository,
} from '../../db/repositories/servicesRepository'
import { AnswerCache, type DataVersionSource } from './answerCache'
import type { Clock } from './clock'
import {
  accessFactInWords,
  accessInBrief,
  costInWords,
  distanceInWords,
  lastCheckedInWords,
  nextInWords,
  schedulesInWords,
  timetableInWords,
  staleWarningInWords,
} from './listingWords'
import { hubCovers } from './geo'
import { milesBetween, type Point } from './milesBetween'
import { nextMeetingDate, ukNow, type UkNow } from './nextMeeting'
import type { ServiceSummary } from './serviceSummary'

export interface SummaryOptions {
  /** the searcher's point: each service is then shown at its nearest place, with how far it is */
  from?: Point
  /** distances already worked out (by search, say); used for the words in place of `from`'s */
  distanceMilesById?: Map<number, number>
  /** show each service at this place when it uses it (a place's own page), with no distance */
  atPlaceId?: number
}

/**
 * A listing's contact details as it gave them. Only http and https web addresses are kept:
 * anything else is not a website anyone should be sent to.
 */
export interface ContactDetails {
  phone: string | null
  email: string | null
  website: string | null
}

export interface PlaceOfService {
  id: number
  name: string
  /** "Trinity Hall, Margate" */
  nameAndTown: string
  addressLines: string[]
  /** where it is on the map, for directions */
  latitude: number
  longitude: number
  /** every access feature: "Step-free access: yes", "Hearing loop: not known" */
  access: string[]
}

export interface HubNamed {
  slug: string
  name: string
}

export interface Category {
  code: string
  name: string
}

export interface ServicePage {
  id: number
  name: string
  description: string
  whoFor: string
  howToJoin: string
  /** "Every Tuesday, 10am to 12 noon" */
  when: string[]
  /** "Next: Tuesday 8 December"; null when its times cannot say */
  next: string | null
  cost: string
  places: PlaceOfService[]
  comesToHome: boolean
  /** how it reaches people besides its places: "Comes to your home", "By phone", "Online" */
  ways: string[]
  contact: ContactDetails
  hasContact: boolean
  /** who runs it; `published` says whether it has a page of its own */
  organisation: { id: number; name: string; published: boolean }
  categories: Category[]
  hub: HubNamed | null
  lastChecked: string
  /** "This was last checked over a year ago, in March 2025. Ring before you go."; null when checked within a year */
  staleWarning: string | null
}

export interface OrganisationPage {
  id: number
  name: string
  description: string
  addressLines: string[]
  /** where its address is on the map, when it has one, for directions */
  point: Point | null
  contact: ContactDetails
  hasContact: boolean
  /** the first ORGANISATION_PAGE_HUBS hubs it works in, by name, of hubCount */
  hubs: HubNamed[]
  hubCount: number
  /** one page of the groups it runs, by name */
  services: ServicesPage
  lastChecked: string
  /** "This was last checked over a year ago, ..."; null when checked in the last 18 months */
  staleWarning: string | null
}

/** One page of a listing's groups and activities, by name. */
export interface ServicesPage {
  summaries: ServiceSummary[]
  /** how many there are on every page together */
  total: number
  page: number
  pageCount: number
}

export interface PlacePage {
  id: number
  name: string
  description: string
  addressLines: string[]
  latitude: number
  longitude: number
  /** every access feature: "Step-free access: yes", "Hearing loop: no", "Parking: not known" */
  access: string[]
  /** whether nobody has recorded one or more of its access features */
  someAccessNotKnown: boolean
  hub: HubNamed | null
  organisation: { id: number; name: string } | null
  /** one page of what happens there, by name */
  services: ServicesPage
  lastChecked: string
  /** "This was last checked over a year ago, ..."; null when checked in the last 18 months */
  staleWarning: string | null
}

export interface StartPage {
  /** the categories that have published services, with how many */
  categories: (Category & { count: number })[]
  /** the first START_PAGE_HUBS hubs, by name, of hubCount */
  hubs: { slug: string; name: string; description: string }[]
  hubCount: number
  serviceCount: number
}

/** How many groups an organisation's or a place's page lists on each of its pages. */
export const LISTING_PAGE_SERVICES = 20
/** How many of the hubs an organisation works in its page names; it counts the rest. */
export const ORGANISATION_PAGE_HUBS = 20
/** How many hubs the start page shows; /hubs has them all, a page at a time. */
export const START_PAGE_HUBS = 6
/**
 * How many listing pages' rows are kept for each kind of page, and how much of them (their
 * size as JSON, in characters: a service's page is about 2,000). Each also keeps the page
 * worded from them for the current minute, about as much again.
 */
export const KEPT_LISTING_PAGES = 1000
export const KEPT_LISTING_CHARACTERS = 2_000_000

/** One page of a listing's groups as the database has them, in order. */
interface ServicesPageRows {
  rows: ServiceSummaryRow[]
  total: number
  page: number
  pageCount: number
}

/**
 * What each listing page reads from the database. It changes only when the data does, so it
 * is kept until anything is written; the words that depend on today (the next date a group
 * meets, how long ago it was checked) are worked out afresh on every request.
 */
interface ServicePageRows extends Worded<ServicePage> {
  service: ServiceRow
  summary: ServiceSummaryRow
}
interface OrganisationPageRows extends Worded<OrganisationPage> {
  organisation: OrganisationRow
  hubs: HubNamed[]
  hubCount: number
  services: ServicesPageRows
}
interface PlacePageRows extends Worded<PlacePage> {
  place: PlaceRow
  access: AccessFeatureRow[]
  services: ServicesPageRows
}

/** The page last worded from a page's rows, and the minute it was worded for ("2026-12-01 10:00"). */
interface Worded<T> {
  worded?: { at: string; page: T }
}

const weighAsJson = (value: unknown): number => JSON.stringify(value)?.length ?? 0

/**
 * The public directory's listings: services, organisations and places as plain records.
 * Only published records are ever returned; anything else reads as "not there".
 */
export class ListingsService {
  /** The start page's counts and hubs, worked out once until anything is written. */
  private readonly start: AnswerCache<StartPage>
  // Each listing page's rows (null: no such published listing), until anything is written.
  private readonly servicePages: AnswerCache<ServicePageRows | null>
  private readonly organisationPages: AnswerCache<OrganisationPageRows | null>
  private readonly placePages: AnswerCache<PlacePageRows | null>

  constructor(
    private readonly services: ServicesRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly places: PlacesRepository,
    private readonly hubs: HubSummariesRepository,
    /** today's date, for the next date a group meets and for warnings about old listings */
    private readonly clock: Clock,
    dataVersion: DataVersionSource,
  ) {
    this.start = new AnswerCache(dataVersion, { maxEntries: 1 })
    const kept = { maxEntries: KEPT_LISTING_PAGES, maxWeight: KEPT_LISTING_CHARACTERS, weigh: weighAsJson }
    this.servicePages = new AnswerCache<ServicePageRows | null>(dataVersion, kept)
    this.organisationPages = new AnswerCache<OrganisationPageRows | null>(dataVersion, kept)
    this.placePages = new AnswerCache<PlacePageRows | null>(dataVersion, kept)
  }

  /**
   * Summaries of the given services, in the order of `ids` (ids that are unknown, not
   * published or repeated are left out). With `from`, each service is shown at its nearest
   * place and says how far away it is; without, at its first place. Each says the next date
   * it meets there, from the clock's today.
   */
  serviceSummaries(ids: number[], options: SummaryOptions = {}): ServiceSummary[] {
    const rows = new Map(this.services.findSummaryRows([...new Set(ids)]).map((row) => [row.id, row]))
    const now = ukNow(this.clock)
    const summaries: ServiceSummary[] = []
    for (const id of ids) {
      const row = rows.get(id)
      if (!row) continue
      rows.delete(id)
      summaries.push(toSummary(row, options, now))
    }
    return summaries
  }

  /** Everything a service's own page shows, or undefined when it is not published. */
  servicePage(id: number): ServicePage | undefined {
    const rows = this.servicePages.remember(String(id), () => {
      const service = this.services.findPublishedById(id)
      const summary = this.services.findSummaryRows([id])[0]
      return service && summary ? { service, summary } : null
    })
    if (!rows) return undefined
    return this.asOf(rows, (now) => {
      const { service, summary } = rows
      const contact = contactOf(service)
      return {
        id: service.id,
        name: service.name,
        description: service.description,
        whoFor: service.eligibilityDescription,
        howToJoin: service.applicationProcess,
        when: timetableInWords(summary.schedules, summary.places),
        next: nextOf(summary, summary.schedules, now),
        cost: costInWords(service),
        places: summary.places.map((place) => ({
          id: place.id,
          name: place.name,
          nameAndTown: nameAndTown(place),
          addressLines: addressLines(place),
          latitude: place.latitude,
          longitude: place.longitude,
          access: place.access.map(accessFactInWords),
        })),
        comesToHome: service.comesToHome,
        ways: [
          ...(service.comesToHome ? ['Comes to your home'] : []),
          ...(service.byPhone ? ['By phone'] : []),
          ...(service.online ? ['Online'] : []),
        ],
        contact,
        hasContact: hasContact(contact),
        organisation: {
          id: service.organisationId,
          name: service.organisationName,
          published: service.organisationPublished,
        },
        categories: summary.categories.map(({ code, name }) => ({ code, name })),
        hub: service.hubSlug && service.hubName ? { slug: service.hubSlug, name: service.hubName } : null,
        lastChecked: lastCheckedInWords(service.lastChecked),
        staleWarning: staleWarningInWords(service.lastChecked, now.date, contact.phone !== null),
      }
    })
  }

  /** Everything an organisation's page shows (its groups' `page`), or undefined when it is not published. */
  organisationPage(id: number, page = 1): OrganisationPage | undefined {
    const rows = this.organisationPages.remember(`${id} ${page}`, () => {
      const organisation = this.organisations.findPublishedById(id)
      if (!organisation) return null
      return {
        organisation,
        hubs: this.organisations
          .hubsOf(id, ORGANISATION_PAGE_HUBS)
          .map((hub) => ({ slug: hub.slug, name: hub.name })),
        hubCount: this.organisations.countHubsOf(id),
        services: this.servicesPageRows(this.services.countPublishedByOrganisation(id), page, (listPage) =>
          this.services.publishedIdsByOrganisation(id, listPage),
        ),
      }
    })
    if (!rows) return undefined
    return this.asOf(rows, (now) => {
      const { organisation } = rows
      const contact = contactOf({ ...organisation, url: organisation.website })
      return {
        id: organisation.id,
        name: organisation.name,
        description: organisation.description,
        addressLines: addressLines(organisation),
        point:
          organisation.latitude !== null && organisation.longitude !== null && organisation.address1
            ? { latitude: organisation.latitude, longitude: organisation.longitude }
            : null,
        contact,
        hasContact: hasContact(contact),
        hubs: rows.hubs,
        hubCount: rows.hubCount,
        services: servicesPage(rows.services, now),
        lastChecked: lastCheckedInWords(organisation.lastChecked),
        staleWarning: staleWarningInWords(organisation.lastChecked, now.date, contact.phone !== null),
      }
    })
  }

  /** Everything a place's page shows (what happens there: `page`), or undefined when it is not published. */
  placePage(id: number, page = 1): PlacePage | undefined {
    const rows = this.placePages.remember(`${id} ${page}`, () => {
      const place = this.places.findPublishedById(id)
      if (!place) return null
      return {
        place,
        access: this.places.accessFeaturesOf(id),
        services: this.servicesPageRows(this.services.countPublishedAtPlace(id), page, (listPage) =>
          this.services.publishedIdsAtPlace(id, listPage),
        ),
      }
    })
    if (!rows) return undefined
    return this.asOf(rows, (now) => {
      const { place, access } = rows
      return {
        id: place.id,
        name: place.name,
        description: place.description,
        addressLines: addressLines(place),
        latitude: place.latitude,
        longitude: place.longitude,
        access: access.map(accessFactInWords),
        someAccessNotKnown: access.some((feature) => feature.available === null),
        hub: place.hubSlug && place.hubName ? { slug: place.hubSlug, name: place.hubName } : null,
        organisation:
          place.organisationId !== null && place.organisationName
            ? { id: place.organisationId, name: place.organisationName }
            : null,
        // Shown at this place, whatever other places the services also use.
        services: servicesPage(rows.services, now, { atPlaceId: id }),
        lastChecked: lastCheckedInWords(place.lastChecked),
        // A place has no phone number of its own: the warning says to ask the organisers.
        staleWarning: staleWarningInWords(place.lastChecked, now.date, false),
      }
    })
  }

  /**
   * The start page's ways in: categories with published services (counted in SQL, kept until
   * anything is written), and the first few hubs.
   */
  startPage(): StartPage {
    return this.start.remember('start page', () => ({
      categories: this.services.categoryCounts().map(({ code, name, count }) => ({ code, name, count })),
      serviceCount: this.services.countPublished(),
      hubCount: this.hubs.count(),
      hubs: this.hubs.first(START_PAGE_HUBS).map((hub) => ({
        slug: hub.slug,
        name: hub.name,
        description: shortDescription(hub.description),
      })),
    }))
  }

  /** The rows of one page of groups, LISTING_PAGE_SERVICES to a page; a page past the end has none. */
  private servicesPageRows(
    total: number,
    page: number,
    idsOf: (listPage: { limit: number; offset: number }) => number[],
  ): ServicesPageRows {
    const pageCount = Math.ceil(total / LISTING_PAGE_SERVICES)
    const ids =
      page <= pageCount
        ? idsOf({ limit: LISTING_PAGE_SERVICES, offset: (page - 1) * LISTING_PAGE_SERVICES })
        : []
    const rows = new Map(this.services.findSummaryRows(ids).map((row) => [row.id, row]))
    return {
      rows: ids.flatMap((id) => rows.get(id) ?? []),
      total,
      page,
      pageCount,
    }
  }

  /**
   * A page as it reads now, from its kept rows. Its words change no faster than the minute
   * (times are to the minute), so it is worded once a minute and kept with its rows; the
   * presenters only read it.
   */
  private asOf<T>(rows: Worded<T>, word: (now: UkNow) => T): T {
    const now = ukNow(this.clock)
    const at = `${now.date} ${now.time}`
    if (rows.worded?.at !== at) rows.worded = { at, page: word(now) }
    return rows.worded.page
  }
}

/** One page of groups, summarised as of `now`. */
function servicesPage(
  { rows, total, page, pageCount }: ServicesPageRows,
  now: UkNow,
  options: SummaryOptions = {},
): ServicesPage {
  return { summaries: rows.map((row) => toSummary(row, options, now)), total, page, pageCount }
}

function toSummary(
  row: ServiceSummaryRow,
  { from, distanceMilesById, atPlaceId }: SummaryOptions,
  now: UkNow,
): ServiceSummary {
  const nearest = from ? nearestPlace(row.places, from) : undefined
  const place = row.places.find((p) => p.id === atPlaceId) ?? nearest?.place ?? row.places[0]
  const miles = distanceMilesById?.get(row.id) ?? nearest?.miles
  const schedules = schedulesAt(row.schedules, place)
  return {
    id: row.id,
    name: row.name,
    organisationName: row.organisationName,
    distance: miles === undefined ? null : distanceInWords(miles),
    when: schedulesInWords(schedules, 'plural'),
    next: nextOf(row, schedules, now),
    cost: costInWords(row),
    where: place ? nameAndTown(place) : null,
    accessInBrief: place ? accessInBrief(place.access) : null,
    ways: waysOf(row, from),
    categories: row.categories.map((category) => category.name),
    lastChecked: lastCheckedInWords(row.lastChecked),
  }
}

/**
 * How a service reaches people besides its places. "Comes to your home" only where the home
 * is inside the area it covers (its hub's): said without a point, checked with one.
 */
function waysOf(row: ServiceSummaryRow, from: Point | undefined): string[] {
  const ways: string[] = []
  if (row.comesToHome && row.hubArea && (!from || hubCovers(row.hubArea, from)))
    ways.push('Comes to your home')
  if (row.byPhone) ways.push('By phone')
  if (row.online) ways.push('Online')
  return ways
}

/** "Trinity Hall, Margate"; just the name when it already says the town ("Old Town Library, Margate"). */
function nameAndTown(place: { name: string; city: string }): string {
  const town = place.city.trim()
  return town && !place.name.toLowerCase().includes(town.toLowerCase())
    ? `${place.name}, ${town}`
    : place.name
}

function nearestPlace(
  places: ServicePlaceRow[],
  from: Point,
): { place: ServicePlaceRow; miles: number } | undefined {
  let nearest: { place: ServicePlaceRow; miles: number } | undefined
  for (const place of places) {
    const miles = milesBetween(from, place)
    if (!nearest || miles < nearest.miles) nearest = { place, miles }
  }
  return nearest
}

/** The times that apply at one place: its own, and those not tied to any place. */
function schedulesAt(schedules: ScheduleRow[], place: ServicePlaceRow | undefined): ScheduleRow[] {
  if (!place) return schedules
  const here = schedules.filter((s) => s.placeId === null || s.placeId === place.id)
  return here.length > 0 ? here : schedules
}

/**
 * "Next: Tuesday 8 December", or null. A service that only comes to people's homes agrees a
 * time with each person, so its days are not dates anyone can turn up on: it has no next date.
 */
function nextOf(
  service: { comesToHome: boolean; places: unknown[] },
  schedules: ScheduleRow[],
  now: UkNow,
): string | null {
  if (service.comesToHome && service.places.length === 0) return null
  const date = nextMeetingDate(schedules, now)
  return date === null ? null : nextInWords(date, now.date)
}

function addressLines(address: {
  address1: string | null
  address2?: string | null
  city: string | null
  postalCode: string | null
}): string[] {
  return [address.address1, address.address2, address.city, address.postalCode]
    .map((line) => line?.trim() ?? '')
    .filter((line) => line !== '')
}

function contactOf(record: {
  phone: string | null
  email: string | null
  url: string | null
}): ContactDetails {
  const url = record.url?.trim() || null
  return {
    phone: record.phone?.trim() || null,
    email: record.email?.trim() || null,
    website: url && /^https?:\/\/[^\s]+$/i.test(url) ? url : null,
  }
}

const hasContact = (contact: ContactDetails): boolean =>
  Boolean(contact.phone || contact.email || contact.website)

/** A hub's description cut to its first sentence when it runs long. */
function shortDescription(description: string): string {
  const text = description.trim()
  if (text.length <= 200) return text
  const firstSentence = /^.+?[.!?](?=\s|$)/.exec(text)?.[0]
  return firstSentence && firstSentence.length <= 200 ? firstSentence : `${text.slice(0, 197).trimEnd()}...`
}
