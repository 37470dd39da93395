import type { Page } from 'playwright-core'
import { UK_TIME_ZONE } from '../../server/services/clock'
import { collectPageProblems, useTheDemoSite } from './support/browser'

const site = useTheDemoSite()

/** The Crewe demo hub: the daughter printing what's on for her dad. */
const CREWE = '/hubs/south-cheshire'

/** How many pages a PDF has: one /Type /Page object each (the page tree is /Type /Pages). */
function pagesIn(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length
}

/** "1 December 2026": today in the UK, as the sheet says it. */
const todayInWords = () =>
  new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: UK_TIME_ZONE,
  }).format(new Date())

/** The link addresses print CSS would write after links inside `selector` ("(/)"), as the page is printed. */
async function printedLinkAddresses(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((within) => {
    const written: string[] = []
    for (const link of Array.from(document.querySelectorAll<HTMLAnchorElement>(`${within} a`))) {
      const after = getComputedStyle(link, '::after').content
      if (after !== 'none' && after !== 'normal' && after !== '""')
        written.push(`${link.textContent ?? ''} ${after}`)
    }
    return written
  }, selector)
}

describe('the large-print sheet for the Crewe hub', () => {
  it('prints on at most 4 A4 pages', async () => {
    const page = await site.newPage()
    await page.goto(site.url(`${CREWE}/print`), { waitUntil: 'load' })

    const pdf = await page.pdf({ format: 'A4' })

    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const pages = pagesIn(pdf)
    expect(pages).toBeGreaterThanOrEqual(1)
    expect(pages).toBeLessThanOrEqual(4)
  })

  it('prints the hub’s phone, email and meeting, what is on each day, and the day it is correct on', async () => {
    const hub = site.db
      .prepare<[], { phone: string; email: string; meetingTimes: string }>(
        "SELECT phone, email, meeting_times AS meetingTimes FROM hubs WHERE slug = 'south-cheshire'",
      )
      .get()
    const page = await site.newPage()
    await page.emulateMedia({ media: 'print' })
    await page.goto(site.url(`${CREWE}/print`), { waitUntil: 'load' })

    const printed = await page.locator('main').innerText()

    expect(printed).toContain(`Correct on ${todayInWords()}`)
    expect(printed).toContain(hub?.phone)
    expect(printed).toContain(hub?.email)
    expect(printed).toContain(hub?.meetingTimes)
    // The days in week order, with times, places and phones under them.
    const days = await page.locator('.cg-print-day__name').allInnerTexts()
    const week = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
    const weekdays = days.filter((day) => week.includes(day))
    expect(weekdays.length).toBeGreaterThanOrEqual(3)
    expect(weekdays).toEqual([...weekdays].sort((a, b) => week.indexOf(a) - week.indexOf(b)))
    expect(printed).toMatch(/\d(am|pm)/)
    expect(printed).toMatch(/Phone 01632 \d{6}/)
    expect(printed).toMatch(/CW\d+ \d[A-Z]{2}/)
    // Nothing for the screen only: the print button's place and the way back.
    expect(printed).not.toContain('To print this page')
  })

  it('prints no link addresses: not after the site’s name in the header, nor anywhere on the sheet', async () => {
    const page = await site.newPage()
    await page.emulateMedia({ media: 'print' })
    await page.goto(site.url(`${CREWE}/print`), { waitUntil: 'load' })

    expect(await printedLinkAddresses(page, 'header')).toEqual([])
    expect(await printedLinkAddresses(page, '.cg-large-print')).toEqual([])
    expect(await page.locator('header').innerText()).not.toContain('(/')
  })

  it.each(['/', '/hubs', CREWE, '/search?q=walking&where=Crewe'])(
    'prints %s without link addresses in the header, menus, breadcrumbs or footer',
    async (path) => {
      const page = await site.newPage()
      await page.emulateMedia({ media: 'print' })
      await page.goto(site.url(path), { waitUntil: 'load' })

      expect(await printedLinkAddresses(page, 'header')).toEqual([])
      expect(await printedLinkAddresses(page, 'nav')).toEqual([])
      expect(await printedLinkAddresses(page, 'footer')).toEqual([])
    },
  )

  it('has a Print button that opens the browser’s print dialogue', async () => {
    const page = await site.newPage()
    const problems = collectPageProblems(page)
    await page.addInitScript(() => {
      const counted = window as unknown as { printed: number; print: () => void }
      counted.printed = 0
      counted.print = () => {
        counted.printed += 1
      }
    })
    await page.goto(site.url(`${CREWE}/print`), { waitUntil: 'load' })

    await page.getByRole('button', { name: 'Print this page' }).click()

    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1)
    expect(problems).toEqual([])
  })

  it('says how to print from the keyboard, with no button, when JavaScript is off', async () => {
    const page = await site.newPage({ javaScriptEnabled: false })
    await page.goto(site.url(`${CREWE}/print`), { waitUntil: 'load' })

    expect(await page.getByRole('button', { name: 'Print this page' }).count()).toBe(0)
    expect(await page.locator('main').innerText()).toContain(
      'To print this page, press Ctrl and P (or Command and P on a Mac).',
    )
  })

  it.each([`${CREWE}/print`, CREWE])(
    'fits %s on a 320px-wide phone without scrolling sideways',
    async (path) => {
      const page = await site.newPage({ viewport: { width: 320, height: 640 } })
      await page.goto(site.url(path), { waitUntil: 'load' })

      const { scrollWidth, clientWidth } = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }))
      expect(clientWidth).toBe(320)
      expect(scrollWidth).toBe(clientWidth)
    },
  )
})
