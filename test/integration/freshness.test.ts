/**
 * Keeping listings fresh (issue 12), told as stories over a small Thanet and Sheffield on
 * 1 December 2026: a lunch club checked 13 months ago is on Thanet's list and its peer lead
 * marks it as checked; a stale group sinks below an equally good fresh one in search; a closed
 * group is archived and its address says so, with similar groups nearby.
 */
import request from 'supertest'
import { fixedClock } from '../../server/services/clock'
import { aHub, aPlace, aService } from '../builders'
import { aBrowser, anAccount } from '../support/accounts'
import { aTestApp, type TestApp } from '../support/testApp'

// Signing in hashes passwords with Argon2id: slow on a busy machine.
jest.setTimeout(60_000)

const TODAY = '2026-12-01T10:00:00Z'
const MARGATE = { latitude: 51.3813, longitude: 1.3862 }
const SHEFFIELD = { latitude: 53.3811, longitude: -1.4701 }

describe('keeping listings fresh', () => {
  let testApp: TestApp
  let thanet: number
  let hall: number
  let stale: number
  let fresh: number
  let farAway: number
  let sheffieldGroup: number
  const browsers = {} as Record<'member' | 'thanetLead' | 'sheffieldCoordinator', ReturnType<typeof aBrowser>>
  let leadId: number

  const inThanet = (name: string, lastChecked: string, categories = ['lunch-clubs'], at = hall) =>
    aService(testApp.db, {
      name,
      hubId: thanet,
      lastChecked,
      categories,
      placeIds: [at],
      schedules: [{ byday: 'TU' }],
    })

  beforeAll(async () => {
    const clock = fixedClock(TODAY)
    testApp = aTestApp({ clock })
    const db = testApp.db
    thanet = aHub(db, { slug: 'thanet', name: 'Thanet', ...MARGATE })
    const sheffield = aHub(db, { slug: 'sheffield', name: 'Sheffield', ...SHEFFIELD })
    hall = aPlace(db, { name: 'Trinity Hall', hubId: thanet, ...MARGATE })
    // Same words, same place: only when they were checked sets them apart.
    stale = inThanet('Harbour lunch club', '2025-11-01')
    fresh = inThanet('Harbour lunch club, Cliftonville', '2026-10-01')
    farAway = inThanet(
      'Lunch club by the bay',
      '2026-09-01',
      ['lunch-clubs'],
      aPlace(db, { hubId: thanet, latitude: 51.35, longitude: 1.42 }),
    )
    sheffieldGroup = aService(db, { name: 'Heeley lunch club', hubId: sheffield, lastChecked: '2024-01-10' })
    const accounts = {
      member: await anAccount(db, { role: 'member', hubIds: [thanet] }),
      thanetLead: await anAccount(db, { role: 'peer_lead', hubIds: [thanet], name: 'Pat Lead' }),
      sheffieldCoordinator: await anAccount(db, { role: 'coordinator', hubIds: [sheffield] }),
    }
    leadId = accounts.thanetLead.id
    for (const [name, account] of Object.entries(accounts)) {
      const browser = aBrowser(testApp.app, { clock })
      expect((await browser.signIn(account.email, account.password)).status).toBe(303)
      browsers[name as keyof typeof browsers] = browser
    }
  })

  const checksOf = (serviceId: number) =>
    testApp.db
      .prepare(
        'SELECT how, checked_by_account_id AS accountId, checked_at AS at FROM service_checks WHERE service_id = ?',
      )
      .all(serviceId)
  const auditOf = (action: string, serviceId: number) =>
    testApp.db
      .prepare(
        'SELECT account_id AS accountId, reason, detail FROM audit_log WHERE action = ? AND record_id = ?',
      )
      .all(action, String(serviceId))

  it('ranks a group checked 13 months ago below an equally relevant fresh one, near a place and not', async () => {
    const near = await request(testApp.app).get(
      `/search?q=harbour+lunch&lat=${MARGATE.latitude}&lng=${MARGATE.longitude}`,
    )
    expect(near.status).toBe(200)
    expect(near.text.indexOf('Harbour lunch club, Cliftonville')).toBeGreaterThan(-1)
    expect(near.text.indexOf('Harbour lunch club, Cliftonville')).toBeLessThan(
      near.text.indexOf('Harbour lunch club<'),
    )
    const anywhere = await request(testApp.app).get('/search?q=harbour+lunch')
    expect(anywhere.text.indexOf('Harbour lunch club, Cliftonville')).toBeLessThan(
      anywhere.text.indexOf('Harbour lunch club<'),
    )
  })

  it('shows a peer lead the group checked 13 months ago on the coordinator home and on Thanet’s list', async () => {
    const home = await browsers.thanetLead.get('/coordinate')
    expect(home.status).toBe(200)
    expect(home.text).toContain('1 listing has not been checked in 12 months: 1 group.')
    expect(home.text).toContain(
      `Group: <a class="govuk-link" href="/services/${stale}">Harbour lunch club</a>, last checked November 2025`,
    )
    expect(home.text).toContain('/coordinate/hubs/thanet/needs-checking')

    const list = await browsers.thanetLead.get('/coordinate/hubs/thanet/needs-checking')
    expect(list.status).toBe(200)
    expect(list.text).toContain('Harbour lunch club')
    expect(list.text).not.toContain('Harbour lunch club, Cliftonville')
    expect(list.text).toContain(`/coordinate/services/${stale}/checked`)
  })

  it('refuses another hub’s coordinator (403), a member (403) and a visitor (sign in)', async () => {
    expect((await browsers.sheffieldCoordinator.get('/coordinate/hubs/thanet/needs-checking')).status).toBe(
      403,
    )
    expect((await browsers.sheffieldCoordinator.get(`/coordinate/services/${stale}/checked`)).status).toBe(
      403,
    )
    expect(
      (
        await browsers.sheffieldCoordinator.submit(
          `/coordinate/services/${sheffieldGroup}/checked`,
          `/coordinate/services/${stale}/checked`,
          {
            how: 'phone',
          },
        )
      ).status,
    ).toBe(403)
    expect((await browsers.member.get('/coordinate/hubs/thanet/needs-checking')).status).toBe(403)
    expect((await browsers.member.get(`/coordinate/services/${stale}/archive`)).status).toBe(403)
    const visitor = await request(testApp.app).get('/coordinate/hubs/thanet/needs-checking')
    expect(visitor.status).toBe(303)
    expect(visitor.headers.location).toContain('/sign-in')
    expect(checksOf(stale)).toHaveLength(0)
  })

  it('shows the checking links on the page only to those who look after its hub', async () => {
    const link = `/coordinate/services/${stale}/checked`
    expect((await browsers.thanetLead.get(`/services/${stale}`)).text).toContain(link)
    expect((await browsers.sheffieldCoordinator.get(`/services/${stale}`)).text).not.toContain(link)
    expect((await request(testApp.app).get(`/services/${stale}`)).text).not.toContain(link)
  })

  it('asks how it was checked, keeping the page, and records nothing without an answer', async () => {
    const response = await browsers.thanetLead.submit(
      `/coordinate/services/${stale}/checked`,
      `/coordinate/services/${stale}/checked`,
      {},
    )
    expect(response.status).toBe(400)
    expect(response.text).toContain('There is a problem')
    expect(response.text).toContain('Choose how you checked it')
    expect(response.text).toMatch(/<title>Error: /)
    expect(checksOf(stale)).toHaveLength(0)
  })

  it('marking it checked takes it off the list, records who and how, and the page says this month', async () => {
    const response = await browsers.thanetLead.submit(
      `/coordinate/hubs/thanet/needs-checking`,
      `/coordinate/services/${stale}/checked`,
      { how: 'phone' },
    )
    expect(response.status).toBe(303)
    expect(response.headers.location).toBe('/coordinate/hubs/thanet/needs-checking?done=checked')

    expect(checksOf(stale)).toEqual([{ how: 'phone', accountId: leadId, at: '2026-12-01T10:00:00Z' }])
    expect(auditOf('listing-checked', stale)).toEqual([
      { accountId: leadId, reason: null, detail: 'Checked by phone' },
    ])
    const list = await browsers.thanetLead.get('/coordinate/hubs/thanet/needs-checking?done=checked')
    expect(list.text).toContain('The listing was marked as checked')
    expect(list.text).not.toContain(`/services/${stale}"`)
    expect(list.text).toContain('Every listing has been checked in the last 12 months.')
    const page = await request(testApp.app).get(`/services/${stale}`)
    expect(page.text).toContain('Last checked: December 2026')
    const form = await browsers.thanetLead.get(`/coordinate/services/${stale}/checked`)
    expect(form.text).toContain('December 2026</time>, by phone, by Pat Lead')
  })

  it('tells readers of a group not checked for 18 months to call before they go', async () => {
    const old = inThanet('Old soup kitchen', '2025-05-20')
    const page = await request(testApp.app).get(`/services/${old}`)
    expect(page.text).toContain('govuk-warning-text')
    expect(page.text).toContain('This was last checked over a year ago, in May 2025; call before you go.')
    const younger = await request(testApp.app).get(`/services/${stale}`)
    expect(younger.text).not.toContain('call before you go')
  })

  it('archives a group with a reason: 410 “This group has closed” with similar groups nearby, gone from search and the map', async () => {
    const closing = inThanet('Trinity lunch club', '2025-08-01')
    const searchFor = `/search?q=trinity+lunch&lat=${MARGATE.latitude}&lng=${MARGATE.longitude}`
    expect((await request(testApp.app).get(searchFor)).text).toContain('Trinity lunch club')

    const noReason = await browsers.thanetLead.submit(
      `/coordinate/services/${closing}/archive`,
      `/coordinate/services/${closing}/archive`,
      {
        reason: '  ',
      },
    )
    expect(noReason.status).toBe(400)
    expect(noReason.text).toContain('Enter why you are archiving it')
    expect((await request(testApp.app).get(`/services/${closing}`)).status).toBe(200)

    const archived = await browsers.thanetLead.submit(
      `/coordinate/services/${closing}/archive`,
      `/coordinate/services/${closing}/archive`,
      {
        reason: 'The hall closed in November.',
      },
    )
    expect(archived.status).toBe(303)
    expect(archived.headers.location).toBe('/coordinate/hubs/thanet/needs-checking?done=archived')
    expect(auditOf('listing-archived', closing)).toEqual([
      { accountId: leadId, reason: 'The hall closed in November.', detail: null },
    ])

    const page = await request(testApp.app).get(`/services/${closing}`)
    expect(page.status).toBe(410)
    expect(page.text).toContain('This group has closed')
    expect(page.text).toContain('The hall closed in November.')
    expect(page.text).toContain('Similar groups nearby')
    // The three nearest lunch clubs (all at its hall), never itself, not the fourth further out.
    expect(page.text).toContain(`href="/services/${fresh}"`)
    expect(page.text).toContain(`href="/services/${stale}"`)
    expect(page.text).not.toContain(`href="/services/${farAway}"`)
    expect(page.text).not.toContain(`href="/services/${closing}"`)

    expect((await request(testApp.app).get(searchFor)).text).not.toContain('Trinity lunch club')
    const markers = await request(testApp.app).get('/map/markers.json?bbox=1.3,51.3,1.5,51.45&zoom=16')
    expect(JSON.stringify(markers.body)).not.toContain('Trinity lunch club')
    expect((await request(testApp.app).get('/hubs/thanet')).text).not.toContain('Trinity lunch club')
    // It can be neither checked nor archived again.
    expect((await browsers.thanetLead.get(`/coordinate/services/${closing}/archive`)).status).toBe(404)
  })
})
