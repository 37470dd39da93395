import type { Db } from '../../db/connection'
import { loadGazetteerIfEmpty } from '../../db/gazetteer'
import { testConfig } from '../../server/config'
import { buildServices } from '../../server/services'
import { VISITOR } from '../../server/services/viewer'
import { aHub, anOrganisation, aPerson, aPlace, aService, writers } from '../builders'
import { aDatabase } from '../support/testApp'
import { aResult } from '../support/searchExamples'

const hubsService = (db: Db) => buildServices(db, testConfig()).hubs

describe('HubsService', () => {
  let db: Db
  let thanet: number
  let sheffield: number

  beforeEach(() => {
    db = aDatabase()
    thanet = aHub(db, { slug: 'thanet', name: 'Thanet', meetingPlaceDescription: 'Mondays at 2pm' })
    sheffield = aHub(db, { slug: 'sheffield', name: 'Sheffield', meetingPlaceDescription: '' })
  })

  it("gathers a hub's groups: its own, and those at its places, by name, leaving out drafts and other hubs", () => {
    const hall = aPlace(db, { name: 'Trinity Hall', hubId: thanet })
    const draftHall = aPlace(db, { name: 'Old Hall', hubId: thanet, status: 'draft' })
    const zumba = aService(db, { name: 'Zumba Gold', hubId: thanet })
    const art = aService(db, { name: 'Art Club', placeIds: [hall] })
    const both = aService(db, { name: 'Choir', hubId: thanet, placeIds: [hall] })
    aService(db, { name: 'Secret Draft', hubId: thanet, status: 'draft' })
    aService(db, { name: 'At a draft place', placeIds: [draftHall] })
    aService(db, { name: 'Sheffield Walk', hubId: sheffield })

    expect(hubsService(db).hubPage('thanet')?.serviceIds).toEqual([art, both, zumba])
  })

  it('shows a busy hub by type with its first 20 groups and 10 places by name, and searches round the hub for the rest', () => {
    for (let i = 1; i <= 25; i++) {
      const categories = i <= 15 ? ['walking-groups'] : ['lunch-clubs']
      aService(db, { name: `Group ${String(i).padStart(2, '0')}`, hubId: thanet, categories })
    }
    aService(db, { name: 'Draft Walk', hubId: thanet, categories: ['walking-groups'], status: 'draft' })
    aService(db, { name: 'Sheffield Walk', hubId: sheffield, categories: ['walking-groups'] })
    for (let i = 1; i <= 12; i++) aPlace(db, { name: `Hall ${String(i).padStart(2, '0')}`, hubId: thanet })

    const page = hubsService(db).hubPage('thanet')

    expect(page?.groupCount).toBe(25)
    expect(page?.serviceIds).toHaveLength(20)
    // No town is known (no gazetteer here), so its searches start from the hub's centre;
    // test/unit/presenters/hubPage.test.ts turns this into the search links.
    expect(page?.searchNear).toEqual({ lat: 51.3813, lng: 1.3862 })
    expect(page?.groupTypes.map(({ code, count }) => ({ code, count }))).toEqual(
      expect.arrayContaining([
        { code: 'walking-groups', count: 15 },
        { code: 'lunch-clubs', count: 10 },
      ]),
    )
    expect(page?.groupTypes).toHaveLength(2)
    expect(page?.placeCount).toBe(12)
    expect(page?.places.map((place) => place.name)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Hall ${String(i + 1).padStart(2, '0')}`),
    )
  })

  it('links a hub to the groups near its nearest town, so the search says "near Margate"', () => {
    const db = aDatabase()
    loadGazetteerIfEmpty(db)
    aHub(db, { slug: 'thanet', name: 'Thanet', latitude: 51.3813, longitude: 1.3862 })
    aService(db, {
      name: 'Sea walk',
      hubId: db.prepare<[], { id: number }>('SELECT id FROM hubs').get()?.id ?? null,
      categories: ['walking-groups'],
    })

    const page = hubsService(db).hubPage('thanet')

    expect(page?.searchNear).toEqual({ where: 'Margate' })
    expect(page?.groupTypes[0]?.code).toBe('walking-groups')
  })

  it('puts at most 100 groups on the large-print sheet, by name', () => {
    for (let i = 1; i <= 105; i++)
      aService(db, { name: `Group ${String(i).padStart(3, '0')}`, hubId: thanet })

    const ids = hubsService(db).printSheetServiceIds(thanet)

    expect(ids).toHaveLength(100)
    expect(hubsService(db).hubPage('thanet')?.groupCount).toBe(105)
  })

  it('lists each hub with its counts of published groups, places and organisations, and its people', () => {
    const hall = aPlace(db, { hubId: thanet })
    aPlace(db, { hubId: thanet, status: 'draft' })
    aService(db, { hubId: thanet, placeIds: [hall] })
    aService(db, { placeIds: [hall] })
    anOrganisation(db, { hubIds: [thanet, sheffield] })
    anOrganisation(db, { hubIds: [thanet], status: 'pending' })
    aPerson(db, { hubId: thanet })
    for (let i = 0; i < 5; i++) aPerson(db, { hubId: sheffield, visibility: 'hub' })

    const [first, second] = hubsService(db).listHubs(VISITOR, { page: 1 }).hubs

    expect(first).toMatchObject({ name: 'Sheffield', groups: 0, places: 0, organisations: 1 })
    expect(first?.people).toEqual({ named: 0, othersToo: true })
    expect(first?.meets).toEqual({
      times: 'First Monday of the month, 2pm to 4pm',
      description: '',
      place: null,
    })
    expect(second).toMatchObject({
      name: 'Thanet',
      slug: 'thanet',
      groups: 2,
      places: 1,
      organisations: 1,
    })
    expect(second?.people).toEqual({ named: 1, othersToo: false })
    expect(second?.meets).toEqual({
      times: 'First Monday of the month, 2pm to 4pm',
      description: 'Mondays at 2pm',
      place: null,
    })
    expect(second?.contact).toEqual({
      phone: expect.stringMatching(/^01632 960\d{3}$/),
      email: expect.stringMatching(/@example\.org$/),
    })
  })

  it("describes the hub's meeting place, places with access in words, and published organisations", () => {
    const hall = aPlace(db, {
      name: 'Trinity Hall',
      address1: '12 Church Road',
      city: 'Margate',
      postalCode: 'CT9 1AB',
      hubId: thanet,
      access: ['hearing-loop', { code: 'step-free', details: 'Ramp at the side door' }],
    })
    writers(db).hubs.setMeetingPlace(thanet, hall)
    anOrganisation(db, { name: 'Thanet Age Friends', hubIds: [thanet] })
    anOrganisation(db, { name: 'Draft Trust', hubIds: [thanet], status: 'draft' })

    const page = hubsService(db).hubPage('thanet')

    expect(page?.meets).toEqual({
      times: 'First Monday of the month, 2pm to 4pm',
      description: 'Mondays at 2pm',
      place: {
        id: hall,
        name: 'Trinity Hall',
        addressLines: ['12 Church Road', 'Margate', 'CT9 1AB'],
      },
    })
    expect(page?.places).toEqual([
      {
        id: hall,
        name: 'Trinity Hall',
        addressLines: ['12 Church Road', 'Margate', 'CT9 1AB'],
        access: ['Step-free access: Ramp at the side door', 'Hearing loop'],
      },
    ])
    expect(page?.organisations.map((o) => o.name)).toEqual(['Thanet Age Friends'])
  })

  it('does not name the town twice where the meeting place’s name already says it', () => {
    const rooms = aPlace(db, {
      name: 'Market Hall Rooms, Crewe',
      address1: '5 Earle Walk',
      city: 'Crewe',
      postalCode: 'CW1 2BH',
      hubId: thanet,
    })
    writers(db).hubs.setMeetingPlace(thanet, rooms)

    expect(hubsService(db).hubPage('thanet')?.meets?.place?.addressLines).toEqual(['5 Earle Walk', 'CW1 2BH'])
  })

  it('answers undefined for a hub that does not exist', () => {
    expect(hubsService(db).hubPage('atlantis')).toBeUndefined()
  })

  it("prints each group's own phone, or its organisation's when it has none", () => {
    const organisationId = anOrganisation(db, { phone: '01632 960300' })
    const ownPhone = aService(db, { organisationId, phone: '01632 960301' })
    const noPhone = aService(db, { organisationId, phone: null })

    const sheet = hubsService(db).printSheet(thanet, [
      aResult(ownPhone, 'Choir'),
      aResult(noPhone, 'Art Club'),
    ])

    expect(sheet.otherTimes.map((g) => [g.name, g.phone])).toEqual([
      ['Art Club', '01632 960300'],
      ['Choir', '01632 960301'],
    ])
  })

  it('arranges the large-print sheet by day of the week, each time with its place and address', () => {
    const hall = aPlace(db, {
      name: 'Trinity Hall, Margate',
      address1: '12 Church Road',
      city: 'Margate',
      postalCode: 'CT9 1AB',
      hubId: thanet,
    })
    const library = aPlace(db, { name: 'Margate Library', address1: 'Cecil Square', city: 'Margate' })
    const walk = aService(db, {
      hubId: thanet,
      placeIds: [library, hall],
      schedules: [
        { byday: 'TH', opensAt: '14:00', closesAt: '15:00' },
        { byday: 'MO', opensAt: '10:00', closesAt: '11:30' },
      ],
    })
    const choir = aService(db, {
      hubId: thanet,
      placeIds: [library],
      schedules: [{ byday: 'MO', opensAt: '09:00', closesAt: '10:00', freq: 'MONTHLY', weekOfMonth: 1 }],
    })
    const phoneFriends = aService(db, { hubId: thanet, comesToHome: true })

    const sheet = hubsService(db).printSheet(thanet, [
      aResult(walk, 'Walk and Talk'),
      aResult(choir, 'Choir'),
      { ...aResult(phoneFriends, 'Phone Friends'), ways: ['By phone'] },
    ])

    expect(sheet.days.map((day) => day.day)).toEqual(['Monday', 'Thursday'])
    expect(sheet.days[0]?.entries.map((e) => [e.name, e.time, e.place?.name])).toEqual([
      ['Choir', 'First Monday of the month, 9am to 10am', 'Margate Library'],
      // The hub's own place comes first for a group at several.
      ['Walk and Talk', '10am to 11:30am', 'Trinity Hall, Margate'],
    ])
    // The name says Margate already, so the address does not say it again.
    expect(sheet.days[0]?.entries[1]?.place?.addressLines).toEqual(['12 Church Road', 'CT9 1AB'])
    expect(sheet.otherTimes.map((e) => [e.name, e.place, e.ways])).toEqual([
      ['Phone Friends', null, ['By phone']],
    ])
  })

  it("counts each of the hub page's searches with search itself, so each number is what its link finds", () => {
    const services = buildServices(db, testConfig())
    const hall = aPlace(db, { hubId: thanet, latitude: 51.3813, longitude: 1.3862 })
    aService(db, { hubId: thanet, placeIds: [hall], categories: ['walking-groups'] })
    aService(db, { hubId: thanet, placeIds: [hall], categories: ['lunch-clubs'] })
    // Not the hub's, but near it: search finds it, so the count says so.
    const elsewhere = aPlace(db, { latitude: 51.38, longitude: 1.39 })
    aService(db, { placeIds: [elsewhere], categories: ['walking-groups'] })
    const page = services.hubs.hubPage('thanet')
    if (!page) throw new Error('no hub page')

    const searches = services.hubs.searchesNear(page)

    expect(searches.everything.count).toBe(services.search.search(searches.everything.filters).total)
    expect(searches.everything.count).toBe(3)
    expect(searches.byType.map(({ code, count }) => [code, count])).toEqual(
      expect.arrayContaining([
        ['walking-groups', 2],
        ['lunch-clubs', 1],
      ]),
    )
    for (const type of searches.byType) {
      expect(type.filters.categories).toEqual([type.code])
      expect(type.count).toBe(services.search.search(type.filters).total)
    }
  })

  it('counts within the radius in one pass, and says a count is not known when it stops short of the radius', () => {
    const services = buildServices(db, testConfig())
    const margate = { latitude: 51.3813, longitude: 1.3862 }
    const hall = aPlace(db, { hubId: thanet, ...margate })
    aService(db, { hubId: thanet, placeIds: [hall], categories: ['walking-groups'] })
    // About 5 miles away: inside the radius, outside the first 2-mile circle.
    const further = aPlace(db, { latitude: 51.3813, longitude: 1.5 })
    aService(db, { placeIds: [further], categories: ['walking-groups', 'lunch-clubs'] })

    const everything = services.search.countsWithinRadius(margate, ['walking-groups', 'lunch-clubs'], 100)
    const shortOfIt = services.search.countsWithinRadius(margate, ['walking-groups', 'lunch-clubs'], 1)

    expect(everything.total).toEqual({ count: 2, more: false })
    expect([...everything.categories]).toEqual([
      ['walking-groups', { count: 2, more: false }],
      ['lunch-clubs', { count: 1, more: false }],
    ])
    expect(shortOfIt.total).toBeNull()
    expect([...shortOfIt.categories]).toEqual([
      ['walking-groups', null],
      ['lunch-clubs', null],
    ])
  })

  it('leaves out a kind of group the hub has only beyond the radius, and counts the rest within it', () => {
    const services = buildServices(db, testConfig())
    const hall = aPlace(db, { hubId: thanet, latitude: 51.3813, longitude: 1.3862 })
    aService(db, { hubId: thanet, placeIds: [hall], categories: ['walking-groups'] })
    // The hub's own, but about 40 miles north: a search within 10 miles does not find it.
    const farHall = aPlace(db, { hubId: thanet, latitude: 51.95, longitude: 1.39 })
    aService(db, { hubId: thanet, placeIds: [farHall], categories: ['lunch-clubs'] })
    const page = services.hubs.hubPage('thanet')
    if (!page) throw new Error('no hub page')
    expect(page.groupTypes.map((type) => type.code)).toEqual(
      expect.arrayContaining(['walking-groups', 'lunch-clubs']),
    )

    const searches = services.hubs.searchesNear(page)

    expect(searches.byType.map(({ code, count, more }) => [code, count, more])).toEqual([
      ['walking-groups', 1, false],
    ])
    expect(searches.everything).toMatchObject({ count: 1, more: false, withinMiles: 10 })
    expect(services.search.search(searches.everything.filters).total).toBe(1)
  })
})
