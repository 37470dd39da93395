/**
 * Suggest a change, and review it (issue 12), in Chromium at 320px, keyboard only, with axe
 * at every step and in every error state: a visitor suggests a change to a lunch club from its
 * page; the demo peer lead of Thanet opens the review queue from the coordinator home, sees
 * the change side by side, tries to reject without a reason, and approves.
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
  await tabTo(page, name, 200)
  await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
}

describe('suggesting a change and reviewing it, with only a keyboard, on a small phone', () => {
  it('a visitor suggests a change to a lunch club, with an error put right on the way', async () => {
    const page = await site.newPage({ viewport: { width: 320, height: 800 } })
    const problems = collectPageProblems(page)
    await page.goto(site.url('/search?q=lunch&where=Margate'))
    await press(page, /^Suggest a new group or place$/)
    await page.waitForSelector('h1:has-text("Suggest a new group or place")')
    await expectClean(page)

    await page.goto(site.url('/search?q=Cliftonville+lunch&where=Margate'))
    await press(page, /^Cliftonville lunch club/)
    await page.waitForSelector('h1:has-text("Cliftonville lunch club")')
    await press(page, /^Suggest a change/)
    await page.waitForSelector('h1:has-text("Suggest a change to Cliftonville lunch club")')
    await expectClean(page)

    // A phone number that is not one, and no email address: the error summary, typed values kept.
    await page.locator('#phone').fill('ring the kitchen')
    await press(page, /^Send suggestion$/)
    await page.waitForSelector('.govuk-error-summary')
    expect(await page.title()).toMatch(/^Error: /)
    expect(await page.locator('#phone').inputValue()).toBe('ring the kitchen')
    await expectClean(page)

    await page.locator('#phone').fill('01843 960123')
    await page.locator('#replyEmail').fill('browser.visitor@example.net')
    await press(page, /^Send suggestion$/)
    await page.waitForSelector('h1:has-text("Thank you for your suggestion")')
    await expectClean(page)
    expect(problems).toEqual([])
  })

  it('the demo peer lead of Thanet reviews the waiting change side by side and approves it', async () => {
    const page = await site.newPage({ viewport: { width: 320, height: 800 } })
    const problems = collectPageProblems(page)
    await page.goto(site.url('/sign-in'))
    await page.locator('#email').fill('peer-lead@example.org')
    await page.locator('#password').fill('common ground demo')
    await page.locator('#password').press('Enter')
    await page.waitForSelector('h1:has-text("Enter the code from your authenticator app")')
    await page.locator('#code').fill(codeFor(DEMO_TWO_STEP_SECRET, new Date()))
    await page.locator('#code').press('Enter')
    await page.waitForSelector('h1:has-text("Your account")')

    await press(page, /^Coordinate$/)
    await page.waitForSelector('h1:has-text("Coordinate")')
    expect(await page.locator('main').innerText()).toContain('Suggestions to review: ')
    await expectClean(page)

    await press(page, /^All suggestions to review$/)
    await page.waitForSelector('h1:has-text("Suggestions to review")')
    await expectClean(page)

    // The demo's waiting change: the lunch club's Thursday moved to Friday.
    await press(page, /^Cliftonville lunch club \(group or activity\)$/)
    await page.waitForSelector('h1:has-text("Suggested change to Cliftonville lunch club")')
    const table = await page.locator('main').innerText()
    expect(table).toContain('Tuesday, Thursday')
    expect(table).toContain('Tuesday, Friday')
    expect(table).toContain('Changed')
    await expectClean(page)

    // Rejecting without a reason: the error summary.
    await press(page, /^Reject$/)
    await page.waitForSelector('.govuk-error-summary')
    expect(await page.title()).toMatch(/^Error: /)
    await expectClean(page)

    await press(page, /^Approve and publish$/)
    await page.waitForSelector('text=Accepted')
    await expectClean(page)

    await page.goto(site.url('/search?q=Cliftonville+lunch&where=Margate&day=friday'))
    expect(await page.locator('main').innerText()).toContain('Cliftonville lunch club')
    expect(problems).toEqual([])
  })
})
