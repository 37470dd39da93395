import { addresses } from '../addresses'
import { directionsLink } from './directions'
import type { PlacePage } from '../services/listingsService'
import { FIND_HELP, HOME, hubLink, LOCAL_HUBS, type LinkView } from './links'
import { presentServiceSummaries, type ServiceSummaryView } from './serviceSummary'

export interface PlacePageView {
  pageTitle: string
  metaDescription: string
  breadcrumbs: LinkView[]
  reportHref: string
  place: Omit<PlacePage, 'hub' | 'organisation' | 'services'> & {
    hub: LinkView | null
    organisation: LinkView | null
    services: ServiceSummaryView[]
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
    reportHref: addresses.help('report-a-wrong-listing'),
    place: {
      ...place,
      hub,
      organisation: place.organisation
        ? { href: addresses.organisation(place.organisation.id), text: place.organisation.name }
        : null,
      services: presentServiceSummaries(place.services),
      directions: directionsLink(place.name, place),
    },
  }
}
