/**
 * Keeping organisations and places fresh in Chromium, keyboard only, with axe at every step
 * and in every error state: the demo peer lead of Thanet finds a place on Thanet's listings to
 * check (marked "Place"), marks it as checked by visiting, then archives an organisation from
 * its own page, is told its groups stay listed, and its page then says it has closed (410).
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

describe('the demo peer lead of Thanet, checking places and organisations with only a keyboard', () => {
  it('marks a place as checked from Thanet’s list, and archives an organisation that has closed', async () => {
    const page = await site.newPage()
    const problems = collectPageProblems(page)

    await signInAs(page, theDemo.peerLead)

    await press(page, /^Coordinate$/)
    await page.waitForSelector('h1:has-text("Coordinate")')
    expect(await page.locator('main').innerText()).toMatch(
      /listings have not been checked in 12 months: .*place/,
    )
    await expectCleanPage(page)

    await press(page, /^All listings to check in Thanet/)
    await page.waitForSelector('h1:has-text("Listings to check")')
    const row = page.locator('tr', { hasText: 'Dane Valley Park Pavilion' })
    expect(await row.locator('.govuk-tag').innerText()).toMatch(/^place$/i)
    await expectCleanPage(page)

    await press(page, /^Mark as checked: Dane Valley Park Pavilion$/)
    await page.waitForSelector('h1:has-text("Mark Dane Valley Park Pavilion as checked")')
    await expectCleanPage(page)

    // Not saying how: the error summary, and the page again.
    await press(page, /^Mark as checked$/)
    await page.waitForSelector('.govuk-error-summary')
    expect(await page.title()).toMatch(/^Error: /)
    await expectCleanPage(page)

    // The radios are one stop for Tab; the arrow key moves from "By phone" to "By visiting".
    await tabTo(page, /By phone/)
    await page.keyboard.press('ArrowDown')
    expect(await page.locator('input[name="how"][value="visit"]').isChecked()).toBe(true)
    await press(page, /^Mark as checked$/)
    await page.waitForSelector('h1:has-text("Listings to check")')
    const marked = await page.locator('main').innerText()
    expect(marked).toContain('The listing was marked as checked')
    expect(marked).not.toContain('Dane Valley Park Pavilion')
    await expectCleanPage(page)

    // An organisation's own page has the same links for those who look after its hub.
    await page.goto(site.url('/organisations/13'))
    await page.waitForSelector('h1:has-text("Ramsgate Harbour Men")')
    await expectCleanPage(page)
    await press(page, /^Archive this organisation$/)
    await page.waitForSelector('h1:has-text("Archive Ramsgate Harbour Men")')
    expect(await page.locator('main').innerText()).toMatch(
      /still listed\. Archiving the organisation does not archive them/,
    )
    await expectCleanPage(page)

    await press(page, /^Archive it$/)
    await page.waitForSelector('.govuk-error-summary')
    expect(await page.title()).toMatch(/^Error: /)
    await expectCleanPage(page)

    await tabTo(page, /Why are you archiving it/)
    await page.keyboard.type('The shed closed for good in November.')
    await press(page, /^Archive it$/)
    await page.waitForSelector('text=The listing was archived')
    await expectCleanPage(page)

    const closed = await page.goto(site.url('/organisations/13'))
    expect(closed?.status()).toBe(410)
    await page.waitForSelector('h1:has-text("This organisation has closed")')
    const closedText = await page.locator('main').innerText()
    expect(closedText).toContain('The shed closed for good in November.')
    expect(closedText).toContain('Groups and activities nearby')
    await expectCleanPage(page)

    expect(problems).toEqual([])
  })
})
