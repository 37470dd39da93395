/**
 * Coordinators and peer leads (issue 11): the coordinator home, Find local expertise, a
 * person's page and "Show contact details", over the demo data (Thanet's people who can help
 * with tablets), told as stories of who may see whom.
 */
import request from 'supertest'
import { importDemoPostcodesIfEmpty } from '../../db/demoPostcodes'
import { loadGazetteerIfEmpty } from '../../db/gazetteer'
import { aPerson, writers } from '../builders'
import { aBrowser, anAccount } from '../support/accounts'
import { aDemoTestApp, type TestApp } from '../support/testApp'

// Signing in hashes passwords with Argon2id: slow on a busy machine.
jest.setTimeout(60_000)

interface PersonRow {
  id: number
  firstName: string
  email: string | null
  phone: string | null
  hubId: number
}

describe('coordinators and peer leads', () => {
  let testApp: TestApp
  let thanet: number
  let sheffield: number
  const browsers = {} as Record<
    'member' | 'thanetLead' | 'thanetCoordinator' | 'admin',
    ReturnType<typeof aBrowser>
  >
  const accountIds = {} as Record<keyof typeof browsers, number>

  const personNamed = (firstName: string, lastName: string): PersonRow =>
    testApp.db
      .prepare(
        'SELECT id, first_name AS firstName, email, phone, hub_id AS hubId FROM people WHERE first_name = ? AND last_name = ?',
      )
      .get(firstName, lastName) as PersonRow
  const peopleOfHub = (hubId: number): PersonRow[] =>
    testApp.db
      .prepare(
        'SELECT id, first_name AS firstName, email, phone, hub_id AS hubId FROM people WHERE hub_id = ?',
      )
      .all(hubId) as PersonRow[]
  const revealsOf = (personId: number) =>
    testApp.db
      .prepare(
        `SELECT account_id AS accountId, record_type AS recordType, record_id AS recordId, reason, at
           FROM audit_log WHERE action = 'contact-details-shown' AND record_id = ?`,
      )
      .all(String(personId)) as { accountId: number; recordType: string; recordId: string; reason: string }[]

  /** No email address or phone number of these people is anywhere in the page. */
  const expectNoContactDetails = (html: string, people: PersonRow[]) => {
    for (const person of people) {
      if (person.email) expect(html).not.toContain(person.email)
      if (person.phone) expect(html).not.toContain(person.phone)
    }
  }

  beforeAll(async () => {
    testApp = aDemoTestApp()
    await importDemoPostcodesIfEmpty(testApp.db)
    loadGazetteerIfEmpty(testApp.db)
    const hubId = (slug: string) =>
      (testApp.db.prepare('SELECT id FROM hubs WHERE slug = ?').get(slug) as { id: number }).id
    thanet = hubId('thanet')
    sheffield = hubId('sheffield')
    const accounts = {
      member: await anAccount(testApp.db, { role: 'member', hubIds: [thanet] }),
      thanetLead: await anAccount(testApp.db, { role: 'peer_lead', hubIds: [thanet] }),
      thanetCoordinator: await anAccount(testApp.db, { role: 'coordinator', hubIds: [thanet] }),
      admin: await anAccount(testApp.db, { role: 'admin' }),
    }
    for (const [name, account] of Object.entries(accounts)) {
      const browser = aBrowser(testApp.app)
      expect((await browser.signIn(account.email, account.password)).status).toBe(303)
      browsers[name as keyof typeof browsers] = browser
      accountIds[name as keyof typeof browsers] = account.id
    }
  })

  describe('who may come in', () => {
    const pages = () => {
      const pauline = personNamed('Pauline', 'Harker')
      return [
        '/coordinate',
        '/coordinate/expertise?hub=thanet&skill=tablets-and-phones',
        `/coordinate/people/${pauline.id}`,
        `/coordinate/people/${pauline.id}/contact`,
      ]
    }

    it('sends a visitor to sign in, and back to the page after', async () => {
      for (const page of pages()) {
        const response = await request(testApp.app).get(page)
        expect(response.status).toBe(303)
        expect(response.headers.location).toBe(`/sign-in?return=${encodeURIComponent(page)}`)
      }
    })

    it('shows a member the 403 page on every /coordinate page, and a person who does not exist is 403 too', async () => {
      for (const page of [...pages(), '/coordinate/people/999999']) {
        const response = await browsers.member.get(page)
        expect(response.status).toBe(403)
        expect(response.text).toContain('You cannot see this page')
      }
    })

    it('refuses a member who sends the reason form', async () => {
      const pauline = personNamed('Pauline', 'Harker')
      const before = revealsOf(pauline.id).length
      const response = await browsers.member.submit('/sign-in', `/coordinate/people/${pauline.id}/contact`, {
        reason: 'I would like to ring her',
      })
      expect(response.status).toBe(403)
      expect(response.text).not.toContain(pauline.phone as string)
      expect(revealsOf(pauline.id)).toHaveLength(before)
    })

    it('gives staff a Coordinate link in the header, and members none', async () => {
      expect((await browsers.thanetLead.get('/')).text).toContain('href="/coordinate"')
      expect((await browsers.admin.get('/')).text).toContain('href="/coordinate"')
      expect((await browsers.member.get('/')).text).not.toContain('href="/coordinate"')
    })
  })

  describe('the coordinator home', () => {
    it('shows a peer lead of Thanet their hub, with its new members and consents to check, and a link to find expertise there', async () => {
      // Someone who joined Thanet this week, and someone who has paused.
      aPerson(testApp.db, {
        firstName: 'Newcomer',
        lastName: 'Jones',
        hubId: thanet,
        createdAt: new Date().toISOString().slice(0, 19) + 'Z',
      })
      const paused = aPerson(testApp.db, {
        firstName: 'Resting',
        lastName: 'Smith',
        hubId: thanet,
        createdAt: '2025-06-01T10:00:00Z',
      })
      writers(testApp.db).people.setPausedAt(paused, '2026-11-20T10:00:00Z')
      const response = await browsers.thanetLead.get('/coordinate')
      expect(response.status).toBe(200)
      expect(response.text).toContain('<h1 class="govuk-heading-l">Coordinate</h1>')
      expect(response.text).toContain('Thanet')
      expect(response.text).not.toContain('Sheffield')
      expect(response.text).toMatch(/1 new member in the last 30 days: Newcomer J\./)
      expect(response.text).toMatch(/1 person has no consent in force, or has paused/)
      expect(response.text).toContain('href="/coordinate/expertise?hub&#x3D;thanet"')
      expect(response.text).not.toContain('coming soon')
    })

    it('pages the hubs 10 at a time for an admin, who looks after every hub', async () => {
      const first = await browsers.admin.get('/coordinate')
      expect(first.status).toBe(200)
      expect(first.text).toContain('You look after every hub')
      const sections = first.text.match(/<section /g) ?? []
      expect(sections.length).toBeGreaterThan(0)
      expect(sections.length).toBeLessThanOrEqual(10)
    })
  })

  describe('the way to the hub editor', () => {
    it('links a coordinator of all hubs and an admin to the hubs they may make and change, from both homes; nobody else', async () => {
      const allHubs = aBrowser(testApp.app)
      const account = await anAccount(testApp.db, { role: 'coordinator', allHubs: true })
      expect((await allHubs.signIn(account.email, account.password)).status).toBe(303)
      for (const browser of [allHubs, browsers.admin]) {
        const home = await browser.get('/coordinate')
        expect(home.text).toContain('<a class="govuk-link" href="/admin/hubs">Hubs</a>')
        expect((await browser.get('/admin/hubs')).status).toBe(200)
      }
      const adminHome = await browsers.admin.get('/admin')
      expect(adminHome.text).toMatch(/<a class="govuk-link[^"]*" href="\/admin\/hubs">Hubs<\/a>/)
      for (const browser of [browsers.thanetLead, browsers.thanetCoordinator]) {
        const home = await browser.get('/coordinate')
        expect(home.status).toBe(200)
        expect(home.text).not.toContain('href="/admin/hubs"')
      }
    })
  })

  describe('finding local expertise', () => {
    it('finds Thanet people who can help with tablets, of every visibility, first name and initial only, and never their contact details', async () => {
      const response = await browsers.thanetLead.get(
        '/coordinate/expertise?hub=thanet&skill=tablets-and-phones',
      )
      expect(response.status).toBe(200)
      // 'coordinators', 'hub' and 'public' people alike
      expect(response.text).toContain('Derek A.')
      expect(response.text).toContain('Pauline H.')
      expect(response.text).toContain('Brenda S.')
      expect(response.text).not.toContain('Harker')
      expect(response.text).toContain('8 people found in Thanet')
      expect(response.text).toContain('Through the hub or by phone')
      expect(response.text).toContain('A few hours a week')
      expectNoContactDetails(response.text, peopleOfHub(thanet))
      // Someone who cannot help with tablets is not there.
      expect(response.text).not.toContain('Margaret L.')
    })

    it('finds tablets people from the word "ipad" (the skill’s own other words), and people by their own words', async () => {
      const ipad = await browsers.thanetLead.get('/coordinate/expertise?hub=thanet&q=ipad')
      expect(ipad.status).toBe(200)
      expect(ipad.text).toContain('Derek A.')
      expect(ipad.text).toContain('Yvonne O.')
      expect(ipad.text).not.toContain('Margaret L.')
      const guitar = await browsers.thanetLead.get('/coordinate/expertise?hub=thanet&q=guitar')
      expect(guitar.text).toContain('Tony Q.')
      expect(guitar.text).toContain('1 person found')
    })

    it('finds people within a distance of a place, nearest first, only in hubs the viewer looks after', async () => {
      const near = await browsers.thanetLead.get(
        '/coordinate/expertise?skill=tablets-and-phones&where=Margate&miles=3',
      )
      expect(near.status).toBe(200)
      expect(near.text).toContain('within 3 miles of Margate')
      expect(near.text).toContain('Pauline H.')
      expect(near.text).toMatch(/miles? away/)
      // Ramsgate (CT11) is further than a mile from Margate: the smallest distance leaves it out.
      const close = await browsers.thanetLead.get(
        '/coordinate/expertise?skill=tablets-and-phones&where=Margate&miles=1',
      )
      expect(close.text).toContain('Pauline H.')
      expect(close.text).not.toContain('Yvonne O.')
      // Near Sheffield a peer lead of Thanet finds nobody: Sheffield is not theirs.
      const sheffieldNear = await browsers.thanetLead.get(
        '/coordinate/expertise?skill=tablets-and-phones&where=Sheffield&miles=10',
      )
      expect(sheffieldNear.status).toBe(200)
      expect(sheffieldNear.text).toContain('Nobody found')
      expect(sheffieldNear.text).not.toContain('Christine B.')
    })

    it('shows the error summary for a search with no hub or place, or an unknown skill, keeping what was typed', async () => {
      const response = await browsers.thanetCoordinator.get(
        '/coordinate/expertise?q=knitting&skill=juggling&hub=&where=',
      )
      expect(response.status).toBe(400)
      expect(response.text).toContain('<title>Error: Find local expertise')
      expect(response.text).toContain('There is a problem')
      expect(response.text).toContain('Choose a skill from the list')
      expect(response.text).toContain('value="knitting"')
      const unknownPlace = await browsers.thanetCoordinator.get(
        '/coordinate/expertise?where=Nowhereville&hub=thanet',
      )
      expect(unknownPlace.status).toBe(400)
      expect(unknownPlace.text).toContain('href="#where"')
    })

    it('lets an admin, who looks after every hub, name the hub by typing it', async () => {
      const response = await browsers.admin.get(
        '/coordinate/expertise?hub=Sheffield&skill=tablets-and-phones',
      )
      expect(response.status).toBe(200)
      expect(response.text).toContain('Christine B.')
      expect(response.text).not.toContain('Pauline H.')
      expectNoContactDetails(response.text, peopleOfHub(sheffield))
      const unknown = await browsers.admin.get('/coordinate/expertise?hub=Atlantis')
      expect(unknown.status).toBe(400)
      expect(unknown.text).toContain('No hub has that name')
    })

    it('never shows people who have paused or withdrawn consent', async () => {
      const withdrawn = aPerson(testApp.db, {
        firstName: 'Withdrawnperson',
        hubId: thanet,
        postcodeDistrict: 'CT9',
        skills: ['tablets-and-phones'],
        visibility: 'coordinators',
        consent: 'withdrawn',
      })
      const paused = aPerson(testApp.db, {
        firstName: 'Pausedperson',
        hubId: thanet,
        postcodeDistrict: 'CT9',
        skills: ['tablets-and-phones'],
        visibility: 'public',
      })
      writers(testApp.db).people.setPausedAt(paused, '2026-11-20T10:00:00Z')
      for (const page of [
        '/coordinate/expertise?hub=thanet&skill=tablets-and-phones',
        '/coordinate/expertise?where=Margate&miles=10&q=tablet',
      ]) {
        const response = await browsers.thanetCoordinator.get(page)
        expect(response.status).toBe(200)
        expect(response.text).not.toContain('Withdrawnperson')
        expect(response.text).not.toContain('Pausedperson')
      }
      expect((await browsers.thanetCoordinator.get(`/coordinate/people/${withdrawn}`)).status).toBe(404)
      expect((await browsers.thanetCoordinator.get(`/coordinate/people/${paused}`)).status).toBe(404)
    })
  })

  describe('a peer lead of hub A and the people of hub B', () => {
    it('cannot search, see or reveal the people of Sheffield', async () => {
      const christine = personNamed('Christine', 'Bagshaw')
      expect(christine.hubId).toBe(sheffield)
      const search = await browsers.thanetLead.get(
        '/coordinate/expertise?hub=sheffield&skill=tablets-and-phones',
      )
      expect(search.status).toBe(403)
      expect(search.text).not.toContain('Christine')
      const page = await browsers.thanetLead.get(`/coordinate/people/${christine.id}`)
      expect(page.status).toBe(403)
      expect((await browsers.thanetLead.get(`/coordinate/people/${christine.id}/contact`)).status).toBe(403)
      const reveal = await browsers.thanetLead.submit(
        '/coordinate',
        `/coordinate/people/${christine.id}/contact`,
        {
          reason: 'A resident asked',
        },
      )
      expect(reveal.status).toBe(403)
      expectNoContactDetails(reveal.text, [christine])
      expect(revealsOf(christine.id)).toHaveLength(0)
    })

    it('never lists Sheffield people in a Thanet search', async () => {
      const response = await browsers.thanetLead.get('/coordinate/expertise?hub=thanet&q=tablet')
      for (const person of peopleOfHub(sheffield))
        expect(response.text).not.toContain(`/coordinate/people/${person.id}"`)
    })
  })

  describe('show contact details', () => {
    it('shows a person’s page as a coordinator sees it, with the button but without the details', async () => {
      const pauline = personNamed('Pauline', 'Harker')
      const response = await browsers.thanetLead.get(`/coordinate/people/${pauline.id}`)
      expect(response.status).toBe(200)
      expect(response.text).toContain('Pauline H.')
      expect(response.text).toContain('Show contact details')
      expectNoContactDetails(response.text, [pauline])
    })

    it('refuses a reveal without a reason: the error summary, and nothing in the audit log', async () => {
      const pauline = personNamed('Pauline', 'Harker')
      const before = revealsOf(pauline.id).length
      const page = `/coordinate/people/${pauline.id}/contact`
      const response = await browsers.thanetLead.submit(page, page, { reason: '   ' })
      expect(response.status).toBe(400)
      expect(response.text).toContain('<title>Error: ')
      expect(response.text).toContain('There is a problem')
      expect(response.text).toContain('Enter why you need this person’s contact details')
      expect(response.text).toContain('href="#reason"')
      expectNoContactDetails(response.text, [pauline])
      expect(revealsOf(pauline.id)).toHaveLength(before)
    })

    it('with a reason writes exactly one audit entry (who, whom, when, why) and shows the details she chose to share, kept by no browser', async () => {
      const pauline = personNamed('Pauline', 'Harker')
      const before = revealsOf(pauline.id).length
      const page = `/coordinate/people/${pauline.id}/contact`
      const response = await browsers.thanetLead.submit(page, page, {
        reason: 'Mrs Khan rang: she needs help with her tablet',
      })
      expect(response.status).toBe(200)
      expect(response.headers['cache-control']).toBe('no-store')
      expect(response.text).toContain(pauline.phone as string)
      expect(response.text).toContain(pauline.email as string)
      const entries = revealsOf(pauline.id)
      expect(entries).toHaveLength(before + 1)
      expect(entries.at(-1)).toMatchObject({
        accountId: accountIds.thanetLead,
        recordType: 'person',
        recordId: String(pauline.id),
        reason: 'Mrs Khan rang: she needs help with her tablet',
      })
    })

    it('shows only the ways a person chose: nothing but "through the hub" for someone who chose only that', async () => {
      const yvonne = personNamed('Yvonne', 'Okafor')
      const page = `/coordinate/people/${yvonne.id}/contact`
      const response = await browsers.thanetCoordinator.submit(page, page, { reason: 'To ask about a form' })
      expect(response.status).toBe(200)
      expectNoContactDetails(response.text, [yvonne])
      expect(response.text).toContain('only through the hub')
      expect(revealsOf(yvonne.id)).toHaveLength(1)
    })

    it('gives 404 for a person who does not exist, to someone who looks after a hub', async () => {
      expect((await browsers.thanetLead.get('/coordinate/people/999999')).status).toBe(404)
      expect((await browsers.thanetLead.get('/coordinate/people/999999/contact')).status).toBe(404)
    })

    it('lets an admin, who looks after every hub, reveal anyone with a reason', async () => {
      const christine = personNamed('Christine', 'Bagshaw')
      const page = `/coordinate/people/${christine.id}/contact`
      const response = await browsers.admin.submit(page, page, { reason: 'Checking a complaint' })
      expect(response.status).toBe(200)
      expect(revealsOf(christine.id)).toHaveLength(1)
    })
  })
})
