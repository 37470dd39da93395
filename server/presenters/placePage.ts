import { addresses } from '../addresses'
import { directionsLink } from './directions'
import { LISTING_PAGE_SERVICES, type PlacePage } from '../services/listingsService'
import { FIND_HELP, HOME, hubLink, LOCAL_HUBS, type LinkView } from './links'
import { paginationView, showingInWords, type PaginationView } from './pagination'
import { presentServiceSummaries, type ServiceSummaryView } from './serviceSummary'

export interface PlacePageView {
  pageTitle: string
  metaDescription: string
  breadcrumbs: LinkView[]
  place: Omit<PlacePage, 'hub' | 'organisation' | 'services'> & {
    hub: LinkView | null
    organisation: LinkView | null
    /** this page of what happens there, by name */
    services: ServiceSummaryView[]
    serviceCount: number
    /** "Showing 21 to 40 of 65, by name" when there is more than one page */
    showing: string | null
    pagination: PaginationView | null
    directions: LinkView
  }
}

/** /places/:id: one place, who looks after it, its hub and what happens there. */
export function presentPlacePage(place: PlacePage): PlacePageView {
  const hub = place.hub ? hubLink(place.hub) : null
  return {
    pageTitle: place.name,
    metaDescription: place.description,
    breadcrumbs: hub ? [HOME, LOCAL_HUBS, hub] : [HOME, FIND_HELP],
    place: {
      ...place,
      hub,
      organisation: place.organisation
        ? { href: addresses.organisation(place.organisation.id), text: place.organisation.name }
        : null,
      services: presentServiceSummaries(place.services.summaries),
      serviceCount: place.services.total,
      showing: showingInWords(place.services, LISTING_PAGE_SERVICES, place.services.summaries.length),
      pagination: paginationView(place.services.page, place.services.pageCount, (page) =>
        addresses.place(place.id, page),
      ),
      directions: directionsLink(place.name, place),
    },
  }
}
