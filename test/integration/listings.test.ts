import request from 'supertest'
import type { Db } from '../../db/connection'
import { aHub, anOrganisation, aPlace, aService } from '../builders'
import { aTestApp, type TestApp } from '../support/testApp'

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
    ;({ app, db } = aTestApp())
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
      expect(response.text).toContain('Step-free access')
      expect(response.text).toContain('Hearing loop')
      expect(response.text).toContain(`href="/organisations/${organisationId}">Thanet Ramblers</a>`)
      expect(response.text).toContain('Last checked: March 2026')
      expect(response.text).toContain('href="/hubs/thanet"')
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
      expect(response.text).toContain('Step-free access')
      expect(response.text).toContain('Hearing loop')
      expect(response.text).toContain('What happens here')
      expect(response.text).toContain('Walk and talk')
      expect(response.text).toContain('Tuesdays, 10am to 12 noon')
      expect(response.text).toContain('href="/hubs/thanet"')
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
          expect({ path, status: response.status }).toEqual({ path, status: 404 })
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
