import type { Page } from 'playwright-core'
import type { Db } from '../../db/connection'
import {
  accessibilityProblems,
  collectPageProblems,
  expectNoAxeViolations,
  useTheDemoSite,
} from './support/browser'

const site = useTheDemoSite()

interface PageToCheck {
  /** How the page is named in the test list. */
  name: string
  path: string
  /** Words the <title> must contain, where the page is about one thing. */
  titleMentions?: string
  /** The status it answers with: 200 unless said. */
  status?: number
  /**
   * The first problem in its error summary, when it has one: GOV.UK's error summary takes
   * the focus when the page loads, so the first Tab goes to the problem, not the skip link.
   */
  firstProblem?: string
  /** where that problem links to (the Where box unless said) */
  problemHref?: string
}

/** Real listings from the demo data, so the tests follow the seed rather than fixed ids. */
function pagesToCheck(db: Db): PageToCheck[] {
  const hub = one<{ slug: string; name: string }>(db, 'SELECT slug, name FROM hubs ORDER BY id LIMIT 1')
  // The richest listings show the most markup: places, times, access features, contacts.
  const service = one<{ id: number; name: string }>(
    db,
    `SELECT s.id, s.name FROM services s WHERE s.status = 'published'
     ORDER BY (SELECT count(*) FROM service_at_locations sal WHERE sal.service_id = s.id) DESC,
              (SELECT count(*) FROM schedules sc WHERE sc.service_id = s.id) DESC, s.id
     LIMIT 1`,
  )
  const organisation = one<{ id: number; name: string }>(
    db,
    `SELECT o.id, o.name FROM organizations o WHERE o.status = 'published'
     ORDER BY (SELECT count(*) FROM services s WHERE s.organization_id = o.id AND s.status = 'published') DESC, o.id
     LIMIT 1`,
  )
  const place = one<{ id: number; name: string }>(
    db,
    `SELECT l.id, l.name FROM locations l WHERE l.status = 'published'
     ORDER BY (SELECT count(*) FROM location_accessibility la WHERE la.location_id = l.id) DESC, l.id
     LIMIT 1`,
  )
  // The most common category's first word, such as "walking": a search that finds things.
  const category = one<{ name: string }>(
    db,
    `SELECT t.name FROM taxonomy_terms t JOIN service_categories sc ON sc.term_id = t.id
     JOIN services s ON s.id = sc.service_id AND s.status = 'published'
     WHERE t.vocabulary = 'category' GROUP BY t.id ORDER BY count(*) DESC, t.id LIMIT 1`,
  )
  const searchWord = (category.name.split(/\s+/)[0] ?? category.name).toLowerCase()

  return [
    { name: 'the start page', path: '/' },
    { name: 'the list of hubs', path: '/hubs' },
    { name: 'the hubs near a town', path: '/hubs?where=Crewe', titleMentions: 'Crewe' },
    { name: 'the hubs: "Which Newport?"', path: '/hubs?where=Newport', titleMentions: 'Newport' },
    {
      name: 'the hubs near a misspelt town ("Did you mean Nantwich?")',
      path: '/hubs?where=Nantwhich',
      firstProblem: "We could not find 'Nantwhich'. Did you mean Nantwich?",
    },
    { name: `a hub's places (${hub.name})`, path: `/hubs/${hub.slug}/places`, titleMentions: hub.name },
    {
      name: `a hub's organisations (${hub.name})`,
      path: `/hubs/${hub.slug}/organisations`,
      titleMentions: hub.name,
    },
    { name: `a hub (${hub.name})`, path: `/hubs/${hub.slug}`, titleMentions: hub.name },
    {
      name: `a hub's large-print sheet (${hub.name})`,
      path: `/hubs/${hub.slug}/print`,
      titleMentions: hub.name,
    },
    { name: `a service (${service.name})`, path: `/services/${service.id}`, titleMentions: service.name },
    {
      name: `an organisation (${organisation.name})`,
      path: `/organisations/${organisation.id}`,
      titleMentions: organisation.name,
    },
    { name: `a place (${place.name})`, path: `/places/${place.id}`, titleMentions: place.name },
    { name: 'the people page', path: '/people' },
    { name: `the people of one hub (${hub.name})`, path: `/people?hub=${hub.slug}`, titleMentions: hub.name },
    { name: 'the hubs near a town typed in "Hub name or town"', path: '/people?find=Margate' },
    {
      name: 'the people page when nothing matches "Hub name or town"',
      path: '/people?find=Zzyzx',
      firstProblem:
        'We could not find a hub or a place with that name. Type the name of a hub, a town or a postcode',
      problemHref: '#find',
    },
    { name: 'search with nothing typed', path: '/search' },
    { name: `search for "${searchWord}"`, path: `/search?q=${encodeURIComponent(searchWord)}` },
    { name: 'the "Which Newport?" page', path: '/search?where=Newport', titleMentions: 'Newport' },
    {
      name: 'search for a misspelt town ("Did you mean Margate?")',
      path: '/search?where=Margat',
      firstProblem: "We could not find 'Margat'. Did you mean Margate?",
    },
    {
      name: 'search near a postcode we do not hold (a note)',
      path: '/search?where=CT9+2ZZ',
      titleMentions: 'CT9 2',
    },
    { name: 'the map near a sector', path: '/map?where=CT9+2', titleMentions: 'CT9 2' },
    // People near you who share a skill, with how to ring or email each hub.
    { name: 'search for "tablets" near Ramsgate', path: '/search?q=tablets&where=Ramsgate' },
    {
      name: 'search that looked further than 10 miles, with a filter in use',
      path: '/search?q=lunch&where=Canterbury&free=yes',
    },
    {
      name: 'search that found nothing, with searches that would find something',
      path: '/search?q=lunch&where=Nantwich&distance=1&day=monday',
    },
    { name: 'the map', path: '/map' },
    { name: 'the map near a town', path: '/map?where=Margate', titleMentions: 'Margate' },
    { name: 'the map with filters chosen', path: '/map?category=walking-groups&free=yes' },
    { name: 'help and contact', path: '/help' },
    { name: 'the privacy notice', path: '/privacy' },
    { name: 'the accessibility statement', path: '/accessibility' },
    { name: 'about Common Ground', path: '/about' },
    { name: 'open data: use our listings', path: '/about/open-data' },
    { name: 'download the directory', path: '/download' },
    { name: 'the page-not-found page', path: '/no-such-page', titleMentions: 'not found', status: 404 },
    // Accounts (issue 9); their error states and signed-in pages are in accounts.test.ts.
    { name: 'create an account', path: '/create-account' },
    { name: 'sign in', path: '/sign-in' },
    { name: 'email me a link to sign in', path: '/sign-in/email-link' },
    { name: 'forgotten your password', path: '/forgotten-password' },
    {
      name: 'a link from an email that does not work',
      path: '/reset-password?token=no-such-token-aaaaaaaaaaaaaaaaaa',
      status: 410,
    },
    { name: 'sign out (not signed in)', path: '/sign-out' },
    { name: 'signed out', path: '/signed-out' },
    { name: 'the emails sent (outside production)', path: '/dev/outbox' },
    // Share your skills (issue 10): its start page, and a question page as a visitor sees it
    // (create an account or sign in); shareSkills.test.ts checks every question and its errors.
    { name: 'share your skills', path: '/share-your-skills' },
    { name: 'share your skills, not signed in', path: '/share-your-skills/name' },
    // Asking to be put in touch (issue 11); putInTouch.test.ts checks its error state and confirmation.
    {
      name: `ask to be put in touch about a service (${service.name})`,
      path: `/put-me-in-touch?from=service&id=${service.id}`,
      titleMentions: service.name,
    },
    {
      name: 'ask to be put in touch from search results',
      path: '/put-me-in-touch?from=search&q=tablets&where=Ramsgate',
    },
    // Two-step sign-in's pages need someone signed in, or part way through signing in: a
    // visitor is sent to sign in. test/browser/twoStep.test.ts checks each, and each error state.
    // Admin pages (issue 9) need an admin signed in: admin.test.ts checks each of them with
    // axe at 320px, in every error state, and the 403 page a member gets there.
  ]
}

function one<T>(db: Db, sql: string): T {
  const row = db.prepare(sql).get() as T | undefined
  if (!row) throw new Error(`The demo data has nothing for: ${sql}`)
  return row
}

const PAGES = pagesToCheck(site.db)

async function visit(path: string, options: Parameters<typeof site.newPage>[0] = {}): Promise<Page> {
  const page = await site.newPage(options)
  await page.goto(site.url(path), { waitUntil: 'load' })
  return page
}

/** What one visit to a page shows: loaded fresh, before any other key is pressed. */
interface PageReport {
  status: number | undefined
  problemsLoading: string[]
  focusAfterFirstTab: { text: string | undefined; href: string | null | undefined }
  hasMainContentTarget: boolean
  headings: string[]
  title: string
  accessibilityProblems: string[]
  /** At 320px wide, in a fresh load. */
  narrow: { scrollWidth: number; clientWidth: number }
}

/** Titles already seen, by path, so the check that no two pages share one loads nothing again. */
const titlesSeen = new Map<string, string>()

/** Each page is looked at twice (wide, then 320px wide) and every check reads the report. */
async function lookAt(path: string): Promise<PageReport> {
  const page = await site.newPage()
  const problemsLoading = collectPageProblems(page)
  const response = await page.goto(site.url(path), { waitUntil: 'load' })
  await page.keyboard.press('Tab')
  const focusAfterFirstTab = await page.evaluate(() => ({
    text: document.activeElement?.textContent?.trim(),
    href: document.activeElement?.getAttribute('href'),
  }))
  const hasMainContentTarget = (await page.locator('main#main-content').count()) === 1
  const headings = await page.locator('h1').allInnerTexts()
  const title = await page.title()
  titlesSeen.set(path, title)
  const problems = await accessibilityProblems(page)
  await page.context().close()

  const narrowPage = await visit(path, { viewport: { width: 320, height: 640 } })
  const narrow = await narrowPage.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }))
  return {
    status: response?.status(),
    problemsLoading,
    focusAfterFirstTab,
    hasMainContentTarget,
    headings,
    title,
    accessibilityProblems: problems,
    narrow,
  }
}

describe.each(PAGES)('$name ($path)', ({ path, titleMentions, status = 200, firstProblem }) => {
  let report: PageReport
  beforeAll(async () => {
    report = await lookAt(path)
  })

  it(`answers with status ${status}, and its scripts and files load without errors`, () => {
    expect(report.status).toBe(status)
    expect(report.problemsLoading).toEqual([])
  })

  it('has no accessibility problems that axe can find (WCAG 2.2 AA)', () => {
    expect(report.accessibilityProblems).toEqual([])
  })

  it('fits a 320px-wide screen without scrolling sideways', () => {
    expect(report.narrow.scrollWidth).toBeLessThanOrEqual(report.narrow.clientWidth)
  })

  it('sends the first press of Tab to "Skip to main content" (or to the problem, on a page with one), which leads to the main content', () => {
    expect(report.focusAfterFirstTab).toEqual(
      firstProblem
        ? { text: firstProblem, href: PAGES.find((page) => page.path === path)?.problemHref ?? '#where' }
        : { text: 'Skip to main content', href: '#main-content' },
    )
    expect(report.hasMainContentTarget).toBe(true)
  })

  it('has exactly one main heading and a title that says what the page is', () => {
    expect(report.headings).toHaveLength(1)
    expect(report.headings[0]?.trim()).not.toBe('')
    // "Something specific – Common Ground", never the bare service name.
    expect(report.title).toMatch(/^\S.* – Common Ground$/)
    expect(report.title.replace(/ – Common Ground$/, '').trim()).not.toBe('Common Ground')
    if (titleMentions) expect(report.title.toLowerCase()).toContain(titleMentions.toLowerCase())
  })
})

describe('every page has its own title', () => {
  it('no two different pages share a title', async () => {
    // Two views of search, or of the map with other filters, may share a title; other pages
    // must be told apart in tabs and history.
    const distinctPages = PAGES.filter(
      (p) => !p.path.startsWith('/search?q=') && !p.path.startsWith('/map?category='),
    )
    const page = await site.newPage()
    const titles = new Map<string, string>()
    for (const { path } of distinctPages) {
      let title = titlesSeen.get(path)
      if (title === undefined) {
        await page.goto(site.url(path))
        title = await page.title()
      }
      titles.set(path, title)
    }
    const shared = [...titles].filter(
      ([, title]) => [...titles.values()].filter((t) => t === title).length > 1,
    )
    expect(shared).toEqual([])
  })
})

describe('keyboard focus', () => {
  it('shows clearly where the keyboard is on each of the first links of the start page', async () => {
    const page = await visit('/')
    // Note each focusable element's look before anything has focus.
    const count = await page.evaluate(() => {
      const focusable = document.querySelectorAll<HTMLElement>(
        'a[href], button, input, select, textarea, [tabindex]',
      )
      focusable.forEach((element, index) => {
        element.dataset.focusProbe = String(index)
        const style = getComputedStyle(element)
        element.dataset.unfocused = JSON.stringify({
          outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
          boxShadow: style.boxShadow,
          background: style.backgroundColor,
        })
      })
      return focusable.length
    })
    expect(count).toBeGreaterThan(3)

    const indicators: Array<{ text: string; visible: boolean; shows: string }> = []
    for (let tab = 0; tab < Math.min(count, 8); tab += 1) {
      await page.keyboard.press('Tab')
      indicators.push(
        await page.evaluate(() => {
          const element = document.activeElement as HTMLElement
          const style = getComputedStyle(element)
          const before = JSON.parse(element.dataset.unfocused ?? '{}') as Record<string, string>
          const box = element.getBoundingClientRect()
          const hasOutline =
            style.outlineStyle !== 'none' &&
            parseFloat(style.outlineWidth) >= 2 &&
            !/rgba\(.*, 0\)$/.test(style.outlineColor)
          const shows = [
            hasOutline ? 'outline' : '',
            style.boxShadow !== 'none' && style.boxShadow !== before.boxShadow ? 'box-shadow' : '',
            style.backgroundColor !== before.background ? 'background' : '',
          ].filter(Boolean)
          return {
            text: (element.textContent ?? element.getAttribute('aria-label') ?? element.tagName).trim(),
            visible: box.width > 1 && box.height > 1,
            shows: shows.join(' and ') || 'nothing',
          }
        }),
      )
    }
    for (const indicator of indicators) {
      expect(indicator).toEqual(
        expect.objectContaining({ visible: true, shows: expect.not.stringMatching(/^nothing$/) }),
      )
    }
  })

  it('makes the skip link appear, with a visible focus style, when it has focus', async () => {
    const page = await visit('/')
    const skipLink = page.getByRole('link', { name: 'Skip to main content' })
    const hidden = await skipLink.boundingBox()
    await page.keyboard.press('Tab')
    const shown = await skipLink.boundingBox()
    const style = await skipLink.evaluate((element) => {
      const computed = getComputedStyle(element)
      return {
        background: computed.backgroundColor,
        boxShadow: computed.boxShadow,
        outline: computed.outlineStyle === 'none' ? 'none' : computed.outline,
      }
    })
    expect(hidden?.width ?? 0).toBeLessThanOrEqual(1)
    expect(shown?.width).toBeGreaterThan(50)
    expect(shown?.height).toBeGreaterThan(20)
    // GOV.UK's focus style: black text on a solid yellow background, with a yellow outline.
    expect(style.background).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/)
    expect(style.outline === 'none' && style.boxShadow === 'none').toBe(false)
  })
})

describe('the start page puts the search first, on a phone and on a laptop', () => {
  it.each([
    ['a laptop', 1280, 800],
    ['a phone', 375, 667],
    ['a small phone', 320, 568],
  ])(
    'on %s (%ipx by %ipx), "Where?" is on the first screen, above what the site is for',
    async (_name, width, height) => {
      const page = await visit('/', { viewport: { width, height } })
      const where = await page.locator('#where').boundingBox()
      const about = await page.getByText('lists the groups, activities and places near you').boundingBox()
      expect(where).not.toBeNull()
      expect((where?.y ?? Infinity) + (where?.height ?? 0)).toBeLessThanOrEqual(height)
      expect(where?.y ?? Infinity).toBeLessThan(600)
      expect(about?.y ?? 0).toBeGreaterThan(where?.y ?? Infinity)
    },
  )

  it('has no accessibility problems that axe can find on a phone', async () => {
    const page = await visit('/', { viewport: { width: 375, height: 667 } })
    await expectNoAxeViolations(page)
  })
})

describe('with JavaScript turned off', () => {
  it('a resident can search from the start page and see results', async () => {
    const page = await visit('/', { javaScriptEnabled: false })
    const form = page.locator('main form').first()
    await form.locator('input[type="text"], input[type="search"], input:not([type])').first().fill('walking')
    await form.locator('button[type="submit"], button:not([type]), input[type="submit"]').first().click()
    await page.waitForURL(/\/search\?/)

    expect(new URL(page.url()).searchParams.get('q')).toBe('walking')
    expect(await page.locator('h1').count()).toBe(1)
    expect(await page.locator('main a[href^="/services/"]').count()).toBeGreaterThan(0)
  })

  it('the map page still lists what it shows, so nothing is reached only through the map', async () => {
    const page = await visit('/map', { javaScriptEnabled: false })
    expect(await page.locator('h1').count()).toBe(1)
    expect(
      await page
        .locator('main a[href^="/services/"], main a[href^="/places/"], main a[href^="/organisations/"]')
        .count(),
    ).toBeGreaterThan(0)
  })
})
