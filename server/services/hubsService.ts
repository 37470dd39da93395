import type { HubRow, HubsRepository } from '../../db/repositories/hubsRepository'
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
  /** the hub's published services, by name, for ListingsService.serviceSummaries */
  serviceIds: number[]
  places: HubPlaceView[]
  organisations: HubOrganisationView[]
}

/** A group on the large-print sheet: its summary and the phone to ring about it. */
export interface PrintableGroupView extends ServiceSummaryView {
  phone: string | null
}

/** Hubs: the list, one hub's page and its large-print sheet. */
export class HubsService {
  constructor(
    private readonly hubs: HubsRepository,
    private readonly people: PeopleService,
  ) {}

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
    return {
      id: hub.id,
      slug: hub.slug,
      name: hub.name,
      description: hub.description,
      href: `/hubs/${hub.slug}`,
      printHref: `/hubs/${hub.slug}/print`,
      meets: meetingOf(hub),
      serviceIds: this.hubs.publishedServiceIds(hub.id),
      places: this.hubs.publishedPlaces(hub.id).map((place) => ({
        name: place.name,
        href: `/places/${place.id}`,
        addressLines: addressLines(place),
        access: place.access.map(({ label, details }) =>
          details?.trim() ? `${label}: ${details.trim()}` : label,
        ),
      })),
      organisations: this.hubs.publishedOrganisations(hub.id).map((organisation) => ({
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

  /** The groups for the large-print sheet: each summary with the service's phone to ring. */
  printableGroups(summaries: ServiceSummaryView[]): PrintableGroupView[] {
    const phones = new Map(
      this.hubs.servicePhones(summaries.map((summary) => summary.id)).map((row) => [row.id, row.phone]),
    )
    return summaries.map((summary) => ({ ...summary, phone: phones.get(summary.id) ?? null }))
  }
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
