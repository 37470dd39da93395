/**
 * "Your profile" (issue 10), through the app as a browser uses it: cookies, forms and their
 * CSRF tokens. Margaret shares her skills with everyone in the Thanet hub; so does Dev, whose
 * data must never reach Margaret's pages or her download. Pausing, withdrawing consent and
 * deleting each take her off every public page, search and count at the next request.
 */
import request from 'supertest'
import { aHub } from '../builders'
import { aBrowser, aMovableClock, anAccount } from '../support/accounts'
import { aTestApp, type TestApp } from '../support/testApp'
import type { SharingAnswers } from '../../server/services/sharing/contract'
import { columnsHolding, shareSkills } from '../support/sharing'

// Signing in hashes a password with Argon2id: slow on a busy machine.
jest.setTimeout(60_000)

const decode = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&')

/** A profile made as the question pages make it: each page's answers saved, then finished. */
const sharesTheirSkills = (testApp: TestApp, accountId: number, answers: SharingAnswers): number =>
  shareSkills(testApp.services.sharing, accountId, {
    agreedVersion: testApp.services.sharing.consentStatement().version,
    ...answers,
  })

const MARGARET: SharingAnswers = {
  firstName: 'Margaret',
  lastName: 'Hillcrest',
  postcodeDistrict: 'CT9',
  placeLabel: 'Margate',
  hubSlug: 'thanet',
  skills: ['tablets-and-phones'],
  skillsInOwnWords: 'I taught my neighbours to make video calls.',
  wouldLikeToShare: 'Showing people how to use their tablets.',
  howOften: 'few-hours-month',
  availability: 'Tuesday mornings',
  contactWays: ['through-hub', 'phone', 'email'],
  phone: '07700 900123',
  email: 'margaret.own@example.com',
  visibility: 'public',
}

const DEV: SharingAnswers = {
  firstName: 'Devendra',
  lastName: 'Okonkwo',
  postcodeDistrict: 'CT10',
  placeLabel: 'Broadstairs',
  hubSlug: 'thanet',
  skills: ['tablets-and-phones'],
  skillsInOwnWords: 'Retired engineer who likes puzzles.',
  wouldLikeToShare: 'Fixing settings on phones.',
  howOften: 'most-weeks',
  availability: 'Afternoons',
  contactWays: ['through-hub', 'phone'],
  phone: '07700 900987',
  visibility: 'public',
}

/** What of Dev's must never reach Margaret's pages or her download. */
const DEVS_OWN = ['Okonkwo', '07700 900987', 'dev.account@example.org', 'Retired engineer', 'CT10']

/** Every place a public profile shows up, or is counted, for a visitor. */
const PUBLIC_PAGES = {
  people: '/people',
  peopleInHub: '/people?hub=thanet',
  peopleWithSkill: '/people?skill=tablets-and-phones',
  hub: '/hubs/thanet',
  hubs: '/hubs',
  // "People near you who share this skill", from the hub's own centre.
  search: '/search?q=tablets&lat=51.36&lng=1.4',
  markers: '/map/markers.json?bbox=1.2,51.3,1.5,51.45&zoom=12',
}

describe('your profile', () => {
  let testApp: TestApp
  let margaret: { id: number; email: string; password: string }
  let dev: { id: number; email: string; password: string }
  const clock = aMovableClock('2026-12-01T10:00:00Z')

  beforeEach(async () => {
    testApp = aTestApp({ clock, config: { privacyMinCount: 5 } })
    const { db } = testApp
    aHub(db, { slug: 'thanet', name: 'Thanet', latitude: 51.36, longitude: 1.4, radiusMiles: 6 })
    margaret = await anAccount(db, { email: 'margaret.account@example.org', name: 'Margaret' })
    dev = await anAccount(db, { email: 'dev.account@example.org', name: 'Dev' })
    sharesTheirSkills(testApp, margaret.id, MARGARET)
    sharesTheirSkills(testApp, dev.id, DEV)
  })

  async function signedInAs(account: { email: string; password: string }) {
    const browser = aBrowser(testApp.app, { clock })
    expect((await browser.signIn(account.email, account.password)).status).toBe(303)
    return browser
  }

  /** What a visitor sees on each public page, and how many people the hub list counts in Thanet. */
  async function whatVisitorsSee() {
    const seen: Record<string, boolean> = {}
    for (const [name, path] of Object.entries(PUBLIC_PAGES)) {
      const response = await request(testApp.app).get(path).expect(200)
      seen[name] = response.text.includes('Margaret')
    }
    const hubs = (await request(testApp.app).get('/hubs').expect(200)).text
    const count = /href="\/hubs\/thanet"[\s\S]*?data-public-count="(\d+)"/.exec(hubs)?.[1] ?? '0'
    const search = (await request(testApp.app).get(PUBLIC_PAGES.search)).text
    return {
      seen,
      namedInThanet: Number(count),
      nearbyPanel: search.includes('People near you who share this skill'),
    }
  }

  const everywhere = {
    people: true,
    peopleInHub: true,
    peopleWithSkill: true,
    hub: true,
    hubs: false,
    search: true,
    // The map's markers are groups and places only: they never hold a person, shown or not.
    markers: false,
  }
  const nowhere = Object.fromEntries(Object.keys(everywhere).map((name) => [name, false]))

  it('shows Margaret her answers beside what each kind of viewer sees, and nobody else’s', async () => {
    const browser = await signedInAs(margaret)
    const response = await browser.get('/your-profile').expect(200)
    const html = decode(response.text)

    expect(response.headers['cache-control']).toBe('no-store')
    expect(html).toContain('<title>Your profile – Common Ground</title>')
    expect(html.match(/<h1/g)).toHaveLength(1)
    expect(html).toContain('data-status="shown"')
    // Her own view: everything she gave, contact details too.
    for (const own of ['Margaret Hillcrest', 'CT9', '07700 900123', 'margaret.own@example.com']) {
      expect(html).toContain(own)
    }
    expect(html).toContain('Tablets and phones')
    expect(html).toContain('A few hours a month')
    // Each answer has its Change link to its question page, which comes back here.
    for (const step of ['name', 'where', 'hub', 'skills', 'sharing', 'contact', 'who-can-see', 'agreement']) {
      expect(html).toContain(`href="/share-your-skills/${step}?from=profile"`)
    }
    // What others see, at each of the three choices, her own marked; never contact details.
    expect(html.match(/class="govuk-summary-card"/g)).toHaveLength(3)
    expect(html.match(/This is what you chose/g)).toHaveLength(1)
    const chosen = html.slice(html.indexOf('data-preview="chosen"'))
    expect(chosen).toMatch(/^data-preview="chosen">\s*<div[^>]*>\s*<h3[^>]*>Everyone<\/h3>/)
    const previews = html.slice(html.indexOf('id="what-others-see"'), html.indexOf('id="your-data"'))
    expect(previews.match(/Margaret H\./g)).toHaveLength(3)
    for (const hidden of ['Hillcrest', '07700 900123', 'margaret.own@example.com', 'CT9']) {
      expect(previews).not.toContain(hidden)
    }
    for (const his of [...DEVS_OWN, 'Devendra']) expect(html).not.toContain(his)
  })

  it('pausing hides her from every public page and count at once; showing it again brings her back', async () => {
    expect(await whatVisitorsSee()).toEqual({ seen: everywhere, namedInThanet: 2, nearbyPanel: true })
    const browser = await signedInAs(margaret)

    const paused = await browser.submit('/your-profile', '/your-profile/pause', { action: 'pause' })
    expect(paused.status).toBe(303)
    expect(paused.headers.location).toBe('/your-profile')
    const page = await browser.get('/your-profile').expect(200)
    expect(page.text).toContain('Your profile is paused. Nobody else can see it.')
    expect(page.text).toContain('data-status="paused"')
    expect(page.text).toContain('Show my profile again')
    // Dev is still shown, so the panel is there, without her.
    expect(await whatVisitorsSee()).toEqual({ seen: nowhere, namedInThanet: 1, nearbyPanel: true })

    const resumed = await browser.submit('/your-profile/pause', '/your-profile/pause', { action: 'resume' })
    expect(resumed.status).toBe(303)
    expect((await browser.get('/your-profile')).text).toContain('Your profile is shown again.')
    expect(await whatVisitorsSee()).toEqual({ seen: everywhere, namedInThanet: 2, nearbyPanel: true })
  })

  it('the pause page says what pausing does, and its button pauses', async () => {
    const browser = await signedInAs(margaret)
    const page = await browser.get('/your-profile/pause').expect(200)
    expect(page.text).toContain('<h1 class="govuk-heading-l">Pause your profile</h1>')
    expect(page.text).toContain('nobody else can see it')
    expect(page.text).toContain('name="action" value="pause"')
    const paused = await browser.submit('/your-profile/pause', '/your-profile/pause', { action: 'pause' })
    expect(paused.status).toBe(303)
    expect(await whatVisitorsSee()).toMatchObject({ seen: nowhere, namedInThanet: 1 })
  })

  it('withdrawing consent says what happens first, hides her at once, and says how to give it again', async () => {
    const browser = await signedInAs(margaret)
    const before = decode((await browser.get('/your-profile').expect(200)).text)
    expect(before).toContain(
      'We keep your answers for 90 days, so that you can change your mind; then we delete your answers and your account.',
    )
    const confirm = await browser.get('/your-profile/withdraw').expect(200)
    expect(confirm.text).toContain('<h1 class="govuk-heading-l">Withdraw your consent</h1>')
    expect(confirm.text).toContain(
      'your profile disappears at once from every page, every search and the map',
    )
    expect(confirm.text).toContain(
      'we keep your answers for 90 days, so that you can change your mind and give your consent again',
    )
    expect(confirm.text).toContain(
      'after 90 days, if you have not given your consent again, we delete your answers and your account for good',
    )
    expect(confirm.text).toContain('Withdraw my consent')

    const withdrawn = await browser.submit('/your-profile/withdraw', '/your-profile/withdraw', {})
    expect(withdrawn.status).toBe(303)
    expect(withdrawn.headers.location).toBe('/your-profile')
    const page = decode((await browser.get('/your-profile').expect(200)).text)
    expect(page).toContain('data-status="withdrawn"')
    expect(page).toContain('You have withdrawn your consent. Nobody else can see your profile.')
    // Withdrawn on 1 December 2026: kept 90 days, to 1 March 2027, and no longer.
    expect(page).toContain(
      'We keep your answers until 1 March 2027, so that you can change your mind and give your consent again. If you do not, we then delete your answers and your account for good.',
    )
    expect(page).toContain('href="/share-your-skills/agreement?from=profile"')
    expect(page).toContain('Give your consent again')
    // Nothing to pause or withdraw now.
    expect(page).not.toContain('Pause my profile')
    expect(page).not.toContain('href="/your-profile/withdraw"')
    expect(await whatVisitorsSee()).toEqual({ seen: nowhere, namedInThanet: 1, nearbyPanel: true })
    // The audit log says who withdrew, and when; the consent keeps when it was withdrawn.
    const { rows } = testApp.services.repositories.auditLog.find(
      { accountId: margaret.id, action: 'consent-withdrawn' },
      { offset: 0, limit: 10 },
    )
    expect(rows).toMatchObject([{ accountId: margaret.id, recordType: 'person', at: '2026-12-01T10:00:00Z' }])
    expect(testApp.services.profiles.profileOf(margaret.id)?.consent?.withdrawnAt).toBe(
      '2026-12-01T10:00:00Z',
    )
    // Asking to withdraw again just goes back to the profile.
    expect((await browser.get('/your-profile/withdraw')).headers.location).toBe('/your-profile')
  })

  it('the download is one JSON file of every record about her and nothing of anyone else', async () => {
    const browser = await signedInAs(margaret)
    // Paused, her data is all still hers to download.
    expect((await browser.submit('/your-profile', '/your-profile/pause', { action: 'pause' })).status).toBe(
      303,
    )
    const response = await browser.get('/your-profile/download').expect(200)

    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="common-ground-your-data-2026-12-01.json"',
    )
    expect(response.headers['cache-control']).toBe('no-store')
    const text = response.text
    const data = JSON.parse(text) as Record<string, unknown>
    expect(data).toEqual(testApp.services.profiles.download(margaret.id))
    // Each kind of record, with a few words on what it is.
    expect(data).toMatchObject({
      account: { id: margaret.id, email: 'margaret.account@example.org' },
      profile: { lastName: 'Hillcrest', phone: '07700 900123', status: 'paused' },
      skills: [{ code: 'tablets-and-phones' }],
      consents: [{ method: 'online', recordedByAccountId: margaret.id, withdrawnAt: null }],
      introductions: [],
    })
    expect(String(data.aboutThisFile)).toContain('consents')
    const audit = data.auditEntries as { action: string; accountId: number | null }[]
    expect(audit.map((entry) => entry.action)).toContain('profile-paused')
    expect(audit.every((entry) => entry.accountId === margaret.id)).toBe(true)
    for (const hers of [
      'margaret.account@example.org',
      'Hillcrest',
      '07700 900123',
      'margaret.own@example.com',
      'CT9',
      'tablets-and-phones',
      'I taught my neighbours to make video calls.',
      testApp.services.sharing.consentStatement().version,
    ]) {
      expect(text).toContain(hers)
    }
    for (const his of [...DEVS_OWN, 'Devendra']) expect(text).not.toContain(his)
  })

  it('deleting says what goes and what stays, then erases her, signs her out and cannot be signed into', async () => {
    const browser = aBrowser(testApp.app, { clock })
    const signedIn = await browser.signIn(margaret.email, margaret.password)
    const oldSession = browser.sessionId(signedIn)
    expect(oldSession).not.toBeNull()
    const confirm = await browser.get('/your-profile/delete').expect(200)
    expect(confirm.text).toContain('<h1 class="govuk-heading-l">Delete your data</h1>')
    for (const goes of ['your profile', 'your consents', 'emails we kept for you', 'your account']) {
      expect(confirm.text).toContain(goes)
    }
    expect(confirm.text).toContain('only counts that do not say who you are')
    expect(confirm.text).toMatch(/class="govuk-button govuk-button--warning"[^>]*>Delete my data</)
    expect(confirm.text).toContain('href="/your-profile">Cancel</a>')

    const deleted = await browser.submit('/your-profile/delete', '/your-profile/delete', {})
    expect(deleted.status).toBe(303)
    expect(deleted.headers.location).toBe('/your-profile/deleted')
    expect(String(deleted.headers['set-cookie'])).toMatch(/cg_session=;.*Expires=Thu, 01 Jan 1970/)

    const done = await request(testApp.app).get('/your-profile/deleted').expect(200)
    expect(done.text).toContain('Your data has been deleted')
    expect(done.text.match(/<h1/g)).toHaveLength(1)
    // The old session cookie, sent again as it was, is signed out.
    const withOldCookie = await request(testApp.app)
      .get('/your-profile')
      .set('Cookie', `cg_session=${oldSession}`)
    expect(withOldCookie.status).toBe(303)
    expect(withOldCookie.headers.location).toMatch(/^\/sign-in/)
    // The account is gone: its password signs nobody in.
    const again = await aBrowser(testApp.app, { clock }).signIn(margaret.email, margaret.password)
    expect(again.status).not.toBe(303)
    expect(again.text).toContain('There is a problem')

    expect(await whatVisitorsSee()).toEqual({ seen: nowhere, namedInThanet: 1, nearbyPanel: true })
    expect(testApp.services.profiles.profileOf(margaret.id)).toBeNull()
    expect(testApp.services.profiles.profileOf(dev.id)).not.toBeNull()
    // No table, index or outbox holds what was hers; Dev's is all still there.
    for (const hers of [
      'Hillcrest',
      'margaret.account@example.org',
      '07700 900123',
      'margaret.own@example.com',
    ]) {
      expect({ hers, columns: columnsHolding(testApp.db, hers) }).toEqual({ hers, columns: [] })
    }
    expect(columnsHolding(testApp.db, 'Okonkwo')).not.toEqual([])
  })

  it('refuses a form sent without its CSRF token, or with a wrong one, and changes nothing', async () => {
    const browser = await signedInAs(margaret)
    for (const [path, fields] of [
      ['/your-profile/pause', { action: 'pause' }],
      ['/your-profile/withdraw', {}],
      ['/your-profile/delete', {}],
    ] as const) {
      const without = await browser.agent.post(path).type('form').send(fields)
      expect(without.status).toBe(403)
      expect(without.text).toContain('Sorry, that did not work')
      const wrong = await browser.agent
        .post(path)
        .type('form')
        .send({ ...fields, _csrf: 'not-the-token' })
      expect(wrong.status).toBe(403)
    }
    expect(testApp.services.profiles.profileOf(margaret.id)?.status).toBe('shown')
    expect(await whatVisitorsSee()).toMatchObject({ seen: everywhere, namedInThanet: 2 })
  })

  it('acts only on the signed-in person: a form that names someone else is refused', async () => {
    const browser = await signedInAs(margaret)
    const response = await browser.submit('/your-profile', '/your-profile/pause', {
      action: 'pause',
      accountId: String(dev.id),
    })
    expect(response.status).toBe(400)
    expect(testApp.services.profiles.profileOf(margaret.id)?.status).toBe('shown')
    expect(testApp.services.profiles.profileOf(dev.id)?.status).toBe('shown')
  })

  it('sends a signed-out visitor to sign in, and back to the page after', async () => {
    for (const path of [
      '/your-profile',
      '/your-profile/pause',
      '/your-profile/withdraw',
      '/your-profile/download',
      '/your-profile/delete',
    ]) {
      const response = await request(testApp.app).get(path)
      expect(response.status).toBe(303)
      expect(response.headers.location).toBe(`/sign-in?return=${encodeURIComponent(path)}`)
    }
    // A form sent with a visitor's own token changes nothing and goes to sign in.
    const visitor = aBrowser(testApp.app)
    const sent = await visitor.submit('/sign-in', '/your-profile/delete', {})
    expect(sent.status).toBe(303)
    expect(sent.headers.location).toMatch(/^\/sign-in/)
    expect(testApp.services.profiles.profileOf(margaret.id)).not.toBeNull()
  })

  it('someone who has not shared their skills is offered "Share your skills", on the profile and account pages', async () => {
    const newcomer = await anAccount(testApp.db, { name: 'Nell' })
    const browser = await signedInAs(newcomer)
    const page = decode((await browser.get('/your-profile').expect(200)).text)
    expect(page).toContain('You have not shared your skills yet.')
    expect(page).toContain('href="/share-your-skills"')
    expect(page).toContain('href="/your-profile/delete"')
    expect(page).not.toContain('Margaret')
    const account = decode((await browser.get('/account').expect(200)).text)
    expect(account).toContain('href="/share-your-skills">Share your skills</a>')

    const margaretsAccount = (await (await signedInAs(margaret)).get('/account').expect(200)).text
    expect(margaretsAccount).toContain('href="/your-profile">Your profile</a>')
  })

  it('a coordinator signed in sees their own profile, like anyone', async () => {
    const coordinator = await anAccount(testApp.db, { role: 'coordinator', allHubs: true })
    sharesTheirSkills(testApp, coordinator.id, { ...MARGARET, firstName: 'Colin', lastName: 'Coordinator' })
    const browser = await signedInAs(coordinator)
    const page = (await browser.get('/your-profile').expect(200)).text
    expect(page).toContain('Colin Coordinator')
    expect(page).not.toContain('Hillcrest')
    expect(page).not.toContain('Okonkwo')
  })
})
