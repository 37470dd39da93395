/**
 * A directory of many hubs and people, built quickly for the tests that prove the people pages
 * do not grow with the data (issue 8): hubs on a grid across southern England, each with the
 * same number of people, so a directory ten times the size has ten times the hubs and people
 * but the same people per hub. Written through the repositories, in one transaction.
 */
import type { Db } from '../../db/connection'
import { HubsRepository } from '../../db/repositories/hubsRepository'
import { ConsentsRepository } from '../../db/repositories/consentsRepository'
import { PeopleRepository, type Visibility } from '../../db/repositories/peopleRepository'
import { paperConsent } from '../builders'

export interface BigPeopleOptions {
  hubs: number
  /** people in each hub */
  peoplePerHub: number
}

/** Where the grid starts (its south-west corner) and how far apart its hubs are, in degrees. */
export const GRID = { south: 50.8, west: -2.5, step: 0.07, columns: 50 } as const

const SKILL_CODES = [
  'tablets-and-phones',
  'form-filling',
  'listening',
  'walking-companion',
  'driving',
  'gardening',
  'cooking',
  'baking',
  'diy-repairs',
  'knitting-and-sewing',
  'music',
  'art-and-drawing',
  'letter-writing',
  'reading-aloud',
  'local-history',
  'languages',
  'pet-care',
]
const FIRST_NAMES = ['Ada', 'Bert', 'Cora', 'Dev', 'Edna', 'Fred', 'Gwen', 'Hal', 'Ivy', 'Jim', 'Kath', 'Len']
const LAST_NAMES = ['Ashdown', 'Birchall', 'Copperfield', 'Dunmore', 'Eastleigh', 'Fairweather', 'Greenhalgh']

/** The hub's name: "Grid Hub 0042" (the number four digits, so names sort as numbers do). */
export const bigHubName = (n: number): string => `Grid Hub ${String(n).padStart(4, '0')}`
export const bigHubSlug = (n: number): string => `grid-hub-${String(n).padStart(4, '0')}`

/** The centre of hub n (1-based) on the grid. */
export function bigHubCentre(n: number): { latitude: number; longitude: number } {
  const index = n - 1
  return {
    latitude: GRID.south + Math.floor(index / GRID.columns) * GRID.step,
    longitude: GRID.west + (index % GRID.columns) * GRID.step,
  }
}

/**
 * Adds `hubs` hubs of radius 3 miles and `peoplePerHub` people in each: three in ten public,
 * three hub-only, four coordinators-only, each sharing one to three skills.
 */
export function aBigDirectory(db: Db, { hubs, peoplePerHub }: BigPeopleOptions): void {
  const hubRepository = new HubsRepository(db)
  const people = new PeopleRepository(db)
  const consents = new ConsentsRepository(db)
  db.transaction(() => {
    for (let n = 1; n <= hubs; n++) {
      const hubId = hubRepository.insert({
        slug: bigHubSlug(n),
        name: bigHubName(n),
        ...bigHubCentre(n),
        radiusMiles: 3,
        phone: `01632 96${String(n % 10000).padStart(4, '0')}`,
        email: `${bigHubSlug(n)}@example.org`,
      })
      for (let i = 0; i < peoplePerHub; i++) {
        const k = n * peoplePerHub + i
        const visibility: Visibility = i % 10 < 3 ? 'public' : i % 10 < 6 ? 'hub' : 'coordinators'
        const skills = [SKILL_CODES[k % SKILL_CODES.length], SKILL_CODES[(k * 7 + 3) % SKILL_CODES.length]]
        if (i % 3 === 0) skills.push(SKILL_CODES[(k * 5 + 1) % SKILL_CODES.length])
        const personId = people.insert({
          firstName: FIRST_NAMES[k % FIRST_NAMES.length] as string,
          lastName: `${LAST_NAMES[k % LAST_NAMES.length] as string}-${k}`,
          hubId,
          visibility,
          skills: skills.filter((code): code is string => code !== undefined),
          email: `person${k}@example.com`,
          phone: `07700 9${String(k % 100000).padStart(5, '0')}`,
        })
        // Each agreed on paper (privacy rule 6): without consent in force nobody is shown.
        consents.record(paperConsent(personId))
      }
    }
  })()
}

/**
 * Counts the rows every statement prepared on `db` from now on hands to JavaScript (all, get,
 * iterate): build the app after calling this, then read `rows` around each request.
 */
export function countRowsRead(db: Db): { rows: number } {
  const counter = { rows: 0 }
  const prepare = db.prepare.bind(db)
  db.prepare = ((source: string) => {
    const statement = prepare(source)
    const all = statement.all.bind(statement)
    const get = statement.get.bind(statement)
    const iterate = statement.iterate.bind(statement)
    Object.assign(statement, {
      all: (...params: unknown[]) => {
        const rows = all(...params)
        counter.rows += rows.length
        return rows
      },
      get: (...params: unknown[]) => {
        const row = get(...params)
        if (row !== undefined) counter.rows++
        return row
      },
      iterate: function* (...params: unknown[]) {
        for (const row of iterate(...params)) {
          counter.rows++
          yield row
        }
      },
    })
    return statement
  }) as Db['prepare']
  return counter
}
