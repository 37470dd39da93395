/**
 * Everything a browser test needs, from one import:
 *
 *   import { collectPageProblems, expectCleanPage, press, signInAs, theDemo, useTheDemoSite } from './support/browser'
 *
 *   const site = useTheDemoSite() // the demo site and one Chromium for the file
 *
 *   it('the demo coordinator finds someone who can help', async () => {
 *     const page = await site.newPage({ viewport: { width: 320, height: 800 } })
 *     const problems = collectPageProblems(page)
 *     await signInAs(page, theDemo.coordinator) // password, then the two-step code
 *     await press(page, /^Coordinate$/) // Tab to it, Enter, wait for the next page
 *     await expectCleanPage(page, { fitsTheScreen: true }) // axe (WCAG 2.2 AA), one h1, no sideways scroll
 *     expect(problems).toEqual([])
 *   })
 *
 * - useTheDemoSite(): { db, url(path), newPage(options) }; pages may also goto('/a/path').
 * - signInAs(page, account): theDemo.member, .peerLead, .coordinator or .admin, or what
 *   anAccount() gives (staff get their two-step code typed too); ends on "Your account".
 * - expectCleanPage(page, { what?, fitsTheScreen? }) and expectNoAxeViolations(page, { what? });
 *   accessibilityProblems(page) gives axe's findings as readable lines.
 * - Keyboard only: tabTo(page, /name/), press(page, /name/), typeInto(page, /label/, 'words').
 * - collectPageProblems(page): script errors and failed loads of ours, as a list to expect empty.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core'
import type { Db } from '../../../db/connection'
import { importDemoPostcodesIfEmpty } from '../../../db/demoPostcodes'
import { loadGazetteerIfEmpty } from '../../../db/gazetteer'
import { aDemoTestApp } from '../../support/testApp'

export { accessibilityProblems, expectCleanPage, expectNoAxeViolations, WCAG_TAGS } from './checks'
export type { CleanPageOptions } from './checks'
export { press, tabTo, typeInto } from './keyboard'
export { signInAs, theDemo } from './signIn'
export type { AccountToSignInAs } from './signIn'

/** Debian's chromium (`apt-get install -y chromium`); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const LOCAL_HOST = '127.0.0.1'

export interface DemoSite {
  /** The demo database behind the site, for finding real ids and slugs to visit. */
  readonly db: Db
  /** A full address on the running site, such as url('/hubs'). */
  url(path: string): string
  /**
   * A page in a fresh browser context (its own cookies, viewport and JavaScript setting),
   * closed after the test, where page.goto('/a/path') opens a page on the site. Requests to anywhere but the site are refused, so map tiles from
   * the internet never slow a test down.
   */
  newPage(options?: BrowserContextOptions): Promise<Page>
}

/**
 * The demo site as `npm start` serves it (demo data, GB towns, made-up postcodes) on a free
 * local port, with one Chromium for the whole test file. Call it once at the top of a file:
 * the database is built at once, so tests can be named after what is in it; the server and
 * the browser start in beforeAll and stop in afterAll.
 */
export function useTheDemoSite(): DemoSite {
  const { app, db } = aDemoTestApp()
  loadGazetteerIfEmpty(db)
  let server: http.Server | undefined
  let browser: Browser | undefined
  let baseUrl: string | undefined
  let openContexts: BrowserContext[] = []

  beforeAll(async () => {
    await importDemoPostcodesIfEmpty(db)
    server = http.createServer(app)
    await new Promise<void>((resolve, reject) => {
      server?.once('error', reject)
      server?.listen(0, LOCAL_HOST, resolve)
    })
    baseUrl = `http://${LOCAL_HOST}:${(server.address() as AddressInfo).port}`
    browser = await launchChromium()
  })

  afterEach(async () => {
    const contexts = openContexts
    openContexts = []
    await Promise.all(contexts.map((context) => context.close()))
  })

  afterAll(async () => {
    await browser?.close()
    if (server) {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server?.close(() => resolve()))
    }
    db.close()
  })

  return {
    db,
    url(path: string): string {
      if (!baseUrl) throw new Error('The demo site has not started yet: use site.url() inside a test')
      return new URL(path, baseUrl).toString()
    },
    async newPage(options: BrowserContextOptions = {}): Promise<Page> {
      if (!browser) throw new Error('The browser has not started yet: use site.newPage() inside a test')
      const context = await browser.newContext({ locale: 'en-GB', baseURL: baseUrl, ...options })
      openContexts.push(context)
      await context.route(
        (url) => url.hostname !== LOCAL_HOST,
        (route) => route.abort('blockedbyclient'),
      )
      const page = await context.newPage()
      page.setDefaultTimeout(10_000)
      return page
    },
  }
}

export async function launchChromium(): Promise<Browser> {
  try {
    return await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
      ],
    })
  } catch (error) {
    throw new Error(
      `Could not start Chromium at ${CHROMIUM_PATH}. On Debian or Ubuntu: apt-get install -y chromium ` +
        `(or set CHROMIUM_PATH).\n${error instanceof Error ? error.message : String(error)}`,
    )
  }
}

/**
 * Problems with a page's own scripts and files as it loads: uncaught errors, console errors
 * (such as a script refused by the Content Security Policy) and files of ours that fail to
 * load. Call before page.goto; read the list after.
 */
export function collectPageProblems(page: Page): string[] {
  const problems: string[] = []
  const isOurs = (url: string) => url.startsWith(`http://${LOCAL_HOST}`)
  page.on('pageerror', (error) => problems.push(`Uncaught: ${error.message}`))
  page.on('console', (message) => {
    // Failed loads are reported below with their address, and refused tiles are our doing.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`Console error: ${message.text()}`)
    }
  })
  page.on('response', (response) => {
    const request = response.request()
    if (response.status() >= 400 && isOurs(response.url()) && !request.isNavigationRequest()) {
      problems.push(`${response.status()} for ${request.resourceType()} ${new URL(response.url()).pathname}`)
    }
  })
  page.on('requestfailed', (request) => {
    // A request the page gave up on itself (it went on to the next page, or a newer view of the
    // map replaced the one asked for) is not a failure of the site.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return
    if (isOurs(request.url()))
      problems.push(`Failed: ${request.url()} (${request.failure()?.errorText ?? 'unknown'})`)
  })
  return problems
}

/** The earlier name of collectPageProblems, kept for the map's tests. */
export const collectScriptErrors = collectPageProblems
