/**
 * Keeping organisations and places fresh (issue 12), as stories over a small Thanet and
 * Sheffield on 1 December 2026: an organisation checked 13 months ago is on Thanet's list
 * beside a stale place and a stale group, oldest first and each marked with what it is; its
 * peer lead marks it as checked by email; an organisation and a place not checked for 18
 * months warn their readers; archiving an organisation or a place says how many of its groups
 * stay listed, and its address then answers 410 and it leaves search.
 */
import request from 'supertest'
import { fixedClock } from '../../server/services/clock'
import { aHub, anOrganisation, aPlace, aService } from '../builders'
import { aBrowser, anAccount } from '../support/accounts'
import { aTestApp, type TestApp } from '../support/testApp'

// Signing in hashes passwords with Argon2id: slow on a busy machine.
jest.setTimeout(60_000)

const TODAY = '2026-12-01T10:00:00Z'
const MARGATE = { latitude: 51.3813, longitude: 1.3862 }
const SHEFFIELD = { latitude: 53.3811, longitude: -1.4701 }

describe('keeping organisations and places fresh', () => {
  let testApp: TestApp
  let thanet: number
  let neighbours: number
  let library: number
  let staleGroup: number
  let sheffieldOrganisation: number
  const browsers = {} as Record<'member' | 'thanetLead' | 'sheffieldCoordinator', ReturnType<typeof aBrowser>>
  let leadId: number

  beforeAll(async () => {
    const clock = fixedClock(TODAY)
    testApp = aTestApp({ clock })
    const db = testApp.db
    thanet = aHub(db, { slug: 'thanet', name: 'Thanet', ...MARGATE })
    const sheffield = aHub(db, { slug: 'sheffield', name: 'Sheffield', ...SHEFFIELD })
    // Checked 13 months ago; works in Thanet and Sheffield, so it is on both hubs' lists.
    neighbours = anOrganisation(db, {
      name: 'Cliftonville Good Neighbours',
      hubIds: [thanet, sheffield],
      lastChecked: '2025-11-01',
    })
    library = aPlace(db, {
      name: 'Old Town Library',
      hubId: thanet,
      organisationId: neighbours,
      lastChecked: '2025-10-15',
      ...MARGATE,
    })
    staleGroup = aService(db, {
      name: 'Library knit and natter',
      hubId: thanet,
      organisationId: neighbours,
      placeIds: [library],
      lastChecked: '2025-11-20',
    })
    aService(db, { name: 'Harbour walk', hubId: thanet, organisationId: neighbours, placeIds: [library] })
    sheffieldOrganisation = anOrganisation(db, {
      name: 'Heeley Friends',
      hubIds: [sheffield],
      lastChecked: '2025-01-01',
    })
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

  const checksOf = (organisationId: number) =>
    testApp.db
      .prepare(
        `SELECT how, checked_by_account_id AS accountId, checked_at AS at
           FROM organization_checks WHERE organization_id = ?`,
      )
      .all(organisationId)
  const auditOf = (action: string, recordType: string, id: number) =>
    testApp.db
      .prepare(
        `SELECT account_id AS accountId, reason, detail FROM audit_log
          WHERE action = ? AND record_type = ? AND record_id = ?`,
      )
      .all(action, recordType, String(id))

  it('puts the organisation checked 13 months ago on Thanet’s list, with the place and the group, oldest first', async () => {
    const home = await browsers.thanetLead.get('/coordinate')
    expect(home.status).toBe(200)
    expect(home.text).toContain(
      '3 listings have not been checked in 12 months: 1 group, 1 organisation and 1 place.',
    )
    expect(home.text).toContain(
      `Organisation: <a class="govuk-link" href="/organisations/${neighbours}">Cliftonville Good Neighbours</a>, last checked November 2025`,
    )

    const list = await browsers.thanetLead.get('/coordinate/hubs/thanet/needs-checking')
    expect(list.status).toBe(200)
    const place = list.text.indexOf(`href="/places/${library}"`)
    const organisation = list.text.indexOf(`href="/organisations/${neighbours}"`)
    const group = list.text.indexOf(`href="/services/${staleGroup}"`)
    // October, then 1 November, then 20 November.
    expect(place).toBeGreaterThan(-1)
    expect(place).toBeLessThan(organisation)
    expect(organisation).toBeLessThan(group)
    expect(list.text).toContain('>Organisation</strong>')
    expect(list.text).toContain('>Place</strong>')
    expect(list.text).toContain('>Group</strong>')
    expect(list.text).toContain(`/coordinate/organisations/${neighbours}/checked`)
    expect(list.text).toContain(`/coordinate/places/${library}/archive`)
    // Sheffield's organisation is not Thanet's.
    expect(list.text).not.toContain('Heeley Friends')
  })

  it('reads each kind from its own index of last-checked dates, never a whole hub', () => {
    const plan = (sql: string) =>
      (testApp.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((row) => row.detail)
        .join(' | ')
    expect(
      plan(
        `SELECT COUNT(*) FROM organization_hubs WHERE hub_id = 1 AND organization_status = 'published' AND organization_last_checked < '2025-12-01'`,
      ),
    ).toContain('organization_hubs_published_by_checked')
    expect(
      plan(
        `SELECT COUNT(*) FROM locations WHERE hub_id = 1 AND status = 'published' AND last_checked < '2025-12-01'`,
      ),
    ).toContain('locations_published_by_hub_checked')
  })

  it('refuses another hub’s coordinator an organisation only Thanet has, a member and a visitor', async () => {
    const thanetOnly = anOrganisation(testApp.db, { name: 'Margate Friends', hubIds: [thanet] })
    expect(
      (await browsers.sheffieldCoordinator.get(`/coordinate/organisations/${thanetOnly}/checked`)).status,
    ).toBe(403)
    expect((await browsers.sheffieldCoordinator.get(`/coordinate/places/${library}/archive`)).status).toBe(
      403,
    )
    expect(
      (await browsers.thanetLead.get(`/coordinate/organisations/${sheffieldOrganisation}/checked`)).status,
    ).toBe(403)
    expect((await browsers.member.get(`/coordinate/organisations/${neighbours}/checked`)).status).toBe(403)
    const visitor = await request(testApp.app).get(`/coordinate/places/${library}/checked`)
    expect(visitor.status).toBe(303)
    expect(visitor.headers.location).toContain('/sign-in')
    // An organisation of two hubs is looked after from either.
    expect(
      (await browsers.sheffieldCoordinator.get(`/coordinate/organisations/${neighbours}/checked`)).status,
    ).toBe(200)
    expect(checksOf(neighbours)).toHaveLength(0)
  })

  it('shows the checking links on an organisation’s and a place’s page only to those who look after them', async () => {
    const link = `/coordinate/organisations/${neighbours}/checked`
    expect((await browsers.thanetLead.get(`/organisations/${neighbours}`)).text).toContain(link)
    expect((await browsers.member.get(`/organisations/${neighbours}`)).text).not.toContain(link)
    expect((await browsers.thanetLead.get(`/places/${library}`)).text).toContain(
      `/coordinate/places/${library}/archive`,
    )
    expect((await browsers.sheffieldCoordinator.get(`/places/${library}`)).text).not.toContain(
      '/coordinate/places/',
    )
  })

  it('marking the organisation checked takes it off the list, records who and how, and its page says this month', async () => {
    const noAnswer = await browsers.thanetLead.submit(
      `/coordinate/organisations/${neighbours}/checked`,
      `/coordinate/organisations/${neighbours}/checked`,
      {},
    )
    expect(noAnswer.status).toBe(400)
    expect(noAnswer.text).toContain('Choose how you checked it')

    const response = await browsers.thanetLead.submit(
      `/coordinate/organisations/${neighbours}/checked`,
      `/coordinate/organisations/${neighbours}/checked`,
      { how: 'email' },
    )
    expect(response.status).toBe(303)
    expect(response.headers.location).toBe('/coordinate/hubs/thanet/needs-checking?done=checked')
    expect(checksOf(neighbours)).toEqual([{ how: 'email', accountId: leadId, at: '2026-12-01T10:00:00Z' }])
    expect(auditOf('listing-checked', 'organisation', neighbours)).toEqual([
      { accountId: leadId, reason: null, detail: 'Checked by email' },
    ])

    const list = await browsers.thanetLead.get('/coordinate/hubs/thanet/needs-checking?done=checked')
    expect(list.text).toContain('The listing was marked as checked')
    expect(list.text).not.toContain(`href="/organisations/${neighbours}"`)
    expect(list.text).toContain('2 listings have not been checked in 12 months: 1 group and 1 place.')
    // Off Sheffield's list too: one check is for every hub it works in.
    expect(
      (await browsers.sheffieldCoordinator.get('/coordinate/hubs/sheffield/needs-checking')).text,
    ).not.toContain('Cliftonville Good Neighbours')
    const page = await request(testApp.app).get(`/organisations/${neighbours}`)
    expect(page.text).toContain('Last checked: December 2026')
    const form = await browsers.thanetLead.get(`/coordinate/organisations/${neighbours}/checked`)
    expect(form.text).toContain('December 2026</time>, by email, by Pat Lead')
  })

  it('tells readers of an organisation or a place not checked for 18 months to call or ask first', async () => {
    const page = await request(testApp.app).get(`/organisations/${sheffieldOrganisation}`)
    expect(page.text).toContain('This was last checked over a year ago, in January 2025; call before you go.')
    const oldHall = aPlace(testApp.db, { name: 'Drill Hall', hubId: thanet, lastChecked: '2025-04-02' })
    const hall = await request(testApp.app).get(`/places/${oldHall}`)
    expect(hall.text).toContain('Last checked: April 2025')
    expect(hall.text).toContain(
      'This was last checked over a year ago, in April 2025; ask the organisers before you go.',
    )
    expect((await request(testApp.app).get(`/places/${library}`)).text).not.toContain('over a year ago')
  })

  it('archiving an organisation says its groups stay listed, then answers 410 and leaves search', async () => {
    const closing = anOrganisation(testApp.db, { name: 'Westbrook Lantern Society', hubIds: [thanet] })
    const lanternWalk = aService(testApp.db, { name: 'Lantern walk', hubId: thanet, organisationId: closing })
    expect((await request(testApp.app).get('/search?q=lantern+society')).text).toContain(
      `href="/organisations/${closing}"`,
    )

    const confirm = await browsers.thanetLead.get(`/coordinate/organisations/${closing}/archive`)
    expect(confirm.status).toBe(200)
    expect(confirm.text).toContain('Westbrook Lantern Society runs 1 group or activity that is still listed.')
    expect(confirm.text).toContain(`/coordinate/services/${lanternWalk}/archive`)

    const noReason = await browsers.thanetLead.submit(
      `/coordinate/organisations/${closing}/archive`,
      `/coordinate/organisations/${closing}/archive`,
      { reason: ' ' },
    )
    expect(noReason.status).toBe(400)
    expect(noReason.text).toContain('Enter why you are archiving it')
    expect((await request(testApp.app).get(`/organisations/${closing}`)).status).toBe(200)

    const archived = await browsers.thanetLead.submit(
      `/coordinate/organisations/${closing}/archive`,
      `/coordinate/organisations/${closing}/archive`,
      { reason: 'The society wound up in the autumn.' },
    )
    expect(archived.status).toBe(303)
    expect(auditOf('listing-archived', 'organisation', closing)).toEqual([
      { accountId: leadId, reason: 'The society wound up in the autumn.', detail: null },
    ])

    const page = await request(testApp.app).get(`/organisations/${closing}`)
    expect(page.status).toBe(410)
    expect(page.text).toContain('This organisation has closed')
    expect(page.text).toContain('The society wound up in the autumn.')
    expect(page.text).toContain('Groups and activities nearby')
    expect((await request(testApp.app).get('/search?q=lantern+society')).text).not.toContain(
      `href="/organisations/${closing}"`,
    )
    // Its group was not archived with it.
    expect((await request(testApp.app).get(`/services/${lanternWalk}`)).status).toBe(200)
    expect((await request(testApp.app).get('/download/organisations.csv')).text).not.toContain(
      'Westbrook Lantern Society',
    )
    expect((await browsers.thanetLead.get(`/coordinate/organisations/${closing}/archive`)).status).toBe(404)
  })

  it('archiving a place warns about the groups that meet there, then answers 410 and leaves search', async () => {
    const hall = aPlace(testApp.db, { name: 'Pier Pavilion', hubId: thanet, ...MARGATE })
    aService(testApp.db, { name: 'Pavilion tea dance', hubId: thanet, placeIds: [hall] })
    expect((await request(testApp.app).get('/search?q=pier+pavilion')).text).toContain(
      `href="/places/${hall}"`,
    )

    const confirm = await browsers.thanetLead.get(`/coordinate/places/${hall}/archive`)
    expect(confirm.text).toContain('1 group or activity still listed meets here.')
    expect(confirm.text).toContain('Pavilion tea dance')

    const archived = await browsers.thanetLead.submit(
      `/coordinate/places/${hall}/archive`,
      `/coordinate/places/${hall}/archive`,
      { reason: 'The pavilion was sold.' },
    )
    expect(archived.status).toBe(303)
    const page = await request(testApp.app).get(`/places/${hall}`)
    expect(page.status).toBe(410)
    expect(page.text).toContain('This place has closed')
    expect(page.text).toContain('The pavilion was sold.')
    // Groups still meeting nearby, at the library.
    expect(page.text).toContain(`href="/services/${staleGroup}"`)
    expect((await request(testApp.app).get('/search?q=pier+pavilion')).text).not.toContain(
      `href="/places/${hall}"`,
    )
  })
})
