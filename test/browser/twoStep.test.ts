/**
 * Two-step sign-in in Chromium at 320px wide, keyboard only, with axe at every step including
 * each error state: signing in with a code (and with a recovery code instead), setting it up
 * as a coordinator who must, new recovery codes, and a member turning it off.
 */
import type { Page } from 'playwright-core'
import { collectPageProblems, expectCleanPage, tabTo, useTheDemoSite } from './support/browser'
import { TEST_TWO_STEP_SECRET, anAccount, codeFor } from '../support/accounts'

const site = useTheDemoSite()

// Whole journeys of several pages, each checked with axe.
jest.setTimeout(180_000)

const NARROW = { viewport: { width: 320, height: 800 } }

/** Types into a field reached with the Tab key, then presses Enter (unless `submit` is false). */
async function typeInto(page: Page, label: RegExp, text: string, submit = true): Promise<void> {
  await tabTo(page, label)
  await page.keyboard.press('ControlOrMeta+A')
  if (text) await page.keyboard.type(text)
  else await page.keyboard.press('Backspace')
  if (submit) await page.keyboard.press('Enter')
}

async function signInWithPassword(page: Page, email: string, password: string): Promise<void> {
  await page.goto(site.url('/sign-in'))
  await typeInto(page, /Email address/, email, false)
  await typeInto(page, /Password/, password)
}

async function expectError(page: Page, words: string): Promise<void> {
  await page.waitForSelector(`.govuk-error-summary:has-text("${words}")`)
  expect(await page.title()).toMatch(/^Error: /)
  await expectCleanPage(page, { fitsTheScreen: true })
}

describe('two-step sign-in with only a keyboard', () => {
  it('signs in with a code after every kind of mistake, and with a recovery code instead', async () => {
    const { email, password } = await anAccount(site.db, { twoStep: true, name: 'Olive' })
    const page = await site.newPage(NARROW)
    const problems = collectPageProblems(page)
    await signInWithPassword(page, email, password)
    await page.waitForSelector('h1:has-text("Enter the code from your authenticator app")')
    await expectCleanPage(page, { fitsTheScreen: true })

    await typeInto(page, /^Code/, '')
    await expectError(page, 'Enter the 6-digit code')
    await typeInto(page, /^Code/, 'abc')
    await expectError(page, 'numbers only')
    await typeInto(page, /^Code/, '12345')
    await expectError(page, 'must be 6 numbers')
    await typeInto(page, /^Code/, '000000')
    await expectError(page, 'That code is not right')

    // The recovery code page, and back.
    await tabTo(page, /Use a recovery code instead/)
    await page.keyboard.press('Enter')
    await page.waitForSelector('h1:has-text("Enter a recovery code")')
    await expectCleanPage(page, { fitsTheScreen: true })
    await typeInto(page, /Recovery code/, '')
    await expectError(page, 'Enter one of your recovery codes')
    await typeInto(page, /Recovery code/, 'aaaaa-bbbbb')
    await expectError(page, 'That recovery code is not right')
    await tabTo(page, /Use a code from your authenticator app instead/)
    await page.keyboard.press('Enter')
    await page.waitForSelector('h1:has-text("Enter the code from your authenticator app")')

    await typeInto(page, /^Code/, codeFor(TEST_TWO_STEP_SECRET, new Date()))
    await page.waitForSelector('h1:has-text("Your account")')
    expect(await page.locator('header').innerText()).toContain('Olive')
    await expectCleanPage(page, { fitsTheScreen: true })

    // New recovery codes from the account page, shown once.
    await tabTo(page, /Get new recovery codes/)
    await page.keyboard.press('Enter')
    await page.waitForSelector('h1:has-text("Get new recovery codes")')
    await expectCleanPage(page, { fitsTheScreen: true })
    await tabTo(page, /Get new recovery codes/)
    await page.keyboard.press('Enter')
    await page.waitForSelector('h1:has-text("Your new recovery codes")')
    expect(await page.locator('#recovery-codes li').count()).toBe(10)
    await expectCleanPage(page, { fitsTheScreen: true })
    const firstCode = (await page.locator('#recovery-codes li').first().innerText()).trim()

    // Another time, with the phone lost: a recovery code.
    const later = await site.newPage(NARROW)
    await signInWithPassword(later, email, password)
    await later.waitForSelector('h1:has-text("Enter the code from your authenticator app")')
    await tabTo(later, /Use a recovery code instead/)
    await later.keyboard.press('Enter')
    await later.waitForSelector('h1:has-text("Enter a recovery code")')
    await typeInto(later, /Recovery code/, firstCode)
    await later.waitForSelector('text=You used a recovery code. You have 9 left.')
    await expectCleanPage(later, { fitsTheScreen: true })
    expect(problems).toEqual([])
  })

  it('gives the plain 429 page after too many wrong codes', async () => {
    const { email, password } = await anAccount(site.db, { twoStep: true })
    const page = await site.newPage(NARROW)
    await signInWithPassword(page, email, password)
    await page.waitForSelector('h1:has-text("Enter the code from your authenticator app")')
    for (let i = 0; i < 5; i++) {
      await typeInto(page, /^Code/, '000000')
      await page.waitForSelector('.govuk-error-summary')
    }
    await typeInto(page, /^Code/, '000000')
    await page.waitForSelector('h1:has-text("You have tried too many times")')
    await expectCleanPage(page, { fitsTheScreen: true })
  })

  it('a new coordinator reaches only set-up, sets it up and saves the recovery codes', async () => {
    const { email, password } = await anAccount(site.db, {
      role: 'coordinator',
      allHubs: true,
      twoStep: false,
    })
    const page = await site.newPage(NARROW)
    const problems = collectPageProblems(page)
    await signInWithPassword(page, email, password)
    await page.waitForSelector('h1:has-text("Set up two-step sign-in")')
    await expectCleanPage(page, { fitsTheScreen: true })
    await page.goto(site.url('/hubs'))
    await page.waitForSelector('h1:has-text("Set up two-step sign-in")')

    await typeInto(page, /Code from the app/, '')
    await expectError(page, 'Enter the 6-digit code')
    await typeInto(page, /Code from the app/, '000000')
    await expectError(page, 'That code is not right')

    const key = (await page.locator('#secret-key').innerText()).replace(/\s/g, '')
    await typeInto(page, /Code from the app/, codeFor(key, new Date()))
    await page.waitForSelector('h1:has-text("Two-step sign-in is set up")')
    expect(await page.locator('#recovery-codes li').count()).toBe(10)
    await expectCleanPage(page, { fitsTheScreen: true })
    await tabTo(page, /I have saved my codes, continue/)
    await page.keyboard.press('Enter')
    await page.waitForSelector('h1:has-text("Your account")')
    await expectCleanPage(page, { fitsTheScreen: true })
    expect(problems).toEqual([])
  })

  it('a member turns it off with their password', async () => {
    const { email, password } = await anAccount(site.db, { twoStep: true })
    const page = await site.newPage(NARROW)
    await signInWithPassword(page, email, password)
    await page.waitForSelector('h1:has-text("Enter the code from your authenticator app")')
    await typeInto(page, /^Code/, codeFor(TEST_TWO_STEP_SECRET, new Date()))
    await page.waitForSelector('h1:has-text("Your account")')
    await tabTo(page, /Turn off two-step sign-in/)
    await page.keyboard.press('Enter')
    await page.waitForSelector('h1:has-text("Turn off two-step sign-in")')
    await expectCleanPage(page, { fitsTheScreen: true })
    await typeInto(page, /^Your password$/, '')
    await expectError(page, 'Enter your password')
    await typeInto(page, /^Your password$/, 'not my password at all')
    await expectError(page, 'Your password is not right')
    await typeInto(page, /^Your password$/, password)
    await page.waitForSelector('text=Two-step sign-in is turned off.')
    await expectCleanPage(page, { fitsTheScreen: true })
  })
})
