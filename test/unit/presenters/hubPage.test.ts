import { presentHubPage } from '../../../server/presenters/hubPage'
import { presentHubPrintSheet } from '../../../server/presenters/hubPrintSheet'
import { presentHubsList } from '../../../server/presenters/hubsList'
import type { HubPage, HubSearches } from '../../../server/services/hubsService'
import { parseSearchQuery, type SearchFilters } from '../../../server/validation/searchQuery'
import type { HubSkills, PersonProfile } from '../../../server/services/peopleService'
import { aResult } from '../../support/searchExamples'

const aHubPage = (changes: Partial<HubPage> = {}): HubPage => ({
  id: 1,
  slug: 'thanet',
  name: 'Thanet',
  description: 'Neighbours in Margate, Ramsgate and Broadstairs.',
  contact: { phone: '01632 960001', email: 'thanet.hub@example.org' },
  meets: {
    times: 'First Monday of the month, 2pm to 4pm',
    description: 'Upstairs',
    place: { id: 3, name: 'Trinity Hall', addressLines: ['12 Church Road'] },
  },
  groupCount: 2,
  serviceIds: [7, 8],
  groupTypes: [{ code: 'walking-groups', name: 'Walking groups', count: 2 }],
  searchNear: { where: 'Margate' },
  places: [{ id: 3, name: 'Trinity Hall', addressLines: ['12 Church Road'], access: [] }],
  placeCount: 1,
  organisations: [{ id: 11, name: 'Thanet Ramblers', description: '' }],
  organisationCount: 1,
  partners: [{ id: 12, name: 'Age UK Thanet' }],
  ...changes,
})

const near = (changes: Partial<SearchFilters>): SearchFilters => ({
  ...parseSearchQuery({}).filters,
  ...changes,
})

/** The hub page's searches, as HubsService.searchesNear gives them: Margate unless said. */
const searchesNear = (place: Partial<SearchFilters> = { where: 'Margate' }): HubSearches => ({
  everything: { filters: near(place), count: 40, more: false, withinMiles: 10 },
  byType: [
    {
      code: 'walking-groups',
      name: 'Walking groups',
      filters: near({ ...place, categories: ['walking-groups'] }),
      count: 4,
      more: false,
      withinMiles: null,
    },
  ],
})

const aProfile = (displayName: string): PersonProfile => ({
  displayName,
  hub: { name: 'Thanet', slug: 'thanet' },
  skills: ['Gardening'],
  skillsInOwnWords: '',
  wouldLikeToShare: '',
})

const skillsIn = (skills: HubSkills['skills']): HubSkills[] => [
  { hub: { name: 'Thanet', slug: 'thanet', phone: '01632 960001', email: 'thanet.hub@example.org' }, skills },
]

describe('the hub page presenter', () => {
  it('links the hub’s meeting place, places, organisations, print sheet and people', () => {
    const view = presentHubPage(aHubPage(), searchesNear(), [aResult(7, 'Walk and Talk')], {
      profiles: [],
      hubs: skillsIn([]),
    })

    expect(view.pageTitle).toBe('Thanet')
    expect(view.breadcrumbs.map((crumb) => crumb.href)).toEqual(['/', '/hubs'])
    expect(view.hub.href).toBe('/hubs/thanet')
    expect(view.hub.printHref).toBe('/hubs/thanet/print')
    expect(view.hub.meets?.place?.href).toBe('/places/3')
    expect(view.hub.places[0]?.href).toBe('/places/3')
    expect(view.hub.organisations[0]?.href).toBe('/organisations/11')
    expect(view.services.map((service) => service.href)).toEqual(['/services/7'])
    expect(view.peopleHref).toBe('/people?hub=thanet')
    expect(view.hub.contact).toEqual({
      phone: { text: '01632 960001', href: 'tel:01632960001' },
      email: { text: 'thanet.hub@example.org', href: 'mailto:thanet.hub@example.org' },
      contactHref: '/hubs/thanet#contact',
    })
    expect(view.hub.meets?.times).toBe('First Monday of the month, 2pm to 4pm')
  })

  it('links each search with the count search gives for exactly those filters, near its town or round its centre', () => {
    const nearTown = presentHubPage(aHubPage(), searchesNear(), [], { profiles: [], hubs: [] })
    const nearCentre = presentHubPage(aHubPage(), searchesNear({ lat: 51.3813, lng: 1.3862 }), [], {
      profiles: [],
      hubs: [],
    })

    expect(nearTown.searchAll).toEqual({
      href: '/search?where=Margate',
      count: 40,
      counted: true,
      more: false,
      near: 'within 10 miles of Margate',
    })
    expect(nearTown.groupTypes[0]).toEqual({
      code: 'walking-groups',
      name: 'Walking groups',
      href: '/search?where=Margate&category=walking-groups',
      count: 4,
      counted: true,
      more: false,
      near: 'near Margate',
    })
    expect(nearCentre.searchAll.href).toBe('/search?lat=51.3813&lng=1.3862')
    expect(nearCentre.searchAll.near).toBe('within 10 miles of the hub')
    expect(nearCentre.groupTypes[0]?.href).toBe('/search?lat=51.3813&lng=1.3862&category=walking-groups')
  })

  it('says "more than" past search’s limit, and gives no number for a kind not counted', () => {
    const searches = searchesNear()
    const view = presentHubPage(
      aHubPage(),
      {
        everything: { ...searches.everything, count: 1000, more: true },
        byType: searches.byType.map((type) => ({ ...type, count: null })),
      },
      [],
      { profiles: [], hubs: [] },
    )

    expect(view.searchAll).toMatchObject({ count: 1000, counted: true, more: true })
    expect(view.groupTypes[0]).toMatchObject({ name: 'Walking groups', count: null, counted: false })
  })

  it('names the first 10 people happy to be named, counts them all, and keeps every skill of the hub', () => {
    const profiles = Array.from({ length: 12 }, (_, i) => aProfile(`Helper${i + 1}`))
    const skills = [
      {
        code: 'gardening',
        name: 'Gardening',
        sharedBy: ['Helper1'],
        others: { shown: true as const, count: 6 },
      },
      { code: 'baking', name: 'Baking', sharedBy: [], others: { shown: false as const } },
    ]

    const view = presentHubPage(aHubPage(), searchesNear(), [], { profiles, hubs: skillsIn(skills) })

    expect(view.profiles).toHaveLength(10)
    expect(view.profiles[0]?.hub?.href).toBe('/hubs/thanet')
    expect(view.profileCount).toBe(12)
    expect(view.skillsShared).toEqual([
      { ...skills[0], nameInSentence: 'gardening' },
      { ...skills[1], nameInSentence: 'baking' },
    ])
  })

  it('makes a large-print sheet dated today in UK time, that says how many groups it left out and where to find them', () => {
    const walk = {
      serviceId: 7,
      name: 'Walk and Talk',
      time: '10am to 12 noon',
      place: { name: 'Trinity Hall', addressLines: ['12 Church Road'] },
      ways: [],
      phone: '01632 960301',
      cost: 'Free',
      organisationName: 'Ramblers',
    }
    const view = presentHubPrintSheet(
      aHubPage({ groupCount: 103 }),
      { days: [{ day: 'Tuesday', entries: [walk] }], otherTimes: [] },
      // 11:30pm GMT on 30 November is still 30 November in London (no summer time then).
      { baseUrl: 'https://commonground.example/', today: new Date('2026-11-30T23:30:00Z') },
    )

    expect(view.pageTitle).toBe("What's on: Thanet (large print)")
    expect(view.breadcrumbs.at(-1)).toEqual({ href: '/hubs/thanet', text: 'Thanet' })
    expect(view.days[0]?.entries[0]).toEqual(walk)
    expect(view.correctOn).toBe('30 November 2026')
    expect(view.hub.contact.phone?.text).toBe('01632 960001')
    expect(view.moreGroups).toBe(3)
    expect(view.pageAddress).toBe('https://commonground.example/hubs/thanet')
  })

  it('dates the sheet by the day in the UK, which in summer starts an hour before midnight GMT', () => {
    const view = presentHubPrintSheet(
      aHubPage(),
      { days: [], otherTimes: [] },
      { baseUrl: 'https://commonground.example', today: new Date('2026-06-30T23:30:00Z') },
    )

    expect(view.correctOn).toBe('1 July 2026')
  })

  it('links each hub on the hubs list to its page', () => {
    const view = presentHubsList(
      {
        total: 1,
        page: 1,
        pageCount: 1,
        hubs: [
          {
            id: 1,
            name: 'Thanet',
            slug: 'thanet',
            description: '',
            contact: { phone: null, email: 'thanet.hub@example.org' },
            meets: null,
            groups: 2,
            places: 1,
            organisations: 1,
            people: { named: 1, othersToo: false },
            miles: null,
          },
        ],
      },
      { typed: '', place: null },
    )

    expect(view.pageTitle).toBe('Local hubs')
    expect(view.hubs[0]).toMatchObject({ href: '/hubs/thanet', people: { named: 1, othersToo: false } })
    expect(view.hubs[0]?.contact).toEqual({
      phone: null,
      email: { text: 'thanet.hub@example.org', href: 'mailto:thanet.hub@example.org' },
      contactHref: '/hubs/thanet#contact',
    })
    expect(view.hubs[0]?.distance).toBeNull()
    // One page: no pages to choose from.
    expect(view.pagination).toBeNull()
    expect(view.showing).toBeNull()
  })

  it('says how far each hub is and keeps the place on every page link when the list is nearest first', () => {
    const hub = {
      id: 1,
      name: 'Crewe',
      slug: 'crewe',
      description: '',
      contact: { phone: null, email: null },
      meets: null,
      groups: 0,
      places: 0,
      organisations: 0,
      people: { named: 0, othersToo: false },
      miles: 2.34,
    }
    const view = presentHubsList(
      {
        total: 45,
        page: 2,
        pageCount: 3,
        hubs: Array.from({ length: 20 }, (_, i) => ({ ...hub, id: i + 1 })),
      },
      {
        typed: 'crewe',
        place: {
          kind: 'found',
          point: { latitude: 53.09, longitude: -2.44 },
          label: 'Crewe',
          precision: 'place',
          where: 'Crewe',
        },
      },
    )

    expect(view.pageTitle).toBe('Local hubs near Crewe')
    expect(view.order).toBe('Nearest to Crewe first.')
    expect(view.showing).toBe('Showing 21 to 40 of 45.')
    expect(view.hubs[0]?.distance).toBe('2.3 miles away')
    expect(view.pagination?.previous).toBe('/hubs?where=Crewe')
    expect(view.pagination?.next).toBe('/hubs?where=Crewe&page=3')
    expect(view.allHubsHref).toBe('/hubs')
  })
})
