/**
 * The supervisor's beat after a lone write (db/replication.ts, watchForLoneWrites): once the
 * app's writes have been followed by a quiet look, it rewrites one row so that Litestream copies
 * the WAL again; it never beats on an idle database, nor for its own beat.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase, type Db } from '../../db/connection'
import { migrate } from '../../db/migrate'
import { watchForLoneWrites } from '../../db/replication'

let folder: string
let file: string
let app: Db

beforeEach(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-lone-writes-'))
  file = path.join(folder, 'common-ground.sqlite')
  app = openDatabase(file)
  migrate(app)
})

afterEach(() => {
  app.close()
  fs.rmSync(folder, { recursive: true, force: true })
})

const appWrites = () => app.prepare("INSERT INTO lone_write_test (said) VALUES ('a lone write')").run()

const beatsIn = () =>
  app
    .prepare<[], { beat_at: string }>('SELECT beat_at FROM replica_heartbeat')
    .all()
    .map((row) => row.beat_at)

describe('watching for lone writes', () => {
  beforeEach(() => app.exec('CREATE TABLE lone_write_test (said TEXT)'))

  it('beats once after a burst of the app’s writes has had one quiet look, and not again', () => {
    const watch = watchForLoneWrites(file)
    try {
      expect(watch.look()).toBe(false)
      appWrites()
      // The look that sees the write waits: more may follow, and would do the beat's job.
      expect(watch.look()).toBe(false)
      appWrites()
      appWrites()
      expect(watch.look()).toBe(false)
      // Quiet now: the beat.
      expect(watch.look()).toBe(true)
      expect(beatsIn()).toHaveLength(1)
      // Its own beat is not a write of the app's, so an idle database stays idle.
      expect([watch.look(), watch.look(), watch.look()]).toEqual([false, false, false])

      const first = beatsIn()[0]
      appWrites()
      expect(watch.look()).toBe(false)
      expect(watch.look()).toBe(true)
      // Still one row, with a later time.
      expect(beatsIn()).toHaveLength(1)
      expect(beatsIn()[0]! >= first!).toBe(true)
    } finally {
      watch.close()
    }
  })

  it('does not beat for Litestream’s own write after a checkpoint', () => {
    const watch = watchForLoneWrites(file)
    try {
      // What Litestream does when it starts, and after each checkpoint.
      app.exec('CREATE TABLE _litestream_seq (id INTEGER PRIMARY KEY, seq INTEGER)')
      expect([watch.look(), watch.look()]).toEqual([false, false])
      app.exec('INSERT INTO _litestream_seq (id, seq) VALUES (1, 1)')
      expect(watch.look()).toBe(false)
      const litestreamChecksAgain = () =>
        app.exec(
          'INSERT INTO _litestream_seq (id, seq) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET seq = seq + 1',
        )
      litestreamChecksAgain()
      expect([watch.look(), watch.look(), watch.look()]).toEqual([false, false, false])
      expect(beatsIn()).toEqual([])
      // The app's writes still count.
      appWrites()
      expect([watch.look(), watch.look()]).toEqual([false, true])
    } finally {
      watch.close()
    }
  })

  it('never beats on a database nobody writes to', () => {
    const watch = watchForLoneWrites(file)
    try {
      expect(Array.from({ length: 10 }, () => watch.look())).toEqual(Array(10).fill(false))
      expect(beatsIn()).toEqual([])
    } finally {
      watch.close()
    }
  })

  it('waits for a database that is not there yet, and skips a beat it cannot write', () => {
    const later = path.join(folder, 'later.sqlite')
    const watch = watchForLoneWrites(later)
    try {
      expect(watch.look()).toBe(false)
      // The app has made the file but not yet its tables: the beat is skipped, nothing thrown.
      const early = openDatabase(later)
      try {
        expect(watch.look()).toBe(false)
        early.exec('CREATE TABLE something (x)')
        expect(watch.look()).toBe(false)
        expect(watch.look()).toBe(false)
      } finally {
        early.close()
      }
    } finally {
      watch.close()
    }
  })
})
