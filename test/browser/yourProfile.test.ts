/**
 * "Your profile" in Chromium: the page and its confirmation pages checked with axe, at a
 * phone's 320px (nothing scrolls sideways; the previews come after the answers) and on a wide
 * screen (side by side); pausing and deleting with the keyboard only, and with JavaScript off.
 */
import type { Page } from 'playwright-core'
import { collectPageProblems, expectCleanPage, signInAs, tabTo, useTheDemoSite } from './support/browser'
import { anAccount } from '../support/accounts'
import { testConfig } from '../../server/config'
import { buildServices } from '../../server/services'
import { shareSkills, someAnswers } from '../support/sharing'

const site = useTheDemoSite()
// The site's own services and these share one database: a profile made here is on the site.
const services = buildServices(site.db, testConfig())

// Journeys of several pages, each checked with axe.
jest.setTimeout(120_000)

const PHONE = { width: 320, height: 800 }
const WIDE = { width: 1280, height: 900 }

/** A clean page (see expectCleanPage), naming what is wider than the screen if anything is. */
async function expectClean(page: Page): Promise<void> {
  await expectCleanPage(page)
  const tooWide = await page.evaluate(() =>
    document.documentElement.scrollWidth > window.innerWidth
      ? Array.from(document.querySelectorAll('body *'))
          .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
          .slice(0, 5)
          .map((element) => `${element.tagName.toLowerCase()}.${element.className}`)
      : [],
  )
  expect(tooWide).toEqual([])
}

/** A member who has shared their skills with their hub, through the services the question pages use. */
async function aMemberWithAProfile(name: string) {
  const account = await anAccount(site.db, { name })
  shareSkills(services.sharing, account.id, {
    ...someAnswers('thanet', { firstName: name, lastName: 'Keys', visibility: 'hub' }),
    skills: ['tablets-and-phones', 'gardening'],
    email: 'winifred.keys.a.rather.long.address@example.org',
    agreedVersion: services.sharing.consentStatement().version,
  })
  return account
}

describe('your profile in a browser', () => {
  it('the profile, pause, withdraw and delete pages pass axe, and nothing scrolls sideways at 320px', async () => {
    const account = await aMemberWithAProfile('Winifred')
    const page = await site.newPage({ viewport: PHONE })
    const problems = collectPageProblems(page)
    await signInAs(page, account)
    for (const path of [
      '/your-profile',
      '/your-profile/pause',
      '/your-profile/withdraw',
      '/your-profile/delete',
    ]) {
      await page.goto(site.url(path))
      await expectClean(page)
    }
    // After withdrawing, the profile page says so, and is as clean.
    await page.goto(site.url('/your-profile/withdraw'))
    await page.getByRole('button', { name: 'Withdraw my consent' }).click()
    await page.waitForSelector('text=You have withdrawn your consent')
    await expectClean(page)
    expect(problems).toEqual([])
  })

  it('puts the answers and what others see side by side on a wide screen, one after another on a phone', async () => {
    const account = await aMemberWithAProfile('Wilma')
    const page = await site.newPage({ viewport: WIDE })
    await signInAs(page, account)
    await page.goto(site.url('/your-profile'))
    await expectClean(page)
    const tops = async () => ({
      answers: (await page.locator('#your-answers').boundingBox())?.y ?? -1,
      others: (await page.locator('#what-others-see').boundingBox())?.y ?? -1,
    })
    const wide = await tops()
    expect(Math.abs(wide.answers - wide.others)).toBeLessThan(2)
    await page.setViewportSize(PHONE)
    const narrow = await tops()
    expect(narrow.others).toBeGreaterThan(narrow.answers + 200)
    expect(await page.locator('.govuk-summary-card .govuk-tag').innerText()).toBe('This is what you chose')
  })

  it('pauses and shows the profile again with the keyboard only', async () => {
    const account = await aMemberWithAProfile('Kit')
    const page = await site.newPage({ viewport: PHONE })
    await signInAs(page, account)
    await page.goto(site.url('/your-profile'))
    await tabTo(page, /^Pause my profile$/)
    await page.keyboard.press('Enter')
    await page.waitForSelector('text=Your profile is paused. Nobody else can see it.')
    expect(await page.locator('[data-status]').innerText()).toBe('Paused')
    await expectClean(page)
    await tabTo(page, /^Show my profile again$/)
    await page.keyboard.press('Enter')
    await page.waitForSelector('text=Your profile is shown again.')
    expect(await page.locator('[data-status]').innerText()).toBe('Shown')
  })

  it('deletes everything with the keyboard only', async () => {
    const account = await aMemberWithAProfile('Keith')
    const page = await site.newPage({ viewport: PHONE })
    const problems = collectPageProblems(page)
    await signInAs(page, account)
    await page.goto(site.url('/your-profile'))
    await tabTo(page, /^Delete your data$/)
    await page.keyboard.press('Enter')
    await page.waitForSelector('h1:has-text("Delete your data")')
    await tabTo(page, /^Delete my data$/)
    await page.keyboard.press('Enter')
    await page.waitForSelector('h1:has-text("Your data has been deleted")')
    await expectClean(page)
    expect(await page.locator('header').innerText()).not.toContain('Keith')
    expect(services.profiles.profileOf(account.id)).toBeNull()
    expect(problems).toEqual([])
  })

  it('pauses and deletes with JavaScript turned off', async () => {
    const account = await aMemberWithAProfile('Nora')
    const page = await site.newPage({ viewport: PHONE, javaScriptEnabled: false })
    await signInAs(page, account)
    await page.goto(site.url('/your-profile'))
    await page.getByRole('button', { name: 'Pause my profile' }).click()
    await page.waitForSelector('text=Your profile is paused. Nobody else can see it.')
    expect(services.profiles.profileOf(account.id)?.status).toBe('paused')

    await page.getByRole('link', { name: 'Delete your data' }).click()
    await page.getByRole('button', { name: 'Delete my data' }).click()
    await page.waitForSelector('h1:has-text("Your data has been deleted")')
    expect(services.profiles.profileOf(account.id)).toBeNull()
    // Signed out: the profile page asks to sign in.
    await page.goto(site.url('/your-profile'))
    expect(await page.locator('h1').innerText()).toBe('Sign in to your account')
  })
})
