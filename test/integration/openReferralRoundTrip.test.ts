/**
 * The round trip issue 14 asks for: another directory reads ours. The demo directory is served
 * on a real port, and `npm run import:oruk -- URL --yes` (its own function, as the terminal
 * runs it) reads its /openreferral/v3 into an empty database that has only been migrated, so
 * its list of categories is the migrations' own. What arrives is compared with what the demo
 * publishes, as sets of plain values (names, words, times, codes), never ids: every published
 * service, who runs it, its places, its times and where each is, its categories, cost,
 * contact details and the access facts of its places. What the profile has no room for is
 * asserted as lost, with the reason. Importing the same API again updates every listing and
 * adds none; and nothing about people arrives.
 */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { importOpenReferralCommand } from '../../db/cli/importOpenReferral'
import { openDatabase, type Db } from '../../db/connection'
import { migrate } from '../../db/migrate'
import { BASE_PATH } from '../support/openReferral'
import { aDemoDatabase, aTestApp, type TestApp } from '../support/testApp'

jest.setTimeout(120_000)

type Row = Record<string, unknown>

/** The rows of a query as plain values, in one order, so two directories compare as sets. */
function rowsOf(db: Db, sql: string): Row[] {
  return (db.prepare(sql).all() as Row[])
    .map((row) => JSON.stringify(row))
    .sort()
    .map((row) => JSON.parse(row) as Row)
}

/**
 * What a directory publishes, by name and words. Only published listings travel, and only
 * through the services that use them: the API serves services, with their organisations and
 * places nested in them, so an organisation or a place no published service uses is not in
 * the feed (none of the demo's published places is unused; the organisations that are lost
 * this way are asserted below).
 */
const PUBLISHED_SERVICE = `s.status = 'published'`
const USED_PLACE = `l.status = 'published' AND EXISTS (
  SELECT 1 FROM service_at_locations u JOIN services s ON s.id = u.service_id AND ${PUBLISHED_SERVICE}
   WHERE u.location_id = l.id)`
const USED_ORGANISATION = `o.status = 'published' AND EXISTS (
  SELECT 1 FROM services s WHERE s.organization_id = o.id AND ${PUBLISHED_SERVICE})`

const QUERIES = {
  services: `SELECT s.name, s.description, s.eligibility_description AS forWhom,
       s.application_process AS howToJoin, o.name AS runBy, s.last_checked AS lastChecked,
       s.comes_to_home AS comesToHome, s.by_phone AS byPhone, s.online
     FROM services s JOIN organizations o ON o.id = s.organization_id WHERE ${PUBLISHED_SERVICE}`,
  costs: `SELECT s.name, s.is_free AS isFree, s.cost_amount_pence AS pence, s.cost_option AS per,
       s.cost_description AS words
     FROM services s WHERE ${PUBLISHED_SERVICE}`,
  serviceContacts: `SELECT s.name, s.phone, s.email, s.url FROM services s WHERE ${PUBLISHED_SERVICE}`,
  organisations: `SELECT o.name, o.description, o.website, o.email, o.phone
     FROM organizations o WHERE ${USED_ORGANISATION}`,
  places: `SELECT l.name, l.description, l.address_1 AS address1, l.address_2 AS address2, l.city,
       l.postal_code AS postcode
     FROM locations l WHERE ${USED_PLACE}`,
  access: `SELECT l.name, l.postal_code AS postcode, a.feature_code AS feature, a.available,
       a.details
     FROM location_accessibility a JOIN locations l ON l.id = a.location_id WHERE ${USED_PLACE}`,
  servicePlaces: `SELECT s.name, l.name AS place, l.postal_code AS postcode
     FROM service_at_locations sal
     JOIN services s ON s.id = sal.service_id AND ${PUBLISHED_SERVICE}
     JOIN locations l ON l.id = sal.location_id AND l.status = 'published'`,
  schedules: `SELECT s.name, t.freq, t.interval, t.byday, t.week_of_month AS weekOfMonth,
       t.opens_at AS opensAt, t.closes_at AS closesAt, t.description, l.name AS place,
       l.postal_code AS postcode
     FROM schedules t
     JOIN services s ON s.id = t.service_id AND ${PUBLISHED_SERVICE}
     LEFT JOIN service_at_locations sal ON sal.id = t.service_at_location_id
     LEFT JOIN locations l ON l.id = sal.location_id`,
  categories: `SELECT s.name, t.code FROM service_categories c
     JOIN services s ON s.id = c.service_id AND ${PUBLISHED_SERVICE}
     JOIN taxonomy_terms t ON t.id = c.term_id`,
  categoryList: `SELECT code, name, description FROM taxonomy_terms WHERE vocabulary = 'category'`,
} as const

type Part = keyof typeof QUERIES

/** Every table that holds anything about a person, an account or what people asked for. */
const PEOPLE_TABLES = [
  'people',
  'person_skills',
  'consents',
  'sharing_drafts',
  'claim_links',
  'introductions',
  'introduction_events',
  'introduction_answer_links',
  'accounts',
  'account_hubs',
  'two_step',
  'recovery_codes',
  'sessions',
  'emailed_links',
  'outbox',
  'hub_skill_counts',
]

let source: TestApp
let server: http.Server
let feedAddress: string
let folder: string
let databasePath: string

beforeAll(async () => {
  source = aTestApp({ db: aDemoDatabase(), config: { openDataRequestsPerMinute: 0 } })
  server = http.createServer(source.app)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  feedAddress = `http://127.0.0.1:${(server.address() as AddressInfo).port}${BASE_PATH}`
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-oruk-round-trip-'))
  databasePath = path.join(folder, 'another-directory.sqlite')
  // An empty directory: its tables and its list of categories, from the migrations only.
  const db = openDatabase(databasePath)
  migrate(db)
  db.close()
})

afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
  fs.rmSync(folder, { recursive: true, force: true })
})

/** `npm run import:oruk -- ADDRESS --yes` into the empty directory; its exit code and lines. */
async function importOurApi() {
  const out: string[] = []
  const err: string[] = []
  const code = await importOpenReferralCommand(
    [feedAddress, '--yes'],
    // The feed is on 127.0.0.1, which the importer refuses unless told it may (never in production).
    { NODE_ENV: 'test', DATABASE_PATH: databasePath, FEEDS_FROM_PRIVATE_ADDRESSES: 'yes' },
    { out: (line) => out.push(line), err: (line) => err.push(line) },
  )
  return { code, out, err }
}

/** Reads the other directory, then closes it (the command opens it again each time). */
function inTheOtherDirectory<T>(read: (db: Db) => T): T {
  const db = openDatabase(databasePath)
  try {
    return read(db)
  } finally {
    db.close()
  }
}

const ours = (part: Part) => rowsOf(source.db, QUERIES[part])
const theirs = (part: Part) => inTheOtherDirectory((db) => rowsOf(db, QUERIES[part]))
const countIn = (db: Db, sql: string) => db.prepare<[], number>(sql).pluck().get() ?? Number.NaN

describe('another directory importing ours through the Open Referral UK API', () => {
  const publishedServices = () =>
    countIn(source.db, `SELECT count(*) FROM services s WHERE ${PUBLISHED_SERVICE}`)

  test('an empty directory takes in every published service with npm run import:oruk, and nothing held back', async () => {
    expect(inTheOtherDirectory((db) => countIn(db, 'SELECT count(*) FROM services'))).toBe(0)
    const { code, out, err } = await importOurApi()
    expect(err).toEqual([])
    expect(code).toBe(0)
    const count = publishedServices()
    expect(count).toBeGreaterThan(100)
    expect(out[0]).toBe(`${feedAddress}: ${count} services.`)
    expect(out[out.length - 1]).toBe(
      `Imported: ${count} new services, 0 services updated, 0 services gone from the source flagged for checking.`,
    )
    // The report's notes are only the service areas (our hubs' names), which have no place in
    // the other directory: no contact was taken for a person, no time or cost was left out.
    const notes = out.filter((line) => line.startsWith('  Service '))
    expect(notes.length).toBeGreaterThan(0)
    expect(
      notes.every((line) => / service_areas: We have no place for this, so it was left out$/.test(line)),
    ).toBe(true)
    expect(
      inTheOtherDirectory((db) => countIn(db, `SELECT count(*) FROM services WHERE status = 'published'`)),
    ).toBe(count)
    // Drafts, pending and archived services are not served, so none arrives.
    const hidden = source.db
      .prepare<[], string>(`SELECT name FROM services WHERE status <> 'published'`)
      .pluck()
      .all()
    expect(hidden.length).toBeGreaterThan(0)
    const arrived = new Set(theirs('services').map((service) => service.name))
    expect(hidden.filter((name) => arrived.has(name))).toEqual([])
  })

  test.each<[string, Part]>([
    ['services, with who runs each, who they are for, how to join and how they reach people', 'services'],
    ['costs: free, an amount and what it is for, and their own words', 'costs'],
    ['services’ phones, email addresses and web addresses', 'serviceContacts'],
    ['organisations, with their descriptions, web addresses, emails and phones', 'organisations'],
    ['places: names, descriptions and addresses with postcodes', 'places'],
    ['places’ access facts, yes and no, with their details', 'access'],
    ['links between services and the places they meet at', 'servicePlaces'],
    [
      'times: days, hours, weekly or monthly, every how many weeks, their notes and their places',
      'schedules',
    ],
    ['categories of each service', 'categories'],
    ['categories in the list (from the migrations, on both sides)', 'categoryList'],
  ])('arrive the same: %s', (_what, part) => {
    const expected = ours(part)
    expect(expected.length).toBeGreaterThan(0)
    expect(theirs(part)).toEqual(expected)
  })

  test('the same points on the map, within a millionth of a degree', () => {
    const pointsOf = (db: Db) =>
      new Map(
        db
          .prepare<[], { key: string; latitude: number; longitude: number }>(
            `SELECT l.name || ', ' || l.postal_code AS key, l.latitude, l.longitude FROM locations l WHERE ${USED_PLACE}`,
          )
          .all()
          .map(({ key, latitude, longitude }) => [key, { latitude, longitude }]),
      )
    const expected = pointsOf(source.db)
    expect(expected.size).toBeGreaterThan(0)
    const arrived = inTheOtherDirectory(pointsOf)
    expect([...arrived.keys()].sort()).toEqual([...expected.keys()].sort())
    for (const [key, point] of expected) {
      const other = arrived.get(key)
      expect(Math.abs((other?.latitude ?? Infinity) - point.latitude)).toBeLessThan(1e-6)
      expect(Math.abs((other?.longitude ?? Infinity) - point.longitude)).toBeLessThan(1e-6)
    }
  })

  test('what the profile has no room for is lost, and only that', () => {
    // An organisation's own address and point: the profile's organization has no address
    // (schema/organization.json), and the API serves only the places services meet at. The
    // organisations arrive without them.
    const based = source.db
      .prepare<[], string>(
        `SELECT o.name FROM organizations o WHERE ${USED_ORGANISATION} AND o.postal_code IS NOT NULL`,
      )
      .pluck()
      .all()
    expect(based.length).toBeGreaterThan(0)
    expect(
      inTheOtherDirectory((db) =>
        countIn(
          db,
          `SELECT count(*) FROM organizations WHERE address_1 IS NOT NULL OR city IS NOT NULL
              OR postal_code IS NOT NULL OR latitude IS NOT NULL OR longitude IS NOT NULL`,
        ),
      ),
    ).toBe(0)
    // An organisation that runs no published service: the API serves services, each with the
    // organisation that runs it, and has no list of organisations (the profile has none).
    const idle = source.db
      .prepare<[], string>(
        `SELECT o.name FROM organizations o WHERE o.status = 'published' AND NOT (${USED_ORGANISATION})`,
      )
      .pluck()
      .all()
    const organisations = inTheOtherDirectory((db) =>
      db.prepare<[], string>('SELECT name FROM organizations').pluck().all(),
    )
    expect(organisations.filter((name) => idle.includes(name))).toEqual([])
    expect(organisations.length).toBe(ours('organisations').length)
    // Hubs: they are this directory's own. The API names a service's hub only in the words of
    // its service area, and an import puts each listing in the importing directory's hub whose
    // area holds it; an empty directory has no hubs, so none has one.
    expect(
      inTheOtherDirectory((db) =>
        countIn(
          db,
          `SELECT (SELECT count(*) FROM hubs) + (SELECT count(*) FROM services WHERE hub_id IS NOT NULL)
                + (SELECT count(*) FROM locations WHERE hub_id IS NOT NULL)`,
        ),
      ),
    ).toBe(0)
  })

  test('importing the same API again updates every listing and adds none', async () => {
    const tables = [
      'services',
      'organizations',
      'locations',
      'service_at_locations',
      'schedules',
      'service_categories',
      'location_accessibility',
    ]
    const counts = () =>
      inTheOtherDirectory((db) =>
        tables.map((table) => [table, countIn(db, `SELECT count(*) FROM ${table}`)]),
      )
    const before = counts()
    const { code, out } = await importOurApi()
    expect(code).toBe(0)
    expect(out).toContain(
      `0 new services, ${publishedServices()} services updated, 0 services gone from the source (to be flagged for checking, not deleted).`,
    )
    expect(out[out.length - 1]).toBe(
      `Imported: 0 new services, ${publishedServices()} services updated, 0 services gone from the source flagged for checking.`,
    )
    expect(counts()).toEqual(before)
    for (const part of ['services', 'places', 'schedules', 'categories'] as const)
      expect(theirs(part)).toEqual(ours(part))
  })

  test('nothing about people arrives: every table of people, accounts and introductions is empty', () => {
    expect(countIn(source.db, 'SELECT count(*) FROM people')).toBeGreaterThan(0)
    expect(
      inTheOtherDirectory((db) =>
        PEOPLE_TABLES.map((table) => [table, countIn(db, `SELECT count(*) FROM ${table}`)]),
      ),
    ).toEqual(PEOPLE_TABLES.map((table) => [table, 0]))
  })
})
