import type { Db } from '../../db/connection'
import { testConfig } from '../../server/config'
import { buildServices } from '../../server/services'
import { COMES_TO_YOUR_HOME, SearchService } from '../../server/services/searchService'
import { matchExpression, searchWords } from '../../server/services/searchWords'
import { NO_FILTERS, type SearchFilters } from '../../server/validation/searchQuery'
import { aHub, aPerson, aPlace, aService, anOrganisation } from '../builders'
import { aDatabase } from '../support/testApp'

// The searcher stands in the middle of Margate.
const MARGATE = { lat: 51.3813, lng: 1.3862 }
const CLIFTONVILLE = { latitude: 51.388, longitude: 1.4 } // about 0.8 miles away
const BROADSTAIRS = { latitude: 51.3603, longitude: 1.4322 } // about 2.5 miles
const RAMSGATE = { latitude: 51.3358, longitude: 1.4196 } // about 3.5 miles
const CANTERBURY = { latitude: 51.2802, longitude: 1.0789 } // about 15 miles
const SHEFFIELD = { latitude: 53.3811, longitude: -1.4701 } // about 190 miles

function aSearch(db: Db, privacyMinCount = 5): SearchService {
  return buildServices(db, testConfig({ privacyMinCount })).search
}

const filters = (overrides: Partial<SearchFilters> = {}): SearchFilters => ({ ...NO_FILTERS, ...overrides })
const nearMargate = (overrides: Partial<SearchFilters> = {}): SearchFilters =>
  filters({ lat: MARGATE.lat, lng: MARGATE.lng, ...overrides })

const names = (search: SearchService, f: SearchFilters) =>
  search.search(f).results.map((result) => result.name)

describe('search: words', () => {
  let db: Db
  beforeEach(() => {
    db = aDatabase()
  })

  it('a resident searching "walking" sees the group named for it above one that only mentions it', () => {
    aService(db, {
      name: 'Tuesday strollers',
      description: 'A gentle walking route along the seafront, then tea.',
    })
    aService(db, { name: 'Walking for health', description: 'Every week.' })
    aService(db, { name: 'Knit and natter', description: 'Bring your own wool.' })
    expect(names(aSearch(db), filters({ q: 'walking' }))).toEqual(['Walking for health', 'Tuesday strollers'])
  })

  it('ranks a category match above a description-only match', () => {
    aService(db, { name: 'Seafront club', description: 'We sometimes sing.' })
    aService(db, { name: 'Thursday club', categories: ['singing'] })
    db.prepare("UPDATE taxonomy_terms SET name = 'Choirs and singing' WHERE code = 'singing'").run()
    expect(names(aSearch(db), filters({ q: 'singing' }))).toEqual(['Thursday club', 'Seafront club'])
  })

  it('"computer" finds a "Tablet help" group through its category\'s own words', () => {
    aService(db, {
      name: 'Tablet help',
      description: 'Bring your device and ask anything.',
      categories: ['digital-help'],
    })
    aService(db, { name: 'Lunch club' })
    expect(names(aSearch(db), filters({ q: 'computer' }))).toEqual(['Tablet help'])
    expect(names(aSearch(db), filters({ q: 'Computers' }))).toEqual(['Tablet help'])
  })

  it('"lonely" finds befriending and social groups, through their categories', () => {
    aService(db, {
      name: 'Telephone befriending',
      description: 'A weekly call.',
      categories: ['befriending'],
    })
    aService(db, { name: 'Friday social', description: 'Tea and cake.', categories: ['coffee-mornings'] })
    aService(db, {
      name: 'Carers’ time out',
      description: 'A break for carers.',
      categories: ['carers-support'],
    })
    expect(names(aSearch(db), filters({ q: 'lonely' })).sort()).toEqual([
      'Friday social',
      'Telephone befriending',
    ])
  })

  it('a widower typing "lonely" sees befriending above a group that only mentions the word', () => {
    aService(db, {
      name: 'Carers’ time out',
      description: 'Caring can be lonely. We give you a break.',
      categories: ['carers-support'],
      lastChecked: '2026-11-01',
    })
    aService(db, {
      name: 'Good neighbours',
      description: 'A volunteer visits you.',
      categories: ['befriending'],
      lastChecked: '2025-01-01',
    })
    expect(names(aSearch(db), filters({ q: 'lonely' }))).toEqual(['Good neighbours', 'Carers’ time out'])
  })

  it('does not widen "tablet" to other words: a group that says "Phone us" is not a tablet group', () => {
    aService(db, { name: 'Lunch club', description: 'Phone us to book a place.' })
    aService(db, { name: 'Tablet help', categories: ['digital-help'] })
    expect(names(aSearch(db), filters({ q: 'tablet' }))).toEqual(['Tablet help'])
  })

  it('"bereavement" finds only what speaks of it, not befriending or other loss', () => {
    aService(db, { name: 'Good neighbours', description: 'A friendly visit.', categories: ['befriending'] })
    aService(db, { name: 'Memory café', description: 'For memory loss.', categories: ['memory-support'] })
    aService(db, { name: 'Bereavement café', description: 'Talk with others who have lost someone.' })
    expect(names(aSearch(db), filters({ q: 'bereavement' }))).toEqual(['Bereavement café'])
  })

  it("ranks the name, then a category, then a category's word, then the description, then who runs it", () => {
    const walkers = anOrganisation(db, { name: 'Coastal Walkers' })
    aService(db, { name: 'History talk', organisationId: walkers, lastChecked: '2026-11-30' })
    aService(db, { name: 'Seafront stroll', categories: ['walking-groups'], lastChecked: '2025-01-01' })
    aService(db, {
      name: 'Tuesday club',
      description: 'Sometimes a walking trip.',
      lastChecked: '2026-11-29',
    })
    aService(db, { name: 'Walking football', lastChecked: '2024-01-01' })
    // "ramble" is one of the walking groups' own words, not in any name
    aService(db, { name: 'Sunday ramble', lastChecked: '2024-01-01' })
    expect(names(aSearch(db), filters({ q: 'walking' }))).toEqual([
      'Walking football',
      'Seafront stroll',
      'Tuesday club',
      'History talk',
    ])
    expect(names(aSearch(db), filters({ q: 'ramble' }))).toEqual(['Sunday ramble', 'Seafront stroll'])
  })

  it('with equal matches, the most recently checked comes first', () => {
    aService(db, { name: 'Walk B', lastChecked: '2025-06-01' })
    aService(db, { name: 'Walk A', lastChecked: '2024-06-01' })
    aService(db, { name: 'Walk C', lastChecked: '2026-06-01' })
    expect(names(aSearch(db), filters({ q: 'walk' }))).toEqual(['Walk C', 'Walk B', 'Walk A'])
  })

  it('matches the start of the last word, so "walk" finds "Walking" and "tab" finds "Tablet"', () => {
    aService(db, { name: 'Walking netball' })
    aService(db, { name: 'Tablet help' })
    expect(names(aSearch(db), filters({ q: 'walk' }))).toEqual(['Walking netball'])
    expect(names(aSearch(db), filters({ q: 'tab' }))).toEqual(['Tablet help'])
  })

  it('needs every word, and falls back to any of them when nothing has every word', () => {
    aService(db, { name: 'Walking group' })
    aService(db, { name: 'Lunch club' })
    const search = aSearch(db)
    expect(search.search(filters({ q: 'walking group' })).results.map((r) => r.name)).toEqual([
      'Walking group',
    ])
    const some = search.search(filters({ q: 'walking lunch' }))
    expect(some.someWordsOnly).toBe(true)
    expect(some.results.map((r) => r.name).sort()).toEqual(['Lunch club', 'Walking group'])
  })

  it('ignores accents and finds "cafe" in "Memory Café"', () => {
    aService(db, { name: 'Memory Café' })
    expect(names(aSearch(db), filters({ q: 'cafe' }))).toEqual(['Memory Café'])
  })

  it('finds services by who runs them and where they happen', () => {
    const org = anOrganisation(db, { name: 'Age Friendly Thanet' })
    const hall = aPlace(db, { name: 'Trinity Hall', city: 'Margate' })
    aService(db, { name: 'Tea dance', organisationId: org })
    aService(db, { name: 'Quiz night', placeIds: [hall] })
    expect(names(aSearch(db), filters({ q: 'thanet' }))).toEqual(['Tea dance'])
    expect(names(aSearch(db), filters({ q: 'trinity' }))).toEqual(['Quiz night'])
  })

  it.each([
    '"',
    '*',
    'NEAR(',
    'OR',
    '-',
    ':',
    'walking"',
    '"walking',
    'walk* OR NOT',
    'name:walking',
    '(((',
    '^x',
    'AND AND',
    "men's shed",
    '\u0000',
    '🙂',
  ])('does not fail on FTS syntax in the words: %s', (q) => {
    aService(db, { name: 'Walking group' })
    aService(db, { name: "Men's shed" })
    expect(() => aSearch(db).search(filters({ q }))).not.toThrow()
  })

  it('quotes every word it passes to the full-text index', () => {
    const words = (q: string) => searchWords(q).map((word) => ({ word, synonyms: [] }))
    const expression = matchExpression(words('walk* OR "NEAR(xmas" -group:'), 'AND')
    expect(expression).toBe('"walk" AND "xmas" AND ("group" OR "group"*)')
    expect(matchExpression(words('" * : -'), 'AND')).toBeNull()
  })

  it('lists everything by name when only symbols were typed', () => {
    aService(db, { name: 'Bowls' })
    aService(db, { name: 'Art club' })
    expect(names(aSearch(db), filters({ q: '***' }))).toEqual(['Art club', 'Bowls'])
  })
})

describe('search: only published listings', () => {
  let db: Db
  beforeEach(() => {
    db = aDatabase()
  })

  it('never shows draft, pending or archived services', () => {
    aService(db, { name: 'Walking group A', status: 'draft' })
    aService(db, { name: 'Walking group B', status: 'pending' })
    aService(db, { name: 'Walking group C', status: 'archived' })
    aService(db, { name: 'Walking group D' })
    const search = aSearch(db)
    expect(names(search, filters({ q: 'walking' }))).toEqual(['Walking group D'])
    expect(names(search, filters())).toEqual(['Walking group D'])
    // it has no place, so a search near a place leaves it out
    expect(names(search, nearMargate({ q: 'walking' }))).toEqual([])
  })

  it('drops a published service as soon as it is archived, and finds it again when republished', () => {
    const place = aPlace(db, { ...CLIFTONVILLE })
    const id = aService(db, { name: 'Walking group', placeIds: [place] })
    const search = aSearch(db)
    expect(names(search, nearMargate({ q: 'walking' }))).toEqual(['Walking group'])
    db.prepare("UPDATE services SET status = 'archived' WHERE id = ?").run(id)
    expect(names(search, filters({ q: 'walking' }))).toEqual([])
    expect(names(search, nearMargate({ q: 'walking' }))).toEqual([])
    expect([
      ...search.pointsMatching(filters({ q: 'walking' }), { west: -10, south: 49, east: 2, north: 61 }),
    ]).toEqual([])
    db.prepare("UPDATE services SET status = 'published', name = 'Strolling group' WHERE id = ?").run(id)
    expect(names(search, filters({ q: 'walking' }))).toEqual([])
    expect(names(search, filters({ q: 'strolling' }))).toEqual(['Strolling group'])
  })

  it('follows category changes: a service found by its category is lost when the category is taken off', () => {
    const id = aService(db, { name: 'Thursday club', categories: ['singing'] })
    db.prepare("UPDATE taxonomy_terms SET name = 'Choirs and singing' WHERE code = 'singing'").run()
    const search = aSearch(db)
    expect(names(search, filters({ q: 'choir' }))).toEqual(['Thursday club'])
    db.prepare('DELETE FROM service_categories WHERE service_id = ?').run(id)
    expect(names(search, filters({ q: 'choir' }))).toEqual([])
  })

  it('does not place a service at an unpublished place, nor once the service is deleted', () => {
    const draftHall = aPlace(db, { ...CLIFTONVILLE, status: 'draft' })
    const id = aService(db, { name: 'Walking group', placeIds: [draftHall] })
    const search = aSearch(db)
    expect(search.search(nearMargate({ q: 'walking' })).results).toEqual([])
    expect(names(search, filters({ q: 'walking' }))).toEqual(['Walking group'])
    db.prepare("UPDATE locations SET status = 'published' WHERE id = ?").run(draftHall)
    expect(search.search(nearMargate({ q: 'walking' })).results[0]?.distance).toBe('0.8 miles away')
    db.prepare('DELETE FROM services WHERE id = ?').run(id)
    expect(search.search(filters({ q: 'walking' })).total).toBe(0)
  })
})

describe('search: near a place', () => {
  let db: Db
  beforeEach(() => {
    db = aDatabase()
  })

  it('a resident searching near Margate sees the nearer of two equal walking groups first, with distances', () => {
    aService(db, {
      name: 'Ramsgate walkers',
      placeIds: [aPlace(db, RAMSGATE)],
      categories: ['walking-groups'],
    })
    aService(db, {
      name: 'Cliftonville walkers',
      placeIds: [aPlace(db, CLIFTONVILLE)],
      categories: ['walking-groups'],
    })
    aService(db, {
      name: 'Canterbury walkers',
      placeIds: [aPlace(db, CANTERBURY)],
      categories: ['walking-groups'],
    })
    const outcome = aSearch(db).search(nearMargate({ q: 'walkers' }))
    expect(outcome.results.map((r) => [r.name, r.distance])).toEqual([
      ['Cliftonville walkers', '0.8 miles away'],
      ['Ramsgate walkers', '3.5 miles away'],
    ])
    // Canterbury is 15 miles away: beyond the 10 miles, while there is something closer
    expect(outcome.total).toBe(2)
    expect(outcome.near).toEqual({ miles: 10, chosen: false, nothingWithin: null, narrowedFrom: null })
  })

  it('near a crowded place, a search with words keeps to fewer miles, and says what it would have used', () => {
    for (const [name, point] of [
      ['Cliftonville walkers', CLIFTONVILLE],
      ['Broadstairs walkers', BROADSTAIRS],
      ['Ramsgate walkers', RAMSGATE],
    ] as const)
      aService(db, { name, placeIds: [aPlace(db, point)] })
    const services = buildServices(db, testConfig())
    // Three places within the 10 miles count as crowded here (a city has thousands).
    const crowded = new SearchService(
      services.repositories.search,
      services.listings,
      services.location,
      services.people,
      () => services.repositories.dataVersion.current(),
      { crowdedPlaces: 3 },
    )
    const outcome = crowded.search(nearMargate({ q: 'walkers' }))
    // Ramsgate, 3.5 miles away, is outside the 3 miles the list keeps to.
    expect(outcome.results.map((r) => r.name)).toEqual(['Cliftonville walkers', 'Broadstairs walkers'])
    expect(outcome.near).toEqual({ miles: 3, chosen: false, nothingWithin: null, narrowedFrom: 10 })
    // A distance the person chose is kept, however crowded.
    expect(crowded.search(nearMargate({ q: 'walkers', distance: 5 })).total).toBe(3)
    // Without words, nearest first already reads only the nearest: the radius is kept.
    expect(crowded.search(nearMargate()).near?.miles).toBe(10)
  })

  it('breaks a tie in distance by how well the words match', () => {
    const hall = aPlace(db, BROADSTAIRS)
    aService(db, { name: 'Friday club', description: 'Some gentle walking.', placeIds: [hall] })
    aService(db, { name: 'Walking club', placeIds: [hall] })
    expect(names(aSearch(db), nearMargate({ q: 'walking' }))).toEqual(['Walking club', 'Friday club'])
  })

  it('shows a service at two places once, at its nearest', () => {
    aService(db, {
      name: 'Chair yoga',
      placeIds: [
        aPlace(db, CANTERBURY),
        aPlace(db, { ...BROADSTAIRS, name: 'Pierremont Hall', city: 'Broadstairs' }),
      ],
    })
    const outcome = aSearch(db).search(nearMargate())
    expect(outcome.total).toBe(1)
    expect(outcome.results[0]?.distance).toBe('2.5 miles away')
    expect(outcome.results[0]?.where).toBe('Pierremont Hall, Broadstairs')
  })

  it('keeps only what is within the distance chosen', () => {
    aService(db, { name: 'Near', placeIds: [aPlace(db, CLIFTONVILLE)] })
    aService(db, { name: 'Middle', placeIds: [aPlace(db, RAMSGATE)] })
    aService(db, { name: 'Far', placeIds: [aPlace(db, CANTERBURY)] })
    const search = aSearch(db)
    expect(names(search, nearMargate({ distance: 1 }))).toEqual(['Near'])
    expect(names(search, nearMargate({ distance: 5 }))).toEqual(['Near', 'Middle'])
    expect(names(search, nearMargate({ distance: 25 }))).toEqual(['Near', 'Middle', 'Far'])
    expect(search.search(nearMargate({ distance: 25 })).withinMiles).toBe(25)
    // with no distance, what is within 10 miles
    const nearby = search.search(nearMargate())
    expect(nearby.results.map((r) => r.name)).toEqual(['Near', 'Middle'])
    expect(nearby.withinMiles).toBe(10)
  })

  it('widens to 25 miles only when nothing is within 10, and says so; never further than it says', () => {
    aService(db, {
      name: 'Canterbury lunch',
      placeIds: [aPlace(db, CANTERBURY)],
      categories: ['lunch-clubs'],
    })
    aService(db, { name: 'Sheffield lunch', placeIds: [aPlace(db, SHEFFIELD)], categories: ['lunch-clubs'] })
    aService(db, { name: 'Cliftonville walk', placeIds: [aPlace(db, CLIFTONVILLE)] })
    const outcome = aSearch(db).search(nearMargate({ q: 'lunch' }))
    expect(outcome.results.map((r) => [r.name, r.distance])).toEqual([['Canterbury lunch', '15 miles away']])
    expect(outcome.near).toEqual({ miles: 25, chosen: false, nothingWithin: 10, narrowedFrom: null })
  })

  it('never widens a distance the person chose', () => {
    aService(db, {
      name: 'Canterbury lunch',
      placeIds: [aPlace(db, CANTERBURY)],
      categories: ['lunch-clubs'],
    })
    const outcome = aSearch(db).search(nearMargate({ q: 'lunch', distance: 5 }))
    expect(outcome.total).toBe(0)
    expect(outcome.near).toEqual({ miles: 5, chosen: true, nothingWithin: 5, narrowedFrom: null })
    // ...and says what a wider distance would find
    expect(outcome.suggestions).toContainEqual({ kind: 'wider distance', miles: 25, total: 1 })
  })

  it('finds nothing beyond 50 miles, lists no far-away organisation, and says what would find something', () => {
    const sheffieldOrg = anOrganisation(db, { name: 'Sheffield Lunch Friends', ...SHEFFIELD })
    aService(db, {
      name: 'Sheffield lunch',
      organisationId: sheffieldOrg,
      placeIds: [aPlace(db, { ...SHEFFIELD, name: 'Lunch hall' })],
      categories: ['lunch-clubs'],
    })
    aService(db, {
      name: 'Margate coffee morning',
      placeIds: [aPlace(db, CLIFTONVILLE)],
      categories: ['coffee-mornings'],
      isFree: true,
    })
    const outcome = aSearch(db).search(nearMargate({ q: 'lunch', free: true }))
    expect(outcome.total).toBe(0)
    expect(outcome.near).toEqual({ miles: 50, chosen: false, nothingWithin: 50, narrowedFrom: null })
    expect(outcome.otherMatches).toEqual({ organisations: [], places: [] })
    expect(outcome.suggestions).toEqual([
      { kind: 'without place', total: 1 },
      { kind: 'without words', total: 1, withinMiles: 10 },
      { kind: 'category', code: 'coffee-mornings', name: expect.any(String), total: 1, withinMiles: 10 },
    ])
  })

  it('says how many removing each filter would find', () => {
    aService(db, {
      name: 'Tuesday lunch',
      placeIds: [aPlace(db, CLIFTONVILLE)],
      isFree: false,
      costAmountPence: 400,
      schedules: [{ byday: 'TU' }],
    })
    const outcome = aSearch(db).search(nearMargate({ q: 'lunch', free: true, day: 'tuesday' }))
    expect(outcome.total).toBe(0)
    expect(outcome.suggestions).toContainEqual({
      kind: 'remove filter',
      filter: { group: 'free', value: 'yes' },
      total: 1,
      withinMiles: 10,
    })
    expect(outcome.suggestions.some((s) => s.kind === 'remove filter' && s.filter.group === 'day')).toBe(
      false,
    )
  })

  it('leaves out, near a place, a service with no place that does not come to homes', () => {
    aService(db, { name: 'Phone line' })
    aService(db, { name: 'Near', placeIds: [aPlace(db, CLIFTONVILLE)] })
    expect(names(aSearch(db), nearMargate())).toEqual(['Near'])
    expect(names(aSearch(db), filters())).toEqual(['Near', 'Phone line'])
  })

  it('in a busy area, keeps to the radius however many there are', () => {
    for (let i = 0; i < 110; i++) aService(db, { name: `Close ${i}`, placeIds: [aPlace(db, CLIFTONVILLE)] })
    aService(db, { name: 'Far away', placeIds: [aPlace(db, CANTERBURY)] })
    const outcome = aSearch(db).search(nearMargate())
    expect(outcome.total).toBe(110)
    expect(outcome.withinMiles).toBe(10)
    // words matching only a few services are found further out, when nothing is closer
    expect(names(aSearch(db), nearMargate({ q: 'far' }))).toEqual(['Far away'])
  })

  it('puts a better match further away above a weaker match close by: nothing is pinned', () => {
    const thanet = aHub(db, { latitude: 51.36, longitude: 1.4, radiusMiles: 6 })
    aService(db, {
      name: 'Library visits',
      description: 'Books brought to your home; we also do some walking.',
      comesToHome: true,
      hubId: thanet,
    })
    aService(db, { name: 'Ramsgate walking group', placeIds: [aPlace(db, RAMSGATE)] })
    expect(names(aSearch(db), nearMargate({ q: 'walking' }))).toEqual([
      'Ramsgate walking group',
      'Library visits',
    ])
  })

  it("near a place too, a match on the word typed ranks above a match through a category's own words", () => {
    aService(db, {
      name: 'Seafront stroll',
      categories: ['walking-groups'],
      placeIds: [aPlace(db, CLIFTONVILLE)],
    })
    aService(db, { name: 'Sunday ramble', placeIds: [aPlace(db, RAMSGATE)] })
    expect(names(aSearch(db), nearMargate({ q: 'ramble' }))).toEqual(['Sunday ramble', 'Seafront stroll'])
  })

  it('a phone service says "By phone", never "Comes to your home", and is found anywhere in its hub\'s area only', () => {
    const thanet = aHub(db, { latitude: 51.36, longitude: 1.4, radiusMiles: 6 })
    aService(db, { name: 'Phone friends', byPhone: true, hubId: thanet, categories: ['befriending'] })
    const inside = aSearch(db).search(nearMargate({ q: 'phone friends' }))
    expect(inside.results.map((r) => [r.name, r.distance, r.ways])).toEqual([
      ['Phone friends', 'By phone', ['By phone']],
    ])
    expect(
      names(
        aSearch(db),
        filters({ lat: CANTERBURY.latitude, lng: CANTERBURY.longitude, q: 'phone friends' }),
      ),
    ).toEqual([])
    // and it does not come to homes, so that filter leaves it out
    expect(names(aSearch(db), nearMargate({ q: 'phone friends', home: true }))).toEqual([])
  })

  it('an online service says "Online", and is found from anywhere in its hub\'s area, ranked by its words like the rest', () => {
    const thanet = aHub(db, { latitude: 51.36, longitude: 1.4, radiusMiles: 6 })
    aService(db, { name: 'Tablet club online', online: true, hubId: thanet })
    aService(db, { name: 'Ramsgate tablet club', placeIds: [aPlace(db, RAMSGATE)] })
    aService(db, { name: 'Lunch', description: 'Bring your tablet.', online: true, hubId: thanet })
    const outcome = aSearch(db).search(nearMargate({ q: 'tablet' }))
    expect(outcome.results.map((r) => [r.name, r.distance])).toEqual([
      ['Tablet club online', 'Online'],
      ['Ramsgate tablet club', '3.5 miles away'],
      ['Lunch', 'Online'],
    ])
  })

  it('says "Comes to your home" only to a searcher inside the area the service covers', () => {
    const thanet = aHub(db, { latitude: 51.36, longitude: 1.4, radiusMiles: 6 })
    aService(db, {
      name: 'Money advice',
      comesToHome: true,
      hubId: thanet,
      placeIds: [aPlace(db, { ...RAMSGATE, name: 'Ramsgate library' })],
    })
    const inside = aSearch(db).search(nearMargate({ q: 'money' })).results[0]
    expect([inside?.distance, inside?.ways]).toEqual([COMES_TO_YOUR_HOME, [COMES_TO_YOUR_HOME]])
    const outside = aSearch(db).search(
      filters({ lat: CANTERBURY.latitude, lng: CANTERBURY.longitude, q: 'money' }),
    ).results[0]
    expect(outside?.distance).toBe('15 miles away')
    expect(outside?.ways).toEqual([])
  })

  it('ignores the distance when no place is given', () => {
    aService(db, { name: 'Far', placeIds: [aPlace(db, SHEFFIELD)] })
    expect(names(aSearch(db), filters({ distance: 1 }))).toEqual(['Far'])
  })

  it('includes a home-visit service whose hub covers the place, as "Comes to your home", first', () => {
    const thanet = aHub(db, { latitude: 51.36, longitude: 1.4, radiusMiles: 6 })
    const sheffield = aHub(db, {
      latitude: SHEFFIELD.latitude,
      longitude: SHEFFIELD.longitude,
      radiusMiles: 6,
    })
    aService(db, { name: 'Thanet home library', comesToHome: true, hubId: thanet })
    aService(db, { name: 'Sheffield home library', comesToHome: true, hubId: sheffield })
    aService(db, { name: 'Library club', placeIds: [aPlace(db, CLIFTONVILLE)] })
    const search = aSearch(db)
    const outcome = search.search(nearMargate({ q: 'library' }))
    expect(outcome.results.map((r) => [r.name, r.distance])).toEqual([
      ['Thanet home library', COMES_TO_YOUR_HOME],
      ['Library club', '0.8 miles away'],
    ])
    expect(names(search, nearMargate({ q: 'library', distance: 1, home: true }))).toEqual([
      'Thanet home library',
    ])
  })

  it('uses a hub boundary drawn as a polygon to decide whose homes a service reaches', () => {
    const square = (west: number, south: number, east: number, north: number) =>
      JSON.stringify({
        type: 'Polygon',
        coordinates: [
          [
            [west, south],
            [east, south],
            [east, north],
            [west, north],
            [west, south],
          ],
        ],
      })
    const thanet = aHub(db, { radiusMiles: null, boundaryGeojson: square(1.2, 51.3, 1.5, 51.4) })
    const canterbury = aHub(db, { radiusMiles: null, boundaryGeojson: square(1.0, 51.25, 1.15, 51.31) })
    aService(db, { name: 'Thanet handyperson', comesToHome: true, hubId: thanet })
    aService(db, { name: 'Canterbury handyperson', comesToHome: true, hubId: canterbury })
    expect(names(aSearch(db), nearMargate({ q: 'handyperson' }))).toEqual(['Thanet handyperson'])
  })

  it('says where it could not find a place, and searches nothing', () => {
    aService(db, { name: 'Walking group' })
    const outcome = aSearch(db).search(filters({ where: 'Xyzzy' }))
    expect(outcome.searched).toBe(false)
    expect(outcome.location?.kind).toBe('not-found')
    expect(outcome.results).toEqual([])
  })
})

describe('search: filters', () => {
  let db: Db
  beforeEach(() => {
    db = aDatabase()
  })

  it('filters by one category and by several', () => {
    aService(db, { name: 'Walk', categories: ['walking-groups'] })
    aService(db, { name: 'Lunch', categories: ['lunch-clubs'] })
    aService(db, { name: 'Choir', categories: ['singing'] })
    const search = aSearch(db)
    expect(names(search, filters({ categories: ['lunch-clubs'] }))).toEqual(['Lunch'])
    expect(names(search, filters({ categories: ['lunch-clubs', 'singing'] }))).toEqual(['Choir', 'Lunch'])
  })

  it('filters by day of the week', () => {
    aService(db, { name: 'Tuesday walk', schedules: [{ byday: 'TU' }] })
    aService(db, { name: 'Friday walk', schedules: [{ byday: 'FR' }, { byday: 'SA' }] })
    const search = aSearch(db)
    expect(names(search, filters({ day: 'friday' }))).toEqual(['Friday walk'])
    expect(names(search, filters({ day: 'saturday' }))).toEqual(['Friday walk'])
    expect(names(search, filters({ day: 'monday' }))).toEqual([])
  })

  it('filters to free things only', () => {
    aService(db, { name: 'Free walk', isFree: true })
    aService(db, { name: 'Paid lunch', isFree: false, costAmountPence: 350, costOption: 'meal' })
    expect(names(aSearch(db), filters({ free: true }))).toEqual(['Free walk'])
  })

  it('filters to services that come to your home', () => {
    aService(db, { name: 'Home visits', comesToHome: true })
    aService(db, { name: 'Drop-in' })
    expect(names(aSearch(db), filters({ home: true }))).toEqual(['Home visits'])
  })

  it.each(['step-free', 'hearing-loop', 'accessible-toilet', 'seating', 'parking', 'bus-stop'] as const)(
    'filters by the access feature %s, at the place itself',
    (code) => {
      aService(db, { name: 'Has it', placeIds: [aPlace(db, { access: [code] })] })
      aService(db, { name: 'Has not', placeIds: [aPlace(db, { access: [] })] })
      aService(db, { name: 'No place' })
      expect(names(aSearch(db), filters({ access: [code] }))).toEqual(['Has it'])
    },
  )

  it('needs one place with every access feature asked for', () => {
    aService(db, {
      name: 'Split',
      placeIds: [aPlace(db, { access: ['step-free'] }), aPlace(db, { access: ['hearing-loop'] })],
    })
    aService(db, {
      name: 'Both',
      placeIds: [aPlace(db, { access: ['step-free', 'hearing-loop', 'parking'] })],
    })
    expect(names(aSearch(db), filters({ access: ['step-free', 'hearing-loop'] }))).toEqual(['Both'])
  })

  it('measures distance to the nearest place that has the access asked for', () => {
    aService(db, {
      name: 'Two halls',
      placeIds: [
        aPlace(db, { ...CLIFTONVILLE, access: [] }),
        aPlace(db, { ...RAMSGATE, access: ['step-free'] }),
      ],
    })
    const [result] = aSearch(db).search(nearMargate({ access: ['step-free'] })).results
    expect(result?.distance).toBe('3.5 miles away')
    expect(names(aSearch(db), nearMargate({ access: ['step-free'], distance: 1 }))).toEqual([])
  })

  it('combines words, category, day, free, access and distance', () => {
    const near = aPlace(db, { ...CLIFTONVILLE, access: ['step-free', 'seating'] })
    const far = aPlace(db, { ...CANTERBURY, access: ['step-free', 'seating'] })
    const good = {
      categories: ['gentle-exercise'],
      schedules: [{ byday: 'WE' as const }],
      isFree: true,
      placeIds: [near],
    }
    aService(db, { name: 'Chair exercise', ...good })
    aService(db, { name: 'Chair exercise (paid)', ...good, isFree: false, costAmountPence: 200 })
    aService(db, { name: 'Chair exercise on Monday', ...good, schedules: [{ byday: 'MO' }] })
    aService(db, { name: 'Chair exercise far away', ...good, placeIds: [far] })
    aService(db, { name: 'Chair exercise, other category', ...good, categories: ['befriending'] })
    aService(db, {
      name: 'Chair exercise, no seats',
      ...good,
      placeIds: [aPlace(db, { ...CLIFTONVILLE, access: ['step-free'] })],
    })
    aService(db, { name: 'Bingo', ...good, categories: ['coffee-mornings'] })
    const outcome = aSearch(db).search(
      nearMargate({
        q: 'chair',
        categories: ['gentle-exercise'],
        day: 'wednesday',
        free: true,
        access: ['step-free', 'seating'],
        distance: 5,
      }),
    )
    expect(outcome.results.map((r) => r.name)).toEqual(['Chair exercise'])
    expect(outcome.total).toBe(1)
  })
})

describe('search: paging', () => {
  it('gives totals, page counts and the second page, nearest first across pages', () => {
    const db = aDatabase()
    for (let i = 0; i < 45; i++) {
      const place = aPlace(db, { latitude: MARGATE.lat + i * 0.002, longitude: MARGATE.lng })
      aService(db, { name: `Group ${String(i).padStart(2, '0')}`, placeIds: [place] })
    }
    const search = aSearch(db)
    const first = search.search(nearMargate())
    expect(first.total).toBe(45)
    expect(first.pageCount).toBe(3)
    expect(first.results).toHaveLength(20)
    expect(first.results[0]?.name).toBe('Group 00')
    const second = search.search(nearMargate({ page: 2 }))
    expect(second.results.map((r) => r.name)).toEqual(
      Array.from({ length: 20 }, (_, i) => `Group ${String(i + 20).padStart(2, '0')}`),
    )
    const third = search.search(filters({ page: 3 }))
    expect(third.results).toHaveLength(5)
    const beyond = search.search(filters({ page: 99999 }))
    expect(beyond.results).toEqual([])
    expect(beyond.pastTheEnd).toBe(true)
    expect(beyond.total).toBe(45)
  })
  it('pages through words best match first: every match once, ties in name order, with or without a filter', () => {
    const db = aDatabase()
    const pad = (i: number) => String(i).padStart(2, '0')
    for (let i = 29; i >= 0; i--) {
      aService(db, { name: `Club ${pad(i)}`, description: 'A walking route.', isFree: i % 2 === 0 })
    }
    for (let i = 14; i >= 0; i--) {
      aService(db, { name: `Walking group ${pad(i)}`, description: 'Every week.', isFree: i % 2 === 0 })
    }
    aService(db, { name: 'Knit and natter' })
    const search = aSearch(db)
    const everyPage = (f: Partial<SearchFilters>) =>
      [1, 2, 3].flatMap((page) => names(search, filters({ q: 'walking', ...f, page })))

    const all = [
      ...Array.from({ length: 15 }, (_, i) => `Walking group ${pad(i)}`),
      ...Array.from({ length: 30 }, (_, i) => `Club ${pad(i)}`),
    ]
    expect(search.search(filters({ q: 'walking' })).total).toBe(45)
    expect(everyPage({})).toEqual(all)
    const free = all.filter((name) => Number(name.slice(-2)) % 2 === 0)
    expect(search.search(filters({ q: 'walking', free: true })).total).toBe(free.length)
    expect(everyPage({ free: true })).toEqual(free)
  })
})

describe('people near you who share this skill', () => {
  it('names public profiles and gives counts of others only where they reach the threshold', () => {
    const db = aDatabase()
    const thanet = aHub(db, {
      name: 'Thanet',
      slug: 'thanet',
      latitude: 51.36,
      longitude: 1.4,
      radiusMiles: 6,
    })
    const quiet = aHub(db, {
      name: 'Broadstairs',
      slug: 'broadstairs',
      latitude: 51.3603,
      longitude: 1.4322,
      radiusMiles: 2,
    })
    const sheffield = aHub(db, {
      name: 'Sheffield',
      slug: 'sheffield',
      latitude: SHEFFIELD.latitude,
      longitude: SHEFFIELD.longitude,
    })
    aPerson(db, {
      firstName: 'Margaret',
      lastName: 'Hill',
      hubId: thanet,
      visibility: 'public',
      skills: ['tablets-and-phones'],
    })
    for (let i = 0; i < 3; i++)
      aPerson(db, { hubId: thanet, visibility: 'hub', skills: ['tablets-and-phones'] })
    aPerson(db, {
      firstName: 'Hidden',
      hubId: quiet,
      visibility: 'coordinators',
      skills: ['tablets-and-phones'],
    })
    aPerson(db, {
      firstName: 'Faraway',
      lastName: 'Person',
      hubId: sheffield,
      visibility: 'public',
      skills: ['tablets-and-phones'],
    })
    aService(db, { name: 'Tablet help', placeIds: [aPlace(db, CLIFTONVILLE)] })

    const outcome = aSearch(db, 3).search(nearMargate({ q: 'tablet' }))
    const people = outcome.peopleNearby
    expect(people?.skills.map((s) => s.code)).toEqual(['tablets-and-phones'])
    expect(people?.profiles.map((p) => p.displayName)).toEqual(['Margaret H.'])
    const byHub = Object.fromEntries(people?.hubs.map((h) => [h.hub.slug, h.skills[0]?.others]) ?? [])
    expect(byHub.thanet).toEqual({ shown: true, count: 3 })
    // One hidden person in Broadstairs reads exactly as nobody (privacy rule 3).
    expect(byHub.broadstairs).toEqual({ shown: false })
    expect(people?.hubs.map((h) => h.hub.slug)).toEqual(['broadstairs', 'thanet'])
    expect(JSON.stringify(outcome)).not.toContain('Hidden')
    expect(JSON.stringify(outcome)).not.toContain('Faraway')
    expect(JSON.stringify(outcome)).not.toContain('@example.com')
  })

  it('says nothing about people when the words name no skill, or no place is given', () => {
    const db = aDatabase()
    const thanet = aHub(db, { latitude: 51.36, longitude: 1.4 })
    aPerson(db, { hubId: thanet, visibility: 'public', skills: ['tablets-and-phones'] })
    const search = aSearch(db)
    expect(search.search(nearMargate({ q: 'bowls' })).peopleNearby).toBeNull()
    expect(search.search(filters({ q: 'tablet' })).peopleNearby).toBeNull()
    expect(search.search(nearMargate({ q: 'tablet' })).peopleNearby?.profiles).toHaveLength(1)
  })

  it('speaks of every hub in range, whether anyone there shares the skill or not, so its silence says nothing', () => {
    const db = aDatabase()
    aHub(db, {
      slug: 'thanet',
      name: 'Thanet',
      latitude: 51.36,
      longitude: 1.4,
      phone: '01632 960001',
      email: 'thanet.hub@example.org',
    })
    const search = aSearch(db)

    const people = search.search(nearMargate({ q: 'tablet' })).peopleNearby

    expect(people?.profiles).toEqual([])
    expect(people?.hubs).toEqual([
      {
        // The hub's own phone and email, so "ask the hub" can be acted on.
        hub: { name: 'Thanet', slug: 'thanet', phone: '01632 960001', email: 'thanet.hub@example.org' },
        skills: [
          { code: 'tablets-and-phones', name: 'Tablets and phones', sharedBy: [], others: { shown: false } },
        ],
      },
    ])
  })
})

describe('points for the map', () => {
  it('gives one point per service at each published place inside the box, with the same filters', () => {
    const db = aDatabase()
    const a = aPlace(db, CLIFTONVILLE)
    const b = aPlace(db, RAMSGATE)
    const hidden = aPlace(db, { ...BROADSTAIRS, status: 'draft' })
    const sheffield = aPlace(db, SHEFFIELD)
    const walk = aService(db, {
      name: 'Walking group',
      categories: ['walking-groups'],
      placeIds: [a, b, hidden, sheffield],
    })
    aService(db, { name: 'Lunch club', categories: ['lunch-clubs'], placeIds: [a] })
    const search = aSearch(db)
    const kent = { west: 0.5, south: 51, east: 1.8, north: 51.6 }
    const points = [...search.pointsMatching(filters({ q: 'walking' }), kent)]
    expect(points).toHaveLength(2)
    expect(points.every((p) => p.id === walk && p.kind === 'service' && p.name === 'Walking group')).toBe(
      true,
    )
    expect([...search.pointsMatching(filters(), kent)]).toHaveLength(3)
    expect([...search.pointsMatching(nearMargate({ distance: 1 }), kent)]).toHaveLength(2)
  })

  it('with a place and no distance, reaches exactly as far as the list: the radius, or the step it widened to', () => {
    const db = aDatabase()
    aService(db, {
      name: 'Canterbury lunch',
      placeIds: [aPlace(db, CANTERBURY)],
      categories: ['lunch-clubs'],
    })
    aService(db, { name: 'Sheffield lunch', placeIds: [aPlace(db, SHEFFIELD)], categories: ['lunch-clubs'] })
    aService(db, { name: 'Ramsgate walk', placeIds: [aPlace(db, RAMSGATE)], categories: ['walking-groups'] })
    const search = aSearch(db)
    const everywhere = { west: -10, south: 49, east: 2, north: 61 }
    const onMap = (f: SearchFilters) => Array.from(search.pointsMatching(f, everywhere), (p) => p.name)
    expect(onMap(nearMargate({ q: 'lunch' }))).toEqual(['Canterbury lunch'])
    expect(search.search(nearMargate({ q: 'lunch' })).results.map((r) => r.name)).toEqual([
      'Canterbury lunch',
    ])
    expect(onMap(nearMargate())).toEqual(['Ramsgate walk'])
    expect(
      search.reach(nearMargate({ q: 'lunch' }), { latitude: MARGATE.lat, longitude: MARGATE.lng }),
    ).toEqual({
      miles: 25,
      chosen: false,
      nothingWithin: 10,
      narrowedFrom: null,
    })
  })
})
