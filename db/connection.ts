import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

export type Db = Database.Database

/** Opens the SQLite file (creating its folder), or an in-memory database for ':memory:'. */
export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  // NORMAL is safe with WAL: a power cut can lose the last moments of commits but never
  // corrupts the file, and it avoids an fsync on every commit.
  // https://www.sqlite.org/pragma.html#pragma_synchronous
  db.pragma('synchronous = NORMAL')
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
