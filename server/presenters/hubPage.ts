import { addresses, type SearchLinkFilters } from '../addresses'
import type { HubMeeting, HubPage, HubSearchPlace } from '../services/hubsService'
import { HUB_PAGE_PROFILES } from '../services/hubsService'
import type { ServiceSummary } from '../services/serviceSummary'
import { HOME, LOCAL_HUBS, type LinkView } from './links'
import { presentHubsSkills, presentProfiles, type ProfileView } from './peopleSharing'
import { presentServiceSummaries, type ServiceSummaryView } from './serviceSummary'
import type { HubSkills, PersonProfile, SkillShared } from '../services/peopleService'

export interface HubMeetingView {
  description: string
  place: { name: string; href: string; addressLines: string[] } | null
}

export interface HubPageView {
  pageTitle: string
  breadcrumbs: LinkView[]
  hub: Omit<HubPage, 'meets' | 'groupTypes' | 'places' | 'organisations' | 'searchNear'> & {
    href: string
    printHref: string
    meets: HubMeetingView | null
    /** each kind of group with its count and a search for it near the hub */
    groupTypes: (HubPage['groupTypes'][number] & { href: string })[]
    /** a search for every group and activity near the hub, nearest first */
    searchHref: string
    places: (HubPage['places'][number] & { href: string })[]
    organisations: (HubPage['organisations'][number] & { href: string })[]
  }
  services: ServiceSummaryView[]
  /** the first HUB_PAGE_PROFILES people happy to be named */
  profiles: ProfileView[]
  profileCount: number
  /** every skill on the list, each with names, a count, or "ask your hub" */
  skillsShared: SkillShared[]
  /** /people for this hub: everyone named, and its skills */
  peopleHref: string
}

export function presentMeeting(meets: HubMeeting | null): HubMeetingView | null {
  if (!meets) return null
  return {
    description: meets.description,
    place: meets.place ? { ...meets.place, href: addresses.place(meets.place.id) } : null,
  }
}

/** A search round the hub, nearest first: near its town when it has one, else its centre. */
export function searchNearHub(near: HubSearchPlace, categories: string[] = []): string {
  const filters: SearchLinkFilters =
    'where' in near ? { where: near.where } : { lat: near.lat, lng: near.lng }
  return addresses.search({ ...filters, categories })
}

/** The hub itself with its links, shared by its page and its large-print sheet. */
export function presentHub(hub: HubPage): HubPageView['hub'] {
  return {
    ...hub,
    href: addresses.hub(hub.slug),
    printHref: addresses.hubPrint(hub.slug),
    meets: presentMeeting(hub.meets),
    groupTypes: hub.groupTypes.map((type) => ({ ...type, href: searchNearHub(hub.searchNear, [type.code]) })),
    searchHref: searchNearHub(hub.searchNear),
    places: hub.places.map((place) => ({ ...place, href: addresses.place(place.id) })),
    organisations: hub.organisations.map((organisation) => ({
      ...organisation,
      href: addresses.organisation(organisation.id),
    })),
  }
}

/** /hubs/:slug: the hub, its first groups, places and organisations, and the skills its people share. */
export function presentHubPage(
  hub: HubPage,
  services: ServiceSummary[],
  sharing: { profiles: PersonProfile[]; hubs: HubSkills[] },
): HubPageView {
  return {
    pageTitle: hub.name,
    breadcrumbs: [HOME, LOCAL_HUBS],
    hub: presentHub(hub),
    services: presentServiceSummaries(services),
    // The skills are counted from everyone; the page names only the first few.
    profiles: presentProfiles(sharing.profiles.slice(0, HUB_PAGE_PROFILES)),
    profileCount: sharing.profiles.length,
    skillsShared: presentHubsSkills(sharing.hubs, { every: true })[0]?.skills ?? [],
    peopleHref: addresses.people({ hub: hub.slug }),
  }
}
