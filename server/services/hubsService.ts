import type { HubRow, HubsRepository } from '../../db/repositories/hubsRepository'
import { AnswerCache, type DataVersionSource } from './answerCache'
import type { LocationService } from './locationService'
import type { HubPeople, PeopleService } from './peopleService'
import type { ServiceSummary } from './serviceSummary'
import type { Viewer } from './viewer'

export interface HubMeeting {
  /** the hub's own words, such as "The library, first Monday of the month" */
  description: string
  place: { id: number; name: string; addressLines: string[] } | null
}

export interface HubListItem {
  id: number
  name: string
  slug: string
  description: string
  meets: HubMeeting | null
  groups: number
  places: number
  organisations: number
  people: HubPeople
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
export interface PrintableGroup extends ServiceSummary {
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

  /** Every hub, by name, with what it has. People are counted as PeopleService allows the viewer. */
  listHubs(viewer: Viewer): HubListItem[] {
    const people = this.people.visibleTo(viewer).peopleByHub()
    return this.hubs.allWithCounts().map((hub) => ({
      id: hub.id,
      name: hub.name,
      slug: hub.slug,
      description: hub.description,
      meets: meetingOf(hub),
      groups: hub.services,
      places: hub.places,
      organisations: hub.organisations,
      people: people.get(hub.id) ?? { named: 0, othersToo: false },
    }))
  }

  /** One hub's page, or undefined when no hub has that slug. */
  hubPage(slug: string): HubPage | undefined {
    const hub = this.hubs.findBySlug(slug)
    if (!hub) return undefined
    const serviceIds = this.hubs.publishedServiceIds(hub.id)
    const where = this.whereNear(hub)
    return {
      id: hub.id,
      slug: hub.slug,
      name: hub.name,
      description: hub.description,
      meets: meetingOf(hub),
      groupCount: serviceIds.length,
      serviceIds: serviceIds.slice(0, HUB_PAGE_GROUPS),
      groupTypes: this.hubs
        .categoryCounts(serviceIds)
        .map(({ code, name, count }) => ({ code, name, count })),
      searchNear: where !== null ? { where } : { lat: hub.latitude, lng: hub.longitude },
      placeCount: this.hubs.countPublishedPlaces(hub.id),
      places: this.hubs.publishedPlaces(hub.id, HUB_PAGE_PLACES).map((place) => ({
        id: place.id,
        name: place.name,
        addressLines: addressLines(place),
        access: place.access.map(({ label, details }) =>
          details?.trim() ? `${label}: ${details.trim()}` : label,
        ),
      })),
      organisationCount: this.hubs.countPublishedOrganisations(hub.id),
      organisations: this.hubs.publishedOrganisations(hub.id, HUB_PAGE_ORGANISATIONS).map((organisation) => ({
        id: organisation.id,
        name: organisation.name,
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
  printableGroups(summaries: ServiceSummary[]): PrintableGroup[] {
    const phones = new Map(
      this.hubs.servicePhones(summaries.map((summary) => summary.id)).map((row) => [row.id, row.phone]),
    )
    return summaries.map((summary) => ({ ...summary, phone: phones.get(summary.id) ?? null }))
  }
}

function meetingOf(hub: HubRow): HubMeeting | null {
  const description = hub.meetingPlaceDescription.trim()
  const place =
    hub.meetingPlaceId !== null && hub.meetingPlaceName
      ? {
          id: hub.meetingPlaceId,
          name: hub.meetingPlaceName,
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
