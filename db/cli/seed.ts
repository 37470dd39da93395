/**
 * npm run seed
 *
 * Loads the made-up demo data (db/seed/) into the database named by DATABASE_PATH (default
 * data/common-ground.sqlite), after migrating it. A database that already has hubs is left
 * alone. `npm start` does the same on its own, so this is for preparing a database by hand.
 */
import { openDatabase } from '../connection'
import { migrate } from '../migrate'
import { seedIfEmpty, type SeedSummary } from '../seed'
import { ConfigError, loadConfig } from '../../server/config'

function summaryLines(summary: SeedSummary): string[] {
  return [
    `${summary.hubs} hubs`,
    `${summary.organisations} organisations`,
    `${summary.places} places`,
    `${summary.services} groups and services (${summary.publishedServices} published), with ${summary.schedules} regular times`,
    `${summary.people} people who share their skills`,
  ]
}

function main(): number {
  let config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      return 1
    }
    throw error
  }
  const db = openDatabase(config.databasePath)
  try {
    const { applied } = migrate(db)
    if (applied.length > 0) console.log(`Applied ${applied.length} migration(s): ${applied.join(', ')}`)
    const summary = seedIfEmpty(db)
    if (summary === null) {
      console.log(`${config.databasePath} already has data, so the demo data was not loaded.`)
      return 0
    }
    console.log(`Loaded the demo data into ${config.databasePath}:`)
    for (const line of summaryLines(summary)) console.log(`  ${line}`)
    return 0
  } finally {
    db.close()
  }
}

process.exitCode = main()
