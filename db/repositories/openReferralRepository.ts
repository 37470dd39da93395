import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'
import type { Day } from './servicesRepository'

/**
 * The reads behind the open data API (issue 14, /openreferral/v3): published services, the
 * places they meet at, their times, categories and access facts, found by their Open Referral
 * ids (migrations/0041_open_referral_ids.sql). Only published listings, and only the category
 * list: people, and the list of skills people share, are never selected here.
 *
 * Every list statement takes a LIMIT: pages are at most 100, counts stop at the cap the
 * caller gives, and the reads for a page take the ids of that page (as JSON, at most 100).
 */

/** The filters a list of services or of services at places can have, already checked. */
export interface OpenDataFilter {
  /** the services a search found, best match first (at most 1,000); null when nothing was searched for */
  searchIds: number[] | null
  /** one category, by its row id */
  termId: number | null
  /** only services in at least one category (taxonomy_id of the category list) */
  anyCategory: boolean
  /** a day's bit in services.day_mask (migrations/0011); 0 for any day */
  dayBit: number
  /** the same day as schedules.byday, so the times asked for are on that day; null for any */
  dayCode: Day | null
  /** 'HH:MM:SS': a time of the service starts at or after this */
  startTime: string | null
  /** 'HH:MM:SS': a time of the service ends at or before this */
  endTime: string | null
  /** 'YYYY-MM-DDTHH:MM:SSZ': the service was last changed at or after this */
  modifiedAfter: string | null
}

/** A circle to list services at places within, in metres around a point. */
export interface NearCircle {
  latitude: number
  longitude: number
  metres: number
}

export interface OpenServiceRow {
  id: number
  uuid: string
  name: string
  description: string
  eligibilityDescription: string
  applicationProcess: string
  isFree: 0 | 1
  costAmountPence: number | null
  costOption: string | null
  costDescription: string | null
  comesToHome: 0 | 1
  byPhone: 0 | 1
  online: 0 | 1
  email: string | null
  phone: string | null
  url: string | null
  lastChecked: string
  updatedAt: string
  hubName: string | null
  /** the organisation, when it is published */
  organisationUuid: string | null
  organisationName: string | null
  organisationDescription: string | null
  organisationWebsite: string | null
  organisationEmail: string | null
  organisationPhone: string | null
}

export interface OpenScheduleRow {
  serviceId: number
  freq: 'WEEKLY' | 'MONTHLY'
  interval: number
  byday: Day
  weekOfMonth: number | null
  opensAt: string | null
  closesAt: string | null
  description: string
  /** the place the time is at, when it is at one of them */
  serviceAtPlaceUuid: string | null
}

export interface OpenPlaceRow {
  /** the service-at-place link */
  serviceAtPlaceId: number
  serviceAtPlaceUuid: string
  serviceId: number
  id: number
  uuid: string
  name: string
  description: string
  address1: string
  address2: string | null
  city: string
  postalCode: string
  latitude: number
  longitude: number
}

export interface OpenAccessRow {
  placeId: number
  code: string
  label: string
  available: 0 | 1
  details: string | null
}

export interface OpenTermRow {
  id: number
  uuid: string
  code: string
  name: string
  description: string
}

export interface OpenServiceTermRow extends OpenTermRow {
  serviceId: number
}

/** At most this many schedules, places or access facts are read for one page of services. */
const PARTS_AT_MOST = 5000

/**
 * The filters, as SQL over a published service `s`. Each is off when its parameter is null (or
 * 0), so one statement serves every mix; the statements below differ only in which index they
 * walk, chosen by the filter that narrows most.
 */
const SERVICE_FILTERS = `
  s.status = 'published'
  AND (@modifiedAfter IS NULL OR s.updated_at >= @modifiedAfter)
  AND (@termId IS NULL OR EXISTS (
        SELECT 1 FROM service_categories fc WHERE fc.service_id = s.id AND fc.term_id = @termId))
  AND (@anyCategory = 0 OR EXISTS (SELECT 1 FROM service_categories fc WHERE fc.service_id = s.id))
  AND (@dayBit = 0 OR (s.day_mask & @dayBit) <> 0)
  AND ((@startTime IS NULL AND @endTime IS NULL) OR EXISTS (
        SELECT 1 FROM schedules ft
         WHERE ft.service_id = s.id
           AND (@dayCode IS NULL OR ft.byday = @dayCode)
           AND (@startTime IS NULL OR ft.opens_at || ':00' >= @startTime)
           AND (@endTime IS NULL OR ft.closes_at || ':00' <= @endTime)))
  AND (@searchIds IS NULL OR s.id IN (SELECT value FROM json_each(@searchIds)))`

/** A published service at a published place: the link `sal`, its service `s` and place `l`. */
const AT_PUBLISHED_PLACE = `l.status = 'published' AND ${SERVICE_FILTERS}`

/** The squared distance in metres of a service point from @lat/@lng (flat earth: fine within 100 km). */
const SQUARED_METRES = `((sp.min_lat - @lat) * 111320.0) * ((sp.min_lat - @lat) * 111320.0)
  + ((sp.min_lng - @lng) * @metresPerDegreeLng) * ((sp.min_lng - @lng) * @metresPerDegreeLng)`

/** Service points (migrations/0016: published services at published places) in the circle's box and the circle. */
const IN_CIRCLE = `sp.max_lat >= @south AND sp.min_lat <= @north AND sp.max_lng >= @west AND sp.min_lng <= @east
  AND ${SQUARED_METRES} <= @squaredMetres`

type FilterParams = Omit<OpenDataFilter, 'searchIds' | 'anyCategory'> & {
  searchIds: string | null
  anyCategory: 0 | 1
}
type PageParams = FilterParams & { limit: number; offset: number }
type CountParams = FilterParams & { cap: number }
type CircleParams = {
  lat: number
  lng: number
  metresPerDegreeLng: number
  south: number
  north: number
  west: number
  east: number
  squaredMetres: number
}

interface ListStatements {
  page: Statement<[PageParams], number>
  count: Statement<[CountParams], number>
}

export class OpenReferralRepository {
  private readonly services: {
    byChange: ListStatements
    byCategory: ListStatements
    bySearch: Statement<[FilterParams], number>
  }
  private readonly servicesAtPlaces: {
    byChange: ListStatements
    byCategory: ListStatements
    bySearch: Statement<[FilterParams], number>
    near: {
      page: Statement<[PageParams & CircleParams], number>
      count: Statement<[CountParams & CircleParams], number>
    }
  }
  private readonly serviceRows: Statement<[string], OpenServiceRow>
  private readonly scheduleRows: Statement<[string, number], OpenScheduleRow>
  private readonly placeRows: Statement<[string, number], OpenPlaceRow>
  private readonly placeRowsByLink: Statement<[string], OpenPlaceRow>
  private readonly accessRows: Statement<[string, number], OpenAccessRow>
  private readonly termRows: Statement<[string, number], OpenServiceTermRow>
  private readonly serviceByUuid: Statement<[string], number>
  private readonly linkByUuid: Statement<[string], number>
  private readonly termByUuid: Statement<[string], OpenTermRow>
  private readonly termPage: Statement<[number, number], OpenTermRow>
  private readonly termCount: Statement<[], number>

  constructor(db: Db) {
    const list = (from: string, where: string, orderBy: string): ListStatements => ({
      page: db
        .prepare<[PageParams], number>(
          `SELECT s.id FROM ${from} WHERE ${where} ORDER BY ${orderBy} LIMIT @limit OFFSET @offset`,
        )
        .pluck(),
      count: db
        .prepare<[CountParams], number>(
          `SELECT count(*) FROM (SELECT 1 FROM ${from} WHERE ${where} LIMIT @cap)`,
        )
        .pluck(),
    })
    const listLinks = (from: string, where: string, orderBy: string): ListStatements => ({
      page: db
        .prepare<[PageParams], number>(
          `SELECT sal.id FROM ${from} WHERE ${where} ORDER BY ${orderBy} LIMIT @limit OFFSET @offset`,
        )
        .pluck(),
      count: db
        .prepare<[CountParams], number>(
          `SELECT count(*) FROM (SELECT 1 FROM ${from} WHERE ${where} LIMIT @cap)`,
        )
        .pluck(),
    })
    // Oldest change first, walking the published services by when they changed
    // (services_published_by_updated): a reader that has paged as far as it may carries on
    // with modified_after set to the last one's last_modified.
    const byChange = `services s INDEXED BY services_published_by_updated`
    const changedSince = `s.updated_at >= COALESCE(@modifiedAfter, '') AND ${SERVICE_FILTERS}`
    // One category: its services in the order they were listed (service_categories_term).
    const byCategory = `service_categories c CROSS JOIN services s ON s.id = c.service_id`
    // Words: best match first, among the search's own bounded list.
    const bySearch = `json_each(@searchIds) j CROSS JOIN services s ON s.id = j.value`
    this.services = {
      byChange: list(byChange, changedSince, 's.updated_at, s.id'),
      byCategory: list(byCategory, `c.term_id = @termId AND ${SERVICE_FILTERS}`, 'c.service_id'),
      bySearch: db
        .prepare<[FilterParams], number>(
          `SELECT s.id FROM ${bySearch} WHERE ${SERVICE_FILTERS} ORDER BY j.key`,
        )
        .pluck(),
    }
    const atPlaces = `CROSS JOIN service_at_locations sal ON sal.service_id = s.id
      CROSS JOIN locations l ON l.id = sal.location_id`
    this.servicesAtPlaces = {
      byChange: listLinks(
        `${byChange} ${atPlaces}`,
        `s.updated_at >= COALESCE(@modifiedAfter, '') AND ${AT_PUBLISHED_PLACE}`,
        's.updated_at, s.id, sal.location_id',
      ),
      byCategory: listLinks(
        `${byCategory} ${atPlaces}`,
        `c.term_id = @termId AND ${AT_PUBLISHED_PLACE}`,
        'c.service_id, sal.location_id',
      ),
      bySearch: db
        .prepare<[FilterParams], number>(
          `SELECT sal.id FROM ${bySearch} ${atPlaces} WHERE ${AT_PUBLISHED_PLACE} ORDER BY j.key, sal.location_id`,
        )
        .pluck(),
      // Nearest first, from the R*Tree of published services at published places.
      near: {
        page: db
          .prepare<[PageParams & CircleParams], number>(
            `SELECT sp.id FROM service_points sp CROSS JOIN services s ON s.id = sp.service_id
              WHERE ${IN_CIRCLE} AND ${SERVICE_FILTERS}
              ORDER BY ${SQUARED_METRES}, sp.id LIMIT @limit OFFSET @offset`,
          )
          .pluck(),
        count: db
          .prepare<[CountParams & CircleParams], number>(
            `SELECT count(*) FROM (
               SELECT 1 FROM service_points sp CROSS JOIN services s ON s.id = sp.service_id
                WHERE ${IN_CIRCLE} AND ${SERVICE_FILTERS} LIMIT @cap)`,
          )
          .pluck(),
      },
    }

    this.serviceRows = db.prepare(
      `SELECT s.id, s.open_referral_id AS uuid, s.name, s.description,
              s.eligibility_description AS eligibilityDescription, s.application_process AS applicationProcess,
              s.is_free AS isFree, s.cost_amount_pence AS costAmountPence, s.cost_option AS costOption,
              s.cost_description AS costDescription, s.comes_to_home AS comesToHome, s.by_phone AS byPhone,
              s.online, s.email, s.phone, s.url, s.last_checked AS lastChecked, s.updated_at AS updatedAt,
              h.name AS hubName,
              o.open_referral_id AS organisationUuid, o.name AS organisationName,
              o.description AS organisationDescription, o.website AS organisationWebsite,
              o.email AS organisationEmail, o.phone AS organisationPhone
         FROM json_each(?) j
         CROSS JOIN services s ON s.id = j.value
         LEFT JOIN hubs h ON h.id = s.hub_id
         LEFT JOIN organizations o ON o.id = s.organization_id AND o.status = 'published'
        WHERE s.status = 'published'
        ORDER BY j.key`,
    )
    this.scheduleRows = db.prepare(
      `SELECT t.service_id AS serviceId, t.freq, t.interval, t.byday, t.week_of_month AS weekOfMonth,
              t.opens_at AS opensAt, t.closes_at AS closesAt, t.description,
              sal.open_referral_id AS serviceAtPlaceUuid
         FROM schedules t
         LEFT JOIN service_at_locations sal ON sal.id = t.service_at_location_id
        WHERE t.service_id IN (SELECT value FROM json_each(?))
        ORDER BY t.service_id, t.id
        LIMIT ?`,
    )
    const placeColumns = `sal.id AS serviceAtPlaceId, sal.open_referral_id AS serviceAtPlaceUuid,
              sal.service_id AS serviceId, l.id, l.open_referral_id AS uuid, l.name, l.description,
              l.address_1 AS address1, l.address_2 AS address2, l.city, l.postal_code AS postalCode,
              l.latitude, l.longitude`
    this.placeRows = db.prepare(
      `SELECT ${placeColumns}
         FROM service_at_locations sal
         JOIN locations l ON l.id = sal.location_id AND l.status = 'published'
        WHERE sal.service_id IN (SELECT value FROM json_each(?))
        ORDER BY sal.service_id, sal.location_id
        LIMIT ?`,
    )
    this.placeRowsByLink = db.prepare(
      `SELECT ${placeColumns}
         FROM json_each(?) j
         CROSS JOIN service_at_locations sal ON sal.id = j.value
         JOIN locations l ON l.id = sal.location_id AND l.status = 'published'
        ORDER BY j.key`,
    )
    this.accessRows = db.prepare(
      `SELECT la.location_id AS placeId, f.code, f.label, la.available, la.details
         FROM location_accessibility la
         JOIN accessibility_features f ON f.code = la.feature_code
        WHERE la.location_id IN (SELECT value FROM json_each(?))
        ORDER BY la.location_id, f.sort_order
        LIMIT ?`,
    )
    const termColumns = `t.id, t.open_referral_id AS uuid, t.code, t.name, t.description`
    this.termRows = db.prepare(
      `SELECT c.service_id AS serviceId, ${termColumns}
         FROM service_categories c
         JOIN taxonomy_terms t ON t.id = c.term_id AND t.vocabulary = 'category'
        WHERE c.service_id IN (SELECT value FROM json_each(?))
        ORDER BY c.service_id, t.sort_order, t.id
        LIMIT ?`,
    )
    this.serviceByUuid = db
      .prepare<[string], number>(
        `SELECT id FROM services WHERE open_referral_id = ? AND status = 'published'`,
      )
      .pluck()
    this.linkByUuid = db
      .prepare<[string], number>(
        `SELECT sal.id FROM service_at_locations sal
           JOIN services s ON s.id = sal.service_id AND s.status = 'published'
           JOIN locations l ON l.id = sal.location_id AND l.status = 'published'
          WHERE sal.open_referral_id = ?`,
      )
      .pluck()
    this.termByUuid = db.prepare(
      `SELECT ${termColumns} FROM taxonomy_terms t WHERE t.open_referral_id = ? AND t.vocabulary = 'category'`,
    )
    this.termPage = db.prepare(
      `SELECT ${termColumns} FROM taxonomy_terms t WHERE t.vocabulary = 'category'
        ORDER BY t.sort_order, t.id LIMIT ? OFFSET ?`,
    )
    this.termCount = db
      .prepare<[], number>(`SELECT count(*) FROM taxonomy_terms WHERE vocabulary = 'category'`)
      .pluck()
  }

  /** A page of published services' ids passing the filter, and how many pass (counted no further than `cap`). */
  servicePage(
    filter: OpenDataFilter,
    limit: number,
    offset: number,
    cap: number,
  ): { ids: number[]; total: number } {
    const params = filterParams(filter)
    if (filter.searchIds !== null) return pageOf(this.services.bySearch.all(params), limit, offset, cap)
    const statements =
      filter.termId !== null && filter.modifiedAfter === null
        ? this.services.byCategory
        : this.services.byChange
    return {
      ids:
        offset >= cap ? [] : statements.page.all({ ...params, limit: Math.min(limit, cap - offset), offset }),
      total: statements.count.get({ ...params, cap }) ?? 0,
    }
  }

  /** The same for services at places: a page of the links' ids, and how many (no further than `cap`). */
  serviceAtPlacePage(
    filter: OpenDataFilter,
    limit: number,
    offset: number,
    cap: number,
  ): { ids: number[]; total: number } {
    const params = filterParams(filter)
    if (filter.searchIds !== null)
      return pageOf(this.servicesAtPlaces.bySearch.all(params), limit, offset, cap)
    const statements =
      filter.termId !== null && filter.modifiedAfter === null
        ? this.servicesAtPlaces.byCategory
        : this.servicesAtPlaces.byChange
    return {
      ids:
        offset >= cap ? [] : statements.page.all({ ...params, limit: Math.min(limit, cap - offset), offset }),
      total: statements.count.get({ ...params, cap }) ?? 0,
    }
  }

  /** How many services at places passing the filter are in the circle, counted no further than `cap`. */
  countNear(filter: OpenDataFilter, circle: NearCircle, cap: number): number {
    return (
      this.servicesAtPlaces.near.count.get({ ...filterParams(filter), ...circleParams(circle), cap }) ?? 0
    )
  }

  /** A page of the services at places in the circle passing the filter, nearest first. */
  pageNear(filter: OpenDataFilter, circle: NearCircle, limit: number, offset: number): number[] {
    return this.servicesAtPlaces.near.page.all({
      ...filterParams(filter),
      ...circleParams(circle),
      limit,
      offset,
    })
  }

  /** Published services by id, in the order given (at most a page of them). */
  servicesByIds(ids: number[]): OpenServiceRow[] {
    return this.serviceRows.all(JSON.stringify(ids))
  }

  schedulesOf(serviceIds: number[]): OpenScheduleRow[] {
    return this.scheduleRows.all(JSON.stringify(serviceIds), PARTS_AT_MOST)
  }

  /** The published places of these services, each with its link. */
  placesOf(serviceIds: number[]): OpenPlaceRow[] {
    return this.placeRows.all(JSON.stringify(serviceIds), PARTS_AT_MOST)
  }

  /** Service-at-place links by id, with their places, in the order given (published places only). */
  placesByLink(linkIds: number[]): OpenPlaceRow[] {
    return this.placeRowsByLink.all(JSON.stringify(linkIds))
  }

  /** The access facts recorded for these places (yes or no; a fact not recorded has no row). */
  accessOf(placeIds: number[]): OpenAccessRow[] {
    return this.accessRows.all(JSON.stringify(placeIds), PARTS_AT_MOST)
  }

  /** The categories of these services. */
  categoriesOf(serviceIds: number[]): OpenServiceTermRow[] {
    return this.termRows.all(JSON.stringify(serviceIds), PARTS_AT_MOST)
  }

  /** A published service's row id from its Open Referral id. */
  serviceIdFor(uuid: string): number | undefined {
    return this.serviceByUuid.get(uuid)
  }

  /** A published service at a published place: the link's row id from its Open Referral id. */
  serviceAtPlaceIdFor(uuid: string): number | undefined {
    return this.linkByUuid.get(uuid)
  }

  /** A category by its Open Referral id (skills, people's list, are never found). */
  categoryFor(uuid: string): OpenTermRow | undefined {
    return this.termByUuid.get(uuid)
  }

  /** A page of the categories, in the list's order, and how many there are (a short list kept by admins). */
  categoryPage(limit: number, offset: number): { terms: OpenTermRow[]; total: number } {
    return { terms: this.termPage.all(limit, offset), total: this.termCount.get() ?? 0 }
  }
}

function filterParams(filter: OpenDataFilter): FilterParams {
  return {
    ...filter,
    searchIds: filter.searchIds === null ? null : JSON.stringify(filter.searchIds),
    anyCategory: filter.anyCategory ? 1 : 0,
  }
}

/** A page of a list already in hand (a search's, at most 1,000), and its length up to `cap`. */
function pageOf(ids: number[], limit: number, offset: number, cap: number): { ids: number[]; total: number } {
  const total = Math.min(ids.length, cap)
  return { ids: ids.slice(offset, Math.min(offset + limit, total)), total }
}

/** The circle's box and scale: a degree of longitude is shorter away from the equator. */
function circleParams(circle: NearCircle): CircleParams {
  const metresPerDegreeLng = 111320 * Math.cos((circle.latitude * Math.PI) / 180)
  const latDegrees = circle.metres / 111320
  const lngDegrees = circle.metres / metresPerDegreeLng
  return {
    lat: circle.latitude,
    lng: circle.longitude,
    metresPerDegreeLng,
    south: circle.latitude - latDegrees,
    north: circle.latitude + latDegrees,
    west: circle.longitude - lngDegrees,
    east: circle.longitude + lngDegrees,
    squaredMetres: circle.metres * circle.metres,
  }
}
