import type { Db } from '../../db/connection'
import { countsForSize, generateDataset } from '../../bench/generate'
import { SearchIndexRepository } from '../../db/repositories/searchIndexRepository'
import { aDatabase } from '../support/testApp'

const count = (db: Db, sql: string): number => db.prepare<[], { n: number }>(sql).get()?.n ?? 0

const schemaOf = (db: Db) =>
  db
    .prepare(
      "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name",
    )
    .all()

describe('the benchmark data generator', () => {
  let db: Db

  beforeAll(() => {
    db = aDatabase()
    generateDataset(db, { size: 200 })
  })

  afterAll(() => db.close())

  it('makes as many of each record as the size asks for, in the proportions of the full benchmark', () => {
    expect(countsForSize(100_000)).toEqual({
      services: 100_000,
      organisations: 20_000,
      places: 30_000,
      hubs: 1_000,
      people: 50_000,
    })
    expect(count(db, 'SELECT count(*) AS n FROM services')).toBe(200)
    expect(count(db, 'SELECT count(*) AS n FROM organizations')).toBe(40)
    expect(count(db, 'SELECT count(*) AS n FROM locations')).toBe(60)
    expect(count(db, 'SELECT count(*) AS n FROM hubs')).toBe(2)
    expect(count(db, 'SELECT count(*) AS n FROM people')).toBe(100)
  })

  it('publishes most listings, keeps a few as drafts, and has some that come to your home', () => {
    const published = count(db, "SELECT count(*) AS n FROM services WHERE status = 'published'")
    expect(published).toBeGreaterThan(160)
    expect(published).toBeLessThan(200)
    expect(count(db, 'SELECT count(*) AS n FROM services WHERE comes_to_home = 1')).toBeGreaterThan(0)
    // and some that phone people, or run online, as befriending, advice and digital help do
    expect(count(db, 'SELECT count(*) AS n FROM services WHERE by_phone = 1')).toBeGreaterThan(0)
    expect(count(db, 'SELECT count(*) AS n FROM services WHERE online = 1')).toBeGreaterThan(0)
    expect(count(db, 'SELECT count(*) AS n FROM services WHERE is_free = 1')).toBeGreaterThan(50)
    expect(
      count(db, 'SELECT count(*) AS n FROM services WHERE is_free = 0 AND cost_amount_pence > 0'),
    ).toBeGreaterThan(50)
  })

  it('gives every published service a category, a time and, unless it comes to your home, a published place', () => {
    expect(
      count(
        db,
        `SELECT count(*) AS n FROM services s WHERE s.status = 'published'
           AND NOT EXISTS (SELECT 1 FROM service_categories c WHERE c.service_id = s.id)`,
      ),
    ).toBe(0)
    expect(
      count(
        db,
        `SELECT count(*) AS n FROM services s WHERE s.status = 'published'
           AND NOT EXISTS (SELECT 1 FROM schedules t WHERE t.service_id = s.id)`,
      ),
    ).toBe(0)
    expect(
      count(
        db,
        `SELECT count(*) AS n FROM services s WHERE s.status = 'published' AND s.comes_to_home = 0
           AND NOT EXISTS (SELECT 1 FROM service_at_locations a JOIN locations l ON l.id = a.location_id
                            WHERE a.service_id = s.id AND l.status = 'published')`,
      ),
    ).toBe(0)
  })

  it('puts every place in Great Britain, in a hub, with a postcode from the postcodes table', () => {
    expect(
      count(
        db,
        'SELECT count(*) AS n FROM locations WHERE latitude NOT BETWEEN 49.8 AND 61 OR longitude NOT BETWEEN -8.7 AND 2',
      ),
    ).toBe(0)
    expect(count(db, 'SELECT count(*) AS n FROM locations WHERE hub_id IS NULL')).toBe(0)
    expect(
      count(
        db,
        'SELECT count(*) AS n FROM locations l WHERE NOT EXISTS (SELECT 1 FROM postcodes p WHERE p.postcode = l.postal_code)',
      ),
    ).toBe(0)
    expect(count(db, 'SELECT count(*) AS n FROM postcode_districts')).toBeGreaterThan(4000)
  })

  it('gives people skills and a mix of who may see them, with at most a postcode district', () => {
    const visibilities = db
      .prepare<[], { visibility: string }>('SELECT DISTINCT visibility FROM people ORDER BY visibility')
      .all()
      .map((row) => row.visibility)
    expect(visibilities).toEqual(['coordinators', 'hub', 'public'])
    expect(
      count(
        db,
        'SELECT count(*) AS n FROM people p WHERE NOT EXISTS (SELECT 1 FROM person_skills s WHERE s.person_id = p.id)',
      ),
    ).toBe(0)
    expect(
      count(
        db,
        "SELECT count(*) AS n FROM people WHERE postcode_district IS NOT NULL AND postcode_district NOT GLOB '[A-Z]*[0-9]*'",
      ),
    ).toBe(0)
  })

  it('records each person’s consent, on paper, so every one of them may be shown as they chose', () => {
    expect(count(db, 'SELECT count(*) AS n FROM people_for_public_pages')).toBe(100)
    expect(
      count(
        db,
        `SELECT count(*) AS n FROM people p JOIN consents c ON c.id = p.consent_id
          WHERE c.person_id = p.id AND c.method = 'paper' AND c.withdrawn_at IS NULL`,
      ),
    ).toBe(100)
  })

  it('breaks no foreign key', () => {
    expect(db.pragma('foreign_key_check')).toEqual([])
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
  })

  it('leaves the schema, triggers included, exactly as a fresh migration makes it', () => {
    const fresh = aDatabase()
    expect(schemaOf(db)).toEqual(schemaOf(fresh))
    expect(schemaOf(db).filter((row) => (row as { type: string }).type === 'trigger').length).toBeGreaterThan(
      0,
    )
    fresh.close()
  })

  it('indexes every published service for search exactly as the triggers would, with its categories and places', () => {
    const documents = count(db, 'SELECT count(*) AS n FROM search_service_documents')
    expect(documents).toBe(count(db, "SELECT count(*) AS n FROM services WHERE status = 'published'"))
    expect(count(db, 'SELECT count(*) AS n FROM services_fts')).toBe(documents)
    expect(
      count(
        db,
        `SELECT count(*) AS n FROM search_service_documents d JOIN services_fts f ON f.rowid = d.id
          WHERE f.name = d.name AND f.categories = d.categories AND f.description = d.description
            AND f.organisation = d.organisation AND f.places = d.places`,
      ),
    ).toBe(documents)
    expect(count(db, "SELECT count(*) AS n FROM services_fts WHERE categories = ''")).toBe(0)
    expect(count(db, 'SELECT count(*) AS n FROM places_rtree')).toBe(
      count(db, "SELECT count(*) AS n FROM locations WHERE status = 'published'"),
    )
    expect(count(db, 'SELECT count(*) AS n FROM service_points')).toBeGreaterThan(0)
    expect(count(db, 'SELECT count(*) AS n FROM organisations_fts')).toBe(
      count(db, "SELECT count(*) AS n FROM organizations WHERE status = 'published'"),
    )
    // Built once at the end of the load, they hold what the triggers would have written.
    expect(new SearchIndexRepository(db).check()).toEqual({
      services: 0,
      organisations: 0,
      places: 0,
      placePoints: 0,
      servicePoints: 0,
    })
    // FTS5's own check that each index agrees with its stored rows.
    expect(() => db.exec("INSERT INTO services_fts (services_fts) VALUES ('integrity-check')")).not.toThrow()
    expect(() =>
      db.exec("INSERT INTO organisations_fts (organisations_fts) VALUES ('integrity-check')"),
    ).not.toThrow()
    expect(() => db.exec("INSERT INTO places_fts (places_fts) VALUES ('integrity-check')")).not.toThrow()
  })

  it('makes the same data every time, so two runs can be compared', () => {
    const again = aDatabase()
    generateDataset(again, { size: 200 })
    const rows = (d: Db) =>
      d
        .prepare(
          'SELECT id, organization_id, hub_id, name, description, is_free, status, last_checked FROM services ORDER BY id',
        )
        .all()
    expect(rows(again)).toEqual(rows(db))
    again.close()
  })
})
