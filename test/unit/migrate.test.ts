import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase } from '../../db/connection'
import { MIGRATIONS_DIR, MigrationError, migrate } from '../../db/migrate'

function aCopyOfTheMigrations(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-migrations-'))
  for (const file of fs.readdirSync(MIGRATIONS_DIR))
    fs.copyFileSync(path.join(MIGRATIONS_DIR, file), path.join(dir, file))
  return dir
}

const tableNames = (db: ReturnType<typeof openDatabase>) =>
  db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type IN ('table', 'index', 'trigger') ORDER BY name",
    )
    .all()
    .map((row) => row.name)

describe('migrations', () => {
  it('builds a fresh database from nothing, recording each migration with its checksum', () => {
    const db = openDatabase(':memory:')
    const { applied } = migrate(db)
    const files = fs.readdirSync(MIGRATIONS_DIR).filter((file) => file.endsWith('.sql'))
    expect(applied).toEqual(files.sort())
    expect(tableNames(db)).toEqual(
      expect.arrayContaining(['hubs', 'services', 'locations', 'people', 'schema_migrations']),
    )
    const recorded = db
      .prepare<[], { name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations')
      .all()
    expect(recorded.map((row) => row.name)).toEqual(applied)
    for (const row of recorded) expect(row.checksum).toMatch(/^[0-9a-f]{64}$/)
  })

  it('changes nothing when run a second time', () => {
    const db = openDatabase(':memory:')
    migrate(db)
    const before = tableNames(db)
    const recordedBefore = db.prepare('SELECT * FROM schema_migrations').all()
    expect(migrate(db).applied).toEqual([])
    expect(tableNames(db)).toEqual(before)
    expect(db.prepare('SELECT * FROM schema_migrations').all()).toEqual(recordedBefore)
  })

  it('refuses to start when a migration that was applied has since been edited, naming the file', () => {
    const dir = aCopyOfTheMigrations()
    const db = openDatabase(':memory:')
    migrate(db, dir)
    fs.appendFileSync(path.join(dir, '0001_initial.sql'), '\n-- an edit after landing\n')
    expect(() => migrate(db, dir)).toThrow(MigrationError)
    expect(() => migrate(db, dir)).toThrow(/0001_initial\.sql has been changed/)
  })

  it('applies a new migration on its own, and rolls back a broken one completely', () => {
    const dir = aCopyOfTheMigrations()
    const db = openDatabase(':memory:')
    migrate(db, dir)
    fs.writeFileSync(path.join(dir, '9998_good.sql'), 'CREATE TABLE good_one (id INTEGER PRIMARY KEY);')
    fs.writeFileSync(
      path.join(dir, '9999_broken.sql'),
      'CREATE TABLE half_done (id INTEGER); SELECT * FROM no_such_table;',
    )
    expect(() => migrate(db, dir)).toThrow(/no such table/)
    const names = tableNames(db)
    expect(names).toContain('good_one')
    expect(names).not.toContain('half_done')
    const recorded = db
      .prepare<[], { name: string }>('SELECT name FROM schema_migrations')
      .all()
      .map((row) => row.name)
    expect(recorded).toContain('9998_good.sql')
    expect(recorded).not.toContain('9999_broken.sql')
  })

  it('opens files with write-ahead logging, foreign keys on, and every commit synced to disk', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-db-'))
    const db = openDatabase(path.join(dir, 'nested', 'test.sqlite'))
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    // 2 is FULL: see db/connection.ts for why
    expect(db.pragma('synchronous', { simple: true })).toBe(2)
    db.close()
  })
})
