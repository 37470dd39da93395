/**
 * Importing listings in Chromium, keyboard only, with axe at every step: the import page,
 * a dry run that finds problems, the file put right and checked again, and the import done.
 */
import type { Page } from 'playwright-core'
import {
  DIRECTORY_COLUMNS,
  type DirectoryRow,
  EXAMPLE_ROW,
} from '../../server/services/directory/directoryCsv'
import { csvText } from '../../server/services/directory/directoryExport'
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

const fileOf = (rows: Partial<DirectoryRow>[]) =>
  Buffer.from(
    csvText(
      rows.map((row) => DIRECTORY_COLUMNS.map((column) => ({ ...EXAMPLE_ROW, ...row })[column])),
      DIRECTORY_COLUMNS,
    ),
  )

/**
 * Tabs to the file input and gives it a file (a keyboard user would press Enter there and
 * pick it in the system's own window, which a test cannot reach), then tabs to the button.
 */
async function uploadFile(page: Page, name: string, content: Buffer): Promise<void> {
  await tabTo(page, /Your CSV file/)
  await page.locator('#file').setInputFiles({ name, mimeType: 'text/csv', buffer: content })
  await press(page, /^Check the file$/)
}

describe('the demo admin importing listings with only a keyboard', () => {
  it('reads the import page, is shown each problem of a bad file, then imports the put-right file', async () => {
    const page = await site.newPage()
    const problems = collectPageProblems(page)

    await signInAs(page, theDemo.admin)

    await press(page, /^Admin$/)
    await press(page, /^Import listings$/)
    await page.waitForSelector('h1:has-text("Import listings")')
    await expectCleanPage(page)

    // No file chosen: the error summary, linked to the file input.
    await press(page, /^Check the file$/)
    await page.waitForSelector('.govuk-error-summary')
    expect(await page.title()).toMatch(/^Error: Import listings/)
    await expectCleanPage(page)

    await uploadFile(
      page,
      'listings.csv',
      fileOf([
        { service_name: 'Keyboard knit and natter', categories: 'arts-crafts' },
        { service_name: '', postcode: 'nowhere', times: 'Funday' },
      ]),
    )
    await page.waitForSelector('h1:has-text("Check your file")')
    expect(await page.title()).toMatch(/^Error: Check your file: 3 problems/)
    expect(await page.locator('table').first().innerText()).toContain('Row 3')
    await expectCleanPage(page)

    await press(page, /^Upload the file again$/)
    await page.waitForSelector('h1:has-text("Import listings")')
    await uploadFile(
      page,
      'listings.csv',
      fileOf([
        { service_name: 'Keyboard knit and natter', categories: 'arts-crafts' },
        { service_name: 'Keyboard walk and talk' },
      ]),
    )
    await page.waitForSelector('text=We found no problems')
    await expectCleanPage(page)

    await press(page, /^Import 2 rows$/)
    await page.waitForSelector('h1:has-text("Imported 2 rows")')
    await expectCleanPage(page)

    await page.goto(site.url('/search?q=keyboard'))
    expect(await page.locator('main').innerText()).toContain('Keyboard knit and natter')
    expect(problems).toEqual([])
  })
})
