import type { Express } from 'express'
import { openDatabase, type Db } from '../../db/connection'
import { migrate } from '../../db/migrate'
import { seedDemoData } from '../../db/seed'
import { createApp } from '../../server/app'
import { testConfig, type Config } from '../../server/config'
import { createLogger } from '../../server/logger'
import { buildServices, type Services } from '../../server/services'
import { setUpDemoTwoStep } from '../../server/services/accounts/demoTwoStep'
import type { Clock } from '../../server/services/clock'

/** A fresh, migrated in-memory database. */
export function aDatabase(): Db {
  const db = openDatabase(':memory:')
  migrate(db)
  return db
}

export interface TestApp {
  app: Express
  db: Db
  services: Services
  config: Config
}

/** The whole app over an in-memory database, as supertest needs it. */
export function aTestApp(options: { db?: Db; config?: Partial<Config>; clock?: Clock } = {}): TestApp {
  const db = options.db ?? aDatabase()
  const config = testConfig(options.config)
  const services = buildServices(db, config, options.clock)
  const app = createApp({ services, logger: createLogger('silent') })
  return { app, db, services, config }
}

/** A fresh, migrated in-memory database holding the made-up demo data (db/seed/). */
export function aDemoDatabase(): Db {
  const db = aDatabase()
  seedDemoData(db)
  return db
}

/** The whole app over the demo data: a place to test stories about real-looking hubs and listings. */
export function aDemoTestApp(options: { config?: Partial<Config> } = {}): TestApp {
  const testApp = aTestApp({ db: aDemoDatabase(), config: options.config })
  // As npm start does when it loads the demo data: the staff accounts get two-step sign-in.
  setUpDemoTwoStep(testApp.services)
  return testApp
}
