/**
 * Keeping listings fresh in Chromium, keyboard only, with axe at every step and in every error
 * state: the demo peer lead of Thanet opens Thanet's listings to check, marks the oldest as
 * checked (by phone), archives a group that has closed, and its page then says so (410).
 */
import {
  collectPageProblems,
  expectCleanPage,
  press,
  signInAs,
  tabTo,
  theDemo,
  useTheDemoSite,
} from './support/browser'

const site = useTheDemoSite()

jest.setTimeout(240_000)

describe('the demo peer lead of Thanet, keeping its listings fresh with only a keyboard', () => {
  it('marks the oldest listing as checked, archives a closed group, and its page says it has closed', async () => {
    const page = await site.newPage()
    const problems = collectPageProblems(page)

    await signInAs(page, theDemo.peerLead)

    await press(page, /^Coordinate$/)
    await page.waitForSelector('h1:has-text("Coordinate")')
    // Four groups, and the places and organisations the demo's dates have made stale by today.
    expect(await page.locator('main').innerText()).toMatch(
      /\d+ listings have not been checked in 12 months: 4 groups\b/,
    )
    await expectCleanPage(page)

    await press(page, /^All listings to check in Thanet/)
    await page.waitForSelector('h1:has-text("Listings to check")')
    const list = await page.locator('main').innerText()
    expect(list.indexOf('Dane Valley Park growers')).toBeLessThan(
      list.indexOf('Ramsgate harbour walk and talk'),
    )
    await expectCleanPage(page)

    await press(page, /^Mark as checked: Dane Valley Park growers$/)
    await page.waitForSelector('h1:has-text("Mark Dane Valley Park growers as checked")')
    await expectCleanPage(page)

    // Not saying how: the error summary, and the page again.
    await press(page, /^Mark as checked$/)
    await page.waitForSelector('.govuk-error-summary')
    expect(await page.title()).toMatch(/^Error: /)
    await expectCleanPage(page)

    await tabTo(page, /By phone/)
    await page.keyboard.press('Space')
    await press(page, /^Mark as checked$/)
    await page.waitForSelector('text=The listing was marked as checked')
    expect(await page.locator('main').innerText()).not.toContain('Dane Valley Park growers')
    await expectCleanPage(page)

    await press(page, /^Archive: Ramsgate harbour walk and talk$/)
    await page.waitForSelector('h1:has-text("Archive Ramsgate harbour walk and talk")')
    await expectCleanPage(page)

    await press(page, /^Archive it$/)
    await page.waitForSelector('.govuk-error-summary')
    expect(await page.title()).toMatch(/^Error: /)
    await expectCleanPage(page)

    await page.locator('#reason').fill('The walks stopped in November.')
    await press(page, /^Archive it$/)
    await page.waitForSelector('text=The listing was archived')
    await expectCleanPage(page)

    const closed = await page.goto(site.url('/services/23'))
    expect(closed?.status()).toBe(410)
    await page.waitForSelector('h1:has-text("This group has closed")')
    const closedText = await page.locator('main').innerText()
    expect(closedText).toContain('The walks stopped in November.')
    expect(closedText).toContain('Similar groups nearby')
    await expectCleanPage(page)

    expect(problems).toEqual([])
  })
})
