/**
 * The coordinator's back office in Chromium at 320px, keyboard only, with axe at every step
 * and in every error state: the newcomer's story from the README. The demo coordinator signs
 * in (with the demo two-step code), opens the coordinator home, finds someone in Thanet who can
 * help with tablets, and reveals their details with a reason.
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

describe('the demo coordinator with only a keyboard, on a small phone', () => {
  it('finds someone in Thanet who can help with tablets and reveals their details with a reason', async () => {
    const page = await site.newPage({ viewport: { width: 320, height: 800 } })
    const problems = collectPageProblems(page)

    await signInAs(page, theDemo.coordinator)

    // The header's Coordinate link: the coordinator home, per hub.
    await press(page, /^Coordinate$/)
    await page.waitForSelector('h1:has-text("Coordinate")')
    expect(await page.locator('main').innerText()).toContain('Consents to check')
    await expectCleanPage(page, { fitsTheScreen: true })

    await press(page, /^Find local expertise in Thanet/)
    await page.waitForSelector('h1:has-text("Find local expertise")')
    await expectCleanPage(page, { fitsTheScreen: true })

    // A place that cannot be found: the error summary, with what was typed kept.
    await page.locator('#where').fill('Nowhereville')
    await page.locator('#where').press('Enter')
    await page.waitForSelector('.govuk-error-summary')
    expect(await page.title()).toMatch(/^Error: /)
    expect(await page.locator('#where').inputValue()).toBe('Nowhereville')
    await expectCleanPage(page, { fitsTheScreen: true })

    // "ipad" finds the people who help with tablets and phones.
    await page.locator('#where').fill('')
    await page.locator('#q').fill('ipad')
    await page.locator('#q').press('Enter')
    await page.waitForSelector('text=people found in Thanet')
    expect(await page.locator('main').innerText()).toContain('Pauline H.')
    expect(await page.locator('main').innerText()).not.toContain('07700')
    await expectCleanPage(page, { fitsTheScreen: true })

    await press(page, /Show contact details of Pauline H\./)
    await page.waitForSelector('h1:has-text("Show the contact details of Pauline H.")')
    await expectCleanPage(page, { fitsTheScreen: true })

    // No reason first: refused, with the error summary.
    await press(page, /^Show contact details$/)
    await page.waitForSelector('.govuk-error-summary')
    expect(await page.title()).toMatch(/^Error: /)
    await expectCleanPage(page, { fitsTheScreen: true })

    await page.locator('#reason').fill('A resident in Margate asked for help with her new tablet')
    await press(page, /^Show contact details$/)
    await page.waitForSelector('h1:has-text("Contact details of Pauline H.")')
    expect(await page.locator('main').innerText()).toContain('pauline.harker@example.com')
    await expectCleanPage(page, { fitsTheScreen: true })
    expect(problems).toEqual([])
  })
})
