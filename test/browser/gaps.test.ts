/**
 * What is missing in Thanet (issue 12) in Chromium at 320px, keyboard only, with axe: the demo
 * peer lead of Thanet signs in (with the demo two-step code), goes from the coordinator home to
 * Thanet's gaps report, finds the chart drawn as SVG and the tables, and downloads the CSV.
 */
import fs from 'node:fs'
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

describe('the demo peer lead of Thanet with only a keyboard, on a small phone', () => {
  it('opens what is missing in Thanet from the coordinator home, sees the chart and tables, and downloads the CSV', async () => {
    const page = await site.newPage({ viewport: { width: 320, height: 800 }, acceptDownloads: true })
    const problems = collectPageProblems(page)

    await signInAs(page, theDemo.peerLead)

    await press(page, /^Coordinate$/)
    await page.waitForSelector('h1:has-text("Coordinate")')
    await press(page, /^What is missing in Thanet/)
    await page.waitForSelector('h1:has-text("What is missing in Thanet")')
    expect(await page.title()).toMatch(/^What is missing in Thanet/)
    await expectCleanPage(page, { fitsTheScreen: true })

    // The chart: an image with a name and a description, that fits the small screen.
    const chart = page.locator('svg[role="img"]')
    expect(await chart.count()).toBe(1)
    expect(await chart.locator('title').textContent()).toMatch(/^Groups and services in Thanet/)
    expect(await chart.locator('desc').textContent()).toContain('The table below gives the same numbers.')
    const box = await chart.boundingBox()
    expect(box?.width).toBeGreaterThan(200)
    expect(box?.width).toBeLessThanOrEqual(320)
    expect(await chart.locator('rect').count()).toBeGreaterThan(10)
    // Its text alternative, the tables, with a row per kind of group and per skill.
    const main = await page.locator('main').innerText()
    expect(main).toContain('Walking groups')
    expect(main).toContain('Median of other hubs')
    expect(main).toContain('Tablets and phones')

    // The CSV, reached by keyboard.
    await tabTo(page, /^Download this report as a CSV file$/, 150)
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')])
    expect(download.suggestedFilename()).toMatch(/^gaps-thanet-\d{4}-\d{2}-\d{2}\.csv$/)
    const file = await download.path()
    const csv = fs.readFileSync(file, 'utf8')
    expect(csv.split('\r\n')[0]).toBe('Kind,Name,Code,In the hub,Median of the other hubs,Compared')
    expect(csv).toContain('Group or service,Walking groups,walking-groups,')
    expect(problems).toEqual([])
  })
})
