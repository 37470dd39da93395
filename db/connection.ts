import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

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
  // Deleted rows are overwritten with zeros, not left in free pages, so that a person's
  // deleted data cannot be read from the file (privacy rule 7; ProfileService.deleteEverything
  // then checkpoints the WAL). https://www.sqlite.org/pragma.html#pragma_secure_delete
  db.pragma('secure_delete = ON')
  return db
}
