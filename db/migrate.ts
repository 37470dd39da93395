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
  const files = fs
    .readdirSync(dir)
    .filter((file) => FILE_NAME.test(file))
    .sort()
  const recorded = new Map(
    db
      .prepare<[], { name: string; checksum: string }>('SELECT name, checksum FROM schema_migrations')
      .all()
      .map((row) => [row.name, row.checksum]),
  )
  const record = db.prepare('INSERT INTO schema_migrations (name, checksum) VALUES (?, ?)')
  const applied: string[] = []
  for (const file of files) {
    const sql = fs.readFileSync(path.join(dir, file), 'utf8')
    const sum = checksum(sql)
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
