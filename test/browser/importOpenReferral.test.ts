/**
 * Importing another directory's Open Referral UK file in Chromium, keyboard only, with axe at
 * every step: the second way in from the import page, a file that is not JSON, the published
 * example checked (its report with what is left out), and the import done.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
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

jest.setTimeout(180_000)

const EXAMPLE = path.join(__dirname, '..', 'fixtures', 'openreferral-uk', 'examples', 'service_full.json')

/** Tabs to the file input and gives it a file (see import.test.ts), then tabs to the button. */
async function uploadFile(page: Page, name: string, content: Buffer): Promise<void> {
  await tabTo(page, /A JSON file of its services/)
  await page.locator('#file').setInputFiles({ name, mimeType: 'application/json', buffer: content })
  await press(page, /^Check it$/)
}

describe('the demo admin importing another directory’s listings with only a keyboard', () => {
  it('finds the second way in, is told plainly about a broken file, then imports the published example', async () => {
    const page = await site.newPage()
    const problems = collectPageProblems(page)

    await signInAs(page, theDemo.admin)
    await press(page, /^Admin$/)
    await press(page, /^Import listings$/)
    await press(page, /^import from another directory \(Open Referral UK\)$/)
    await page.waitForSelector('h1:has-text("Import from another directory (Open Referral UK)")')
    await expectCleanPage(page)

    await uploadFile(page, 'broken.json', Buffer.from('{"contents": ['))
    await page.waitForSelector('.govuk-error-summary')
    expect(await page.title()).toMatch(/^Error: Import from another directory/)
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(
      'We could not read the file as JSON',
    )
    await expectCleanPage(page)

    await uploadFile(page, 'service_full.json', fs.readFileSync(EXAMPLE))
    await page.waitForSelector('h1:has-text("Check the feed")')
    expect(await page.locator('main').innerText()).toContain('A named person’s details are not imported')
    await expectCleanPage(page)

    await press(page, /^Import 1 service$/)
    await page.waitForSelector('h1:has-text("Imported 1 service")')
    await expectCleanPage(page)

    await page.goto(site.url('/search?q=counselling'))
    expect(await page.locator('main').innerText()).toContain('Community Counselling')
    expect(problems).toEqual([])
  })
})
