/**
 * The coordinator's back office in Chromium at 320px, keyboard only, with axe at every step
 * and in every error state: the newcomer's story from the README. The demo coordinator signs
 * in (with the demo two-step code), opens the coordinator home, finds someone in Thanet who can
 * help with tablets, and reveals their details with a reason.
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
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true)
}

/** Presses a link or button reached by Tab, and waits for the next page. */
async function press(page: Page, name: RegExp): Promise<void> {
  await tabTo(page, name, 150)
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
}

describe('the demo coordinator with only a keyboard, on a small phone', () => {
  it('finds someone in Thanet who can help with tablets and reveals their details with a reason', async () => {
    const page = await site.newPage({ viewport: { width: 320, height: 800 } })
    const problems = collectPageProblems(page)

    await page.goto(site.url('/sign-in'))
    await page.locator('#email').fill('coordinator@example.org')
    await page.locator('#password').fill('common ground demo')
    await page.locator('#password').press('Enter')
    await page.waitForSelector('h1:has-text("Enter the code from your authenticator app")')
    await page.locator('#code').fill(codeFor(DEMO_TWO_STEP_SECRET, new Date()))
    await page.locator('#code').press('Enter')
    await page.waitForSelector('h1:has-text("Your account")')

    // The header's Coordinate link: the coordinator home, per hub.
    await press(page, /^Coordinate$/)
    await page.waitForSelector('h1:has-text("Coordinate")')
    expect(await page.locator('main').innerText()).toContain('Consents to check')
    await expectClean(page)

    await press(page, /^Find local expertise in Thanet/)
    await page.waitForSelector('h1:has-text("Find local expertise")')
    await expectClean(page)

    // A place that cannot be found: the error summary, with what was typed kept.
    await page.locator('#where').fill('Nowhereville')
    await page.locator('#where').press('Enter')
    await page.waitForSelector('.govuk-error-summary')
    expect(await page.title()).toMatch(/^Error: /)
    expect(await page.locator('#where').inputValue()).toBe('Nowhereville')
    await expectClean(page)

    // "ipad" finds the people who help with tablets and phones.
    await page.locator('#where').fill('')
    await page.locator('#q').fill('ipad')
    await page.locator('#q').press('Enter')
    await page.waitForSelector('text=people found in Thanet')
    expect(await page.locator('main').innerText()).toContain('Pauline H.')
    expect(await page.locator('main').innerText()).not.toContain('07700')
    await expectClean(page)

    await press(page, /Show contact details of Pauline H\./)
    await page.waitForSelector('h1:has-text("Show the contact details of Pauline H.")')
    await expectClean(page)

    // No reason first: refused, with the error summary.
    await press(page, /^Show contact details$/)
    await page.waitForSelector('.govuk-error-summary')
    expect(await page.title()).toMatch(/^Error: /)
    await expectClean(page)

    await page.locator('#reason').fill('A resident in Margate asked for help with her new tablet')
    await press(page, /^Show contact details$/)
    await page.waitForSelector('h1:has-text("Contact details of Pauline H.")')
    expect(await page.locator('main').innerText()).toContain('pauline.harker@example.com')
    await expectClean(page)
    expect(problems).toEqual([])
  })
})
