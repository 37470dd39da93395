import { addresses } from '../addresses'
import { directionsLink } from './directions'
import type { ServicePage } from '../services/listingsService'
import { presentContact, type ContactView } from './contact'
import { FIND_HELP, HOME, hubLink, type LinkView } from './links'

export interface ServicePageView {
  pageTitle: string
  metaDescription: string
  breadcrumbs: LinkView[]
  /** "Ask to be put in touch": the form, about this service */
  askHref: string
  service: Omit<ServicePage, 'places' | 'contact' | 'organisation' | 'categories' | 'hub'> & {
    /** the line under the heading: "Every Tuesday, 10am to 12 noon. Next: Tuesday 8 December. Free." */
    summaryLine: string
    places: (ServicePage['places'][number] & { href: string; directions: LinkView })[]
    contact: ContactView
    /** who runs it, linked when it has a page of its own */
    organisation: { name: string; href: string | null }
    /** "Find more like this": a search for each of its categories */
    categories: LinkView[]
    hub: LinkView | null
  }
}

/** /services/:id: one service, with links to its places, organisation, hub and categories. */
export function presentServicePage(service: ServicePage): ServicePageView {
  return {
    pageTitle: service.name,
    metaDescription: service.description,
    breadcrumbs: [HOME, FIND_HELP],
    askHref: addresses.putMeInTouch({ from: 'service', id: service.id }),
    service: {
      ...service,
      summaryLine: `${[...service.when, service.next, service.cost].filter(Boolean).join('. ')}.`,
      places: service.places.map((place) => ({
        ...place,
        href: addresses.place(place.id),
        directions: directionsLink(place.name, place),
      })),
      contact: presentContact(service.contact),
      organisation: {
        name: service.organisation.name,
        href: service.organisation.published ? addresses.organisation(service.organisation.id) : null,
      },
      categories: service.categories.map((category) => ({
        href: addresses.search({ categories: [category.code] }),
        text: category.name,
      })),
      hub: service.hub ? hubLink(service.hub) : null,
    },
  }
}
