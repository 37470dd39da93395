import type { AddressInfo } from 'node:net'
import { openDatabase } from '../db/connection'
import { importDemoPostcodesIfEmpty } from '../db/demoPostcodes'
import { loadGazetteerIfEmpty } from '../db/gazetteer'
import { MigrationError, migrate } from '../db/migrate'
import { refreshPlannerStatistics } from '../db/optimize'
import { seedIfEmpty } from '../db/seed'
import { createApp } from './app'
import { ConfigError, loadConfig } from './config'
import { startHousekeeping } from './jobs/housekeeping'
import { createLogger } from './logger'
import { buildServices } from './services'
import { setUpDemoTwoStep } from './services/accounts/demoTwoStep'
import { startSearches } from './services/searchWorker'
import { shutDown } from './shutdown'

/** Problems a person starting the app can fix get one plain line, not a stack trace. */
function stopWith(message: string): never {
  process.stderr.write(`${message}\n`)
  process.exit(1)
}

async function main(): Promise<void> {
  let config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) stopWith(error.message)
    throw error
  }
  const logger = createLogger(config.logLevel)
  const db = openDatabase(config.databasePath)
  try {
    const { applied } = migrate(db)
    if (applied.length > 0) logger.info({ applied }, `Applied ${applied.length} migration(s)`)
  } catch (error) {
    if (error instanceof MigrationError) stopWith(error.message)
    throw error
  }
  const gazetteer = loadGazetteerIfEmpty(db)
  if (gazetteer.loaded > 0) logger.info(`Loaded ${gazetteer.loaded} towns and villages into the gazetteer`)
  const demo = seedIfEmpty(db)
  if (demo) logger.info({ demo }, 'The database was empty, so the made-up demo data was loaded')
  const postcodes = await importDemoPostcodesIfEmpty(db)
  if (postcodes)
    logger.info(`Imported ${postcodes.imported} made-up demo postcodes (test/fixtures/onspd-demo.csv)`)

  refreshPlannerStatistics(db)

  const built = buildServices(db, config)
  if (demo) setUpDemoTwoStep(built)
  // Searches run in worker threads over the database file, so /health never waits behind one.
  const searches = await startSearches(config, built.searches, {
    onProblem: (message) => logger.warn(message),
  })
  const services = { ...built, searches }
  const stopJobs = startHousekeeping(services, logger)
  const app = createApp({ services, logger })
  const server = app.listen(config.port, () => {
    // The port listened on, which is another than PORT only when PORT is 0 (tests ask for any free one).
    const port = (server.address() as AddressInfo).port
    logger.info(`Common Ground is running at http://localhost:${port}`)
    // The map's index of every service is built while the app answers (about 10 s at 1,000,000).
    const started = Date.now()
    services.map.warmUp().then(
      () => logger.info(`The map is ready (${Date.now() - started} ms)`),
      (error: unknown) => logger.error({ err: error }, 'The map could not be got ready; it will try again'),
    )
  })
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE')
      stopWith(`Port ${config.port} is already in use. Set PORT to another number.`)
    throw error
  })
  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    logger.info(
      `${signal}: finishing the requests under way (${config.shutdownGraceMs} ms at most), then stopping`,
    )
    shutDown({ server, graceMs: config.shutdownGraceMs, stopJobs, searches, db, logger }).then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'The app could not stop cleanly')
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

void main()
