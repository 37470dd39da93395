/**
 * Accounts in Chromium, keyboard only, with axe at every step including each error state:
 * creating an account, confirming it from the outbox, the account page, changing the
 * password, signing out and in, and the staff time-out warning.
 */
import {
  collectPageProblems,
  expectCleanPage,
  expectNoAxeViolations,
  signInAs,
  tabTo,
  useTheDemoSite,
} from './support/browser'
import { GOOD_PASSWORD, anAccount, latestEmailTo } from '../support/accounts'

const site = useTheDemoSite()

// Whole journeys of several pages, each checked with axe.
jest.setTimeout(180_000)

describe('a volunteer with only a keyboard', () => {
  it('creates an account, puts right each problem, confirms it and changes the password', async () => {
    const page = await site.newPage({ viewport: { width: 320, height: 800 } })
    const problems = collectPageProblems(page)
    await page.goto(site.url('/create-account'))
    await expectCleanPage(page, { fitsTheScreen: true })

    // Nothing filled in: the error summary takes the focus and links to each field.
    await tabTo(page, /Create account/)
    await page.keyboard.press('Enter')
    await page.waitForSelector('.govuk-error-summary')
    expect(await page.title()).toMatch(/^Error: Create an account/)
    await expectCleanPage(page, { fitsTheScreen: true })

    // A common password: told why, with the email and name kept.
    await page.locator('#email').fill('kath.keyboard@example.org')
    await page.locator('#name').fill('Kath')
    await page.locator('#password').fill('password123')
    await page.locator('#password').press('Enter')
    await page.waitForSelector('text=too common')
    expect(await page.locator('#email').inputValue()).toBe('kath.keyboard@example.org')
    await expectCleanPage(page, { fitsTheScreen: true })

    // "Show" reveals the password (GOV.UK Frontend's script).
    await page.locator('#password').fill(GOOD_PASSWORD)
    await tabTo(page, /Show password/)
    await page.keyboard.press('Enter')
    expect(await page.locator('#password').getAttribute('type')).toBe('text')
    await tabTo(page, /Create account/)
    await page.keyboard.press('Enter')
    await page.waitForSelector('h1:has-text("Check your email")')
    await expectCleanPage(page, { fitsTheScreen: true })

    const { link } = latestEmailTo(site.db, 'kath.keyboard@example.org')
    await page.goto(site.url(link))
    await expectCleanPage(page, { fitsTheScreen: true })
    await tabTo(page, /Confirm my email address/)
    await page.keyboard.press('Enter')
    await page.waitForSelector('h1:has-text("Your account")')
    await expectCleanPage(page, { fitsTheScreen: true })

    await page.goto(site.url('/account/password'))
    await tabTo(page, /Change password/)
    await page.keyboard.press('Enter')
    await page.waitForSelector('.govuk-error-summary')
    await expectCleanPage(page, { fitsTheScreen: true })

    await page.locator('#currentPassword').fill(GOOD_PASSWORD)
    await page.locator('#newPassword').fill('orange teapot river tram')
    await page.locator('#newPassword').press('Enter')
    await page.waitForSelector('text=Your password has been changed')
    await expectCleanPage(page, { fitsTheScreen: true })

    // "Sign out" in the header is a button in a form.
    await tabTo(page, /^Sign out$/)
    await page.keyboard.press('Enter')
    await page.waitForSelector('h1:has-text("You have signed out")')
    await expectCleanPage(page, { fitsTheScreen: true })
    expect(problems).toEqual([])
  })

  it('signs in after a wrong password, with the pages clean at each step', async () => {
    const { email, password } = await anAccount(site.db, { name: 'Wilf' })
    const page = await site.newPage()
    await page.goto(site.url('/sign-in'))
    await page.locator('#email').fill(email)
    await page.locator('#password').fill('not my password')
    await page.locator('#password').press('Enter')
    await page.waitForSelector('.govuk-error-summary')
    await expectCleanPage(page, { fitsTheScreen: true })
    await page.locator('#password').fill(password)
    await page.locator('#password').press('Enter')
    await page.waitForSelector('h1:has-text("Your account")')
    expect(await page.locator('header').innerText()).toContain('Wilf')
    await expectCleanPage(page, { fitsTheScreen: true })

    for (const path of ['/account/email', '/account/sign-out-everywhere']) {
      await page.goto(site.url(path))
      await expectCleanPage(page, { fitsTheScreen: true })
    }
    await page.goto(site.url('/account/email'))
    await page.locator('#email, #newEmail').first().fill('not an email')
    await page.locator('#newEmail').press('Enter')
    await page.waitForSelector('.govuk-error-summary')
    await expectCleanPage(page, { fitsTheScreen: true })
  })

  it('a coordinator sees the time-out warning as a dialog that keeps them signed in', async () => {
    const coordinator = await anAccount(site.db, { role: 'coordinator', allHubs: true })
    const page = await site.newPage()
    const problems = collectPageProblems(page)
    await page.clock.install()
    // Staff sign in with two-step: the code from their app.
    await signInAs(page, coordinator)

    await page.clock.runFor(28 * 60 * 1000 + 1000)
    const dialog = page.getByRole('dialog', { name: 'You are about to be signed out' })
    await dialog.waitFor()
    await expectNoAxeViolations(page)
    await page.keyboard.press('Enter')
    await dialog.waitFor({ state: 'hidden' })
    expect(page.url()).toContain('/account')

    // When the time is up, the page goes to sign-in, which says why.
    await page.clock.runFor(31 * 60 * 1000)
    await page.waitForURL(/\/sign-in\?timed-out=yes/)
    expect(await page.locator('h1').innerText()).toBe('Sign in to your account')
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('You were signed out')
    await expectCleanPage(page, { fitsTheScreen: true })
    expect(problems).toEqual([])
  })
})
