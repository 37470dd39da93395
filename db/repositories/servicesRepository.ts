import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'

export type Day = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU'

export interface ScheduleRow {
  serviceId: number
  /** the place this time belongs to, when the service meets at several places at different times */
  placeId: number | null
  freq: 'WEEKLY' | 'MONTHLY'
  interval: number
  byday: Day
  weekOfMonth: number | null
  opensAt: string | null
  closesAt: string | null
  description: string
}

export interface AccessFeatureRow {
  /** step-free, hearing-loop, accessible-toilet, seating, parking, bus-stop */
  code: string
  /** "Step-free access" */
  label: string
  /** the place's own words, such as "Ramp at the side door" */
  details: string | null
}

export interface ServicePlaceRow {
  id: number
  name: string
  address1: string
  address2: string | null
  city: string
  postalCode: string
  latitude: number
  longitude: number
  hubId: number | null
  access: AccessFeatureRow[]
}

export interface CategoryRow {
  code: string
  name: string
}

/** What every list of services needs about one published service. */
export interface ServiceSummaryRow {
  id: number
  name: string
  organisationId: number
  organisationName: string
  hubId: number | null
  isFree: boolean
  costAmountPence: number | null
  costOption: string | null
  costDescription: string | null
  comesToHome: boolean
  lastChecked: string
  categories: CategoryRow[]
  schedules: ScheduleRow[]
  /** its published places, in the order they were linked */
  places: ServicePlaceRow[]
}

/** One published service with everything its own page shows. */
export interface ServiceRow {
  id: number
  name: string
  description: string
  eligibilityDescription: string
  applicationProcess: string
  organisationId: number
  organisationName: string
  organisationPublished: boolean
  hubId: number | null
  hubSlug: string | null
  hubName: string | null
  isFree: boolean
  costAmountPence: number | null
  costOption: string | null
  costDescription: string | null
  comesToHome: boolean
  email: string | null
  phone: string | null
  url: string | null
  lastChecked: string
}

export interface CategoryCountRow extends CategoryRow {
  count: number
}

type Flag = 0 | 1

interface RawSummary extends Omit<
  ServiceSummaryRow,
  'isFree' | 'comesToHome' | 'categories' | 'schedules' | 'places'
> {
  isFree: Flag
  comesToHome: Flag
}

interface RawService extends Omit<ServiceRow, 'isFree' | 'comesToHome' | 'organisationPublished'> {
  isFree: Flag
  comesToHome: Flag
  organisationPublished: Flag
}

type RawPlace = Omit<ServicePlaceRow, 'access'> & { serviceId: number }

/**
 * Services (HSDS "service"). Public reads see only published services and published places.
 * Lists of ids are passed as one JSON array bound to a placeholder and read with json_each,
 * so every statement is prepared once whatever the number of ids.
 */
export class ServicesRepository {
  private readonly summaries: Statement<[string], RawSummary>
  private readonly categoriesOf: Statement<[string], CategoryRow & { serviceId: number }>
  private readonly schedulesOf: Statement<[string], ScheduleRow>
  private readonly placesOf: Statement<[string], RawPlace>
  private readonly accessOf: Statement<[string], AccessFeatureRow & { placeId: number }>
  private readonly byId: Statement<[number], RawService>
  private readonly idsByOrganisation: Statement<[number], { id: number }>
  private readonly idsAtPlace: Statement<[number], { id: number }>
  private readonly countsByCategory: Statement<[], CategoryCountRow>
  private readonly publishedCount: Statement<[], { count: number }>

  constructor(db: Db) {
    this.summaries = db.prepare(
      `SELECT s.id, s.name, s.organization_id AS organisationId, o.name AS organisationName, s.hub_id AS hubId,
              s.is_free AS isFree, s.cost_amount_pence AS costAmountPence, s.cost_option AS costOption,
              s.cost_description AS costDescription, s.comes_to_home AS comesToHome, s.last_checked AS lastChecked
         FROM services s
         JOIN organizations o ON o.id = s.organization_id
        -- The + keeps SQLite from reading every published service through services_status
        -- (without ANALYZE it guesses that a status matches 10 rows); it looks up the ids instead.
        WHERE +s.status = 'published' AND s.id IN (SELECT value FROM json_each(?))`,
    )
    this.categoriesOf = db.prepare(
      `SELECT sc.service_id AS serviceId, t.code, t.name
         FROM service_categories sc
         JOIN taxonomy_terms t ON t.id = sc.term_id
        WHERE sc.service_id IN (SELECT value FROM json_each(?))
        ORDER BY t.sort_order, t.name`,
    )
    this.schedulesOf = db.prepare(
      `SELECT sch.service_id AS serviceId, sal.location_id AS placeId, sch.freq, sch.interval, sch.byday,
              sch.week_of_month AS weekOfMonth, sch.opens_at AS opensAt, sch.closes_at AS closesAt, sch.description
         FROM schedules sch
         LEFT JOIN service_at_locations sal ON sal.id = sch.service_at_location_id
        WHERE sch.service_id IN (SELECT value FROM json_each(?))
        ORDER BY sch.id`,
    )
    this.placesOf = db.prepare(
      `SELECT sal.service_id AS serviceId, l.id, l.name, l.address_1 AS address1, l.address_2 AS address2, l.city,
              l.postal_code AS postalCode, l.latitude, l.longitude, l.hub_id AS hubId
         FROM service_at_locations sal
         -- CROSS JOIN keeps SQLite starting from the few services asked for, not from every
         -- published place (https://www.sqlite.org/optoverview.html#crossjoin).
         CROSS JOIN locations l ON l.id = sal.location_id
        WHERE l.status = 'published' AND sal.service_id IN (SELECT value FROM json_each(?))
        ORDER BY sal.id`,
    )
    this.accessOf = db.prepare(
      `SELECT la.location_id AS placeId, f.code, f.label, la.details
         FROM location_accessibility la
         JOIN accessibility_features f ON f.code = la.feature_code
        WHERE la.location_id IN (SELECT value FROM json_each(?))
        ORDER BY f.sort_order`,
    )
    this.byId = db.prepare(
      `SELECT s.id, s.name, s.description, s.eligibility_description AS eligibilityDescription,
              s.application_process AS applicationProcess, s.organization_id AS organisationId,
              o.name AS organisationName, o.status = 'published' AS organisationPublished,
              s.hub_id AS hubId, h.slug AS hubSlug, h.name AS hubName,
              s.is_free AS isFree, s.cost_amount_pence AS costAmountPence, s.cost_option AS costOption,
              s.cost_description AS costDescription, s.comes_to_home AS comesToHome,
              s.email, s.phone, s.url, s.last_checked AS lastChecked
         FROM services s
         JOIN organizations o ON o.id = s.organization_id
         LEFT JOIN hubs h ON h.id = s.hub_id
        WHERE s.id = ? AND s.status = 'published'`,
    )
    this.idsByOrganisation = db.prepare(
      `SELECT id FROM services WHERE organization_id = ? AND status = 'published' ORDER BY name, id`,
    )
    this.idsAtPlace = db.prepare(
      `SELECT s.id
         FROM service_at_locations sal
         JOIN services s ON s.id = sal.service_id
        WHERE sal.location_id = ? AND s.status = 'published'
        ORDER BY s.name, s.id`,
    )
    this.countsByCategory = db.prepare(
      `SELECT t.code, t.name, COUNT(s.id) AS count
         FROM taxonomy_terms t
         JOIN service_categories sc ON sc.term_id = t.id
         JOIN services s ON s.id = sc.service_id AND s.status = 'published'
        WHERE t.vocabulary = 'category'
        GROUP BY t.id
        ORDER BY t.sort_order, t.name`,
    )
    this.publishedCount = db.prepare(`SELECT COUNT(*) AS count FROM services WHERE status = 'published'`)
  }

  /**
   * Summary rows for the given ids: published services only, each with its organisation's
   * name, categories, schedules and published places (with their access features). The rows
   * come back in no particular order; ids that are not published are left out.
   */
  findSummaryRows(ids: number[]): ServiceSummaryRow[] {
    if (ids.length === 0) return []
    const idsJson = JSON.stringify(ids)
    const services = this.summaries.all(idsJson)
    if (services.length === 0) return []
    const publishedJson = JSON.stringify(services.map((s) => s.id))

    const categories = groupBy(this.categoriesOf.all(publishedJson), (c) => c.serviceId)
    const schedules = groupBy(this.schedulesOf.all(publishedJson), (s) => s.serviceId)
    const places = this.placesOf.all(publishedJson)
    const access = groupBy(
      this.accessOf.all(JSON.stringify([...new Set(places.map((p) => p.id))])),
      (a) => a.placeId,
    )
    const placesByService = groupBy(places, (p) => p.serviceId)

    return services.map((s) => ({
      ...s,
      isFree: s.isFree === 1,
      comesToHome: s.comesToHome === 1,
      categories: (categories.get(s.id) ?? []).map(({ code, name }) => ({ code, name })),
      schedules: schedules.get(s.id) ?? [],
      places: (placesByService.get(s.id) ?? []).map(({ serviceId: _serviceId, ...place }) => ({
        ...place,
        access: (access.get(place.id) ?? []).map(({ code, label, details }) => ({ code, label, details })),
      })),
    }))
  }

  /** One published service, or undefined when there is none with that id or it is not published. */
  findPublishedById(id: number): ServiceRow | undefined {
    const row = this.byId.get(id)
    if (!row) return undefined
    return {
      ...row,
      isFree: row.isFree === 1,
      comesToHome: row.comesToHome === 1,
      organisationPublished: row.organisationPublished === 1,
    }
  }

  /** Ids of an organisation's published services, by name. */
  publishedIdsByOrganisation(organisationId: number): number[] {
    return this.idsByOrganisation.all(organisationId).map((row) => row.id)
  }

  /** Ids of the published services that happen at a place, by name. */
  publishedIdsAtPlace(placeId: number): number[] {
    return this.idsAtPlace.all(placeId).map((row) => row.id)
  }

  /** Each category that has published services, with how many. */
  categoryCounts(): CategoryCountRow[] {
    return this.countsByCategory.all()
  }

  /** How many services are published. */
  countPublished(): number {
    return this.publishedCount.get()?.count ?? 0
  }
}

function groupBy<T>(rows: T[], key: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>()
  for (const row of rows) {
    const k = key(row)
    const group = groups.get(k)
    if (group) group.push(row)
    else groups.set(k, [row])
  }
  return groups
}
