/**
 * Property-based (fast-check): every form that changes something, sent by the viewer it is for
 * with a good CSRF token and any fields at all (its own fields with odd or huge text, a field
 * sent twice, strangers, prototype keys), is answered with a page, a redirect or a plain
 * refusal, never a failure (5xx); and when it is refused (4xx), nothing was kept: every table
 * holds the rows it held before (sessions and the audit log aside, which record the asking).
 */
import fc from 'fast-check'
import { aBrowser, anAccount, csrfIn } from '../support/accounts'
import { PROPERTY_RUNS, encoded, fieldNamesIn, rowCounts, someFields } from '../support/hostileInput'
import { aDemoTestApp, type TestApp } from '../support/testApp'

// Signing in hashes a password with Argon2id: slow on a busy machine.
jest.setTimeout(60_000)

type Viewer = 'visitor' | 'member' | 'peerLead' | 'admin' | 'leaving'

interface Form {
  /** where the form is sent */
  to: string
  viewer: Viewer
  /** the page that shows the form, whose field names are sent; the form's own address unless said */
  from?: string
  /** fields the page does not show (another page's form, or one only a later step shows) */
  fields?: string[]
}

/** Every path in server/addresses.ts's formPaths, with a real record from the demo data. */
const FORMS: Form[] = [
  // Accounts and signing in: a visitor's forms.
  { to: '/create-account', viewer: 'visitor' },
  { to: '/confirm-email', viewer: 'visitor', fields: ['token'] },
  { to: '/sign-in', viewer: 'visitor' },
  { to: '/sign-in/email-link', viewer: 'visitor' },
  { to: '/sign-in/link', viewer: 'visitor', fields: ['token'] },
  { to: '/forgotten-password', viewer: 'visitor' },
  { to: '/reset-password', viewer: 'visitor', fields: ['token', 'password'] },
  { to: '/sign-in/code', viewer: 'visitor', fields: ['code'] },
  { to: '/sign-in/recovery-code', viewer: 'visitor', fields: ['code', 'recoveryCode'] },
  { to: '/introductions/answer', viewer: 'visitor', fields: ['token', 'answer', 'reason'] },
  { to: '/put-me-in-touch', viewer: 'visitor', from: '/put-me-in-touch?from=hub&hub=thanet' },
  { to: '/put-me-in-touch?from=service&id=1', viewer: 'visitor', from: '/put-me-in-touch?from=service&id=1' },
  { to: '/claim-your-profile', viewer: 'member', fields: ['token'] },
  { to: '/services/1/suggest-a-change', viewer: 'visitor' },
  { to: '/organisations/1/suggest-a-change', viewer: 'visitor' },
  { to: '/places/1/suggest-a-change', viewer: 'visitor' },
  { to: '/suggest-a-new-group', viewer: 'visitor', from: '/suggest-a-new-group?hub=thanet' },
  { to: '/suggest-a-new-group', viewer: 'member', from: '/suggest-a-new-group?hub=thanet' },
  // A signed-in member's own account and profile.
  { to: '/account/password', viewer: 'member' },
  { to: '/account/email', viewer: 'member' },
  { to: '/account/email/confirm', viewer: 'member', fields: ['token'] },
  { to: '/account/keep-alive', viewer: 'member', from: '/account' },
  { to: '/account/two-step', viewer: 'member', fields: ['code'] },
  { to: '/account/two-step/recovery-codes', viewer: 'member', from: '/account', fields: ['password'] },
  { to: '/account/two-step/turn-off', viewer: 'member', from: '/account', fields: ['password'] },
  { to: '/your-profile/pause', viewer: 'member', from: '/your-profile', fields: ['action'] },
  { to: '/your-profile/withdraw', viewer: 'member' },
  ...['name', 'where', 'hub', 'skills', 'sharing', 'contact', 'who-can-see', 'agreement', 'check'].map(
    (step): Form => ({
      to: `/share-your-skills/${step}`,
      viewer: 'member',
      from: '/share-your-skills/name',
      fields: [
        'firstName',
        'lastName',
        'where',
        'placeChoice',
        'hub',
        'skills',
        'ownWords',
        'share',
        'howOften',
        'availability',
        'contactWays',
        'phone',
        'email',
        'visibility',
        'agree',
        'consent',
      ],
    }),
  ),
  // Thanet's peer lead: a person, introductions, registering, listings, suggestions.
  { to: '/coordinate/people/1/contact', viewer: 'peerLead' },
  {
    to: '/coordinate/introductions/1/choose',
    viewer: 'peerLead',
    from: '/coordinate/introductions/1',
    fields: ['personId'],
  },
  { to: '/coordinate/introductions/1/ask', viewer: 'peerLead', from: '/coordinate/introductions/1' },
  {
    to: '/coordinate/introductions/1/answer',
    viewer: 'peerLead',
    from: '/coordinate/introductions/1',
    fields: ['answer', 'note'],
  },
  {
    to: '/coordinate/introductions/2/how-it-went',
    viewer: 'peerLead',
    from: '/coordinate/introductions/2',
    fields: ['outcome', 'note'],
  },
  { to: '/coordinate/introductions/1/close', viewer: 'peerLead', fields: ['reason', 'note'] },
  {
    to: '/coordinate/introductions/1/pass-on',
    viewer: 'peerLead',
    from: '/coordinate/introductions/1',
    fields: ['hub', 'note'],
  },
  { to: '/coordinate/introductions/1/contact', viewer: 'peerLead', fields: ['reason'] },
  { to: '/coordinate/register', viewer: 'peerLead' },
  {
    to: '/coordinate/people/1/consent-checked',
    viewer: 'peerLead',
    from: '/coordinate/people/1',
    fields: ['day', 'month', 'year', 'method'],
  },
  { to: '/coordinate/people/1/claim-link', viewer: 'peerLead' },
  {
    to: '/coordinate/people/1/download',
    viewer: 'peerLead',
    from: '/coordinate/people/1',
    fields: ['reason'],
  },
  { to: '/coordinate/people/1/delete', viewer: 'peerLead' },
  { to: '/coordinate/services/26/checked', viewer: 'peerLead' },
  { to: '/coordinate/services/26/archive', viewer: 'peerLead' },
  { to: '/coordinate/organisations/11/checked', viewer: 'peerLead' },
  { to: '/coordinate/organisations/11/archive', viewer: 'peerLead' },
  { to: '/coordinate/places/10/checked', viewer: 'peerLead' },
  { to: '/coordinate/places/10/archive', viewer: 'peerLead' },
  { to: '/coordinate/suggestions/1', viewer: 'peerLead' },
  // An admin: accounts (the demo's account 1, not one signed in here), hubs, imports.
  { to: '/admin/accounts/1/role', viewer: 'admin' },
  { to: '/admin/accounts/1/disable', viewer: 'admin' },
  { to: '/admin/accounts/1/enable', viewer: 'admin' },
  { to: '/admin/hubs/new', viewer: 'admin' },
  { to: '/admin/hubs/thanet/edit', viewer: 'admin' },
  { to: '/admin/hubs/thanet/people', viewer: 'admin', from: '/admin/hubs/thanet/edit' },
  { to: '/admin/import', viewer: 'admin' },
  { to: '/admin/import/0123456789abcdef0123456789abcdef', viewer: 'admin' },
  // Last, as someone else: forms that end the session or the account they are sent from.
  { to: '/your-profile/delete', viewer: 'leaving' },
  { to: '/account/sign-out-everywhere', viewer: 'leaving' },
  { to: '/sign-out', viewer: 'leaving', from: '/account' },
]

/** Forms whose success signs the browser out, so a later run may find its token gone. */
const ENDS_THE_SESSION = ['/your-profile/delete', '/account/sign-out-everywhere', '/sign-out']

describe('any form sent by its viewer, with its token, never fails and keeps nothing it refuses', () => {
  let testApp: TestApp
  const browsers = {} as Record<Viewer, ReturnType<typeof aBrowser>>

  beforeAll(async () => {
    testApp = aDemoTestApp()
    const thanet = (testApp.db.prepare(`SELECT id FROM hubs WHERE slug = 'thanet'`).get() as { id: number })
      .id
    const accounts = {
      member: await anAccount(testApp.db, { role: 'member', hubIds: [thanet] }),
      peerLead: await anAccount(testApp.db, { role: 'peer_lead', hubIds: [thanet] }),
      admin: await anAccount(testApp.db, { role: 'admin' }),
      leaving: await anAccount(testApp.db, { role: 'member', hubIds: [thanet] }),
    }
    browsers.visitor = aBrowser(testApp.app)
    for (const [viewer, account] of Object.entries(accounts)) {
      const browser = aBrowser(testApp.app)
      expect((await browser.signIn(account.email, account.password)).status).toBe(303)
      browsers[viewer as Viewer] = browser
    }
  })

  it('has a form for every path that takes forms', async () => {
    const { formPaths, paths } = await import('../../server/addresses')
    const { pathMatcher } = await import('../../server/middleware/methodNotAllowed')
    for (const name of formPaths) {
      const matches = pathMatcher([paths[name]])
      expect({ name, tested: FORMS.some((form) => matches(form.to.split('?')[0] ?? '')) }).toEqual({
        name,
        tested: true,
      })
    }
  })

  it.each(FORMS.map((form) => [`${form.to} as ${form.viewer}`, form] as const))('%s', async (_name, form) => {
    const browser = browsers[form.viewer]
    const page = await browser.get(form.from ?? form.to)
    const token = csrfIn(/name="_csrf"/.test(page.text) ? page.text : (await browser.get('/sign-in')).text)
    const known = [...new Set([...fieldNamesIn(page.text), ...(form.fields ?? [])])]
    const statuses: number[] = []
    await fc.assert(
      fc.asyncProperty(someFields(known), async (fields) => {
        const before = rowCounts(testApp.db)
        const response = await browser.agent
          .post(form.to)
          .type('form')
          .send(encoded([...fields, ['_csrf', token]]))
        statuses.push(response.status)
        if (response.status >= 500) throw new Error(`${response.status}: ${response.text.slice(0, 500)}`)
        const refusedForItsToken =
          response.status === 403 && response.text.includes('Sorry, that did not work')
        if (refusedForItsToken && !ENDS_THE_SESSION.includes(form.to))
          throw new Error('The form was refused for its token, so its fields were never read')
        if (response.status >= 400) expect(rowCounts(testApp.db)).toEqual(before)
      }),
      PROPERTY_RUNS,
    )
    expect(statuses.length).toBeGreaterThan(0)
  })
})
