import type { Db } from '../../../db/connection'
import { SearchIndexRepository } from '../../../db/repositories/searchIndexRepository'
import { SearchRepository, type SearchCriteria } from '../../../db/repositories/searchRepository'
import type { ServiceInput } from '../../../db/repositories/servicesRepository'
import { testConfig } from '../../../server/config'
import { buildServices } from '../../../server/services'
import { NO_FILTERS, type SearchFilters } from '../../../server/validation/searchQuery'
import { aPlace, aService, anOrganisation, ensureTerm, writers } from '../../builders'
import { aDatabase } from '../../support/testApp'

// service_points (migrations/0016): one row per link between a published service and a
// published place, holding the filter facts searches near a place test.

const MARGATE = { latitude: 51.3813, longitude: 1.3862 }
const BROADSTAIRS = { latitude: 51.3603, longitude: 1.4322 }
const AROUND_THANET = { west: 1.2, south: 51.25, east: 1.5, north: 51.45 }

interface PointFacts {
  service: number
  flags: number
  days: number
  access: number
  categories: number
  latitude: number
}

function pointsOf(db: Db): PointFacts[] {
  return db
    .prepare<[], PointFacts>(
      `SELECT service_id AS service, flags, day_mask AS days, access_mask AS access,
              category_mask AS categories, round((min_lat + max_lat) / 2, 3) AS latitude
         FROM service_points ORDER BY service_id, min_lat`,
    )
    .all()
}

const bitOf = (db: Db, code: string) =>
  db
    .prepare<[string], number>(
      `SELECT b.bit FROM search_category_bits b JOIN taxonomy_terms t ON t.id = b.term_id
        WHERE t.vocabulary = 'category' AND t.code = ?`,
    )
    .pluck()
    .get(code)

/** After every write the table holds exactly what the listings say. */
const expectTrue = (db: Db) => expect(new SearchIndexRepository(db).check().servicePoints).toBe(0)

describe('the points searches near a place read stay true after every write', () => {
  let db: Db
  let hall: number
  let harbour: number
  let lunch: ServiceInput
  let lunchId: number

  beforeEach(() => {
    db = aDatabase()
    hall = aPlace(db, { ...MARGATE, access: ['step-free'] })
    harbour = aPlace(db, { ...BROADSTAIRS })
    ensureTerm(db, 'category', 'lunch-clubs')
    ensureTerm(db, 'category', 'walking-groups')
    lunch = {
      organisationId: anOrganisation(db),
      name: 'Friday lunch club',
      isFree: false,
      status: 'published',
      categories: ['lunch-clubs'],
      placeIds: [hall],
      schedules: [{ byday: 'FR', opensAt: '12:00', closesAt: '14:00' }],
    }
    lunchId = writers(db).services.insert(lunch)
  })

  it('a published lunch club at a step-free hall is one point with its facts', () => {
    expect(pointsOf(db)).toEqual([
      {
        service: lunchId,
        flags: 0,
        days: 16,
        access: 1,
        categories: 2 ** (bitOf(db, 'lunch-clubs') as number),
        latitude: 51.381,
      },
    ])
    expectTrue(db)
  })

  it('holding a group back takes its points away, and publishing it again puts them back', () => {
    writers(db).services.setStatus(lunchId, 'pending')
    expect(pointsOf(db)).toEqual([])
    expectTrue(db)
    writers(db).services.setStatus(lunchId, 'published')
    expect(pointsOf(db)).toHaveLength(1)
    expectTrue(db)
  })

  it('a hall that closes takes its groups with it; one that moves takes its point with it', () => {
    writers(db).places.setStatus(hall, 'archived')
    expect(pointsOf(db)).toEqual([])
    expectTrue(db)
    writers(db).places.setStatus(hall, 'published')
    writers(db).places.update(hall, { name: 'The hall', ...BROADSTAIRS, status: 'published', access: [] })
    expect(pointsOf(db)).toEqual([expect.objectContaining({ latitude: 51.36, access: 0 })])
    expectTrue(db)
  })

  it("a hall that gains a hearing loop says so on its groups' points", () => {
    writers(db).places.update(hall, {
      name: 'The hall',
      ...MARGATE,
      status: 'published',
      access: [{ code: 'step-free' }, { code: 'hearing-loop' }],
    })
    expect(pointsOf(db)).toEqual([expect.objectContaining({ access: 3 })])
    expectTrue(db)
  })

  it("changing a group's days, categories, price and home visits changes its points", () => {
    writers(db).services.update(lunchId, {
      ...lunch,
      isFree: true,
      comesToHome: true,
      categories: ['walking-groups'],
      schedules: [
        { byday: 'MO', opensAt: '10:00', closesAt: '11:00', freq: 'WEEKLY', interval: 1 },
        { byday: 'WE', opensAt: '10:00', closesAt: '11:00', freq: 'WEEKLY', interval: 1 },
      ],
    })
    expect(pointsOf(db)).toEqual([
      expect.objectContaining({
        flags: 3,
        days: 1 + 4,
        categories: 2 ** (bitOf(db, 'walking-groups') as number),
      }),
    ])
    expectTrue(db)
  })

  it('linking a group to a second place adds a point there; unlinking takes it away', () => {
    writers(db).services.update(lunchId, { ...lunch, placeIds: [hall, harbour] })
    expect(pointsOf(db).map((point) => point.latitude)).toEqual([51.36, 51.381])
    expectTrue(db)
    writers(db).services.update(lunchId, { ...lunch, placeIds: [harbour] })
    expect(pointsOf(db).map((point) => point.latitude)).toEqual([51.36])
    expectTrue(db)
  })

  it('deleting a group or a place deletes their points', () => {
    const walk = aService(db, { placeIds: [harbour, hall] })
    expect(pointsOf(db)).toHaveLength(3)
    writers(db).places.delete(harbour)
    expect(pointsOf(db)).toHaveLength(2)
    expectTrue(db)
    writers(db).services.delete(walk)
    expect(pointsOf(db)).toEqual([expect.objectContaining({ service: lunchId })])
    expectTrue(db)
  })

  it('a new category takes the next free bit, and groups in it carry that bit', () => {
    const before = db.prepare<[], number>('SELECT max(bit) FROM search_category_bits').pluck().get() as number
    ensureTerm(db, 'category', 'tea-dances')
    expect(bitOf(db, 'tea-dances')).toBe(before + 1)
    writers(db).services.update(lunchId, { ...lunch, categories: ['lunch-clubs', 'tea-dances'] })
    expect(pointsOf(db)[0]?.categories).toBe(2 ** (bitOf(db, 'lunch-clubs') as number) + 2 ** (before + 1))
    expectTrue(db)
  })
})

describe('searches near a place read the points', () => {
  const filters = (overrides: Partial<SearchFilters> = {}): SearchFilters => ({
    ...NO_FILTERS,
    lat: MARGATE.latitude,
    lng: MARGATE.longitude,
    ...overrides,
  })
  const names = (db: Db, f: SearchFilters) =>
    buildServices(db, testConfig())
      .search.search(f)
      .results.map((result) => result.name)

  it('a resident near Margate finds the lunch club through its point, and not once the point is gone', () => {
    const db = aDatabase()
    aService(db, {
      name: 'Friday lunch club',
      categories: ['lunch-clubs'],
      placeIds: [aPlace(db, { ...MARGATE })],
    })
    expect(names(db, filters())).toEqual(['Friday lunch club'])
    expect(names(db, filters({ q: 'lunch' }))).toEqual(['Friday lunch club'])
    expect(names(db, filters({ categories: ['lunch-clubs'] }))).toEqual(['Friday lunch club'])
    // Only this table says where the club is: without its row, no search near a place finds it.
    db.exec('DELETE FROM service_points')
    expect(names(db, filters())).toEqual([])
    expect(names(db, filters({ q: 'lunch' }))).toEqual([])
  })

  it('a category without a bit is still found, the old way', () => {
    const db = aDatabase()
    aService(db, { name: 'Knit and natter', categories: ['crafts'], placeIds: [aPlace(db, { ...MARGATE })] })
    aService(db, { name: 'Lunch club', categories: ['lunch-clubs'], placeIds: [aPlace(db, { ...MARGATE })] })
    db.exec(
      "DELETE FROM search_category_bits WHERE term_id = (SELECT id FROM taxonomy_terms WHERE code = 'crafts')",
    )
    expect(names(db, filters({ categories: ['crafts'] }))).toEqual(['Knit and natter'])
    expect(names(db, filters({ categories: ['crafts'], q: 'natter' }))).toEqual(['Knit and natter'])
  })

  it('words matching few groups in the country and words matching many find the same points', () => {
    const db = aDatabase()
    const hall = aPlace(db, { ...MARGATE, access: ['step-free'] })
    const harbour = aPlace(db, { ...BROADSTAIRS })
    aService(db, { name: 'Tea and chat', placeIds: [hall, harbour], isFree: true })
    aService(db, {
      name: 'Chat club',
      placeIds: [harbour],
      isFree: false,
      categories: ['lunch-clubs'],
      schedules: [{ byday: 'MO' }],
    })
    aService(db, { name: 'Chat far away', placeIds: [aPlace(db, { latitude: 53.38, longitude: -1.47 })] })
    const fromMatches = new SearchRepository(db)
    const fromPlaces = new SearchRepository(db, 0)
    const criteria = (overrides: Partial<SearchCriteria> = {}): SearchCriteria => ({
      categories: [],
      day: null,
      free: false,
      access: [],
      home: false,
      ...overrides,
    })
    const rows = (repository: SearchRepository, c: SearchCriteria) =>
      [...repository.eachMatchingAtPlaceInBox('chat', c, AROUND_THANET)].sort(
        (a, b) => a[0] - b[0] || a[1] - b[1],
      )
    for (const c of [
      criteria(),
      criteria({ free: true }),
      criteria({ day: 'MO' }),
      criteria({ access: ['step-free'] }),
      criteria({ categories: ['lunch-clubs'] }),
    ])
      expect(rows(fromPlaces, c)).toEqual(rows(fromMatches, c))
    expect(rows(fromMatches, criteria())).toHaveLength(3)
    expect(rows(fromMatches, criteria({ access: ['step-free'] }))).toHaveLength(1)
    expect(rows(fromMatches, criteria({ categories: ['lunch-clubs'] }))).toHaveLength(1)
    // and a category without a bit, looked up the old way, either way
    db.exec(
      "DELETE FROM search_category_bits WHERE term_id = (SELECT id FROM taxonomy_terms WHERE code = 'lunch-clubs')",
    )
    expect(rows(new SearchRepository(db, 0), criteria({ categories: ['lunch-clubs'] }))).toEqual(
      rows(new SearchRepository(db), criteria({ categories: ['lunch-clubs'] })),
    )
    expect(rows(new SearchRepository(db), criteria({ categories: ['lunch-clubs'] }))).toHaveLength(1)
  })
})
