/**
 * Stories of asking to be put in touch (issue 11) over the demo site: from a service page, a
 * hub page, a public profile and search results, each of which links to the form; what was
 * typed kept with an error summary when something is wrong, and nothing kept; a robot's form
 * answered as if sent, and nothing kept; five requests an hour from one address; the form's
 * CSRF token; and the person asking's details appear in no address, no log line and no public
 * page afterwards.
 */
import { Writable } from 'node:stream'
import request from 'supertest'
import { importDemoPostcodesIfEmpty } from '../../db/demoPostcodes'
import type { Db } from '../../db/connection'
import { createApp } from '../../server/app'
import { testConfig } from '../../server/config'
import { createLogger } from '../../server/logger'
import { PUT_ME_IN_TOUCH_PER_HOUR } from '../../server/middleware/rateLimits'
import { buildServices } from '../../server/services'
import { aHub } from '../builders'
import { aBrowser, csrfIn } from '../support/accounts'
import { aDatabase, aDemoDatabase, aTestApp } from '../support/testApp'
import { withTowns } from '../support/towns'

jest.setTimeout(30_000)

/** The person asking: details that must reach no public page, address or log line. */
const ROSALIND = {
  name: 'Rosalind Quillfeather',
  email: 'rosalind.quillfeather@example.com',
  phone: '07700 900 617',
}

/** The form filled in well, by email. */
const aGoodForm = (fields: Record<string, string> = {}): Record<string, string> => ({
  helpWanted: 'Someone to show me how to video call my grandson',
  name: ROSALIND.name,
  route: 'email',
  email: ROSALIND.email,
  phone: '',
  area: 'CT11 9AA',
  website: '',
  ...fields,
})

/** The demo site with its log lines kept in memory. */
async function aDemoSite() {
  const lines: string[] = []
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean))
      done()
    },
  })
  const db = aDemoDatabase()
  await importDemoPostcodesIfEmpty(db)
  const services = buildServices(db, testConfig())
  const app = createApp({ services, logger: createLogger('info', destination) })
  const log = async () => {
    await new Promise((resolve) => setImmediate(resolve))
    return lines.join('\n')
  }
  return { app, db, services, log }
}

const count = (db: Db, table: string): number =>
  (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n

/** The requests kept, leaving out the demo data's own two introductions (a waiting one and a closed one). */
const requestsKept = (db: Db): number =>
  (
    db
      .prepare(
        `SELECT COUNT(*) AS n FROM introductions WHERE requester_name NOT IN ('Joan Demo', 'Stan Example')`,
      )
      .get() as { n: number }
  ).n

/** Every link on a page, as the browser reads it (Handlebars writes = as &#x3D;). */
function linksIn(html: string): { href: string; text: string }[] {
  const decode = (value: string) =>
    value
      .replace(/&#x3D;/g, '=')
      .replace(/&amp;/g, '&')
      .replace(/&#x27;/g, "'")
      .replace(/&quot;/g, '"')
  return [...html.matchAll(/<a [^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)].map((match) => ({
    href: decode(match[1] ?? ''),
    text: decode(
      (match[2] ?? '')
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  }))
}

/** The "Ask to be put in touch" link on a page (its address starts /put-me-in-touch). */
function askLinkIn(html: string, words: RegExp = /put (you )?in touch/i): string {
  const link = linksIn(html).find(
    (found) => found.href.startsWith('/put-me-in-touch') && words.test(found.text),
  )
  if (!link) throw new Error('No "Ask to be put in touch" link on the page')
  return link.href
}

describe('asking to be put in touch from each kind of page', () => {
  let site: Awaited<ReturnType<typeof aDemoSite>>
  const idOf = (sql: string, ...params: unknown[]) =>
    (site.db.prepare(sql).get(...params) as { id: number }).id

  beforeAll(async () => {
    site = await aDemoSite()
  })

  /** Sends the form at `formAddress` and reads back what was kept. */
  async function send(formAddress: string, fields: Record<string, string>) {
    const browser = aBrowser(site.app)
    const form = await browser.get(formAddress)
    expect(form.status).toBe(200)
    const sent = await browser.agent
      .post(formAddress)
      .type('form')
      .send({ ...fields, _csrf: csrfIn(form.text) })
    expect(sent.status).toBe(303)
    expect(sent.headers.location).toBe('/put-me-in-touch/sent')
    const confirmation = await browser.get('/put-me-in-touch/sent')
    const kept = site.db
      .prepare(
        `SELECT i.asked_from AS askedFrom, i.asked_from_ref AS ref, h.slug AS hub, i.status
           FROM introductions i JOIN hubs h ON h.id = i.hub_id ORDER BY i.id DESC LIMIT 1`,
      )
      .get() as { askedFrom: string; ref: string | null; hub: string; status: string }
    return { form, confirmation, kept }
  }

  it('from a service page: the page links to the form, which names the service and its hub', async () => {
    const serviceId = idOf(
      "SELECT id FROM services WHERE status = 'published' AND hub_id IS NOT NULL ORDER BY id",
    )
    const page = await request(site.app).get(`/services/${serviceId}`)
    const formAddress = askLinkIn(page.text)
    expect(formAddress).toBe(`/put-me-in-touch?from=service&id=${serviceId}`)

    const { form, confirmation, kept } = await send(formAddress, aGoodForm())
    const serviceName = (
      site.db.prepare('SELECT name FROM services WHERE id = ?').get(serviceId) as { name: string }
    ).name
    expect(form.text).toContain(serviceName)
    expect(kept).toMatchObject({ askedFrom: 'service', ref: String(serviceId), status: 'waiting' })
    expect(confirmation.status).toBe(200)
    expect(confirmation.text).toContain('Your request has been sent')
  })

  it('from a hub page: the request goes to that hub', async () => {
    const page = await request(site.app).get('/hubs/thanet')
    const formAddress = askLinkIn(page.text, /^ask to be put in touch$/)
    expect(formAddress).toBe('/put-me-in-touch?from=hub&hub=thanet')

    const { form, confirmation, kept } = await send(
      formAddress,
      aGoodForm({ area: 'Somewhere near the pier' }),
    )
    expect(form.text).toContain(
      'A coordinator at Thanet: Margate, Ramsgate, Broadstairs will read your request',
    )
    expect(form.text).toMatch(/This usually happens within (a|\d+) (day|days|week|weeks)\./)
    expect(kept).toEqual({ askedFrom: 'hub', ref: 'thanet', hub: 'thanet', status: 'waiting' })
    expect(confirmation.text).toContain('Thanet: Margate, Ramsgate, Broadstairs')
  })

  it('from a public profile on /people: the request goes to the person’s hub and names only their first name and initial', async () => {
    const page = await request(site.app).get('/people?hub=thanet')
    const formAddress = askLinkIn(page.text, /Ask to be put in touch with Brenda S\./)
    const brenda = idOf("SELECT id FROM people WHERE first_name = 'Brenda' AND last_name = 'Sayer'")
    expect(formAddress).toBe(`/put-me-in-touch?from=person&id=${brenda}`)

    const { form, kept } = await send(
      formAddress,
      aGoodForm({ route: 'phone', phone: ROSALIND.phone, email: '' }),
    )
    expect(form.text).toContain('to Brenda S.')
    expect(form.text).not.toContain('Sayer')
    expect(kept).toEqual({ askedFrom: 'person', ref: String(brenda), hub: 'thanet', status: 'waiting' })
  })

  it('gives people who are not shown to everyone no link, and their number gives the page-not-found page', async () => {
    const pauline = idOf("SELECT id FROM people WHERE first_name = 'Pauline' AND last_name = 'Harker'")
    const derek = idOf("SELECT id FROM people WHERE first_name = 'Derek' AND last_name = 'Ashdown'")
    for (const id of [pauline, derek, 999_999])
      expect((await request(site.app).get(`/put-me-in-touch?from=person&id=${id}`)).status).toBe(404)
    const hubPage = await request(site.app).get('/hubs/thanet')
    expect(hubPage.text).not.toContain(`from&#x3D;person&amp;id&#x3D;${pauline}"`)
  })

  it('from search results: the link carries the words and place, and the area typed decides the hub', async () => {
    const page = await request(site.app).get('/search?q=walking&where=CT9')
    const formAddress = askLinkIn(page.text, /^Ask to be put in touch$/)
    expect(formAddress).toBe('/put-me-in-touch?from=search&q=walking&where=CT9')
    expect(page.text).toContain('Can’t find what you need?')

    const { form, kept } = await send(formAddress, aGoodForm({ area: 'CT11 9AA' }))
    // The place searched near is the area, until the person changes it.
    expect(form.text).toMatch(/id="area"[^>]*value="CT9"/)
    expect(kept).toEqual({ askedFrom: 'search', ref: null, hub: 'thanet', status: 'waiting' })
  })

  it('gives the page-not-found page for a service, hub or page that is not there', async () => {
    for (const address of [
      '/put-me-in-touch?from=service&id=999999',
      '/put-me-in-touch?from=service&id=abc',
      '/put-me-in-touch?from=hub&hub=atlantis',
      '/put-me-in-touch?from=somewhere',
    ])
      expect((await request(site.app).get(address)).status).toBe(404)
  })

  it('afterwards, shows the person asking’s details on no public page, and writes them in no log line', async () => {
    for (const address of [
      '/',
      '/hubs',
      '/hubs/thanet',
      '/people',
      '/people?hub=thanet',
      '/search?q=video+call&where=CT11',
      '/put-me-in-touch',
      '/put-me-in-touch?from=hub&hub=thanet',
      '/privacy',
    ]) {
      const page = await request(site.app).get(address)
      expect(page.status).toBe(200)
      for (const secret of [
        ROSALIND.name,
        ROSALIND.email,
        ROSALIND.phone,
        'Quillfeather',
        'video call my grandson',
      ])
        expect(page.text).not.toContain(secret)
    }
    const log = await site.log()
    expect(log).toContain('/put-me-in-touch')
    for (const secret of ['Quillfeather', ROSALIND.email, '07700', 'CT11', 'grandson', 'walking'])
      expect(log).not.toContain(secret)
  })
})

describe('the form', () => {
  it('keeps everything typed and shows an error summary when something is wrong, and keeps nothing', async () => {
    const { app, db } = aTestApp({ db: aDemoDatabase() })
    const browser = aBrowser(app)
    const response = await browser.submit(
      '/put-me-in-touch?from=hub&hub=thanet',
      '/put-me-in-touch?from=hub&hub=thanet',
      {
        ...aGoodForm({
          helpWanted: 'Help with my garden',
          route: 'phone',
          phone: '12 34',
          email: ROSALIND.email,
        }),
        name: '',
      },
    )
    expect(response.status).toBe(400)
    expect(response.text).toContain('<title>Error: Ask to be put in touch')
    expect(response.text).toContain('There is a problem')
    expect(response.text).toContain('<a href="#name">Enter your name</a>')
    expect(response.text).toContain(
      '<a href="#phone">Enter a UK phone number, like 01632 960 001 or 07700 900 982</a>',
    )
    expect(response.text).toContain('>Help with my garden</textarea>')
    expect(response.text).toMatch(/id="phone"[^>]*value="12 34"/)
    expect(response.text).toMatch(/id="area"[^>]*value="CT11 9AA"/)
    expect(response.text).toMatch(/value="phone" checked/)
    expect(requestsKept(db)).toBe(0)
  })

  it('says plainly when it does not know the area, on the form on its own', async () => {
    const db = withTowns(aDatabase())
    aHub(db, { slug: 'thanet', name: 'Thanet', latitude: 51.3813, longitude: 1.3862 })
    const { app } = aTestApp({ db })
    const response = await aBrowser(app).submit(
      '/put-me-in-touch',
      '/put-me-in-touch',
      aGoodForm({ area: 'Atlantis' }),
    )
    expect(response.status).toBe(400)
    expect(response.text).toContain(
      '<a href="#area">Enter a town or postcode we know, such as Ramsgate or CT11</a>',
    )
    expect(response.text).toMatch(/id="area"[^>]*value="Atlantis"/)
    expect(requestsKept(db)).toBe(0)
  })

  it('asks which hub when the area is in more than one, carrying what was typed in the form, not the address', async () => {
    const db = withTowns(aDatabase())
    aHub(db, {
      slug: 'cliftonville',
      name: 'Cliftonville',
      latitude: 51.389,
      longitude: 1.405,
      radiusMiles: 3,
    })
    aHub(db, { slug: 'westbrook', name: 'Westbrook', latitude: 51.382, longitude: 1.365, radiusMiles: 3 })
    const { app } = aTestApp({ db })
    const browser = aBrowser(app)
    const choose = await browser.submit(
      '/put-me-in-touch',
      '/put-me-in-touch',
      aGoodForm({ area: 'Margate' }),
    )
    expect(choose.status).toBe(200)
    expect(choose.text).toContain('Which hub should we send your request to?')
    expect(choose.text).toContain('<form action="/put-me-in-touch" method="post"')
    expect(choose.text).toContain(`name="email" value="${ROSALIND.email}"`)
    expect(requestsKept(db)).toBe(0)

    const token = csrfIn(choose.text)
    const carried = Object.fromEntries(
      [...choose.text.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
        m[1],
        m[2],
      ]),
    )
    const unchosen = await browser.agent
      .post('/put-me-in-touch')
      .type('form')
      .send({ ...carried, _csrf: token })
    expect(unchosen.status).toBe(400)
    expect(unchosen.text).toContain('<a href="#hub">Choose the hub to send your request to</a>')
    expect(requestsKept(db)).toBe(0)

    const chosen = await browser.agent
      .post('/put-me-in-touch')
      .type('form')
      .send({ ...carried, hub: 'westbrook', _csrf: token })
    expect(chosen.status).toBe(303)
    expect(
      db.prepare('SELECT h.slug FROM introductions i JOIN hubs h ON h.id = i.hub_id').pluck().all(),
    ).toEqual(['westbrook'])
  })

  it('works for someone signed in too', async () => {
    const { app, db } = aTestApp({ db: aDemoDatabase() })
    const { anAccount } = await import('../support/accounts')
    const member = await anAccount(db, { role: 'member' })
    const browser = aBrowser(app)
    expect((await browser.signIn(member.email, member.password)).status).toBe(303)
    const sent = await browser.submit(
      '/put-me-in-touch?from=hub&hub=thanet',
      '/put-me-in-touch?from=hub&hub=thanet',
      aGoodForm(),
    )
    expect(sent.status).toBe(303)
    expect(requestsKept(db)).toBe(1)
  })

  it('needs the form’s CSRF token, and keeps nothing without it', async () => {
    const { app, db } = aTestApp({ db: aDemoDatabase() })
    const response = await request(app)
      .post('/put-me-in-touch?from=hub&hub=thanet')
      .type('form')
      .send(aGoodForm())
    expect(response.status).toBe(403)
    expect(response.text).toContain('Sorry, that did not work')
    expect(requestsKept(db)).toBe(0)
  })
})

describe('the confirmation', () => {
  it('comes after a redirect to an address with nothing personal in it, and shows the hub, the wait and the reference', async () => {
    const { app, db } = aTestApp({ db: aDemoDatabase() })
    const browser = aBrowser(app)
    const sent = await browser.submit(
      '/put-me-in-touch?from=hub&hub=thanet',
      '/put-me-in-touch?from=hub&hub=thanet',
      aGoodForm(),
    )
    expect(sent.status).toBe(303)
    expect(sent.headers.location).toBe('/put-me-in-touch/sent')
    const id = db.prepare('SELECT max(id) FROM introductions').pluck().get() as number
    const page = await browser.get(sent.headers.location as string)
    expect(page.status).toBe(200)
    expect(page.text).toContain(`<strong class="cg-reference">${id}</strong>`)
    expect(page.text).toContain('We will get in touch with you by email.')
    expect(page.text).toMatch(/This usually happens within/)
    for (const secret of [ROSALIND.name, ROSALIND.email, 'Quillfeather', 'grandson', 'CT11'])
      expect(page.text).not.toContain(secret)
    // The same page again on a refresh; and another browser, which sent nothing, is sent to the form.
    expect((await browser.get('/put-me-in-touch/sent')).status).toBe(200)
    const elsewhere = await request(app).get('/put-me-in-touch/sent')
    expect(elsewhere.status).toBe(303)
    expect(elsewhere.headers.location).toBe('/put-me-in-touch')
  })
})

describe('robots and too many requests', () => {
  it('answers a form whose hidden box was filled in exactly as if it were sent, and keeps nothing', async () => {
    const { app, db } = aTestApp({ db: aDemoDatabase() })
    const browser = aBrowser(app)
    const before = [count(db, 'introductions'), count(db, 'introduction_events'), count(db, 'audit_log')]
    const sent = await browser.submit(
      '/put-me-in-touch?from=hub&hub=thanet',
      '/put-me-in-touch?from=hub&hub=thanet',
      aGoodForm({ website: 'https://spam.example' }),
    )
    expect(sent.status).toBe(303)
    expect(sent.headers.location).toBe('/put-me-in-touch/sent')
    const page = await browser.get('/put-me-in-touch/sent')
    expect(page.status).toBe(200)
    expect(page.text).toContain('Your request has been sent')
    expect(page.text).toMatch(/<strong class="cg-reference">\d+<\/strong>/)
    expect([count(db, 'introductions'), count(db, 'introduction_events'), count(db, 'audit_log')]).toEqual(
      before,
    )
  })

  it(`takes ${PUT_ME_IN_TOUCH_PER_HOUR} requests an hour from one address, then says plainly to wait, keeping nothing`, async () => {
    const { app, db } = aTestApp({ db: aDemoDatabase() })
    const browser = aBrowser(app)
    const form = await browser.get('/put-me-in-touch?from=hub&hub=thanet')
    const token = csrfIn(form.text)
    const post = (fields: Record<string, string>) =>
      browser.agent
        .post('/put-me-in-touch?from=hub&hub=thanet')
        .type('form')
        .send({ ...fields, _csrf: token })

    // A form with a problem does not use one up.
    expect((await post(aGoodForm({ name: '' }))).status).toBe(400)
    for (let i = 0; i < PUT_ME_IN_TOUCH_PER_HOUR; i++) expect((await post(aGoodForm())).status).toBe(303)
    expect(requestsKept(db)).toBe(PUT_ME_IN_TOUCH_PER_HOUR)

    const refused = await post(aGoodForm())
    expect(refused.status).toBe(429)
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    expect(refused.text).toContain('You have sent too many requests')
    expect(refused.text).toMatch(/You can try again in \d+ minutes?\./)
    // Once refused, every form from the address is refused until the hour is up.
    expect((await post(aGoodForm({ name: '' }))).status).toBe(429)
    expect(requestsKept(db)).toBe(PUT_ME_IN_TOUCH_PER_HOUR)
  })
})
