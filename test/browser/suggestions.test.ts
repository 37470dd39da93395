/**
 * Suggest a change, and review it (issue 12), in Chromium at 320px, keyboard only, with axe
 * at every step and in every error state: a visitor suggests a change to a lunch club from its
 * page; the demo peer lead of Thanet opens the review queue from the coordinator home, sees
 * the change side by side, tries to reject without a reason, and approves.
 */
import {
  collectPageProblems,
  expectCleanPage,
  press,
  signInAs,
  theDemo,
  useTheDemoSite,
} from './support/browser'

const site = useTheDemoSite()

jest.setTimeout(240_000)

describe('suggesting a change and reviewing it, with only a keyboard, on a small phone', () => {
  it('a visitor suggests a change to a lunch club, with an error put right on the way', async () => {
    const page = await site.newPage({ viewport: { width: 320, height: 800 } })
    const problems = collectPageProblems(page)
    await page.goto(site.url('/search?q=lunch&where=Margate'))
    await press(page, /^Suggest a new group or place$/)
    await page.waitForSelector('h1:has-text("Suggest a new group or place")')
    await expectCleanPage(page, { fitsTheScreen: true })

    await page.goto(site.url('/search?q=Cliftonville+lunch&where=Margate'))
    await press(page, /^Cliftonville lunch club/)
    await page.waitForSelector('h1:has-text("Cliftonville lunch club")')
    await press(page, /^Suggest a change/)
    await page.waitForSelector('h1:has-text("Suggest a change to Cliftonville lunch club")')
    await expectCleanPage(page, { fitsTheScreen: true })

    // A phone number that is not one, and no email address: the error summary, typed values kept.
    await page.locator('#phone').fill('ring the kitchen')
    await press(page, /^Send suggestion$/)
    await page.waitForSelector('.govuk-error-summary')
    expect(await page.title()).toMatch(/^Error: /)
    expect(await page.locator('#phone').inputValue()).toBe('ring the kitchen')
    await expectCleanPage(page, { fitsTheScreen: true })

    await page.locator('#phone').fill('01843 960123')
    await page.locator('#replyEmail').fill('browser.visitor@example.net')
    await press(page, /^Send suggestion$/)
    await page.waitForSelector('h1:has-text("Thank you for your suggestion")')
    await expectCleanPage(page, { fitsTheScreen: true })
    expect(problems).toEqual([])
  })

  it('the demo peer lead of Thanet reviews the waiting change side by side and approves it', async () => {
    const page = await site.newPage({ viewport: { width: 320, height: 800 } })
    const problems = collectPageProblems(page)
    await signInAs(page, theDemo.peerLead)

    await press(page, /^Coordinate$/)
    await page.waitForSelector('h1:has-text("Coordinate")')
    expect(await page.locator('main').innerText()).toContain('Suggestions to review: ')
    await expectCleanPage(page, { fitsTheScreen: true })

    await press(page, /^All suggestions to review$/)
    await page.waitForSelector('h1:has-text("Suggestions to review")')
    await expectCleanPage(page, { fitsTheScreen: true })

    // The demo's waiting change: the lunch club's Thursday moved to Friday.
    await press(page, /^Cliftonville lunch club \(group or activity\)$/)
    await page.waitForSelector('h1:has-text("Suggested change to Cliftonville lunch club")')
    const table = await page.locator('main').innerText()
    expect(table).toContain('Tuesday, Thursday')
    expect(table).toContain('Tuesday, Friday')
    expect(table).toContain('Changed')
    await expectCleanPage(page, { fitsTheScreen: true })

    // Rejecting without a reason: the error summary.
    await press(page, /^Reject$/)
    await page.waitForSelector('.govuk-error-summary')
    expect(await page.title()).toMatch(/^Error: /)
    await expectCleanPage(page, { fitsTheScreen: true })

    await press(page, /^Approve and publish$/)
    await page.waitForSelector('text=Accepted')
    await expectCleanPage(page, { fitsTheScreen: true })

    await page.goto(site.url('/search?q=Cliftonville+lunch&where=Margate&day=friday'))
    expect(await page.locator('main').innerText()).toContain('Cliftonville lunch club')
    expect(problems).toEqual([])
  })
})
