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
  // 32 MB of page cache (negative means KiB) instead of SQLite's 2 MB default: search and map
  // queries over 100,000 listings read the same indexes again and again. Down from 64 MB to
  // keep the whole app within the benchmark's 300 MB memory target.
  db.pragma('cache_size = -32768')
  return db
}
