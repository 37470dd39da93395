/**
 * The people pages do not grow with the data (issue 8, "Tests that must exist"): over a
 * directory of 2,000 hubs and 20,000 people, /people, /people for a skill, /people for a hub,
 * "Hub name or town" and the "people near you" panel of a search each stay under a fixed
 * number of bytes and hand JavaScript a fixed number of rows, and no more than over a
 * directory a tenth the size with the same people in each hub.
 */
import request from 'supertest'
import { ConsentsRepository } from '../../db/repositories/consentsRepository'
import { PeopleRepository } from '../../db/repositories/peopleRepository'
import { paperConsent } from '../builders'
import { aTestApp, aDatabase, type TestApp } from '../support/testApp'
import { aBigDirectory, bigHubCentre, bigHubName, bigHubSlug, countRowsRead } from '../support/bigPeople'

jest.setTimeout(120_000)

interface Measured {
  bytes: number
  rows: number
  text: string
}

/** A directory of `hubs` hubs with ten people each, its app, and a count of the rows it reads. */
function aDirectoryOf(hubs: number): { testApp: TestApp; counter: { rows: number } } {
  const db = aDatabase()
  aBigDirectory(db, { hubs, peoplePerHub: 10 })
  const counter = countRowsRead(db)
  const testApp = aTestApp({ db })
  testApp.app.set('view cache', true)
  return { testApp, counter }
}

async function measure(
  directory: { testApp: TestApp; counter: { rows: number } },
  path: string,
): Promise<Measured> {
  directory.counter.rows = 0
  const res = await request(directory.testApp.app).get(path).expect(200)
  return { bytes: Buffer.byteLength(res.text), rows: directory.counter.rows, text: res.text }
}

/** The "people near you" panel of a search page. */
const panelOf = (html: string): string =>
  /<section class="cg-people-nearby"[\s\S]*?<\/section>/.exec(html)?.[0] ?? ''

// A point in the middle of the grid, and a skill every hub has someone for.
const middle = bigHubCentre(1025)
const PATHS = {
  everyone: '/people',
  lastPage: '/people?page=200',
  skill: '/people?skill=baking',
  hub: `/people?hub=${bigHubSlug(125)}`,
  hubAndSkill: `/people?hub=${bigHubSlug(125)}&skill=gardening`,
  findByName: `/people?find=${encodeURIComponent(bigHubName(125))}`,
  findSome: '/people?find=grid%20hub%2001',
  search: `/search?q=tablet&lat=${middle.latitude}&lng=${middle.longitude}&distance=25`,
}

/** What no page may go over, however big the directory. */
const MOST_BYTES = 120_000
const MOST_ROWS = 1_500
const MOST_PANEL_BYTES = 25_000

describe('the people pages at national scale: 2,000 hubs and 20,000 people', () => {
  let big: ReturnType<typeof aDirectoryOf>
  let small: ReturnType<typeof aDirectoryOf>

  beforeAll(() => {
    small = aDirectoryOf(200)
    big = aDirectoryOf(2000)
  })

  it.each(Object.entries(PATHS).filter(([name]) => name !== 'search'))(
    '%s stays under a fixed number of bytes and rows, no more than over a tenth of the directory',
    async (_name, path) => {
      const atScale = await measure(big, path)
      const tenth = await measure(small, path.replace('page=200', 'page=20'))

      expect(atScale.bytes).toBeLessThan(MOST_BYTES)
      expect(atScale.rows).toBeLessThan(MOST_ROWS)
      // The rows are counted (a check that cannot fail is no check).
      expect(atScale.rows).toBeGreaterThan(5)
      // Ten times the hubs and people, the same people per hub: the page barely changes.
      expect(atScale.bytes).toBeLessThan(tenth.bytes * 1.1 + 500)
      expect(atScale.rows).toBeLessThanOrEqual(tenth.rows + 20)
    },
  )

  it('shows ten hubs a page on /people, with the counts of those hubs only, and pages to the last of 200', async () => {
    const first = await measure(big, PATHS.everyone)
    const last = await measure(big, PATHS.lastPage)

    expect(first.text.match(/<section class="cg-hub-skills"/g)).toHaveLength(10)
    expect(first.text).toContain('Hubs 1 to 10 of 2,000, by name.')
    expect(first.text).toContain(`data-hub="${bigHubSlug(1)}"`)
    expect(first.text).not.toContain(`data-hub="${bigHubSlug(11)}"`)
    expect(first.text).toContain('href="/people?page&#x3D;2"')
    expect(last.text).toContain('Hubs 1,991 to 2,000 of 2,000, by name.')
    expect(last.text).toContain(`data-hub="${bigHubSlug(2000)}"`)
  })

  it('offers no list of every hub: the hub is found by typing its name or a town', async () => {
    const page = await measure(big, PATHS.everyone)
    const some = await measure(big, PATHS.findSome)
    const byName = await measure(big, PATHS.findByName)

    expect(page.text).not.toMatch(/<option value="grid-hub/)
    expect(page.text).toContain('for="find">Hub name or town</label>')
    // "Grid Hub 01" is in a hundred hub names; at most ten are offered.
    expect(some.text.match(/<li><a class="govuk-link" href="\/people\?hub/g)).toHaveLength(10)
    expect(byName.text).toContain(`<input type="hidden" name="hub" value="${bigHubSlug(125)}">`)
  })

  it('pages one hub’s people twenty at a time', async () => {
    const db = big.testApp.db
    const hub = aBigHubWithManyPeople(db)

    const first = await measure(big, `/people?hub=${hub}`)
    const second = await measure(big, `/people?hub=${hub}&page=2`)

    expect(first.text.match(/class="cg-card cg-person"/g)).toHaveLength(20)
    expect(first.text).toContain('data-public-count="45"')
    expect(second.text.match(/class="cg-card cg-person"/g)).toHaveLength(20)
    expect(first.bytes).toBeLessThan(MOST_BYTES)
    expect(first.rows).toBeLessThan(MOST_ROWS)
  })

  it('a search near a point speaks of at most ten hubs and names at most six people, in a panel of fixed size', async () => {
    const atScale = await measure(big, PATHS.search)
    const tenth = await measure(
      small,
      PATHS.search.replace(/lat=[^&]+&lng=[^&]+/, () => {
        const centre = bigHubCentre(125)
        return `lat=${centre.latitude}&lng=${centre.longitude}`
      }),
    )
    const panel = panelOf(atScale.text)

    expect(panel).not.toBe('')
    expect(new Set([...panel.matchAll(/data-hub="([^"]+)"/g)].map((m) => m[1])).size).toBe(10)
    expect((panel.match(/class="cg-card cg-person"/g) ?? []).length).toBeLessThanOrEqual(6)
    expect(Buffer.byteLength(panel)).toBeLessThan(MOST_PANEL_BYTES)
    expect(Buffer.byteLength(panel)).toBeLessThan(Buffer.byteLength(panelOf(tenth.text)) * 1.1 + 500)
  })

  it('finds the people near a point by reading a bounded number of rows, however many hubs are in reach', () => {
    const { services } = big.testApp
    big.counter.rows = 0

    const nearby = services.people
      .visibleTo({ kind: 'visitor' })
      .sharingNear({ point: middle, words: ['tablet'], miles: 50 })

    expect(nearby?.hubs).toHaveLength(10)
    expect(nearby?.profiles.length).toBeLessThanOrEqual(6)
    // Hundreds of hubs are within 50 miles; only a few dozen rows are read.
    expect(big.counter.rows).toBeLessThan(300)
  })
})

/** Adds 140 people (42 of them public, so 45 with the hub's own) to one hub of the big directory; returns its slug. */
function aBigHubWithManyPeople(db: TestApp['db']): string {
  const slug = bigHubSlug(7)
  const hubId = db.prepare<[string], { id: number }>('SELECT id FROM hubs WHERE slug = ?').get(slug)?.id ?? 0
  const people = new PeopleRepository(db)
  const consents = new ConsentsRepository(db)
  db.transaction(() => {
    for (let i = 0; i < 140; i++) {
      const personId = people.insert({
        firstName: `Crowd${String(i).padStart(3, '0')}`,
        lastName: 'Member',
        hubId,
        visibility: i < 42 ? 'public' : 'coordinators',
        skills: ['gardening'],
      })
      consents.record(paperConsent(personId))
    }
  })()
  return slug
}
