import { openDatabase } from '../db/connection'
import { migrate } from '../db/migrate'
import { createApp } from './app'
import { ConfigError, loadConfig } from './config'
import { createLogger } from './logger'
import { buildServices } from './services'

function main(): void {
  let config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`)
      process.exit(1)
    }
    throw error
  }
  const logger = createLogger(config.logLevel)
  const db = openDatabase(config.databasePath)
  const { applied } = migrate(db)
  if (applied.length > 0) logger.info({ applied }, `Applied ${applied.length} migration(s)`)

  const services = buildServices(db, config)
  const app = createApp({ services, logger })
  const server = app.listen(config.port, () => {
    logger.info(`Common Ground is running at http://localhost:${config.port}`)
  })
  const shutDown = () => {
    server.close(() => {
      db.close()
      process.exit(0)
    })
  }
  process.on('SIGTERM', shutDown)
  process.on('SIGINT', shutDown)
}

main()
