import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { noteErasure } from './erasureNote'

export type Db = Database.Database

/** Opens the SQLite file (creating its folder), or an in-memory database for ':memory:'. */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  // FULL: a write is on the disk before the person is told it is saved. In WAL mode NORMAL
  // already loses nothing committed when the process crashes (the commit is in the WAL file,
  // and the operating system writes it out), and never corrupts the file; but after a power
  // cut or a kernel crash the last transactions before it may roll back, because NORMAL syncs
  // the WAL only at checkpoints. We acknowledge consents, withdrawals of consent and
  // introductions to people, and a withdrawal that comes back after a power cut would show
  // someone who asked to be hidden (privacy rule 6), so those need FULL, which syncs the WAL
  // on every commit. One level for every write keeps the promise simple: saved means saved.
  // The cost, measured on the development machine: about 2 ms per commit (0.03 ms with NORMAL),
  // next to tens of ms for the request around it; bulk loads (seed, import, benchmark) write in
  // a few large transactions, so they pay it a few times only.
  // https://www.sqlite.org/pragma.html#pragma_synchronous
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  // 16 MB of page cache (negative means KiB) instead of SQLite's 2 MB default: page and map
  // queries read the same indexes again and again. Searches run in worker threads with caches
  // of their own, and every thread counts in the app's 300 MB memory target (down from 64,
  // then 32 MB; the operating system's file cache, which is not counted, holds the rest).
  db.pragma('cache_size = -16384')
  // Deleted and overwritten content is zeroed, so that erased or purged personal text cannot be
  // read from the file (privacy rule 7; issue 13). ON, not FAST: FAST zeroes only what costs no
  // extra I/O, which clears old cells inside b-tree pages but leaves whole pages that go to the
  // freelist (a long "in your own words" on an overflow page, a page emptied by a purge's
  // batch) holding their old text. ON also zeroes those, at the price of writing them: erasure
  // and purges are rare, small writes, so the cost is small. The zeroed pages reach the file
  // itself, and leave the -wal file, only at a checkpoint: checkpointWal() below, which erasure
  // (ProfileService) and the purge (RetentionService) call. Nobody's text is in an FTS5 index:
  // people are found with LIKE over the people table (db/repositories/expertiseRepository.ts),
  // and services_fts, organisations_fts and places_fts hold only published listings.
  // https://www.sqlite.org/pragma.html#pragma_secure_delete
  db.pragma('secure_delete = ON')
  return db
}

/**
 * Copies every page in the write-ahead log into the database file and empties the -wal file
 * (TRUNCATE), so that text just erased is in neither the file's old pages nor old log frames.
 * False when a reader (a search worker) held an older snapshot past CHECKPOINT_WAIT_MS: the log
 * was then not emptied, and the next erasure or daily purge tries again. An in-memory
 * database has no log: true. https://www.sqlite.org/pragma.html#pragma_wal_checkpoint
 */
export function checkpointWal(db: Db): boolean {
  // A TRUNCATE checkpoint waits for readers through the busy handler, on the event loop: erasure
  // runs inside a person's request, so it waits a short while, not the usual 5 seconds.
  const usual = db.pragma('busy_timeout', { simple: true }) as number
  db.pragma(`busy_timeout = ${CHECKPOINT_WAIT_MS}`)
  try {
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number }[]
    return result === undefined || result.busy === 0
  } finally {
    db.pragma(`busy_timeout = ${usual}`)
  }
}

/**
 * What follows an erasure or a purge that removed something: checkpointWal, so that the file
 * holds none of it, then the note that asks `npm run replicate` to start the replica on a fresh
 * generation, whose snapshot is the file as it is now (db/erasureNote.ts). Returns
 * checkpointWal's answer.
 */
export function clearErasedTraces(db: Db): boolean {
  const checkpointed = checkpointWal(db)
  noteErasure(db)
  return checkpointed
}

/** How long a checkpoint waits for a search worker's read to finish (milliseconds). */
const CHECKPOINT_WAIT_MS = 250
