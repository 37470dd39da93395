/**
 * What `npm run backup` and `npm run restore` share: the database they work on, how they
 * describe a copy (plain lines, the same in both), and how a refusal is said.
 */
import { loadConfig, ConfigError } from '../../server/config'
import { BackupError, type DatabaseCheck } from '../backup'
import type { CommandIo } from './terminal'

const n = (count: number): string => count.toLocaleString('en-GB')

/** "Wednesday, 2 December 2026 at 04:30:12 UTC" */
export function whenInWords(date: Date): string {
  const day = date.toLocaleDateString('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })
  return `${day} at ${date.toISOString().slice(11, 19)} UTC`
}

/** "12.3 MB" */
export function sizeInWords(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`
}

/** What a checked copy holds: "hubs: 6, groups and services: 123, ..." and its newest migration. */
export function describeCopy(check: DatabaseCheck, io: CommandIo): void {
  io.out(`What it holds: ${check.counts.map((count) => `${count.words}: ${n(count.count)}`).join(', ')}.`)
  io.out(`Its newest migration is ${check.latestMigration ?? 'none'}.`)
}

/** DATABASE_PATH as the app reads it; null, having said what is wrong with the setting. */
export function configuredDatabasePath(env: NodeJS.ProcessEnv, io: CommandIo): string | null {
  try {
    return loadConfig(env).databasePath
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message)
      return null
    }
    throw error
  }
}

/** Runs `work`; a BackupError (nothing was changed) is said in its own words, with exit code 1. */
export async function sayingWhyNot(io: CommandIo, work: () => Promise<number>): Promise<number> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof BackupError) {
      io.err(error.message)
      return 1
    }
    throw error
  }
}
