/**
 * Property-based (fast-check): every page that reads a query string answers any query string a
 * sender can make (huge text, unicode, a parameter sent twice, prototype keys, broken
 * percent-escapes) with a page or a plain refusal, never a failure (5xx). Each page is asked by
 * the viewer who may see it, so the query reaches its parser and the service behind it. The
 * same for any id or slug in every address that takes one.
 */
import fc from 'fast-check'
import request from 'supertest'
import { paths } from '../../server/addresses'
import { aBrowser, anAccount } from '../support/accounts'
import { PROPERTY_RUNS, aQueryString, aText } from '../support/hostileInput'
import { aDemoTestApp, type TestApp } from '../support/testApp'

// Signing in hashes a password with Argon2id: slow on a busy machine.
jest.setTimeout(60_000)

type Viewer = 'visitor' | 'member' | 'peerLead' | 'admin'

/** Each page that reads its query string, who asks for it, and the parameters it reads. */
const PAGES: { path: string; viewer: Viewer; params: string[] }[] = [
  {
    path: '/search',
    viewer: 'visitor',
    params: ['q', 'where', 'lat', 'lng', 'category', 'day', 'free', 'access', 'home', 'distance', 'page'],
  },
  {
    path: '/map',
    viewer: 'visitor',
    params: [
      'q',
      'where',
      'lat',
      'lng',
      'category',
      'day',
      'free',
      'access',
      'home',
      'distance',
      'bbox',
      'zoom',
    ],
  },
  {
    path: '/map/markers.json',
    viewer: 'visitor',
    params: ['bbox', 'zoom', 'q', 'category', 'day', 'free', 'access'],
  },
  {
    path: '/map/list',
    viewer: 'visitor',
    params: ['bbox', 'zoom', 'q', 'category', 'day', 'access', 'page'],
  },
  { path: '/hubs', viewer: 'visitor', params: ['where', 'choosing', 'page'] },
  { path: '/hubs/thanet/places', viewer: 'visitor', params: ['page'] },
  { path: '/hubs/thanet/organisations', viewer: 'visitor', params: ['page'] },
  { path: '/people', viewer: 'visitor', params: ['hub', 'skill', 'find', 'page', 'where'] },
  { path: '/people', viewer: 'member', params: ['hub', 'skill', 'find', 'page', 'where'] },
  { path: '/create-account', viewer: 'visitor', params: ['return'] },
  { path: '/confirm-email', viewer: 'visitor', params: ['token'] },
  { path: '/sign-in', viewer: 'visitor', params: ['return', 'timed-out'] },
  { path: '/sign-in/link', viewer: 'visitor', params: ['token'] },
  { path: '/reset-password', viewer: 'visitor', params: ['token'] },
  { path: '/signed-out', viewer: 'visitor', params: ['everywhere'] },
  { path: '/account/email/confirm', viewer: 'member', params: ['token'] },
  { path: '/dev/outbox', viewer: 'visitor', params: ['page'] },
  { path: '/introductions/answer', viewer: 'visitor', params: ['token'] },
  { path: '/put-me-in-touch', viewer: 'visitor', params: ['from', 'hub', 'id', 'q', 'where'] },
  { path: '/claim-your-profile', viewer: 'member', params: ['token'] },
  { path: '/share-your-skills', viewer: 'member', params: ['from', 'hub'] },
  { path: '/share-your-skills/name', viewer: 'member', params: ['from', 'hub'] },
  { path: '/suggest-a-new-group', viewer: 'visitor', params: ['hub'] },
  { path: '/your-suggestions', viewer: 'member', params: ['page'] },
  { path: '/coordinate', viewer: 'peerLead', params: ['page'] },
  {
    path: '/coordinate/expertise',
    viewer: 'peerLead',
    params: ['hub', 'skill', 'miles', 'q', 'where', 'introduction', 'page'],
  },
  { path: '/coordinate/introductions', viewer: 'peerLead', params: ['state', 'hub', 'page'] },
  { path: '/coordinate/register', viewer: 'peerLead', params: ['hub', 'done'] },
  { path: '/coordinate/people/1', viewer: 'peerLead', params: ['done'] },
  { path: '/coordinate/hubs/thanet/needs-checking', viewer: 'peerLead', params: ['page', 'done'] },
  { path: '/coordinate/suggestions', viewer: 'peerLead', params: ['page'] },
  { path: '/admin/accounts', viewer: 'admin', params: ['q', 'role', 'page', 'hub'] },
  {
    path: '/admin/audit-log',
    viewer: 'admin',
    params: [
      'who',
      'what',
      'record',
      'from-day',
      'from-month',
      'from-year',
      'to-day',
      'to-month',
      'to-year',
      'page',
    ],
  },
  { path: '/admin/hubs', viewer: 'admin', params: ['q', 'page'] },
  { path: '/admin/import/0123456789abcdef0123456789abcdef', viewer: 'admin', params: ['page'] },
]

describe('any query string, on every page that reads one, never gives a failure', () => {
  let testApp: TestApp
  const browsers = {} as Record<Exclude<Viewer, 'visitor'>, ReturnType<typeof aBrowser>>

  beforeAll(async () => {
    testApp = aDemoTestApp()
    const thanet = (testApp.db.prepare(`SELECT id FROM hubs WHERE slug = 'thanet'`).get() as { id: number })
      .id
    const accounts = {
      member: await anAccount(testApp.db, { role: 'member', hubIds: [thanet] }),
      peerLead: await anAccount(testApp.db, { role: 'peer_lead', hubIds: [thanet] }),
      admin: await anAccount(testApp.db, { role: 'admin' }),
    }
    for (const [viewer, account] of Object.entries(accounts)) {
      const browser = aBrowser(testApp.app)
      expect((await browser.signIn(account.email, account.password)).status).toBe(303)
      browsers[viewer as keyof typeof browsers] = browser
    }
  })

  it('lists the audit log filters the admin page reads', async () => {
    // The audit log's form names its fields: the list above must send those, not guesses.
    const page = await browsers.admin.get('/admin/audit-log')
    expect(page.status).toBe(200)
    for (const param of ['who', 'what', 'record']) expect(page.text).toContain(`name="${param}"`)
  })

  it.each(PAGES.map((page) => [`${page.path} as ${page.viewer}`, page] as const))(
    '%s',
    async (_name, page) => {
      const seen = new Set<number>()
      await fc.assert(
        fc.asyncProperty(aQueryString(page.params), async (query) => {
          const url = query ? `${page.path}?${query}` : page.path
          const response =
            page.viewer === 'visitor'
              ? await request(testApp.app).get(url)
              : await browsers[page.viewer].get(url)
          seen.add(response.status)
          if (response.status >= 500) throw new Error(`${response.status} for ${url.slice(0, 300)}`)
        }),
        PROPERTY_RUNS,
      )
      // The viewer reached the page itself at least once, not only a sign-in redirect.
      expect(
        [...seen].some((status) => status === 200 || status === 400 || status === 404 || status === 410),
      ).toBe(true)
    },
  )

  /** A path segment: any text, escaped, or a broken escape as a hand-typed address has it. */
  const aSegment = fc.oneof(
    { arbitrary: aText.filter((text) => text !== '.' && text !== '..').map(encodeURIComponent), weight: 4 },
    {
      arbitrary: fc.constantFrom(
        '%',
        '%zz',
        '%E0%A4%A',
        '%00',
        '%2F',
        '1e3',
        '0x10',
        '-1',
        '0',
        '9007199254740993',
      ),
      weight: 1,
    },
  )
  const withParams = Object.entries(paths).filter(([, path]) => path.includes('/:'))

  it.each(withParams)(
    '%s with any id or slug in its address, as a visitor and an admin',
    async (_name, path) => {
      await fc.assert(
        fc.asyncProperty(aSegment, async (segment) => {
          // Big enough to reach the app, not so big that Node refuses the request line (431).
          const url = path.replace(/:[a-z]+/gi, segment.slice(0, 4000))
          for (const response of [await request(testApp.app).get(url), await browsers.admin.get(url)])
            if (response.status >= 500) throw new Error(`${response.status} for ${url.slice(0, 300)}`)
        }),
        { ...PROPERTY_RUNS, numRuns: Math.ceil(PROPERTY_RUNS.numRuns / 2) },
      )
    },
  )
})
