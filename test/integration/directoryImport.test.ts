/**
 * Import and export (issue 12): stories of an admin and a coordinator of every hub bringing a
 * council's list in, and of anyone taking the directory out.
 */
import request from 'supertest'
import { importDemoPostcodesIfEmpty } from '../../db/demoPostcodes'
import { loadGazetteerIfEmpty } from '../../db/gazetteer'
import { HubsRepository } from '../../db/repositories/hubsRepository'
import { HUBS } from '../../db/seed/hubs'
import { townCentre } from '../../db/seed/townCentres'
import {
  DIRECTORY_COLUMNS,
  type DirectoryRow,
  EXAMPLE_ROW,
} from '../../server/services/directory/directoryCsv'
import { csvText } from '../../server/services/directory/directoryExport'
import { importFile } from '../../bench/importTiming'
import { aBrowser, anAccount, csrfIn } from '../support/accounts'
import { aDatabase, aDemoTestApp, aTestApp, type TestApp } from '../support/testApp'

jest.setTimeout(60_000)

type Browser = ReturnType<typeof aBrowser>

/** A file of these rows, each the template's example row with some cells changed. */
const fileOf = (rows: Partial<DirectoryRow>[]): string =>
  csvText(
    rows.map((row) => DIRECTORY_COLUMNS.map((column) => ({ ...EXAMPLE_ROW, ...row })[column])),
    DIRECTORY_COLUMNS,
  )

async function signedIn(testApp: TestApp, input: Parameters<typeof anAccount>[1]): Promise<Browser> {
  const account = await anAccount(testApp.db, input)
  const browser = aBrowser(testApp.app)
  expect((await browser.signIn(account.email, account.password)).status).toBe(303)
  return browser
}

/** Uploads a file from the import page, with the page's token; the response to the upload. */
async function upload(browser: Browser, csv: string, name = 'listings.csv') {
  const token = csrfIn((await browser.get('/admin/import')).text)
  return browser.agent.post('/admin/import').field('_csrf', token).attach('file', Buffer.from(csv), name)
}

/** Presses "Import N rows" on a report page. */
async function importFrom(browser: Browser, reportUrl: string) {
  const token = csrfIn((await browser.get(reportUrl)).text)
  return browser.agent.post(reportUrl).type('form').send({ _csrf: token })
}

const count = (testApp: TestApp, table: string) =>
  (testApp.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n

/** A directory with the demo's hubs, the gazetteer and the demo postcodes, and no listings. */
async function anEmptyDirectory(): Promise<TestApp> {
  const db = aDatabase()
  loadGazetteerIfEmpty(db)
  await importDemoPostcodesIfEmpty(db)
  const hubs = new HubsRepository(db)
  for (const hub of HUBS) {
    const centre = townCentre(hub.centre)
    hubs.insert({
      slug: hub.slug,
      name: hub.name,
      description: hub.description,
      latitude: centre.latitude,
      longitude: centre.longitude,
      boundaryGeojson: hub.boundary ? JSON.stringify(hub.boundary) : null,
      radiusMiles: hub.radiusMiles,
    })
  }
  return aTestApp({ db })
}

describe('importing listings', () => {
  let testApp: TestApp
  let admin: Browser
  beforeAll(async () => {
    testApp = aDemoTestApp()
    loadGazetteerIfEmpty(testApp.db)
    await importDemoPostcodesIfEmpty(testApp.db)
    admin = await signedIn(testApp, { role: 'admin' })
  })

  it('lets a coordinator of every hub open the import page and download the template with one example row', async () => {
    const everyHub = await signedIn(testApp, { role: 'coordinator', allHubs: true })
    const home = await everyHub.get('/coordinate')
    expect(home.text).toContain('<a class="govuk-link" href="/admin/import">Import listings</a>')
    const page = await everyHub.get('/admin/import')
    expect(page.status).toBe(200)
    expect(page.text).toContain('<h1 class="govuk-heading-l">Import listings</h1>')
    expect(page.text).toContain('href="/admin/import/template.csv"')
    const template = await everyHub.get('/admin/import/template.csv')
    expect(template.status).toBe(200)
    expect(template.headers['content-type']).toMatch(/^text\/csv/)
    expect(template.headers['content-disposition']).toBe(
      'attachment; filename=common-ground-import-template.csv',
    )
    const lines = template.text.trim().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toBe(DIRECTORY_COLUMNS.join(','))
    expect(lines[1]).toContain('Tuesday walk and talk')
  })

  it('imports the template as it is downloaded: its example row, placed by its postcode', async () => {
    const template = (await admin.get('/admin/import/template.csv')).text
    const reportUrl = (await upload(admin, template, 'common-ground-import-template.csv')).headers
      .location as string
    const report = await admin.get(reportUrl)
    expect(report.status).toBe(200)
    expect(report.text).toContain('Import 1 row')
    expect((await importFrom(admin, reportUrl)).status).toBe(303)
    const page = await request(testApp.app).get('/search?q=walk+and+talk&where=CT9+1ZA')
    expect(page.text).toContain('Tuesday walk and talk')
  })

  it('refuses a coordinator of some hubs and a peer lead with the 403 page', async () => {
    const hubId = (testApp.db.prepare(`SELECT id FROM hubs WHERE slug = 'thanet'`).get() as { id: number }).id
    for (const role of ['coordinator', 'peer_lead'] as const) {
      const browser = await signedIn(testApp, { role, hubIds: [hubId] })
      expect((await browser.get('/coordinate')).text).not.toContain('href="/admin/import"')
      const page = await browser.get('/admin/import')
      expect(page.status).toBe(403)
      expect(page.text).toContain('You cannot see this page')
    }
  })

  it('refuses an upload without its CSRF token and keeps nothing', async () => {
    const before = count(testApp, 'import_uploads')
    const response = await admin.agent
      .post('/admin/import')
      .attach('file', Buffer.from(fileOf([{}])), 'listings.csv')
    expect(response.status).toBe(403)
    expect(response.text).toContain('Sorry, that did not work')
    const forged = await admin.agent
      .post('/admin/import')
      .field('_csrf', 'not-the-token')
      .attach('file', Buffer.from(fileOf([{}])), 'listings.csv')
    expect(forged.status).toBe(403)
    expect(count(testApp, 'import_uploads')).toBe(before)
  })

  it('asks again, in words, for no file or a file that is not CSV', async () => {
    const token = csrfIn((await admin.get('/admin/import')).text)
    const none = await admin.agent.post('/admin/import').field('_csrf', token)
    expect(none.status).toBe(400)
    expect(none.text).toContain('Choose a CSV file to upload')
    expect(none.text).toContain('<title>Error: Import listings –')
    const picture = await upload(admin, 'not a spreadsheet', 'photo.jpg')
    expect(picture.status).toBe(400)
    expect(picture.text).toContain('The file must be a CSV file')
  })

  it('answers other pages while a big file is checked, and a file whose last row is wrong keeps and writes nothing', async () => {
    // 6,000 good rows (a little over 2 MB), then one with a category that is not on the list.
    const good = importFile(6000, [EXAMPLE_ROW.postcode])
    const csv =
      good + fileOf([{ service_name: 'The last one', categories: 'knitting-circles' }]).split('\n')[1] + '\n'
    const services = count(testApp, 'services')
    const checking = () =>
      (
        testApp.db.prepare(`SELECT count(*) AS n FROM import_uploads WHERE report = '{}'`).get() as {
          n: number
        }
      ).n > 0

    let done = false
    const sending = upload(admin, csv).then((response) => {
      done = true
      return response
    })
    // The start page, asked for again and again until the check ends: each answer that comes
    // while the upload is still being checked, before it was asked for and after, proves the
    // check hands the event loop back.
    let answeredWhileChecking = 0
    while (!done) {
      const before = checking()
      const page = await request(testApp.app).get('/')
      expect(page.status).toBe(200)
      if (before && checking()) answeredWhileChecking++
      else await new Promise((resolve) => setTimeout(resolve, 5))
    }
    expect(answeredWhileChecking).toBeGreaterThan(0)

    const sent = await sending
    expect(sent.status).toBe(303)
    const reportUrl = sent.headers.location as string
    const report = await admin.get(reportUrl)
    expect(report.status).toBe(400)
    expect(report.text).toContain('Nothing has been imported')
    expect(report.text).toMatch(/Row 6002[\s\S]*knitting-circles/)
    // The rows checked before the bad one are not kept, and importing writes nothing.
    expect(count(testApp, 'import_upload_rows')).toBe(0)
    expect((await importFrom(admin, reportUrl)).status).toBe(400)
    expect(count(testApp, 'services')).toBe(services)
  })

  it('reports each problem of a bad file by row and column, and importing it writes nothing', async () => {
    const csv = fileOf([
      { service_name: 'Good row, fine' },
      { service_name: '', categories: 'knitting-circles', postcode: 'XX1', times: 'Funday 10:00-12:00' },
      { website: 'example dot org', email: 'walks at example.org', phone: '12345', free: 'maybe' },
      { service_name: 'Lost place', postcode: '', town: 'Nowhereshire Parva' },
      { times: 'Tuesday 14:00-12:00', hub: 'atlantis', last_checked: '2026-02-30' },
    ])
    const sent = await upload(admin, csv)
    expect(sent.status).toBe(303)
    const reportUrl = sent.headers.location as string
    expect(reportUrl).toMatch(/^\/admin\/import\/[0-9a-f]{32}$/)
    const report = await admin.get(reportUrl)
    expect(report.status).toBe(400)
    expect(report.text).toContain('Nothing has been imported')
    const cells = [
      ...report.text.matchAll(
        /<tr class="govuk-table__row">\s*<td[^>]*>([^<]*)<\/td>\s*<td[^>]*>([^<]*)<\/td>\s*<td[^>]*>([^<]*)<\/td>/g,
      ),
    ].map((m) => `${m[1]} | ${m[2]} | ${m[3]}`)
    expect(cells).toEqual(
      expect.arrayContaining([
        'Row 3 | service_name | Enter the name of the group or service',
        expect.stringMatching(/^Row 3 \| categories \| .*knitting-circles.* is not a category/),
        expect.stringMatching(/^Row 3 \| times \| .*Funday.* is not a day of the week/),
        expect.stringMatching(/^Row 3 \| postcode \| .*XX1.* is not a postcode/),
        expect.stringMatching(/^Row 4 \| free \| Write yes or no/),
        expect.stringMatching(/^Row 4 \| email \| .* is not an email address/),
        expect.stringMatching(/^Row 4 \| phone \| .* is not a UK phone number/),
        expect.stringMatching(/^Row 4 \| website \| .* is not a web address/),
        expect.stringMatching(/^Row 5 \| town \| We could not find the town .*Nowhereshire Parva/),
        expect.stringMatching(/^Row 6 \| times \| .* the end time must be after the start time/),
        expect.stringMatching(/^Row 6 \| hub \| There is no hub .*atlantis/),
        expect.stringMatching(/^Row 6 \| last_checked \| .* is not a date/),
      ]),
    )
    expect(report.text).not.toContain('Import 5 rows')

    const services = count(testApp, 'services')
    const version = testApp.services.repositories.dataVersion.current()
    const refused = await importFrom(admin, reportUrl)
    expect(refused.status).toBe(400)
    expect(refused.text).toContain('Nothing has been imported')
    expect(count(testApp, 'services')).toBe(services)
    expect(testApp.services.repositories.dataVersion.current()).toBe(version)
  })

  it('imports every row of a good file, placed by postcode or town, live in search and on the map at once', async () => {
    const csv = fileOf([
      {
        service_name: 'Cliftonville knit and natter',
        categories: 'arts-crafts',
        postcode: 'CT9 1AA',
        place_name: 'Northdown Hall',
      },
      {
        service_name: 'Cliftonville tea dance',
        categories: 'Gentle exercise',
        postcode: '',
        town: 'Broadstairs',
        place_name: 'Pierremont Hall',
        free: 'no',
        cost_pounds: '£3',
        cost_per: 'session',
        times: 'first Thursday 14:00-16:00',
      },
      {
        service_name: 'Cliftonville phone pals',
        categories: 'befriending',
        place_name: '',
        address: '',
        town: '',
        postcode: '',
        access: '',
        no_access: '',
        by_phone: 'yes',
        times: 'Monday (calls at a time that suits you)',
      },
    ])
    const sent = await upload(admin, csv)
    const reportUrl = sent.headers.location as string
    const report = await admin.get(reportUrl)
    expect(report.status).toBe(200)
    expect(report.text).toContain('We found no problems')
    expect(report.text).toContain('Import 3 rows')

    const before = testApp.services.repositories.dataVersion.current()
    const done = await importFrom(admin, reportUrl)
    expect(done.status).toBe(303)
    expect(done.headers.location).toBe(reportUrl)
    const result = await admin.get(reportUrl)
    expect(result.text).toContain('Imported 3 rows')
    expect(testApp.services.repositories.dataVersion.current()).toBeGreaterThan(before)

    // The answer caches see the new data version: search finds them straight away.
    const search = await request(testApp.app).get('/search?q=Cliftonville')
    expect(search.text).toContain('Cliftonville knit and natter')
    expect(search.text).toContain('Cliftonville tea dance')
    const near = await request(testApp.app).get('/search?q=tea+dance&where=Broadstairs')
    expect(near.text).toContain('Cliftonville tea dance')
    // On the map, each at its place's point: from its postcode, or else its town.
    for (const [service, place] of [
      ['Cliftonville knit and natter', 'Northdown Hall'],
      ['Cliftonville tea dance', 'Pierremont Hall'],
    ]) {
      const point = testApp.db
        .prepare('SELECT latitude, longitude FROM locations WHERE name = ?')
        .get(place) as { latitude: number; longitude: number }
      const box = [
        point.longitude - 0.0005,
        point.latitude - 0.0005,
        point.longitude + 0.0005,
        point.latitude + 0.0005,
      ]
      const map = await request(testApp.app).get(`/map/markers.json?bbox=${box.join(',')}&zoom=18`)
      const names = map.body.features.map((f: { properties: { name?: string } }) => f.properties.name)
      expect(names).toContain(service)
    }
    const postcode = testApp.services.repositories.postcodes.find('CT9 1AA')
    expect(
      testApp.db.prepare('SELECT latitude, longitude FROM locations WHERE name = ?').get('Northdown Hall'),
    ).toEqual({ latitude: postcode?.latitude, longitude: postcode?.longitude })
    expect(testApp.services.repositories.searchIndex.check()).toEqual({
      services: 0,
      organisations: 0,
      places: 0,
      placePoints: 0,
      servicePoints: 0,
    })

    // Pressing the button again imports nothing more.
    const services = count(testApp, 'services')
    expect((await importFrom(admin, reportUrl)).status).toBe(303)
    expect(count(testApp, 'services')).toBe(services)
  })

  it('lists possible duplicates by name and postcode, in the directory and in the file', async () => {
    const existing = testApp.db
      .prepare(
        `SELECT s.id, s.name, l.postal_code AS postcode FROM services s
           JOIN service_at_locations sal ON sal.service_id = s.id JOIN locations l ON l.id = sal.location_id
          WHERE s.status = 'published' AND l.postal_code = 'CT9 1AA' LIMIT 1`,
      )
      .get() as { id: number; name: string; postcode: string }
    const csv = fileOf([
      { service_name: existing.name.toUpperCase(), postcode: existing.postcode },
      { service_name: 'Twice in one file', postcode: 'CT9 1AA' },
      { service_name: 'twice in one file', postcode: 'ct91aa' },
    ])
    const report = await admin.get((await upload(admin, csv)).headers.location as string)
    expect(report.status).toBe(200)
    expect(report.text).toContain('2 possible duplicates')
    expect(report.text).toContain(`<a class="govuk-link" href="/services/${existing.id}">`)
    expect(report.text).toContain('Row 3 of this file')
  })

  it('writes none of the rows when one fails on the way in: a category taken off the list after the check', async () => {
    testApp.db
      .prepare(
        `INSERT INTO taxonomy_terms (vocabulary, code, name, sort_order) VALUES ('category', 'tea-dances', 'Tea dances', 999)`,
      )
      .run()
    const csv = fileOf([
      { service_name: 'Rolled back one' },
      { service_name: 'Rolled back two' },
      { service_name: 'Rolled back three', categories: 'tea-dances' },
    ])
    const reportUrl = (await upload(admin, csv)).headers.location as string
    expect((await admin.get(reportUrl)).text).toContain('Import 3 rows')
    testApp.db.prepare(`DELETE FROM taxonomy_terms WHERE code = 'tea-dances'`).run()
    const services = count(testApp, 'services')
    const refused = await importFrom(admin, reportUrl)
    expect(refused.status).toBe(400)
    expect(refused.text).toContain('has been taken off the list since the file was checked')
    expect(count(testApp, 'services')).toBe(services)
    expect(
      testApp.db.prepare(`SELECT count(*) AS n FROM services WHERE name LIKE 'Rolled back%'`).get(),
    ).toEqual({ n: 0 })
  })

  it('keeps only the newer of two files one account sends at once, and says so on the older one’s page', async () => {
    const before = count(testApp, 'import_uploads')
    // A big file, whose check hands the event loop back between thousands of rows, so the
    // second file arrives while the first is still being checked.
    const token = csrfIn((await admin.get('/admin/import')).text)
    const first = upload(admin, importFile(20000, [EXAMPLE_ROW.postcode]), 'first.csv')
    const beingChecked = testApp.db.prepare(
      "SELECT count(*) AS n FROM import_upload_rows r JOIN import_uploads u ON u.id = r.upload_id WHERE u.file_name = 'first.csv' AND u.report = '{}'",
    )
    while ((beingChecked.get() as { n: number }).n === 0)
      await new Promise((resolve) => setImmediate(resolve))
    const second = await admin.agent
      .post('/admin/import')
      .field('_csrf', token)
      .attach('file', Buffer.from(fileOf([{ service_name: 'The newer file' }])), 'second.csv')
    const older = await first

    expect(second.status).toBe(303)
    expect(older.status).toBe(400)
    expect(older.text).toContain('govuk-error-summary')
    expect(older.text).toContain('You sent another file while this one was being checked')
    const report = await admin.get(second.headers.location as string)
    expect(report.text).toContain('Import 1 row')
    expect(count(testApp, 'import_uploads')).toBeLessThanOrEqual(before + 1)
    expect(
      testApp.db.prepare("SELECT count(*) AS n FROM import_uploads WHERE file_name = 'first.csv'").get(),
    ).toEqual({ n: 0 })
  })

  it('shows an upload only to the account that sent it', async () => {
    const sent = await upload(admin, fileOf([{}]))
    const other = await signedIn(testApp, { role: 'admin' })
    expect((await other.get(sent.headers.location as string)).status).toBe(404)
  })
})

describe('downloading the directory', () => {
  let testApp: TestApp
  beforeAll(() => {
    testApp = aDemoTestApp()
  })

  const files = [
    '/download/services.csv',
    '/download/organisations.csv',
    '/download/places.csv',
    '/download/directory.geojson',
  ]

  it('offers each file from the download page, linked from every page’s footer', async () => {
    const start = await request(testApp.app).get('/')
    expect(start.text).toContain('<a class="govuk-footer__link" href="/download">Download the directory</a>')
    const page = await request(testApp.app).get('/download')
    expect(page.status).toBe(200)
    for (const file of files) expect(page.text).toContain(`href="${file}"`)
    // Open data (issue 14): the licence, and where to read more and find the API.
    expect(page.text).toContain('open data under the Open Government Licence v3.0')
    expect(page.text).toContain('href="/about/open-data"')
  })

  it('names each file and holds only published listings', async () => {
    const services = await request(testApp.app).get('/download/services.csv')
    expect(services.headers['content-disposition']).toMatch(
      /^attachment; filename=common-ground-services-\d{4}-\d{2}-\d{2}\.csv$/,
    )
    expect(services.text.split('\n')[0]).toBe(DIRECTORY_COLUMNS.join(','))
    const draft = testApp.db
      .prepare(`SELECT name FROM services WHERE status <> 'published' LIMIT 1`)
      .get() as {
      name: string
    }
    expect(services.text).not.toContain(draft.name)
    const geojson = await request(testApp.app).get('/download/directory.geojson')
    expect(geojson.headers['content-type']).toMatch(/^application\/geo\+json/)
    expect(geojson.headers['content-disposition']).toMatch(
      /^attachment; filename=common-ground-directory-\d{4}-\d{2}-\d{2}\.geojson$/,
    )
    const collection = JSON.parse(geojson.text) as {
      type: string
      features: { geometry: { coordinates: number[] }; properties: { kind: string } }[]
    }
    expect(collection.type).toBe('FeatureCollection')
    expect(new Set(collection.features.map((f) => f.properties.kind))).toEqual(
      new Set(['place', 'service', 'organisation']),
    )
    for (const f of collection.features) expect(f.geometry.coordinates.every(Number.isFinite)).toBe(true)
  })

  it('never holds a person: no name, email address, phone number or own words of anyone in the demo', async () => {
    const people = testApp.db
      .prepare('SELECT first_name, last_name, email, phone, skills_in_own_words FROM people')
      .all() as {
      first_name: string
      last_name: string
      email: string | null
      phone: string | null
      skills_in_own_words: string
    }[]
    expect(people.length).toBeGreaterThan(20)
    const accounts = testApp.db.prepare('SELECT email FROM accounts').pluck().all() as string[]
    const texts = await Promise.all(files.map(async (file) => (await request(testApp.app).get(file)).text))
    for (const text of texts) {
      expect(text.length).toBeGreaterThan(200)
      for (const person of people) {
        expect(text).not.toContain(`${person.first_name} ${person.last_name}`)
        if (person.email) expect(text).not.toContain(person.email)
        if (person.phone) expect(text).not.toContain(person.phone)
        if (person.skills_in_own_words.length > 20) expect(text).not.toContain(person.skills_in_own_words)
      }
      for (const email of accounts) expect(text).not.toContain(email)
    }
  })

  it('puts an apostrophe before a cell a spreadsheet would run as a formula', async () => {
    testApp.db
      .prepare(`UPDATE services SET description = '=HYPERLINK("http://evil.example")' WHERE id = 1`)
      .run()
    const services = await request(testApp.app).get('/download/services.csv')
    expect(services.text).toContain(`"'=HYPERLINK(""http://evil.example"")"`)
    expect(services.text).not.toMatch(/,"?=HYPERLINK/)
  })
})

describe('the round trip', () => {
  it('export, import into an empty directory, export again: the same file', async () => {
    const from = aDemoTestApp()
    const first = (await request(from.app).get('/download/services.csv')).text
    expect(first.split('\n').length).toBeGreaterThan(100)

    const to = await anEmptyDirectory()
    expect(count(to, 'services')).toBe(0)
    const admin = await signedIn(to, { role: 'admin' })
    const sent = await upload(admin, first, 'directory.csv')
    const reportUrl = sent.headers.location as string
    const report = await admin.get(reportUrl)
    expect(report.status).toBe(200)
    expect((await importFrom(admin, reportUrl)).status).toBe(303)

    const second = (await request(to.app).get('/download/services.csv')).text
    expect(second).toBe(first)
  })
})

describe('a directory bigger than one batch', () => {
  it('imports 2,345 rows in one go (indexes built once, its kept rows let go after), exports every one across the batches, and round-trips', async () => {
    const to = await anEmptyDirectory()
    const postcodes = to.db
      .prepare('SELECT postcode FROM postcodes ORDER BY postcode LIMIT 50')
      .pluck()
      .all() as string[]
    const admin = await signedIn(to, { role: 'admin' })
    const reportUrl = (await upload(admin, importFile(2345, postcodes))).headers.location as string
    expect((await admin.get(reportUrl)).text).toContain('Import 2,345 rows')
    expect(count(to, 'import_upload_rows')).toBe(2345)
    expect((await importFrom(admin, reportUrl)).status).toBe(303)
    expect(count(to, 'services')).toBe(2345)
    // The kept rows go after the answer, a thousand at a time between other requests.
    for (let turns = 0; count(to, 'import_upload_rows') > 0 && turns < 100; turns++)
      await new Promise((resolve) => setImmediate(resolve))
    expect(count(to, 'import_upload_rows')).toBe(0)
    expect(to.services.repositories.searchIndex.check()).toEqual({
      services: 0,
      organisations: 0,
      places: 0,
      placePoints: 0,
      servicePoints: 0,
    })

    const exported = (await request(to.app).get('/download/services.csv')).text
    const names = [...exported.matchAll(/^Group number (\d+),/gm)].map((m) => Number(m[1]))
    expect(names).toEqual(Array.from({ length: 2345 }, (_, i) => i + 1))
    const places = (await request(to.app).get('/download/places.csv')).text.trim().split('\n')
    expect(places).toHaveLength(1 + count(to, 'locations'))
    const geojson = JSON.parse((await request(to.app).get('/download/directory.geojson')).text) as {
      features: { properties: { kind: string } }[]
    }
    expect(geojson.features.filter((f) => f.properties.kind === 'service')).toHaveLength(2345)

    const again = await anEmptyDirectory()
    const other = await signedIn(again, { role: 'admin' })
    const url = (await upload(other, exported)).headers.location as string
    expect((await importFrom(other, url)).status).toBe(303)
    expect((await request(again.app).get('/download/services.csv')).text).toBe(exported)
  })
})
