import http from 'node:http'
import type { AddressInfo } from 'node:net'
import AxeBuilder from '@axe-core/playwright'
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

/** Debian's chromium (`apt-get install -y chromium`); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** The standards every page must meet: WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

const LOCAL_HOST = '127.0.0.1'

export interface DemoSite {
  /** The demo database behind the site, for finding real ids and slugs to visit. */
  readonly db: Db
  /** A full address on the running site, such as url('/hubs'). */
  url(path: string): string
  /**
   * A page in a fresh browser context (its own cookies, viewport and JavaScript setting),
   * closed after the test. Requests to anywhere but the site are refused, so map tiles from
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
      const context = await browser.newContext({ locale: 'en-GB', ...options })
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
 * Runs axe on the page against WCAG 2.2 AA and describes each problem in one readable line:
 * the rule id, what it asks for, and the elements that break it. An empty list means none.
 */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    .options({ resultTypes: ['violations'] })
    // Our pages have no frames, so axe can run in the page in one go: twice as fast as the
    // frame-by-frame default.
    .setLegacyMode(true)
    .analyze()
  return results.violations.map((violation) => {
    const targets = violation.nodes.map((node) => node.target.map(String).join(' > '))
    const shown = targets.slice(0, 5).join(' | ')
    const more = targets.length > 5 ? ` (and ${targets.length - 5} more)` : ''
    return `${violation.id} [${violation.impact ?? 'unknown'}]: ${violation.help} — ${shown}${more} (${violation.helpUrl})`
  })
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

/**
 * Presses Tab until the element with this accessible name (its label, aria-label or text) has
 * the focus, as a keyboard user moves through a page; fails when it is not reached.
 */
export async function tabTo(page: Page, name: RegExp, mostTabs = 80): Promise<void> {
  for (let i = 0; i < mostTabs; i++) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null
      if (!element) return ''
      const label = element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : ''
      return `${label ?? ''} ${element.getAttribute('aria-label') ?? ''} ${element.textContent ?? ''}`.trim()
    })
    if (name.test(focused)) return
  }
  throw new Error(`Could not reach ${String(name)} with the Tab key`)
}
