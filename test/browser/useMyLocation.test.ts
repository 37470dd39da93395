import { collectPageProblems, useTheDemoSite } from './support/browser'

const site = useTheDemoSite()

// Margate, rounded as the script rounds it (to about 100 metres).
const MARGATE = { latitude: 51.38912, longitude: 1.38623 }

describe('"Use my location", under the site\'s Permissions-Policy and Content-Security-Policy', () => {
  it.each(['/search', '/', '/map'])(
    'finds what is near a resident who lets the browser share where they are, from %s',
    async (start) => {
      const page = await site.newPage({ permissions: ['geolocation'], geolocation: MARGATE })
      const problems = collectPageProblems(page)
      await page.goto(site.url(start))

      await page.getByRole('button', { name: 'Use my location' }).click()
      await page.waitForURL(/lat=51\.389&lng=1\.386/)

      expect(await page.locator('#where').inputValue()).toBe('My location')
      expect(problems).toEqual([])
    },
  )

  it.each(['/', '/search', '/map'])(
    'on %s it is a real button right after the Where box, at least 44px tall, with a visible focus',
    async (start) => {
      const page = await site.newPage({ permissions: ['geolocation'], geolocation: MARGATE })
      await page.goto(site.url(start))
      const button = page.getByRole('button', { name: 'Use my location' })
      await button.waitFor()
      const facts = await button.evaluate((element) => {
        const where = document.getElementById('where') as HTMLElement
        const before = getComputedStyle(element)
        const look = {
          outline: before.outlineStyle,
          boxShadow: before.boxShadow,
          background: before.backgroundColor,
        }
        ;(element as HTMLElement).focus()
        const after = getComputedStyle(element)
        return {
          type: element.getAttribute('type'),
          afterWhere: Boolean(where.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING),
          insideWhereGroup: Boolean(where.closest('.govuk-form-group')?.contains(element)),
          height: element.getBoundingClientRect().height,
          focusShows:
            after.outlineStyle !== look.outline ||
            after.boxShadow !== look.boxShadow ||
            after.backgroundColor !== look.background,
        }
      })
      expect(facts).toEqual({
        type: 'button',
        afterWhere: true,
        insideWhereGroup: false,
        height: expect.any(Number),
        focusShows: true,
      })
      expect(facts.height).toBeGreaterThanOrEqual(44)
    },
  )

  it('shows nothing at all without JavaScript', async () => {
    const page = await site.newPage({ javaScriptEnabled: false })
    await page.goto(site.url('/'))
    expect(await page.getByText('Use my location').count()).toBe(0)
    expect(await page.locator('[data-use-my-location]').isVisible()).toBe(false)
  })

  it('says in plain words when the browser does not allow it', async () => {
    const page = await site.newPage({ permissions: [] })
    await page.goto(site.url('/search'))

    await page.getByRole('button', { name: 'Use my location' }).click()

    await page.getByText('We could not use your location because your browser did not allow it').waitFor()
  })
})
