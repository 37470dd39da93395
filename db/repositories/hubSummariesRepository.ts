import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'

export interface HubSummaryRow {
  slug: string
  name: string
  description: string
}

/** The hubs in a short form for lists (the start page). Hubs are always public. */
export class HubSummariesRepository {
  private readonly everyHub: Statement<[], HubSummaryRow>

  constructor(db: Db) {
    this.everyHub = db.prepare('SELECT slug, name, description FROM hubs ORDER BY name')
  }

  /** Every hub, by name. */
  all(): HubSummaryRow[] {
    return this.everyHub.all()
  }
}
