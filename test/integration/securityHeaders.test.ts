import fs from 'node:fs'
import path from 'node:path'
import request from 'supertest'
import { projectPath } from '../../server/paths'
import { tileImageSource } from '../../server/middleware/webSecurity'
import { aTestApp } from '../support/testApp'

/** The Content-Security-Policy header as a map from directive to its sources. */
function policyOf(header: string): Map<string, string[]> {
  return new Map(
    header.split(';').map((directive) => {
      const [name = '', ...sources] = directive.trim().split(/\s+/)
      return [name, sources]
    }),
  )
}

function templatesUnder(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name)
    if (entry.isDirectory()) return templatesUnder(full)
    return entry.name.endsWith('.hbs') ? [full] : []
  })
}

describe('security headers', () => {
  it('lets scripts run only with the nonce of this answer, and every script on the page carries it', async () => {
    const { app } = aTestApp()

    const response = await request(app).get('/map')

    const scriptSources = policyOf(response.headers['content-security-policy'] as string).get('script-src')
    expect(scriptSources).toHaveLength(1)
    const nonce = /^'nonce-(.+)'$/.exec(scriptSources?.[0] ?? '')?.[1]
    expect(nonce).toBeTruthy()
    const scripts = response.text.match(/<script[^>]*>/g) ?? []
    expect(scripts.length).toBeGreaterThanOrEqual(4)
    for (const script of scripts) {
      const carried = /nonce="([^"]*)"/.exec(script)?.[1]?.replace(/&#x3D;/g, '=')
      expect({ script, nonce: carried }).toEqual({ script, nonce })
    }
  })

  it('gives a new nonce to each answer', async () => {
    const { app } = aTestApp()

    const first = await request(app).get('/')
    const second = await request(app).get('/')

    expect(first.headers['content-security-policy']).not.toEqual(second.headers['content-security-policy'])
  })

  it('has the nonce on every <script> in every template', () => {
    const withoutNonce = templatesUnder(projectPath('views')).flatMap((file) =>
      (fs.readFileSync(file, 'utf8').match(/<script\b[^>]*>/g) ?? [])
        .filter((tag) => !tag.includes('nonce="{{cspNonce}}"'))
        .map((tag) => `${path.relative(projectPath(), file)}: ${tag}`),
    )
    expect(withoutNonce).toEqual([])
  })

  it('names the tile host once among the image sources', async () => {
    const { app } = aTestApp({ config: { tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' } })

    const response = await request(app).get('/')

    expect(policyOf(response.headers['content-security-policy'] as string).get('img-src')).toEqual([
      "'self'",
      'data:',
      'https://tile.openstreetmap.org',
    ])
  })

  it('allows any subdomain of the tile host only when the tile address has {s}', async () => {
    const { app } = aTestApp({ config: { tileUrl: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png' } })

    const response = await request(app).get('/')

    expect(policyOf(response.headers['content-security-policy'] as string).get('img-src')).toEqual([
      "'self'",
      'data:',
      'https://*.tiles.example.org',
    ])
  })

  it.each([
    ['https://tile.openstreetmap.org/{z}/{x}/{y}.png', 'https://tile.openstreetmap.org'],
    ['https://{s}.tile.example.org/{z}/{x}/{y}.png', 'https://*.tile.example.org'],
    ['https://tiles-{s}.Example.org:8443/{z}/{x}/{y}.png?key=abc', 'https://*.example.org:8443'],
    ['https://maps.example.org/{s}/{z}/{x}/{y}.png', 'https://maps.example.org'],
  ])('takes the image source for %s to be %s', (tileUrl, source) => {
    expect(tileImageSource(tileUrl)).toBe(source)
  })

  it('refuses to be shown in a frame, in both the old header and the new', async () => {
    const { app } = aTestApp()

    const response = await request(app).get('/')

    expect(response.headers['x-frame-options']).toBe('DENY')
    expect(policyOf(response.headers['content-security-policy'] as string).get('frame-ancestors')).toEqual([
      "'none'",
    ])
  })

  it('turns off browser features the site does not use, but keeps location for "Use my location"', async () => {
    const { app } = aTestApp()

    const response = await request(app).get('/search')

    const policy = (response.headers['permissions-policy'] as string).split(/,\s*/)
    expect(policy).toContain('geolocation=(self)')
    for (const feature of ['camera', 'microphone', 'payment', 'usb', 'browsing-topics']) {
      expect(policy).toContain(`${feature}=()`)
    }
  })
})
