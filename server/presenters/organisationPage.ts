import { addresses } from '../addresses'
import { directionsLink } from './directions'
import type { OrganisationPage } from '../services/listingsService'
import { presentContact, type ContactView } from './contact'
import { FIND_HELP, HOME, hubLink, type LinkView } from './links'
import { presentServiceSummaries, type ServiceSummaryView } from './serviceSummary'

export interface OrganisationPageView {
  pageTitle: string
  metaDescription: string
  breadcrumbs: LinkView[]
  reportHref: string
  hubsHref: string
  organisation: Omit<OrganisationPage, 'contact' | 'hubs' | 'services'> & {
    contact: ContactView
    hubs: LinkView[]
    services: ServiceSummaryView[]
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
    reportHref: addresses.help('report-a-wrong-listing'),
    hubsHref: addresses.hubs(),
    organisation: {
      ...organisation,
      contact: presentContact(organisation.contact),
      hubs: organisation.hubs.map(hubLink),
      services: presentServiceSummaries(organisation.services),
      directions: organisation.point ? directionsLink(organisation.name, organisation.point) : null,
    },
  }
}
