/**
 * The admin pages in Chromium at 320px, keyboard only, with axe at every step and in every
 * error state: finding an account, changing its role with a hub found by typing, disabling it
 * and turning it back on, and the audit log's filters.
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
import { anAccount } from '../support/accounts'

const site = useTheDemoSite()

// A whole back office of pages, each checked with axe.
jest.setTimeout(240_000)

/** A clean page (see expectCleanPage), naming what is wider than the screen if anything is. */
async function expectClean(page: Page): Promise<void> {
  await expectCleanPage(page)
  const wide = await page.evaluate(() =>
    document.documentElement.scrollWidth <= window.innerWidth
      ? []
      : Array.from(document.querySelectorAll('main *'))
          .filter((element) => element.getBoundingClientRect().right > window.innerWidth)
          .map((element) => `${element.tagName}#${element.id}.${element.className}`)
          .slice(0, 5),
  )
  expect(wide).toEqual([])
}

describe('an admin with only a keyboard, on a small phone', () => {
  it('finds an account, changes its role, disables it and reads the audit log, putting right each problem', async () => {
    await anAccount(site.db, {
      name: 'Rhiannon Keyboard-Lloyd',
      email: 'rhiannon.keyboard-lloyd.with.a.long.address@example.net',
    })
    const page = await site.newPage({ viewport: { width: 320, height: 800 } })
    const problems = collectPageProblems(page)

    await signInAs(page, theDemo.admin)

    // The header's Admin link, then Accounts.
    await press(page, /^Admin$/)
    await page.waitForSelector('h1:has-text("Admin")')
    await expectClean(page)
    await press(page, /^Accounts$/)
    await page.waitForSelector('h1:has-text("Accounts")')
    await expectClean(page)

    // Too long a search is a problem, with what was typed kept.
    await page.locator('#q').fill('x'.repeat(101))
    await page.locator('#q').press('Enter')
    await page.waitForSelector('.govuk-error-summary')
    expect(await page.title()).toMatch(/^Error: /)
    await expectClean(page)

    await page.locator('#q').fill('keyboard-lloyd')
    await page.locator('#q').press('Enter')
    await page.waitForSelector('text=1 account found.')
    await expectClean(page)
    await press(page, /Rhiannon Keyboard-Lloyd/)
    await page.waitForSelector('h1:has-text("Rhiannon Keyboard-Lloyd")')
    await expectClean(page)

    // Change the role: no reason and no hub first, then a hub found by typing.
    await press(page, /Change role and hubs/)
    await page.waitForSelector('h1:has-text("Change the role")')
    await expectClean(page)
    await page.locator('#role-2').focus()
    await page.keyboard.press('Space')
    await press(page, /^Change role$/)
    await page.waitForSelector('.govuk-error-summary')
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      'Choose at least one hub for a peer lead',
    )
    await expectClean(page)

    await page.locator('#find').fill('Atlantis')
    await page.locator('#find').press('Enter')
    await page.waitForSelector('text=No hubs found')
    await expectClean(page)

    await page.locator('#find').fill('Thanet')
    await page.locator('#find').press('Enter')
    await page.waitForSelector('label:has-text("Thanet")')
    await expectClean(page)
    await page.getByLabel('Thanet').focus()
    await page.keyboard.press('Space')
    await press(page, /^Change role$/)
    await page.waitForSelector('text=Say why you are changing the role')
    expect(await page.getByLabel('Thanet').isChecked()).toBe(true)
    await expectClean(page)
    await page.locator('#reason').fill('Leads the Thanet walking group')
    await press(page, /^Change role$/)
    await page.waitForSelector('text=role has been changed')
    expect(await page.locator('main').innerText()).toContain('Peer lead of Thanet')
    await expectClean(page)

    // Disable: no reason first.
    await press(page, /Disable this account/)
    await page.waitForSelector('h1:has-text("Disable the account")')
    await expectClean(page)
    await press(page, /^Disable account$/)
    await page.waitForSelector('.govuk-error-summary')
    await expectClean(page)
    await page.locator('#reason').fill('Asked us to close it')
    await press(page, /^Disable account$/)
    await page.waitForSelector('text=signed out everywhere')
    await expectClean(page)

    // Turn it back on: no reason first.
    await press(page, /Turn back on this account/)
    await page.waitForSelector('h1:has-text("back on")')
    await expectClean(page)
    await press(page, /^Turn account back on$/)
    await page.waitForSelector('.govuk-error-summary')
    await expectClean(page)
    await page.locator('#reason').fill('Changed their mind')
    await press(page, /^Turn account back on$/)
    await page.waitForSelector('text=turned back on')

    // The audit log: its problems, then the entries about this account.
    await press(page, /in the audit log/)
    await page.waitForSelector('h1:has-text("Audit log")')
    await expectClean(page)
    await page.locator('#who').fill('nobody@example.net')
    await page.locator('#from-day').fill('31')
    await page.locator('#from-month').fill('2')
    await page.locator('#from-year').fill('2026')
    await press(page, /^Filter$/)
    await page.waitForSelector('.govuk-error-summary')
    expect(await page.locator('#from-day').inputValue()).toBe('31')
    await expectClean(page)
    await page.locator('#who').fill('')
    await page.locator('#from-day').fill('')
    await page.locator('#from-month').fill('')
    await page.locator('#from-year').fill('')
    await press(page, /^Filter$/)
    await page.waitForSelector('text=Asked us to close it')
    expect(await page.locator('main').innerText()).toContain('Changed their mind')
    await expectClean(page)

    await page.goto(site.url('/admin/audit-log?who=nobody%40example.net'))
    await page.waitForSelector('.govuk-error-summary')
    await expectClean(page)
    expect(problems).toEqual([])
  })

  it('is told plainly that they cannot take away their own admin role', async () => {
    const page = await site.newPage({ viewport: { width: 320, height: 800 } })
    // Each code works once: signInAs types the app's next code, which it also accepts.
    await signInAs(page, theDemo.admin)
    const self = site.db.prepare("SELECT id FROM accounts WHERE email = 'admin@example.org'").get() as {
      id: number
    }
    await page.goto(site.url(`/admin/accounts/${self.id}/role`))
    await page.locator('#role').focus()
    await page.keyboard.press('Space')
    await page.locator('#reason').fill('Stepping down')
    await press(page, /^Change role$/)
    await page.waitForSelector('text=You cannot take away your own admin role')
    await expectClean(page)
  })

  it('a member who opens an admin page sees the 403 page, which is clean too', async () => {
    const page = await site.newPage({ viewport: { width: 320, height: 800 } })
    await signInAs(page, theDemo.member)
    const response = await page.goto(site.url('/admin/accounts'))
    expect(response?.status()).toBe(403)
    await page.waitForSelector('h1:has-text("You cannot see this page")')
    await expectClean(page)
  })
})
