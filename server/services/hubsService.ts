import type { HubRow, HubsRepository } from '../../db/repositories/hubsRepository'
import { AnswerCache, type DataVersionSource } from './answerCache'
import type { LocationService } from './locationService'
import type { HubPeopleView, PeopleService } from './peopleService'
import type { ServiceSummaryView } from './serviceSummary'

export interface HubMeetingView {
  /** the hub's own words, such as "The library, first Monday of the month" */
  description: string
  place: { name: string; href: string; addressLines: string[] } | null
}

export interface HubListItemView {
  name: string
  slug: string
  href: string
  description: string
  meets: HubMeetingView | null
  groups: number
  places: number
  organisations: number
  people: HubPeopleView
}

export interface HubPlaceView {
  name: string
  href: string
  addressLines: string[]
  /** "Step-free access", or "Step-free access: ramp at the side door" */
  access: string[]
}

export interface HubOrganisationView {
  name: string
  href: string
  description: string
}

export interface HubPageView {
  id: number
  slug: string
  name: string
  description: string
  href: string
  printHref: string
  meets: HubMeetingView | null
  /** how many published groups and activities the hub has */
  groupCount: number
  /** the first HUB_PAGE_GROUPS of them, by name, for ListingsService.serviceSummaries */
  serviceIds: number[]
  /** the kinds of group in the hub, each with its count and a search for it near the hub */
  groupTypes: HubGroupTypeView[]
  /** a search for every group and activity near the hub's centre, nearest first */
  searchHref: string
  /** the first HUB_PAGE_PLACES places, by name, of placeCount */
  places: HubPlaceView[]
  placeCount: number
  /** the first HUB_PAGE_ORGANISATIONS organisations, by name, of organisationCount */
  organisations: HubOrganisationView[]
  organisationCount: number
}

/** One kind of group in a hub: "Walking groups (12)", linking to a search near the hub. */
export interface HubGroupTypeView {
  code: string
  name: string
  count: number
  href: string
}

/** How many groups, places and organisations the hub page lists; the rest are counted. */
export const HUB_PAGE_GROUPS = 20
export const HUB_PAGE_PLACES = 10
export const HUB_PAGE_ORGANISATIONS = 20
/** And how many of the people happy to be named it shows (all are on /people?hub=...). */
export const HUB_PAGE_PROFILES = 10
/** The large-print sheet lists at most this many groups, and says how many more there are. */
export const PRINT_SHEET_GROUPS = 100
/** How many hubs' nearest towns are kept: more than the benchmark's 1,000 hubs. */
const WHERE_NEAR_HUBS = 2000

/** A group on the large-print sheet: its summary and the phone to ring about it. */
export interface PrintableGroupView extends ServiceSummaryView {
  phone: string | null
}

/** Hubs: the list, one hub's page and its large-print sheet. */
export class HubsService {
  /** Each hub's nearest town as typed in Where, so its search links read "near Margate". */
  private readonly whereNearHub: AnswerCache<string | null>

  constructor(
    private readonly hubs: HubsRepository,
    private readonly people: PeopleService,
    private readonly location: Pick<LocationService, 'placeNear'>,
    dataVersion: DataVersionSource,
  ) {
    this.whereNearHub = new AnswerCache(dataVersion, { maxEntries: WHERE_NEAR_HUBS })
  }

  /** Every hub, by name, with what it has. People are counted as PeopleService allows. */
  listHubs(): HubListItemView[] {
    const people = this.people.peopleByHub()
    return this.hubs.allWithCounts().map((hub) => ({
      name: hub.name,
      slug: hub.slug,
      href: `/hubs/${hub.slug}`,
      description: hub.description,
      meets: meetingOf(hub),
      groups: hub.services,
      places: hub.places,
      organisations: hub.organisations,
      people: people.get(hub.id) ?? { publicProfiles: 0, othersToo: false },
    }))
  }

  /** One hub's page, or undefined when no hub has that slug. */
  hubPage(slug: string): HubPageView | undefined {
    const hub = this.hubs.findBySlug(slug)
    if (!hub) return undefined
    const serviceIds = this.hubs.publishedServiceIds(hub.id)
    const where = this.whereNear(hub)
    return {
      id: hub.id,
      slug: hub.slug,
      name: hub.name,
      description: hub.description,
      href: `/hubs/${hub.slug}`,
      printHref: `/hubs/${hub.slug}/print`,
      meets: meetingOf(hub),
      groupCount: serviceIds.length,
      serviceIds: serviceIds.slice(0, HUB_PAGE_GROUPS),
      groupTypes: this.hubs.categoryCounts(serviceIds).map(({ code, name, count }) => ({
        code,
        name,
        count,
        href: searchNear(hub, code, where),
      })),
      searchHref: searchNear(hub, null, where),
      placeCount: this.hubs.countPublishedPlaces(hub.id),
      places: this.hubs.publishedPlaces(hub.id, HUB_PAGE_PLACES).map((place) => ({
        name: place.name,
        href: `/places/${place.id}`,
        addressLines: addressLines(place),
        access: place.access.map(({ label, details }) =>
          details?.trim() ? `${label}: ${details.trim()}` : label,
        ),
      })),
      organisationCount: this.hubs.countPublishedOrganisations(hub.id),
      organisations: this.hubs.publishedOrganisations(hub.id, HUB_PAGE_ORGANISATIONS).map((organisation) => ({
        name: organisation.name,
        href: `/organisations/${organisation.id}`,
        description: organisation.description,
      })),
    }
  }

  /** The hubs as choices for a filter, by name. */
  hubOptions(): { slug: string; name: string }[] {
    return this.hubs.allNames()
  }

  /** One hub's id by its slug, or undefined. */
  findHubId(slug: string): number | undefined {
    return this.hubs.findBySlug(slug)?.id
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

  /** The groups for the large-print sheet: each summary with the service's phone to ring. */
  printableGroups(summaries: ServiceSummaryView[]): PrintableGroupView[] {
    const phones = new Map(
      this.hubs.servicePhones(summaries.map((summary) => summary.id)).map((row) => [row.id, row.phone]),
    )
    return summaries.map((summary) => ({ ...summary, phone: phones.get(summary.id) ?? null }))
  }
}

/**
 * A search round the hub (nearest first), for one kind of group or for all of them: near the
 * hub's nearest town when it has one, otherwise round its centre point.
 */
function searchNear(hub: HubRow, category: string | null, where: string | null): string {
  const query = new URLSearchParams(
    where !== null ? { where } : { lat: String(hub.latitude), lng: String(hub.longitude) },
  )
  if (category !== null) query.set('category', category)
  return `/search?${query.toString()}`
}

function meetingOf(hub: HubRow): HubMeetingView | null {
  const description = hub.meetingPlaceDescription.trim()
  const place =
    hub.meetingPlaceId !== null && hub.meetingPlaceName
      ? {
          name: hub.meetingPlaceName,
          href: `/places/${hub.meetingPlaceId}`,
          addressLines: addressLines({
            address1: hub.meetingPlaceAddress1,
            address2: hub.meetingPlaceAddress2,
            city: hub.meetingPlaceCity,
            postalCode: hub.meetingPlacePostalCode,
          }),
        }
      : null
  return description || place ? { description, place } : null
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
