import { collectPageProblems, useTheDemoSite } from './support/browser'

const site = useTheDemoSite()

// Margate, rounded as the script rounds it (to about 100 metres).
const MARGATE = { latitude: 51.38912, longitude: 1.38623 }

describe('"Use my location", under the site\'s Permissions-Policy and Content-Security-Policy', () => {
  it.each(['/search', '/'])(
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

  it('says in plain words when the browser does not allow it', async () => {
    const page = await site.newPage({ permissions: [] })
    await page.goto(site.url('/search'))

    await page.getByRole('button', { name: 'Use my location' }).click()

    await page.getByText('We could not use your location because your browser did not allow it').waitFor()
  })
})
