import { addresses } from '../addresses'
import type { HubMeeting, HubPage, HubSearch, HubSearches } from '../services/hubsService'
import { HUB_PAGE_PROFILES } from '../services/hubsService'
import type { ServiceSummary } from '../services/serviceSummary'
import { HOME, LOCAL_HUBS, type LinkView } from './links'
import {
  presentHubContact,
  presentHubsSkills,
  presentProfiles,
  type HubContactView,
  type ProfileView,
  type SkillSharedView,
} from './peopleSharing'
import { presentServiceSummaries, type ServiceSummaryView } from './serviceSummary'
import type { HubSkills, PersonProfile } from '../services/peopleService'

export interface HubMeetingView {
  /** "Third Tuesday of the month, 10:30am to 12 noon" */
  times: string
  description: string
  place: { name: string; href: string; addressLines: string[] } | null
}

/** A search link with the count of exactly what it opens. */
export interface CountedLinkView {
  href: string
  /** null when it was not counted: the link has no number */
  count: number | null
  counted: boolean
  /** true when the search finds more than `count` (search's limit): "more than 1,000" */
  more: boolean
  /** "within 10 miles of Crewe", or "near Crewe" when the search names no distance */
  near: string
}

export interface HubPageView {
  pageTitle: string
  breadcrumbs: LinkView[]
  hub: Omit<
    HubPage,
    'meets' | 'groupTypes' | 'places' | 'organisations' | 'partners' | 'searchNear' | 'contact'
  > & {
    href: string
    printHref: string
    /** all its places, and all its organisations, a page at a time */
    placesHref: string
    organisationsHref: string
    contact: HubContactView
    meets: HubMeetingView | null
    places: (HubPage['places'][number] & { href: string })[]
    organisations: (HubPage['organisations'][number] & { href: string })[]
    partners: (HubPage['partners'][number] & { href: string })[]
  }
  /** a search for every group and activity near the hub, with its count */
  searchAll: CountedLinkView
  /** each kind of group with a search for it near the hub, and that search's count */
  groupTypes: (CountedLinkView & { code: string; name: string })[]
  services: ServiceSummaryView[]
  /** the first HUB_PAGE_PROFILES people happy to be named */
  profiles: ProfileView[]
  profileCount: number
  /** every skill on the list, each with names, a count, or "ask your hub" */
  skillsShared: SkillSharedView[]
  /** /people for this hub: everyone named, and its skills */
  peopleHref: string
  /** "Share your skills with your local hub" */
  shareSkillsHref: string
  /** "Ask to be put in touch": the form, for this hub */
  askHref: string
  /** "Suggest a new group or place" (issue 12) */
  suggestNewHref: string
}

export function presentMeeting(meets: HubMeeting | null): HubMeetingView | null {
  if (!meets) return null
  return {
    times: meets.times,
    description: meets.description,
    place: meets.place ? { ...meets.place, href: addresses.place(meets.place.id) } : null,
  }
}

/** A hub search as a link, with its count and where it searched, in words. */
export function presentHubSearch(search: HubSearch): CountedLinkView {
  const { where } = search.filters
  const place = where ? where : 'the hub'
  return {
    href: addresses.search(search.filters),
    count: search.count,
    counted: search.count !== null,
    more: search.more,
    near: search.withinMiles !== null ? `within ${search.withinMiles} miles of ${place}` : `near ${place}`,
  }
}

/** The hub itself with its links, shared by its page and its large-print sheet. */
export function presentHub(hub: HubPage): HubPageView['hub'] {
  return {
    ...hub,
    href: addresses.hub(hub.slug),
    printHref: addresses.hubPrint(hub.slug),
    placesHref: addresses.hubPlaces(hub.slug),
    organisationsHref: addresses.hubOrganisations(hub.slug),
    contact: presentHubContact(hub.slug, hub.contact),
    meets: presentMeeting(hub.meets),
    places: hub.places.map((place) => ({ ...place, href: addresses.place(place.id) })),
    organisations: hub.organisations.map((organisation) => ({
      ...organisation,
      href: addresses.organisation(organisation.id),
    })),
    partners: hub.partners.map((partner) => ({ ...partner, href: addresses.organisation(partner.id) })),
  }
}

/** /hubs/:slug: the hub, its first groups, places and organisations, and the skills its people share. */
export function presentHubPage(
  hub: HubPage,
  searches: HubSearches,
  services: ServiceSummary[],
  sharing: { profiles: PersonProfile[]; profileCount?: number; hubs: HubSkills[] },
): HubPageView {
  return {
    pageTitle: hub.name,
    breadcrumbs: [HOME, LOCAL_HUBS],
    hub: presentHub(hub),
    searchAll: presentHubSearch(searches.everything),
    groupTypes: searches.byType.map((type) => ({
      code: type.code,
      name: type.name,
      ...presentHubSearch(type),
    })),
    services: presentServiceSummaries(services),
    // The skills are counted from everyone; the page names only the first few.
    profiles: presentProfiles(sharing.profiles.slice(0, HUB_PAGE_PROFILES)),
    profileCount: sharing.profileCount ?? sharing.profiles.length,
    skillsShared: presentHubsSkills(sharing.hubs, { every: true })[0]?.skills ?? [],
    peopleHref: addresses.people({ hub: hub.slug }),
    shareSkillsHref: addresses.shareSkills({ hub: hub.slug }),
    askHref: addresses.putMeInTouch({ from: 'hub', hub: hub.slug }),
    suggestNewHref: addresses.suggestNew({ hub: hub.slug }),
  }
}
