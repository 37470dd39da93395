/**
 * The open data API (issue 14) at a national directory's scale, in small: 20,000 services made
 * by the benchmark's generator. Every endpoint and every filter still answers what the Open
 * Referral UK schemas allow, counts stop at their caps, and no answer reads more than a
 * bounded number of rows, however many services there are.
 */
import type { Express } from 'express'
import request from 'supertest'
import type { Db } from '../../db/connection'
import { CATEGORIES_TAXONOMY_ID } from '../../server/features/openReferral/openReferralIds'
import { LIST_LIMIT } from '../../server/features/openReferral/openReferralService'
import { COUNT_LIMIT } from '../../server/services/searchService'
import { countRowsRead, type RowsRead } from '../support/bigDirectory'
import {
  type ApiPage,
  BASE_PATH,
  getJson,
  profileValidator,
  type ProfileValidator,
} from '../support/openReferral'
import { aSearchDirectory } from '../support/searchDirectory'
import { aTestApp } from '../support/testApp'

jest.setTimeout(120_000)

/** No answer hands more rows than this from SQLite to the app (a page of 100 in full, and its parts). */
const ROWS_AT_MOST = 3000

let db: Db
let app: Express
let rows: RowsRead
let profile: ProfileValidator

beforeAll(() => {
  db = aSearchDirectory(20_000)
  rows = countRowsRead(db)
  app = aTestApp({ db, config: { openDataRequestsPerMinute: 0 } }).app
  profile = profileValidator()
})

async function valid<T = ApiPage>(
  address: string,
  kind: Parameters<ProfileValidator['problems']>[0],
): Promise<T> {
  rows.reset()
  const { status, body } = await getJson(app, address)
  expect({ address, status }).toEqual({ address, status: 200 })
  expect(profile.problems(kind, body)).toEqual([])
  if (rows.count > ROWS_AT_MOST)
    throw new Error(`${address} read ${rows.count} rows, more than ${ROWS_AT_MOST}`)
  return body as T
}

const published = (): number =>
  db.prepare<[], number>(`SELECT count(*) FROM services WHERE status = 'published'`).pluck().get() ??
  Number.NaN

test('the lists count to 10,000 and page no further; pages of 100 stay bounded', async () => {
  expect(published()).toBeGreaterThan(LIST_LIMIT)
  const first = await valid(`${BASE_PATH}/services?per_page=100`, 'servicePage')
  expect(first).toMatchObject({ total_items: LIST_LIMIT, total_pages: LIST_LIMIT / 100, size: 100 })
  const last = await valid(`${BASE_PATH}/services?per_page=100&page=${LIST_LIMIT / 100}`, 'servicePage')
  expect(last).toMatchObject({ last_page: true, size: 100 })
  const past = await valid(`${BASE_PATH}/services?per_page=100&page=${LIST_LIMIT / 100 + 1}`, 'servicePage')
  expect(past).toMatchObject({ size: 0, empty: true })
  const links = await valid(`${BASE_PATH}/service_at_locations?per_page=100&page=50`, 'serviceAtLocationPage')
  expect(links.total_items).toBe(LIST_LIMIT)
  // A reader carries on past the cap from the last one's last change.
  const lastModified = last.contents.at(-1)?.last_modified as string
  const more = await valid(
    `${BASE_PATH}/services?per_page=100&modified_after=${encodeURIComponent(lastModified)}`,
    'servicePage',
  )
  expect(more.size).toBe(100)
  expect((more.contents[0]?.last_modified as string) >= lastModified).toBe(true)
})

test('every filter, on both lists, passes the schemas and stays bounded', async () => {
  const term = (await valid(`${BASE_PATH}/taxonomy_terms?per_page=3`, 'taxonomyTermPage')).contents[2]
  const postcode = db
    .prepare<[], string>(
      `SELECT p.postcode FROM postcodes p JOIN postcode_districts d ON d.district = p.district
        ORDER BY d.postcode_count DESC, p.postcode LIMIT 1`,
    )
    .pluck()
    .get() as string
  const filters = [
    'search=lunch',
    'search=computer',
    'search=walk&day=TU',
    `taxonomy_term_id=${String(term?.id)}`,
    `taxonomy_term_id=${String(term?.id)}&page=3&per_page=100`,
    `taxonomy_id=${CATEGORIES_TAXONOMY_ID}`,
    'day=SU',
    'day=monday&start_time=10:00&end_time=12:00',
    'start_time=18:00',
    'end_time=09:30',
    'modified_after=2000-01-01',
    'modified_after=2999-01-01',
    'minimum_age=65',
    'maximum_age=99',
    'per_page=100&page=37',
  ]
  for (const filter of filters) {
    const services = await valid(`${BASE_PATH}/services?${filter}`, 'servicePage')
    expect(services.total_items).toBeLessThanOrEqual(filter.startsWith('search') ? COUNT_LIMIT : LIST_LIMIT)
    await valid(`${BASE_PATH}/service_at_locations?${filter}`, 'serviceAtLocationPage')
  }
  for (const proximity of [1000, 8000, 50000]) {
    const near = await valid(
      `${BASE_PATH}/service_at_locations?postcode=${encodeURIComponent(postcode)}&proximity=${proximity}&per_page=100&page=2`,
      'serviceAtLocationPage',
    )
    expect(near.total_items).toBeLessThanOrEqual(LIST_LIMIT)
  }
  const nearFound = await valid(
    `${BASE_PATH}/service_at_locations?postcode=${encodeURIComponent(postcode)}&proximity=8000&day=WE`,
    'serviceAtLocationPage',
  )
  expect(nearFound.size).toBeGreaterThan(0)
})

test('near a postcode, pages come nearest first, the same as measuring every service at a place', async () => {
  const centre = db
    .prepare<[], { postcode: string; latitude: number; longitude: number }>(
      `SELECT p.postcode, p.latitude, p.longitude FROM postcodes p JOIN postcode_districts d ON d.district = p.district
        ORDER BY d.postcode_count DESC, p.postcode LIMIT 1`,
    )
    .get() as { postcode: string; latitude: number; longitude: number }
  const metresPerDegreeLng = 111320 * Math.cos((centre.latitude * Math.PI) / 180)
  const metres = (point: { latitude: number; longitude: number }) =>
    Math.hypot(
      (point.latitude - centre.latitude) * 111320,
      (point.longitude - centre.longitude) * metresPerDegreeLng,
    )
  const everyOne = db
    .prepare<[], { id: string; latitude: number; longitude: number }>(
      `SELECT sal.open_referral_id AS id, l.latitude, l.longitude FROM service_at_locations sal
         CROSS JOIN services s ON s.id = sal.service_id
         CROSS JOIN locations l ON l.id = sal.location_id
        WHERE s.status = 'published' AND l.status = 'published'`,
    )
    .all()
    .map((row) => ({ id: row.id, metres: metres(row) }))
    .filter((row) => row.metres <= 8000)
    .sort((a, b) => a.metres - b.metres)
  expect(everyOne.length).toBeGreaterThan(300)
  const found: { id: string; metres: number }[] = []
  for (const page of [1, 2, 3]) {
    const answer = await valid(
      `${BASE_PATH}/service_at_locations?postcode=${encodeURIComponent(centre.postcode)}&proximity=8000&per_page=100&page=${page}`,
      'serviceAtLocationPage',
    )
    expect(answer.total_items).toBe(Math.min(everyOne.length, LIST_LIMIT))
    for (const link of answer.contents)
      found.push({
        id: link.id as string,
        metres: metres(link.location as { latitude: number; longitude: number }),
      })
  }
  // The R*Tree keeps points to about a metre (32-bit floats), so two places a metre apart may
  // come in either order; no further.
  const expected = everyOne.slice(0, 300)
  expect(found).toHaveLength(300)
  const apart = found.map((row, i) => Math.abs(row.metres - (expected[i]?.metres ?? Infinity)))
  expect(Math.max(...apart)).toBeLessThan(3)
})

test('one record in full, by each endpoint, passes its schema', async () => {
  const services = (await valid(`${BASE_PATH}/services?per_page=100&page=7`, 'servicePage')).contents
  for (const service of services.slice(0, 25))
    await valid(`${BASE_PATH}/services/${String(service.id)}`, 'service')
  const links = (
    await valid(`${BASE_PATH}/service_at_locations?per_page=100&page=9`, 'serviceAtLocationPage')
  ).contents
  for (const link of links.slice(0, 25))
    await valid(`${BASE_PATH}/service_at_locations/${String(link.id)}`, 'serviceAtLocation')
  await valid(`${BASE_PATH}/`, 'api')
  await valid(`${BASE_PATH}/taxonomies`, 'taxonomyPage')
  await valid(`${BASE_PATH}/taxonomies/${CATEGORIES_TAXONOMY_ID}`, 'taxonomy')
  const terms = (await valid(`${BASE_PATH}/taxonomy_terms?per_page=100`, 'taxonomyTermPage')).contents
  for (const term of terms) await valid(`${BASE_PATH}/taxonomy_terms/${String(term.id)}`, 'taxonomyTerm')
  expect((await request(app).get(`${BASE_PATH}/services/${String(services[0]?.id)}`)).status).toBe(200)
})
