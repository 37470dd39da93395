import type { Express } from 'express'
import type { Db } from '../../db/connection'
import { aBigDirectory, countRowsRead, measure, type Measured, type RowsRead } from '../support/bigDirectory'
import { aTestApp } from '../support/testApp'

/**
 * No page grows with the size of the directory (issue 8, "Every page is bounded"): the start
 * page, /hubs (by name and near a town), the busiest hub's page and its large-print sheet, and
 * the busiest organisation's and place's pages weigh about the same, and read about as many
 * rows, in a directory of 2,000 services and 200 hubs as in one of 20,000 services and 2,000
 * hubs, and stay under fixed limits.
 */

/** Every page here stays under this many bytes... */
const MAX_BYTES = 150_000
/** ...and hands JavaScript at most this many rows from the database. */
const MAX_ROWS = 1_500

interface Directory {
  app: Express
  rows: RowsRead
  /** the pages to measure in this directory: the busiest hub, organisation and place */
  paths: Record<string, string>
}

const first = <T>(db: Db, sql: string): T => db.prepare<[], T>(sql).get() as T

function aDirectory(services: number, hubs: number): Directory {
  const db = aBigDirectory({ services, hubs })
  const rows = countRowsRead(db)
  const { app } = aTestApp({ db })
  const hub = first<{ slug: string }>(
    db,
    `SELECT h.slug FROM hubs h JOIN services s ON s.hub_id = h.id AND s.status = 'published'
      GROUP BY h.id ORDER BY COUNT(*) DESC, h.id LIMIT 1`,
  )
  const organisation = first<{ id: number }>(
    db,
    `SELECT organization_id AS id FROM services WHERE status = 'published'
      GROUP BY organization_id ORDER BY COUNT(*) DESC, organization_id LIMIT 1`,
  )
  const place = first<{ id: number }>(
    db,
    `SELECT sal.location_id AS id FROM service_at_locations sal
       JOIN services s ON s.id = sal.service_id AND s.status = 'published'
      GROUP BY sal.location_id ORDER BY COUNT(*) DESC, sal.location_id LIMIT 1`,
  )
  return {
    app,
    rows,
    paths: {
      start: '/',
      hubs: '/hubs',
      'hubs, page 5': '/hubs?page=5',
      'hubs near Birmingham': '/hubs?where=Birmingham',
      'the busiest hub': `/hubs/${hub.slug}`,
      'its large-print sheet': `/hubs/${hub.slug}/print`,
      'its places': `/hubs/${hub.slug}/places`,
      'its organisations': `/hubs/${hub.slug}/organisations`,
      'the busiest organisation': `/organisations/${organisation.id}`,
      'the busiest place': `/places/${place.id}`,
    },
  }
}

/** Its first request (filling caches every visitor shares) and a second, as any later visitor's. */
interface Visits {
  first: Measured
  later: Measured
}

async function visit(directory: Directory, page: string): Promise<Visits> {
  const path = directory.paths[page] as string
  const firstVisit = await measure(directory.app, directory.rows, path)
  return { first: firstVisit, later: await measure(directory.app, directory.rows, path) }
}

describe('pages that stay the same size however big the directory grows', () => {
  let small: Directory
  let big: Directory
  beforeAll(() => {
    small = aDirectory(2_000, 200)
    big = aDirectory(20_000, 2_000)
  }, 180_000)

  it.each([
    'start',
    'hubs',
    'hubs, page 5',
    'hubs near Birmingham',
    'the busiest hub',
    'its large-print sheet',
    'its places',
    'its organisations',
    'the busiest organisation',
    'the busiest place',
  ])(
    '%s: under the limits, and no bigger with ten times the data',
    async (page) => {
      const atSmall = await visit(small, page)
      const atBig = await visit(big, page)

      for (const visits of [atSmall, atBig]) {
        expect(visits.first.status).toBe(200)
        expect(visits.later.status).toBe(200)
      }
      expect(atBig.first.bytes).toBeLessThan(MAX_BYTES)
      expect(atBig.later.rows).toBeLessThan(MAX_ROWS)
      // Ten times the services and hubs: the page weighs and reads about the same.
      expect(atBig.first.bytes).toBeLessThan(atSmall.first.bytes * 1.2)
      expect(atBig.later.rows).toBeLessThan(atSmall.later.rows * 1.2 + 50)
      if (page !== 'the busiest hub') {
        // Even a first visit, with nothing remembered, reads no more. (A hub's first visit also
        // counts, with SearchService, what each of its "Groups by type" links finds near it:
        // what that reads is search's to bound, and the counts are kept until anything is written.)
        expect(atBig.first.rows).toBeLessThan(MAX_ROWS)
        expect(atBig.first.rows).toBeLessThan(atSmall.first.rows * 1.2 + 50)
      }
    },
    30_000,
  )
})
