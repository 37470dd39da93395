import request from 'supertest'
import { aHub, aPerson, aPlace, aService } from '../builders'
import { loadGazetteerIfEmpty } from '../../db/gazetteer'
import { aDatabase, aDemoDatabase, aTestApp } from '../support/testApp'
import { withTowns } from '../support/towns'

const CLIFTONVILLE = { latitude: 51.388, longitude: 1.4 } // 0.8 miles from the middle of Margate
const RAMSGATE = { latitude: 51.3358, longitude: 1.4196 } // 3.5 miles
const CANTERBURY = { latitude: 51.2802, longitude: 1.0789 } // 15 miles

const resultNames = (html: string): string[] =>
  [...html.matchAll(/<h3 class="cg-result__title"><a class="govuk-link" href="[^"]*">([^<]*)<\/a>/g)].map(
    (m) => m[1] ?? '',
  )

const titleOf = (html: string): string => /<title>([^<]*)<\/title>/.exec(html)?.[1]?.trim() ?? ''

/** Handlebars escapes = and & in attributes; a browser reads them back like this. */
const decode = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&')

describe('GET /search: the list', () => {
  it('lists published services with the total, and filters by category', async () => {
    const db = aDatabase()
    aService(db, { name: 'Seafront walk', categories: ['walking-groups'] })
    aService(db, { name: 'Lunch at the hall', categories: ['lunch-clubs'] })
    aService(db, { name: 'Secret draft', status: 'draft', categories: ['walking-groups'] })
    const { app } = aTestApp({ db })

    const all = await request(app).get('/search')
    expect(all.status).toBe(200)
    expect(all.text).toContain('<h1 class="govuk-heading-xl">Find help, groups and activities</h1>')
    expect(all.text).toContain('2 results')
    expect(resultNames(all.text)).toEqual(['Lunch at the hall', 'Seafront walk'])
    expect(all.text).not.toContain('Secret draft')
    expect(all.text).toContain('<ol class="cg-results">')

    const walks = await request(app).get('/search?category=walking-groups')
    expect(walks.status).toBe(200)
    expect(resultNames(walks.text)).toEqual(['Seafront walk'])
    expect(walks.text).toMatch(/id="category" name="category" type="checkbox" value="walking-groups" checked/)
  })

  it('a resident typing "computer" near Margate finds the tablet group, nearest first, with distances', async () => {
    const db = withTowns(aDatabase())
    aService(db, {
      name: 'Tablet help in Ramsgate',
      placeIds: [aPlace(db, RAMSGATE)],
      categories: ['digital-help'],
    })
    aService(db, {
      name: 'Tablet help in Cliftonville',
      placeIds: [aPlace(db, CLIFTONVILLE)],
      categories: ['digital-help'],
    })
    aService(db, { name: 'Bowls club', placeIds: [aPlace(db, CLIFTONVILLE)] })
    const { app } = aTestApp({ db })

    const response = await request(app).get('/search?q=computer&where=margate')
    expect(response.status).toBe(200)
    expect(resultNames(response.text)).toEqual(['Tablet help in Cliftonville', 'Tablet help in Ramsgate'])
    expect(response.text).toContain('0.8 miles away')
    expect(response.text).toContain('3.5 miles away')
    expect(response.text).toContain('Best match first, then nearest')
    expect(response.text).toContain('value="Margate"')
    expect(titleOf(response.text)).toContain('near Margate')
  })

  it('keeps only what is within the distance, and shows home visits that cover the place', async () => {
    const db = withTowns(aDatabase())
    const hub = aHub(db, { latitude: 51.36, longitude: 1.4, radiusMiles: 6 })
    aService(db, { name: 'Near group', placeIds: [aPlace(db, CLIFTONVILLE)] })
    aService(db, { name: 'Far group', placeIds: [aPlace(db, CANTERBURY)] })
    aService(db, { name: 'Home library', comesToHome: true, hubId: hub })
    const { app } = aTestApp({ db })

    const response = await request(app).get('/search?where=Margate&distance=5')
    expect(resultNames(response.text)).toEqual(['Home library', 'Near group'])
    expect(response.text).toContain('<li class="cg-result__distance">Comes to your home</li>')
    expect(response.text).toMatch(/<option value="5" selected>Within 5 miles<\/option>/)
  })

  it('uses the point from "Use my location", and keeps it in the form', async () => {
    const db = aDatabase()
    aService(db, { name: 'Near group', placeIds: [aPlace(db, CLIFTONVILLE)] })
    const { app } = aTestApp({ db })
    const response = await request(app).get('/search?where=My+location&lat=51.3813&lng=1.3862')
    expect(response.status).toBe(200)
    expect(response.text).toContain('0.8 miles away')
    expect(response.text).toContain('<input type="hidden" name="lat" value="51.3813">')
    expect(response.text).toContain('<input type="hidden" name="lng" value="1.3862">')
    expect(response.text).toMatch(/data-use-my-location/)
  })

  it('says when nothing matches, with suggestions', async () => {
    const db = aDatabase()
    aService(db, { name: 'Seafront walk', isFree: false, costAmountPence: 200 })
    const { app } = aTestApp({ db })
    const response = await request(app).get('/search?q=walk&free=yes')
    expect(response.status).toBe(200)
    expect(response.text).toContain('No results')
    expect(response.text).toContain('search again without the filters')
    expect(decode(response.text)).toContain('href="/search?q=walk"')
  })

  it('shows people near you who share the skill, without contact details or hidden names', async () => {
    const db = withTowns(aDatabase())
    const hub = aHub(db, { name: 'Thanet', slug: 'thanet', latitude: 51.36, longitude: 1.4, radiusMiles: 6 })
    aPerson(db, {
      firstName: 'Margaret',
      lastName: 'Hill',
      hubId: hub,
      visibility: 'public',
      skills: ['tablets-and-phones'],
      email: 'margaret@example.com',
    })
    aPerson(db, {
      firstName: 'Secretive',
      hubId: hub,
      visibility: 'hub',
      skills: ['tablets-and-phones'],
      email: 'secret@example.com',
    })
    aService(db, { name: 'Tablet help', placeIds: [aPlace(db, CLIFTONVILLE)] })
    const { app } = aTestApp({ db, config: { privacyMinCount: 5 } })

    const response = await request(app).get('/search?q=tablet&where=Margate')
    expect(response.text).toContain('People near you who share this skill')
    expect(response.text).toContain('Margaret H.')
    expect(response.text).not.toContain('Hill')
    expect(response.text).not.toContain('Secretive')
    expect(response.text).not.toContain('@example.com')
    expect(response.text).not.toContain('data-privacy-count')
    expect(response.text).toContain('href="/hubs/thanet"')
  })
})

describe('GET /search: paging', () => {
  it('gives page 2 and keeps every filter in the page links', async () => {
    const db = aDatabase()
    for (let i = 0; i < 25; i++) {
      aService(db, {
        name: `Walk ${String(i).padStart(2, '0')}`,
        categories: ['walking-groups'],
        schedules: [{ byday: 'TU' }],
        placeIds: [aPlace(db, { access: ['step-free', 'parking'] })],
      })
    }
    aService(db, { name: 'Walk on Friday', categories: ['walking-groups'], schedules: [{ byday: 'FR' }] })
    const { app } = aTestApp({ db })

    const query =
      '/search?q=walk&category=walking-groups&category=befriending&day=tuesday&free=yes&access=step-free&access=parking'
    const first = await request(app).get(query)
    expect(first.status).toBe(200)
    expect(first.text).toContain('25 results')
    expect(resultNames(first.text)).toHaveLength(20)
    const next = /<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="next">/.exec(
      first.text,
    )?.[1]
    expect(next).toBeDefined()
    const nextHref = decode(next ?? '')
    for (const kept of [
      'q=walk',
      'category=walking-groups',
      'category=befriending',
      'day=tuesday',
      'free=yes',
      'access=step-free',
      'access=parking',
      'page=2',
    ]) {
      expect(nextHref).toContain(kept)
    }

    const second = await request(app).get(nextHref)
    expect(second.status).toBe(200)
    expect(resultNames(second.text)).toEqual(['Walk 20', 'Walk 21', 'Walk 22', 'Walk 23', 'Walk 24'])
    expect(second.text).toContain('Showing 21 to 25')
    expect(second.text).toMatch(/aria-label="Page 2" aria-current="page"/)
    expect(titleOf(second.text)).toContain('(page 2)')
  })

  it('says so, with a link back, for a page after the last', async () => {
    const db = aDatabase()
    aService(db, { name: 'Only group' })
    const { app } = aTestApp({ db })
    const response = await request(app).get('/search?page=99999')
    expect(response.status).toBe(200)
    expect(response.text).toContain('There is no page 99,999')
    expect(response.text).toContain('There is only 1 page of results')
    expect(response.text).toContain('<a class="govuk-link" href="/search">go back to the first page</a>')
    expect(resultNames(response.text)).toEqual([])
  })
})

describe('GET /search: places that need a word with the resident', () => {
  it('asks "Which Newport do you mean?" and keeps the search words', async () => {
    const { app } = aTestApp({ db: withTowns(aDatabase()) })
    const response = await request(app).get('/search?q=walking&where=Newport&free=yes')
    expect(response.status).toBe(200)
    expect(titleOf(response.text)).toMatch(/^Which Newport do you mean\?/)
    expect(response.text).toContain('<input type="hidden" name="q" value="walking">')
    expect(response.text).toContain('<input type="hidden" name="free" value="yes">')
    expect(response.text).toContain('in Wales')
  })

  it('asks again, with an error, when nothing was chosen', async () => {
    const { app } = aTestApp({ db: withTowns(aDatabase()) })
    const response = await request(app).get('/search?q=walking&choosing=Newport')
    expect(response.status).toBe(200)
    expect(titleOf(response.text)).toMatch(/^Error: Which Newport do you mean\?/)
    expect(response.text).toContain('Select which Newport you mean')
  })

  it('says plainly when it cannot find a place, keeping what was typed', async () => {
    const { app } = aTestApp({ db: withTowns(aDatabase()) })
    const response = await request(app).get('/search?q=lunch&where=Xyzzy')
    expect(response.status).toBe(200)
    expect(titleOf(response.text)).toMatch(/^Error: /)
    expect(response.text).toContain('There is a problem')
    expect(response.text).toContain('href="#where"')
    expect(response.text).toContain('value="Xyzzy"')
    expect(response.text).toContain('value="lunch"')
  })
})

describe('GET /search: bad input never fails', () => {
  const cases: [string, string, number, string | null][] = [
    ['a page below 1', '/search?page=-1', 400, 'Page must be a whole number, 1 or more'],
    ['page 0', '/search?page=0', 400, 'Page must be a whole number, 1 or more'],
    ['a page that is not a number', '/search?page=abc', 400, 'Page must be a whole number, 1 or more'],
    ['an enormous page', '/search?page=1e400', 400, null],
    [
      'an unknown category',
      '/search?category=flying-lessons',
      400,
      'Choose a type of group or activity from the list',
    ],
    [
      'a category that is not a code',
      '/search?category=%3Cscript%3E',
      400,
      'Choose a type of group or activity from the list',
    ],
    ['an unknown access feature', '/search?access=lift', 400, 'Choose access needs from the list'],
    ['an unknown day', '/search?day=funday', 400, 'Choose a day of the week from the list'],
    ['a distance not on the list', '/search?distance=7', 400, 'Choose a distance from the list'],
    ['free that is not yes', '/search?free=maybe', 400, null],
    ['a latitude that is not a number', '/search?lat=north&lng=1', 400, null],
    [
      'words over 200 characters',
      `/search?q=${'a'.repeat(201)}`,
      400,
      'What you are looking for must be 200 characters or fewer',
    ],
    ['a 10,000-character query string', `/search?q=${'walk '.repeat(2000)}`, 400, null],
    ['10,000 characters of categories', `/search?${'category=x&'.repeat(900)}`, 400, null],
    ['a bracketed parameter', '/search?q[]=walk&q[x]=y', 200, null],
    ['broken percent-encoding', '/search?q=%E0%A4%A', 200, null],
  ]

  it.each(cases)(
    '%s gives the search page with a message, not a failure',
    async (_name, url, status, message) => {
      const db = aDatabase()
      aService(db, { name: 'Walking group' })
      const { app } = aTestApp({ db })
      const response = await request(app).get(url)
      expect(response.status).toBe(status)
      expect(response.text).toContain('Find help, groups and activities')
      if (status === 400) {
        expect(titleOf(response.text)).toMatch(/^Error: /)
        expect(response.text).toContain('There is a problem')
      }
      if (message) expect(response.text).toContain(message)
    },
  )

  it.each([
    '"',
    '*',
    'NEAR(',
    'OR',
    '-',
    ':',
    'walk"ing',
    '"walking',
    'AND OR NOT',
    'name:walk*',
    ')(',
    "men's shed",
    '<script>alert(1)</script>',
  ])('treats FTS syntax in the words as plain words: %s', async (q) => {
    const db = aDatabase()
    aService(db, { name: 'Walking group' })
    const { app } = aTestApp({ db })
    const response = await request(app).get('/search').query({ q })
    expect(response.status).toBe(200)
    expect(response.text).not.toContain('<script>alert(1)</script>')
  })

  it('keeps the over-long words in the box so they can be put right', async () => {
    const { app } = aTestApp()
    const long = 'b'.repeat(250)
    const response = await request(app).get(`/search?q=${long}`)
    expect(response.text).toContain(`value="${long}"`)
    expect(response.text).toContain('aria-describedby="q-hint q-error"')
  })
})

describe('POST /search', () => {
  it('gets a 405 page that says the page only looks, never a failure', async () => {
    const { app } = aTestApp()
    const res = await request(app).post('/search').type('form').send('q=walking')
    expect(res.status).toBe(405)
    expect(res.headers.allow).toBe('GET, HEAD')
    expect(res.text).toContain('You cannot do that on this page')
  })
})

describe('GET /search over the demo data: near means near', () => {
  const db = aDemoDatabase()
  loadGazetteerIfEmpty(db)
  const { app } = aTestApp({ db })
  const get = async (url: string) => {
    const response = await request(app).get(url)
    expect(response.status).toBe(200)
    return response.text
  }
  /** Every "N miles away" on the page. */
  const distancesOn = (html: string): number[] =>
    [...html.matchAll(/([\d.,]+) miles? away/g)].map((m) => Number((m[1] ?? '').replace(/,/g, '')))
  const cardOf = (html: string, name: string): string =>
    html.split('<li class="cg-result">').find((card) => card.includes(`>${name}</a>`)) ?? ''

  it.each([
    ['lunch club', 'Canterbury', 'Cliftonville lunch club'],
    ['lunch', 'Stoke-on-Trent', 'Riverside Club lunch'],
    ['lunch club', 'Darlington', 'Linthorpe lunch club'],
  ])(
    'a resident searching "%s" near %s, with none within 10 miles, sees the 25-mile step, saying so, and nothing beyond it',
    async (q, town, expected) => {
      const html = await get(`/search?q=${encodeURIComponent(q)}&where=${encodeURIComponent(town)}`)
      expect(html).toContain(`Nothing within 10 miles of ${town}. The nearest are within 25 miles.`)
      expect(resultNames(html)).toContain(expected)
      expect(titleOf(html)).toContain(`near ${town} within 25 miles`)
      const distances = distancesOn(html)
      expect(distances.length).toBeGreaterThan(0)
      for (const miles of distances) expect(miles).toBeLessThanOrEqual(25)
    },
  )

  it('near Margate, a lunch club search stays within 10 miles and never reaches Paignton', async () => {
    const html = await get('/search?q=lunch+club&where=Margate')
    expect(resultNames(html).length).toBeGreaterThan(0)
    for (const miles of distancesOn(html)) expect(miles).toBeLessThanOrEqual(10)
    expect(html).not.toContain('Paignton')
    expect(html).not.toContain('Nothing within')
  })

  it('a chosen "within 5 miles" is never widened, and the page offers a wider distance that finds something', async () => {
    const html = await get('/search?q=lunch+club&where=Canterbury&distance=5')
    expect(resultNames(html)).toEqual([])
    expect(html).toContain(
      'We could not find any groups or activities for ‘lunch club’ near Canterbury within 5 miles',
    )
    expect(distancesOn(html)).toEqual([])
    expect(decode(html)).toContain('href="/search?q=lunch+club&where=Canterbury&distance=25"')
    const wider = await get('/search?q=lunch+club&where=Canterbury&distance=25')
    expect(resultNames(wider)).toContain('Cliftonville lunch club')
  })

  it('with filters that find nothing nearby, links to remove a filter, a wider distance and other words, each finding something', async () => {
    const html = decode(await get('/search?q=lunch&where=Nantwich&distance=1&day=monday'))
    expect(resultNames(html)).toEqual([])
    const suggestions =
      /<ul class="govuk-list govuk-list--bullet cg-suggestions">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? ''
    const links = [...suggestions.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? '')
    // without the day
    expect(links).toContain('/search?q=lunch&where=Nantwich&distance=1')
    // a wider distance
    expect(links.some((link) => /distance=(10|25|50)/.test(link) && link.includes('day=monday'))).toBe(true)
    // other words: none at all, or a type of activity
    expect(links.some((link) => !link.includes('q='))).toBe(true)
    for (const link of links) {
      const followed = await get(link)
      expect(resultNames(followed).length).toBeGreaterThan(0)
    }
  })

  it.each(['Norwich', 'Carlisle'])(
    'a search near %s, with nothing within 50 miles, finds nothing, lists no far-away organisation, and offers a search everywhere',
    async (town) => {
      const html = decode(await get(`/search?q=lunch+club&where=${town}`))
      expect(resultNames(html)).toEqual([])
      expect(html).toContain(
        `We could not find any groups or activities for ‘lunch club’ near ${town} within 50 miles.`,
      )
      expect(html).not.toContain('Organisations and places that match')
      expect(distancesOn(html)).toEqual([])
      expect(html).toContain('href="/search?q=lunch+club"')
      expect(html).toContain(`Search everywhere, not only near ${town}`)
    },
  )

  it('a phone service says "By phone", never "Comes to your home", and is found anywhere in its hub but not outside it', async () => {
    const inside = await get('/search?q=phone+friends&where=Sheffield')
    const card = cardOf(inside, 'Later Life Link phone friends (Sheffield)')
    expect(card).toContain('By phone')
    expect(card).not.toContain('Comes to your home')
    const outside = await get('/search?q=phone+friends&where=Chesterfield')
    expect(resultNames(outside)).not.toContain('Later Life Link phone friends (Sheffield)')
  })

  it('a home-visiting service says "Comes to your home" only to a searcher inside the area it covers', async () => {
    const inside = cardOf(await get('/search?q=benefits&where=Sheffield'), 'Benefits and pension checks')
    expect(inside).toContain('Comes to your home')
    const outside = cardOf(
      await get('/search?q=benefits&where=Chesterfield&distance=25'),
      'Benefits and pension checks',
    )
    expect(outside).toMatch(/miles away/)
    expect(outside).not.toContain('Comes to your home')
  })

  it('"walking" near Torquay puts the walking groups first and the talk run by walkers last', async () => {
    const names = resultNames(await get('/search?q=walking&where=Torquay'))
    expect(names.indexOf('Torbay history talks')).toBe(names.length - 1)
    expect(names[0]).toBe('Harbourside to Meadfoot walk')
  })

  it('"lonely" near Sheffield puts befriending and social groups first', async () => {
    const html = await get('/search?q=lonely&where=Sheffield')
    const [first] = resultNames(html)
    expect(first).toBe('Later Life Link phone friends (Sheffield)')
  })

  it('"tablet" near Birmingham does not find groups only because they say "Phone us"', async () => {
    const names = resultNames(await get('/search?q=tablet&where=Birmingham'))
    expect(names.length).toBeGreaterThan(0)
    for (const name of names) expect(name).toMatch(/tablet|phone|digital|online|computer|tech/i)
  })

  it('after "Which Newport do you mean?", the Newport chosen follows the same radius rules', async () => {
    const choose = await get('/search?q=lunch&where=Newport')
    expect(choose).toContain('Which Newport do you mean?')
    const nearTelford = await get(
      `/search?q=lunch&where=${encodeURIComponent('Newport (in England, near Telford)')}`,
    )
    expect(nearTelford).toContain('Nothing within 10 miles of Newport. The nearest are within 25 miles.')
    for (const miles of distancesOn(nearTelford)) expect(miles).toBeLessThanOrEqual(25)
    const inWales = await get(
      `/search?q=lunch&where=${encodeURIComponent('Newport (in Wales, near Cardiff)')}`,
    )
    expect(resultNames(inWales)).toEqual([])
    expect(inWales).toContain('No results for ‘lunch’ near Newport within 50 miles')
  })

  it('lists the filters in use above the results, each with a link that removes only it', async () => {
    const html = decode(await get('/search?q=walk&where=Middlesbrough&day=tuesday&free=yes&access=step-free'))
    const inUse = /<div class="cg-filters-in-use">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? ''
    expect(inUse).toContain('Day: Tuesday')
    expect(inUse).toContain('Cost: Free only')
    expect(inUse).toContain('Access: Step-free access')
    expect(inUse).toContain('href="/search?q=walk&where=Middlesbrough&free=yes&access=step-free"')
    expect(inUse).toContain('href="/search?q=walk&where=Middlesbrough&day=tuesday&access=step-free"')
    expect(inUse).toContain('href="/search?q=walk&where=Middlesbrough&day=tuesday&free=yes"')
    // the panel names each group the same way
    expect(html).toMatch(/<label class="govuk-label govuk-label--s" for="day">\s*Day\s*<\/label>/)
    expect(html).toMatch(/govuk-fieldset__legend--s">\s*Cost\s*</)
    expect(html).toMatch(/govuk-fieldset__legend--s">\s*Access\s*</)
    const removed = decode(await get('/search?q=walk&where=Middlesbrough&free=yes&access=step-free'))
    const stillInUse = /<div class="cg-filters-in-use">([\s\S]*?)<\/div>/.exec(removed)?.[1] ?? ''
    expect(stillInUse).not.toContain('Day: Tuesday')
    expect(stillInUse).toContain('Cost: Free only')
  })
})
