import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'

/** One hub, with its published meeting place when it has one. Hubs are always public. */
export interface HubRow {
  id: number
  slug: string
  name: string
  description: string
  /** the hub's own phone number and email address, for residents to ask the hub */
  phone: string | null
  email: string | null
  /** when the hub meets, in its own words: "Third Tuesday of the month, 10:30am to 12 noon" */
  meetingTimes: string
  meetingPlaceDescription: string
  /** set only when the meeting place is published */
  meetingPlaceId: number | null
  meetingPlaceName: string | null
  meetingPlaceAddress1: string | null
  meetingPlaceAddress2: string | null
  meetingPlaceCity: string | null
  meetingPlacePostalCode: string | null
  /** the hub's centre */
  latitude: number
  longitude: number
}

/** A kind of group (a category) and how many of the hub's published groups have it. */
export interface HubCategoryRow {
  code: string
  name: string
  count: number
}

/** A hub with how many published groups, places and organisations it has. */
export interface HubWithCountsRow extends HubRow {
  services: number
  places: number
  organisations: number
}

export interface HubPlaceRow {
  id: number
  name: string
  address1: string
  address2: string | null
  city: string
  postalCode: string
  /** accessibility features in the list's usual order: label, and the place's own words */
  access: { label: string; details: string | null }[]
}

/** A partner organisation that helps run a hub (migrations/0033). */
export interface PublishedPartnerRow {
  id: number
  name: string
}

export interface HubOrganisationRow {
  id: number
  name: string
  description: string
}

/** A published service's phone for the printed sheet: its own, or else its organisation's. */
export interface ServicePhoneRow {
  id: number
  phone: string | null
}

/** A published place as the large-print sheet prints it; all null when there is none. */
export interface PrintPlaceColumns {
  placeName: string | null
  placeAddress1: string | null
  placeAddress2: string | null
  placeCity: string | null
  placePostalCode: string | null
}

/** One regular time of a service, with the published place it is tied to, if any. */
export interface PrintScheduleRow extends PrintPlaceColumns {
  serviceId: number
  freq: 'WEEKLY' | 'MONTHLY'
  interval: number
  byday: 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU'
  weekOfMonth: number | null
  opensAt: string | null
  closesAt: string | null
  description: string
  /** 1 when the time belongs to one of the service's places (placeName is null if it is not published) */
  tiedToPlace: number
}

/** A service's first published place: the hub's own first, then by name. */
export interface FirstPlaceRow extends PrintPlaceColumns {
  serviceId: number
}

/** A hub as it is written. Left out, the optional fields are empty and the times are now. */
export interface HubInput {
  /** a fixed id (the benchmark's generator uses them); left out, the database picks one */
  id?: number
  slug: string
  name: string
  description?: string
  /** the hub's centre */
  latitude: number
  longitude: number
  /** the area: a GeoJSON Polygon or MultiPolygon (as text), or else a circle of this radius */
  boundaryGeojson?: string | null
  radiusMiles?: number | null
  /** how residents reach the hub */
  phone?: string | null
  email?: string | null
  /** when the hub meets, in its own words */
  meetingTimes?: string
  meetingPlaceDescription?: string
  /** the place (a published one shows on the hub page) where the hub usually meets */
  meetingPlaceId?: number | null
  createdAt?: string
  updatedAt?: string
}

function hubColumns(hub: HubInput) {
  return {
    id: hub.id ?? null,
    slug: hub.slug,
    name: hub.name,
    description: hub.description ?? '',
    latitude: hub.latitude,
    longitude: hub.longitude,
    boundaryGeojson: hub.boundaryGeojson ?? null,
    radiusMiles: hub.radiusMiles ?? null,
    phone: hub.phone ?? null,
    email: hub.email ?? null,
    meetingTimes: hub.meetingTimes ?? '',
    meetingPlaceDescription: hub.meetingPlaceDescription ?? '',
    meetingPlaceId: hub.meetingPlaceId ?? null,
    createdAt: hub.createdAt ?? null,
    updatedAt: hub.updatedAt ?? null,
  }
}

/** The values bound to the write's placeholders. */
type HubColumns = ReturnType<typeof hubColumns>

/**
 * Hubs and what belongs to them. A hub's groups are its published services whose hub it is,
 * or that happen at one of its published places.
 */
export class HubsRepository {
  private readonly pageByName: Statement<[{ limit: number; offset: number }], HubWithCountsRow>
  private readonly pageByDistance: Statement<
    [{ latitude: number; longitude: number; squeeze: number; limit: number; offset: number }],
    HubWithCountsRow
  >
  private readonly hubCount: Statement<[], { n: number }>
  private readonly serviceCountOf: Statement<[{ hubId: number }], { n: number }>
  private readonly bySlug: Statement<[string], HubRow>
  private readonly serviceIdsOf: Statement<[{ hubId: number; limit: number }], { id: number }>
  private readonly categoriesOf: Statement<[{ hubId: number }], HubCategoryRow>
  private readonly placeCountOf: Statement<[number], { n: number }>
  private readonly organisationCountOf: Statement<[number], { n: number }>
  private readonly placesOf: Statement<[number, number, number], Omit<HubPlaceRow, 'access'>>
  private readonly accessOf: Statement<[string], { placeId: number; label: string; details: string | null }>
  private readonly organisationsOf: Statement<[number, number, number], HubOrganisationRow>
  private readonly partnersOf: Statement<[number, number], PublishedPartnerRow>
  private readonly phonesOf: Statement<[string], ServicePhoneRow>
  private readonly schedulesFor: Statement<[string], PrintScheduleRow>
  private readonly firstPlacesFor: Statement<[{ ids: string; hubId: number }], FirstPlaceRow>
  // Writes: the one column list for the hubs table.
  private readonly insertHub: Statement<[HubColumns]>
  private readonly updateHub: Statement<[HubColumns]>
  private readonly meetingPlaceOf: Statement<
    [{ id: number; placeId: number | null; updatedAt: string | null }]
  >
  private readonly deleteHub: Statement<[number]>

  constructor(db: Db) {
    // The counts are worked out for one page of hubs only: the page is chosen first, in a
    // subquery, and only its rows are counted.
    const withCounts = (pageOfIds: string) =>
      `SELECT h.id, h.slug, h.name, h.description, h.phone, h.email, h.meeting_times AS meetingTimes,
              h.meeting_place_description AS meetingPlaceDescription,
              l.id AS meetingPlaceId, l.name AS meetingPlaceName, l.address_1 AS meetingPlaceAddress1,
              l.address_2 AS meetingPlaceAddress2, l.city AS meetingPlaceCity, l.postal_code AS meetingPlacePostalCode,
              h.latitude, h.longitude,
              (SELECT COUNT(*) FROM (
                 SELECT s.id FROM services s WHERE s.hub_id = h.id AND s.status = 'published'
                 UNION
                 SELECT s.id FROM locations hl
                   JOIN service_at_locations sal ON sal.location_id = hl.id
                   JOIN services s ON s.id = sal.service_id AND s.status = 'published'
                  WHERE hl.hub_id = h.id AND hl.status = 'published')) AS services,
              (SELECT COUNT(*) FROM locations hl WHERE hl.hub_id = h.id AND hl.status = 'published') AS places,
              (SELECT COUNT(*) FROM organization_hubs oh
                 JOIN organizations o ON o.id = oh.organization_id AND o.status = 'published'
                WHERE oh.hub_id = h.id) AS organisations
         FROM (${pageOfIds}) AS page
         CROSS JOIN hubs h ON h.id = page.id
         LEFT JOIN locations l ON l.id = h.meeting_location_id AND l.status = 'published'
        ORDER BY page.n`
    this.pageByName = db.prepare(
      withCounts(
        `SELECT id, ROW_NUMBER() OVER (ORDER BY name, id) AS n FROM hubs ORDER BY name, id LIMIT @limit OFFSET @offset`,
      ),
    )
    // Nearest centre first, by the flat-earth distance (longitude shrunk by the cosine of the
    // latitude): exact enough to order hubs, and SQLite works it out without reading rows into memory.
    this.pageByDistance = db.prepare(
      withCounts(
        `SELECT id, ROW_NUMBER() OVER (ORDER BY d, id) AS n
           FROM (SELECT id, (latitude - @latitude) * (latitude - @latitude)
                          + (longitude - @longitude) * (longitude - @longitude) * @squeeze AS d FROM hubs)
          ORDER BY d, id LIMIT @limit OFFSET @offset`,
      ),
    )
    this.hubCount = db.prepare('SELECT COUNT(*) AS n FROM hubs')
    this.bySlug = db.prepare(
      `SELECT h.id, h.slug, h.name, h.description, h.phone, h.email, h.meeting_times AS meetingTimes,
              h.meeting_place_description AS meetingPlaceDescription,
              l.id AS meetingPlaceId, l.name AS meetingPlaceName, l.address_1 AS meetingPlaceAddress1,
              l.address_2 AS meetingPlaceAddress2, l.city AS meetingPlaceCity, l.postal_code AS meetingPlacePostalCode,
              h.latitude, h.longitude
         FROM hubs h
         LEFT JOIN locations l ON l.id = h.meeting_location_id AND l.status = 'published'
        WHERE h.slug = ?`,
    )
    // A hub's published services: its own, and those at its published places.
    const servicesOfHub = `SELECT id FROM services WHERE hub_id = @hubId AND status = 'published'
               UNION
               SELECT sal.service_id AS id FROM locations l
                 JOIN service_at_locations sal ON sal.location_id = l.id
                WHERE l.hub_id = @hubId AND l.status = 'published'`
    // CROSS JOIN keeps SQLite starting from the hub's few services rather than walking every
    // published service in name order.
    this.serviceIdsOf = db.prepare(
      `SELECT s.id
         FROM (${servicesOfHub}) AS mine
        CROSS JOIN services s ON s.id = mine.id
        WHERE s.status = 'published'
        ORDER BY s.name, s.id
        LIMIT @limit`,
    )
    this.serviceCountOf = db.prepare(
      `SELECT COUNT(*) AS n
         FROM (${servicesOfHub}) AS mine
        CROSS JOIN services s ON s.id = mine.id
        WHERE s.status = 'published'`,
    )
    // The kinds of group in the hub, for the hub page's "groups by type": counted in SQL.
    this.categoriesOf = db.prepare(
      `SELECT t.code, t.name, COUNT(*) AS count
         FROM (${servicesOfHub}) AS mine
        CROSS JOIN services s ON s.id = mine.id
         JOIN service_categories sc ON sc.service_id = s.id
         JOIN taxonomy_terms t ON t.id = sc.term_id
        WHERE s.status = 'published'
        GROUP BY t.id
        ORDER BY t.sort_order, t.name`,
    )
    this.placeCountOf = db.prepare(
      `SELECT COUNT(*) AS n FROM locations WHERE hub_id = ? AND +status = 'published'`,
    )
    this.organisationCountOf = db.prepare(
      `SELECT COUNT(*) AS n
         FROM organization_hubs oh
         JOIN organizations o ON o.id = oh.organization_id
        WHERE oh.hub_id = ? AND +o.status = 'published'`,
    )
    // In these three the + on status keeps SQLite from walking every published row through the
    // (status, name) indexes, which it does when it has no statistics (it then guesses that a
    // status matches 10 rows). Found by the benchmark (bench/run.ts) at 100,000 services.
    this.placesOf = db.prepare(
      `SELECT id, name, address_1 AS address1, address_2 AS address2, city, postal_code AS postalCode
         FROM locations
        WHERE hub_id = ? AND +status = 'published'
        ORDER BY name, id
        LIMIT ? OFFSET ?`,
    )
    this.accessOf = db.prepare(
      `SELECT la.location_id AS placeId, f.label, la.details
         FROM location_accessibility la
         JOIN accessibility_features f ON f.code = la.feature_code
        WHERE la.location_id IN (SELECT value FROM json_each(?)) AND la.available = 1
        ORDER BY f.sort_order`,
    )
    this.organisationsOf = db.prepare(
      `SELECT o.id, o.name, o.description
         FROM organization_hubs oh
         JOIN organizations o ON o.id = oh.organization_id
        WHERE oh.hub_id = ? AND +o.status = 'published'
        ORDER BY o.name, o.id
        LIMIT ? OFFSET ?`,
    )
    this.partnersOf = db.prepare(
      `SELECT o.id, o.name
         FROM hub_partners p
         JOIN organizations o ON o.id = p.organization_id
        WHERE p.hub_id = ? AND o.status = 'published'
        ORDER BY o.name, o.id
        LIMIT ?`,
    )
    this.phonesOf = db.prepare(
      `SELECT s.id, COALESCE(NULLIF(trim(s.phone), ''), NULLIF(trim(o.phone), '')) AS phone
         FROM services s
         JOIN organizations o ON o.id = s.organization_id
        WHERE s.id IN (SELECT value FROM json_each(?)) AND +s.status = 'published'`,
    )
    this.schedulesFor = db.prepare(
      `SELECT sc.service_id AS serviceId, sc.freq, sc.interval, sc.byday, sc.week_of_month AS weekOfMonth,
              sc.opens_at AS opensAt, sc.closes_at AS closesAt, sc.description,
              (sc.service_at_location_id IS NOT NULL) AS tiedToPlace,
              l.name AS placeName, l.address_1 AS placeAddress1, l.address_2 AS placeAddress2,
              l.city AS placeCity, l.postal_code AS placePostalCode
         FROM schedules sc
         LEFT JOIN service_at_locations sal ON sal.id = sc.service_at_location_id
         LEFT JOIN locations l ON l.id = sal.location_id AND l.status = 'published'
        WHERE sc.service_id IN (SELECT value FROM json_each(?))
        ORDER BY sc.service_id, sc.id`,
    )
    // One place per service, however many it has: the hub's own first, then by name.
    this.firstPlacesFor = db.prepare(
      `SELECT serviceId, placeName, placeAddress1, placeAddress2, placeCity, placePostalCode
         FROM (SELECT sal.service_id AS serviceId, l.name AS placeName, l.address_1 AS placeAddress1,
                      l.address_2 AS placeAddress2, l.city AS placeCity, l.postal_code AS placePostalCode,
                      ROW_NUMBER() OVER (PARTITION BY sal.service_id
                                         ORDER BY (l.hub_id IS @hubId) DESC, l.name, l.id) AS n
                 FROM service_at_locations sal
                 JOIN locations l ON l.id = sal.location_id
                WHERE sal.service_id IN (SELECT value FROM json_each(@ids)) AND +l.status = 'published')
        WHERE n = 1`,
    )

    this.insertHub = db.prepare(
      `INSERT INTO hubs (id, slug, name, description, latitude, longitude, boundary_geojson, radius_miles,
         phone, email, meeting_times, meeting_place_description, meeting_location_id, created_at, updated_at)
       VALUES (@id, @slug, @name, @description, @latitude, @longitude, @boundaryGeojson, @radiusMiles,
         @phone, @email, @meetingTimes, @meetingPlaceDescription, @meetingPlaceId,
         COALESCE(@createdAt, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
         COALESCE(@updatedAt, @createdAt, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))`,
    )
    this.updateHub = db.prepare(
      `UPDATE hubs
          SET slug = @slug, name = @name, description = @description, latitude = @latitude, longitude = @longitude,
              boundary_geojson = @boundaryGeojson, radius_miles = @radiusMiles,
              phone = @phone, email = @email, meeting_times = @meetingTimes,
              meeting_place_description = @meetingPlaceDescription, meeting_location_id = @meetingPlaceId,
              updated_at = COALESCE(@updatedAt, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        WHERE id = @id`,
    )
    this.meetingPlaceOf = db.prepare(
      `UPDATE hubs SET meeting_location_id = @placeId,
              updated_at = COALESCE(@updatedAt, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        WHERE id = @id`,
    )
    this.deleteHub = db.prepare('DELETE FROM hubs WHERE id = ?')
  }

  /** Adds a hub; returns its id. */
  insert(hub: HubInput): number {
    return Number(this.insertHub.run(hubColumns(hub)).lastInsertRowid)
  }

  /** Replaces everything about a hub but its id and when it was made; false when there is no such hub. */
  update(id: number, hub: Omit<HubInput, 'id' | 'createdAt'>): boolean {
    return this.updateHub.run(hubColumns({ ...hub, id })).changes === 1
  }

  /**
   * Where the hub usually meets: one of the places (null for none). Kept apart from update()
   * because hubs and places refer to each other: a new hub's place is written after the hub.
   * `updatedAt` is now unless given (the demo data keeps fixed times).
   */
  setMeetingPlace(hubId: number, placeId: number | null, updatedAt?: string): boolean {
    return this.meetingPlaceOf.run({ id: hubId, placeId, updatedAt: updatedAt ?? null }).changes === 1
  }

  /**
   * Deletes a hub. Its links to organisations go with it; its services, places and people
   * stay, with no hub. False when there was no such hub.
   */
  delete(id: number): boolean {
    return this.deleteHub.run(id).changes === 1
  }

  /** How many hubs there are. */
  count(): number {
    return this.hubCount.get()?.n ?? 0
  }

  /** One page of hubs by name, each with its counts of published groups, places and organisations. */
  pageWithCounts(page: { limit: number; offset: number }): HubWithCountsRow[] {
    return this.pageByName.all(page)
  }

  /** One page of hubs, the nearest centre to `point` first, each with its counts. */
  nearestWithCounts(
    point: { latitude: number; longitude: number },
    page: { limit: number; offset: number },
  ): HubWithCountsRow[] {
    const squeeze = Math.cos((point.latitude * Math.PI) / 180) ** 2
    return this.pageByDistance.all({ ...point, squeeze, ...page })
  }

  /** One hub by its slug, or undefined when there is none. */
  findBySlug(slug: string): HubRow | undefined {
    return this.bySlug.get(slug)
  }

  /** Ids of the first `limit` of the hub's published services, by name. */
  publishedServiceIds(hubId: number, limit: number): number[] {
    return this.serviceIdsOf.all({ hubId, limit }).map((row) => row.id)
  }

  /** How many published services the hub has (its own, and those at its places). */
  countPublishedServices(hubId: number): number {
    return this.serviceCountOf.get({ hubId })?.n ?? 0
  }

  /** The kinds (categories) of the hub's published services, in the categories' usual order, with counts. */
  categoryCounts(hubId: number): HubCategoryRow[] {
    return this.categoriesOf.all({ hubId })
  }

  /** How many published places the hub has. */
  countPublishedPlaces(hubId: number): number {
    return this.placeCountOf.get(hubId)?.n ?? 0
  }

  /** How many published organisations work in the hub. */
  countPublishedOrganisations(hubId: number): number {
    return this.organisationCountOf.get(hubId)?.n ?? 0
  }

  /** `limit` of the hub's published places by name (after `offset`), each with its accessibility features. */
  publishedPlaces(hubId: number, limit: number, offset = 0): HubPlaceRow[] {
    const places = this.placesOf.all(hubId, limit, offset)
    if (places.length === 0) return []
    const access = new Map<number, HubPlaceRow['access']>()
    for (const { placeId, label, details } of this.accessOf.all(
      JSON.stringify(places.map((place) => place.id)),
    )) {
      const list = access.get(placeId)
      if (list) list.push({ label, details })
      else access.set(placeId, [{ label, details }])
    }
    return places.map((place) => ({ ...place, access: access.get(place.id) ?? [] }))
  }

  /** `limit` of the published organisations that work in the hub, by name, after `offset`. */
  publishedOrganisations(hubId: number, limit: number, offset = 0): HubOrganisationRow[] {
    return this.organisationsOf.all(hubId, limit, offset)
  }

  /** The first `limit` of the hub's partner organisations (hub_partners) that are published, by name. */
  publishedPartners(hubId: number, limit: number): PublishedPartnerRow[] {
    return this.partnersOf.all(hubId, limit)
  }

  /** Every regular time of the given services, each with the published place it is tied to. */
  schedulesOf(serviceIds: number[]): PrintScheduleRow[] {
    if (serviceIds.length === 0) return []
    return this.schedulesFor.all(JSON.stringify(serviceIds))
  }

  /** Each of the given services' first published place: the hub's own first, then by name. */
  firstPlacesOf(serviceIds: number[], hubId: number): FirstPlaceRow[] {
    if (serviceIds.length === 0) return []
    return this.firstPlacesFor.all({ ids: JSON.stringify(serviceIds), hubId })
  }

  /** The phone to print for each of the given published services. */
  servicePhones(serviceIds: number[]): ServicePhoneRow[] {
    if (serviceIds.length === 0) return []
    return this.phonesOf.all(JSON.stringify(serviceIds))
  }
}
