/**
 * The import screen's second way in (issue 14): a coordinator of every hub reads another
 * directory's Open Referral UK feed from a file or its web address, checks the report and
 * imports it; every mistake is said plainly on the form, never a crash.
 */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { importDemoPostcodesIfEmpty } from '../../db/demoPostcodes'
import { loadGazetteerIfEmpty } from '../../db/gazetteer'
import { aBrowser, anAccount, csrfIn } from '../support/accounts'
import { aDemoTestApp, type TestApp } from '../support/testApp'

jest.setTimeout(60_000)

type Browser = ReturnType<typeof aBrowser>

const EXAMPLES = path.join(__dirname, '..', 'fixtures', 'openreferral-uk', 'examples')
const PAGE = '/admin/import/open-referral'

async function signedIn(testApp: TestApp): Promise<Browser> {
  const account = await anAccount(testApp.db, { role: 'coordinator', allHubs: true })
  const browser = aBrowser(testApp.app)
  expect((await browser.signIn(account.email, account.password)).status).toBe(303)
  return browser
}

/** Sends the form with a file (and an address, when given), with the page's token. */
async function sendFile(browser: Browser, content: string, name: string, url = '') {
  const token = csrfIn((await browser.get(PAGE)).text)
  return browser.agent
    .post(PAGE)
    .field('_csrf', token)
    .field('url', url)
    .attach('file', Buffer.from(content), name)
}

/** Sends the form with an address and no file. */
async function sendAddress(browser: Browser, url: string) {
  const token = csrfIn((await browser.get(PAGE)).text)
  return browser.agent.post(PAGE).field('_csrf', token).field('url', url)
}

const servicesNamed = (testApp: TestApp, name: string) =>
  testApp.db.prepare('SELECT count(*) FROM services WHERE name = ?').pluck().get(name) as number

/** A small feed: services named as given, each run by the same organisation, with no place. */
const feedOf = (names: string[]) =>
  JSON.stringify(
    names.map((name, index) => ({
      id: `screen-${index}-${name.toLowerCase().replace(/\W+/g, '-')}`,
      name,
      organization: { id: 'screen-org', name: 'Broadstairs Friends' },
    })),
  )

describe('importing from another directory on the import screen', () => {
  let testApp: TestApp
  let coordinator: Browser
  beforeAll(async () => {
    testApp = aDemoTestApp()
    loadGazetteerIfEmpty(testApp.db)
    await importDemoPostcodesIfEmpty(testApp.db)
    coordinator = await signedIn(testApp)
  })

  it('is a second way in from the import page', async () => {
    const page = await coordinator.get('/admin/import')
    expect(page.text).toContain(
      `<a class="govuk-link" href="${PAGE}">import from another directory (Open Referral UK)</a>`,
    )
    const form = await coordinator.get(PAGE)
    expect(form.status).toBe(200)
    expect(form.text).toContain(
      '<h1 class="govuk-heading-l">Import from another directory (Open Referral UK)</h1>',
    )
    expect(form.text).toContain('enctype="multipart/form-data"')
  })

  it('checks a published example file, shows the report with what is left out, and imports it on confirming', async () => {
    const sent = await sendFile(
      coordinator,
      fs.readFileSync(path.join(EXAMPLES, 'service_full.json'), 'utf8'),
      'service_full.json',
    )
    expect(sent.status).toBe(303)
    const reportUrl = sent.headers.location as string
    expect(reportUrl).toMatch(/^\/admin\/import\/[0-9a-f]{32}$/)
    expect(servicesNamed(testApp, 'Community Counselling')).toBe(0)

    const report = await coordinator.get(reportUrl)
    expect(report.status).toBe(200)
    expect(report.text).toContain('<h1 class="govuk-heading-l">Check the feed</h1>')
    expect(report.text).toContain('<li>1 new service</li>')
    expect(report.text).toContain('Left out: 11 things')
    expect(report.text).toContain('A named person’s details are not imported, so this contact was left out')
    expect(report.text).toContain('Import 1 service')
    expect(report.text).not.toContain('Ann Persona')

    // Without the page's token, nothing is imported.
    const forged = await coordinator.agent.post(reportUrl).type('form').send({ _csrf: 'not-the-token' })
    expect(forged.status).toBe(403)
    expect(servicesNamed(testApp, 'Community Counselling')).toBe(0)

    const token = csrfIn(report.text)
    const imported = await coordinator.agent.post(reportUrl).type('form').send({ _csrf: token })
    expect(imported.status).toBe(303)
    expect(servicesNamed(testApp, 'Community Counselling')).toBe(1)
    const done = await coordinator.get(reportUrl)
    expect(done.text).toContain('<h1 class="govuk-panel__title">Imported 1 service</h1>')

    // Pressing "Import" again (a second tab) adds nothing.
    await coordinator.agent.post(reportUrl).type('form').send({ _csrf: token })
    expect(servicesNamed(testApp, 'Community Counselling')).toBe(1)
  })

  it('imports the same file again as updates, and lists what has gone from it for checking', async () => {
    const first = await sendFile(
      coordinator,
      feedOf(['Broadstairs book club', 'Broadstairs bingo']),
      'friends.json',
    )
    const firstUrl = first.headers.location as string
    await coordinator.agent
      .post(firstUrl)
      .type('form')
      .send({ _csrf: csrfIn((await coordinator.get(firstUrl)).text) })
    expect(servicesNamed(testApp, 'Broadstairs bingo')).toBe(1)

    const second = await sendFile(coordinator, feedOf(['Broadstairs book club']), 'friends.json')
    const secondUrl = second.headers.location as string
    const report = await coordinator.get(secondUrl)
    expect(report.text).toContain('<li>0 new services</li>')
    expect(report.text).toContain('<li>1 service imported before from here, to be updated</li>')
    expect(report.text).toContain('<li>1 service imported before from here and no longer in it')
    await coordinator.agent
      .post(secondUrl)
      .type('form')
      .send({ _csrf: csrfIn(report.text) })
    expect(servicesNamed(testApp, 'Broadstairs book club')).toBe(1)
    expect(servicesNamed(testApp, 'Broadstairs bingo')).toBe(1)

    const gone = await coordinator.get('/admin/import/gone')
    expect(gone.status).toBe(200)
    const bingo = testApp.db
      .prepare(`SELECT id FROM services WHERE name = 'Broadstairs bingo'`)
      .pluck()
      .get() as number
    expect(gone.text).toContain(`<a class="govuk-link" href="/services/${bingo}">Broadstairs bingo</a>`)
    expect(gone.text).toContain(`href="/coordinate/services/${bingo}/checked"`)
    expect(gone.text).not.toContain('Broadstairs book club')
    const home = await coordinator.get('/coordinate')
    expect(home.text).toContain(
      '<a class="govuk-link" href="/admin/import/gone">1 listing has gone from the directories they came from</a>',
    )

    // Checked by phone: off the list, and off the coordinator home.
    const checkPage = await coordinator.get(`/coordinate/services/${bingo}/checked`)
    expect(checkPage.status).toBe(200)
    const checked = await coordinator.agent
      .post(`/coordinate/services/${bingo}/checked`)
      .type('form')
      .send({ _csrf: csrfIn(checkPage.text), how: 'phone' })
    expect(checked.status).toBe(303)
    expect((await coordinator.get('/admin/import/gone')).text).not.toContain('Broadstairs bingo')
    expect((await coordinator.get('/coordinate')).text).not.toContain(
      'gone from the directories they came from',
    )
  })

  it.each([
    [
      'nothing at all',
      () => sendAddress(coordinator, ''),
      'url',
      'Enter the web address of the directory’s Open Referral UK API, or choose a JSON file',
    ],
    [
      'broken JSON',
      () => sendFile(coordinator, '{"contents": [', 'broken.json'),
      'file',
      'We could not read the file as JSON.',
    ],
    [
      'a file of the wrong kind',
      () => sendFile(coordinator, 'name,organisation', 'listings.csv'),
      'file',
      'The file must be a JSON file, ending in .json',
    ],
    [
      'JSON that is not Open Referral',
      () => sendFile(coordinator, '{"weather": "fine"}', 'weather.json'),
      'file',
      'This is not Open Referral UK data',
    ],
    [
      'both an address and a file',
      () => sendFile(coordinator, feedOf(['A']), 'a.json', 'https://example.org/api'),
      'url',
      'Enter a web address or choose a file, not both',
    ],
    [
      'an address that is not one',
      () => sendAddress(coordinator, 'directory dot gov'),
      'url',
      'Enter a web address starting with https://',
    ],
    [
      'a private address',
      () => sendAddress(coordinator, 'http://10.0.0.7/openreferral'),
      'url',
      '10.0.0.7 is a private or local address',
    ],
  ])(
    'says what is wrong with %s on the form, keeping what was typed, and keeps nothing',
    async (_what, send, field, message) => {
      const uploads = testApp.db.prepare('SELECT count(*) FROM import_uploads').pluck().get()
      const response = await send()
      expect(response.status).toBe(400)
      expect(response.text).toContain('<title>Error: ')
      expect(response.text).toContain('There is a problem')
      expect(response.text).toContain(`href="#${field}"`)
      expect(response.text).toContain(message)
      if (message.includes('private')) expect(response.text).toContain('value="http://10.0.0.7/openreferral"')
      expect(testApp.db.prepare('SELECT count(*) FROM import_uploads').pluck().get()).toBe(uploads)
    },
  )

  it('asks plainly again for an address sent twice or far too long', async () => {
    const token = csrfIn((await coordinator.get(PAGE)).text)
    const twice = await coordinator.agent
      .post(PAGE)
      .field('_csrf', token)
      .field('url', 'https://a.example.org')
      .field('url', 'https://b.example.org')
    expect(twice.status).toBe(400)
    expect(twice.text).toContain('Enter a web address, or choose one JSON file')
    const long = await sendAddress(coordinator, `https://example.org/${'a'.repeat(2100)}`)
    expect(long.status).toBe(400)
    expect(long.text).toContain('The address must be 2,000 characters or fewer')
  })

  it('refuses a form without the page’s token, and keeps nothing', async () => {
    const response = await coordinator.agent
      .post(PAGE)
      .field('_csrf', 'not-the-token')
      .attach('file', Buffer.from(feedOf(['Forged group'])), 'forged.json')
    expect(response.status).toBe(403)
    expect(servicesNamed(testApp, 'Forged group')).toBe(0)
  })
})

describe('importing from another directory’s address on the import screen (private addresses allowed, as in development)', () => {
  let testApp: TestApp
  let coordinator: Browser
  let server: http.Server
  let base: string
  beforeAll(async () => {
    testApp = aDemoTestApp({ config: { feedsFromPrivateAddresses: true } })
    coordinator = await signedIn(testApp)
    const services = [
      {
        id: 'remote-1',
        name: 'Ramsgate ramblers',
        organization: { id: 'remote-org', name: 'Ramsgate Walks' },
      },
      {
        id: 'remote-2',
        name: 'Ramsgate repair cafe',
        organization: { id: 'remote-org', name: 'Ramsgate Walks' },
      },
    ]
    // An API as the profile has it: each page's items with their organisation only (so each
    // is fetched whole from /services/{id}), one service a page.
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost')
      const whole = services.find((service) => url.pathname === `/oruk/services/${service.id}`)
      if (whole) {
        res.writeHead(200, { 'content-type': 'application/json' })
        return res.end(JSON.stringify({ ...whole, service_at_locations: [] }))
      }
      const number = Number(url.searchParams.get('page') ?? '1')
      res.writeHead(url.pathname === '/oruk/services' ? 200 : 404, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          total_items: 2,
          total_pages: 2,
          page_number: number,
          size: 1,
          first_page: number === 1,
          last_page: number === 2,
          empty: false,
          contents: [services[number - 1]],
        }),
      )
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })

  it('pages through the directory’s API and imports what it read', async () => {
    const sent = await sendAddress(coordinator, `${base}/oruk`)
    expect(sent.status).toBe(303)
    const reportUrl = sent.headers.location as string
    const report = await coordinator.get(reportUrl)
    expect(report.text).toContain(`${base}/oruk: 2 services.`)
    await coordinator.agent
      .post(reportUrl)
      .type('form')
      .send({ _csrf: csrfIn(report.text) })
    expect(servicesNamed(testApp, 'Ramsgate ramblers')).toBe(1)
    expect(servicesNamed(testApp, 'Ramsgate repair cafe')).toBe(1)
  })

  it('says plainly when the address cannot be reached', async () => {
    const response = await sendAddress(coordinator, 'http://127.0.0.1:1/oruk')
    expect(response.status).toBe(400)
    expect(response.text).toContain(
      'We could not reach 127.0.0.1:1. Check the address, and that the directory is working',
    )
    expect(response.text).toContain('value="http://127.0.0.1:1/oruk"')
  })
})
