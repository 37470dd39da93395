import { addresses } from '../addresses'
import type { HubListPage, HubOrganisation, HubPlace } from '../services/hubsService'
import { HUB_LIST_PAGE_SIZE } from '../services/hubsService'
import { HOME, hubLink, LOCAL_HUBS, type LinkView } from './links'
import { paginationView, showingInWords, type PaginationView } from './pagination'

export interface HubListPageView<T> {
  pageTitle: string
  breadcrumbs: LinkView[]
  hub: LinkView
  items: (T & { href: string })[]
  total: number
  /** "Showing 21 to 40 of 65." when there is more than one page */
  showing: string | null
  pagination: PaginationView | null
}

function present<T extends { id: number }>(
  list: HubListPage<T>,
  title: string,
  hrefOf: (item: T) => string,
  pageHref: (page: number) => string,
): HubListPageView<T> {
  const hub = hubLink(list.hub)
  return {
    pageTitle: list.page > 1 ? `${title} (page ${list.page} of ${list.pageCount})` : title,
    breadcrumbs: [HOME, LOCAL_HUBS, hub],
    hub,
    items: list.items.map((item) => ({ ...item, href: hrefOf(item) })),
    total: list.total,
    showing: showingInWords(list, HUB_LIST_PAGE_SIZE, list.items.length),
    pagination: paginationView(list.page, list.pageCount, pageHref),
  }
}

/** /hubs/:slug/places: the hub's places, by name, a page at a time. */
export function presentHubPlaces(list: HubListPage<HubPlace>): HubListPageView<HubPlace> {
  return present(
    list,
    `Places in ${list.hub.name}`,
    (place) => addresses.place(place.id),
    (page) => addresses.hubPlaces(list.hub.slug, page),
  )
}

/** /hubs/:slug/organisations: the organisations that work in the hub, by name, a page at a time. */
export function presentHubOrganisations(
  list: HubListPage<HubOrganisation>,
): HubListPageView<HubOrganisation> {
  return present(
    list,
    `Organisations in ${list.hub.name}`,
    (organisation) => addresses.organisation(organisation.id),
    (page) => addresses.hubOrganisations(list.hub.slug, page),
  )
}
