/**
 * What every page has from the layout: a favicon, and a meta description of its own (issue 7,
 * "A favicon, and a meta description on every page"). The pages are found by following the
 * links from the start page over the demo data, as a visitor or a search engine would.
 */
import request from 'supertest'
import { loadGazetteerIfEmpty } from '../../db/gazetteer'
import { aDemoTestApp, type TestApp } from '../support/testApp'

jest.setTimeout(60_000)

/** Handlebars escapes these in attributes; a browser reads them back like this. */
const decode = (text: string) =>
  text
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

/** The kind of page an address is: "/services/:id", "/hubs/:slug/print", "/search". */
function pageTypeOf(address: string): string {
  const path = new URL(address, 'http://x').pathname
  return path
    .replace(/\/\d+(?=\/|$)/g, '/:id')
    .replace(/^\/hubs\/[^/]+/, (hubs) => (hubs === '/hubs' ? hubs : '/hubs/:slug'))
}

interface CrawledPage {
  address: string
  status: number
  descriptions: string[]
}

/**
 * Follows the site's own links from `/` (and a few addresses no link leads to: a page that is
 * not there, "Which Newport do you mean?"), at most `perType` pages of each kind.
 */
async function crawl({ app }: TestApp, perType = 3, maxPages = 80): Promise<CrawledPage[]> {
  const queue = ['/', '/no-such-page', '/search?where=Newport', '/search?q=lunch&where=Margate']
  const seen = new Set(queue)
  const perTypeCount = new Map<string, number>()
  const pages: CrawledPage[] = []
  while (queue.length > 0 && pages.length < maxPages) {
    const address = queue.shift() as string
    const type = pageTypeOf(address)
    if ((perTypeCount.get(type) ?? 0) >= perType) continue
    perTypeCount.set(type, (perTypeCount.get(type) ?? 0) + 1)
    const response = await request(app).get(address)
    if (!String(response.headers['content-type']).startsWith('text/html')) continue
    const html = response.text
    pages.push({
      address,
      status: response.status,
      descriptions: [...html.matchAll(/<meta name="description" content="([^"]*)">/g)].map((m) =>
        decode(m[1] ?? ''),
      ),
    })
    for (const [, href] of html.matchAll(/<a [^>]*href="([^"#]*)"/g)) {
      const link = decode(href ?? '')
      if (!link.startsWith('/') || link.startsWith('//')) continue
      if (/^\/(static|vendor|assets|dev|map\/)|\.json/.test(link)) continue
      if (seen.has(link)) continue
      seen.add(link)
      queue.push(link)
    }
  }
  return pages
}

describe('every page, as a visitor or a search engine finds it from the start page', () => {
  const site = aDemoTestApp()
  let pages: CrawledPage[]
  beforeAll(async () => {
    loadGazetteerIfEmpty(site.db)
    pages = await crawl(site)
  })

  it('reaches every kind of public page', () => {
    const types = new Set(pages.map((page) => pageTypeOf(page.address)))
    for (const type of [
      '/',
      '/search',
      '/map',
      '/hubs',
      '/hubs/:slug',
      '/hubs/:slug/print',
      '/services/:id',
      '/organisations/:id',
      '/places/:id',
      '/people',
      '/about',
      '/help',
      '/privacy',
      '/accessibility',
      '/no-such-page',
    ])
      expect(types).toContain(type)
  })

  it('has exactly one meta description on each page, and it is not empty', () => {
    const wrong = pages.filter(
      (page) => page.descriptions.length !== 1 || (page.descriptions[0] ?? '').trim().length < 40,
    )
    expect(wrong).toEqual([])
  })

  it('gives each kind of page a description of its own', () => {
    const typesByDescription = new Map<string, Set<string>>()
    for (const page of pages) {
      const description = page.descriptions[0] ?? ''
      const types = typesByDescription.get(description) ?? new Set<string>()
      types.add(pageTypeOf(page.address))
      typesByDescription.set(description, types)
    }
    const shared = [...typesByDescription].filter(([, types]) => types.size > 1)
    expect(shared).toEqual([])
  })

  it('describes a listing by its name and what it is, and a search by what and where', () => {
    const service = pages.find((page) => pageTypeOf(page.address) === '/services/:id')
    const id = Number(/\/services\/(\d+)/.exec(service?.address ?? '')?.[1])
    const { name } = site.db.prepare('SELECT name FROM services WHERE id = ?').get(id) as { name: string }
    expect(service?.descriptions[0]?.startsWith(`${name}: `)).toBe(true)
    const search = pages.find((page) => page.address === '/search?q=lunch&where=Margate')
    expect(search?.descriptions[0]).toContain('for ‘lunch’ near Margate')
    const newport = pages.find((page) => page.address === '/search?where=Newport')
    expect(newport?.descriptions[0]).toContain('more than one place called Newport')
  })
})

describe('the favicon', () => {
  it('is linked from every page and served, as an SVG and at /favicon.ico where browsers look for it', async () => {
    const { app } = aDemoTestApp()
    const page = await request(app).get('/hubs')
    const svg = /<link rel="icon" href="([^"]+\.svg)" type="image\/svg\+xml">/.exec(page.text)?.[1]
    expect(page.text).toContain('<link rel="icon" href="/favicon.ico" sizes="32x32">')
    expect(svg).toMatch(/^\/static\/images\/favicon\.[0-9a-f]{10}\.svg$/)

    const icon = await request(app).get(svg ?? '')
    expect(icon.status).toBe(200)
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/)
    const ico = await request(app).get('/favicon.ico')
    expect(ico.status).toBe(200)
    expect(ico.headers['content-type']).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/)
    // An ICO file starts with 0, 1 (an icon), and how many images it holds.
    expect([...(ico.body as Buffer).subarray(0, 4)]).toEqual([0, 0, 1, 0])
  })
})
