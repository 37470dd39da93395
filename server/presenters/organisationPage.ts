import { addresses } from '../addresses'
import { directionsLink } from './directions'
import { LISTING_PAGE_SERVICES, type OrganisationPage } from '../services/listingsService'
import { presentContact, type ContactView } from './contact'
import { FIND_HELP, HOME, hubLink, type LinkView } from './links'
import { paginationView, showingInWords, type PaginationView } from './pagination'
import { presentServiceSummaries, type ServiceSummaryView } from './serviceSummary'

export interface OrganisationPageView {
  pageTitle: string
  metaDescription: string
  breadcrumbs: LinkView[]
  hubsHref: string
  organisation: Omit<OrganisationPage, 'contact' | 'hubs' | 'services'> & {
    contact: ContactView
    hubs: LinkView[]
    /** this page of the groups it runs, by name */
    services: ServiceSummaryView[]
    /** how many groups it runs on every page together */
    serviceCount: number
    /** "Showing 21 to 40 of 65, by name" when there is more than one page */
    showing: string | null
    pagination: PaginationView | null
    /** how many hubs it works in that the page does not name */
    moreHubs: number
    /** directions to its address, when it has a point */
    directions: LinkView | null
  }
}

/** /organisations/:id: one organisation, the hubs it works in and the groups it runs. */
export function presentOrganisationPage(organisation: OrganisationPage): OrganisationPageView {
  return {
    pageTitle: organisation.name,
    metaDescription: organisation.description,
    breadcrumbs: [HOME, FIND_HELP],
    hubsHref: addresses.hubs(),
    organisation: {
      ...organisation,
      contact: presentContact(organisation.contact),
      hubs: organisation.hubs.map(hubLink),
      moreHubs: Math.max(0, organisation.hubCount - organisation.hubs.length),
      services: presentServiceSummaries(organisation.services.summaries),
      serviceCount: organisation.services.total,
      showing: showingInWords(
        organisation.services,
        LISTING_PAGE_SERVICES,
        organisation.services.summaries.length,
      ),
      pagination: paginationView(organisation.services.page, organisation.services.pageCount, (page) =>
        addresses.organisation(organisation.id, page),
      ),
      directions: organisation.point ? directionsLink(organisation.name, organisation.point) : null,
    },
  }
}
