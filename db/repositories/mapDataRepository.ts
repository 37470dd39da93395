import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'

/** Where a hub is: its centre, and its boundary (GeoJSON text) or a radius in miles. */
export interface HubAreaRow {
  slug: string
  name: string
  latitude: number
  longitude: number
  boundaryGeojson: string | null
  radiusMiles: number | null
}

/** What the map reads besides the listings: the hubs' areas, and whether the data has changed. */
export class MapDataRepository {
  private readonly everyArea: Statement<[], HubAreaRow>
  private readonly version: Statement<[], number>
  private readonly writes: Statement<[], number>

  constructor(db: Db) {
    this.everyArea = db.prepare(
      `SELECT slug, name, latitude, longitude, boundary_geojson AS boundaryGeojson, radius_miles AS radiusMiles
         FROM hubs
        ORDER BY name`,
    )
    // Prepared once: db.pragma() would prepare a new statement on every request.
    this.version = db.prepare<[], number>('PRAGMA data_version').pluck()
    this.writes = db.prepare<[], number>('SELECT total_changes()').pluck()
  }

  /** Every hub's area, by name. Hubs are always public. */
  hubAreas(): HubAreaRow[] {
    return this.everyArea.all()
  }

  /**
   * A number that changes whenever another connection (a seed or import command, say) commits
   * to the database. Writes through this app's own connection do not change it: those must
   * call MapService.invalidate(). https://www.sqlite.org/pragma.html#pragma_data_version
   */
  dataVersion(): number {
    return this.version.get() ?? 0
  }

  /**
   * How many rows this app's own connection has written since it opened, to any table: if it
   * has not moved, nothing can have changed. https://www.sqlite.org/c3ref/total_changes.html
   */
  writesSoFar(): number {
    return this.writes.get() ?? 0
  }
}
