/**
 * The hub editor in Chromium, keyboard only, with axe at every step: the demo admin finds
 * Thanet in the list of hubs, pastes a boundary whose edges cross, and gets the error summary
 * with what was pasted kept; then, on the map, a hub area's name is a button whose popup links
 * to the hub's page.
 */
import {
  collectPageProblems,
  expectCleanPage,
  expectNoAxeViolations,
  press,
  signInAs,
  tabTo,
  theDemo,
  useTheDemoSite,
} from './support/browser'

const site = useTheDemoSite()

jest.setTimeout(240_000)

const BOW_TIE = '{"type":"Polygon","coordinates":[[[1.2,51.3],[1.5,51.4],[1.5,51.3],[1.2,51.4],[1.2,51.3]]]}'

describe('the hub editor, keyboard only', () => {
  it('shows a bad boundary as a problem to put right, keeping what was pasted, with no accessibility problems', async () => {
    const page = await site.newPage()
    const problems = collectPageProblems(page)
    await signInAs(page, theDemo.admin)

    await press(page, /^Admin$/)
    await press(page, /^Hubs$/)
    await page.waitForSelector('h1:has-text("Hubs")')
    await expectCleanPage(page)

    // Find Thanet by name, from the keyboard.
    await tabTo(page, /Find a hub by name/)
    await page.keyboard.type('thanet')
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
    await expectCleanPage(page)
    await press(page, /^Change Thanet/)
    await page.waitForSelector('h1:has-text("Change Thanet")')
    await expectCleanPage(page)

    // Choose a boundary and paste one whose edges cross.
    await tabTo(page, /A boundary \(GeoJSON\)/)
    await page.keyboard.press('Space')
    await tabTo(page, /Boundary, as GeoJSON/)
    await page.keyboard.press('Control+A')
    await page.keyboard.insertText(BOW_TIE)
    await press(page, /^Save the hub$/)
    await page.waitForSelector('.govuk-error-summary')
    expect(await page.title()).toMatch(/^Error: Change Thanet/)
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'The boundary crosses over itself near longitude 1.35, latitude 51.35',
    )
    expect(await page.locator('#boundary').inputValue()).toBe(BOW_TIE)
    await expectCleanPage(page)

    // The summary's link takes focus to the box.
    await tabTo(page, /The boundary crosses over itself/)
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => document.activeElement?.id === 'boundary')
    expect(problems).toEqual([])
  })

  it('names each hub area on the map with a button whose popup links to its page', async () => {
    const page = await site.newPage()
    const problems = collectPageProblems(page)
    await page.goto(site.url('/map?where=Margate'), { waitUntil: 'load' })
    const hubAreas = page.waitForResponse((response) => response.url().includes('/map/hubs.json'))
    await tabTo(page, /Show local hub areas on the map/, 200)
    await page.keyboard.press('Space')
    await hubAreas
    const label = page.locator('#map .cg-map__hub-label', { hasText: 'Thanet' }).first()
    await label.waitFor({ state: 'visible' })
    expect(await label.getAttribute('role')).toBe('button')
    expect(await label.getAttribute('aria-label')).toMatch(/^Local hub: Thanet/)
    await label.focus()
    await page.keyboard.press('Enter')
    await page.locator('.leaflet-popup').waitFor({ state: 'visible' })
    const link = page.locator('.leaflet-popup a', { hasText: /^Go to the page of Thanet/ })
    expect(await link.getAttribute('href')).toBe('/hubs/thanet')
    await page.waitForFunction(() =>
      document.activeElement?.textContent?.startsWith('Go to the page of Thanet'),
    )
    await expectNoAxeViolations(page)
    await page.keyboard.press('Escape')
    await page.waitForFunction(() => document.activeElement?.classList.contains('cg-map__hub-label'))
    expect(problems).toEqual([])
  })
})
