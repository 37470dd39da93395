/**
 * Registering someone on their behalf in Chromium at 320px, keyboard only, with axe in every
 * state: the demo coordinator sees Farida K.'s agreement due to be checked again on the
 * coordinator home, registers Mrs Begum (who rang the hub) with a mistake first, lands on her
 * page with her agreement recorded, sends her a link to claim her profile (which she opens),
 * deletes her data on her behalf with a reason, and records a check of Farida K.'s agreement.
 */
import type { Page } from 'playwright-core'
import {
  collectPageProblems,
  expectCleanPage,
  press,
  signInAs,
  theDemo,
  useTheDemoSite,
} from './support/browser'
import { latestEmailTo } from '../support/accounts'

const site = useTheDemoSite()

jest.setTimeout(240_000)

/** Ticks a box or chooses a radio with the space bar. */
async function tick(page: Page, selector: string): Promise<void> {
  await page.locator(selector).focus()
  await page.keyboard.press('Space')
}

/** Types into a field it has moved to (clearing what was there). */
async function type(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).focus()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.press('Backspace')
  if (text) await page.keyboard.type(text)
}

describe('the demo coordinator registers someone on their behalf, with only a keyboard, on a small phone', () => {
  it('registers Mrs Begum through to her page, and records a check of a consent that is due', async () => {
    const page = await site.newPage({ viewport: { width: 320, height: 800 } })
    const problems = collectPageProblems(page)

    await signInAs(page, theDemo.coordinator)

    await press(page, /^Coordinate$/)
    await page.waitForSelector('h1:has-text("Coordinate")')
    const home = await page.locator('main').innerText()
    expect(home).toContain('Consents due to be checked again')
    expect(home).toContain('Farida K.')
    await expectCleanPage(page, { fitsTheScreen: true })

    await press(page, /^Register someone in Thanet.* on their behalf$/)
    await page.waitForSelector('h1:has-text("Register someone on their behalf")')
    expect(await page.locator('input[name="hub"][value="thanet"]').isChecked()).toBe(true)
    await expectCleanPage(page, { fitsTheScreen: true })

    // A first go with things missing: the error summary, and what was typed is kept.
    await type(page, '#firstName', 'Rukhsana')
    await type(page, '#lastName', 'Begum')
    await type(page, '#where', 'CT11')
    await tick(page, '#skill-cooking')
    await tick(page, 'input[name="method"][value="helper"]')
    await page.locator('#checkAgainOn-year').focus()
    await press(page, /^Register them$/, 10)
    await page.waitForSelector('.govuk-error-summary')
    expect(await page.title()).toMatch(/^Error: /)
    const summary = await page.locator('.govuk-error-summary').innerText()
    expect(summary).toContain('Choose how often they would like to share')
    expect(summary).toContain('Enter the name of the family member or helper')
    expect(summary).toContain('Choose who can see their profile')
    expect(await page.locator('#firstName').inputValue()).toBe('Rukhsana')
    expect(await page.locator('#where').inputValue()).toBe('CT11')
    expect(await page.locator('#skill-cooking').isChecked()).toBe(true)
    await expectCleanPage(page, { fitsTheScreen: true })

    await tick(page, 'input[name="howOften"][value="few-hours-month"]')
    await type(page, '#wouldLikeToShare', 'Cooking lessons at the hub')
    await tick(page, 'input[name="contactWays"][value="phone"]')
    await type(page, '#phone', '07700 900777')
    await tick(page, 'input[name="visibility"][value="coordinators"]')
    await type(page, '#helperName', 'Sajid Begum')
    await page.locator('#checkAgainOn-year').focus()
    await press(page, /^Register them$/, 10)
    await page.waitForSelector('h1:has-text("Rukhsana B.")')
    const person = await page.locator('main').innerText()
    expect(person).toContain('Rukhsana B. is registered, and their agreement is recorded.')
    expect(person).toContain('Through a family member or helper: Sajid Begum')
    expect(person).toContain('Demo Coordinator')
    expect(person).not.toContain('07700 900777')
    await expectCleanPage(page, { fitsTheScreen: true })
    const herPage = page.url().replace(/\?.*$/, '')

    // She would like to go online: a link to claim her profile, with no address first.
    await press(page, /^Send a link to claim their profile$/)
    await page.waitForSelector('h1:has-text("Send Rukhsana B. a link to claim their profile")')
    await expectCleanPage(page, { fitsTheScreen: true })
    await press(page, /^Send the link$/)
    await page.waitForSelector('.govuk-error-summary')
    expect(await page.title()).toMatch(/^Error: /)
    await expectCleanPage(page, { fitsTheScreen: true })
    await type(page, '#email', 'rukhsana@example.com')
    await press(page, /^Send the link$/, 5)
    await page.waitForSelector('text=A link to claim their profile has been sent')
    await expectCleanPage(page, { fitsTheScreen: true })

    // The link, as she would open it without an account.
    const { link } = latestEmailTo(site.db, 'rukhsana@example.com')
    expect(link).toMatch(/^\/claim-your-profile\?token=/)
    const visitor = await site.newPage({ viewport: { width: 320, height: 800 } })
    await visitor.goto(site.url(link))
    await visitor.waitForSelector('h1:has-text("Claim your profile")')
    await expectCleanPage(visitor, { fitsTheScreen: true })

    // Delete her data on her behalf: the page, and no reason first.
    await page.goto(herPage)
    await press(page, /^Delete their data$/)
    await page.waitForSelector('h1:has-text("Delete the data of Rukhsana B.")')
    await expectCleanPage(page, { fitsTheScreen: true })
    await press(page, /^Delete their data$/)
    await page.waitForSelector('.govuk-error-summary')
    await expectCleanPage(page, { fitsTheScreen: true })
    await type(page, '#reason', 'Her son rang to say she has changed her mind')
    await press(page, /^Delete their data$/, 5)
    await page.waitForSelector('h1:has-text("The data of Rukhsana B. has been deleted")')
    await expectCleanPage(page, { fitsTheScreen: true })

    // Back to the home, to Farida K., whose agreement is due: it is checked, with a new date.
    await page.goto(site.url('/coordinate'))
    await press(page, /^Farida K\.$/)
    await page.waitForSelector('h1:has-text("Farida K.")')
    expect(await page.locator('main').innerText()).toContain('Due now')
    await expectCleanPage(page, { fitsTheScreen: true })
    await type(page, '#checkAgainOn-day', '31')
    await type(page, '#checkAgainOn-month', '2')
    await press(page, /^Record that consent was checked$/, 5)
    await page.waitForSelector('.govuk-error-summary')
    expect(await page.locator('#checkAgainOn-day').inputValue()).toBe('31')
    await expectCleanPage(page, { fitsTheScreen: true })
    await type(page, '#checkAgainOn-day', '28')
    await press(page, /^Record that consent was checked$/, 5)
    await page.waitForSelector('text=The consent check is recorded')
    expect(await page.locator('main').innerText()).not.toContain('Due now')
    await expectCleanPage(page, { fitsTheScreen: true })
    expect(problems).toEqual([])
  })
})
