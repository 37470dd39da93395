import type { Express } from 'express'
import request from 'supertest'
import { importDemoPostcodesIfEmpty } from '../../db/demoPostcodes'
import { loadGazetteerIfEmpty } from '../../db/gazetteer'
import { aHub } from '../builders'
import { aDatabase, aTestApp } from '../support/testApp'

/**
 * /hubs as a resident uses it when there are many hubs: a page at a time, and "Find the hubs
 * near you" by town, village or postcode, the nearest first, with the Where box behaving as
 * search's does (misspellings, "Which Newport?", postcodes we do not hold).
 */

let app: Express
beforeAll(async () => {
  const db = aDatabase()
  loadGazetteerIfEmpty(db)
  await importDemoPostcodesIfEmpty(db)
  // Hubs in real towns...
  aHub(db, { slug: 'crewe', name: 'Crewe Neighbours', latitude: 53.0979, longitude: -2.4416 })
  aHub(db, { slug: 'nantwich', name: 'Nantwich Friends', latitude: 53.0671, longitude: -2.5236 })
  aHub(db, { slug: 'thanet', name: 'Thanet', latitude: 51.3813, longitude: 1.3862 })
  aHub(db, { slug: 'newport-wales', name: 'Newport Together', latitude: 51.5877, longitude: -2.9984 })
  aHub(db, { slug: 'isle-of-wight', name: 'Island Hub', latitude: 50.7012, longitude: -1.2883 })
  // ...and enough in Scotland (far from all of them) for three pages.
  for (let i = 1; i <= 40; i++) {
    aHub(db, {
      slug: `highland-${i}`,
      name: `Highland Hub ${String(i).padStart(2, '0')}`,
      latitude: 57.4 + i * 0.01,
      longitude: -4.2,
    })
  }
  app = aTestApp({ db }).app
}, 30_000)

/** Handlebars escapes = and & in attributes; a browser reads them back like this. */
const decode = (text: string) =>
  text
    .replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;/g, "'")

/** The hubs listed, in order, by slug. */
const hubsOn = (html: string): string[] =>
  [...html.matchAll(/<li class="cg-card" data-hub="([^"]+)"/g)].map((m) => m[1] ?? '')

const pageLinks = (html: string): string[] =>
  [...html.matchAll(/<a class="govuk-link govuk-pagination__link" href="([^"]*)"/g)].map((m) =>
    decode(m[1] ?? ''),
  )

describe('the list of local hubs', () => {
  it('shows 20 hubs a page by name, with pages to move between', async () => {
    const first = await request(app).get('/hubs').expect(200)

    expect(hubsOn(first.text)).toHaveLength(20)
    expect(hubsOn(first.text)[0]).toBe('crewe')
    expect(first.text).toContain('Showing 1 to 20 of 45.')
    expect(pageLinks(first.text)).toEqual(['/hubs', '/hubs?page=2', '/hubs?page=3', '/hubs?page=2'])

    const last = await request(app).get('/hubs?page=3').expect(200)
    expect(hubsOn(last.text)).toHaveLength(5)
    expect(last.text).toContain('Showing 41 to 45 of 45.')
    expect(last.text.match(/<h1/g)).toHaveLength(1)
  })

  it('gives the page-not-found page for a page past the end or one that cannot be a page', async () => {
    for (const page of ['4', '0', 'two', '-1', '99999999']) {
      const response = await request(app).get('/hubs').query({ page })
      expect(response.status).toBe(404)
    }
  })

  it('finds the hubs near a town, nearest first, and keeps the town on every page', async () => {
    const response = await request(app).get('/hubs?where=Crewe').expect(200)

    expect(response.text).toContain('<title>Local hubs near Crewe')
    expect(hubsOn(response.text).slice(0, 2)).toEqual(['crewe', 'nantwich'])
    expect(response.text).toContain('Nearest to Crewe first.')
    expect(response.text).toMatch(/Nantwich Friends<\/a><\/h2>\s*<p[^>]*>[\d.]+ miles away<\/p>/)
    expect(pageLinks(response.text)).toContain('/hubs?where=Crewe&page=2')
    // The Highland hubs, hundreds of miles away, come last.
    const third = await request(app).get('/hubs?where=Crewe&page=3').expect(200)
    expect(hubsOn(third.text)).toEqual(expect.arrayContaining(['highland-40']))
  })

  it('asks "Did you mean Nantwich?" for a town misspelt, and the link lists the hubs near it', async () => {
    const misspelt = await request(app).get('/hubs').query({ where: 'Nantwhich' }).expect(200)

    expect(decode(misspelt.text)).toContain("We could not find 'Nantwhich'. Did you mean Nantwich?")
    expect(decode(misspelt.text)).toContain(
      'Did you mean <a class="govuk-link" href="/hubs?where=Nantwich">Nantwich</a>?',
    )
    const followed = await request(app).get('/hubs?where=Nantwich').expect(200)
    expect(hubsOn(followed.text).slice(0, 2)).toEqual(['nantwich', 'crewe'])
  })

  it('asks which Newport they mean, then lists the hubs near the one chosen', async () => {
    const asked = await request(app).get('/hubs?where=Newport').expect(200)

    expect(asked.text).toContain('Which Newport do you mean?')
    expect(asked.text).toMatch(/<form method="get" action="\/hubs"/)
    const wales = /<input class="govuk-radios__input"[^>]*value="(Newport[^"]*Wales[^"]*)"/.exec(
      asked.text,
    )?.[1]
    expect(wales).toBeDefined()

    const chosen = await request(app)
      .get('/hubs')
      .query({ where: decode(wales ?? ''), choosing: 'Newport' })
      .expect(200)
    expect(hubsOn(chosen.text)[0]).toBe('newport-wales')

    // Sent without choosing: asked again, with a message.
    const unanswered = await request(app).get('/hubs?choosing=Newport').expect(200)
    expect(unanswered.text).toContain('Select which Newport you mean')
    expect(unanswered.text).toContain('<title>Error: Which Newport do you mean? – Local hubs')
  })

  it('finds the hubs near a postcode, and says when it used the middle of a sector for one it does not hold', async () => {
    const exact = await request(app).get('/hubs?where=CT9+1AA').expect(200)
    expect(hubsOn(exact.text)[0]).toBe('thanet')

    const unknown = await request(app).get('/hubs?where=CT9+2ZZ').expect(200)
    expect(hubsOn(unknown.text)[0]).toBe('thanet')
    expect(unknown.text).toContain('We do not have the postcode CT9 2ZZ, so we used the middle of CT9 2.')
  })

  it('says so by the Where box for a place it cannot find, and still lists the hubs by name', async () => {
    const response = await request(app).get('/hubs?where=Xyzzyqq').expect(200)

    expect(response.text).toContain('<title>Error: Local hubs')
    expect(response.text).toMatch(
      /class="govuk-error-message">\s*<span class="govuk-visually-hidden">Error:<\/span> We could not find/,
    )
    expect(response.text).toContain('value="Xyzzyqq"')
    expect(hubsOn(response.text)[0]).toBe('crewe')
  })
})
