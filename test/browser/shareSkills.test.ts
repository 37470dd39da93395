/**
 * "Share your skills" in Chromium: the whole journey with the keyboard only, on a 320px-wide
 * screen, with axe on every page and on each page's error state; and the whole journey again
 * with JavaScript turned off.
 */
import type { Page } from 'playwright-core'
import {
  collectPageProblems,
  expectCleanPage,
  press,
  tabTo,
  typeInto,
  useTheDemoSite,
} from './support/browser'
import { anAccount } from '../support/accounts'

const site = useTheDemoSite()

// A journey of ten pages, each checked with axe, some twice.
jest.setTimeout(240_000)

/** Sends the page's form empty, and checks the error state: the summary, "Error: " in the title, clean. */
async function expectErrorState(page: Page, what: string): Promise<void> {
  await press(page, /^Continue$/)
  await page.waitForSelector('.govuk-error-summary')
  expect(await page.title()).toMatch(/^Error: /)
  await expectCleanPage(page, { what: `${what}, with a problem`, fitsTheScreen: true })
}

describe('a volunteer with only a keyboard, on a small screen', () => {
  it('shares their skills from the start page to the confirmation, putting right a problem on each page', async () => {
    const { email, password } = await anAccount(site.db, { name: 'Kit' })
    const page = await site.newPage({ viewport: { width: 320, height: 800 } })
    const problems = collectPageProblems(page)

    await page.goto(site.url('/share-your-skills'))
    await expectCleanPage(page, { what: 'the start page', fitsTheScreen: true })
    await press(page, /Start now/)
    expect(await page.locator('h1').innerText()).toBe('Sign in or create an account to share your skills')
    await expectCleanPage(page, { what: 'sign in or create an account', fitsTheScreen: true })

    await press(page, /Sign in and carry on/)
    await typeInto(page, /Email address/, email)
    await typeInto(page, /Password/, password)
    await page.keyboard.press('Enter')
    await page.waitForSelector('h1:has-text("Your name as others will see it")')

    // 1. Your name
    await expectCleanPage(page, { what: 'your name', fitsTheScreen: true })
    await expectErrorState(page, 'your name')
    await typeInto(page, /First name/, 'Kit')
    await typeInto(page, /Last name/, 'Marlowe')
    await press(page, /^Continue$/)

    // 2. Where you live
    await page.waitForSelector('h1:has-text("Where do you live?")')
    await expectCleanPage(page, { what: 'where you live', fitsTheScreen: true })
    await expectErrorState(page, 'where you live')
    await typeInto(page, /Where do you live/, 'CT10 1AB')
    await press(page, /^Continue$/)

    // 3. Your hub: the first radio is the hub that covers the place.
    await page.waitForSelector('h1:has-text("Which is your local hub?")')
    await expectCleanPage(page, { what: 'your hub', fitsTheScreen: true })
    await expectErrorState(page, 'your hub')
    await tabTo(page, /Thanet/)
    await page.keyboard.press('Space')
    await press(page, /^Continue$/)

    // 4. What you are good at: a box ticked with Space.
    await page.waitForSelector('h1:has-text("What are you good at?")')
    await expectCleanPage(page, { what: 'what you are good at', fitsTheScreen: true })
    await expectErrorState(page, 'what you are good at')
    const firstSkill = (await page.locator('input[name="skills"]').first().getAttribute('id')) ?? ''
    const firstSkillLabel = (await page.locator(`label[for="${firstSkill}"]`).innerText()).trim()
    await tabTo(page, new RegExp(firstSkillLabel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    await page.keyboard.press('Space')
    await press(page, /^Continue$/)

    // 5. What you would like to share, and how often
    await page.waitForSelector('h1:has-text("What would you like to share")')
    await expectCleanPage(page, { what: 'what you would like to share', fitsTheScreen: true })
    await expectErrorState(page, 'what you would like to share')
    await typeInto(page, /What would you like to share/, 'Help with video calls')
    expect(await page.locator('input[value="few-hours-month"]').count()).toBe(1)
    // Tab reaches a group of radios at its first; the arrow keys move within it.
    await tabTo(page, /Now and then/)
    await page.keyboard.press('Space')
    await page.keyboard.press('ArrowDown')
    await press(page, /^Continue$/)

    // 6. How people get in touch: ticking "By phone" shows the box for the number.
    await page.waitForSelector('h1:has-text("How should people get in touch with you?")')
    await expectCleanPage(page, { what: 'how people get in touch', fitsTheScreen: true })
    expect(await page.locator('#phone').isVisible()).toBe(false)
    await tabTo(page, /By phone/)
    await page.keyboard.press('Space')
    expect(await page.locator('#phone').isVisible()).toBe(true)
    await press(page, /^Continue$/)
    await page.waitForSelector('.govuk-error-summary')
    await expectCleanPage(page, { what: 'how people get in touch, with a problem', fitsTheScreen: true })
    await typeInto(page, /Your phone number/, '01632 960 001')
    await press(page, /^Continue$/)

    // 7. Who can see your profile
    await page.waitForSelector('h1:has-text("Who can see your profile?")')
    expect(await page.locator('main').innerText()).toContain('Kit M.')
    await expectCleanPage(page, { what: 'who can see your profile', fitsTheScreen: true })
    await expectErrorState(page, 'who can see your profile')
    await tabTo(page, /^Only the coordinators/)
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('ArrowDown')
    expect(await page.locator('input[value="public"]').isChecked()).toBe(true)
    await press(page, /^Continue$/)

    // 8. The agreement
    await page.waitForSelector('h1:has-text("Your agreement")')
    await expectCleanPage(page, { what: 'the agreement', fitsTheScreen: true })
    await expectErrorState(page, 'the agreement')
    await tabTo(page, /I agree/)
    await page.keyboard.press('Space')
    await press(page, /^Continue$/)

    // 9. Check your answers, and 10. the confirmation
    await page.waitForSelector('h1:has-text("Check your answers")')
    await expectCleanPage(page, { what: 'check your answers', fitsTheScreen: true })
    expect(await page.locator('.govuk-summary-list').innerText()).toContain('Help with video calls')
    await press(page, /Share my skills/)
    await page.waitForSelector('h1:has-text("You are sharing your skills")')
    await expectCleanPage(page, { what: 'the confirmation', fitsTheScreen: true })
    expect(problems).toEqual([])
  })
})

describe('with JavaScript turned off', () => {
  it('the whole journey still works, with the phone box a plain field', async () => {
    const { email, password } = await anAccount(site.db, { name: 'Noor' })
    const page = await site.newPage({ javaScriptEnabled: false })
    await page.goto(site.url('/sign-in?return=%2Fshare-your-skills%2Fname'))
    await page.locator('#email').fill(email)
    await page.locator('#password').fill(password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForSelector('h1:has-text("Your name as others will see it")')

    const next = async () => {
      await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Continue' }).click()])
    }
    await page.locator('#firstName').fill('Noor')
    await next()
    await page.locator('#where').fill('CT10 1AB')
    await next()
    await page.locator('input[name="hub"]').first().check()
    await next()
    await page.locator('input[name="skills"]').first().check()
    await next()
    await page.locator('input[name="howOften"]').first().check()
    await next()
    // Without JavaScript the box for the email address is always there, as a plain field.
    expect(await page.locator('#email').isVisible()).toBe(true)
    await page.locator('input[value="email"]').check()
    await page.locator('#email').fill('noor@example.org')
    await next()
    await page.locator('input[value="public"]').check()
    await next()
    await page.locator('input[name="agree"]').check()
    await next()
    await page.waitForSelector('h1:has-text("Check your answers")')
    expect(await page.locator('.govuk-summary-list').innerText()).toContain('noor@example.org')

    // "Change" goes to the question and back to "Check your answers".
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('link', { name: 'Change your name' }).click(),
    ])
    await page.locator('#firstName').fill('Noora')
    await next()
    await page.waitForSelector('h1:has-text("Check your answers")')
    expect(await page.locator('.govuk-summary-list').innerText()).toContain('Noora')

    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Share my skills' }).click(),
    ])
    await page.waitForSelector('h1:has-text("You are sharing your skills")')
    await page.goto(site.url('/people'))
    expect(await page.locator('main').innerText()).toContain('Noora')
  })
})
