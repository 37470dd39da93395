/**
 * Backups you can hold: a consistent copy of the live database made with SQLite's online
 * backup API while the app runs and writes (https://www.sqlite.org/backup.html), and a
 * restore that checks a copy before it takes the database's place. `npm run backup` and
 * `npm run restore` (db/cli/) are the commands; the README's "Running it for real" says how.
 */
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { Db } from './connection'
import { appMigrations, MIGRATIONS_DIR } from './migrate'

/** A problem the person running the command can understand and act on; nothing was changed. */
export class BackupError extends Error {}

/** The first 16 bytes of every SQLite database file. https://www.sqlite.org/fileformat.html */
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1')

/**
 * Copied in one step, so the copy is the database as it was at one moment. In WAL mode a
 * reader does not hold up writers, so the app goes on writing meanwhile; copied a few pages
 * at a time instead, every write by the app would start the copy again.
 */
const EVERY_PAGE = 0x7fffffff

/** The table a backup carries to say when it was taken; restore reads it and drops it. */
const TAKEN_TABLE = 'backup_taken'

/**
 * What is counted in a backup and a restore, in the product's words. The table names are
 * fixed here (never typed by anyone), which is why they may be put into the SQL below.
 */
const COUNTED: readonly { table: string; words: string }[] = [
  { table: 'hubs', words: 'hubs' },
  { table: 'organizations', words: 'organisations' },
  { table: 'services', words: 'groups and services' },
  { table: 'locations', words: 'places' },
  { table: 'people', words: 'people who share their skills' },
  { table: 'consents', words: 'consent records' },
  { table: 'introductions', words: 'introductions' },
  { table: 'suggestions', words: 'suggestions' },
  { table: 'accounts', words: 'accounts' },
]

export interface Count {
  words: string
  count: number
}

export interface DatabaseCheck {
  /** everything found wrong, in plain words; empty when the copy can be used */
  problems: string[]
  counts: Count[]
  /** the newest migration recorded in the copy */
  latestMigration: string | null
  /**
   * migrations this app has that the copy has not, all newer than its newest one: it was made
   * by an earlier version, and the app applies them when it starts
   */
  olderBy: string[]
}

export interface BackupSummary extends DatabaseCheck {
  file: string
  bytes: number
  takenAt: Date
}

export interface RestoreSummary extends DatabaseCheck {
  to: string
  /** when the backup was taken, if it says (copies made by `npm run backup` do) */
  takenAt: Date | null
  /** the backup file's last change, for a copy that does not say when it was taken */
  fileChangedAt: Date
}

/** Says plainly why `file` cannot be read as a database, or nothing when it can. */
function notADatabase(file: string): string | null {
  let stat: fs.Stats
  try {
    stat = fs.statSync(file)
  } catch {
    return `There is no file at ${file}.`
  }
  if (!stat.isFile()) return `${file} is not a file.`
  const start = Buffer.alloc(SQLITE_HEADER.length)
  const fd = fs.openSync(file, 'r')
  try {
    fs.readSync(fd, start, 0, start.length, 0)
  } finally {
    fs.closeSync(fd)
  }
  return start.equals(SQLITE_HEADER)
    ? null
    : `${file} is not a SQLite database, so it cannot be a backup of Common Ground.`
}

/**
 * The names of the FTS5 search indexes the app's migrations make (and do not drop again),
 * counting only the migrations `applied` when it is given.
 */
export function searchIndexes(dir = MIGRATIONS_DIR, applied?: ReadonlySet<string>): string[] {
  const made = new Set<string>()
  for (const { name: migration, sql } of appMigrations(dir)) {
    if (applied && !applied.has(migration)) continue
    for (const [, name] of sql.matchAll(
      /CREATE\s+VIRTUAL\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)\s+USING\s+fts5/gi,
    ))
      if (name) made.add(name)
    for (const [, name] of sql.matchAll(/DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?(\w+)/gi))
      if (name) made.delete(name)
  }
  return [...made]
}

const tableExists = (db: Db, name: string): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined

/** What SQLite said, without its code. */
const said = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/**
 * The checks a copy passes before it is used: SQLite's integrity check of every page and
 * index, FTS5's own check of each search index against its rows, and the migrations table
 * against this app's migrations (none unknown, none changed, none missing except newer ones).
 * The search index check writes nothing, but is an INSERT, so `db` must not be read-only.
 */
export function checkDatabase(db: Db, dir = MIGRATIONS_DIR): DatabaseCheck {
  const problems: string[] = []
  let integrity: string[]
  try {
    integrity = (db.pragma('integrity_check(20)') as { integrity_check: string }[]).map(
      (row) => row.integrity_check,
    )
  } catch (error) {
    return {
      problems: [`SQLite cannot read it: ${said(error)}.`],
      counts: [],
      latestMigration: null,
      olderBy: [],
    }
  }
  if (integrity.join() !== 'ok')
    problems.push(`SQLite's integrity check found damage: ${integrity.slice(0, 5).join('; ')}.`)
  try {
    return { problems, ...checkContents(db, problems, dir) }
  } catch (error) {
    problems.push(`SQLite cannot read all of it: ${said(error)}.`)
    return { problems, counts: [], latestMigration: null, olderBy: [] }
  }
}

/** The search indexes, the migrations and the counts; adds what is wrong to `problems`. */
function checkContents(db: Db, problems: string[], dir: string): Omit<DatabaseCheck, 'problems'> {
  let latestMigration: string | null = null
  let olderBy: string[] = []
  let applied = new Set<string>()
  if (!tableExists(db, 'schema_migrations')) {
    problems.push('It has no migrations table, so it is not a Common Ground database.')
  } else {
    const recorded = db
      .prepare<[], { name: string; checksum: string }>(
        'SELECT name, checksum FROM schema_migrations ORDER BY name',
      )
      .all()
    const app = appMigrations(dir)
    const appChecksums = new Map(app.map((migration) => [migration.name, migration.checksum]))
    const recordedNames = new Set(recorded.map((row) => row.name))
    applied = recordedNames
    latestMigration = recorded.at(-1)?.name ?? null
    const unknown = recorded.filter((row) => !appChecksums.has(row.name)).map((row) => row.name)
    if (unknown.length > 0)
      problems.push(
        `It has migrations this version of the app does not know: ${unknown.join(', ')}. It was made by a newer version; restore it with that version.`,
      )
    const changed = recorded
      .filter((row) => appChecksums.has(row.name) && appChecksums.get(row.name) !== row.checksum)
      .map((row) => row.name)
    if (changed.length > 0)
      problems.push(`Its migrations ${changed.join(', ')} differ from this app's files of the same name.`)
    const missing = app
      .filter((migration) => !recordedNames.has(migration.name))
      .map((migration) => migration.name)
    olderBy = missing.filter((name) => latestMigration === null || name > latestMigration)
    const gaps = missing.filter((name) => !olderBy.includes(name))
    if (gaps.length > 0)
      problems.push(
        `It is missing migrations older than its newest one (${gaps.join(', ')}), so no version of the app made it.`,
      )
  }

  for (const index of searchIndexes(dir, applied)) {
    if (!tableExists(db, index)) {
      problems.push(`The search index ${index} is missing.`)
      continue
    }
    try {
      // Index names come from the app's own migrations, never from the file being checked.
      db.prepare(`INSERT INTO ${index}(${index}) VALUES ('integrity-check')`).run()
    } catch (error) {
      problems.push(`The search index ${index} does not match its listings: ${said(error)}.`)
    }
  }

  const counts: Count[] = []
  for (const { table, words } of COUNTED) {
    if (!tableExists(db, table)) continue
    try {
      // Table names from COUNTED, fixed above.
      const row = db.prepare<[], { count: number }>(`SELECT COUNT(*) AS count FROM ${table}`).get()
      counts.push({ words, count: row?.count ?? 0 })
    } catch (error) {
      problems.push(`The ${words} could not be counted: ${said(error)}.`)
    }
  }
  if (!counts.some((count) => count.words === 'hubs')) problems.push('It has no hubs table.')
  return { counts, latestMigration, olderBy }
}

/** A file beside `file` for work in progress, so a half-written copy never has the real name. */
const besideAsWork = (file: string, purpose: string): string =>
  path.join(path.dirname(file), `.${path.basename(file)}.${purpose}-${process.pid}`)

const removeIfThere = (file: string): void => fs.rmSync(file, { force: true })

/** Opens a copy being made, as one self-contained file (no -wal beside it). */
function openWork(file: string): Db {
  const db = new Database(file, { fileMustExist: true })
  db.pragma('journal_mode = DELETE')
  return db
}

/**
 * Copies the database at `source` (the app may be running and writing) into `file`: first
 * into a file beside it, which is checked, then renamed, so `file` is either the whole copy or
 * untouched. The copy is a single file and records when it was taken.
 */
export async function backUp(
  source: string,
  file: string,
  options: { force?: boolean; now?: () => Date; migrationsDir?: string } = {},
): Promise<BackupSummary> {
  const unreadable = notADatabase(source)
  if (unreadable) throw new BackupError(`Nothing was backed up. ${unreadable}`)
  if (fs.existsSync(file) && !options.force)
    throw new BackupError(`${file} already exists. Choose another name, or add --force to replace it.`)
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const work = besideAsWork(file, 'backing-up')
  removeIfThere(work)
  const live = new Database(source, { fileMustExist: true, timeout: 5000 })
  try {
    await live.backup(work, { progress: () => EVERY_PAGE })
    const takenAt = (options.now ?? (() => new Date()))()
    const copy = openWork(work)
    let check: DatabaseCheck
    try {
      copy.exec(`CREATE TABLE ${TAKEN_TABLE} (taken_at TEXT NOT NULL)`)
      copy.prepare(`INSERT INTO ${TAKEN_TABLE} (taken_at) VALUES (?)`).run(takenAt.toISOString())
      check = checkDatabase(copy, options.migrationsDir)
    } finally {
      copy.close()
    }
    if (check.problems.length > 0)
      throw new BackupError(`The copy failed its checks, so it was not kept:\n${check.problems.join('\n')}`)
    fs.renameSync(work, file)
    return { ...check, file, bytes: fs.statSync(file).size, takenAt }
  } catch (error) {
    removeIfThere(work)
    throw error
  } finally {
    live.close()
  }
}

/**
 * Whether an app (or anything else) has the database at `file` open. In WAL mode each
 * connection holds a lock for as long as it is open, so a connection that asks for the file
 * to itself (exclusive locking mode) is refused at once while any other is open.
 */
export function inUse(file: string): boolean {
  if (!fs.existsSync(file)) return false
  const probe = new Database(file, { fileMustExist: true, timeout: 0 })
  try {
    probe.pragma('locking_mode = EXCLUSIVE')
    probe.exec('BEGIN EXCLUSIVE; COMMIT')
    return false
  } catch (error) {
    // Any other answer (a file that is not a database at all) cannot be an app's open database.
    return (error as { code?: string }).code === 'SQLITE_BUSY'
  } finally {
    probe.close()
  }
}

/** Refuses (a BackupError) to replace the database of a running app unless `force` is given. */
export function refuseIfInUse(to: string, force: boolean | undefined): void {
  if (!force && inUse(to))
    throw new BackupError(
      `${to} is open in a running app. Stop the app first, then restore. (--force replaces it anyway; the app must then be restarted at once, and whatever it writes before that is lost.)`,
    )
}

/** A file beside the database `to` for a copy being restored; the caller removes it. */
export function restoringBeside(to: string): string {
  fs.mkdirSync(path.dirname(path.resolve(to)), { recursive: true })
  const work = besideAsWork(to, 'restoring')
  removeIfThere(work)
  return work
}

/**
 * Checks the copy at `work` (beside `to`) and only then renames it into place, with the old
 * database's -wal and -shm removed, so they are never applied to it. `from` names the copy in
 * what is said. What `npm run restore` does last, whether the copy came from a backup file or
 * from a Litestream replica (db/replication.ts). Returns when the copy says it was taken.
 */
export function putCheckedCopyInPlace(
  work: string,
  to: string,
  from: string,
  migrationsDir?: string,
): DatabaseCheck & { takenAt: Date | null } {
  let copy: Db
  try {
    copy = openWork(work)
  } catch (error) {
    throw new BackupError(`Nothing was restored. SQLite cannot read ${from}: ${said(error)}.`)
  }
  let check: DatabaseCheck
  let takenAt: Date | null = null
  try {
    check = checkDatabase(copy, migrationsDir)
    if (check.problems.length === 0 && tableExists(copy, TAKEN_TABLE)) {
      const row = copy.prepare<[], { taken_at: string }>(`SELECT taken_at FROM ${TAKEN_TABLE}`).get()
      takenAt = row ? new Date(row.taken_at) : null
      copy.exec(`DROP TABLE ${TAKEN_TABLE}`)
    }
  } finally {
    copy.close()
  }
  if (check.problems.length > 0)
    throw new BackupError(`Nothing was restored: ${from} failed its checks.\n${check.problems.join('\n')}`)
  removeIfThere(`${to}-wal`)
  removeIfThere(`${to}-shm`)
  fs.renameSync(work, to)
  return { ...check, takenAt }
}

/**
 * Puts the backup at `from` in the place of the database at `to`: copies it beside `to`,
 * checks the copy, and only then renames it into place. A database that is open (the app
 * running) is replaced only with `force`. Throws a BackupError, having changed nothing, when
 * it cannot.
 */
export async function restore(
  from: string,
  to: string,
  options: { force?: boolean; migrationsDir?: string } = {},
): Promise<RestoreSummary> {
  const unreadable = notADatabase(from)
  if (unreadable) throw new BackupError(`Nothing was restored. ${unreadable}`)
  if (path.resolve(from) === path.resolve(to))
    throw new BackupError('The backup and the database are the same file.')
  refuseIfInUse(to, options.force)
  const work = restoringBeside(to)
  try {
    const backup = new Database(from, { fileMustExist: true, readonly: true })
    try {
      await backup.backup(work, { progress: () => EVERY_PAGE })
    } catch (error) {
      throw new BackupError(`Nothing was restored. SQLite cannot read ${from}: ${said(error)}.`)
    } finally {
      backup.close()
    }
    const check = putCheckedCopyInPlace(work, to, from, options.migrationsDir)
    return { ...check, to, fileChangedAt: fs.statSync(from).mtime }
  } finally {
    removeIfThere(work)
  }
}
