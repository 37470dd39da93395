import type { Db } from '../../../db/connection'
import { HubsRepository, type HubInput } from '../../../db/repositories/hubsRepository'
import {
  OrganisationsRepository,
  type OrganisationInput,
} from '../../../db/repositories/organisationsRepository'
import { PlacesRepository, type PlaceInput } from '../../../db/repositories/placesRepository'
import { aHub, aService } from '../../builders'
import { aDatabase } from '../../support/testApp'

const count = (db: Db, sql: string, ...params: unknown[]): number =>
  db.prepare<unknown[], { n: number }>(sql).get(...params)?.n ?? 0

let db: Db
beforeEach(() => {
  db = aDatabase()
})
afterEach(() => db.close())

describe('writing hubs', () => {
  const thanet: HubInput = {
    slug: 'thanet',
    name: 'Thanet',
    description: 'Margate, Ramsgate and Broadstairs.',
    latitude: 51.36,
    longitude: 1.4,
    radiusMiles: 6,
    meetingPlaceDescription: 'The library, first Monday',
  }

  it('a new hub reads back by its slug, and its meeting place can be set once the place exists', () => {
    const hubs = new HubsRepository(db)
    const places = new PlacesRepository(db)
    const id = hubs.insert(thanet)
    expect(hubs.findBySlug('thanet')).toMatchObject({
      id,
      name: 'Thanet',
      description: 'Margate, Ramsgate and Broadstairs.',
      latitude: 51.36,
      longitude: 1.4,
      meetingPlaceDescription: 'The library, first Monday',
      meetingPlaceId: null,
    })
    const library = places.insert({
      name: 'Margate library',
      latitude: 51.38,
      longitude: 1.38,
      status: 'published',
    })
    expect(hubs.setMeetingPlace(id, library)).toBe(true)
    expect(hubs.findBySlug('thanet')).toMatchObject({
      meetingPlaceId: library,
      meetingPlaceName: 'Margate library',
    })
  })

  it('an update replaces the hub and keeps when it was made', () => {
    const hubs = new HubsRepository(db)
    const id = hubs.insert({ ...thanet, createdAt: '2025-01-01T09:00:00Z' })
    const boundary = JSON.stringify({
      type: 'Polygon',
      coordinates: [
        [
          [1.3, 51.3],
          [1.5, 51.3],
          [1.5, 51.4],
          [1.3, 51.3],
        ],
      ],
    })
    expect(
      hubs.update(id, { ...thanet, name: 'Isle of Thanet', radiusMiles: null, boundaryGeojson: boundary }),
    ).toBe(true)
    expect(hubs.findBySlug('thanet')?.name).toBe('Isle of Thanet')
    expect(
      db
        .prepare(
          'SELECT boundary_geojson AS boundary, radius_miles AS radius, created_at AS createdAt FROM hubs',
        )
        .get(),
    ).toEqual({ boundary, radius: null, createdAt: '2025-01-01T09:00:00Z' })
    expect(hubs.update(999, thanet)).toBe(false)
  })

  it("keeps a hub's phone, email and meeting times, and an update can change or clear them", () => {
    const hubs = new HubsRepository(db)
    const id = hubs.insert({
      ...thanet,
      phone: '01632 960001',
      email: 'thanet.hub@example.org',
      meetingTimes: 'Second Wednesday of the month, 11am to 1pm',
    })
    expect(hubs.findBySlug('thanet')).toMatchObject({
      phone: '01632 960001',
      email: 'thanet.hub@example.org',
      meetingTimes: 'Second Wednesday of the month, 11am to 1pm',
    })
    expect(hubs.pageWithCounts({ limit: 20, offset: 0 })[0]).toMatchObject({
      phone: '01632 960001',
      email: 'thanet.hub@example.org',
    })

    hubs.update(id, { ...thanet, phone: '01632 960002' })

    // Left out, email and meeting times are empty, as on a new hub.
    expect(hubs.findBySlug('thanet')).toMatchObject({ phone: '01632 960002', email: null, meetingTimes: '' })
  })

  it('deleting a hub leaves its services, with no hub', () => {
    const hubs = new HubsRepository(db)
    const id = hubs.insert(thanet)
    const service = aService(db, { hubId: id })
    expect(hubs.delete(id)).toBe(true)
    expect(hubs.findBySlug('thanet')).toBeUndefined()
    expect(db.prepare('SELECT hub_id AS hubId FROM services WHERE id = ?').get(service)).toEqual({
      hubId: null,
    })
  })
})

describe('writing organisations', () => {
  const strollers = (hubIds: number[]): OrganisationInput => ({
    name: 'Thanet Strollers',
    description: 'Walks for all.',
    website: 'https://strollers.example.org',
    email: 'hello@strollers.example.org',
    phone: '01632 960111',
    address1: '1 High Street',
    city: 'Margate',
    postalCode: 'CT9 1AA',
    latitude: 51.38,
    longitude: 1.38,
    status: 'published',
    lastChecked: '2026-04-01',
    hubIds,
  })

  it('a new organisation reads back with the hubs it works in, each once', () => {
    const organisations = new OrganisationsRepository(db)
    const thanet = aHub(db, { name: 'Thanet' })
    const kent = aHub(db, { name: 'East Kent' })
    const id = organisations.insert(strollers([thanet, kent, thanet]))
    expect(organisations.findPublishedById(id)).toMatchObject({
      name: 'Thanet Strollers',
      website: 'https://strollers.example.org',
      address1: '1 High Street',
      postalCode: 'CT9 1AA',
      lastChecked: '2026-04-01',
    })
    expect(organisations.hubsOf(id, 20).map((hub) => hub.name)).toEqual(['East Kent', 'Thanet'])
    expect(organisations.hubsOf(id, 1).map((hub) => hub.name)).toEqual(['East Kent'])
    expect(organisations.countHubsOf(id)).toBe(2)
  })

  it('an update replaces its details and hubs; a status change and a check show in public reads', () => {
    const organisations = new OrganisationsRepository(db)
    const thanet = aHub(db, { name: 'Thanet' })
    const kent = aHub(db, { name: 'East Kent' })
    const id = organisations.insert(strollers([thanet]))
    expect(organisations.update(id, { ...strollers([kent]), name: 'Kent Strollers' })).toBe(true)
    expect(organisations.findPublishedById(id)?.name).toBe('Kent Strollers')
    expect(organisations.hubsOf(id, 20).map((hub) => hub.name)).toEqual(['East Kent'])

    organisations.markChecked(id, '2026-10-10')
    expect(organisations.findPublishedById(id)?.lastChecked).toBe('2026-10-10')
    organisations.setStatus(id, 'pending')
    expect(organisations.findPublishedById(id)).toBeUndefined()
  })

  it('a failed update keeps its hubs as they were', () => {
    const organisations = new OrganisationsRepository(db)
    const thanet = aHub(db)
    const id = organisations.insert(strollers([thanet]))
    expect(() => organisations.update(id, strollers([thanet, 999]))).toThrow(/FOREIGN KEY/)
    expect(count(db, 'SELECT count(*) AS n FROM organization_hubs WHERE organization_id = ?', id)).toBe(1)
  })

  it('deleting an organisation removes its hub links; one that still runs services is refused', () => {
    const organisations = new OrganisationsRepository(db)
    const busy = organisations.insert(strollers([aHub(db)]))
    aService(db, { organisationId: busy })
    expect(() => organisations.delete(busy)).toThrow(/FOREIGN KEY/)
    const quiet = organisations.insert(strollers([aHub(db)]))
    expect(organisations.delete(quiet)).toBe(true)
    expect(count(db, 'SELECT count(*) AS n FROM organization_hubs WHERE organization_id = ?', quiet)).toBe(0)
  })
})

describe('writing places', () => {
  const hall: PlaceInput = {
    name: 'Cliftonville hall',
    description: 'A hall with a kitchen.',
    address1: '2 Northdown Road',
    address2: 'Cliftonville',
    city: 'Margate',
    postalCode: 'CT9 2RN',
    latitude: 51.388,
    longitude: 1.4,
    status: 'published',
    lastChecked: '2026-02-02',
    access: [
      { code: 'step-free', details: 'Ramp at the side door' },
      { code: 'hearing-loop' },
      { code: 'parking', available: false, details: 'Park in the street' },
    ],
  }

  it('a new place reads back every accessibility feature as yes, no or not known, with its words', () => {
    const places = new PlacesRepository(db)
    const id = places.insert(hall)
    expect(places.findPublishedById(id)).toMatchObject({
      name: 'Cliftonville hall',
      address1: '2 Northdown Road',
      address2: 'Cliftonville',
      postalCode: 'CT9 2RN',
      lastChecked: '2026-02-02',
    })
    expect(places.accessFeaturesOf(id)).toEqual([
      { code: 'step-free', label: 'Step-free access', available: true, details: 'Ramp at the side door' },
      { code: 'hearing-loop', label: 'Hearing loop', available: true, details: null },
      { code: 'accessible-toilet', label: 'Accessible toilet', available: null, details: null },
      { code: 'seating', label: 'Seating available', available: null, details: null },
      { code: 'parking', label: 'Parking', available: false, details: 'Park in the street' },
      { code: 'bus-stop', label: 'Near a bus stop', available: null, details: null },
    ])
  })

  it('keeps a "no" as a row of its own, apart from features nobody recorded', () => {
    const places = new PlacesRepository(db)
    const id = places.insert(hall)
    expect(
      db
        .prepare(
          'SELECT feature_code AS code, available FROM location_accessibility WHERE location_id = ? ORDER BY 1',
        )
        .all(id),
    ).toEqual([
      { code: 'hearing-loop', available: 1 },
      { code: 'parking', available: 0 },
      { code: 'step-free', available: 1 },
    ])
  })

  it('an update replaces its details and features; archiving takes it out of public reads', () => {
    const places = new PlacesRepository(db)
    const id = places.insert(hall)
    expect(
      places.update(id, {
        ...hall,
        name: 'Northdown hall',
        access: [{ code: 'parking' }, { code: 'hearing-loop', available: false }],
      }),
    ).toBe(true)
    expect(places.findPublishedById(id)?.name).toBe('Northdown hall')
    const recorded = places.accessFeaturesOf(id).filter((feature) => feature.available !== null)
    expect(recorded.map(({ code, available }) => ({ code, available }))).toEqual([
      { code: 'hearing-loop', available: false },
      { code: 'parking', available: true },
    ])
    places.markChecked(id, '2026-09-09')
    expect(places.findPublishedById(id)?.lastChecked).toBe('2026-09-09')
    places.setStatus(id, 'archived')
    expect(places.findPublishedById(id)).toBeUndefined()
  })

  it('reads a row written before access facts had three states as a "yes", and refuses anything but yes or no', () => {
    const places = new PlacesRepository(db)
    const id = places.insert({ ...hall, access: [] })
    db.prepare('INSERT INTO location_accessibility (location_id, feature_code) VALUES (?, ?)').run(
      id,
      'seating',
    )
    expect(places.accessFeaturesOf(id).find((feature) => feature.code === 'seating')?.available).toBe(true)
    expect(() =>
      db
        .prepare('INSERT INTO location_accessibility (location_id, feature_code, available) VALUES (?, ?, 2)')
        .run(id, 'parking'),
    ).toThrow(/CHECK/)
  })

  it('a place with a feature not on the list leaves nothing behind', () => {
    const places = new PlacesRepository(db)
    expect(() =>
      places.insert({ ...hall, id: 77, access: [{ code: 'step-free' }, { code: 'lift' }] }),
    ).toThrow(/FOREIGN KEY/)
    expect(count(db, 'SELECT count(*) AS n FROM locations WHERE id = 77')).toBe(0)
    expect(count(db, 'SELECT count(*) AS n FROM location_accessibility WHERE location_id = 77')).toBe(0)
  })

  it('deleting a place removes its features and the links of services that met there', () => {
    const places = new PlacesRepository(db)
    const id = places.insert(hall)
    const service = aService(db, { placeIds: [id] })
    expect(places.delete(id)).toBe(true)
    expect(count(db, 'SELECT count(*) AS n FROM location_accessibility WHERE location_id = ?', id)).toBe(0)
    expect(count(db, 'SELECT count(*) AS n FROM service_at_locations WHERE location_id = ?', id)).toBe(0)
    expect(count(db, 'SELECT count(*) AS n FROM services WHERE id = ?', service)).toBe(1)
  })
})
