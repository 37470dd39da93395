import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { projectPath } from '../server/paths'
import type { Db } from './connection'

export const MIGRATIONS_DIR = projectPath('migrations')

export class MigrationError extends Error {}

export interface MigrationResult {
  applied: string[]
}

const FILE_NAME = /^\d{4}_[a-z0-9_]+\.sql$/

function checksum(sql: string): string {
  return crypto.createHash('sha256').update(sql).digest('hex')
}

export interface AppMigration {
  name: string
  sql: string
  checksum: string
}

/** The migrations this version of the app has, in the order they are applied. */
export function appMigrations(dir = MIGRATIONS_DIR): AppMigration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => FILE_NAME.test(file))
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name), 'utf8')
      return { name, sql, checksum: checksum(sql) }
    })
}

/**
 * Applies migrations/NNNN_name.sql in order, each in its own transaction, and records each
 * one's name and checksum. A migration already applied whose file has since changed stops
 * everything: migrations are never edited once landed.
 */
export function migrate(db: Db, dir = MIGRATIONS_DIR): MigrationResult {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name TEXT PRIMARY KEY,
    checksum TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
  )`)
  const recorded = new Map(
    db
      .prepare<[], { name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations')
      .all()
      .map((row) => [row.name, row.checksum]),
  )
  const record = db.prepare('INSERT INTO schema_migrations (name, checksum) VALUES (?, ?)')
  const applied: string[] = []
  for (const { name: file, sql, checksum: sum } of appMigrations(dir)) {
    const before = recorded.get(file)
    if (before !== undefined) {
      if (before !== sum) {
        throw new MigrationError(
          `Migration ${file} has been changed since it was applied. Put the change in a new migration file instead.`,
        )
      }
      continue
    }
    db.transaction(() => {
      db.exec(sql)
      record.run(file, sum)
    })()
    applied.push(file)
  }
  return { applied }
}
