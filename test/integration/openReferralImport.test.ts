/**
 * Reading another directory's Open Referral UK feed (issue 14): stories of a coordinator
 * bringing in a council's listings from a file or from its API, again next month, and of the
 * listings the council stopped listing.
 */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { importDemoPostcodesIfEmpty } from '../../db/demoPostcodes'
import { loadGazetteerIfEmpty } from '../../db/gazetteer'
import { importOpenReferralCommand } from '../../db/cli/importOpenReferral'
import { openDatabase } from '../../db/connection'
import { migrate } from '../../db/migrate'
import { seedDemoData } from '../../db/seed'
import { FeedShapeError } from '../../server/services/directory/openReferral/feedDocuments'
import { FeedFetchError, isPrivateAddress } from '../../server/services/directory/openReferral/feedFetcher'
import { readFeed, type FeedInput } from '../../server/services/directory/openReferral/feedInput'
import type { Viewer } from '../../server/services/viewer'
import { aDemoTestApp, aTestApp, type TestApp } from '../support/testApp'

jest.setTimeout(60_000)

const EXAMPLES = path.join(__dirname, '..', 'fixtures', 'openreferral-uk', 'examples')
const example = (name: string) => fs.readFileSync(path.join(EXAMPLES, name), 'utf8')

const count = (testApp: TestApp, sql: string, ...params: unknown[]) =>
  (testApp.db
    .prepare(sql)
    .pluck()
    .get(...params) as number) ?? 0

/** Reads a feed and, when it has no problem, writes it; the report and what was written. */
async function importInto(testApp: TestApp, input: FeedInput, options = { allowPrivateAddresses: false }) {
  const feed = await readFeed(input, options)
  const checked = testApp.services.openReferralImport.check(feed.services, feed.source)
  const written =
    checked.report.problemCount === 0
      ? testApp.services.openReferralImport.write(checked.services, feed.source)
      : null
  return { report: checked.report, written }
}

/** A council's service in HSDS 3.0, meeting in Margate (a demo postcode), with these changes. */
function aCouncilService(id: string, changes: Record<string, unknown> = {}) {
  return {
    id,
    name: 'Cliftonville walking group',
    description: 'A gentle walk along the seafront, then tea.',
    status: 'active',
    email: 'walks@example.org',
    url: 'https://example.org/walks',
    phones: [{ id: `${id}-phone`, number: '01632 960123' }],
    organization: {
      id: 'org-thanet-walks',
      name: 'Thanet Walks',
      website: 'https://thanetwalks.example.org',
    },
    cost_options: [{ id: `${id}-cost`, amount: 0, amount_description: 'Free' }],
    contacts: [{ id: `${id}-contact`, name: 'Winifred Example', title: 'Walk leader' }],
    attributes: [
      { id: `${id}-a1`, taxonomy_term: { id: 't1', name: 'Walking' } },
      { id: `${id}-a2`, taxonomy_term: { id: 't2', name: 'Underwater basket weaving' } },
    ],
    schedules: [
      { id: `${id}-s1`, freq: 'WEEKLY', byday: 'TU', opens_at: '10:00:00', closes_at: '12:00:00' },
      { id: `${id}-s2`, freq: 'MONTHLY', byday: '2TH', opens_at: '14:00', closes_at: '15:30' },
    ],
    service_at_locations: [
      {
        id: `${id}-sal`,
        location: {
          id: 'loc-oval',
          name: 'The Oval Bandstand',
          location_type: 'physical',
          addresses: [
            {
              id: 'addr-1',
              address_1: 'Cliftonville Promenade',
              city: 'Margate',
              postal_code: 'CT9 1ZA',
              country: 'GB',
              address_type: 'physical',
            },
          ],
          accessibility: [
            { id: 'acc-1', description: 'Induction loop in the cafe; step-free from the road.' },
          ],
        },
      },
    ],
    ...changes,
  }
}

const page = (contents: unknown[], number = 1, totalPages = 1) => ({
  total_items: contents.length,
  total_pages: totalPages,
  page_number: number,
  size: contents.length,
  first_page: number === 1,
  last_page: number === totalPages,
  empty: contents.length === 0,
  contents,
})

const file = (name: string, document: unknown, source?: string): FeedInput => ({
  kind: 'file',
  name,
  text: JSON.stringify(document),
  source,
})

describe('importing another directory’s Open Referral UK feed', () => {
  let testApp: TestApp
  beforeAll(async () => {
    testApp = aDemoTestApp()
    loadGazetteerIfEmpty(testApp.db)
    await importDemoPostcodesIfEmpty(testApp.db)
  })

  it.each([
    'service_full.json',
    'service_list.json',
    'service_at_location_full.json',
    'service_at_location_list.json',
    'organization_full.json',
  ])(
    'imports the published example %s cleanly, and Community Counselling lands with its organisation, times and cost',
    async (name) => {
      const before = count(testApp, 'SELECT count(*) FROM services')
      const { report, written } = await importInto(testApp, { kind: 'file', name, text: example(name) })
      expect(report.problems).toEqual([])
      expect(report.rowCount).toBe(1)
      expect(written).toEqual({ added: 1, updated: 0, gone: 0 })
      expect(count(testApp, 'SELECT count(*) FROM services')).toBe(before + 1)
      const service = testApp.db
        .prepare(
          `SELECT s.id, s.name, s.status, s.email, s.url, s.cost_amount_pence AS pence, s.eligibility_description AS who,
                o.name AS organisation
           FROM services s JOIN organizations o ON o.id = s.organization_id
          WHERE s.id = (SELECT max(id) FROM services)`,
        )
        .get() as Record<string, unknown>
      expect(service).toMatchObject({
        name: 'Community Counselling',
        status: 'published',
        email: 'email@example.com',
        url: 'http://example.com/counselling',
        who: 'For ages 12 to 100.',
        organisation: 'Example Organization Inc.',
      })
      const times = testApp.db
        .prepare(
          'SELECT byday, opens_at AS opensAt, closes_at AS closesAt FROM schedules WHERE service_id = ? ORDER BY id',
        )
        .all(service.id)
      // The list examples carry the service's outline only; the whole ones its times and cost too.
      if (name.endsWith('_full.json')) expect(service.pence).toBe(3500)
      if (name.endsWith('_full.json'))
        expect(times).toEqual([
          { byday: 'TH', opensAt: '10:00', closesAt: '18:00' },
          { byday: 'FR', opensAt: '10:00', closesAt: '18:00' },
        ])
      // Its place is in "MyCity" at latitude 100: it cannot go on the map, and the report says so.
      // (The page of services gives no places at all.)
      expect(report.notes?.some((note) => /on the map/.test(note.message))).toBe(name !== 'service_list.json')
      // A contact is a person: the name never comes in.
      expect(
        JSON.stringify(testApp.db.prepare('SELECT * FROM services WHERE id = ?').get(service.id)),
      ).not.toContain('Ann Persona')
    },
  )

  it('says plainly that a list of organisations without their services has nothing to import', async () => {
    await expect(
      importInto(testApp, {
        kind: 'file',
        name: 'organization_list.json',
        text: example('organization_list.json'),
      }),
    ).rejects.toThrow(/list of organisations without their services/)
  })

  it('maps a council’s service: its place by postcode, access features, weekly and monthly times, category, free, phone', async () => {
    const { report, written } = await importInto(
      testApp,
      file('council.json', page([aCouncilService('svc-1')])),
    )
    expect(report.problems).toEqual([])
    expect(written).toEqual({ added: 1, updated: 0, gone: 0 })
    const service = testApp.db
      .prepare(
        `SELECT id, is_free AS isFree, phone, hub_id AS hubId FROM services WHERE name = 'Cliftonville walking group'`,
      )
      .get() as { id: number; isFree: number; phone: string; hubId: number | null }
    expect(service).toMatchObject({ isFree: 1, phone: '01632 960123' })
    expect(service.hubId).toBe(count(testApp, `SELECT id FROM hubs WHERE slug = 'thanet'`))
    expect(
      testApp.db
        .prepare(
          `SELECT t.code FROM service_categories sc JOIN taxonomy_terms t ON t.id = sc.term_id WHERE sc.service_id = ?`,
        )
        .pluck()
        .all(service.id),
    ).toEqual(['walking-groups'])
    expect(report.notes).toContainEqual({
      row: 1,
      column: 'attributes[1].taxonomy_term',
      message: '‘Underwater basket weaving’ is not one of our categories, so it was left out',
    })
    const place = testApp.db
      .prepare(
        `SELECT l.id, l.name, l.postal_code AS postcode FROM service_at_locations sal JOIN locations l ON l.id = sal.location_id
          WHERE sal.service_id = ?`,
      )
      .get(service.id) as { id: number; name: string; postcode: string }
    expect(place).toMatchObject({ name: 'The Oval Bandstand', postcode: 'CT9 1ZA' })
    expect(
      testApp.db
        .prepare(
          'SELECT feature_code FROM location_accessibility WHERE location_id = ? ORDER BY feature_code',
        )
        .pluck()
        .all(place.id),
    ).toEqual(['hearing-loop', 'step-free'])
    expect(
      testApp.db
        .prepare(
          `SELECT freq, byday, week_of_month AS week, opens_at AS opensAt, closes_at AS closesAt FROM schedules
            WHERE service_id = ? ORDER BY id`,
        )
        .all(service.id),
    ).toEqual([
      { freq: 'WEEKLY', byday: 'TU', week: null, opensAt: '10:00', closesAt: '12:00' },
      { freq: 'MONTHLY', byday: 'TH', week: 2, opensAt: '14:00', closesAt: '15:30' },
    ])
    const everything = JSON.stringify(
      testApp.db.prepare('SELECT * FROM services WHERE id = ?').get(service.id),
    )
    expect(everything).not.toContain('Winifred')
  })

  it('updates the listings on a second import of the same feed instead of adding them again', async () => {
    const first = await importInto(
      testApp,
      file('again.json', [aCouncilService('again-1', { name: 'Seafront stroll' })]),
    )
    expect(first.written).toEqual({ added: 1, updated: 0, gone: 0 })
    const services = count(testApp, 'SELECT count(*) FROM services')
    const places = count(testApp, 'SELECT count(*) FROM locations')
    const organisations = count(testApp, 'SELECT count(*) FROM organizations')
    const renamed = aCouncilService('again-1', { name: 'Seafront stroll and tea' })
    const second = await importInto(testApp, file('again.json', [renamed]))
    expect(second.report).toMatchObject({ newCount: 0, updatedCount: 1, goneCount: 0 })
    expect(second.written).toEqual({ added: 0, updated: 1, gone: 0 })
    expect(count(testApp, 'SELECT count(*) FROM services')).toBe(services)
    expect(count(testApp, 'SELECT count(*) FROM locations')).toBe(places)
    expect(count(testApp, 'SELECT count(*) FROM organizations')).toBe(organisations)
    expect(count(testApp, `SELECT count(*) FROM services WHERE name = 'Seafront stroll and tea'`)).toBe(1)
    expect(count(testApp, `SELECT count(*) FROM services WHERE name = 'Seafront stroll'`)).toBe(0)
  })

  it('flags a listing that has gone from the feed for a coordinator, keeps it published, and clears the flag once checked', async () => {
    const source = 'https://council.example.org/openreferral'
    const both = [
      aCouncilService('keep-1', { name: 'Knit and natter' }),
      aCouncilService('gone-1', { name: 'Lunch club' }),
    ]
    await importInto(testApp, file('a.json', both, source))
    const dryRun = await readFeed(file('b.json', [both[0]], source), { allowPrivateAddresses: false })
    const checked = testApp.services.openReferralImport.check(dryRun.services, dryRun.source)
    expect(checked.report).toMatchObject({ newCount: 0, updatedCount: 1, goneCount: 1 })
    const goneBefore = testApp.services.repositories.openReferralSources.countGone()
    expect(testApp.services.openReferralImport.write(checked.services, dryRun.source)).toEqual({
      added: 0,
      updated: 1,
      gone: 1,
    })
    const lunchId = count(testApp, `SELECT id FROM services WHERE name = 'Lunch club' ORDER BY id DESC`)
    expect(
      count(testApp, 'SELECT count(*) FROM services WHERE id = ? AND status = ?', lunchId, 'published'),
    ).toBe(1)
    const sources = testApp.services.repositories.openReferralSources
    expect(sources.countGone()).toBe(goneBefore + 1)
    expect(sources.goneFromSource('service', lunchId)).toMatchObject({ sourceLabel: source })
    expect(sources.gone({ limit: 100, offset: 0 }).map((one) => one.name)).toContain('Lunch club')

    const admin: Viewer = { kind: 'admin', accountId: undefined } as Viewer
    expect(testApp.services.freshness.markChecked(admin, 'service', lunchId, 'phone', { ip: null })).toBe(
      'checked',
    )
    expect(sources.goneFromSource('service', lunchId)).toBeUndefined()
  })

  it.each([
    ['broken JSON', '{"id": "x", "name": ', /could not read the file as JSON/],
    ['a spreadsheet', 'service_name,organisation\nWalk,Thanet', /could not read the file as JSON/],
    ['a number', '42', /not Open Referral UK data/],
    ['an object that is not a service', '{"hello": "world"}', /not Open Referral UK data/],
  ])('refuses %s with a plain message and writes nothing', async (_what, text, message) => {
    const services = count(testApp, 'SELECT count(*) FROM services')
    await expect(importInto(testApp, { kind: 'file', name: 'bad.json', text })).rejects.toThrow(
      FeedShapeError,
    )
    await expect(importInto(testApp, { kind: 'file', name: 'bad.json', text })).rejects.toThrow(message)
    expect(count(testApp, 'SELECT count(*) FROM services')).toBe(services)
  })

  it('reports a service with no id, no name or no organisation by record and field, and writes none of the feed', async () => {
    const services = count(testApp, 'SELECT count(*) FROM services')
    const { report, written } = await importInto(
      testApp,
      file('problems.json', [
        aCouncilService('fine-1', { name: 'A fine group' }),
        aCouncilService('', { id: undefined }),
        aCouncilService('no-name', { name: '' }),
        aCouncilService('no-org', { organization: undefined }),
        'not a service',
      ]),
    )
    expect(written).toBeNull()
    expect(report.problems).toEqual([
      {
        row: 2,
        column: 'id',
        message: 'The service has no id, so we could not tell it apart when it is imported again',
      },
      { row: 3, column: 'name', message: 'The service has no name' },
      {
        row: 4,
        column: 'organization',
        message: 'The service has no organisation with a name. We need to know who runs it',
      },
      { row: 5, column: null, message: 'This is not a service: we expected an object with an id and a name' },
    ])
    expect(count(testApp, 'SELECT count(*) FROM services')).toBe(services)
  })

  it('refuses a private or loopback address, and says plainly when an address cannot be reached', async () => {
    for (const url of [
      'http://127.0.0.1:3000/api',
      'http://10.1.2.3/openreferral',
      'http://[::1]/api',
      'http://localhost/api',
    ])
      await expect(readFeed({ kind: 'url', url }, { allowPrivateAddresses: false })).rejects.toThrow(
        /private or local address/,
      )
    await expect(
      readFeed({ kind: 'url', url: 'ftp://example.org/feed' }, { allowPrivateAddresses: false }),
    ).rejects.toThrow('Enter a web address starting with https:// or http://')
    // Nothing listens on port 1: the connection is refused at once.
    await expect(
      readFeed({ kind: 'url', url: 'http://127.0.0.1:1/api' }, { allowPrivateAddresses: true }),
    ).rejects.toThrow(
      new FeedFetchError(
        'We could not reach 127.0.0.1:1. Check the address, and that the directory is working',
      ),
    )
    expect(
      ['192.168.0.1', '172.16.4.4', '169.254.169.254', '::ffff:127.0.0.1', 'fd00::1'].every(isPrivateAddress),
    ).toBe(true)
    expect(['81.2.69.160', '2a00:1450:4009:81f::200e'].some(isPrivateAddress)).toBe(false)
  })

  describe('from another directory’s API', () => {
    let server: http.Server
    let base: string
    const asked: string[] = []
    let slow = false
    const whole = [
      aCouncilService('api-1', { name: 'Singing for the brain' }),
      aCouncilService('api-2', { name: 'Tea dance' }),
      aCouncilService('api-3', { name: 'Digital drop-in' }),
    ]
    beforeAll(async () => {
      // An ORUK API of three pages of one service each; its pages give only each service's
      // outline (no organisation), as many do, so the import fetches each one whole.
      server = http.createServer((req, res) => {
        asked.push(req.url ?? '')
        const url = new URL(req.url ?? '/', 'http://localhost')
        const send = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' })
          res.end(JSON.stringify(body))
        }
        if (slow) return // never answers
        if (url.pathname === '/api/services') {
          const number = Number(url.searchParams.get('page') ?? '1')
          const service = whole[number - 1]
          return send(
            200,
            page(service ? [{ id: service.id, name: service.name }] : [], number, whole.length),
          )
        }
        // As the profile's lists are (compiled/service_list.json): each service's own fields
        // and its organisation, but not its places, times, categories or costs.
        if (url.pathname === '/listed/services')
          return send(
            200,
            page(
              whole.map(({ id, name, description, organization }) => ({
                id,
                name,
                description,
                organization,
              })),
            ),
          )
        const one = /^\/(?:api|listed)\/services\/(.+)$/.exec(url.pathname)
        const found = one && whole.find((service) => service.id === decodeURIComponent(one[1] ?? ''))
        if (found) return send(200, found)
        if (url.pathname === '/not-json/services') {
          res.writeHead(200, { 'content-type': 'text/html' })
          return res.end('<html>Welcome</html>')
        }
        return send(404, { message: 'Not found' })
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    })
    afterAll(async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    })

    it('pages through /services 100 at a time, fetches each service whole, and imports them all', async () => {
      const { report, written } = await importInto(
        testApp,
        { kind: 'url', url: `${base}/api/` },
        { allowPrivateAddresses: true },
      )
      expect(report.problems).toEqual([])
      expect(report.source).toEqual({ key: `${base}/api`, label: `${base}/api` })
      expect(written).toEqual({ added: 3, updated: 0, gone: 0 })
      expect(asked).toEqual([
        '/api/services?page=1&per_page=100',
        '/api/services/api-1',
        '/api/services?page=2&per_page=100',
        '/api/services/api-2',
        '/api/services?page=3&per_page=100',
        '/api/services/api-3',
      ])
      expect(
        count(
          testApp,
          `SELECT count(*) FROM services WHERE name IN ('Singing for the brain', 'Tea dance', 'Digital drop-in')`,
        ),
      ).toBe(3)
      // The same address typed with /services on the end is the same source: nothing new.
      const again = await importInto(
        testApp,
        { kind: 'url', url: `${base}/api/services` },
        { allowPrivateAddresses: true },
      )
      expect(again.written).toEqual({ added: 0, updated: 3, gone: 0 })
    })

    it('fetches whole a listed service that comes with its organisation but not its places and times, as the profile lists them', async () => {
      asked.length = 0
      const feed = await readFeed({ kind: 'url', url: `${base}/listed` }, { allowPrivateAddresses: true })
      expect(asked).toEqual([
        '/listed/services?page=1&per_page=100',
        '/listed/services/api-1',
        '/listed/services/api-2',
        '/listed/services/api-3',
      ])
      expect(feed.services).toEqual(whole)
    })

    it('says plainly when the address is not an Open Referral API, or does not answer in time', async () => {
      await expect(
        readFeed({ kind: 'url', url: `${base}/nothing` }, { allowPrivateAddresses: true }),
      ).rejects.toThrow(/has no Open Referral UK data at \/nothing\/services/)
      await expect(
        readFeed({ kind: 'url', url: `${base}/not-json` }, { allowPrivateAddresses: true }),
      ).rejects.toThrow(/did not send Open Referral UK data \(it was not JSON\)/)
      slow = true
      try {
        await expect(
          readFeed({ kind: 'url', url: `${base}/api` }, { allowPrivateAddresses: true, timeoutMs: 200 }),
        ).rejects.toThrow(/took too long to answer/)
      } finally {
        slow = false
      }
      await expect(
        readFeed({ kind: 'url', url: `${base}/api` }, { allowPrivateAddresses: true, mostPages: 2 }),
      ).rejects.toThrow(/more than 2 pages/)
    })
  })
})

describe('a big feed', () => {
  it('writes 1,200 services at once with the search indexes built once, and they are right after a first import and an update', async () => {
    const testApp = aTestApp()
    const feed = Array.from({ length: 1200 }, (_, i) => ({
      id: `big-${i}`,
      name: `Group number ${i}`,
      organization: { id: `org-${i % 10}`, name: `Organisation ${i % 10}` },
      attributes: [{ taxonomy_term: { name: 'walking' } }],
      service_at_locations: [
        {
          location: {
            id: `loc-${i % 50}`,
            name: `Hall ${i % 50}`,
            latitude: 51.38,
            longitude: 1.38 + i / 100_000,
          },
        },
      ],
      schedules: [{ freq: 'WEEKLY', byday: 'MO', opens_at: '10:00', closes_at: '11:00' }],
    }))
    const source = { key: 'file:big.json', label: 'big.json' }
    const { openReferralImport, repositories } = testApp.services
    const first = openReferralImport.check(feed, source)
    expect(openReferralImport.write(first.services, source)).toEqual({ added: 1200, updated: 0, gone: 0 })
    const second = openReferralImport.check(feed.slice(0, 1100), source)
    expect(openReferralImport.write(second.services, source)).toEqual({ added: 0, updated: 1100, gone: 100 })
    expect(count(testApp, 'SELECT count(*) FROM services')).toBe(1200)
    expect(count(testApp, 'SELECT count(*) FROM locations')).toBe(50)
    expect(repositories.searchIndex.check()).toEqual({
      services: 0,
      organisations: 0,
      places: 0,
      placePoints: 0,
      servicePoints: 0,
    })
  })
})

describe('npm run import:oruk', () => {
  let folder: string
  let databasePath: string
  beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-oruk-'))
    databasePath = path.join(folder, 'directory.sqlite')
    const db = openDatabase(databasePath)
    migrate(db)
    seedDemoData(db)
    db.close()
  })
  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }))

  const run = async (...args: string[]) => {
    const out: string[] = []
    const err: string[] = []
    const code = await importOpenReferralCommand(
      args,
      { NODE_ENV: 'test', DATABASE_PATH: databasePath },
      {
        out: (line) => out.push(line),
        err: (line) => err.push(line),
      },
    )
    return { code, out, err }
  }
  const services = () => {
    const db = openDatabase(databasePath)
    try {
      return db
        .prepare(`SELECT count(*) FROM services WHERE name = 'Community Counselling'`)
        .pluck()
        .get() as number
    } finally {
      db.close()
    }
  }

  it('checks a file and writes nothing without --yes, then imports it with --yes, and updates it the next time', async () => {
    const file = path.join(EXAMPLES, 'service_full.json')
    const check = await run('--', file)
    expect(check.code).toBe(0)
    expect(check.out[0]).toBe('service_full.json: 1 service.')
    expect(check.out).toContain(
      '1 new service, 0 services updated, 0 services gone from the source (to be flagged for checking, not deleted).',
    )
    expect(check.out).toContain(
      '  Service 1, contacts[0]: A named person’s details are not imported, so this contact was left out',
    )
    expect(check.out[check.out.length - 1]).toBe(
      'Nothing was imported: this was a check. Run it again with --yes to import.',
    )
    expect(services()).toBe(0)

    const imported = await run(file, '--yes')
    expect(imported.code).toBe(0)
    expect(imported.out[imported.out.length - 1]).toBe(
      'Imported: 1 new service, 0 services updated, 0 services gone from the source flagged for checking.',
    )
    expect(services()).toBe(1)
    const again = await run(file, '--yes', '--source', 'service_full.json')
    expect(again.out[again.out.length - 1]).toBe(
      'Imported: 0 new services, 1 service updated, 0 services gone from the source flagged for checking.',
    )
    expect(services()).toBe(1)
  })

  it('says plainly what is wrong with a missing file, a broken one and a private address, and writes nothing', async () => {
    const broken = path.join(folder, 'broken.json')
    fs.writeFileSync(broken, '{"contents": [')
    expect(await run(path.join(folder, 'nowhere.json'))).toMatchObject({
      code: 1,
      err: [`We could not open the file ${path.join(folder, 'nowhere.json')}. Check its name`],
    })
    expect((await run(broken, '--yes')).err[0]).toMatch(/^We could not read the file as JSON/)
    expect((await run('http://192.168.1.20/api', '--yes')).err[0]).toMatch(/private or local address/)
    expect(await run()).toMatchObject({
      code: 1,
      err: ['Usage: npm run import:oruk -- URL_OR_FILE [--source NAME] [--yes]'],
    })
    expect(services()).toBe(1)
  })
})
