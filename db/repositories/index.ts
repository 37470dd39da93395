import type { Db } from '../connection'

/** Every repository over one database. */
export function buildRepositories(db: Db) {
  return {
    db,
  }
}

export type Repositories = ReturnType<typeof buildRepositories>
