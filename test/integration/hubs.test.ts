import request from 'supertest'
import { aHub, anOrganisation, aPerson, aPlace, aService, writers } from '../builders'
import { skillRowText } from '../support/skillRows'
import { fixedClock } from '../../server/services/clock'
import { aTestApp, type TestApp } from '../support/testApp'
import { HubEditingRepository } from '../../db/repositories/hubEditingRepository'

/** Thanet: a hub with a meeting place, two groups, a draft, a place, an organisation and people. */
function thanetHub(testApp: TestApp) {
  const { db } = testApp
  const hubId = aHub(db, {
    slug: 'thanet',
    name: 'Thanet',
    description: 'Neighbours in Margate, Ramsgate and Broadstairs.',
    meetingPlaceDescription: 'First Monday of the month, 2pm',
  })
  const organisationId = anOrganisation(db, { name: 'Thanet Age Friends', hubIds: [hubId] })
  anOrganisation(db, { name: 'Secret Draft Charity', hubIds: [hubId], status: 'draft' })
  const hall = aPlace(db, {
    name: 'Trinity Hall',
    address1: '12 Church Road',
    city: 'Margate',
    postalCode: 'CT9 1AB',
    hubId,
    access: ['step-free', 'hearing-loop'],
  })
  writers(db).hubs.setMeetingPlace(hubId, hall)
  aService(db, {
    name: 'Walk and Talk',
    organisationId,
    hubId,
    placeIds: [hall],
    phone: '01632 960111',
    schedules: [{ byday: 'TU', opensAt: '10:00', closesAt: '12:00' }],
  })
  // Belongs to the hub only by happening at one of its places.
  aService(db, {
    name: 'Tuesday Lunch Club',
    organisationId,
    placeIds: [hall],
    isFree: false,
    costAmountPence: 350,
    costOption: 'meal',
  })
  aService(db, { name: 'Not Ready Yet', organisationId, hubId, status: 'draft' })

  aPerson(db, {
    firstName: 'Margaret',
    lastName: 'Hillcrest',
    hubId,
    email: 'margaret.hillcrest@example.com',
    phone: '07700 900321',
    skills: ['tablets-and-phones'],
    wouldLikeToShare: 'Showing people how to make video calls.',
  })
  for (let i = 0; i < 5; i++) {
    aPerson(db, {
      firstName: `Quiet${i}`,
      lastName: `Neighbour${i}`,
      hubId,
      visibility: 'coordinators',
      skills: ['gardening'],
    })
  }
  aPerson(db, { firstName: 'Hidden', lastName: 'Baker', hubId, visibility: 'hub', skills: ['baking'] })
  return { hubId }
}

describe('hub pages', () => {
  let testApp: TestApp

  beforeEach(() => {
    testApp = aTestApp()
    thanetHub(testApp)
    aHub(testApp.db, { slug: 'sheffield', name: 'Sheffield', description: 'Groups across Sheffield.' })
  })

  it('lists every hub with what it has, for a resident choosing where to go', async () => {
    const res = await request(testApp.app).get('/hubs').expect(200)

    expect(res.text).toContain('<title>Local hubs')
    expect(res.text.match(/<h1/g)).toHaveLength(1)
    expect(res.text).toContain('href="/hubs/thanet"')
    expect(res.text).toContain('href="/hubs/sheffield"')
    expect(res.text).toContain('Neighbours in Margate, Ramsgate and Broadstairs.')
    expect(res.text).toContain('<strong>When it meets:</strong> First Monday of the month, 2pm to 4pm')
    expect(res.text).toContain('<strong>Where it meets:</strong> Trinity Hall')
    expect(res.text).toMatch(
      /href="tel:01632960\d{3}">01632 960\d{3}<\/a> or <a class="govuk-link" href="mailto:hub-\d+@example.org">/,
    )
    expect(res.text).toContain('2 groups and activities')
    expect(res.text).toContain('1 place')
    expect(res.text).toContain('1 organisation')
    expect(res.text).toMatch(
      /data-public-count="1">1 person shares<\/span> their skills here by name, and others share theirs through the hub/,
    )
  })

  it('shows a hub page with its groups, places, organisations and the skills its people share', async () => {
    const res = await request(testApp.app).get('/hubs/thanet').expect(200)

    expect(res.text).toContain('<title>Thanet')
    expect(res.text.match(/<h1/g)).toHaveLength(1)
    expect(res.text).toContain('First Monday of the month, 2pm')
    expect(res.text).toContain('12 Church Road')
    expect(res.text).toContain('Walk and Talk')
    expect(res.text).toContain('Tuesdays, 10am to 12 noon')
    expect(res.text).toContain('Tuesday Lunch Club')
    expect(res.text).toContain('£3.50 a meal')
    expect(res.text).not.toContain('Not Ready Yet')
    expect(res.text).toContain('href="/places/')
    expect(res.text).toContain('Step-free access; Hearing loop')
    expect(res.text).toContain('Thanet Age Friends')
    expect(res.text).not.toContain('Secret Draft Charity')
    expect(res.text).toContain('href="/hubs/thanet/print"')

    expect(res.text).toContain('Margaret H.')
    expect(res.text).toContain('Showing people how to make video calls.')
    expect(res.text).toMatch(/<span data-privacy-count="5">5<\/span> people share this skill/)
    // One person shares baking but is not named: the row reads exactly as for a skill nobody
    // in the hub shares (privacy rule 3), so nobody learns that someone is there.
    const baking = skillRowText(res.text, 'thanet', { code: 'baking', name: 'Baking' })
    expect(baking).toBe('SKILL Ask your hub if someone can help with this.')
    expect(skillRowText(res.text, 'thanet', { code: 'pet-care', name: 'Looking after pets' })).toBe(baking)
    for (const secret of [
      'Hillcrest',
      'margaret.hillcrest@example.com',
      '900321',
      'Quiet0',
      'Neighbour0',
      'Hidden',
      'Baker',
    ]) {
      expect(res.text).not.toContain(secret)
    }
  })

  it('shows a busy hub by type and only its first 20 groups, with a search near the hub for the rest', async () => {
    const hubId = aHub(testApp.db, { slug: 'margate', name: 'Margate', latitude: 51.39, longitude: 1.38 })
    const hall = aPlace(testApp.db, { name: 'Cliftonville Hall', hubId, latitude: 51.39, longitude: 1.39 })
    for (let i = 1; i <= 30; i++) {
      aService(testApp.db, {
        name: `Coffee Morning ${String(i).padStart(2, '0')}`,
        placeIds: [hall],
        categories: ['coffee-mornings'],
      })
    }

    const res = await request(testApp.app).get('/hubs/margate').expect(200)

    expect(res.text).toContain('30 groups and activities in this hub.')
    expect(res.text).toContain('Groups by type')
    expect(res.text).toContain(
      'href="/search?lat&#x3D;51.39&amp;lng&#x3D;1.38&amp;category&#x3D;coffee-mornings" data-count="30">Coffee mornings and social clubs (30)</a>',
    )
    expect(res.text).toContain('Coffee Morning 20')
    expect(res.text).not.toContain('Coffee Morning 21')
    // Search round the hub finds its 30 and the 2 groups of the Thanet hub nearby: the link says so.
    expect(res.text).toMatch(
      /href="\/search\?lat&#x3D;51.39&amp;lng&#x3D;1.38" data-count="32">See all 32 groups and activities (near|within \d+ miles of) the hub<\/a>/,
    )

    // Each link finds what it says, round the hub's centre.
    const coffee = await request(testApp.app)
      .get('/search?lat=51.39&lng=1.38&category=coffee-mornings')
      .expect(200)
    expect(coffee.text).toMatch(/30 results (near|within)/)
    const all = await request(testApp.app).get('/search?lat=51.39&lng=1.38').expect(200)
    expect(all.text).toMatch(/32 results (near|within)/)
  })

  it('counts beside each link what the link opens, not only the hub’s own groups', async () => {
    const hubId = aHub(testApp.db, { slug: 'margate', name: 'Margate', latitude: 51.39, longitude: 1.38 })
    const hall = aPlace(testApp.db, { name: 'Cliftonville Hall', hubId, latitude: 51.39, longitude: 1.39 })
    aService(testApp.db, { name: 'Hub Shed', placeIds: [hall], categories: ['mens-sheds'] })
    // Three more sheds a mile or two away, at places outside the hub: the search finds them too.
    for (let i = 1; i <= 3; i++) {
      const shed = aPlace(testApp.db, { name: `Shed ${i}`, latitude: 51.39 + i * 0.01, longitude: 1.4 })
      aService(testApp.db, { name: `Neighbouring Shed ${i}`, placeIds: [shed], categories: ['mens-sheds'] })
    }

    const res = await request(testApp.app).get('/hubs/margate').expect(200)

    expect(res.text).toContain('1 group or activity in this hub.')
    const link =
      /href="([^"]*category&#x3D;mens-sheds)" data-count="(\d+)">Men&#x27;s sheds \((\d+)\)<\/a>/.exec(
        res.text,
      )
    expect(link?.[2]).toBe('4')
    expect(link?.[3]).toBe('4')
    const opened = await request(testApp.app)
      .get((link?.[1] ?? '').replace(/&#x3D;/g, '=').replace(/&amp;/g, '&'))
      .expect(200)
    expect(opened.text).toMatch(/4 results (near|within)/)
  })

  it('names only the first 10 people happy to be named, and the first 5 under the skill, with a link to everyone', async () => {
    const hubId = aHub(testApp.db, { slug: 'margate', name: 'Margate' })
    for (let i = 1; i <= 12; i++) {
      aPerson(testApp.db, { firstName: `Helper${String(i).padStart(2, '0')}`, hubId, skills: ['gardening'] })
    }

    const res = await request(testApp.app).get('/hubs/margate').expect(200)

    expect(res.text.match(/class="cg-card cg-person"/g)).toHaveLength(10)
    expect(res.text).toContain('These are 10 of the 12 people in this hub who are happy to be named.')
    // Handlebars writes the link's = as &#x3D;, which a browser reads as =.
    expect(res.text).toContain('href="/people?hub&#x3D;margate">See all of them</a>')
    // The skill names the first five, and links to everyone named for it (issue 8: bounded).
    expect(res.text).toMatch(
      /Shared by Helper01 [^<]*Helper05 S\. and others: <a class="govuk-link" href="\/people\?hub&#x3D;margate&amp;skill&#x3D;gardening">/,
    )
    expect(res.text.match(/Shared by [^<]*/)?.[0]).not.toContain('Helper06')
  })

  it('says on the large-print sheet how many groups did not fit', async () => {
    const hubId = aHub(testApp.db, { slug: 'margate', name: 'Margate' })
    for (let i = 1; i <= 103; i++)
      aService(testApp.db, { name: `Lunch ${String(i).padStart(3, '0')}`, hubId })

    const res = await request(testApp.app).get('/hubs/margate/print').expect(200)

    expect(res.text).toContain('Lunch 100')
    expect(res.text).not.toContain('Lunch 101')
    expect(res.text).toContain('There are 3 more groups and activities in this hub.')
  })

  it('lists the first 10 places and 20 organisations of a busy hub, with links to all of them a page at a time', async () => {
    const hubId = aHub(testApp.db, { slug: 'margate', name: 'Margate' })
    for (let i = 1; i <= 25; i++) {
      aPlace(testApp.db, { name: `Hall ${String(i).padStart(2, '0')}`, hubId })
      anOrganisation(testApp.db, { name: `Friends ${String(i).padStart(2, '0')}`, hubIds: [hubId] })
    }
    anOrganisation(testApp.db, { name: 'Friends Draft', hubIds: [hubId], status: 'draft' })

    const res = await request(testApp.app).get('/hubs/margate').expect(200)

    expect(res.text).toContain('>Hall 10</a>')
    expect(res.text).not.toContain('>Hall 11</a>')
    expect(res.text).toContain(
      '<a class="govuk-link" href="/hubs/margate/places">See all 25 places in Margate</a>',
    )
    expect(res.text).toContain('>Friends 20</a>')
    expect(res.text).not.toContain('>Friends 21</a>')
    expect(res.text).toContain(
      '<a class="govuk-link" href="/hubs/margate/organisations">See all 25 organisations in Margate</a>',
    )

    const places = await request(testApp.app).get('/hubs/margate/places').expect(200)
    expect(places.text.match(/<h1/g)).toHaveLength(1)
    expect(places.text).toContain('25 places in <a class="govuk-link" href="/hubs/margate">Margate</a>')
    expect(places.text).toContain('Showing 1 to 20 of 25.')
    expect(places.text).toContain('href="/hubs/margate/places?page&#x3D;2" rel="next"')
    const morePlaces = await request(testApp.app).get('/hubs/margate/places?page=2').expect(200)
    expect(morePlaces.text).toContain('>Hall 25</a>')
    expect(morePlaces.text).not.toContain('>Hall 20</a>')

    const organisations = await request(testApp.app).get('/hubs/margate/organisations?page=2').expect(200)
    expect(organisations.text).toContain('Showing 21 to 25 of 25.')
    expect(organisations.text).toContain('>Friends 25</a>')
    expect(organisations.text).not.toContain('Friends Draft')

    for (const path of [
      '/hubs/margate/places?page=3',
      '/hubs/margate/organisations?page=0',
      '/hubs/nowhere/places',
      '/hubs/Margate/organisations',
    ]) {
      await request(testApp.app).get(path).expect(404)
    }
  })

  it('names the organisations that help run the hub, each linked to its page, but never a draft or closed one', async () => {
    const { db } = testApp
    const hubId = aHub(db, { slug: 'ramsgate', name: 'Ramsgate' })
    const partners = new HubEditingRepository(db)
    const at = '2026-11-01T10:00:00Z'
    const ageUk = anOrganisation(db, { name: 'Age UK Ramsgate' })
    const library = anOrganisation(db, { name: 'Ramsgate Library Friends' })
    const draft = anOrganisation(db, { name: 'Not Yet Published Trust', status: 'draft' })
    const closed = anOrganisation(db, { name: 'Closed Down Society' })
    for (const id of [ageUk, library, draft, closed]) partners.addPartnerTo(hubId, id, at)
    writers(db).organisations.setStatus(closed, 'archived')

    const page = await request(testApp.app).get('/hubs/ramsgate').expect(200)
    expect(page.text).toContain('Who helps run this hub')
    expect(page.text).toContain(
      `<li><a class="govuk-link" href="/organisations/${ageUk}">Age UK Ramsgate</a></li>`,
    )
    expect(page.text).toContain(
      `<li><a class="govuk-link" href="/organisations/${library}">Ramsgate Library Friends</a></li>`,
    )
    expect(page.text).not.toContain('Not Yet Published Trust')
    expect(page.text).not.toContain('Closed Down Society')

    // A hub with more partners than the page shows lists only the first 20, by name (Age UK first).
    for (let i = 1; i <= 25; i++)
      partners.addPartnerTo(hubId, anOrganisation(db, { name: `Partner ${String(i).padStart(2, '0')}` }), at)
    const busy = await request(testApp.app).get('/hubs/ramsgate').expect(200)
    expect(busy.text).toContain('>Partner 19</a>')
    expect(busy.text).not.toContain('>Partner 20</a>')

    // A hub with no partners has no such heading.
    const thanet = await request(testApp.app).get('/hubs/thanet').expect(200)
    expect(thanet.text).not.toContain('Who helps run this hub')
  })

  it('says plainly when a hub has no phone or email yet, and points to when it meets', async () => {
    aHub(testApp.db, { slug: 'margate', name: 'Margate', phone: null, email: null, meetingTimes: '' })

    const res = await request(testApp.app).get('/hubs/margate').expect(200)

    expect(res.text).toContain('This hub has no phone number or email address yet.')
    expect(res.text).not.toContain('href="tel:')
    expect(res.text).toContain(
      'Ask this hub: <a class="govuk-link" href="/hubs/margate#contact">see when and where it meets</a>.',
    )
  })

  it('says plainly when a hub has nothing listed yet', async () => {
    const res = await request(testApp.app).get('/hubs/sheffield').expect(200)

    expect(res.text).toContain('There are no groups or activities listed in this hub yet.')
    // Every skill on the list, each with the same "ask your hub": nobody is named or counted.
    const skills = res.text.match(/<li class="cg-skill-shared" data-hub="sheffield"/g) ?? []
    expect(skills).toHaveLength(17)
    expect(res.text.match(/Ask your hub if someone can help with this\./g)).toHaveLength(17)
  })

  it('prints a large-print sheet by day, with each group’s time, place, address, phone and cost', async () => {
    const res = await request(testApp.app).get('/hubs/thanet/print').expect(200)

    expect(res.text).toContain('<title>What&#x27;s on: Thanet (large print)')
    expect(res.text).toContain('class="cg-large-print"')
    expect(res.text.match(/<h1/g)).toHaveLength(1)
    expect(res.text).toContain('<main')
    expect(res.text).toMatch(
      /<h3 class="cg-print-day__name" id="day-0">Tuesday<\/h3>\s*<ul class="cg-print-entries">\s*<li class="cg-print-entry">\s*<p class="cg-print-entry__time">10am to 12 noon<\/p>/,
    )
    expect(res.text).toContain('Walk and Talk')
    expect(res.text).toContain('Trinity Hall, 12 Church Road, Margate, CT9 1AB')
    expect(res.text).toContain('Phone 01632 960111')
    // The lunch club has no regular day.
    expect(res.text).toMatch(/Other times<\/h3>[\s\S]*Tuesday Lunch Club[\s\S]*£3.50 a meal/)
    expect(res.text).not.toContain('07700 900321')
    expect(res.text).not.toContain('Not Ready Yet')
  })

  it('puts the hub’s contact details, where it meets and the day it is correct on at the top of the sheet', async () => {
    const app = aTestApp({ db: testApp.db, clock: fixedClock('2026-12-01T09:00:00Z') }).app
    const res = await request(app).get('/hubs/thanet/print').expect(200)

    expect(res.text).toContain('Correct on 1 December 2026.')
    expect(res.text).toMatch(/Phone: <a class="govuk-link" href="tel:01632960\d{3}">01632 960\d{3}<\/a>/)
    expect(res.text).toMatch(/Email: <a class="govuk-link" href="mailto:hub-\d+@example.org">/)
    expect(res.text).toContain('First Monday of the month, 2pm to 4pm')
    expect(res.text).toContain('Trinity Hall, 12 Church Road, Margate, CT9 1AB')
    // Printing: a button comes with JavaScript; without it, the page says how.
    expect(res.text).toContain('To print this page, press Ctrl and P (or Command and P on a Mac).')
    expect(res.text).toMatch(
      /<script src="\/static\/js\/printButton\.[0-9a-f]{10}\.js" nonce="[^"]+" defer><\/script>/,
    )
  })

  it.each([
    ['a hub that does not exist', '/hubs/nowhere'],
    ['the sheet of a hub that does not exist', '/hubs/nowhere/print'],
    ['a slug in capitals', '/hubs/Thanet'],
    ['a slug with a space', '/hubs/thanet%20hub'],
    ['a slug starting with a hyphen', '/hubs/-thanet'],
    ['a 5,000-character slug', `/hubs/${'a'.repeat(5000)}`],
    ['a slug with markup in it', '/hubs/%3Cscript%3E'],
  ])('gives the page-not-found page for %s', async (_label, path) => {
    const res = await request(testApp.app).get(path).expect(404)

    expect(res.text).toContain('Page not found')
  })

  it.each([
    '/',
    '/hubs',
    '/hubs/thanet',
    '/hubs/thanet/print',
    '/hubs/thanet/places',
    '/hubs/thanet/organisations',
    '/help',
    '/privacy',
    '/accessibility',
    '/about',
  ])('answers a form sent to %s with 405 and the methods it takes, never a 500', async (pagePath) => {
    const res = await request(testApp.app).post(pagePath).type('form').send('q=walk').expect(405)

    expect(res.headers.allow).toBe('GET, HEAD')
    expect(res.text).toContain('You cannot do that on this page')
  })
})
