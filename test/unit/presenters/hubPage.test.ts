import { presentHubPage, searchNearHub } from '../../../server/presenters/hubPage'
import { presentHubPrintSheet } from '../../../server/presenters/hubPrintSheet'
import { presentHubsList } from '../../../server/presenters/hubsList'
import type { HubPage } from '../../../server/services/hubsService'
import type { HubSkills, PersonProfile } from '../../../server/services/peopleService'
import { aResult } from '../../support/searchExamples'

const aHubPage = (changes: Partial<HubPage> = {}): HubPage => ({
  id: 1,
  slug: 'thanet',
  name: 'Thanet',
  description: 'Neighbours in Margate, Ramsgate and Broadstairs.',
  meets: {
    description: 'First Monday of the month',
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
  ...changes,
})

const aProfile = (displayName: string): PersonProfile => ({
  displayName,
  hub: { name: 'Thanet', slug: 'thanet' },
  skills: ['Gardening'],
  skillsInOwnWords: '',
  wouldLikeToShare: '',
})

const skillsIn = (skills: HubSkills['skills']): HubSkills[] => [
  { hub: { name: 'Thanet', slug: 'thanet' }, skills },
]

describe('the hub page presenter', () => {
  it('links the hub’s meeting place, places, organisations, print sheet and people', () => {
    const view = presentHubPage(aHubPage(), [aResult(7, 'Walk and Talk')], {
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
  })

  it('searches for the hub’s groups near its town, or round its centre when it has none', () => {
    const nearTown = presentHubPage(aHubPage(), [], { profiles: [], hubs: [] })
    const nearCentre = presentHubPage(aHubPage({ searchNear: { lat: 51.3813, lng: 1.3862 } }), [], {
      profiles: [],
      hubs: [],
    })

    expect(nearTown.hub.searchHref).toBe('/search?where=Margate')
    expect(nearTown.hub.groupTypes[0]?.href).toBe('/search?where=Margate&category=walking-groups')
    expect(nearCentre.hub.searchHref).toBe('/search?lat=51.3813&lng=1.3862')
    expect(nearCentre.hub.groupTypes[0]?.href).toBe('/search?lat=51.3813&lng=1.3862&category=walking-groups')
    expect(searchNearHub({ where: 'St Ives' }, ['lunch-clubs', 'choirs'])).toBe(
      '/search?where=St+Ives&category=lunch-clubs&category=choirs',
    )
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

    const view = presentHubPage(aHubPage(), [], { profiles, hubs: skillsIn(skills) })

    expect(view.profiles).toHaveLength(10)
    expect(view.profiles[0]?.hub?.href).toBe('/hubs/thanet')
    expect(view.profileCount).toBe(12)
    expect(view.skillsShared).toEqual(skills)
  })

  it('makes a large-print sheet that says how many groups it left out and where to find them', () => {
    const view = presentHubPrintSheet(
      aHubPage({ groupCount: 103 }),
      [{ ...aResult(7, 'Walk and Talk'), phone: '01632 960301' }],
      'https://commonground.example/',
    )

    expect(view.pageTitle).toBe('Large-print sheet: Thanet')
    expect(view.breadcrumbs.at(-1)).toEqual({ href: '/hubs/thanet', text: 'Thanet' })
    expect(view.groups[0]).toMatchObject({ href: '/services/7', phone: '01632 960301' })
    expect(view.moreGroups).toBe(3)
    expect(view.pageAddress).toBe('https://commonground.example/hubs/thanet')
  })

  it('links each hub on the hubs list to its page', () => {
    const view = presentHubsList([
      {
        id: 1,
        name: 'Thanet',
        slug: 'thanet',
        description: '',
        meets: null,
        groups: 2,
        places: 1,
        organisations: 1,
        people: { named: 1, othersToo: false },
      },
    ])

    expect(view.pageTitle).toBe('Local hubs')
    expect(view.hubs[0]).toMatchObject({ href: '/hubs/thanet', people: { named: 1, othersToo: false } })
  })
})
