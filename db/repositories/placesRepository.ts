import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'
import type { AccessFeatureRow } from './servicesRepository'

/** One published place (HSDS "location"), with its hub and the organisation that looks after it. */
export interface PlaceRow {
  id: number
  name: string
  description: string
  address1: string
  address2: string | null
  city: string
  postalCode: string
  latitude: number
  longitude: number
  hubSlug: string | null
  hubName: string | null
  /** set only when that organisation is published */
  organisationId: number | null
  organisationName: string | null
  lastChecked: string
}

/** Places (venues). Public reads see only published ones. */
export class PlacesRepository {
  private readonly byId: Statement<[number], PlaceRow>
  private readonly accessOf: Statement<[number], AccessFeatureRow>

  constructor(db: Db) {
    this.byId = db.prepare(
      `SELECT l.id, l.name, l.description, l.address_1 AS address1, l.address_2 AS address2, l.city,
              l.postal_code AS postalCode, l.latitude, l.longitude, h.slug AS hubSlug, h.name AS hubName,
              o.id AS organisationId, o.name AS organisationName, l.last_checked AS lastChecked
         FROM locations l
         LEFT JOIN hubs h ON h.id = l.hub_id
         LEFT JOIN organizations o ON o.id = l.organization_id AND o.status = 'published'
        WHERE l.id = ? AND l.status = 'published'`,
    )
    this.accessOf = db.prepare(
      `SELECT f.code, f.label, la.details
         FROM location_accessibility la
         JOIN accessibility_features f ON f.code = la.feature_code
        WHERE la.location_id = ?
        ORDER BY f.sort_order`,
    )
  }

  /** One published place, or undefined when there is none with that id or it is not published. */
  findPublishedById(id: number): PlaceRow | undefined {
    return this.byId.get(id)
  }

  /** A place's accessibility features, in the list's usual order. */
  accessFeaturesOf(placeId: number): AccessFeatureRow[] {
    return this.accessOf.all(placeId)
  }
}
