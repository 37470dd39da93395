/**
 * What the command-line tools share: plain lines to the terminal (these are the commands'
 * own output, not app logs), and opening the configured database with problems a person can
 * fix said in one line.
 */
import { loadConfig, ConfigError, type Config } from '../../server/config'
import { openDatabase, type Db } from '../connection'
import { migrate, MigrationError } from '../migrate'

export const say = (line: string): void => {
  process.stdout.write(`${line}\n`)
}

export const complain = (line: string): void => {
  process.stderr.write(`${line}\n`)
}

export interface OpenedDatabase {
  config: Config
  db: Db
  /** migrations applied just now */
  applied: string[]
}

/** The database named by DATABASE_PATH, migrated; null (having said why) when it cannot be. */
export function openConfiguredDatabase(): OpenedDatabase | null {
  let config: Config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      complain(error.message)
      return null
    }
    throw error
  }
  const db = openDatabase(config.databasePath)
  try {
    return { config, db, applied: migrate(db).applied }
  } catch (error) {
    db.close()
    if (error instanceof MigrationError) {
      complain(error.message)
      return null
    }
    throw error
  }
}
