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

/** A box in degrees. */
export interface MapBox {
  west: number
  south: number
  east: number
  north: number
}

/** What a marker says about a service: its name and its first category's name. */
export interface ServiceLabelRow {
  id: number
  name: string
  category: string | null
}

/**
 * What the map reads besides search: every published service at each of its published
 * places (a row at a time, to build the marker index), the names of the services in one
 * answer, and the hubs' areas in view.
 */
export class MapDataRepository {
  private readonly everyServiceAtPlace: Statement<[], [number, number, number]>
  private readonly servicesAtPlacesBetween: Statement<
    [{ after: number; upTo: number }],
    [number, number, number]
  >
  private readonly servicesAtPlacesInBox: Statement<[MapBox & { limit: number }], [number, number, number]>
  private readonly lastPlace: Statement<[], number | null>
  private readonly publishedBetween: Statement<[{ after: number; upTo: number }], number>
  private readonly lastService: Statement<[], number | null>
  private readonly labels: Statement<[string], ServiceLabelRow>
  private readonly areasInBox: Statement<[MapBox & { minSpan: number; limit: number }], HubAreaRow>

  constructor(db: Db) {
    // Place by place (the R*Tree holds published places only), so that a place's services
    // come one after another. The points are the R*Tree's, as search gives them.
    this.everyServiceAtPlace = db
      .prepare<[], [number, number, number]>(
        `SELECT s.id, (r.min_lat + r.max_lat) / 2, (r.min_lng + r.max_lng) / 2
           FROM places_rtree r
          CROSS JOIN service_at_locations sal ON sal.location_id = r.id
          CROSS JOIN services s INDEXED BY services_search_facts ON s.id = sal.service_id
          WHERE s.status = 'published'
          ORDER BY r.id`,
      )
      .raw(true)
    // The services at the places whose ids are in a range, place by place, whatever their
    // status (the caller keeps the published ones: looking each service up here took most of
    // the time). The index is built a range at a time, each read whole, so no statement is
    // left open between them and writes are never held up.
    this.servicesAtPlacesBetween = db
      .prepare<[{ after: number; upTo: number }], [number, number, number]>(
        `SELECT sal.service_id, (r.min_lat + r.max_lat) / 2, (r.min_lng + r.max_lng) / 2
           FROM locations l
          CROSS JOIN places_rtree r ON r.id = l.id
          CROSS JOIN service_at_locations sal ON sal.location_id = l.id
          WHERE l.id > @after AND l.id <= @upTo
          ORDER BY l.id`,
      )
      .raw(true)
    this.publishedBetween = db
      .prepare<[{ after: number; upTo: number }], number>(
        `SELECT id FROM services INDEXED BY services_search_facts
          WHERE id > @after AND id <= @upTo AND status = 'published'`,
      )
      .pluck()
    this.lastService = db.prepare<[], number | null>('SELECT max(id) FROM services').pluck()
    // Inside a box, at most @limit rows, in the R*Tree's order (a place's services together).
    this.servicesAtPlacesInBox = db
      .prepare<[MapBox & { limit: number }], [number, number, number]>(
        `SELECT s.id, (r.min_lat + r.max_lat) / 2, (r.min_lng + r.max_lng) / 2
           FROM places_rtree r
          CROSS JOIN service_at_locations sal ON sal.location_id = r.id
          CROSS JOIN services s INDEXED BY services_search_facts ON s.id = sal.service_id
          WHERE r.min_lat <= @north AND r.max_lat >= @south AND r.min_lng <= @east AND r.max_lng >= @west
            AND s.status = 'published'
          LIMIT @limit`,
      )
      .raw(true)
    this.lastPlace = db.prepare<[], number | null>('SELECT max(id) FROM locations').pluck()
    this.labels = db.prepare(
      `SELECT s.id, s.name,
              (SELECT t.name FROM service_categories sc CROSS JOIN taxonomy_terms t ON t.id = sc.term_id
                WHERE sc.service_id = s.id ORDER BY t.sort_order, t.name LIMIT 1) AS category
         FROM json_each(?) j CROSS JOIN services s ON s.id = j.value`,
    )
    this.areasInBox = db.prepare(
      `SELECT h.slug, h.name, h.latitude, h.longitude,
              h.boundary_geojson AS boundaryGeojson, h.radius_miles AS radiusMiles
         FROM hubs_rtree r CROSS JOIN hubs h ON h.id = r.id
        WHERE r.min_lat <= @north AND r.max_lat >= @south AND r.min_lng <= @east AND r.max_lng >= @west
          AND max(r.max_lat - r.min_lat, r.max_lng - r.min_lng) >= @minSpan
        ORDER BY (r.max_lat - r.min_lat) * (r.max_lng - r.min_lng) DESC, h.name
        LIMIT @limit`,
    )
  }

  /**
   * Calls `visit` with each published service at each of its published places, place by
   * place. Nothing is gathered here: the caller keeps what it needs.
   */
  eachServiceAtPlace(visit: (serviceId: number, latitude: number, longitude: number) => void): void {
    for (const [id, latitude, longitude] of this.everyServiceAtPlace.iterate()) visit(id, latitude, longitude)
  }

  /** The biggest place id there is (0 when there are none): where a build a range at a time ends. */
  lastPlaceId(): number {
    return this.lastPlace.get() ?? 0
  }

  /** The biggest service id there is (0 when there are none). */
  lastServiceId(): number {
    return this.lastService.get() ?? 0
  }

  /** The ids of the published services with ids after `after` up to `upTo`. */
  publishedServiceIdsBetween(after: number, upTo: number): number[] {
    return this.publishedBetween.all({ after, upTo })
  }

  /**
   * Every service (of any status) at each published place with an id after `after` up to
   * `upTo`, place by place (read whole, then visited: a few thousand places is a few
   * thousand rows).
   */
  eachServiceAtPlaceBetween(
    after: number,
    upTo: number,
    visit: (serviceId: number, latitude: number, longitude: number) => void,
  ): void {
    for (const [id, latitude, longitude] of this.servicesAtPlacesBetween.all({ after, upTo }))
      visit(id, latitude, longitude)
  }

  /**
   * Published services at published places inside the box, place by place, at most `limit`
   * rows; says whether that was all of them.
   */
  eachServiceAtPlaceInBox(
    box: MapBox,
    limit: number,
    visit: (serviceId: number, latitude: number, longitude: number) => void,
  ): { complete: boolean } {
    const rows = this.servicesAtPlacesInBox.all({ ...box, limit: limit + 1 })
    for (const [id, latitude, longitude] of rows.slice(0, limit)) visit(id, latitude, longitude)
    return { complete: rows.length <= limit }
  }

  /** The names and first categories of these services (at most as many as asked about). */
  serviceLabels(ids: readonly number[]): ServiceLabelRow[] {
    if (ids.length === 0) return []
    return this.labels.all(JSON.stringify(ids))
  }

  /**
   * The hubs whose area reaches into the box, at least `minSpan` degrees across (smaller
   * ones would be a dot on the map), biggest first, at most `limit`. Hubs are always public.
   */
  hubAreasIn(box: MapBox, minSpan: number, limit: number): HubAreaRow[] {
    return this.areasInBox.all({ ...box, minSpan, limit })
  }
}
