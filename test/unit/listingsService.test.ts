import type { Db } from '../../db/connection'
import { buildServices } from '../../server/services'
import type { ListingsService } from '../../server/services/listingsService'
import { testConfig } from '../../server/config'
import { fixedClock } from '../../server/services/clock'
import { aHub, anOrganisation, aPlace, aService } from '../builders'
import { aDatabase } from '../support/testApp'

// Real points: Margate's Trinity Square, Ramsgate harbour and Broadstairs' Pierremont Park.
const MARGATE = { latitude: 51.3886, longitude: 1.3866 }
const RAMSGATE = { latitude: 51.3282, longitude: 1.4194 }
const BROADSTAIRS = { latitude: 51.3597, longitude: 1.4356 }

describe('ListingsService', () => {
  let db: Db
  let listings: ListingsService

  beforeEach(() => {
    db = aDatabase()
    listings = buildServices(db, testConfig()).listings
  })

  describe('serviceSummaries', () => {
    it('keeps the order it was given, as search ranks them', () => {
      const walk = aService(db, { name: 'Walk and talk' })
      const lunch = aService(db, { name: 'Lunch club' })
      const choir = aService(db, { name: 'Silver choir' })

      const names = listings.serviceSummaries([choir, walk, lunch]).map((summary) => summary.name)

      expect(names).toEqual(['Silver choir', 'Walk and talk', 'Lunch club'])
    })

    it('leaves out drafts, archived and pending listings and ids that do not exist', () => {
      const published = aService(db, { name: 'Tea and chat' })
      const draft = aService(db, { name: 'Draft group', status: 'draft' })
      const archived = aService(db, { name: 'Old group', status: 'archived' })
      const pending = aService(db, { name: 'Waiting group', status: 'pending' })

      const summaries = listings.serviceSummaries([draft, published, archived, pending, 987654])

      expect(summaries.map((summary) => summary.name)).toEqual(['Tea and chat'])
    })

    it('shows a resident in Ramsgate the Ramsgate venue of a group that meets in two towns, and how far it is', () => {
      const margateHall = aPlace(db, {
        name: 'Trinity Hall',
        city: 'Margate',
        ...MARGATE,
        access: ['hearing-loop'],
      })
      const ramsgateHall = aPlace(db, {
        name: 'Harbour Rooms',
        city: 'Ramsgate',
        ...RAMSGATE,
        access: ['step-free'],
      })
      const walk = aService(db, { name: 'Walk and talk', placeIds: [margateHall, ramsgateHall] })

      const [nearRamsgate] = listings.serviceSummaries([walk], { from: { latitude: 51.33, longitude: 1.42 } })
      const [nearMargate] = listings.serviceSummaries([walk], {
        from: { latitude: 51.389, longitude: 1.386 },
      })

      expect(nearRamsgate?.where).toBe('Harbour Rooms, Ramsgate')
      expect(nearRamsgate?.accessInBrief).toBe(
        'Step-free access: yes. Hearing loop: not known. Accessible toilet: not known. Seating available: not known. Parking: not known. Near a bus stop: not known.',
      )
      expect(nearRamsgate?.distance).toBe('0.1 miles away')
      expect(nearMargate?.where).toBe('Trinity Hall, Margate')
      expect(nearMargate?.accessInBrief).toMatch(/^Hearing loop: yes\. Step-free access: not known\. /)
      expect(nearMargate?.distance).toBe('Less than 0.1 miles away')
    })

    it('uses the first place and says no distance when no point is given', () => {
      const first = aPlace(db, { name: 'Trinity Hall', city: 'Margate', ...MARGATE })
      const second = aPlace(db, { name: 'Harbour Rooms', city: 'Ramsgate', ...RAMSGATE })
      const walk = aService(db, { placeIds: [first, second] })

      const [summary] = listings.serviceSummaries([walk])

      expect(summary?.where).toBe('Trinity Hall, Margate')
      expect(summary?.distance).toBeNull()
    })

    it('does not repeat the town when the place name already says it', () => {
      const library = aPlace(db, { name: 'Old Town Library, Margate', city: 'Margate' })
      const walk = aService(db, { placeIds: [library] })

      expect(listings.serviceSummaries([walk])[0]?.where).toBe('Old Town Library, Margate')
    })

    it('takes distances search has already worked out', () => {
      const hall = aPlace(db, { ...BROADSTAIRS })
      const walk = aService(db, { placeIds: [hall] })

      const [summary] = listings.serviceSummaries([walk], {
        from: MARGATE,
        distanceMilesById: new Map([[walk, 2.34]]),
      })

      expect(summary?.distance).toBe('2.3 miles away')
    })

    it('says "Comes to your home" only to someone inside the area it covers, and "By phone" to anyone', () => {
      const hubId = aHub(db, { latitude: MARGATE.latitude, longitude: MARGATE.longitude, radiusMiles: 2 })
      const visits = aService(db, { comesToHome: true, hubId })
      const calls = aService(db, { byPhone: true, hubId })
      const ways = (from: { latitude: number; longitude: number }) =>
        listings.serviceSummaries([visits, calls], { from }).map((summary) => summary.ways)

      expect(ways(MARGATE)).toEqual([['Comes to your home'], ['By phone']])
      expect(ways({ latitude: 53.38, longitude: -1.47 })).toEqual([[], ['By phone']])
    })

    it('never shows a place that is not published', () => {
      const draftHall = aPlace(db, { name: 'Secret Hall', status: 'draft', ...RAMSGATE })
      const hall = aPlace(db, { name: 'Trinity Hall', city: 'Margate', ...MARGATE })
      const walk = aService(db, { placeIds: [draftHall, hall] })

      const [summary] = listings.serviceSummaries([walk], { from: RAMSGATE })

      expect(summary?.where).toBe('Trinity Hall, Margate')
    })

    it('puts when, cost, who runs it and the last check into words', () => {
      const organisationId = anOrganisation(db, { name: 'Thanet Ramblers' })
      const walk = aService(db, {
        organisationId,
        isFree: false,
        costAmountPence: 200,
        costOption: 'session',
        lastChecked: '2026-03-14',
        categories: ['walking-groups'],
        schedules: [{ byday: 'TH', opensAt: '14:00', closesAt: '15:30' }, { byday: 'TU' }],
        comesToHome: true,
        hubId: aHub(db, { latitude: MARGATE.latitude, longitude: MARGATE.longitude, radiusMiles: 5 }),
      })

      const [summary] = listings.serviceSummaries([walk])

      expect(summary).toMatchObject({
        id: walk,
        organisationName: 'Thanet Ramblers',
        when: ['Tuesdays, 10am to 12 noon', 'Thursdays, 2pm to 3:30pm'],
        cost: '£2 a session',
        ways: ['Comes to your home'],
        categories: ['Walking groups'],
        lastChecked: 'Last checked: March 2026',
        where: null,
      })
    })
  })

  describe('the next date, from the clock’s today', () => {
    // Tuesday 1 December 2026, 10am in the UK.
    const onTuesdayMorning = () =>
      buildServices(db, testConfig(), fixedClock('2026-12-01T10:00:00Z')).listings

    it('says when a group next meets at the place it is shown at', () => {
      const margate = aPlace(db, { name: 'Trinity Hall', city: 'Margate', ...MARGATE })
      const ramsgate = aPlace(db, { name: 'Harbour Rooms', city: 'Ramsgate', ...RAMSGATE })
      const walk = aService(db, {
        placeIds: [margate, ramsgate],
        schedules: [
          { byday: 'FR', opensAt: '10:00', closesAt: '12:00', placeId: margate },
          { byday: 'WE', opensAt: '10:00', closesAt: '12:00', placeId: ramsgate },
        ],
      })

      const [inMargate] = onTuesdayMorning().serviceSummaries([walk], { atPlaceId: margate })
      const [inRamsgate] = onTuesdayMorning().serviceSummaries([walk], { atPlaceId: ramsgate })

      expect(inMargate?.next).toBe('Next: Friday 4 December')
      expect(inRamsgate?.next).toBe('Next: tomorrow')
    })

    it('gives no next date to a visit at home, whose time is agreed with each person', () => {
      const visits = aService(db, { comesToHome: true, placeIds: [] })

      expect(onTuesdayMorning().serviceSummaries([visits])[0]?.next).toBeNull()
      expect(onTuesdayMorning().servicePage(visits)?.next).toBeNull()
    })

    it('puts the next date and, for an old listing, a warning on the service page', () => {
      const old = aService(db, {
        lastChecked: '2025-04-30',
        phone: null,
        placeIds: [aPlace(db)],
        schedules: [{ byday: 'TU' }],
      })

      const page = onTuesdayMorning().servicePage(old)

      expect(page?.next).toBe('Next: today')
      expect(page?.staleWarning).toBe(
        'This was last checked over a year ago, in April 2025; ask the organisers before you go.',
      )
    })
  })

  describe('pages', () => {
    it('gives a service page only for a published service', () => {
      const draft = aService(db, { status: 'draft' })
      const live = aService(db, { name: 'Lunch club' })

      expect(listings.servicePage(draft)).toBeUndefined()
      expect(listings.servicePage(live)?.name).toBe('Lunch club')
    })

    it('keeps a phone number and an http website, and never keeps a website that is not http', () => {
      const good = aService(db, { phone: ' 01632 960 000 ', url: 'https://example.org/lunch/' })
      const bad = aService(db, { url: 'javascript:alert(1)' })

      expect(listings.servicePage(good)?.contact).toMatchObject({
        phone: '01632 960 000',
        website: 'https://example.org/lunch/',
      })
      expect(listings.servicePage(good)?.hasContact).toBe(true)
      expect(listings.servicePage(bad)?.contact.website).toBeNull()
    })

    it("lists an organisation's published services only, and the hubs it works in", () => {
      const hub = aHub(db, { slug: 'thanet', name: 'Thanet' })
      const organisationId = anOrganisation(db, { hubIds: [hub] })
      aService(db, { organisationId, name: 'Walk and talk' })
      aService(db, { organisationId, name: 'Hidden draft', status: 'draft' })

      const page = listings.organisationPage(organisationId)

      expect(page?.services.summaries.map((service) => service.name)).toEqual(['Walk and talk'])
      expect(page?.hubs).toEqual([{ slug: 'thanet', name: 'Thanet' }])
    })

    it('gives no page for a draft organisation or an archived place', () => {
      expect(listings.organisationPage(anOrganisation(db, { status: 'draft' }))).toBeUndefined()
      expect(listings.placePage(aPlace(db, { status: 'archived' }))).toBeUndefined()
    })

    it('shows each service on a place page at that place, with no distance', () => {
      const elsewhere = aPlace(db, { name: 'Harbour Rooms', city: 'Ramsgate', ...RAMSGATE })
      const here = aPlace(db, {
        name: 'Trinity Hall',
        city: 'Margate',
        ...MARGATE,
        access: ['step-free', { code: 'hearing-loop', available: false }],
      })
      aService(db, { name: 'Walk and talk', placeIds: [elsewhere, here] })

      const page = listings.placePage(here)

      expect(page?.access).toEqual([
        'Step-free access: yes',
        'Hearing loop: no',
        'Accessible toilet: not known',
        'Seating available: not known',
        'Parking: not known',
        'Near a bus stop: not known',
      ])
      expect(page?.someAccessNotKnown).toBe(true)
      expect(page?.services.summaries[0]).toMatchObject({
        name: 'Walk and talk',
        where: 'Trinity Hall, Margate',
        distance: null,
      })
    })

    it("shows a visitor a renamed or archived group at once, on its own page, its organisation's and its place's", () => {
      const organisationId = anOrganisation(db)
      const hall = aPlace(db, { name: 'Trinity Hall' })
      const walk = aService(db, { organisationId, name: 'Walk and talk', placeIds: [hall] })
      expect(listings.servicePage(walk)?.name).toBe('Walk and talk')
      expect(listings.organisationPage(organisationId)?.services.summaries[0]?.name).toBe('Walk and talk')
      expect(listings.placePage(hall)?.services.summaries[0]?.name).toBe('Walk and talk')

      db.prepare("UPDATE services SET name = 'Walk, talk and tea' WHERE id = ?").run(walk)

      expect(listings.servicePage(walk)?.name).toBe('Walk, talk and tea')
      expect(listings.organisationPage(organisationId)?.services.summaries[0]?.name).toBe(
        'Walk, talk and tea',
      )
      expect(listings.placePage(hall)?.services.summaries[0]?.name).toBe('Walk, talk and tea')
      db.prepare("UPDATE services SET status = 'archived' WHERE id = ?").run(walk)
      expect(listings.servicePage(walk)).toBeUndefined()
      expect(listings.placePage(hall)?.services.total).toBe(0)
    })

    it("moves a group's next date on to next week the minute this week's meeting ends, on every page", () => {
      let now = '2026-12-01T11:59:00Z' // Tuesday 1 December, 11:59am in the UK
      const clock = { now: () => new Date(now) }
      const pages = buildServices(db, testConfig(), clock).listings
      const organisationId = anOrganisation(db)
      const hall = aPlace(db)
      const walk = aService(db, {
        organisationId,
        placeIds: [hall],
        schedules: [{ byday: 'TU', opensAt: '10:00', closesAt: '12:00', placeId: hall }],
      })
      expect(pages.servicePage(walk)?.next).toBe('Next: today')
      expect(pages.organisationPage(organisationId)?.services.summaries[0]?.next).toBe('Next: today')

      now = '2026-12-01T12:00:00Z'

      expect(pages.servicePage(walk)?.next).toBe('Next: Tuesday 8 December')
      expect(pages.organisationPage(organisationId)?.services.summaries[0]?.next).toBe(
        'Next: Tuesday 8 December',
      )
      expect(pages.placePage(hall)?.services.summaries[0]?.next).toBe('Next: Tuesday 8 December')
    })

    it('counts only published services per category on the start page', () => {
      aService(db, { categories: ['walking-groups'] })
      aService(db, { categories: ['walking-groups'] })
      aService(db, { categories: ['walking-groups'], status: 'draft' })
      aService(db, { categories: ['lunch-clubs'], status: 'archived' })

      const { categories } = listings.startPage()

      expect(categories).toEqual([{ code: 'walking-groups', name: 'Walking groups', count: 2 }])
    })
  })
})
