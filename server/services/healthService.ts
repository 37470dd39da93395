import type { Db } from '../../db/connection'

export class HealthService {
  constructor(private readonly db: Db) {}

  /** True when the database answers a query. */
  databaseAnswers(): boolean {
    try {
      return this.db.prepare('SELECT 1 AS ok').get() !== undefined
    } catch {
      return false
    }
  }
}
