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

/** What the map reads besides the listings: the hubs' areas. */
export class MapDataRepository {
  private readonly everyArea: Statement<[], HubAreaRow>

  constructor(db: Db) {
    this.everyArea = db.prepare(
      `SELECT slug, name, latitude, longitude, boundary_geojson AS boundaryGeojson, radius_miles AS radiusMiles
         FROM hubs
        ORDER BY name`,
    )
  }

  /** Every hub's area, by name. Hubs are always public. */
  hubAreas(): HubAreaRow[] {
    return this.everyArea.all()
  }
}
