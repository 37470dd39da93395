import { presentOrganisationPage } from '../../../server/presenters/organisationPage'
import { presentPlacePage } from '../../../server/presenters/placePage'
import { presentServicePage } from '../../../server/presenters/servicePage'
import { presentServiceSummaries, presentServiceSummary } from '../../../server/presenters/serviceSummary'
import { presentStartPage } from '../../../server/presenters/startPage'
import type { ServicePage } from '../../../server/services/listingsService'
import { aResult } from '../../support/searchExamples'

const aServicePage = (changes: Partial<ServicePage> = {}): ServicePage => ({
  id: 7,
  name: 'Walk and Talk',
  description: 'A gentle walk along the front.',
  whoFor: '',
  howToJoin: 'Just turn up.',
  when: ['Every Tuesday, 10am to 12 noon'],
  next: 'Next: Tuesday 8 December',
  cost: 'Free',
  places: [
    {
      id: 3,
      name: 'Trinity Hall',
      nameAndTown: 'Trinity Hall, Margate',
      addressLines: ['12 Church Road', 'Margate'],
      latitude: 51.3886,
      longitude: 1.3866,
      access: ['Step-free access: yes', 'Hearing loop: not known'],
    },
  ],
  comesToHome: false,
  ways: [],
  contact: { phone: '01632 960 000', email: 'walks@example.org', website: 'https://example.org/walks/' },
  hasContact: true,
  organisation: { id: 11, name: 'Thanet Ramblers', published: true },
  categories: [{ code: 'walking-groups', name: 'Walking groups' }],
  hub: { slug: 'thanet', name: 'Thanet' },
  lastChecked: 'Last checked: March 2026',
  staleWarning: null,
  ...changes,
})

describe('the service page presenter', () => {
  it('titles the page with the service and links its place, organisation, hub and categories', () => {
    const view = presentServicePage(aServicePage())

    expect(view.pageTitle).toBe('Walk and Talk')
    expect(view.metaDescription).toBe('A gentle walk along the front.')
    expect(view.breadcrumbs).toEqual([
      { href: '/', text: 'Home' },
      { href: '/search', text: 'Find help' },
    ])
    expect(view.service.places[0]?.href).toBe('/places/3')
    expect(view.service.organisation).toEqual({ name: 'Thanet Ramblers', href: '/organisations/11' })
    expect(view.service.hub).toEqual({ href: '/hubs/thanet', text: 'Thanet' })
    expect(view.service.categories).toEqual([
      { href: '/search?category=walking-groups', text: 'Walking groups' },
    ])
    // The words the service chose are shown as they came.
    expect(view.service.when).toEqual(['Every Tuesday, 10am to 12 noon'])
    expect(view.service.lastChecked).toBe('Last checked: March 2026')
  })

  it('rings a phone number from its digits, writes to the email, and shows the website without https://', () => {
    const { contact } = presentServicePage(aServicePage()).service

    expect(contact).toEqual({
      phone: '01632 960 000',
      phoneHref: 'tel:01632960000',
      email: 'walks@example.org',
      emailHref: 'mailto:walks@example.org',
      website: { href: 'https://example.org/walks/', text: 'example.org/walks' },
    })
  })

  it('names an unpublished organisation without linking to a page that does not exist, and leaves out a missing hub', () => {
    const view = presentServicePage(
      aServicePage({
        organisation: { id: 11, name: 'Not Yet Live', published: false },
        hub: null,
        contact: { phone: null, email: null, website: null },
        hasContact: false,
      }),
    )

    expect(view.service.organisation).toEqual({ name: 'Not Yet Live', href: null })
    expect(view.service.hub).toBeNull()
    expect(view.service.contact).toEqual({
      phone: null,
      phoneHref: null,
      email: null,
      emailHref: null,
      website: null,
    })
  })

  it('sums it up under the heading, when, next and cost, and gives directions to each place on OpenStreetMap', () => {
    const view = presentServicePage(aServicePage())

    expect(view.service.summaryLine).toBe('Every Tuesday, 10am to 12 noon. Next: Tuesday 8 December. Free.')
    expect(view.service.places[0]?.directions).toEqual({
      href: 'https://www.openstreetmap.org/directions?to=51.3886,1.3866',
      text: 'Directions to Trinity Hall (OpenStreetMap)',
    })
  })

  it('sums up a group whose times cannot give a next date with its times and cost alone', () => {
    const view = presentServicePage(aServicePage({ when: [], next: null, cost: '£2 a session' }))

    expect(view.service.summaryLine).toBe('£2 a session.')
  })

  it('links a hub slug safely, whatever it holds', () => {
    const view = presentServicePage(aServicePage({ hub: { slug: 'a b/c', name: 'Odd' } }))

    expect(view.service.hub?.href).toBe('/hubs/a%20b%2Fc')
  })
})

describe('the service summary presenter, used by every list of services', () => {
  it('links each summary to its page and keeps its words and anything added to it', () => {
    const summary = { ...aResult(5, 'Choir'), phone: '01632 960301' }

    expect(presentServiceSummary(summary)).toEqual({ ...summary, href: '/services/5' })
    expect(presentServiceSummaries([aResult(2, 'B'), aResult(1, 'A')]).map((s) => s.href)).toEqual([
      '/services/2',
      '/services/1',
    ])
  })
})

describe('the organisation, place and start page presenters', () => {
  it('links an organisation’s hubs and the groups it runs', () => {
    const view = presentOrganisationPage({
      id: 11,
      name: 'Thanet Ramblers',
      description: 'Walks for everyone.',
      addressLines: [],
      point: null,
      contact: { phone: null, email: null, website: null },
      hasContact: false,
      hubs: [{ slug: 'thanet', name: 'Thanet' }],
      hubCount: 3,
      services: { summaries: [aResult(7, 'Walk and Talk')], total: 21, page: 2, pageCount: 2 },
      lastChecked: 'Last checked: March 2026',
      staleWarning: null,
    })

    expect(view.pageTitle).toBe('Thanet Ramblers')
    // It works in 3 hubs, of which the page names 1.
    expect(view.organisation.moreHubs).toBe(2)
    // The 21st of its 21 groups is on its second page.
    expect(view.organisation.showing).toBe('Showing 21 to 21 of 21.')
    expect(view.organisation.pagination?.previous).toBe('/organisations/11')
    expect(view.organisation.hubs).toEqual([{ href: '/hubs/thanet', text: 'Thanet' }])
    expect(view.organisation.services[0]?.href).toBe('/services/7')
    expect(view.hubsHref).toBe('/hubs')
    // With no address to go to, there are no directions.
    expect(view.organisation.directions).toBeNull()
  })

  it('puts a place in a hub under Local hubs in its breadcrumbs, and one with no hub under Find help', () => {
    const place = {
      id: 3,
      name: 'Trinity Hall',
      description: '',
      addressLines: ['12 Church Road'],
      latitude: 51.3886,
      longitude: 1.3866,
      access: [],
      someAccessNotKnown: false,
      hub: { slug: 'thanet', name: 'Thanet' },
      organisation: { id: 11, name: 'Thanet Ramblers' },
      services: { summaries: [aResult(7, 'Walk and Talk')], total: 1, page: 1, pageCount: 1 },
      lastChecked: 'Last checked: March 2026',
      staleWarning: null,
    }

    const inHub = presentPlacePage(place)
    const alone = presentPlacePage({ ...place, hub: null, organisation: null })

    expect(inHub.breadcrumbs.map((crumb) => crumb.href)).toEqual(['/', '/hubs', '/hubs/thanet'])
    expect(inHub.place.organisation).toEqual({ href: '/organisations/11', text: 'Thanet Ramblers' })
    expect(inHub.place.services[0]?.href).toBe('/services/7')
    expect(alone.breadcrumbs.map((crumb) => crumb.href)).toEqual(['/', '/search'])
    expect(alone.place.organisation).toBeNull()
    expect(inHub.place.directions).toEqual({
      href: 'https://www.openstreetmap.org/directions?to=51.3886,1.3866',
      text: 'Directions to Trinity Hall (OpenStreetMap)',
    })
  })

  it('links each category on the start page to a search for it, and each hub to its page', () => {
    const view = presentStartPage({
      categories: [{ code: 'lunch-clubs', name: 'Lunch clubs', count: 4 }],
      hubs: [{ slug: 'thanet', name: 'Thanet', description: 'Neighbours in Thanet.' }],
      hubCount: 1,
      serviceCount: 4,
    })

    expect(view.start.categories).toEqual([
      { name: 'Lunch clubs', href: '/search?category=lunch-clubs', count: 4 },
    ])
    expect(view.start.hubs).toEqual([
      { name: 'Thanet', href: '/hubs/thanet', description: 'Neighbours in Thanet.' },
    ])
    expect(view.searchAction).toBe('/search')
  })
})
