import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'
import { distinct, UnknownTermError, type ListingStatus, ListingLifecycle, ListingDetails } from './writing'
import { NEW_OPEN_REFERRAL_ID_SQL } from './openReferralIds'

/** The columns a reviewed suggestion may set. */
export const SERVICE_DETAIL_COLUMNS = [
  'name',
  'description',
  'phone',
  'email',
  'url',
  'is_free',
  'cost_amount_pence',
  'cost_option',
  'cost_description',
] as const
export type ServiceDetailColumn = (typeof SERVICE_DETAIL_COLUMNS)[number]

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

/** One accessibility feature of a place: every feature on the list, recorded or not. */
export interface AccessFeatureRow {
  /** step-free, hearing-loop, accessible-toilet, seating, parking, bus-stop */
  code: string
  /** "Step-free access" */
  label: string
  /** true: the place has it; false: it does not; null: nobody recorded it */
  available: boolean | null
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
  /** it comes to people's homes in its hub's area */
  comesToHome: boolean
  /** it phones people in its hub's area */
  byPhone: boolean
  /** it runs online, for people in its hub's area */
  online: boolean
  /** its hub's area (the area it reaches people in), or null when it has no hub */
  hubArea: HubAreaRow | null
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
  byPhone: boolean
  online: boolean
  email: string | null
  phone: string | null
  url: string | null
  lastChecked: string
}

export interface CategoryCountRow extends CategoryRow {
  count: number
}

/** One page of a list: at most `limit` rows, after skipping `offset`. */
export interface ListPage {
  limit: number
  offset: number
}

type Flag = 0 | 1

/** A hub's area: a boundary (GeoJSON), or else a circle of radiusMiles around its centre. */
export interface HubAreaRow {
  latitude: number
  longitude: number
  radiusMiles: number | null
  boundaryGeojson: string | null
}

interface RawSummary extends Omit<
  ServiceSummaryRow,
  'isFree' | 'comesToHome' | 'byPhone' | 'online' | 'hubArea' | 'categories' | 'schedules' | 'places'
> {
  isFree: Flag
  comesToHome: Flag
  byPhone: Flag
  online: Flag
  hubLatitude: number | null
  hubLongitude: number | null
  hubRadiusMiles: number | null
  hubBoundaryGeojson: string | null
}

interface RawService extends Omit<
  ServiceRow,
  'isFree' | 'comesToHome' | 'byPhone' | 'online' | 'organisationPublished'
> {
  isFree: Flag
  comesToHome: Flag
  byPhone: Flag
  online: Flag
  organisationPublished: Flag
}

type RawPlace = Omit<ServicePlaceRow, 'access'> & { serviceId: number }

/** An accessibility feature as SQLite gives it: available is 1, 0 or NULL (no row). */
export type RawAccess = Omit<AccessFeatureRow, 'available'> & { available: Flag | null }

/** Yes, no or not known, from 1, 0 or NULL. */
export const accessFeature = ({ code, label, available, details }: RawAccess): AccessFeatureRow => ({
  code,
  label,
  available: available === null ? null : available === 1,
  details,
})

/** One regular time of a service, as it is written. Left out: weekly, every week, no words. */
export interface ScheduleInput {
  byday: Day
  /** "10:00"; null when the time is agreed with each person */
  opensAt: string | null
  closesAt: string | null
  freq?: 'WEEKLY' | 'MONTHLY'
  interval?: number
  /** for MONTHLY: 1 to 4, or -1 for the last */
  weekOfMonth?: number | null
  /** words for anything the columns cannot say */
  description?: string
  /** one of the service's placeIds when this time is at that place only */
  placeId?: number | null
}

/**
 * A service as it is written, with its categories, places and times. Left out, the optional
 * fields are empty, the lists empty and the dates today.
 */
export interface ServiceInput {
  /** a fixed id (the benchmark's generator uses them); left out, the database picks one */
  id?: number
  organisationId: number
  /** the hub whose area it mainly serves */
  hubId?: number | null
  name: string
  description?: string
  /** who it is for */
  eligibilityDescription?: string
  /** how to join */
  applicationProcess?: string
  isFree: boolean
  costAmountPence?: number | null
  /** "session", "month", "meal" */
  costOption?: string | null
  costDescription?: string | null
  /** it comes to people's homes in its hub's area */
  comesToHome?: boolean
  /** it phones people in its hub's area */
  byPhone?: boolean
  /** it runs online, for people in its hub's area */
  online?: boolean
  email?: string | null
  phone?: string | null
  url?: string | null
  status: ListingStatus
  /** YYYY-MM-DD */
  lastChecked?: string
  /** category codes, such as walking-groups */
  categories?: string[]
  /** its places, in order */
  placeIds?: number[]
  schedules?: ScheduleInput[]
  createdAt?: string
  updatedAt?: string
}

function scheduleColumns(serviceId: number, serviceAtPlaceId: number | null, schedule: ScheduleInput) {
  return {
    serviceId,
    serviceAtPlaceId,
    freq: schedule.freq ?? 'WEEKLY',
    interval: schedule.interval ?? 1,
    byday: schedule.byday,
    weekOfMonth: schedule.weekOfMonth ?? null,
    opensAt: schedule.opensAt,
    closesAt: schedule.closesAt,
    description: schedule.description ?? '',
  }
}

type ScheduleColumns = ReturnType<typeof scheduleColumns>

/** A weekly timetable: the same hours on each of these days, at one of the service's places or (null) at all. */
export interface WeeklyTimes {
  days: Day[]
  opensAt: string | null
  closesAt: string | null
  placeId: number | null
}

function serviceColumns(service: ServiceInput, status: ListingStatus) {
  return {
    id: service.id ?? null,
    organisationId: service.organisationId,
    hubId: service.hubId ?? null,
    name: service.name,
    description: service.description ?? '',
    eligibilityDescription: service.eligibilityDescription ?? '',
    applicationProcess: service.applicationProcess ?? '',
    isFree: service.isFree ? 1 : 0,
    costAmountPence: service.costAmountPence ?? null,
    costOption: service.costOption ?? null,
    costDescription: service.costDescription ?? null,
    comesToHome: service.comesToHome ? 1 : 0,
    byPhone: service.byPhone ? 1 : 0,
    online: service.online ? 1 : 0,
    email: service.email ?? null,
    phone: service.phone ?? null,
    url: service.url ?? null,
    status,
    lastChecked: service.lastChecked ?? null,
    createdAt: service.createdAt ?? null,
    updatedAt: service.updatedAt ?? null,
    dayMask: dayMaskOf(service.schedules ?? []),
  }
}

/** migrations/0011's day bits: Monday 1, Tuesday 2, ... Sunday 64. */
const DAY_BITS: Record<Day, number> = { MO: 1, TU: 2, WE: 4, TH: 8, FR: 16, SA: 32, SU: 64 }

/**
 * A new service's day mask, worked out from its times as it is written, the value
 * migrations/0011's triggers would give it: so a bulk load with those triggers switched off
 * (SearchIndexRepository.whileDeferred) writes each service once, not again for each time.
 */
function dayMaskOf(schedules: readonly { byday: Day }[]): number {
  let mask = 0
  for (const { byday } of schedules) mask |= DAY_BITS[byday]
  return mask
}

/** The values bound to the write's placeholders. */
type ServiceColumns = ReturnType<typeof serviceColumns>

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
  private readonly features: Statement<[], { code: string; label: string }>
  private readonly accessOf: Statement<[string], Omit<RawAccess, 'label'> & { placeId: number }>
  private readonly byId: Statement<[number], RawService>
  private readonly idsByOrganisation: Statement<[{ id: number } & ListPage], { id: number }>
  private readonly countByOrganisation: Statement<[number], { n: number }>
  private readonly idsAtPlace: Statement<[{ id: number } & ListPage], { id: number }>
  private readonly countAtPlace: Statement<[number], { n: number }>
  private readonly countsByCategory: Statement<[], CategoryCountRow>
  private readonly publishedCount: Statement<[], { count: number }>
  // Writes: the one column list for services, service_at_locations, schedules and service_categories.
  private readonly insertService: Statement<[ServiceColumns]>
  private readonly updateService: Statement<[ServiceColumns]>
  private readonly holdBack: Statement<[number]>
  private readonly release: Statement<[ListingStatus, number]>
  private readonly linkPlace: Statement<[{ service: number; place: number }]>
  private readonly unlinkPlaces: Statement<[number]>
  private readonly addSchedule: Statement<[ScheduleColumns]>
  private readonly removeSchedules: Statement<[number]>
  private readonly addCategory: Statement<[number, string]>
  private readonly removeCategories: Statement<[number]>
  private readonly lifecycle: ListingLifecycle
  private readonly details: ListingDetails<ServiceDetailColumn>
  private readonly writeWhole: (id: number | null, service: ServiceInput) => number | null
  private readonly placeLink: Statement<[number, number], { id: number }>
  private readonly replaceTimes: (id: number, times: WeeklyTimes) => void

  constructor(db: Db) {
    this.summaries = db.prepare(
      `SELECT s.id, s.name, s.organization_id AS organisationId, o.name AS organisationName, s.hub_id AS hubId,
              s.is_free AS isFree, s.cost_amount_pence AS costAmountPence, s.cost_option AS costOption,
              s.cost_description AS costDescription, s.comes_to_home AS comesToHome, s.by_phone AS byPhone,
              s.online, s.last_checked AS lastChecked,
              h.latitude AS hubLatitude, h.longitude AS hubLongitude, h.radius_miles AS hubRadiusMiles,
              h.boundary_geojson AS hubBoundaryGeojson
         FROM services s
         JOIN organizations o ON o.id = s.organization_id
         LEFT JOIN hubs h ON h.id = s.hub_id
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
    // Every feature on the list for every place: a feature with no row is "not known". The
    // list is read on its own and the places' rows by primary key: crossing every place with
    // every feature in SQL cost six lookups a place and a sort (0.6 ms for a page of 20 groups
    // at 1,000,000 services; this way 0.1 ms).
    this.features = db.prepare('SELECT code, label FROM accessibility_features ORDER BY sort_order, code')
    this.accessOf = db.prepare(
      `SELECT la.location_id AS placeId, la.feature_code AS code, la.available, la.details
         FROM location_accessibility la
        WHERE la.location_id IN (SELECT value FROM json_each(?))`,
    )
    this.byId = db.prepare(
      `SELECT s.id, s.name, s.description, s.eligibility_description AS eligibilityDescription,
              s.application_process AS applicationProcess, s.organization_id AS organisationId,
              o.name AS organisationName, o.status = 'published' AS organisationPublished,
              s.hub_id AS hubId, h.slug AS hubSlug, h.name AS hubName,
              s.is_free AS isFree, s.cost_amount_pence AS costAmountPence, s.cost_option AS costOption,
              s.cost_description AS costDescription, s.comes_to_home AS comesToHome, s.by_phone AS byPhone,
              s.online, s.email, s.phone, s.url, s.last_checked AS lastChecked
         FROM services s
         JOIN organizations o ON o.id = s.organization_id
         LEFT JOIN hubs h ON h.id = s.hub_id
        WHERE s.id = ? AND s.status = 'published'`,
    )
    this.idsByOrganisation = db.prepare(
      `SELECT id FROM services WHERE organization_id = @id AND +status = 'published' ORDER BY name, id
        LIMIT @limit OFFSET @offset`,
    )
    this.countByOrganisation = db.prepare(
      `SELECT COUNT(*) AS n FROM services WHERE organization_id = ? AND +status = 'published'`,
    )
    this.idsAtPlace = db.prepare(
      `SELECT s.id
         FROM service_at_locations sal
         JOIN services s ON s.id = sal.service_id
        WHERE sal.location_id = @id AND +s.status = 'published'
        ORDER BY s.name, s.id
        LIMIT @limit OFFSET @offset`,
    )
    this.countAtPlace = db.prepare(
      `SELECT COUNT(*) AS n
         FROM service_at_locations sal
         JOIN services s ON s.id = sal.service_id
        WHERE sal.location_id = ? AND +s.status = 'published'`,
    )
    // Kept as services are written (migrations/0014_published_category_counts.sql).
    this.countsByCategory = db.prepare(
      `SELECT t.code, t.name, c.services AS count
         FROM published_category_counts c
         JOIN taxonomy_terms t ON t.id = c.term_id
        WHERE t.vocabulary = 'category' AND c.services > 0
        ORDER BY t.sort_order, t.name`,
    )
    this.publishedCount = db.prepare(`SELECT COUNT(*) AS count FROM services WHERE status = 'published'`)

    this.insertService = db.prepare(
      `INSERT INTO services (id, organization_id, hub_id, name, description, eligibility_description,
         application_process, is_free, cost_amount_pence, cost_option, cost_description, comes_to_home, by_phone, online,
         email, phone, url, status, day_mask, last_checked, created_at, updated_at, open_referral_id)
       VALUES (@id, @organisationId, @hubId, @name, @description, @eligibilityDescription,
         @applicationProcess, @isFree, @costAmountPence, @costOption, @costDescription, @comesToHome, @byPhone, @online,
         @email, @phone, @url, @status, @dayMask, COALESCE(@lastChecked, date('now')),
         COALESCE(@createdAt, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
         COALESCE(@updatedAt, @createdAt, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), ${NEW_OPEN_REFERRAL_ID_SQL})`,
    )
    this.updateService = db.prepare(
      `UPDATE services
          SET organization_id = @organisationId, hub_id = @hubId, name = @name, description = @description,
              eligibility_description = @eligibilityDescription, application_process = @applicationProcess,
              is_free = @isFree, cost_amount_pence = @costAmountPence, cost_option = @costOption,
              cost_description = @costDescription, comes_to_home = @comesToHome,
              by_phone = @byPhone, online = @online, email = @email, phone = @phone,
              url = @url, status = @status, last_checked = COALESCE(@lastChecked, last_checked),
              updated_at = COALESCE(@updatedAt, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        WHERE id = @id`,
    )
    // While its categories, places and times are written, a service is held back as a draft
    // and released last: the search triggers (0004_search.sql) then build its document once,
    // complete, instead of again for every category and place. Nobody sees the draft: it is
    // all one transaction.
    this.holdBack = db.prepare(`UPDATE services SET status = 'draft' WHERE id = ?`)
    this.release = db.prepare('UPDATE services SET status = ? WHERE id = ?')
    // The link's Open Referral id is made from its service's and place's, so it is the same
    // each time an edit links them again (migrations/0041_open_referral_ids.sql).
    this.linkPlace = db.prepare(
      `INSERT INTO service_at_locations (service_id, location_id, open_referral_id)
       VALUES (@service, @place, (
         SELECT substr(s.open_referral_id, 1, 14) || '8' || substr(s.open_referral_id, 16, 3) || substr(l.open_referral_id, 19)
           FROM services s, locations l
          WHERE s.id = @service AND l.id = @place))`,
    )
    this.unlinkPlaces = db.prepare('DELETE FROM service_at_locations WHERE service_id = ?')
    this.addSchedule = db.prepare(
      `INSERT INTO schedules (service_id, service_at_location_id, freq, interval, byday, week_of_month, opens_at,
         closes_at, description)
       VALUES (@serviceId, @serviceAtPlaceId, @freq, @interval, @byday, @weekOfMonth, @opensAt,
         @closesAt, @description)`,
    )
    this.removeSchedules = db.prepare('DELETE FROM schedules WHERE service_id = ?')
    this.addCategory = db.prepare(
      `INSERT INTO service_categories (service_id, term_id)
       SELECT ?, id FROM taxonomy_terms WHERE vocabulary = 'category' AND code = ?`,
    )
    this.removeCategories = db.prepare('DELETE FROM service_categories WHERE service_id = ?')
    this.lifecycle = new ListingLifecycle(db, 'services')
    this.details = new ListingDetails(db, 'services', SERVICE_DETAIL_COLUMNS)

    // A whole service, new (id null) or replacing one, in one transaction: if any part fails
    // (an unknown category, a time the database refuses), none of it is kept.
    this.placeLink = db.prepare(
      'SELECT id FROM service_at_locations WHERE service_id = ? AND location_id = ?',
    )
    this.replaceTimes = db.transaction((id: number, { days, opensAt, closesAt, placeId }: WeeklyTimes) => {
      const serviceAtPlaceId = placeId === null ? null : this.placeLink.get(id, placeId)?.id
      if (serviceAtPlaceId === undefined)
        throw new Error(`Service ${id}'s times are at place ${placeId}, which is not one of its places`)
      this.removeSchedules.run(id)
      for (const byday of distinct(days))
        this.addSchedule.run(scheduleColumns(id, serviceAtPlaceId, { byday, opensAt, closesAt }))
    })
    this.writeWhole = db.transaction((id: number | null, service: ServiceInput) => {
      let written: number
      if (id === null) {
        written = Number(this.insertService.run(serviceColumns(service, 'draft')).lastInsertRowid)
      } else {
        if (this.holdBack.run(id).changes === 0) return null
        this.removeSchedules.run(id)
        this.removeCategories.run(id)
        this.unlinkPlaces.run(id)
        written = id
      }
      const atPlace = new Map<number, number>()
      for (const placeId of distinct(service.placeIds ?? [])) {
        atPlace.set(placeId, Number(this.linkPlace.run({ service: written, place: placeId }).lastInsertRowid))
      }
      for (const schedule of service.schedules ?? []) {
        const place = schedule.placeId ?? null
        const serviceAtPlaceId = place === null ? null : atPlace.get(place)
        if (serviceAtPlaceId === undefined)
          throw new Error(`A time of "${service.name}" is at place ${place}, which is not one of its places`)
        this.addSchedule.run(scheduleColumns(written, serviceAtPlaceId, schedule))
      }
      for (const code of distinct(service.categories ?? [])) {
        if (this.addCategory.run(written, code).changes === 0) throw new UnknownTermError('category', code)
      }
      if (id === null) {
        if (service.status !== 'draft') this.release.run(service.status, written)
      } else {
        this.updateService.run(serviceColumns({ ...service, id }, service.status))
      }
      return written
    })
  }

  /**
   * Adds a service with its categories, places and times, all in one transaction; returns its
   * id. Throws, keeping nothing, when a category is not on the list (UnknownTermError), a
   * time is at a place that is not one of its places, or the database refuses a value.
   */
  insert(service: ServiceInput): number {
    return this.writeWhole(null, service) as number
  }

  /**
   * Replaces everything about a service but its id and when it was made, its categories,
   * places and times included, in one transaction; if any of it fails, the service is left as
   * it was. A left-out lastChecked keeps the one it had. False when there is no such service.
   */
  update(id: number, service: Omit<ServiceInput, 'id' | 'createdAt'>): boolean {
    return this.writeWhole(id, service) !== null
  }

  /** Publishes, archives or holds back a service. False when there is none. */
  setStatus(id: number, status: ListingStatus): boolean {
    return this.lifecycle.setStatus(id, status)
  }

  /** Records that someone checked the service's details, on `date` (YYYY-MM-DD) or today. */
  markChecked(id: number, date?: string): boolean {
    return this.lifecycle.markChecked(id, date)
  }

  /**
   * Sets some of its own columns (a reviewed suggestion's changes), leaving the rest, its
   * links and its times as they are. False when there is none.
   */
  updateDetails(id: number, values: Partial<Record<ServiceDetailColumn, string | number | null>>): boolean {
    return this.details.update(id, values)
  }

  /**
   * Replaces a service's times with weekly ones on these days, at these times, at one of its
   * places (placeId) or at all of them (null), as a reviewed suggestion of "Days" and "Times"
   * says. In one transaction; throws, changing nothing, when the place is not one of its own.
   * Every other time it had is gone: the caller makes sure it had only one weekly pattern.
   */
  replaceWeeklyTimes(id: number, times: WeeklyTimes): void {
    this.replaceTimes(id, times)
  }

  /** Deletes a service with its categories, place links and times. False when there was none. */
  delete(id: number): boolean {
    return this.lifecycle.delete(id)
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
    const access = this.accessOfPlaces([...new Set(places.map((p) => p.id))])
    const placesByService = groupBy(places, (p) => p.serviceId)

    return services.map(({ hubLatitude, hubLongitude, hubRadiusMiles, hubBoundaryGeojson, ...s }) => ({
      ...s,
      isFree: s.isFree === 1,
      comesToHome: s.comesToHome === 1,
      byPhone: s.byPhone === 1,
      online: s.online === 1,
      hubArea:
        hubLatitude === null || hubLongitude === null
          ? null
          : {
              latitude: hubLatitude,
              longitude: hubLongitude,
              radiusMiles: hubRadiusMiles,
              boundaryGeojson: hubBoundaryGeojson,
            },
      categories: (categories.get(s.id) ?? []).map(({ code, name }) => ({ code, name })),
      schedules: schedules.get(s.id) ?? [],
      places: (placesByService.get(s.id) ?? []).map(({ serviceId: _serviceId, ...place }) => ({
        ...place,
        access: access.get(place.id) ?? [],
      })),
    }))
  }

  /** Every feature on the list, in its usual order, for each place: those with no row are not known. */
  private accessOfPlaces(placeIds: number[]): Map<number, AccessFeatureRow[]> {
    const byPlace = new Map<number, AccessFeatureRow[]>()
    if (placeIds.length === 0) return byPlace
    const said = new Map<string, Omit<RawAccess, 'label'>>()
    for (const row of this.accessOf.all(JSON.stringify(placeIds))) said.set(`${row.placeId} ${row.code}`, row)
    const features = this.features.all()
    for (const placeId of placeIds) {
      byPlace.set(
        placeId,
        features.map(({ code, label }) => {
          const row = said.get(`${placeId} ${code}`)
          return accessFeature({
            code,
            label,
            available: row?.available ?? null,
            details: row?.details ?? null,
          })
        }),
      )
    }
    return byPlace
  }

  /** One published service, or undefined when there is none with that id or it is not published. */
  findPublishedById(id: number): ServiceRow | undefined {
    const row = this.byId.get(id)
    if (!row) return undefined
    return {
      ...row,
      isFree: row.isFree === 1,
      comesToHome: row.comesToHome === 1,
      byPhone: row.byPhone === 1,
      online: row.online === 1,
      organisationPublished: row.organisationPublished === 1,
    }
  }

  /** Ids of one page of an organisation's published services, by name. */
  publishedIdsByOrganisation(organisationId: number, page: ListPage): number[] {
    return this.idsByOrganisation.all({ id: organisationId, ...page }).map((row) => row.id)
  }

  /** How many published services an organisation runs. */
  countPublishedByOrganisation(organisationId: number): number {
    return this.countByOrganisation.get(organisationId)?.n ?? 0
  }

  /** Ids of one page of the published services that happen at a place, by name. */
  publishedIdsAtPlace(placeId: number, page: ListPage): number[] {
    return this.idsAtPlace.all({ id: placeId, ...page }).map((row) => row.id)
  }

  /** How many published services happen at a place. */
  countPublishedAtPlace(placeId: number): number {
    return this.countAtPlace.get(placeId)?.n ?? 0
  }

  /** Each category that has published services, with how many. */
  categoryCounts(): CategoryCountRow[] {
    return this.countsByCategory.all()
  }

  /** How many services are published. */
  countPublished(): number {
    return this.publishedCount.get()?.count ?? 0
  }

  /**
   * Adds many services, each with its categories, places and times, in one transaction (the
   * caller's, when there is one) without a savepoint for each: for bulk loads such as the
   * benchmark's generator. Each is written with its own status straight away, so the search
   * triggers run for each category and place: wrap a big load in
   * SearchIndexRepository.whileDeferred, which builds the indexes once at the end. Throws,
   * keeping none of them, as insert does. Returns how many it added.
   */
  insertMany(services: Iterable<ServiceInput>): number {
    let added = 0
    // statement.database is the connection this repository was made with.
    this.insertService.database.transaction(() => {
      for (const service of services) {
        const id = Number(this.insertService.run(serviceColumns(service, service.status)).lastInsertRowid)
        const atPlace = new Map<number, number>()
        for (const placeId of distinct(service.placeIds ?? []))
          atPlace.set(placeId, Number(this.linkPlace.run({ service: id, place: placeId }).lastInsertRowid))
        for (const schedule of service.schedules ?? []) {
          const place = schedule.placeId ?? null
          const serviceAtPlaceId = place === null ? null : atPlace.get(place)
          if (serviceAtPlaceId === undefined)
            throw new Error(
              `A time of "${service.name}" is at place ${place}, which is not one of its places`,
            )
          this.addSchedule.run(scheduleColumns(id, serviceAtPlaceId, schedule))
        }
        for (const code of distinct(service.categories ?? []))
          if (this.addCategory.run(id, code).changes === 0) throw new UnknownTermError('category', code)
        added++
      }
    })()
    return added
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
