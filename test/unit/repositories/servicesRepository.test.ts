import type { Db } from '../../../db/connection'
import { ServicesRepository, type ServiceInput } from '../../../db/repositories/servicesRepository'
import { UnknownTermError } from '../../../db/repositories/writing'
import { aHub, anOrganisation, aPlace, ensureTerm } from '../../builders'
import { aDatabase } from '../../support/testApp'

const count = (db: Db, sql: string, ...params: unknown[]): number =>
  db.prepare<unknown[], { n: number }>(sql).get(...params)?.n ?? 0

/** Everything a service leaves in the database, counted: its row, links and times. */
const traces = (db: Db, id: number) => ({
  services: count(db, 'SELECT count(*) AS n FROM services WHERE id = ?', id),
  categories: count(db, 'SELECT count(*) AS n FROM service_categories WHERE service_id = ?', id),
  places: count(db, 'SELECT count(*) AS n FROM service_at_locations WHERE service_id = ?', id),
  schedules: count(db, 'SELECT count(*) AS n FROM schedules WHERE service_id = ?', id),
  search: count(db, 'SELECT count(*) AS n FROM services_fts WHERE rowid = ?', id),
})

const NOTHING = { services: 0, categories: 0, places: 0, schedules: 0, search: 0 }

describe('writing a service through its repository', () => {
  let db: Db
  let services: ServicesRepository
  let walk: ServiceInput

  beforeEach(() => {
    db = aDatabase()
    services = new ServicesRepository(db)
    ensureTerm(db, 'category', 'walking-groups', 'Walking groups')
    ensureTerm(db, 'category', 'coffee-mornings', 'Coffee mornings')
    const hubId = aHub(db, { slug: 'thanet', name: 'Thanet' })
    walk = {
      organisationId: anOrganisation(db, { name: 'Thanet Strollers' }),
      hubId,
      name: 'Seafront walk and talk',
      description: 'A gentle walk along the front.',
      eligibilityDescription: 'Anyone who can walk for half an hour',
      applicationProcess: 'Just turn up.',
      isFree: false,
      costAmountPence: 150,
      costOption: 'session',
      costDescription: 'Tea included',
      comesToHome: false,
      email: 'walks@example.org',
      phone: '01632 960123',
      url: 'https://example.org/walks',
      status: 'published',
      lastChecked: '2026-05-01',
      categories: ['walking-groups', 'coffee-mornings'],
      placeIds: [aPlace(db, { name: 'Clock tower', hubId }), aPlace(db, { name: 'Lido café', hubId })],
      schedules: [{ byday: 'TU', opensAt: '10:00', closesAt: '11:30' }],
    }
  })

  afterEach(() => db.close())

  it('a new service reads back with everything it was given, its categories, places and times', () => {
    const [clockTower, lido] = walk.placeIds as [number, number]
    const id = services.insert({
      ...walk,
      schedules: [
        { byday: 'TU', opensAt: '10:00', closesAt: '11:30' },
        { byday: 'SA', opensAt: '14:00', closesAt: '15:00', freq: 'MONTHLY', weekOfMonth: -1, placeId: lido },
      ],
    })

    // Every field given comes back, under the same name.
    const {
      categories: _categories,
      placeIds: _places,
      schedules: _times,
      organisationId,
      hubId,
      status,
      ...fields
    } = walk
    expect(services.findPublishedById(id)).toMatchObject({
      ...fields,
      organisationId,
      organisationName: 'Thanet Strollers',
      hubId,
      hubSlug: 'thanet',
    })
    expect(status).toBe('published')
    const [summary] = services.findSummaryRows([id])
    expect(summary?.categories.map((c) => c.code)).toEqual(['walking-groups', 'coffee-mornings'])
    expect(summary?.places.map((p) => p.id)).toEqual([clockTower, lido])
    expect(summary?.schedules).toEqual([
      expect.objectContaining({
        byday: 'TU',
        opensAt: '10:00',
        closesAt: '11:30',
        freq: 'WEEKLY',
        placeId: null,
      }),
      expect.objectContaining({ byday: 'SA', freq: 'MONTHLY', weekOfMonth: -1, placeId: lido }),
    ])
  })

  it('a published service is in search once, complete with its categories and places', () => {
    const id = services.insert(walk)
    const document = db
      .prepare<[number], { categories: string; places: string }>(
        'SELECT categories, places FROM services_fts WHERE rowid = ?',
      )
      .all(id)
    expect(document).toHaveLength(1)
    expect(document[0]?.categories).toContain('Walking groups')
    expect(document[0]?.places).toContain('Lido café')
  })

  it('an update replaces the service and all its categories, places and times', () => {
    const id = services.insert(walk)
    const newPlace = aPlace(db, { name: 'Winter gardens' })
    expect(
      services.update(id, {
        ...walk,
        name: 'Winter walk',
        isFree: true,
        costAmountPence: null,
        categories: ['coffee-mornings'],
        placeIds: [newPlace],
        schedules: [{ byday: 'FR', opensAt: '13:00', closesAt: '14:00', placeId: newPlace }],
      }),
    ).toBe(true)

    expect(services.findPublishedById(id)).toMatchObject({
      name: 'Winter walk',
      isFree: true,
      costAmountPence: null,
    })
    const [summary] = services.findSummaryRows([id])
    expect(summary?.categories.map((c) => c.code)).toEqual(['coffee-mornings'])
    expect(summary?.places.map((p) => p.name)).toEqual(['Winter gardens'])
    expect(summary?.schedules).toEqual([expect.objectContaining({ byday: 'FR', placeId: newPlace })])
    expect(db.prepare('SELECT name FROM services_fts WHERE rowid = ?').all(id)).toEqual([
      { name: 'Winter walk' },
    ])
  })

  it('says how a service reaches people: at home, by phone, online, each kept and replaced by an update', () => {
    const id = services.insert({ ...walk, placeIds: [], schedules: [], byPhone: true })
    expect(services.findPublishedById(id)).toMatchObject({ comesToHome: false, byPhone: true, online: false })
    expect(services.findSummaryRows([id])[0]).toMatchObject({
      comesToHome: false,
      byPhone: true,
      online: false,
      hubArea: { radiusMiles: expect.any(Number) },
    })
    services.update(id, { ...walk, placeIds: [], schedules: [], comesToHome: true, online: true })
    expect(services.findPublishedById(id)).toMatchObject({ comesToHome: true, byPhone: false, online: true })
    expect(() => db.prepare('UPDATE services SET by_phone = 2 WHERE id = ?').run(id)).toThrow(/CHECK/)
    expect(() => db.prepare('UPDATE services SET online = -1 WHERE id = ?').run(id)).toThrow(/CHECK/)
  })

  it('an update of a service that does not exist says so and writes nothing', () => {
    expect(services.update(999, walk)).toBe(false)
    expect(traces(db, 999)).toEqual(NOTHING)
  })

  it('a service with a category that is not on the list leaves nothing behind', () => {
    const before = count(db, 'SELECT count(*) AS n FROM services')
    expect(() =>
      services.insert({ ...walk, id: 50, categories: ['walking-groups', 'no-such-thing'] }),
    ).toThrow(UnknownTermError)
    expect(count(db, 'SELECT count(*) AS n FROM services')).toBe(before)
    expect(traces(db, 50)).toEqual(NOTHING)
  })

  it('a service with a time the database refuses leaves nothing behind', () => {
    expect(() =>
      services.insert({
        ...walk,
        id: 51,
        schedules: [
          { byday: 'TU', opensAt: '10:00', closesAt: '11:30' },
          { byday: 'WE', opensAt: 'ten o’clock', closesAt: '11:30' },
        ],
      }),
    ).toThrow()
    expect(traces(db, 51)).toEqual(NOTHING)
  })

  it('a time at a place the service does not meet at leaves nothing behind', () => {
    const elsewhere = aPlace(db)
    expect(() =>
      services.insert({
        ...walk,
        id: 52,
        schedules: [{ byday: 'TU', opensAt: null, closesAt: null, placeId: elsewhere }],
      }),
    ).toThrow(/not one of its places/)
    expect(traces(db, 52)).toEqual(NOTHING)
  })

  it('an update that fails half way leaves the service as it was', () => {
    const id = services.insert(walk)
    const before = traces(db, id)
    expect(() => services.update(id, { ...walk, name: 'Changed', categories: ['no-such-thing'] })).toThrow(
      UnknownTermError,
    )
    expect(traces(db, id)).toEqual(before)
    expect(services.findPublishedById(id)?.name).toBe('Seafront walk and talk')
  })

  it('archiving a service takes it out of public reads and search; publishing brings it back', () => {
    const id = services.insert(walk)
    expect(services.setStatus(id, 'archived')).toBe(true)
    expect(services.findPublishedById(id)).toBeUndefined()
    expect(traces(db, id).search).toBe(0)
    services.setStatus(id, 'published')
    expect(services.findPublishedById(id)?.name).toBe('Seafront walk and talk')
    expect(traces(db, id).search).toBe(1)
  })

  it('marking a service checked records the day, today when none is given', () => {
    const id = services.insert(walk)
    services.markChecked(id, '2026-11-02')
    expect(services.findPublishedById(id)?.lastChecked).toBe('2026-11-02')
    services.markChecked(id)
    expect(services.findPublishedById(id)?.lastChecked).toBe(new Date().toISOString().slice(0, 10))
  })

  it('a new service can have a fixed id, as the benchmark gives them', () => {
    expect(services.insert({ ...walk, id: 4242 })).toBe(4242)
    expect(services.findPublishedById(4242)?.name).toBe('Seafront walk and talk')
  })

  it('deleting a service removes its categories, place links, times and search entry, and leaves its places', () => {
    const id = services.insert(walk)
    expect(services.delete(id)).toBe(true)
    expect(traces(db, id)).toEqual(NOTHING)
    expect(count(db, 'SELECT count(*) AS n FROM locations')).toBe(2)
    expect(services.delete(id)).toBe(false)
  })
})
