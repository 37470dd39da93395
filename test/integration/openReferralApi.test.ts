/**
 * The open data API (issue 14) over the demo directory: a reader that starts at
 * /openreferral/v3/ finds the profile and its OpenAPI description, and every endpoint, every
 * page and every filter answers what the Open Referral UK schemas allow (ajv, against
 * ../shared/openreferral-uk/schema), with the profile's meanings. Headers: open to any site,
 * "has it changed?" answered with 304, a limit per address, and never a cookie.
 */
import fs from 'node:fs'
import path from 'node:path'
import request from 'supertest'
import type { Db } from '../../db/connection'
import { DEMO_POSTCODES_FILE } from '../../db/demoPostcodes'
import { importPostcodes } from '../../db/importPostcodes'
import { CATEGORIES_TAXONOMY_ID } from '../../server/features/openReferral/openReferralIds'
import { milesBetween } from '../../server/services/milesBetween'
import { anOrganisation, aPlace, aService } from '../builders'
import {
  type ApiPage,
  BASE_PATH,
  everyPage,
  getJson,
  PROFILE_DIR,
  profileValidator,
  type ProfileValidator,
} from '../support/openReferral'
import { aDemoDatabase, aTestApp, type TestApp } from '../support/testApp'

jest.setTimeout(60_000)

let testApp: TestApp
let db: Db
let profile: ProfileValidator

beforeAll(async () => {
  db = aDemoDatabase()
  await importPostcodes(db, DEMO_POSTCODES_FILE)
  testApp = aTestApp({ db, config: { openDataRequestsPerMinute: 0 } })
  profile = profileValidator()
})

const published = (sql: string): number => db.prepare<[], number>(sql).pluck().get() ?? Number.NaN

/** GETs an answer and checks it against the profile's schema for its kind. */
async function valid<T = Record<string, unknown>>(
  address: string,
  kind: Parameters<ProfileValidator['problems']>[0],
): Promise<T> {
  const { status, body } = await getJson(testApp.app, address)
  expect({ address, status }).toEqual({ address, status: 200 })
  expect(profile.problems(kind, body)).toEqual([])
  return body as T
}

async function validPages(
  address: string,
  kind: 'servicePage' | 'serviceAtLocationPage',
): Promise<ApiPage[]> {
  const pages = await everyPage(testApp.app, address)
  for (const page of pages) expect(profile.problems(kind, page)).toEqual([])
  return pages
}

const contentsOf = (pages: ApiPage[]) => pages.flatMap((page) => page.contents)

/** A service in full, by its id. */
const fullService = (id: unknown) => valid(`${BASE_PATH}/services/${String(id)}`, 'service')

describe('a reader starting from the base address', () => {
  test('finds the HSDS version, the UK profile and the OpenAPI description, which is the profile’s own', async () => {
    const info = await valid<{ version: string; profile: string; openapi_url: string }>(
      `${BASE_PATH}/`,
      'api',
    )
    expect(info.version).toBe('3.0')
    expect(info.profile).toMatch(/uk-profile/)
    const openApiPath = new URL(info.openapi_url).pathname
    const res = await request(testApp.app).get(openApiPath)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(JSON.parse(res.text)).toEqual(
      JSON.parse(fs.readFileSync(path.join(PROFILE_DIR, 'schema', 'openapi.json'), 'utf8')),
    )
    // the same without the slash at the end
    expect((await request(testApp.app).get(BASE_PATH)).status).toBe(200)
  })

  test('every endpoint of the OpenAPI description answers at our base path', async () => {
    const openApi = JSON.parse(fs.readFileSync(path.join(PROFILE_DIR, 'schema', 'openapi.json'), 'utf8')) as {
      paths: Record<string, unknown>
    }
    const someService = ((await getJson(testApp.app, `${BASE_PATH}/services?per_page=1`)).body as ApiPage)
      .contents[0]?.id as string
    const someLink = (
      (await getJson(testApp.app, `${BASE_PATH}/service_at_locations?per_page=1`)).body as ApiPage
    ).contents[0]?.id as string
    const someTerm = ((await getJson(testApp.app, `${BASE_PATH}/taxonomy_terms?per_page=1`)).body as ApiPage)
      .contents[0]?.id as string
    const ids: Record<string, string> = {
      '/services/{id}': someService,
      '/service_at_locations/{id}': someLink,
      '/taxonomies/{id}': CATEGORIES_TAXONOMY_ID,
      '/taxonomy_terms/{id}': someTerm,
    }
    for (const endpoint of Object.keys(openApi.paths)) {
      const address = `${BASE_PATH}${endpoint.replace('{id}', ids[endpoint] ?? '')}`
      expect({ address, status: (await request(testApp.app).get(address)).status }).toEqual({
        address,
        status: 200,
      })
    }
  })
})

describe('services', () => {
  test('every page of every published service, and each one in full, passes the profile’s schemas', async () => {
    const pages = await validPages(`${BASE_PATH}/services?per_page=25`, 'servicePage')
    const services = contentsOf(pages)
    const count = published(`SELECT count(*) FROM services WHERE status = 'published'`)
    expect(services).toHaveLength(count)
    expect(pages[0]?.total_items).toBe(count)
    expect(pages[0]?.total_pages).toBe(Math.ceil(count / 25))
    expect(pages.map((page) => [page.page_number, page.first_page, page.last_page])).toEqual(
      pages.map((_, i) => [i + 1, i === 0, i === pages.length - 1]),
    )
    expect(new Set(services.map((service) => service.id)).size).toBe(count)
    for (const service of services) await fullService(service.id)
  })

  test('a service in full carries its times, places with addresses and access, cost, contact and categories', async () => {
    const id = published(
      `SELECT s.id FROM services s WHERE s.status = 'published' AND s.is_free = 0 AND s.cost_amount_pence IS NOT NULL
          AND EXISTS (SELECT 1 FROM service_at_locations sal JOIN location_accessibility la ON la.location_id = sal.location_id
                       WHERE sal.service_id = s.id)
          AND EXISTS (SELECT 1 FROM schedules t WHERE t.service_id = s.id) ORDER BY s.id LIMIT 1`,
    )
    const uuid = db
      .prepare<[number], string>('SELECT open_referral_id FROM services WHERE id = ?')
      .pluck()
      .get(id)
    const service = (await fullService(uuid)) as {
      schedules: { byday: string; opens_at?: string }[]
      service_at_locations: { location: { addresses: unknown[]; accessibility: unknown[] } }[]
      cost_options: { amount: number; currency: string }[]
      attributes: { taxonomy_term: { taxonomy_id: string } }[]
      contacts: unknown[]
    }
    expect(service.schedules.length).toBeGreaterThan(0)
    expect(service.schedules[0]?.byday).toMatch(/^(-?\d)?(MO|TU|WE|TH|FR|SA|SU)$/)
    expect(service.service_at_locations[0]?.location.addresses).toHaveLength(1)
    expect(service.service_at_locations[0]?.location.accessibility.length).toBeGreaterThan(0)
    const pence = published(`SELECT cost_amount_pence FROM services WHERE id = ${id}`)
    expect(service.cost_options[0]).toMatchObject({ amount: pence / 100, currency: 'GBP' })
    expect(service.attributes.every((a) => a.taxonomy_term.taxonomy_id === CATEGORIES_TAXONOMY_ID)).toBe(true)
  })

  test('a free service’s own words about its cost are served, and a service with no cost recorded says nothing of one', async () => {
    const uuidOf = (id: number) =>
      db.prepare<[number], string>('SELECT open_referral_id FROM services WHERE id = ?').pluck().get(id)
    const free = await fullService(
      uuidOf(aService(db, { name: 'Free lunch club', isFree: true, costDescription: 'pudding is 50p' })),
    )
    expect(free.fees).toBe('Free (pudding is 50p)')
    expect(free.cost_options).toEqual([
      expect.objectContaining({ option: 'Free', amount: 0, amount_description: 'Free (pudding is 50p)' }),
    ])
    // Our pages say "Ask about cost" for a listing with no cost recorded: those are not the
    // listing's own words, so a reader is told nothing rather than that.
    const unknown = await fullService(
      uuidOf(aService(db, { name: 'Cost not known', isFree: false, costAmountPence: null })),
    )
    expect(unknown).not.toHaveProperty('fees')
    expect(unknown.cost_options).toEqual([])
  })

  test('only published services: one held back, pending or archived is in no list and has no address', async () => {
    const hidden = db
      .prepare<[], string>(`SELECT open_referral_id FROM services WHERE status <> 'published'`)
      .pluck()
      .all()
    expect(hidden.length).toBeGreaterThan(0)
    const listed = new Set(
      contentsOf(await everyPage(testApp.app, `${BASE_PATH}/services?per_page=100`)).map((s) => s.id),
    )
    for (const uuid of hidden) {
      expect(listed.has(uuid)).toBe(false)
      const res = await request(testApp.app).get(`${BASE_PATH}/services/${uuid}`)
      expect(res.status).toBe(404)
      expect(res.body).toEqual({ message: 'There is no service with that id' })
    }
  })

  test('search finds services by their words and by their categories’ everyday words, as /search does', async () => {
    // "computer" is a synonym of "Help with phones, tablets and computers": services in it
    // are found though their own words may not say computer.
    const pages = await validPages(`${BASE_PATH}/services?search=computer&per_page=100`, 'servicePage')
    const found = contentsOf(pages).map((s) => s.id as string)
    expect(found.length).toBeGreaterThan(0)
    const digital = db
      .prepare<[], string>(
        `SELECT s.open_referral_id FROM services s JOIN service_categories c ON c.service_id = s.id
           JOIN taxonomy_terms t ON t.id = c.term_id AND t.code = 'digital-help' WHERE s.status = 'published'`,
      )
      .pluck()
      .all()
    expect(digital.every((uuid) => found.includes(uuid))).toBe(true)
    const nothing = await valid<ApiPage>(`${BASE_PATH}/services?search=xylophonequartet`, 'servicePage')
    expect(nothing).toMatchObject({ total_items: 0, empty: true, contents: [] })
  })

  test('taxonomy_term_id lists the services in that category; taxonomy_id ours lists those in any', async () => {
    const term = (await valid<ApiPage>(`${BASE_PATH}/taxonomy_terms?per_page=1`, 'taxonomyTermPage'))
      .contents[0]
    const services = contentsOf(
      await validPages(
        `${BASE_PATH}/services?taxonomy_term_id=${String(term?.id)}&per_page=100`,
        'servicePage',
      ),
    )
    const expected = published(
      `SELECT count(*) FROM service_categories c JOIN services s ON s.id = c.service_id
         JOIN taxonomy_terms t ON t.id = c.term_id WHERE s.status = 'published' AND t.code = '${String(term?.term)}'`,
    )
    expect(services).toHaveLength(expected)
    for (const service of services.slice(0, 5)) {
      const full = (await fullService(service.id)) as { attributes: { taxonomy_term_id: string }[] }
      expect(full.attributes.map((a) => a.taxonomy_term_id)).toContain(term?.id)
    }
    const inAny = await valid<ApiPage>(
      `${BASE_PATH}/services?taxonomy_id=${CATEGORIES_TAXONOMY_ID}`,
      'servicePage',
    )
    expect(inAny.total_items).toBe(
      published(
        `SELECT count(*) FROM services s WHERE s.status = 'published'
           AND EXISTS (SELECT 1 FROM service_categories c WHERE c.service_id = s.id)`,
      ),
    )
    const otherTaxonomy = '00000000-0000-4000-8000-000000000000'
    for (const address of [
      `${BASE_PATH}/services?taxonomy_id=${otherTaxonomy}`,
      `${BASE_PATH}/services?taxonomy_term_id=${otherTaxonomy}`,
    ]) {
      expect(await valid<ApiPage>(address, 'servicePage')).toMatchObject({ total_items: 0, empty: true })
    }
  })

  test('day, start_time and end_time keep services with a time on that day, starting and ending within them', async () => {
    const tuesdays = contentsOf(await validPages(`${BASE_PATH}/services?day=TU&per_page=100`, 'servicePage'))
    expect(tuesdays.length).toBe(
      published(`SELECT count(*) FROM services WHERE status = 'published' AND (day_mask & 2) <> 0`),
    )
    const mornings = contentsOf(
      await validPages(
        `${BASE_PATH}/services?day=tuesday&start_time=09:00&end_time=12:00&per_page=100`,
        'servicePage',
      ),
    )
    expect(mornings.length).toBeGreaterThan(0)
    expect(mornings.length).toBeLessThan(tuesdays.length)
    for (const service of mornings) {
      const full = (await fullService(service.id)) as {
        schedules: { byday: string; opens_at?: string; closes_at?: string }[]
      }
      expect(
        full.schedules.some(
          (t) =>
            t.byday.endsWith('TU') && (t.opens_at ?? '') >= '09:00:00' && (t.closes_at ?? '99') <= '12:00:00',
        ),
      ).toBe(true)
    }
  })

  test('modified_after keeps what changed on or after the time, oldest change first', async () => {
    const all = contentsOf(await everyPage(testApp.app, `${BASE_PATH}/services?per_page=100`))
    const times = all.map((s) => s.last_modified as string)
    expect([...times].sort()).toEqual(times)
    const middle = times[Math.floor(times.length / 2)] as string
    const since = contentsOf(
      await validPages(
        `${BASE_PATH}/services?modified_after=${encodeURIComponent(middle)}&per_page=100`,
        'servicePage',
      ),
    )
    expect(since.length).toBe(times.filter((time) => time >= middle).length)
    const day = await valid<ApiPage>(
      `${BASE_PATH}/services?modified_after=${middle.slice(0, 10)}`,
      'servicePage',
    )
    expect(day.total_items).toBe(times.filter((time) => time >= `${middle.slice(0, 10)}T00:00:00Z`).length)
  })

  test('minimum_age and maximum_age find nothing: the directory records no age limits', async () => {
    for (const filter of ['minimum_age=65', 'maximum_age=90', 'minimum_age=0&maximum_age=120']) {
      expect(await valid<ApiPage>(`${BASE_PATH}/services?${filter}`, 'servicePage')).toMatchObject({
        total_items: 0,
        total_pages: 0,
        empty: true,
        contents: [],
      })
    }
  })

  test('page and per_page: pages of the asked size, the last shorter, past the last empty', async () => {
    const count = published(`SELECT count(*) FROM services WHERE status = 'published'`)
    const first = await valid<ApiPage>(`${BASE_PATH}/services`, 'servicePage')
    expect(first.size).toBe(Math.min(50, count))
    const last = await valid<ApiPage>(
      `${BASE_PATH}/services?per_page=10&page=${Math.ceil(count / 10)}`,
      'servicePage',
    )
    expect(last).toMatchObject({ last_page: true, size: count % 10 || 10 })
    const past = await valid<ApiPage>(
      `${BASE_PATH}/services?per_page=10&page=${Math.ceil(count / 10) + 1}`,
      'servicePage',
    )
    expect(past).toMatchObject({ total_items: count, size: 0, empty: true, contents: [] })
  })

  test('a bad filter is a 400 with a plain message; an unknown id a 404', async () => {
    const bad: [string, RegExp][] = [
      ['per_page=101', /per_page must be a whole number from 1 to 100/],
      ['per_page=0', /per_page/],
      ['page=0', /page must be a whole number/],
      ['page=two', /page must be a whole number/],
      ['day=someday', /day must be a day of the week/],
      ['start_time=25:00', /start_time must be a time of day/],
      ['end_time=noon', /end_time must be a time of day/],
      ['minimum_age=old', /minimum_age must be an age/],
      ['maximum_age=-1', /maximum_age must be an age/],
      ['taxonomy_term_id=walking', /taxonomy_term_id must be the id of a taxonomy term/],
      ['taxonomy_id=1', /taxonomy_id must be the id of a taxonomy/],
      ['modified_after=yesterday', /modified_after must be a date/],
      ['modified_after=2026-02-30', /modified_after must be a date/],
      ['page=1&page=2', /Give page only once/],
      ['organization_id=x', /does not take organization_id/],
      ['postcode=CT9', /does not take postcode/],
    ]
    for (const [query, message] of bad) {
      const res = await request(testApp.app).get(`${BASE_PATH}/services?${query}`)
      expect({ query, status: res.status }).toEqual({ query, status: 400 })
      expect(res.headers['content-type']).toMatch(/^application\/json/)
      expect((res.body as { message: string }).message).toMatch(message)
    }
    for (const address of [
      `${BASE_PATH}/services/00000000-0000-4000-8000-000000000000`,
      `${BASE_PATH}/services/1`,
      `${BASE_PATH}/service_at_locations/00000000-0000-4000-8000-000000000000`,
      `${BASE_PATH}/taxonomies/00000000-0000-4000-8000-000000000000`,
      `${BASE_PATH}/taxonomy_terms/00000000-0000-4000-8000-000000000000`,
      `${BASE_PATH}/organizations`,
    ]) {
      const res = await request(testApp.app).get(address)
      expect({ address, status: res.status }).toEqual({ address, status: 404 })
      expect(res.headers['content-type']).toMatch(/^application\/json/)
      expect(typeof (res.body as { message: unknown }).message).toBe('string')
    }
  })
})

describe('services at locations', () => {
  test('every page, and each one in full, passes the profile’s schemas; only published services at published places', async () => {
    const pages = await validPages(`${BASE_PATH}/service_at_locations?per_page=30`, 'serviceAtLocationPage')
    const links = contentsOf(pages)
    expect(links).toHaveLength(
      published(
        `SELECT count(*) FROM service_at_locations sal JOIN services s ON s.id = sal.service_id AND s.status = 'published'
           JOIN locations l ON l.id = sal.location_id AND l.status = 'published'`,
      ),
    )
    for (const link of links) {
      const full = await valid<{ service: { id: string }; location: { id: string } }>(
        `${BASE_PATH}/service_at_locations/${String(link.id)}`,
        'serviceAtLocation',
      )
      expect(full.service.id).toBe(link.service_id)
      expect(full.location.id).toBe(link.location_id)
    }
  })

  test('the same filters as services, each keeping only links of services they keep', async () => {
    const servicesFound = async (query: string) =>
      new Set(
        contentsOf(await everyPage(testApp.app, `${BASE_PATH}/services?${query}&per_page=100`)).map(
          (s) => s.id,
        ),
      )
    const term = (await valid<ApiPage>(`${BASE_PATH}/taxonomy_terms?per_page=1&page=2`, 'taxonomyTermPage'))
      .contents[0]
    for (const query of [
      'search=walk',
      `taxonomy_term_id=${String(term?.id)}`,
      `taxonomy_id=${CATEGORIES_TAXONOMY_ID}`,
      'day=WE',
      'start_time=13:00',
      'end_time=12:00',
      'modified_after=2026-06-01',
    ]) {
      const links = contentsOf(
        await validPages(`${BASE_PATH}/service_at_locations?${query}&per_page=100`, 'serviceAtLocationPage'),
      )
      const services = await servicesFound(query)
      expect(links.length).toBeGreaterThan(0)
      expect({ query, outside: links.filter((link) => !services.has(link.service_id)) }).toEqual({
        query,
        outside: [],
      })
    }
    expect(
      await valid<ApiPage>(`${BASE_PATH}/service_at_locations?minimum_age=60`, 'serviceAtLocationPage'),
    ).toMatchObject({ total_items: 0, empty: true })
  })

  test('postcode and proximity: within that many metres of a full postcode, a sector or a district, nearest first', async () => {
    const postcode = db
      .prepare<[], { postcode: string; latitude: number; longitude: number }>(
        `SELECT p.postcode, p.latitude, p.longitude FROM postcodes p WHERE p.district = 'CT9' ORDER BY p.postcode LIMIT 1`,
      )
      .get()
    expect(postcode).toBeDefined()
    for (const [where, proximity] of [
      [postcode?.postcode ?? '', 3000],
      [(postcode?.postcode ?? '').slice(0, -2), 8000],
      ['CT9', 20000],
    ] as const) {
      const address = `${BASE_PATH}/service_at_locations?postcode=${encodeURIComponent(where)}&proximity=${proximity}&per_page=100`
      const links = contentsOf(await validPages(address, 'serviceAtLocationPage'))
      expect({ where, found: links.length > 0 }).toEqual({ where, found: true })
      const centre = db
        .prepare<[string, string, string], { latitude: number; longitude: number }>(
          `SELECT latitude, longitude FROM postcodes WHERE postcode = ?
           UNION ALL SELECT latitude, longitude FROM postcode_sectors WHERE sector = ?
           UNION ALL SELECT latitude, longitude FROM postcode_districts WHERE district = ?`,
        )
        .get(where, where, where) as { latitude: number; longitude: number }
      const metres = links.map(
        (link) => milesBetween(centre, link.location as { latitude: number; longitude: number }) * 1609.344,
      )
      expect(metres.every((m) => m <= proximity * 1.01)).toBe(true)
      expect(metres.map((m) => Math.round(m))).toEqual(
        [...metres].sort((a, b) => a - b).map((m) => Math.round(m)),
      )
      // Everything published within the distance, none left out.
      const inside = db
        .prepare<[], { latitude: number; longitude: number }>(
          `SELECT l.latitude, l.longitude FROM service_at_locations sal
             JOIN services s ON s.id = sal.service_id AND s.status = 'published'
             JOIN locations l ON l.id = sal.location_id AND l.status = 'published'`,
        )
        .all()
        .filter((point) => milesBetween(centre, point) * 1609.344 <= proximity * 0.99).length
      expect(links.length).toBeGreaterThanOrEqual(inside)
    }
    const nearAndTuesday = contentsOf(
      await validPages(
        `${BASE_PATH}/service_at_locations?postcode=CT9&proximity=20000&day=TU`,
        'serviceAtLocationPage',
      ),
    )
    const tuesdays = new Set(
      contentsOf(await everyPage(testApp.app, `${BASE_PATH}/services?day=TU&per_page=100`)).map((s) => s.id),
    )
    expect(nearAndTuesday.every((link) => tuesdays.has(link.service_id))).toBe(true)
  })

  test('a postcode we cannot place, or proximity without a postcode, is a 400 in plain words', async () => {
    const cases: [string, RegExp][] = [
      ['postcode=ZZ99 9ZZ', /We do not know where the postcode ZZ99 9ZZ is/],
      ['postcode=Margate', /postcode must be a UK postcode/],
      ['proximity=500', /proximity needs a postcode/],
      ['postcode=CT9&proximity=500000', /proximity must be a whole number of metres from 1 to 50000/],
      ['postcode=CT9&proximity=near', /proximity must be a whole number/],
    ]
    for (const [query, message] of cases) {
      const res = await request(testApp.app).get(`${BASE_PATH}/service_at_locations?${query}`)
      expect({ query, status: res.status }).toEqual({ query, status: 400 })
      expect((res.body as { message: string }).message).toMatch(message)
    }
  })
})

describe('taxonomies and taxonomy terms', () => {
  test('our categories are one taxonomy with its terms; the list of skills people share is not published', async () => {
    const taxonomies = await valid<ApiPage>(`${BASE_PATH}/taxonomies`, 'taxonomyPage')
    expect(taxonomies.contents.map((t) => t.id)).toEqual([CATEGORIES_TAXONOMY_ID])
    const taxonomy = await valid<{ taxonomy_terms: { id: string }[] }>(
      `${BASE_PATH}/taxonomies/${CATEGORIES_TAXONOMY_ID}`,
      'taxonomy',
    )
    const categories = published(`SELECT count(*) FROM taxonomy_terms WHERE vocabulary = 'category'`)
    expect(taxonomy.taxonomy_terms).toHaveLength(categories)
    const terms = contentsOf(await everyPage(testApp.app, `${BASE_PATH}/taxonomy_terms?per_page=5`))
    expect(terms.map((t) => t.id)).toEqual(taxonomy.taxonomy_terms.map((t) => t.id))
    for (const term of terms) {
      const one = await valid<{ id: string; taxonomy_id: string }>(
        `${BASE_PATH}/taxonomy_terms/${String(term.id)}`,
        'taxonomyTerm',
      )
      expect(one.taxonomy_id).toBe(CATEGORIES_TAXONOMY_ID)
    }
    for (const page of await everyPage(testApp.app, `${BASE_PATH}/taxonomy_terms?per_page=5`))
      expect(profile.problems('taxonomyTermPage', page)).toEqual([])
    const skill = db
      .prepare<[], string>(`SELECT open_referral_id FROM taxonomy_terms WHERE vocabulary = 'skill' LIMIT 1`)
      .pluck()
      .get()
    expect((await request(testApp.app).get(`${BASE_PATH}/taxonomy_terms/${String(skill)}`)).status).toBe(404)
    expect((await request(testApp.app).get(`${BASE_PATH}/taxonomies?page=0`)).status).toBe(400)
  })
})

describe('ids', () => {
  test('are UUIDs that stay the same when a service is edited, its places linked again', async () => {
    const hub = db.prepare<[], number>('SELECT id FROM hubs ORDER BY id LIMIT 1').pluck().get() as number
    const organisationId = anOrganisation(db, { name: 'Stable Ids Trust', hubIds: [hub] })
    const placeId = aPlace(db, { name: 'Stable Hall', hubId: hub })
    const id = aService(db, { name: 'Stable walk', organisationId, hubId: hub, placeIds: [placeId] })
    const before = db
      .prepare<[number], { service: string; link: string }>(
        `SELECT s.open_referral_id AS service, sal.open_referral_id AS link FROM services s
           JOIN service_at_locations sal ON sal.service_id = s.id WHERE s.id = ?`,
      )
      .get(id)
    testApp.services.repositories.services.update(id, {
      organisationId,
      hubId: hub,
      name: 'Stable walk, renamed',
      isFree: true,
      status: 'published',
      placeIds: [placeId],
    })
    const after = db
      .prepare<[number], { service: string; link: string }>(
        `SELECT s.open_referral_id AS service, sal.open_referral_id AS link FROM services s
           JOIN service_at_locations sal ON sal.service_id = s.id WHERE s.id = ?`,
      )
      .get(id)
    expect(after).toEqual(before)
    const full = await valid<{ name: string; service_at_locations: { id: string }[] }>(
      `${BASE_PATH}/services/${String(before?.service)}`,
      'service',
    )
    expect(full.name).toBe('Stable walk, renamed')
    expect(full.service_at_locations.map((l) => l.id)).toEqual([before?.link])
  })
})

describe('headers', () => {
  const everyEndpoint = async (): Promise<string[]> => {
    const service = ((await getJson(testApp.app, `${BASE_PATH}/services?per_page=1`)).body as ApiPage)
      .contents[0]
    const link = (
      (await getJson(testApp.app, `${BASE_PATH}/service_at_locations?per_page=1`)).body as ApiPage
    ).contents[0]
    const term = ((await getJson(testApp.app, `${BASE_PATH}/taxonomy_terms?per_page=1`)).body as ApiPage)
      .contents[0]
    return [
      `${BASE_PATH}/`,
      `${BASE_PATH}/openapi.json`,
      `${BASE_PATH}/services`,
      `${BASE_PATH}/services/${String(service?.id)}`,
      `${BASE_PATH}/service_at_locations`,
      `${BASE_PATH}/service_at_locations/${String(link?.id)}`,
      `${BASE_PATH}/taxonomies`,
      `${BASE_PATH}/taxonomies/${CATEGORIES_TAXONOMY_ID}`,
      `${BASE_PATH}/taxonomy_terms`,
      `${BASE_PATH}/taxonomy_terms/${String(term?.id)}`,
      `${BASE_PATH}/services?per_page=500`,
      `${BASE_PATH}/services/00000000-0000-4000-8000-000000000000`,
    ]
  }

  test('every answer, good or not, is JSON, open to any site, and sets no cookie, even for a signed-in browser', async () => {
    for (const address of await everyEndpoint()) {
      for (const cookie of [undefined, 'cg_session=s%3Asomething.made-up']) {
        const req = request(testApp.app).get(address)
        const res = await (cookie ? req.set('Cookie', cookie) : req)
        expect({ address, cors: res.headers['access-control-allow-origin'] }).toEqual({ address, cors: '*' })
        expect(res.headers['content-type']).toMatch(/^application\/json/)
        expect({ address, cookie: res.headers['set-cookie'] }).toEqual({ address, cookie: undefined })
      }
    }
    const asked = await request(testApp.app).options(`${BASE_PATH}/services`)
    expect(asked.status).toBe(204)
    expect(asked.headers['access-control-allow-origin']).toBe('*')
    expect(asked.headers['access-control-allow-headers']).toMatch(/If-None-Match/)
    const posted = await request(testApp.app).post(`${BASE_PATH}/services`)
    expect(posted.status).toBe(405)
    expect(posted.headers.allow).toBe('GET, HEAD, OPTIONS')
    expect(posted.body).toEqual({ message: 'This address can only be read (GET)' })
  })

  test('ETag and Last-Modified: 304 while nothing changed, the new answer once something has', async () => {
    const address = `${BASE_PATH}/services?per_page=5`
    const first = await request(testApp.app).get(address)
    const etag = first.headers.etag as string
    const lastModified = first.headers['last-modified'] as string
    expect(etag).toMatch(/^W\/"oruk-\d+"$/)
    expect(new Date(lastModified).getTime()).not.toBeNaN()
    expect((await request(testApp.app).get(address).set('If-None-Match', etag)).status).toBe(304)
    expect((await request(testApp.app).get(address).set('If-Modified-Since', lastModified)).status).toBe(304)
    const id = published(`SELECT id FROM services WHERE status = 'published' ORDER BY id LIMIT 1`)
    testApp.services.repositories.services.markChecked(id, '2026-12-01')
    const changed = await request(testApp.app).get(address).set('If-None-Match', etag)
    expect(changed.status).toBe(200)
    expect(changed.headers.etag).not.toBe(etag)
    const since = await request(testApp.app).get(address).set('If-Modified-Since', lastModified)
    expect(since.status).toBe(200)
    expect(new Date(since.headers['last-modified'] as string).getTime()).toBeGreaterThan(
      new Date(lastModified).getTime(),
    )
  })

  test('past the limit from one address: 429 with Retry-After and a plain message', async () => {
    const limited = aTestApp({ db, config: { openDataRequestsPerMinute: 3 } })
    for (let i = 0; i < 3; i++)
      expect((await request(limited.app).get(`${BASE_PATH}/taxonomies`)).status).toBe(200)
    const res = await request(limited.app).get(`${BASE_PATH}/services`)
    expect(res.status).toBe(429)
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
    expect(res.headers['access-control-allow-origin']).toBe('*')
    expect((res.body as { message: string }).message).toMatch(
      /Too many requests from your address. Try again in \d+ seconds/,
    )
    expect(res.headers['set-cookie']).toBeUndefined()
    // The site's own pages are not counted against it.
    expect((await request(limited.app).get('/about')).status).toBe(200)
  })
})
