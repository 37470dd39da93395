/**
 * "Ask to be put in touch" in Chromium: a resident with only a keyboard goes from a service
 * page to the form, sends it empty and sees what to put right, fills it in and sees it sent,
 * with axe on every state; and the form with JavaScript turned off is the same.
 */
import {
  collectPageProblems,
  expectCleanPage,
  press,
  tabTo,
  typeInto,
  useTheDemoSite,
} from './support/browser'

const site = useTheDemoSite()

jest.setTimeout(120_000)

describe('a resident with only a keyboard', () => {
  it('asks to be put in touch from a service page, puts right what was missing, and sees it sent', async () => {
    const { id, name } = site.db
      .prepare(
        "SELECT id, name FROM services WHERE status = 'published' AND hub_id IS NOT NULL ORDER BY id LIMIT 1",
      )
      .get() as { id: number; name: string }
    const page = await site.newPage()
    const problems = collectPageProblems(page)

    await page.goto(site.url(`/services/${id}`))
    await press(page, /ask to be put in touch/i)
    expect(await page.locator('h1').innerText()).toContain(`about ${name}`)
    await expectCleanPage(page, { what: 'the form' })

    // Sent empty: the error summary, "Error: " in the title, nothing lost.
    await press(page, /^Send your request$/)
    await page.waitForSelector('.govuk-error-summary')
    expect(await page.title()).toMatch(/^Error: Ask to be put in touch/)
    expect(await page.locator('.govuk-error-summary__list li').allInnerTexts()).toEqual([
      'Enter what help you are looking for',
      'Enter your name',
      'Choose how you would like us to get in touch with you',
      'Enter your town or postcode',
    ])
    await expectCleanPage(page, { what: 'the form, with problems' })

    await typeInto(page, /What help are you looking for/, 'Someone to walk with me on Tuesdays')
    await typeInto(page, /Your name/, 'Rosalind Quillfeather')
    // Tab reaches the radios at the first; Space chooses it.
    await tabTo(page, /By email/, 50)
    await page.keyboard.press('Space')
    await typeInto(page, /Email address/, 'rosalind.quillfeather@example.com')
    await typeInto(page, /Your town or postcode/, 'S1')
    // The robots' box is never reached with the Tab key.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('area')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.id)).not.toBe('website')
    await press(page, /^Send your request$/)

    await page.waitForSelector('h1:has-text("Your request has been sent")')
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/put-me-in-touch/sent')
    expect(await page.locator('.cg-reference').innerText()).toMatch(/^\d+$/)
    const text = await page.locator('main').innerText()
    expect(text).toContain('We will get in touch with you by email.')
    expect(text).not.toContain('rosalind.quillfeather@example.com')
    await expectCleanPage(page, { what: 'the confirmation' })
    expect(problems).toEqual([])
  })

  it('without JavaScript, sees both ways to reply, and sends the form all the same', async () => {
    const page = await site.newPage({ javaScriptEnabled: false })
    await page.goto(site.url('/put-me-in-touch?from=hub&hub=thanet'))
    expect(await page.locator('#email').isVisible()).toBe(true)
    expect(await page.locator('#phone').isVisible()).toBe(true)
    // The robots' box takes no room on the screen, is never reached with Tab, and is never read out.
    const robotsBox = page.locator('div[aria-hidden="true"]:has(#website)')
    expect(await robotsBox.count()).toBe(1)
    expect((await robotsBox.boundingBox())?.width).toBeLessThanOrEqual(1)
    expect(await page.locator('#website').getAttribute('tabindex')).toBe('-1')

    await page.locator('#helpWanted').fill('Help to fill in a form for my bus pass')
    await page.locator('#name').fill('Ernest Pellow')
    await page.locator('#route-2').check()
    await page.locator('#phone').fill('01632 960 417')
    await page.locator('#area').fill('Ramsgate')
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Send your request' }).click(),
    ])
    expect(await page.locator('h1').innerText()).toBe('Your request has been sent')
    expect(await page.locator('main').innerText()).toContain('We will get in touch with you by phone.')
  })
})
