/**
 * Search at a national directory's scale, in small: 20,000 services made by the benchmark's
 * generator. No search page, count or list grows with the data: pages stay small, counts stop
 * at 1,000 and say so, filters read a bounded number of rows, and a search that would take
 * too long stops itself with a plain page.
 */
import request from 'supertest'
import { createApp } from '../../server/app'
import { testConfig } from '../../server/config'
import { createLogger } from '../../server/logger'
import { buildServices, type Services } from '../../server/services'
import { COUNT_LIMIT, SearchService } from '../../server/services/searchService'
import { searchesInProcess } from '../../server/services/searchWorker'
import { parseSearchQuery, type SearchFilters } from '../../server/validation/searchQuery'
import type { Db } from '../../db/connection'
import { aSearchDirectory, countingRows, type CountingRepository } from '../support/searchDirectory'

jest.setTimeout(120_000)

/** No search page is bigger than this, however many services there are. */
const PAGE_BYTES = 150_000

let db: Db
let services: Services
let counting: CountingRepository
let search: SearchService
/** the middle of the busiest place in the directory */
let busiest: { lat: number; lng: number }

const filters = (query: Record<string, string | string[]>): SearchFilters => parseSearchQuery(query).filters

function aSearchService(workLimits = { ms: 60_000, rows: 10_000_000 }): SearchService {
  return new SearchService(
    counting.repository,
    services.listings,
    services.location,
    services.people,
    () => services.repositories.dataVersion.current(),
    { workLimits },
  )
}

function anApp(withSearch: SearchService = services.search) {
  return createApp({
    services: { ...services, search: withSearch, searches: searchesInProcess(withSearch) },
    logger: createLogger('silent'),
  })
}

beforeAll(() => {
  db = aSearchDirectory(20_000)
  services = buildServices(db, testConfig())
  counting = countingRows(services.repositories.search)
  search = aSearchService()
  const row = db
    .prepare<[], { lat: number; lng: number }>(
      `SELECT avg(latitude) AS lat, avg(longitude) AS lng FROM locations WHERE status = 'published'
        GROUP BY round(latitude, 1), round(longitude, 1) ORDER BY count(*) DESC LIMIT 1`,
    )
    .get()
  busiest = row ?? { lat: 51.5, lng: -0.12 }
})

afterAll(() => db.close())

beforeEach(() => counting.reset())

describe('a national directory, in small (20,000 services)', () => {
  it('someone asking for a hearing loop anywhere sees the first 20, "more than 1,000", reading a bounded number of rows', () => {
    const outcome = search.search(filters({ access: 'hearing-loop' }))

    expect(outcome.tooBig).toBe(false)
    expect(outcome.results).toHaveLength(20)
    expect(outcome.total).toBe(COUNT_LIMIT)
    expect(outcome.moreThanTotal).toBe(true)
    // Read by name until 1,001 had a hearing loop: about a third of places have one.
    expect(counting.rowsRead()).toBeLessThan(6_000)
    const withLoop = db
      .prepare<[string], { n: number }>(
        `SELECT count(DISTINCT j.value) AS n FROM json_each(?) j
           JOIN service_at_locations sal ON sal.service_id = j.value
           JOIN location_accessibility la ON la.location_id = sal.location_id
          WHERE la.feature_code = 'hearing-loop' AND la.available = 1`,
      )
      .get(JSON.stringify(outcome.results.map((result) => result.id)))
    expect(withLoop?.n).toBe(20)
  })

  it('a search for "club" at places with a hearing loop and seating reads only its page', () => {
    const outcome = search.search(filters({ q: 'club', access: ['hearing-loop', 'seating'] }))

    expect(outcome.tooBig).toBe(false)
    expect(outcome.results.length).toBeGreaterThan(0)
    expect(counting.rowsRead()).toBeLessThan(500)
  })

  it('a day and free filter with no words or place counts no further than 1,000', () => {
    const outcome = search.search(filters({ day: 'tuesday', free: 'yes' }))

    expect(outcome.moreThanTotal).toBe(true)
    expect(outcome.pageCount).toBe(COUNT_LIMIT / 20)
    expect(counting.rowsRead()).toBeLessThan(10_000)
  })

  it('the search page says "More than 1,000 results" and how to see fewer, and stays small', async () => {
    const response = await request(anApp()).get('/search?access=hearing-loop').expect(200)

    expect(response.text).toContain('More than 1,000 results')
    expect(response.text).toContain('Only the first 1,000 are shown')
    expect(Buffer.byteLength(response.text)).toBeLessThan(PAGE_BYTES)
  })

  it('a search near the busiest place, 25 miles round, stays small and reads a bounded number of rows', async () => {
    const query = { lat: String(busiest.lat), lng: String(busiest.lng), distance: '25' }
    const outcome = search.search(filters(query))
    expect(outcome.results).toHaveLength(20)
    expect(counting.rowsRead()).toBeLessThan(25_000)

    const response = await request(anApp())
      .get('/search')
      .query({ ...query, where: 'my location' })
      .expect(200)
    expect(Buffer.byteLength(response.text)).toBeLessThan(PAGE_BYTES)
  })

  it('a deep page near a place does not work the list out again: pages stop at the first 1,000', () => {
    const query = { lat: String(busiest.lat), lng: String(busiest.lng), distance: '25' }
    search.search(filters(query))
    counting.reset()

    const page50 = search.search(filters({ ...query, page: '50' }))
    expect(counting.rowsRead()).toBeLessThan(200)
    expect(page50.results.length).toBeGreaterThan(0)

    const page60 = search.search(filters({ ...query, page: '60' }))
    expect(page60.results).toHaveLength(0)
    expect(page60.pastTheEnd).toBe(page60.moreThanTotal || page60.total < 60 * 20)
  })

  it('a search that would take too long stops itself with "Try fewer words or a smaller area"', async () => {
    const tiny = aSearchService({ ms: 60_000, rows: 50 })
    expect(tiny.search(filters({ access: 'hearing-loop' })).tooBig).toBe(true)

    const response = await request(anApp(tiny)).get('/search?access=hearing-loop').expect(200)
    expect(response.text).toMatch(/<h1[^>]*>Try fewer words or a smaller area<\/h1>/)
    expect(response.text).toContain('<title>Try fewer words or a smaller area')
    expect(response.text).toMatch(
      /<a class="govuk-link" href="\/search\?access(=|&#x3D;)hearing-loop">Go back to your search<\/a>/,
    )
  })

  it('a search that runs out of time stops itself the same way', () => {
    const noTime = aSearchService({ ms: -1, rows: 10_000_000 })
    expect(
      noTime.search(filters({ q: 'walking', lat: String(busiest.lat), lng: String(busiest.lng) })).tooBig,
    ).toBe(true)
  })

  it("keeps each place's access features and each service's days as bits, in step with their rows", () => {
    const count = (sql: string) => db.prepare<[], { n: number }>(sql).get()?.n ?? -1
    expect(
      count(`SELECT count(*) AS n FROM locations l WHERE l.access_mask <> COALESCE((
               SELECT SUM(1 << (f.sort_order - 1)) FROM location_accessibility la
                 JOIN accessibility_features f ON f.code = la.feature_code
                WHERE la.location_id = l.id AND la.available = 1), 0)`),
    ).toBe(0)
    expect(count('SELECT count(*) AS n FROM locations WHERE access_mask & 2')).toBeGreaterThan(0)
    expect(
      count(`SELECT count(*) AS n FROM services s WHERE ((s.day_mask & 2) <> 0)
               <> EXISTS (SELECT 1 FROM schedules sch WHERE sch.service_id = s.id AND sch.byday = 'TU')`),
    ).toBe(0)
    expect(count('SELECT count(*) AS n FROM services WHERE day_mask & 2')).toBeGreaterThan(0)
  })
})
