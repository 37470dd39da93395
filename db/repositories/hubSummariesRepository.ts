import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'

export interface HubSummaryRow {
  slug: string
  name: string
  description: string
}

/** The hubs in a short form for lists (the start page). Hubs are always public. */
export class HubSummariesRepository {
  private readonly firstHubs: Statement<[number], HubSummaryRow>
  private readonly hubCount: Statement<[], { n: number }>

  constructor(db: Db) {
    this.firstHubs = db.prepare('SELECT slug, name, description FROM hubs ORDER BY name, id LIMIT ?')
    this.hubCount = db.prepare('SELECT COUNT(*) AS n FROM hubs')
  }

  /** The first `limit` hubs, by name. */
  first(limit: number): HubSummaryRow[] {
    return this.firstHubs.all(limit)
  }

  /** How many hubs there are. */
  count(): number {
    return this.hubCount.get()?.n ?? 0
  }
}
