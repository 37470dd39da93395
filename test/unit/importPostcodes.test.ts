import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Db } from '../../db/connection'
import { DEMO_POSTCODES_FILE, importDemoPostcodesIfEmpty } from '../../db/demoPostcodes'
import { importPostcodes, PostcodeImportError, type PostcodeImportProgress } from '../../db/importPostcodes'
import { openDatabase } from '../../db/connection'
import { MIGRATIONS_DIR, migrate } from '../../db/migrate'
import { PostcodesRepository } from '../../db/repositories/postcodesRepository'
import { aDatabase } from '../support/testApp'

const FIXTURE_LINES = fs.readFileSync(DEMO_POSTCODES_FILE, 'utf8').trimEnd().split('\r\n')
const HEADER = FIXTURE_LINES[0] ?? ''
const ROWS = FIXTURE_LINES.slice(1)

let folder: string
beforeAll(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-postcodes-'))
})
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }))

function aFile(name: string, content: string | Buffer): string {
  const file = path.join(folder, name)
  fs.writeFileSync(file, content)
  return file
}

/** A fixture row with its lat changed, so we can tell whether it was imported. */
function movedNorth(row: string): string {
  const cells = row.split(',')
  const lat = HEADER.split(',').indexOf('lat')
  cells[lat] = (Number(cells[lat]) + 1).toFixed(6)
  return cells.join(',')
}

function everything(db: Db) {
  return {
    postcodes: db.prepare('SELECT * FROM postcodes ORDER BY postcode').all(),
    districts: db.prepare('SELECT * FROM postcode_districts ORDER BY district').all(),
    sectors: db.prepare('SELECT * FROM postcode_sectors ORDER BY sector').all(),
  }
}

async function aDatabaseWithTheFixture(): Promise<Db> {
  const db = aDatabase()
  await importPostcodes(db, DEMO_POSTCODES_FILE)
  return db
}

describe('importing the ONS Postcode Directory', () => {
  it('imports the made-up demo file: live postcodes with a location, in their districts', async () => {
    const db = aDatabase()
    const progress: PostcodeImportProgress[] = []
    const summary = await importPostcodes(db, DEMO_POSTCODES_FILE, {
      onProgress: (p) => progress.push(p),
      batchSize: 100,
    })
    expect(summary).toMatchObject({
      imported: 307,
      skippedTerminated: 8,
      skippedWithoutLocation: 2,
      skippedUnreadable: 0,
      districts: 56,
      sectors: 64,
    })
    expect(summary.seconds).toBeGreaterThanOrEqual(0)

    const postcodes = new PostcodesRepository(db)
    expect(postcodes.count()).toBe(307)
    expect(postcodes.find('CT10 9ZA')).toMatchObject({ postcode: 'CT10 9ZA', district: 'CT10' })
    expect(postcodes.find('CT10 8ZA')).toBeUndefined() // terminated in 2019
    expect(postcodes.find('CT9 7ZA')).toBeUndefined() // ONSPD has no location for it
    const broadstairs = postcodes.findDistrict('CT10')
    expect(broadstairs).toMatchObject({ district: 'CT10', postcodeCount: 19 })
    expect(broadstairs?.latitude).toBeCloseTo(51.36, 1)
    expect(broadstairs?.longitude).toBeCloseTo(1.43, 1)
    const cliftonville = postcodes.findSector('CT9 2')
    expect(cliftonville).toMatchObject({ sector: 'CT9 2', district: 'CT9', postcodeCount: 2 })
    expect(cliftonville?.latitude).toBeCloseTo((51.3897 + 51.3881) / 2, 4)
    expect(postcodes.findSector('CT9 8')).toBeUndefined() // its one postcode was terminated

    expect(progress.length).toBeGreaterThanOrEqual(3)
    const last = progress[progress.length - 1]
    expect(last).toMatchObject({ rowsRead: 317, imported: 307 })
    expect(last?.bytesRead).toBe(last?.totalBytes)
    db.close()
  })

  it('replaces the postcodes when run again, rather than adding to them', async () => {
    const db = await aDatabaseWithTheFixture()
    const smaller = aFile(
      'three.csv',
      [HEADER, ...ROWS.filter((row) => row.includes('"TQ1 9Z')).slice(0, 3)].join('\n'),
    )
    expect((await importPostcodes(db, smaller)).imported).toBe(3)
    expect(everything(db).postcodes).toHaveLength(3)
    expect(everything(db).districts).toEqual([
      expect.objectContaining({ district: 'TQ1', postcode_count: 3 }),
    ])
    expect(everything(db).sectors).toEqual([
      expect.objectContaining({ sector: 'TQ1 9', district: 'TQ1', postcode_count: 3 }),
    ])

    await importPostcodes(db, DEMO_POSTCODES_FILE)
    await importPostcodes(db, DEMO_POSTCODES_FILE)
    expect(new PostcodesRepository(db).count()).toBe(307)
    db.close()
  })

  it('imports the demo file on a first start only', async () => {
    const db = aDatabase()
    expect(await importDemoPostcodesIfEmpty(db)).toMatchObject({ imported: 307 })
    expect(await importDemoPostcodesIfEmpty(db)).toBeNull()
    db.close()
  })
})

describe('postcode sectors and the start of districts', () => {
  it('fills the sectors of a database that held postcodes before sectors were added (migration 0007)', () => {
    const before0007 = fs.mkdtempSync(path.join(folder, 'migrations-'))
    for (const file of fs.readdirSync(MIGRATIONS_DIR).filter((name) => name < '0007'))
      fs.copyFileSync(path.join(MIGRATIONS_DIR, file), path.join(before0007, file))
    const db = openDatabase(':memory:')
    migrate(db, before0007)
    // As an import before 0007 left it: today's repository writes sectors too, so plain SQL here.
    const insert = db.prepare(
      'INSERT INTO postcodes (postcode, district, latitude, longitude) VALUES (?, ?, ?, ?)',
    )
    insert.run('CT9 2ZA', 'CT9', 51.3897, 1.3984)
    insert.run('CT9 2ZB', 'CT9', 51.3881, 1.4026)
    insert.run('CT9 9ZA', 'CT9', 51.3831, 1.3908)
    insert.run('CT10 1AB', 'CT10', 51.3593, 1.4386)

    expect(migrate(db).applied).toContain('0007_postcode_sectors.sql')
    expect(everything(db).sectors).toEqual([
      { sector: 'CT10 1', district: 'CT10', postcode_count: 1, latitude: 51.3593, longitude: 1.4386 },
      { sector: 'CT9 2', district: 'CT9', postcode_count: 2, latitude: 51.3889, longitude: 1.4005 },
      { sector: 'CT9 9', district: 'CT9', postcode_count: 1, latitude: 51.3831, longitude: 1.3908 },
    ])
    db.close()
  })

  it('finds the districts that start "SW1" by a bounded range of the districts\' primary key, not by reading them all', async () => {
    const db = await aDatabaseWithTheFixture()
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT district FROM postcode_districts
          WHERE district >= 'SW1A' AND district <= 'SW1Z' AND district GLOB 'SW1[A-Z]'`,
      )
      .all() as { detail: string }[]
    expect(plan.map((step) => step.detail).join(' ')).toMatch(
      /SEARCH postcode_districts USING PRIMARY KEY \(district>\? AND district<\?\)/,
    )
    expect(new PostcodesRepository(db).findDistrictFamily('SW1')).toMatchObject({
      districts: ['SW1A', 'SW1E', 'SW1P', 'SW1W'],
      postcodeCount: 6,
    })
    db.close()
  })
})

describe('a file that cannot be imported is refused, and the postcodes already there are kept', () => {
  let db: Db
  let before: ReturnType<typeof everything>
  beforeEach(async () => {
    db = await aDatabaseWithTheFixture()
    before = everything(db)
  })
  afterEach(() => db.close())

  async function refused(file: string): Promise<string> {
    const error = await importPostcodes(db, file, { batchSize: 20 }).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(PostcodeImportError)
    const message = (error as Error).message
    expect(message).not.toContain('\n')
    expect(everything(db)).toEqual(before)
    const staging = db.prepare("SELECT name FROM sqlite_temp_master WHERE name = 'postcodes_staging'").all()
    expect(staging).toEqual([])
    return message
  }

  it('names the columns a file is missing', async () => {
    const file = aFile('missing.csv', 'pcd,pcds,lat\n"CT109ZA","CT10 9ZA",51.36\n')
    expect(await refused(file)).toBe(
      "The file's first line is missing the columns long, doterm. An ONS Postcode Directory CSV has the columns pcds, lat, long, doterm. The postcodes already imported have not been changed.",
    )
  })

  it('refuses a file that is not CSV', async () => {
    expect(await refused(aFile('notes.json', '{"postcodes": ["CT10 9ZA"]}\n'))).toMatch(
      /^The file could not be read as CSV\. .+ The postcodes already imported have not been changed\.$/,
    )
    expect(await refused(aFile('words.txt', 'Some notes about postcodes\nand nothing else\n'))).toMatch(
      /missing the columns pcds, lat, long, doterm/,
    )
    expect(
      await refused(aFile('ONSPD.zip', Buffer.from('PK\u0003\u0004\u0014\u0000binary', 'latin1'))),
    ).toMatch(/is a zip file\. Unzip it first/)
    expect(await refused(aFile('picture.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13])))).toMatch(
      /is not a CSV file: it is not plain text/,
    )
  })

  it('refuses a file that breaks half-way, after several batches were read', async () => {
    const moved = ROWS.slice(0, 200).map(movedNorth)
    const broken = aFile(
      'broken.csv',
      [HEADER, ...moved, '"CT10 9ZZ","CT10 9ZZ"', ...ROWS.slice(200)].join('\n'),
    )
    expect(await refused(broken)).toMatch(
      /^The file could not be read as CSV\. Invalid Record Length.+line 202/,
    )
  })

  it('refuses an empty file, or one with no live postcodes', async () => {
    expect(await refused(aFile('empty.csv', ''))).toBe(
      'The file is empty. The postcodes already imported have not been changed.',
    )
    const terminatedOnly = ROWS.filter((row) => row.includes('"201912"'))
    expect(terminatedOnly).toHaveLength(8)
    expect(await refused(aFile('terminated.csv', [HEADER, ...terminatedOnly].join('\n')))).toBe(
      'The file has no live postcodes with a location. The postcodes already imported have not been changed.',
    )
  })

  it('says so when there is no file', async () => {
    expect(await refused(path.join(folder, 'not-there.csv'))).toMatch(
      /^There is no file at .*not-there\.csv\.$/,
    )
  })
})
