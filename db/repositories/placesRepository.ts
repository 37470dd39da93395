import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'
import { accessFeature, type AccessFeatureRow, type RawAccess } from './servicesRepository'
import { ListingLifecycle, ListingDetails, type ListingStatus } from './writing'
import { NEW_OPEN_REFERRAL_ID_SQL } from './openReferralIds'

/** The columns a reviewed suggestion may set. */
export const PLACE_DETAIL_COLUMNS = [
  'name',
  'description',
  'address_1',
  'city',
  'postal_code',
  'latitude',
  'longitude',
] as const
export type PlaceDetailColumn = (typeof PLACE_DETAIL_COLUMNS)[number]

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

/**
 * What a place says about one accessibility feature: yes it has it, or no it does not, with
 * its own words about it. A feature left out of the list is "not known".
 */
export interface PlaceAccessInput {
  /** step-free, hearing-loop, accessible-toilet, seating, parking, bus-stop */
  code: string
  /** true (the default): the place has it; false: the place has said it does not */
  available?: boolean
  /** such as "Ramp at the side door" */
  details?: string | null
}

/** A place as it is written. Left out, the optional fields are empty and the dates today. */
export interface PlaceInput {
  /** a fixed id (the benchmark's generator uses them); left out, the database picks one */
  id?: number
  name: string
  description?: string
  address1?: string
  address2?: string | null
  city?: string
  postalCode?: string
  latitude: number
  longitude: number
  hubId?: number | null
  /** the organisation that looks after the place */
  organisationId?: number | null
  status: ListingStatus
  /** YYYY-MM-DD */
  lastChecked?: string
  access?: PlaceAccessInput[]
  createdAt?: string
  updatedAt?: string
}

function placeColumns(place: PlaceInput) {
  return {
    id: place.id ?? null,
    name: place.name,
    description: place.description ?? '',
    address1: place.address1 ?? '',
    address2: place.address2 ?? null,
    city: place.city ?? '',
    postalCode: place.postalCode ?? '',
    latitude: place.latitude,
    longitude: place.longitude,
    hubId: place.hubId ?? null,
    organisationId: place.organisationId ?? null,
    status: place.status,
    lastChecked: place.lastChecked ?? null,
    createdAt: place.createdAt ?? null,
    updatedAt: place.updatedAt ?? null,
  }
}

/** The values bound to the write's placeholders. */
type PlaceColumns = ReturnType<typeof placeColumns>

/** Places (venues). Public reads see only published ones. */
export class PlacesRepository {
  private readonly byId: Statement<[number], PlaceRow>
  private readonly accessOf: Statement<[number], RawAccess>
  // Writes: the one column list for locations and for location_accessibility.
  private readonly insertPlace: Statement<[PlaceColumns]>
  private readonly updatePlace: Statement<[PlaceColumns]>
  private readonly addAccess: Statement<[number, string, 0 | 1, string | null]>
  private readonly removeAccess: Statement<[number]>
  private readonly lifecycle: ListingLifecycle
  private readonly details: ListingDetails<PlaceDetailColumn>
  private readonly writeWithAccess: (id: number | null, place: PlaceInput) => number | null

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
    // Every feature on the list: one with no row is "not known".
    this.accessOf = db.prepare(
      `SELECT f.code, f.label, la.available, la.details
         FROM accessibility_features f
         LEFT JOIN location_accessibility la ON la.feature_code = f.code AND la.location_id = ?
        ORDER BY f.sort_order`,
    )

    this.insertPlace = db.prepare(
      `INSERT INTO locations (id, name, description, address_1, address_2, city, postal_code, latitude, longitude,
         hub_id, organization_id, status, last_checked, created_at, updated_at, open_referral_id)
       VALUES (@id, @name, @description, @address1, @address2, @city, @postalCode, @latitude, @longitude,
         @hubId, @organisationId, @status, COALESCE(@lastChecked, date('now')),
         COALESCE(@createdAt, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
         COALESCE(@updatedAt, @createdAt, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), ${NEW_OPEN_REFERRAL_ID_SQL})`,
    )
    this.updatePlace = db.prepare(
      `UPDATE locations
          SET name = @name, description = @description, address_1 = @address1, address_2 = @address2,
              city = @city, postal_code = @postalCode, latitude = @latitude, longitude = @longitude,
              hub_id = @hubId, organization_id = @organisationId, status = @status,
              last_checked = COALESCE(@lastChecked, last_checked),
              updated_at = COALESCE(@updatedAt, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        WHERE id = @id`,
    )
    this.addAccess = db.prepare(
      'INSERT INTO location_accessibility (location_id, feature_code, available, details) VALUES (?, ?, ?, ?)',
    )
    this.removeAccess = db.prepare('DELETE FROM location_accessibility WHERE location_id = ?')
    this.lifecycle = new ListingLifecycle(db, 'locations')
    this.details = new ListingDetails(db, 'locations', PLACE_DETAIL_COLUMNS)
    // The row and its accessibility features together, in one transaction: a new one when id is null.
    this.writeWithAccess = db.transaction((id: number | null, place: PlaceInput) => {
      let written: number
      if (id === null) {
        written = Number(this.insertPlace.run(placeColumns(place)).lastInsertRowid)
      } else {
        if (this.updatePlace.run(placeColumns({ ...place, id })).changes === 0) return null
        this.removeAccess.run(id)
        written = id
      }
      for (const feature of place.access ?? [])
        this.addAccess.run(
          written,
          feature.code,
          feature.available === false ? 0 : 1,
          feature.details ?? null,
        )
      return written
    })
  }

  /**
   * Adds a place with what it says about each accessibility feature (yes or no; features left
   * out are not known), in one transaction; returns its id.
   */
  insert(place: PlaceInput): number {
    return this.writeWithAccess(null, place) as number
  }

  /**
   * Replaces everything about a place but its id and when it was made, accessibility features
   * included, in one transaction. A left-out lastChecked keeps the one it had. False when there is none.
   */
  update(id: number, place: Omit<PlaceInput, 'id' | 'createdAt'>): boolean {
    return this.writeWithAccess(id, place) !== null
  }

  /** Publishes, archives or holds back a place. False when there is none. */
  setStatus(id: number, status: ListingStatus): boolean {
    return this.lifecycle.setStatus(id, status)
  }

  /** Records that someone checked the place's details, on `date` (YYYY-MM-DD) or today. */
  markChecked(id: number, date?: string): boolean {
    return this.lifecycle.markChecked(id, date)
  }

  /**
   * Sets some of its own columns (a reviewed suggestion's changes), leaving the rest, its
   * links and its times as they are. False when there is none.
   */
  updateDetails(id: number, values: Partial<Record<PlaceDetailColumn, string | number | null>>): boolean {
    return this.details.update(id, values)
  }

  /**
   * Deletes a place, its accessibility features and its services' links to it (and the times
   * kept for it there). Services stay. A hub that met there has no meeting place after.
   */
  delete(id: number): boolean {
    return this.lifecycle.delete(id)
  }

  /** One published place, or undefined when there is none with that id or it is not published. */
  findPublishedById(id: number): PlaceRow | undefined {
    return this.byId.get(id)
  }

  /**
   * Every accessibility feature on the list, in its usual order, with what the place says
   * about each: available true (yes), false (no) or null (nobody recorded it).
   */
  accessFeaturesOf(placeId: number): AccessFeatureRow[] {
    return this.accessOf.all(placeId).map(accessFeature)
  }

  /**
   * Adds many places, each with its accessibility features, in one transaction (the caller's,
   * when there is one) without a savepoint for each: for bulk loads such as the benchmark's
   * generator. Throws, keeping none of them, as insert does. Returns how many it added.
   */
  insertMany(places: Iterable<PlaceInput>): number {
    let added = 0
    // statement.database is the connection this repository was made with.
    this.insertPlace.database.transaction(() => {
      for (const place of places) {
        const id = Number(this.insertPlace.run(placeColumns(place)).lastInsertRowid)
        for (const feature of place.access ?? [])
          this.addAccess.run(id, feature.code, feature.available === false ? 0 : 1, feature.details ?? null)
        added++
      }
    })()
    return added
  }
}
