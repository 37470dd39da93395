/**
 * A directory big enough to show whether a page grows with the data, built fast enough for
 * the suite: the benchmark's own generator (bench/generate.ts) into an in-memory database,
 * then extra hubs (written through HubsRepository, in one transaction) to reach a hub count
 * the generator's proportions would not give at this size.
 *
 * And a way to see what one request reads: `countRowsRead` wraps the database's `prepare`, so
 * every statement the app prepares afterwards counts the rows its all(), get() and iterate()
 * hand back to JavaScript. Wrap before building the app, since repositories prepare their
 * statements when they are built.
 *
 *   const db = aBigDirectory({ services: 20_000, hubs: 2_000 })
 *   const rows = countRowsRead(db)
 *   const { app } = aTestApp({ db })
 *   const page = await measure(app, rows, '/hubs')   // { status, bytes, rows }
 */
import type { Statement } from 'better-sqlite3'
import type { Express } from 'express'
import request from 'supertest'
import { generateDataset } from '../../bench/generate'
import type { Db } from '../../db/connection'
import { gbPlacesFromAllTheCities } from '../../db/gazetteer'
import { HubsRepository } from '../../db/repositories/hubsRepository'
import { aDatabase } from './testApp'

export interface BigDirectoryOptions {
  /** how many services (the generator scales organisations, places and people with it) */
  services: number
  /** how many hubs in all, at least the generator's own (1 per 100 services) */
  hubs: number
}

/** A migrated in-memory database holding a generated directory of the given size. */
export function aBigDirectory(options: BigDirectoryOptions): Db {
  const db = aDatabase()
  const { counts } = generateDataset(db, { size: options.services })
  const extra = options.hubs - counts.hubs
  if (extra > 0) {
    const towns = gbPlacesFromAllTheCities().filter((place) => place.country !== 'NIR')
    const hubs = new HubsRepository(db)
    db.transaction(() => {
      for (let i = 1; i <= extra; i++) {
        const town = towns[(i * 7) % towns.length] as (typeof towns)[number]
        hubs.insert({
          slug: `more-neighbours-${i}`,
          name: `${town.name} More Neighbours ${i}`,
          description: `Neighbours in and around ${town.name} who meet up and look out for each other.`,
          latitude: town.latitude,
          longitude: town.longitude,
          radiusMiles: 3,
          phone: `01632 961${String(i % 1000).padStart(3, '0')}`,
          email: `more-neighbours-${i}@example.org`,
        })
      }
    })()
  }
  return db
}

/** How many rows the app's statements have handed to JavaScript since the last reset. */
export interface RowsRead {
  readonly count: number
  reset(): void
}

/** Counts the rows every statement prepared from now on hands back (see the top of this file). */
export function countRowsRead(db: Db): RowsRead {
  let count = 0
  const prepare = db.prepare.bind(db) as (source: string) => Statement<unknown[], unknown>
  const counting = (source: string): Statement<unknown[], unknown> => {
    const statement = prepare(source)
    if (!statement.reader) return statement
    const all = statement.all.bind(statement)
    const get = statement.get.bind(statement)
    const iterate = statement.iterate.bind(statement)
    Object.assign(statement, {
      all: (...params: unknown[]) => {
        const rows = all(...params)
        count += rows.length
        return rows
      },
      get: (...params: unknown[]) => {
        const row = get(...params)
        if (row !== undefined) count += 1
        return row
      },
      iterate: function* (...params: unknown[]) {
        for (const row of iterate(...params)) {
          count += 1
          yield row
        }
      },
    })
    return statement
  }
  ;(db as unknown as { prepare: typeof counting }).prepare = counting
  return {
    get count() {
      return count
    },
    reset() {
      count = 0
    },
  }
}

/** What one GET cost: its status, the bytes of its body and the rows the app read for it. */
export interface Measured {
  status: number
  bytes: number
  rows: number
}

export async function measure(app: Express, rows: RowsRead, path: string): Promise<Measured> {
  rows.reset()
  const response = await request(app).get(path)
  return { status: response.status, bytes: Buffer.byteLength(response.text ?? ''), rows: rows.count }
}
