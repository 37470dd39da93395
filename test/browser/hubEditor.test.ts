/**
 * The hub editor in Chromium, keyboard only, with axe at every step: the demo admin finds
 * Thanet in the list of hubs, pastes a boundary whose edges cross, and gets the error summary
 * with what was pasted kept; then, on the map, a hub area's name is a button whose popup links
 * to the hub's page.
 */
import type { Page } from 'playwright-core'
import { accessibilityProblems, collectPageProblems, tabTo, useTheDemoSite } from './support/browser'
import { DEMO_TWO_STEP_SECRET } from '../../db/seed/accounts'
import { codeFor } from '../support/accounts'

const site = useTheDemoSite()

jest.setTimeout(240_000)

async function expectClean(page: Page): Promise<void> {
  expect(await accessibilityProblems(page)).toEqual([])
  expect(await page.locator('h1').count()).toBe(1)
}

/** Presses a link or button reached by Tab, and waits for the next page. */
async function press(page: Page, name: RegExp): Promise<void> {
  await tabTo(page, name, 200)
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
}

const BOW_TIE = '{"type":"Polygon","coordinates":[[[1.2,51.3],[1.5,51.4],[1.5,51.3],[1.2,51.4],[1.2,51.3]]]}'

describe('the hub editor, keyboard only', () => {
  it('shows a bad boundary as a problem to put right, keeping what was pasted, with no accessibility problems', async () => {
    const page = await site.newPage()
    const problems = collectPageProblems(page)
    await page.goto(site.url('/sign-in'))
    await page.locator('#email').fill('admin@example.org')
    await page.locator('#password').fill('common ground demo')
    await page.locator('#password').press('Enter')
    await page.waitForSelector('h1:has-text("Enter the code from your authenticator app")')
    await page.locator('#code').fill(codeFor(DEMO_TWO_STEP_SECRET, new Date()))
    await page.locator('#code').press('Enter')
    await page.waitForSelector('h1:has-text("Your account")')

    await press(page, /^Admin$/)
    await press(page, /^Hubs$/)
    await page.waitForSelector('h1:has-text("Hubs")')
    await expectClean(page)

    // Find Thanet by name, from the keyboard.
    await tabTo(page, /Find a hub by name/)
    await page.keyboard.type('thanet')
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
    await expectClean(page)
    await press(page, /^Change Thanet/)
    await page.waitForSelector('h1:has-text("Change Thanet")')
    await expectClean(page)

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
    await expectClean(page)

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
    expect(await accessibilityProblems(page)).toEqual([])
    await page.keyboard.press('Escape')
    await page.waitForFunction(() => document.activeElement?.classList.contains('cg-map__hub-label'))
    expect(problems).toEqual([])
  })
})
