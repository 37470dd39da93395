import request from 'supertest'
import type { Db } from '../../db/connection'
import { aHub, aPlace, aService } from '../builders'
import { loadGazetteerIfEmpty } from '../../db/gazetteer'
import { aDatabase, aDemoDatabase, aDemoTestApp, aTestApp } from '../support/testApp'
import { withTowns } from '../support/towns'

const MARGATE = { latitude: 51.3813, longitude: 1.3862 }
const RAMSGATE = { latitude: 51.3358, longitude: 1.4196 }
const SHEFFIELD = { latitude: 53.3811, longitude: -1.4701 }

/** Three groups in Thanet (one of them free) and one in Sheffield. */
function thanet(db: Db): Db {
  aService(db, { name: 'Walk and talk', categories: ['walking-groups'], placeIds: [aPlace(db, MARGATE)] })
  aService(db, {
    name: 'Seafront lunch club',
    categories: ['lunch-clubs'],
    isFree: false,
    costAmountPence: 300,
    costOption: 'meal',
    placeIds: [aPlace(db, { latitude: 51.386, longitude: 1.39 })],
  })
  aService(db, { name: 'Ramsgate singers', categories: ['singing'], placeIds: [aPlace(db, RAMSGATE)] })
  aService(db, {
    name: 'Sheffield strollers',
    categories: ['walking-groups'],
    placeIds: [aPlace(db, SHEFFIELD)],
  })
  aService(db, { name: 'Secret draft', status: 'draft', placeIds: [aPlace(db, MARGATE)] })
  return db
}

const resultNames = (html: string): string[] =>
  [...html.matchAll(/<h3 class="cg-result__title"><a class="govuk-link" href="[^"]*">([^<]*)<\/a>/g)].map(
    (m) => m[1] ?? '',
  )

const titleOf = (html: string): string => /<title>([^<]*)<\/title>/.exec(html)?.[1]?.trim() ?? ''

/** Handlebars escapes = and & in attributes; a browser reads them back like this. */
const decode = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&')

describe('GET /map', () => {
  it('shows the map with the list of what is in view beside it, and says the map needs JavaScript', async () => {
    const { app } = aTestApp({ db: thanet(aDatabase()) })
    const res = await request(app).get('/map')
    expect(res.status).toBe(200)
    expect(res.text).toContain('<title>Map of groups and activities – Common Ground</title>')
    expect(res.text.match(/<h1/g)).toHaveLength(1)
    expect(res.text).toContain('The map needs JavaScript, which is turned off or has not loaded.')
    // The list works without the map: every published group, with a link to its page.
    expect(resultNames(res.text).sort()).toEqual([
      'Ramsgate singers',
      'Seafront lunch club',
      'Sheffield strollers',
      'Walk and talk',
    ])
    expect(res.text).toContain('4 groups and activities here.')
    expect(res.text).not.toContain('Secret draft')
    expect(res.text).toContain('href="/search">See every result for your search as a list</a>')
    // The map's settings, and Leaflet and our script, loaded with the page's nonce.
    expect(res.text).toMatch(/<div class="cg-map" id="map"[^>]* hidden/)
    expect(res.text).toContain('data-tile-url="https://tile.openstreetmap.org/{z}/{x}/{y}.png"')
    expect(res.text).toContain('data-markers-url="/map/markers.json"')
    expect(res.text).toMatch(/<link rel="stylesheet" href="\/vendor\/leaflet\/leaflet\.[0-9a-f]{10}\.css">/)
    expect(res.text).toMatch(
      /<script src="\/vendor\/leaflet\/leaflet\.[0-9a-f]{10}\.js" nonce="[^"]+"><\/script>/,
    )
    expect(res.text).toMatch(/<script src="\/static\/js\/map\.[0-9a-f]{10}\.js" nonce="[^"]+"><\/script>/)
    // CSP: no style attributes in the markup.
    expect(res.text).not.toMatch(/\sstyle="/)
  })

  it('keeps the filters: the list and the map both show only free walking groups', async () => {
    const { app } = aTestApp({ db: thanet(aDatabase()) })
    const res = await request(app).get('/map?category=walking-groups&free=yes')
    expect(res.status).toBe(200)
    expect(resultNames(res.text).sort()).toEqual(['Sheffield strollers', 'Walk and talk'])
    expect(decode(res.text)).toContain('data-query="category=walking-groups&free=yes"')
    expect(decode(res.text)).toContain('href="/search?category=walking-groups&free=yes"')
    expect(res.text).toMatch(/id="category" name="category" type="checkbox" value="walking-groups" checked/)
  })

  it('a resident using their location sees the map round them, nearest groups first and how far they are', async () => {
    const { app } = aTestApp({ db: thanet(aDatabase()) })
    const res = await request(app).get(
      `/map?where=My+location&lat=${MARGATE.latitude}&lng=${MARGATE.longitude}`,
    )
    expect(res.status).toBe(200)
    expect(res.text).toContain(
      '<h1 class="govuk-heading-xl">Map of groups and activities near My location</h1>',
    )
    expect(res.text).toContain(`data-latitude="${MARGATE.latitude}"`)
    expect(resultNames(res.text)[0]).toBe('Walk and talk')
    expect(res.text).not.toContain('Sheffield strollers')
    expect(res.text).toMatch(/miles? away/)
  })

  it('says plainly when nothing is in view', async () => {
    const { app } = aTestApp()
    const res = await request(app).get('/map')
    expect(res.status).toBe(200)
    expect(res.text).toContain('No groups or activities here match your search.')
  })

  it('shows an error summary, not a failure, for a filter that is not on the list', async () => {
    const { app } = aTestApp({ db: thanet(aDatabase()) })
    const res = await request(app).get('/map?category=rocket-science&day=funday')
    expect(res.status).toBe(400)
    expect(res.text).toContain('<title>Error: Map of groups and activities – Common Ground</title>')
    expect(res.text).toContain('There is a problem')
    expect(res.text).toContain('<a href="#day">Choose a day of the week from the list</a>')
    expect(res.text).toContain('<a href="#category">Choose a type of group or activity from the list</a>')
    // The page still works: the list shows everything, as no valid filter is left.
    expect(resultNames(res.text)).toHaveLength(4)
  })
})

describe('GET /map: places that need a word with the resident', () => {
  it('asks "Which Newport do you mean?", as search does, and keeps the words and filters', async () => {
    const { app } = aTestApp({ db: withTowns(thanet(aDatabase())) })
    const res = await request(app).get('/map?q=walking&where=Newport&free=yes')
    expect(res.status).toBe(200)
    expect(titleOf(res.text)).toMatch(/^Which Newport do you mean\?/)
    expect(res.text.match(/<h1/g)).toHaveLength(1)
    expect(res.text).toContain('<form method="get" action="/map" novalidate>')
    expect(res.text).toContain('<input type="hidden" name="q" value="walking">')
    expect(res.text).toContain('<input type="hidden" name="free" value="yes">')
    expect(res.text).toContain('value="Newport (in Wales)"')
    expect(res.text).toContain('in England')
    expect(decode(res.text)).toContain('href="/map?q=walking&free=yes">Search for somewhere else')
    expect(res.text).not.toContain('id="map"')
  })

  it('shows the map round the place chosen', async () => {
    const { app } = aTestApp({ db: withTowns(thanet(aDatabase())) })
    const res = await request(app).get('/map').query({ where: 'Newport (in Wales)' })
    expect(res.status).toBe(200)
    expect(res.text).toContain('Map of groups and activities near Newport')
    expect(res.text).toContain('data-latitude="51.5877"')
  })

  it('asks again, with an error, when the form was sent without a choice', async () => {
    const { app } = aTestApp({ db: withTowns(thanet(aDatabase())) })
    const res = await request(app).get('/map?q=walking&choosing=Newport')
    expect(res.status).toBe(200)
    expect(titleOf(res.text)).toMatch(/^Error: Which Newport do you mean\?/)
    expect(res.text).toContain('<a href="#where">Select which Newport you mean</a>')
    expect(res.text).toContain('aria-describedby="where-hint where-error"')
  })

  it('says plainly when it cannot find a place, and still shows the map of everything', async () => {
    const { app } = aTestApp({ db: withTowns(thanet(aDatabase())) })
    const res = await request(app).get('/map?where=Xyzzy')
    expect(res.status).toBe(200)
    expect(titleOf(res.text)).toMatch(/^Error: Map of groups and activities/)
    expect(res.text).toContain('href="#where"')
    expect(res.text).toContain('value="Xyzzy"')
    expect(resultNames(res.text)).toHaveLength(4)
  })
})

describe('GET /map/markers.json', () => {
  it('gives GeoJSON: a cluster for Thanet far out, and each group by name close in', async () => {
    const { app } = aTestApp({ db: thanet(aDatabase()) })
    const far = await request(app).get('/map/markers.json?bbox=-6,49.9,2,55.9&zoom=6')
    expect(far.status).toBe(200)
    expect(far.headers['content-type']).toMatch(/^application\/geo\+json/)
    // Kept by the browser, but asked again each time, so a hidden listing never lingers.
    expect(far.headers['cache-control']).toBe('no-cache')
    const again = await request(app)
      .get('/map/markers.json?bbox=-6,49.9,2,55.9&zoom=6')
      .set('If-None-Match', far.headers.etag as string)
    expect(again.status).toBe(304)
    expect(far.body.type).toBe('FeatureCollection')
    expect(far.body.total).toBe(4)
    for (const feature of far.body.features) {
      expect(feature.type).toBe('Feature')
      expect(feature.geometry.type).toBe('Point')
      expect(feature.geometry.coordinates).toHaveLength(2)
      expect(feature.geometry.coordinates.every(Number.isFinite)).toBe(true)
    }
    const thanetCluster = far.body.features.find(
      (f: { properties: { cluster: boolean; point_count?: number } }) => f.properties.cluster,
    )
    expect(thanetCluster.properties).toMatchObject({ cluster: true, point_count: 3 })
    expect(thanetCluster.properties.expansion_zoom).toBeGreaterThan(6)

    const near = await request(app).get('/map/markers.json?bbox=1.3,51.3,1.5,51.45&zoom=14')
    expect(near.status).toBe(200)
    const names = near.body.features.map((f: { properties: { name: string } }) => f.properties.name).sort()
    expect(names).toEqual(['Ramsgate singers', 'Seafront lunch club', 'Walk and talk'])
    const walk = near.body.features.find(
      (f: { properties: { name: string } }) => f.properties.name === 'Walk and talk',
    )
    expect(walk.properties).toMatchObject({ cluster: false, category: 'Walking groups' })
    expect(walk.properties.url).toMatch(/^\/services\/\d+$/)
  })

  it('lets the browser keep an answer it already has: the same view again is "not modified"', async () => {
    const { app } = aTestApp({ db: thanet(aDatabase()) })
    const url = '/map/markers.json?bbox=1.3,51.3,1.5,51.45&zoom=12'
    const first = await request(app).get(url)
    expect(first.headers.etag).toMatch(/^"[\w-]+"$/)
    const again = await request(app)
      .get(url)
      .set('If-None-Match', first.headers.etag as string)
    expect(again.status).toBe(304)
    // Zoomed out, the same area is one cluster: another answer, so another ETag.
    const elsewhere = await request(app).get('/map/markers.json?bbox=1.3,51.3,1.5,51.45&zoom=8')
    expect(elsewhere.body).not.toEqual(first.body)
    expect(elsewhere.headers.etag).not.toBe(first.headers.etag)
  })

  it('uses the same filters as search', async () => {
    const { app } = aTestApp({ db: thanet(aDatabase()) })
    const res = await request(app).get(
      '/map/markers.json?bbox=-6,49.9,2,55.9&zoom=14&category=walking-groups&q=talk',
    )
    expect(res.status).toBe(200)
    expect(res.body.total).toBe(1)
    expect(res.body.features[0].properties.name).toBe('Walk and talk')
  })

  const BAD: [string, string, RegExp][] = [
    ['no map area', 'zoom=6', /map area/i],
    ['a map area of three numbers', 'bbox=1,2,3&zoom=6', /four numbers/],
    ['a map area of five numbers', 'bbox=1,2,3,4,5&zoom=6', /four numbers/],
    ['a map area of words', 'bbox=a,b,c,d&zoom=6', /four numbers/],
    ['a map area with a gap', 'bbox=1,,3,4&zoom=6', /four numbers/],
    ['a map area that is not a number at all', 'bbox=Infinity,0,1,1&zoom=6', /four numbers/],
    ['west east of east', 'bbox=2,51,1,52&zoom=6', /west must be less than east/],
    ['south north of north', 'bbox=1,52,2,51&zoom=6', /south must be less than north/],
    ['a latitude of 95', 'bbox=1,51,2,95&zoom=6', /between -90 and 90/],
    ['a longitude of 200', 'bbox=1,51,200,52&zoom=6', /between -180 and 180/],
    ['no zoom', 'bbox=1,51,2,52', /zoom/i],
    ['zoom -1', 'bbox=1,51,2,52&zoom=-1', /Zoom must be a whole number from 0 to 20/],
    ['zoom 21', 'bbox=1,51,2,52&zoom=21', /Zoom must be a whole number from 0 to 20/],
    ['zoom x', 'bbox=1,51,2,52&zoom=x', /Zoom must be a whole number from 0 to 20/],
    ['zoom 6.5', 'bbox=1,51,2,52&zoom=6.5', /Zoom must be a whole number from 0 to 20/],
    ['an unknown category', 'bbox=1,51,2,52&zoom=6&category=rocket-science', /type of group or activity/],
    [
      'a category that is not a code',
      'bbox=1,51,2,52&zoom=6&category=%3Cscript%3E',
      /type of group or activity/,
    ],
    ['an unknown day', 'bbox=1,51,2,52&zoom=6&day=funday', /day of the week/],
    ['an unknown access need', 'bbox=1,51,2,52&zoom=6&access=jetpack', /access needs/],
    ['a distance not on the list', 'bbox=1,51,2,52&zoom=6&distance=7', /distance/],
    ['free as a number', 'bbox=1,51,2,52&zoom=6&free=1', /Free only/],
    ['words that are far too long', `bbox=1,51,2,52&zoom=6&q=${'a'.repeat(300)}`, /200 characters or fewer/],
  ]

  it.each(BAD)('refuses %s with a 400 and a plain message', async (_story, query, message) => {
    const { app } = aTestApp({ db: thanet(aDatabase()) })
    const res = await request(app).get(`/map/markers.json?${query}`)
    expect(res.status).toBe(400)
    expect(res.headers['content-type']).toMatch(/^application\/json/)
    expect(typeof res.body.error).toBe('string')
    expect(res.body.error).toMatch(message)
  })

  it('reads the first map area when one is given twice, and refuses it when that one is bad', async () => {
    const { app } = aTestApp()
    const res = await request(app).get('/map/markers.json?bbox=1,51,2,52&bbox=a&zoom=6')
    // The first value is the one read, and it is a good one.
    expect(res.status).toBe(200)
    const worse = await request(app).get('/map/markers.json?bbox=a&bbox=1,51,2,52&zoom=6')
    expect(worse.status).toBe(400)
  })
})

describe('GET /map/list', () => {
  it('gives the list for another part of the map, ready to put beside it', async () => {
    const { app } = aTestApp({ db: thanet(aDatabase()) })
    const res = await request(app).get('/map/list?bbox=1.41,51.3,1.45,51.35&zoom=14')
    expect(res.status).toBe(200)
    expect(res.text).not.toContain('<html')
    expect(res.text).toContain('data-total="1"')
    expect(res.text).toContain('1 group or activity here.')
    expect(resultNames(res.text)).toEqual(['Ramsgate singers'])
  })

  it('refuses a bad map area with a 400', async () => {
    const { app } = aTestApp()
    const res = await request(app).get('/map/list?bbox=1,2,3&zoom=6')
    expect(res.status).toBe(400)
    expect(res.body.error).toMatch(/four numbers/)
  })
})

describe('GET /map/hubs.json', () => {
  it('gives each hub area as a GeoJSON polygon with a link to the hub', async () => {
    const db = aDatabase()
    aHub(db, { slug: 'margate', name: 'Margate hub', ...MARGATE, radiusMiles: 3 })
    const { app } = aTestApp({ db })
    const res = await request(app).get('/map/hubs.json')
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/)
    expect(res.body.type).toBe('FeatureCollection')
    expect(res.body.features).toHaveLength(1)
    expect(res.body.features[0].geometry.type).toBe('Polygon')
    expect(res.body.features[0].properties).toEqual({
      slug: 'margate',
      name: 'Margate hub',
      url: '/hubs/margate',
    })
  })
})

describe('GET /map/hubs.json for the part of the map in view', () => {
  it('gives only the hubs in view, and refuses a bad map area with a 400', async () => {
    const db = aDatabase()
    aHub(db, { slug: 'margate', name: 'Margate hub', ...MARGATE, radiusMiles: 3 })
    aHub(db, { slug: 'sheffield', name: 'Sheffield hub', ...SHEFFIELD, radiusMiles: 5 })
    const { app } = aTestApp({ db })
    const kent = await request(app).get('/map/hubs.json?bbox=1.2,51.2,1.6,51.5&zoom=11')
    expect(kent.status).toBe(200)
    expect(kent.headers['content-type']).toMatch(/^application\/geo\+json/)
    expect(kent.body.features.map((f: { properties: { slug: string } }) => f.properties.slug)).toEqual([
      'margate',
    ])
    const bad = await request(app).get('/map/hubs.json?bbox=1.2,51.2&zoom=11')
    expect(bad.status).toBe(400)
    expect(bad.body.error).toMatch(/four numbers/)
  })
})

describe('the map answers only what it is asked for', () => {
  it.each(['/map', '/map/list', '/map/hubs.json', '/map/markers.json'])(
    'a form sent to %s gets a 405 saying it only looks, never a failure',
    async (path) => {
      const { app } = aTestApp()
      const res = await request(app).post(path).type('form').send('where=Margate')
      expect(res.status).toBe(405)
      expect(res.headers.allow).toBe('GET, HEAD')
    },
  )

  it('a script asking for markers with another method is told so in JSON', async () => {
    const { app } = aTestApp()
    const res = await request(app).delete('/map/markers.json').set('Accept', 'application/json')
    expect(res.status).toBe(405)
    expect(res.body.error).toMatch(/only answers GET, HEAD/)
  })
})

describe('the map and its list agree, and the map can be passed by', () => {
  /** The demo data, with the towns the clusters are named after. */
  const demo = () => {
    const site = aDemoTestApp()
    loadGazetteerIfEmpty(site.db)
    return site
  }

  /** What a marker adds to the count: a cluster its number, a single group 1 (0 if counted in another marker). */
  const countOf = (properties: { cluster: boolean; point_count?: number; also_counted?: true | number }) =>
    properties.cluster ? (properties.point_count ?? 0) : properties.also_counted ? 0 : 1

  const GREAT_BRITAIN = '-8.5,49.8,2.1,59'

  it.each([
    ['no filters', ''],
    ['free groups', '&free=yes'],
    ['walking groups', '&category=walking-groups'],
    ['money advice with a hearing loop', '&category=money-advice&access=hearing-loop'],
    ['the word "lunch"', '&q=lunch'],
  ])(
    'with %s, the clusters over the whole map add up to the number in the list beside it, at every zoom',
    async (_name, filters) => {
      const { app, db } = demo()
      const list = await request(app).get(`/map/list?bbox=${GREAT_BRITAIN}&zoom=6${filters}`)
      const listed = Number(/data-total="(\d+)"/.exec(list.text)?.[1])
      // The list counts each group with a place once, however many places it has.
      const groupsWithAPlace = db
        .prepare(
          `SELECT count(DISTINCT s.id) AS n FROM services s
             JOIN service_at_locations sal ON sal.service_id = s.id
             JOIN locations l ON l.id = sal.location_id AND l.status = 'published'
            WHERE s.status = 'published'`,
        )
        .get() as { n: number }
      expect(listed).toBeGreaterThan(0)
      expect(listed).toBeLessThanOrEqual(groupsWithAPlace.n)
      if (filters === '') expect(listed).toBe(groupsWithAPlace.n)
      for (const zoom of [4, 6, 9, 12]) {
        const markers = await request(app).get(
          `/map/markers.json?bbox=${GREAT_BRITAIN}&zoom=${zoom}${filters}`,
        )
        const sum = markers.body.features.reduce(
          (total: number, feature: { properties: Parameters<typeof countOf>[0] }) =>
            total + countOf(feature.properties),
          0,
        )
        expect({ zoom, sum, total: markers.body.total }).toEqual({ zoom, sum: listed, total: listed })
      }
    },
  )

  it('each cluster says which town it is around, and a group at two places counts once', async () => {
    const { app, db } = demo()
    const twoPlaces = db
      .prepare(
        `SELECT l.latitude, l.longitude FROM service_at_locations sal
           JOIN locations l ON l.id = sal.location_id AND l.status = 'published'
           JOIN services s ON s.id = sal.service_id AND s.status = 'published'
          WHERE sal.service_id IN (SELECT service_id FROM service_at_locations GROUP BY service_id HAVING count(*) > 1)`,
      )
      .all() as { latitude: number; longitude: number }[]
    expect(twoPlaces.length).toBeGreaterThan(1)
    const pad = 0.05
    const bbox = [
      Math.min(...twoPlaces.map((p) => p.longitude)) - pad,
      Math.min(...twoPlaces.map((p) => p.latitude)) - pad,
      Math.max(...twoPlaces.map((p) => p.longitude)) + pad,
      Math.max(...twoPlaces.map((p) => p.latitude)) + pad,
    ].join(',')
    const far = await request(app).get(`/map/markers.json?bbox=${GREAT_BRITAIN}&zoom=6`)
    const clusters = far.body.features.filter(
      (f: { properties: { cluster: boolean } }) => f.properties.cluster,
    )
    expect(clusters.length).toBeGreaterThan(2)
    for (const cluster of clusters) expect(cluster.properties.near).toMatch(/^[A-Z][\w' -]+$/)
    expect(clusters.map((c: { properties: { near: string } }) => c.properties.near)).toEqual(
      expect.arrayContaining(['Sheffield', 'Birmingham', 'Crewe', 'Torquay']),
    )

    for (const zoom of [10, 12, 14, 16]) {
      const markers = await request(app).get(`/map/markers.json?bbox=${bbox}&zoom=${zoom}`)
      const list = await request(app).get(`/map/list?bbox=${bbox}&zoom=${zoom}`)
      const sum = markers.body.features.reduce(
        (total: number, feature: { properties: Parameters<typeof countOf>[0] }) =>
          total + countOf(feature.properties),
        0,
      )
      expect(sum).toBe(Number(/data-total="(\d+)"/.exec(list.text)?.[1]))
    }
  })

  it('has a "Skip the map" link before the map to the list, and the hub areas box has a label and a legend', async () => {
    const { app } = demo()
    const res = await request(app).get('/map')
    const skip = res.text.indexOf('<a class="govuk-link" href="#map-list-heading">Skip the map</a>')
    expect(skip).toBeGreaterThan(0)
    expect(skip).toBeLessThan(res.text.indexOf('id="map"'))
    expect(res.text).toMatch(
      /<h2 class="govuk-heading-m" id="map-list-heading" tabindex="-1">In this part of the map<\/h2>/,
    )
    expect(res.text).toMatch(
      /<fieldset class="govuk-fieldset">\s*<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Local hub areas<\/legend>[^]*<input class="govuk-checkboxes__input" id="show-hubs"[^>]*>\s*<label class="govuk-label govuk-checkboxes__label" for="show-hubs">Show local hub areas on the map<\/label>/,
    )
    // What the map leaves out, said where the counts are.
    expect(res.text).toContain('The map counts each group once, even when it meets at more than one place.')
    expect(res.text).toContain(
      'those that come to your home, or are by phone or online, are in the full list',
    )
  })
})

describe('the map and its list over the demo data: near means near there too', () => {
  const db = aDemoDatabase()
  loadGazetteerIfEmpty(db)
  const { app } = aTestApp({ db })
  const GREAT_BRITAIN = '-8,49.8,2,59'
  const distancesOn = (html: string): number[] =>
    [...html.matchAll(/([\d.,]+) miles? away/g)].map((m) => Number((m[1] ?? '').replace(/,/g, '')))

  it('a map of lunch clubs near Canterbury reaches as far as the list does, 25 miles, and its markers agree', async () => {
    const page = await request(app).get('/map?q=lunch+club&where=Canterbury')
    expect(page.status).toBe(200)
    const query = /data-query="([^"]*)"/.exec(decode(page.text))?.[1] ?? ''
    expect(query).toBe('q=lunch+club&where=Canterbury&distance=25')
    for (const miles of distancesOn(page.text)) expect(miles).toBeLessThanOrEqual(25)

    const search = await request(app).get('/search?q=lunch+club&where=Canterbury')
    const markers = await request(app).get(`/map/markers.json?${query}&bbox=${GREAT_BRITAIN}&zoom=14`)
    type Properties = { name?: string; listings?: { name: string }[] }
    const features = (markers.body as { features: { properties: Properties }[] }).features
    // Groups that meet at the same spot come as one marker that lists them.
    const onMap = features.flatMap(({ properties }) =>
      properties.listings ? properties.listings.map((listing) => listing.name) : [properties.name],
    )
    expect(onMap.sort()).toEqual(resultNames(search.text).sort())

    const list = await request(app).get(`/map/list?${query}&bbox=${GREAT_BRITAIN}&zoom=14`)
    expect(resultNames(list.text).sort()).toEqual(resultNames(search.text).sort())
  })

  it('a map of lunch clubs near Norwich shows nothing: there is none within 50 miles', async () => {
    const page = await request(app).get('/map?q=lunch+club&where=Norwich')
    expect(decode(page.text)).toContain('data-query="q=lunch+club&where=Norwich&distance=50"')
    expect(resultNames(page.text)).toEqual([])
  })
})
