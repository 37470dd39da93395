import request from 'supertest'
import type { Db } from '../../db/connection'
import { fixedClock } from '../../server/services/clock'
import { aHub, anOrganisation, aPlace, aService } from '../builders'
import { aTestApp, type TestApp } from '../support/testApp'

/** Tuesday 1 December 2026, 10am in the UK. */
const TUESDAY_1_DECEMBER = fixedClock('2026-12-01T10:00:00Z')

const h1Count = (html: string) => (html.match(/<h1\b/g) ?? []).length
const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? ''

/** A walking group in Margate, as a resident would find it. */
function aMargateWalk(db: Db, overrides: Parameters<typeof aService>[1] = {}) {
  const hubId = aHub(db, { slug: 'thanet', name: 'Thanet' })
  const organisationId = anOrganisation(db, {
    name: 'Thanet Ramblers',
    description: 'Volunteers who lead short, friendly walks.',
    phone: '01632 960 123',
    email: 'walks@example.org',
    website: 'https://example.org/ramblers',
    hubIds: [hubId],
  })
  const placeId = aPlace(db, {
    name: 'Trinity Hall',
    address1: '12 Trinity Square',
    city: 'Margate',
    postalCode: 'CT9 1HR',
    hubId,
    organisationId,
    access: ['step-free', 'hearing-loop'],
  })
  const serviceId = aService(db, {
    name: 'Walk and talk',
    description: 'A gentle walk along the seafront, then tea.',
    eligibilityDescription: 'Anyone who can walk for half an hour',
    applicationProcess: 'Just turn up at the hall. No need to book.',
    organisationId,
    hubId,
    isFree: false,
    costAmountPence: 200,
    costOption: 'session',
    phone: '01632 960 456',
    email: 'walk@example.org',
    url: 'https://example.org/walk',
    lastChecked: '2026-03-14',
    categories: ['walking-groups'],
    placeIds: [placeId],
    schedules: [{ byday: 'TU', opensAt: '10:00', closesAt: '12:00' }],
    ...overrides,
  })
  return { hubId, organisationId, placeId, serviceId }
}

describe('listing pages', () => {
  let app: TestApp['app']
  let db: Db

  beforeEach(() => {
    ;({ app, db } = aTestApp({ clock: TUESDAY_1_DECEMBER }))
  })

  describe('a service page', () => {
    it('tells a resident what the walk is, when, where, what it costs, who runs it and when it was checked', async () => {
      const { serviceId, placeId, organisationId } = aMargateWalk(db)

      const response = await request(app).get(`/services/${serviceId}`)

      expect(response.status).toBe(200)
      expect(h1Count(response.text)).toBe(1)
      expect(titleOf(response.text)).toContain('Walk and talk')
      expect(response.text).toContain('A gentle walk along the seafront, then tea.')
      expect(response.text).toContain('Anyone who can walk for half an hour')
      expect(response.text).toContain('Every Tuesday, 10am to 12 noon')
      expect(response.text).toContain('£2 a session')
      expect(response.text).toContain('Just turn up at the hall. No need to book.')
      expect(response.text).toContain(`href="/places/${placeId}">Trinity Hall</a>`)
      expect(response.text).toContain('12 Trinity Square')
      expect(response.text).toContain('CT9 1HR')
      expect(response.text).toContain('Step-free access: yes')
      expect(response.text).toContain('Hearing loop: yes')
      expect(response.text).toContain('Parking: not known')
      expect(response.text).toContain(`href="/organisations/${organisationId}">Thanet Ramblers</a>`)
      expect(response.text).toContain('Last checked: March 2026')
      expect(response.text).toContain('href="/hubs/thanet"')
    })

    it('puts the phone and how to join right under the heading and its summary, before the description', async () => {
      const { serviceId } = aMargateWalk(db)

      const html = (await request(app).get(`/services/${serviceId}`)).text

      const heading = html.indexOf('<h1')
      const summaryLine = html.indexOf('Every Tuesday, 10am to 12 noon. Next: today. £2 a session.')
      const phone = html.indexOf('href="tel:01632960456"')
      const howToJoin = html.indexOf('Just turn up at the hall. No need to book.')
      // The description is also the page's meta description, so look for it after the heading.
      const description = html.indexOf('A gentle walk along the seafront, then tea.', heading)
      expect(heading).toBeGreaterThan(-1)
      expect(summaryLine).toBeGreaterThan(heading)
      expect(howToJoin).toBeGreaterThan(summaryLine)
      expect(phone).toBeGreaterThan(summaryLine)
      expect(description).toBeGreaterThan(Math.max(phone, howToJoin))
    })

    it('gives a group with no phone its way to join near the top instead', async () => {
      const { serviceId } = aMargateWalk(db, {
        phone: null,
        applicationProcess: 'Email Sam to book a place.',
      })

      const html = (await request(app).get(`/services/${serviceId}`)).text

      expect(html).not.toContain('href="tel:')
      const heading = html.indexOf('<h1')
      expect(html.indexOf('Email Sam to book a place.')).toBeGreaterThan(heading)
      expect(html.indexOf('Email Sam to book a place.')).toBeLessThan(
        html.indexOf('A gentle walk along the seafront, then tea.', heading),
      )
    })

    it('links to directions on OpenStreetMap from the place’s own point, in the same tab', async () => {
      const { serviceId } = aMargateWalk(db)

      const html = (await request(app).get(`/services/${serviceId}`)).text

      const link =
        /<a class="govuk-link" href="([^"]+)">Directions to Trinity Hall \(OpenStreetMap\)<\/a>/.exec(html)
      expect(link?.[1]?.replace(/&#x3D;/g, '=')).toBe(
        'https://www.openstreetmap.org/directions?to=51.3813,1.3862',
      )
    })

    it('warns plainly, with the month, when it was not checked for 18 months before today', async () => {
      const { serviceId } = aMargateWalk(db, { lastChecked: '2025-03-14' })
      const recent = aService(db, { name: 'Checked this year', lastChecked: '2026-01-20' })
      const overAYear = aService(db, { name: 'Checked 17 months ago', lastChecked: '2025-07-01' })

      const old = (await request(app).get(`/services/${serviceId}`)).text

      expect(old).toContain('This was last checked over a year ago, in March 2025; call before you go.')
      expect(old).toContain('govuk-warning-text')
      for (const id of [recent, overAYear]) {
        const html = (await request(app).get(`/services/${id}`)).text
        expect(html).toContain('Last checked:')
        expect(html).not.toContain('over a year ago')
      }
    })

    it('gives the phone as a link that rings, the email and the website', async () => {
      const { serviceId } = aMargateWalk(db)

      const response = await request(app).get(`/services/${serviceId}`)

      expect(response.text).toContain('href="tel:01632960456">01632 960 456</a>')
      expect(response.text).toContain('href="mailto:walk@example.org"')
      expect(response.text).toContain('href="https://example.org/walk"')
    })

    it('links each of its categories to a search for more like it', async () => {
      const { serviceId } = aMargateWalk(db)

      const response = await request(app).get(`/services/${serviceId}`)

      expect(response.text).toMatch(/href="\/search\?category(=|&#x3D;)walking-groups"/)
    })

    it('says "Comes to your home" for a befriending call that has no venue', async () => {
      const serviceId = aService(db, { name: 'Phone a friend', comesToHome: true, placeIds: [] })

      const response = await request(app).get(`/services/${serviceId}`)

      expect(response.status).toBe(200)
      expect(response.text).toContain('Comes to your home')
    })

    it('says "By phone", not "Comes to your home", for a befriending call that phones you', async () => {
      const serviceId = aService(db, { name: 'Phone friends', byPhone: true, placeIds: [] })

      const response = await request(app).get(`/services/${serviceId}`)

      expect(response.text).toContain('By phone')
      expect(response.text).not.toContain('Comes to your home')
      expect(response.text).not.toContain('Ask the organisers where it happens')
    })

    it('shows breadcrumbs back home and to the search', async () => {
      const { serviceId } = aMargateWalk(db)

      const response = await request(app).get(`/services/${serviceId}`)

      expect(response.text).toContain('class="govuk-breadcrumbs"')
      expect(response.text).toContain('href="/search">Find help</a>')
    })

    it('names an organisation that is not yet published without linking to a page that would not be found', async () => {
      const organisationId = anOrganisation(db, { name: 'New Friends Club', status: 'draft' })
      const serviceId = aService(db, { organisationId })

      const response = await request(app).get(`/services/${serviceId}`)

      expect(response.text).toContain('New Friends Club')
      expect(response.text).not.toContain(`href="/organisations/${organisationId}"`)
    })

    it('leaves out a venue that is not published', async () => {
      const hidden = aPlace(db, { name: 'Secret Venue', status: 'draft' })
      const serviceId = aService(db, { placeIds: [hidden] })

      const response = await request(app).get(`/services/${serviceId}`)

      expect(response.status).toBe(200)
      expect(response.text).not.toContain('Secret Venue')
    })
  })

  describe('an organisation page', () => {
    it('says what the organisation does, how to contact it, its hubs and its published groups', async () => {
      const { organisationId } = aMargateWalk(db)
      aService(db, {
        organisationId,
        name: 'Nordic walking',
        schedules: [{ byday: 'TH', opensAt: '14:00', closesAt: '15:00' }],
      })
      aService(db, { organisationId, name: 'Unfinished listing', status: 'draft' })

      const response = await request(app).get(`/organisations/${organisationId}`)

      expect(response.status).toBe(200)
      expect(h1Count(response.text)).toBe(1)
      expect(titleOf(response.text)).toContain('Thanet Ramblers')
      expect(response.text).toContain('Volunteers who lead short, friendly walks.')
      expect(response.text).toContain('href="tel:01632960123"')
      expect(response.text).toContain('walks@example.org')
      expect(response.text).toContain('href="https://example.org/ramblers"')
      expect(response.text).toContain('href="/hubs/thanet">Thanet</a>')
      expect(response.text).toContain('Walk and talk')
      expect(response.text).toContain('Nordic walking')
      expect(response.text).toContain('Thursdays, 2pm to 3pm')
      expect(response.text).not.toContain('Unfinished listing')
    })
  })

  describe('a place page', () => {
    it('gives the address, how easy it is to get in and around, what happens there and its hub', async () => {
      const { placeId } = aMargateWalk(db)

      const response = await request(app).get(`/places/${placeId}`)

      expect(response.status).toBe(200)
      expect(h1Count(response.text)).toBe(1)
      expect(titleOf(response.text)).toContain('Trinity Hall')
      expect(response.text).toContain('12 Trinity Square')
      expect(response.text).toContain('Step-free access: yes')
      expect(response.text).toContain('Hearing loop: yes')
      expect(response.text).toMatch(/Directions to Trinity Hall \(OpenStreetMap\)/)
      expect(response.text).toContain('What happens here')
      expect(response.text).toContain('Walk and talk')
      expect(response.text).toContain('Tuesdays, 10am to 12 noon')
      expect(response.text).toContain('href="/hubs/thanet"')
    })

    it('tells a hall with no hearing loop from one where nobody recorded it', async () => {
      const noLoop = aPlace(db, {
        name: 'Harbour Rooms',
        access: ['step-free', { code: 'hearing-loop', available: false }],
      })
      const notRecorded = aPlace(db, { name: 'Church Rooms', access: ['step-free'] })

      const saysNo = (await request(app).get(`/places/${noLoop}`)).text
      const saysNotKnown = (await request(app).get(`/places/${notRecorded}`)).text

      expect(saysNo).toContain('Hearing loop: no')
      expect(saysNo).not.toContain('Hearing loop: not known')
      expect(saysNotKnown).toContain('Hearing loop: not known')
      expect(saysNotKnown).not.toContain('Hearing loop: no<')
      expect(saysNotKnown).toContain('"Not known" means nobody has told us yet.')
    })

    it('is never shown on its hub’s page as having a feature it said it does not have', async () => {
      const hubId = aHub(db, { slug: 'thanet', name: 'Thanet' })
      aPlace(db, {
        name: 'Harbour Rooms',
        hubId,
        access: ['step-free', { code: 'hearing-loop', available: false }],
      })

      const html = (await request(app).get('/hubs/thanet')).text

      expect(html).toContain('Harbour Rooms')
      expect(html).toContain('Step-free access')
      expect(html).not.toMatch(/Hearing loop(?!: no)/i)
    })

    it('does not list a draft group as happening there', async () => {
      const placeId = aPlace(db, { name: 'Church Hall' })
      aService(db, { name: 'Not ready yet', placeIds: [placeId], status: 'draft' })

      const response = await request(app).get(`/places/${placeId}`)

      expect(response.status).toBe(200)
      expect(response.text).not.toContain('Not ready yet')
      expect(response.text).toContain('There are no groups or activities listed here at the moment.')
    })
  })

  describe('a result card', () => {
    /** A lunch club at a hall in Margate, with a resident searching from just up the road. */
    function aLunchClub(schedules: NonNullable<Parameters<typeof aService>[1]>['schedules']) {
      const organisationId = anOrganisation(db, { name: 'Friends of Cliftonville' })
      const placeId = aPlace(db, {
        name: 'Trinity Hall',
        city: 'Margate',
        latitude: 51.3813,
        longitude: 1.3862,
        access: ['step-free', { code: 'hearing-loop', available: false }],
      })
      return aService(db, {
        name: 'Lunch club',
        organisationId,
        placeIds: [placeId],
        isFree: false,
        costAmountPence: 350,
        costOption: 'meal',
        schedules,
      })
    }
    const searchNearby = () => request(app).get('/search?q=lunch+club&lat=51.3850&lng=1.3900')

    it('shows a resident the next date of a Thursday lunch club, this week', async () => {
      aLunchClub([{ byday: 'TH', opensAt: '12:00', closesAt: '14:00' }])

      const html = (await searchNearby()).text

      expect(html).toContain('Thursdays, 12 noon to 2pm')
      expect(html).toContain('Next: Thursday 3 December')
    })

    it('shows a Monday lunch club’s next date in the week after, over the weekend', async () => {
      aLunchClub([{ byday: 'MO', opensAt: '12:00', closesAt: '14:00' }])

      expect((await searchNearby()).text).toContain('Next: Monday 7 December')
    })

    it('says "Next: today" for a lunch club meeting today', async () => {
      aLunchClub([{ byday: 'TU', opensAt: '12:00', closesAt: '14:00' }])

      expect((await searchNearby()).text).toContain('Next: today')
    })

    it('gives no next date where the times cannot say, such as every other week', async () => {
      aLunchClub([{ byday: 'TH', opensAt: '12:00', closesAt: '14:00', interval: 2 }])

      const html = (await searchNearby()).text
      expect(html).toContain('Every other Thursday, 12 noon to 2pm')
      expect(html).not.toContain('Next:')
    })

    it('puts the name first, then when and how far, then cost and access, then who runs it, then the last check', async () => {
      aLunchClub([{ byday: 'TH', opensAt: '12:00', closesAt: '14:00' }])

      const html = (await searchNearby()).text
      const card = html.slice(html.indexOf('<li class="cg-result">'))
      const positions = [
        card.indexOf('>Lunch club</a>'),
        card.indexOf('Thursdays, 12 noon to 2pm'),
        card.indexOf('Next: Thursday 3 December'),
        card.search(/[\d.]+ miles? away|Less than 0\.1 miles away/),
        card.indexOf('£3.50 a meal'),
        card.indexOf('Step-free access: yes. Hearing loop: no. Accessible toilet: not known.'),
        card.indexOf('Run by Friends of Cliftonville'),
        card.indexOf('Last checked:'),
      ]
      for (const position of positions) expect(position).toBeGreaterThan(-1)
      expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    })
  })

  describe('the access filter', () => {
    it('finds only places that have the feature: a "no" and a "not known" are both left out', async () => {
      aService(db, { name: 'Loop lunch', placeIds: [aPlace(db, { access: ['hearing-loop'] })] })
      aService(db, {
        name: 'No loop lunch',
        placeIds: [aPlace(db, { access: [{ code: 'hearing-loop', available: false }] })],
      })
      aService(db, { name: 'Unknown loop lunch', placeIds: [aPlace(db, { access: ['step-free'] })] })

      const html = (await request(app).get('/search?q=lunch&access=hearing-loop')).text

      expect(html).toContain('>Loop lunch</a>')
      expect(html).not.toContain('>No loop lunch</a>')
      expect(html).not.toContain('>Unknown loop lunch</a>')
    })
  })

  describe('addresses that name no listing', () => {
    it.each(['abc', '-1', '0', '1.5', '1e3', '99999999999999999999', '%20', '12abc'])(
      'answers /services/%s with the page-not-found page, never an error',
      async (id) => {
        aService(db)
        const response = await request(app).get(`/services/${id}`)

        expect(response.status).toBe(404)
        expect(response.text).toContain('Page not found')
      },
    )

    it.each(['services', 'organisations', 'places'])(
      'answers an unknown /%s id with the page-not-found page',
      async (kind) => {
        const response = await request(app).get(`/${kind}/424242`)

        expect(response.status).toBe(404)
        expect(response.text).toContain('Page not found')
      },
    )

    it.each(['draft', 'pending', 'archived'] as const)(
      'hides a service, an organisation and a place that are %s',
      async (status) => {
        const organisationId = anOrganisation(db, { status })
        const placeId = aPlace(db, { status })
        const serviceId = aService(db, { status, organisationId: anOrganisation(db) })

        for (const path of [
          `/services/${serviceId}`,
          `/organisations/${organisationId}`,
          `/places/${placeId}`,
        ]) {
          const response = await request(app).get(path)
          // An archived listing's own address says it has closed (410); anything else is not found.
          const expected = status === 'archived' ? 410 : 404
          expect({ path, status: response.status }).toEqual({ path, status: expected })
        }
      },
    )
  })

  it('answers a form sent to a service, organisation or place page with 405, never a 500', async () => {
    const app = aTestApp().app
    for (const pagePath of ['/services/1', '/organisations/1', '/places/1']) {
      const res = await request(app).delete(pagePath).expect(405)
      expect(res.headers.allow).toBe('GET, HEAD')
    }
  })
})

describe('a busy organisation or place, a page at a time', () => {
  let testApp: TestApp
  let organisationId: number
  let placeId: number

  beforeAll(() => {
    testApp = aTestApp()
    const { db } = testApp
    organisationId = anOrganisation(db, { name: 'Age Friends Everywhere' })
    placeId = aPlace(db, { name: 'Big Community Centre', city: 'Crewe' })
    for (let i = 1; i <= 45; i++) {
      aService(db, { name: `Club ${String(i).padStart(2, '0')}`, organisationId, placeIds: [placeId] })
    }
    aService(db, { name: 'Club Draft', organisationId, placeIds: [placeId], status: 'draft' })
  })

  const clubsOn = (html: string) => [...html.matchAll(/>(Club \d\d)<\/a>/g)].map((m) => m[1])

  it.each([
    ['an organisation', () => `/organisations/${organisationId}`],
    ['a place', () => `/places/${placeId}`],
  ])('shows %s’s groups 20 a page, by name, with pages to move between', async (_label, pathOf) => {
    const first = await request(testApp.app).get(pathOf()).expect(200)
    expect(clubsOn(first.text)).toHaveLength(20)
    expect(clubsOn(first.text)[0]).toBe('Club 01')
    expect(first.text).toContain('Showing 1 to 20 of 45.')
    expect(first.text).toContain(`href="${pathOf()}?page&#x3D;2" rel="next"`)

    const third = await request(testApp.app).get(`${pathOf()}?page=3`).expect(200)
    expect(clubsOn(third.text)).toEqual(['Club 41', 'Club 42', 'Club 43', 'Club 44', 'Club 45'])
    expect(third.text).not.toContain('Club Draft')
    expect(h1Count(third.text)).toBe(1)

    for (const page of ['4', '0', 'x']) {
      await request(testApp.app).get(pathOf()).query({ page }).expect(404)
    }
  })

  it('names the first 20 hubs an organisation works in, and says how many more', async () => {
    const hubIds = Array.from({ length: 23 }, (_, i) =>
      aHub(testApp.db, { slug: `hub-${i}`, name: `Hub ${String(i).padStart(2, '0')}` }),
    )
    const id = anOrganisation(testApp.db, { name: 'National Friends', hubIds })

    const response = await request(testApp.app).get(`/organisations/${id}`).expect(200)

    expect(response.text).toContain('>Hub 19</a>')
    expect(response.text).not.toContain('>Hub 20</a>')
    expect(response.text).toContain('And 3 other hubs.')
  })
})
