import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Express } from 'express'
import request from 'supertest'
import { openDatabase, type Db } from '../../db/connection'
import { migrate } from '../../db/migrate'
import { PeopleRepository } from '../../db/repositories/peopleRepository'
import { ServicesRepository } from '../../db/repositories/servicesRepository'
import { aHub, aPerson, aPlace, aService, writers } from '../builders'
import { aTestApp } from '../support/testApp'

/**
 * The search, map, hub, hubs list and people answers are kept in caches. These stories check that a write which
 * hides a listing or a person is seen by the very next request: no page or map shows them
 * after the write, whichever connection made it.
 */

const MARGATE = { latitude: 51.3813, longitude: 1.3862 }
const SEARCH = `/search?q=walk&lat=${MARGATE.latitude}&lng=${MARGATE.longitude}`
const EVERYTHING_NEAR = `/search?lat=${MARGATE.latitude}&lng=${MARGATE.longitude}`
const PEOPLE_SEARCH = `/search?q=tablet&lat=${MARGATE.latitude}&lng=${MARGATE.longitude}`
const MARKERS = '/map/markers.json?bbox=1.3,51.3,1.5,51.45&zoom=14'
const WALK = 'Seafront walk and talk'
const MARGARET = 'Margaret H.'

interface Thanet {
  hubId: number
  walkId: number
  margaretId: number
}

/** Thanet: one walking group at a Margate hall, and Margaret, who helps with tablets in public. */
function thanet(db: Db): Thanet {
  const hubId = aHub(db, { slug: 'thanet', name: 'Thanet', ...MARGATE })
  const walkId = aService(db, {
    name: WALK,
    hubId,
    categories: ['walking-groups'],
    placeIds: [aPlace(db, { name: 'Cliftonville hall', hubId, ...MARGATE })],
    schedules: [{ byday: 'TU' }],
  })
  const margaretId = aPerson(db, {
    firstName: 'Margaret',
    lastName: 'Hill',
    hubId,
    visibility: 'public',
    skills: ['tablets-and-phones'],
  })
  return { hubId, walkId, margaretId }
}

const markerNames = (body: { features: { properties: { name?: string } }[] }): string[] =>
  body.features.map((feature) => feature.properties.name ?? '')

/** What a resident sees of the walking group on every page that can show it. */
async function walkSeen(app: Express, walkId: number) {
  const search = await request(app).get(SEARCH).expect(200)
  const near = await request(app).get(EVERYTHING_NEAR).expect(200)
  const markers = await request(app).get(MARKERS).expect(200)
  const page = await request(app).get(`/services/${walkId}`)
  const hub = await request(app).get('/hubs/thanet').expect(200)
  const hubs = await request(app).get('/hubs').expect(200)
  return {
    search: search.text.includes(WALK),
    near: near.text.includes(WALK),
    map: markerNames(markers.body).includes(WALK),
    mapTotal: markers.body.total as number,
    page: page.status,
    hub: hub.text.includes(WALK),
    hubsListCounts: hubs.text.includes('1 group or activity'),
  }
}

/** Where a resident could see Margaret by name. */
async function margaretSeen(app: Express) {
  const people = await request(app).get('/people').expect(200)
  const hub = await request(app).get('/hubs/thanet').expect(200)
  const search = await request(app).get(PEOPLE_SEARCH).expect(200)
  return {
    people: people.text.includes(MARGARET),
    hub: hub.text.includes(MARGARET),
    search: search.text.includes(MARGARET),
  }
}

const SEEN_WALK = {
  search: true,
  near: true,
  map: true,
  mapTotal: 1,
  page: 200,
  hub: true,
  hubsListCounts: true,
}
const NO_WALK = {
  search: false,
  near: false,
  map: false,
  mapTotal: 0,
  page: 404,
  hub: false,
  hubsListCounts: false,
}
const SEEN_MARGARET = { people: true, hub: true, search: true }
const NO_MARGARET = { people: false, hub: false, search: false }

describe('answers after a write that hides a listing', () => {
  it('a group archived by a coordinator leaves search, the map, its page and its hub at once', async () => {
    const { app, db } = aTestApp()
    const { walkId } = thanet(db)
    expect(await walkSeen(app, walkId)).toEqual(SEEN_WALK)
    // Asked again, so each answer is now the cache's.
    expect(await walkSeen(app, walkId)).toEqual(SEEN_WALK)

    writers(db).services.setStatus(walkId, 'archived')

    // Its address now says "This group has closed" (410).
    expect(await walkSeen(app, walkId)).toEqual({ ...NO_WALK, page: 410 })
  })

  it('a group deleted leaves search, the map, its page and its hub at once', async () => {
    const { app, db } = aTestApp()
    const { walkId } = thanet(db)
    expect(await walkSeen(app, walkId)).toEqual(SEEN_WALK)

    writers(db).services.delete(walkId)

    expect(await walkSeen(app, walkId)).toEqual(NO_WALK)
  })

  it('a group published again comes back everywhere', async () => {
    const { app, db } = aTestApp()
    const { walkId } = thanet(db)
    writers(db).services.setStatus(walkId, 'pending')
    expect(await walkSeen(app, walkId)).toEqual(NO_WALK)

    writers(db).services.setStatus(walkId, 'published')

    expect(await walkSeen(app, walkId)).toEqual(SEEN_WALK)
  })
})

describe('answers after a write that hides a person', () => {
  it('Margaret, choosing to be seen only by coordinators, disappears by name from /people, her hub and search', async () => {
    const { app, db } = aTestApp()
    const { margaretId } = thanet(db)
    expect(await margaretSeen(app)).toEqual(SEEN_MARGARET)
    expect(await margaretSeen(app)).toEqual(SEEN_MARGARET)

    writers(db).people.setVisibility(margaretId, 'coordinators')

    expect(await margaretSeen(app)).toEqual(NO_MARGARET)
  })

  it('Margaret, deleted, disappears from /people, her hub and search', async () => {
    const { app, db } = aTestApp()
    const { margaretId } = thanet(db)
    expect(await margaretSeen(app)).toEqual(SEEN_MARGARET)

    writers(db).people.delete(margaretId)

    expect(await margaretSeen(app)).toEqual(NO_MARGARET)
  })
})

describe('answers after a write from another connection to the same database', () => {
  let folder: string
  let first: Db
  let second: Db

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'fresh-answers-'))
    const file = path.join(folder, 'common-ground.sqlite')
    first = openDatabase(file)
    migrate(first)
    second = openDatabase(file)
  })

  afterEach(() => {
    second.close()
    first.close()
    fs.rmSync(folder, { recursive: true, force: true })
  })

  it('a group archived by another program (an import, a second app) leaves this app’s search and map', async () => {
    const { app } = aTestApp({ db: first })
    const { walkId } = thanet(first)
    expect(await walkSeen(app, walkId)).toEqual(SEEN_WALK)

    new ServicesRepository(second).setStatus(walkId, 'archived')

    expect(await walkSeen(app, walkId)).toEqual({ ...NO_WALK, page: 410 })
  })

  it('a person hidden by another program leaves this app’s pages and search', async () => {
    const { app } = aTestApp({ db: first })
    const { margaretId } = thanet(first)
    expect(await margaretSeen(app)).toEqual(SEEN_MARGARET)

    new PeopleRepository(second).setVisibility(margaretId, 'hub')

    expect(await margaretSeen(app)).toEqual(NO_MARGARET)
  })
})
