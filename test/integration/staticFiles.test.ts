import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import request from 'supertest'
import { StaticAssets } from '../../server/middleware/staticFiles'
import { projectPath } from '../../server/paths'
import { aTestApp } from '../support/testApp'

const FOR_GOOD = 'public, max-age=31536000, immutable'

/** The addresses of the stylesheets and scripts a page links to. */
function linkedFiles(html: string): string[] {
  return [...html.matchAll(/<(?:link rel="stylesheet" href|script[^>]*? src)="([^"]+)"/g)].map(
    (m) => m[1] ?? '',
  )
}

describe("the site's own files", () => {
  const { app } = aTestApp()

  it('are linked by names with a fingerprint of their contents, and kept by browsers for good', async () => {
    const page = await request(app).get('/map')
    const files = linkedFiles(page.text)

    expect(files).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/static\/css\/app\.[0-9a-f]{10}\.css$/),
        expect.stringMatching(/^\/static\/js\/app\.[0-9a-f]{10}\.mjs$/),
        expect.stringMatching(/^\/static\/js\/useMyLocation\.[0-9a-f]{10}\.js$/),
        expect.stringMatching(/^\/static\/js\/map\.[0-9a-f]{10}\.js$/),
        expect.stringMatching(/^\/vendor\/leaflet\/leaflet\.[0-9a-f]{10}\.js$/),
        expect.stringMatching(/^\/vendor\/leaflet\/leaflet\.[0-9a-f]{10}\.css$/),
      ]),
    )
    for (const file of files) {
      const response = await request(app).get(file)
      expect({ file, status: response.status, cache: response.headers['cache-control'] }).toEqual({
        file,
        status: 200,
        cache: FOR_GOOD,
      })
      expect(response.headers['content-type']).toMatch(file.endsWith('.css') ? /^text\/css/ : /javascript/)
    }
  })

  it('still answer to their plain names, but are not kept for good', async () => {
    const response = await request(app).get('/static/css/app.css')

    expect(response.status).toBe(200)
    expect(response.headers['cache-control']).not.toContain('immutable')
  })

  it('give the module that static/js/app.mjs imports from GOV.UK Frontend', async () => {
    const appScript = fs.readFileSync(projectPath('static', 'js', 'app.mjs'), 'utf8')
    const imports = [...appScript.matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '')
    expect(imports.length).toBeGreaterThan(0)

    for (const address of imports) {
      const response = await request(app).get(address)
      expect({ address, status: response.status }).toEqual({ address, status: 200 })
      expect(response.headers['content-type']).toMatch(/javascript/)
    }
  })

  it('give every file the built stylesheet refers to', async () => {
    const stylesheet = fs.readFileSync(projectPath('static', 'css', 'app.css'), 'utf8')
    const addresses = [...stylesheet.matchAll(/url\("?(\/[^")]+)"?\)/g)].map((m) => m[1] ?? '')

    for (const address of new Set(addresses)) {
      const response = await request(app).get(address)
      expect({ address, status: response.status }).toEqual({ address, status: 200 })
    }
  })

  it.each([
    '/static/scss/app.scss',
    '/static/scss/_brand.scss',
    '/vendor/leaflet/leaflet.js.map',
    '/vendor/leaflet/leaflet-src.js',
    '/vendor/leaflet/leaflet-src.esm.js',
    '/vendor/leaflet/images/marker-icon.png',
    '/vendor/govuk-frontend/govuk-frontend.min.js.map',
    '/vendor/govuk-frontend/all.mjs',
    '/vendor/govuk-frontend/index.scss',
    '/assets/images/favicon.ico',
    '/assets/manifest.json',
    '/static/css/app.0123456789.scss',
  ])('do not include %s, which no page uses', async (address) => {
    const response = await request(app).get(address)

    expect(response.status).toBe(404)
  })
})

describe('fingerprints', () => {
  let folder: string
  let file: string

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-assets-'))
    file = path.join(folder, 'app.css')
    fs.writeFileSync(file, 'body { color: black }')
  })

  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }))

  const siteFiles = () => [{ address: '/static/css/app.css', file, fingerprint: true }]

  it('change when the file changes, outside production', () => {
    const assets = new StaticAssets(siteFiles(), { rehashOnChange: true })
    const before = assets.address('/static/css/app.css')

    fs.writeFileSync(file, 'body { color: navy }')
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000))
    const after = assets.address('/static/css/app.css')

    expect(before).toMatch(/^\/static\/css\/app\.[0-9a-f]{10}\.css$/)
    expect(after).toMatch(/^\/static\/css\/app\.[0-9a-f]{10}\.css$/)
    expect(after).not.toBe(before)
    expect(assets.find(after)).toEqual({ file, immutable: true })
    // A page from before the change still gets the file, but not to keep for good.
    expect(assets.find(before)).toEqual({ file, immutable: false })
  })

  it('keep the plain name for a file that is not there yet (a stylesheet not built)', () => {
    fs.rmSync(file)

    const assets = new StaticAssets(siteFiles(), { rehashOnChange: false })

    expect(assets.address('/static/css/app.css')).toBe('/static/css/app.css')
  })

  it('refuse an address that is not one of the site files, so a typo in a template shows at once', () => {
    const assets = new StaticAssets(siteFiles())

    expect(() => assets.address('/static/css/ap.css')).toThrow(/not one of the site's files/)
  })
})
