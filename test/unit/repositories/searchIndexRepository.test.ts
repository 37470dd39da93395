import type { Db } from '../../../db/connection'
import { DataVersionRepository } from '../../../db/repositories/dataVersionRepository'
import { SearchIndexRepository, tablesWrittenBy } from '../../../db/repositories/searchIndexRepository'
import { writers } from '../../builders'
import { aDatabase } from '../../support/testApp'

/** A small directory written through the repositories: one way by insert, the other by insertMany. */
function writeDirectory(db: Db, many: boolean): void {
  const { hubs, organisations, places, services, people } = writers(db)
  const hub = hubs.insert({
    slug: 'margate',
    name: 'Margate',
    latitude: 51.389,
    longitude: 1.386,
    radiusMiles: 3,
  })
  const orgs = [
    {
      id: 1,
      name: 'Thanet Walkers',
      description: 'Walks by the sea',
      status: 'published' as const,
      hubIds: [hub],
    },
    { id: 2, name: 'Hidden Group', status: 'draft' as const, hubIds: [hub] },
  ]
  const placeRows = [
    {
      id: 1,
      name: 'Harbour Arm',
      address1: '1 Harbour Arm',
      city: 'Margate',
      postalCode: 'CT9 1AA',
      latitude: 51.3913,
      longitude: 1.3781,
      hubId: hub,
      status: 'published' as const,
      access: [{ code: 'step-free' }, { code: 'parking', available: false }],
    },
    { id: 2, name: 'Closed Hall', latitude: 51.38, longitude: 1.39, status: 'archived' as const },
  ]
  const serviceRows = [
    {
      id: 1,
      organisationId: 1,
      hubId: hub,
      name: 'Seaside Stroll',
      description: 'A gentle walk along the front',
      isFree: true,
      status: 'published' as const,
      categories: ['walking-groups'],
      placeIds: [1, 2],
      schedules: [{ byday: 'TU' as const, opensAt: '10:00', closesAt: '11:00', placeId: 1 }],
    },
    { id: 2, organisationId: 2, name: 'Draft Lunch', isFree: false, status: 'draft' as const },
  ]
  const person = {
    id: 1,
    firstName: 'Ada',
    lastName: 'Lovelace',
    hubId: hub,
    skillsInOwnWords: 'Sums',
    wouldLikeToShare: 'Help with tablets',
    availability: 'Mornings',
    preferredContact: 'email' as const,
    visibility: 'public' as const,
    skills: ['baking'],
  }
  if (many) {
    organisations.insertMany(orgs)
    places.insertMany(placeRows)
    services.insertMany(serviceRows)
    people.insertMany([person])
  } else {
    orgs.forEach((row) => organisations.insert(row))
    placeRows.forEach((row) => places.insert(row))
    serviceRows.forEach((row) => services.insert(row))
    people.insert(person)
  }
}

const contents = (db: Db) => ({
  services: db.prepare('SELECT rowid, * FROM services_fts ORDER BY rowid').all(),
  organisations: db.prepare('SELECT rowid, * FROM organisations_fts ORDER BY rowid').all(),
  places: db.prepare('SELECT rowid, * FROM places_fts ORDER BY rowid').all(),
  points: db.prepare('SELECT * FROM places_rtree ORDER BY id').all(),
  servicePoints: db.prepare('SELECT * FROM service_points ORDER BY id').all(),
  // and what the counting triggers keep, worked out once after a bulk load
  dayMasks: db.prepare('SELECT id, day_mask FROM services ORDER BY id').all(),
  categoryCounts: db
    .prepare('SELECT * FROM published_category_counts WHERE services > 0 ORDER BY term_id')
    .all(),
  hubCategoryCounts: db
    .prepare('SELECT * FROM hub_category_counts WHERE services > 0 ORDER BY hub_id, term_id')
    .all(),
})

const triggers = (db: Db) =>
  db.prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all()

const indexes = (db: Db) =>
  db.prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all()

describe('building the search indexes once, after a bulk load', () => {
  it('leaves the same search indexes, triggers and data as writing each record with its triggers', () => {
    const oneByOne = aDatabase()
    writeDirectory(oneByOne, false)
    const inBulk = aDatabase()
    const version = new DataVersionRepository(inBulk)
    const before = version.current()
    new SearchIndexRepository(inBulk).whileDeferred(() => writeDirectory(inBulk, true))

    expect(contents(inBulk)).toEqual(contents(oneByOne))
    expect(contents(inBulk).services).toHaveLength(1)
    expect(contents(inBulk).points).toHaveLength(1)
    expect(contents(inBulk).dayMasks).toContainEqual({ id: 1, day_mask: 2 })
    expect(contents(inBulk).categoryCounts.length).toBeGreaterThan(0)
    expect(contents(inBulk).hubCategoryCounts.length).toBeGreaterThan(0)
    // the stroll at the harbour (not at the closed hall): free, Tuesdays, step-free, walking
    expect(contents(inBulk).servicePoints).toEqual([
      expect.objectContaining({ service_id: 1, flags: 1, day_mask: 2, access_mask: 1 }),
    ])
    expect((contents(inBulk).servicePoints[0] as { category_mask: number }).category_mask).toBeGreaterThan(0)
    expect(triggers(inBulk)).toEqual(triggers(aDatabase()))
    expect(new SearchIndexRepository(inBulk).check()).toEqual({
      services: 0,
      organisations: 0,
      places: 0,
      placePoints: 0,
      servicePoints: 0,
    })
    // The caches see one new version for the whole load.
    expect(version.current()).toBe(before + 1)
    // and a search finds the walk by its category's name and its place
    expect(
      inBulk.prepare("SELECT rowid FROM services_fts WHERE services_fts MATCH 'walking AND harbour'").all(),
    ).toEqual([{ rowid: 1 }])
  })

  it('builds the services’ own indexes again when asked, leaving the same indexes, data and plans', () => {
    const oneByOne = aDatabase()
    writeDirectory(oneByOne, false)
    const inBulk = aDatabase()
    new SearchIndexRepository(inBulk).whileDeferred(() => writeDirectory(inBulk, true), {
      rebuildServiceIndexes: true,
    })

    expect(contents(inBulk)).toEqual(contents(oneByOne))
    expect(indexes(inBulk)).toEqual(indexes(aDatabase()))
    expect(triggers(inBulk)).toEqual(triggers(aDatabase()))
    const plan = (db: Db) =>
      db
        .prepare(
          "EXPLAIN QUERY PLAN SELECT id FROM services WHERE status = 'published' ORDER BY name LIMIT 5",
        )
        .all()
    expect(plan(inBulk)).toEqual(plan(oneByOne))
  })

  it('keeps nothing of a load that fails, and puts every trigger and index back', () => {
    const db = aDatabase()
    const { organisations } = writers(db)
    expect(() =>
      new SearchIndexRepository(db).whileDeferred(
        () => {
          organisations.insertMany([{ name: 'Half Written', status: 'published' }])
          throw new Error('the load stopped')
        },
        { rebuildServiceIndexes: true },
      ),
    ).toThrow('the load stopped')
    expect(db.prepare('SELECT count(*) AS n FROM organizations').get()).toEqual({ n: 0 })
    expect(triggers(db)).toEqual(triggers(aDatabase()))
    expect(indexes(db)).toEqual(indexes(aDatabase()))
    // The triggers work again: a new organisation is in search at once.
    organisations.insert({ name: 'Thanet Walkers', status: 'published' })
    expect(db.prepare('SELECT count(*) AS n FROM organisations_fts').get()).toEqual({ n: 1 })
  })

  it('turns off only the triggers that keep search indexes and the data version', () => {
    expect(
      tablesWrittenBy(
        `CREATE TRIGGER t AFTER UPDATE OF name ON taxonomy_terms BEGIN
           DELETE FROM services_fts WHERE rowid = OLD.id;
           INSERT INTO services_fts (rowid, name) SELECT id, name FROM services;
           UPDATE data_version SET version = version + 1 WHERE id = 1;
         END`,
      ),
    ).toEqual(['services_fts', 'data_version'])
    const db = aDatabase()
    db.exec(`CREATE TABLE place_names (id INTEGER PRIMARY KEY, name TEXT);
      CREATE TRIGGER places_names AFTER INSERT ON locations BEGIN
        INSERT INTO place_names (id, name) VALUES (NEW.id, NEW.name);
      END;`)
    new SearchIndexRepository(db).whileDeferred(() =>
      writers(db).places.insertMany([
        { name: 'Harbour Arm', latitude: 51.39, longitude: 1.38, status: 'published' },
      ]),
    )
    expect(db.prepare('SELECT name FROM place_names').all()).toEqual([{ name: 'Harbour Arm' }])
  })

  it('finds an index that has gone wrong', () => {
    const db = aDatabase()
    new SearchIndexRepository(db).whileDeferred(() => writeDirectory(db, true))
    db.exec('DELETE FROM places_rtree')
    db.exec("UPDATE organisations_fts SET name = 'Someone Else' WHERE rowid = 1")
    db.exec('UPDATE service_points SET flags = 0')
    expect(new SearchIndexRepository(db).check()).toEqual({
      services: 0,
      organisations: 2,
      places: 0,
      placePoints: 1,
      servicePoints: 1,
    })
    // A look at one service in 16 still sees a service missing from search, by their number.
    db.exec('DELETE FROM services_fts WHERE rowid = 1')
    expect(new SearchIndexRepository(db).check(16).services).toBeGreaterThan(0)
  })

  it('writes many records with the same checks as one: an unknown category keeps none of them', () => {
    const db = aDatabase()
    const { organisations, services } = writers(db)
    organisations.insertMany([{ id: 1, name: 'Thanet Walkers', status: 'published' }])
    expect(() =>
      services.insertMany([
        {
          organisationId: 1,
          name: 'Walk',
          isFree: true,
          status: 'published',
          categories: ['walking-groups'],
        },
        { organisationId: 1, name: 'Juggling', isFree: true, status: 'published', categories: ['juggling'] },
      ]),
    ).toThrow('There is no category with the code "juggling"')
    expect(db.prepare('SELECT count(*) AS n FROM services').get()).toEqual({ n: 0 })
  })
})
