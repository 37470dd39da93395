/**
 * npm run seed
 *
 * Loads the made-up demo data (db/seed/) into the database named by DATABASE_PATH (default
 * data/common-ground.sqlite), after migrating it. A database that already has hubs is left
 * alone. `npm start` does the same on its own, so this is for preparing a database by hand.
 */
import { buildServices } from '../../server/services'
import { setUpDemoTwoStep } from '../../server/services/accounts/demoTwoStep'
import { seedIfEmpty, type SeedSummary } from '../seed'
import { openConfiguredDatabase, say } from './terminal'

function summaryLines(summary: SeedSummary): string[] {
  return [
    `${summary.hubs} hubs`,
    `${summary.organisations} organisations`,
    `${summary.places} places`,
    `${summary.services} groups and services (${summary.publishedServices} published), with ${summary.schedules} regular times`,
    `${summary.people} people who share their skills`,
    `${summary.accounts} demo accounts, one for each role (see "Trying it out" in the README)`,
  ]
}

function main(): number {
  const opened = openConfiguredDatabase()
  if (!opened) return 1
  const { config, db, applied } = opened
  try {
    if (applied.length > 0) say(`Applied ${applied.length} migration(s): ${applied.join(', ')}`)
    const summary = seedIfEmpty(db)
    if (summary === null) {
      say(`${config.databasePath} already has data, so the demo data was not loaded.`)
      return 0
    }
    setUpDemoTwoStep(buildServices(db, config))
    say(`Loaded the demo data into ${config.databasePath}:`)
    for (const line of summaryLines(summary)) say(`  ${line}`)
    return 0
  } finally {
    db.close()
  }
}

process.exitCode = main()
