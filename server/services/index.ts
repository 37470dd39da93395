import type { Db } from '../../db/connection'
import { buildRepositories } from '../../db/repositories'
import type { Config } from '../config'
import { HealthService } from './healthService'

/** Builds every service from one database and config. Its return type is the app's dependencies. */
export function buildServices(db: Db, config: Config) {
  const repositories = buildRepositories(db)
  return {
    config,
    repositories,
    health: new HealthService(db),
  }
}

export type Services = ReturnType<typeof buildServices>
