import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'
import type { Day } from './servicesRepository'

/** One published service as the export writes it (its places and times read apart). */
export interface ExportServiceRow {
  id: number
  name: string
  organisation: string
  description: string
  eligibilityDescription: string
  applicationProcess: string
  hubSlug: string | null
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
  /** category codes joined with ';', in the list's order */
  categories: string
}

/** One published place of a service, by the link's id. */
export interface ExportServicePlaceRow {
  linkId: number
  serviceId: number
  placeId: number
  name: string
  address1: string
  city: string
  postalCode: string
  latitude: number
  longitude: number
  /** feature codes the place has, joined with ';' */
  access: string
  /** feature codes the place has said it has not, joined with ';' */
  noAccess: string
}

export interface ExportScheduleRow {
  serviceId: number
  /** the link to the place this time is at, or null for every place */
  linkId: number | null
  freq: 'WEEKLY' | 'MONTHLY'
  interval: number
  byday: Day
  weekOfMonth: number | null
  opensAt: string | null
  closesAt: string | null
  description: string
}

export interface ExportOrganisationRow {
  id: number
  name: string
  description: string
  website: string | null
  email: string | null
  phone: string | null
  address1: string | null
  city: string | null
  postalCode: string | null
  latitude: number | null
  longitude: number | null
  /** hub slugs joined with ';' */
  hubs: string
  lastChecked: string
}

export interface ExportPlaceRow {
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
  /** set only when that organisation is published */
  organisation: string | null
  access: string
  noAccess: string
  lastChecked: string
}

const ACCESS_OF = (column: string, available: 0 | 1) =>
  `(SELECT group_concat(code, ';') FROM (
      SELECT f.code FROM location_accessibility la JOIN accessibility_features f ON f.code = la.feature_code
       WHERE la.location_id = ${column} AND la.available = ${available} ORDER BY f.sort_order))`

/**
 * What the directory's import and export read: published listings a batch at a time in id
 * order (keyset pages: each read starts after the last id of the one before, so no read
 * grows with the directory and none skips rows), and the look-ups an import makes for each
 * row. It reads nothing about people: no export can hold them. Writes go through the
 * listings' own repositories.
 */
export class DirectoryTransferRepository {
  private readonly servicesAfter: Statement<[number, number], ExportServiceRow>
  private readonly placesOfServices: Statement<[string], ExportServicePlaceRow>
  private readonly schedulesOfServices: Statement<[string], ExportScheduleRow>
  private readonly organisationsAfterId: Statement<[number, number], ExportOrganisationRow>
  private readonly placesAfterId: Statement<[number, number], ExportPlaceRow>
  private readonly organisationByName: Statement<[string], { id: number }>
  private readonly placeByPostcodeAndName: Statement<[string, string], { id: number }>
  private readonly serviceByPostcodeAndName: Statement<[string, string], { id: number; name: string }>
  private readonly featureCodes: Statement<[], string>
  private readonly categoryCodes: Statement<[], { code: string; name: string }>
  private readonly categoryWords: Statement<[], { code: string; name: string; synonyms: string }>
  private readonly hubsBySlug: Statement<[], { id: number; slug: string }>
  private readonly publishedServices: Statement<[], number>

  constructor(db: Db) {
    // `+s.status` keeps SQLite on the primary key (a range from the last id) rather than the
    // status index, which would read every published service and sort them.
    this.servicesAfter = db.prepare(
      `SELECT s.id, s.name, o.name AS organisation, s.description, s.eligibility_description AS eligibilityDescription,
              s.application_process AS applicationProcess, h.slug AS hubSlug, s.is_free AS isFree,
              s.cost_amount_pence AS costAmountPence, s.cost_option AS costOption, s.cost_description AS costDescription,
              s.comes_to_home AS comesToHome, s.by_phone AS byPhone, s.online, s.email, s.phone, s.url,
              s.last_checked AS lastChecked,
              COALESCE((SELECT group_concat(code, ';') FROM (
                 SELECT t.code FROM service_categories sc JOIN taxonomy_terms t ON t.id = sc.term_id
                  WHERE sc.service_id = s.id ORDER BY t.sort_order, t.code)), '') AS categories
         FROM services s
         JOIN organizations o ON o.id = s.organization_id
         LEFT JOIN hubs h ON h.id = s.hub_id
        WHERE s.id > ? AND +s.status = 'published'
        ORDER BY s.id
        LIMIT ?`,
    )
    this.placesOfServices = db.prepare(
      `SELECT sal.id AS linkId, sal.service_id AS serviceId, l.id AS placeId, l.name, l.address_1 AS address1,
              l.city, l.postal_code AS postalCode, l.latitude, l.longitude,
              COALESCE(${ACCESS_OF('l.id', 1)}, '') AS access, COALESCE(${ACCESS_OF('l.id', 0)}, '') AS noAccess
         FROM service_at_locations sal
         CROSS JOIN locations l ON l.id = sal.location_id
        WHERE l.status = 'published' AND sal.service_id IN (SELECT value FROM json_each(?))
        ORDER BY sal.id`,
    )
    this.schedulesOfServices = db.prepare(
      `SELECT service_id AS serviceId, service_at_location_id AS linkId, freq, interval, byday,
              week_of_month AS weekOfMonth, opens_at AS opensAt, closes_at AS closesAt, description
         FROM schedules
        WHERE service_id IN (SELECT value FROM json_each(?))
        ORDER BY id`,
    )
    this.organisationsAfterId = db.prepare(
      `SELECT o.id, o.name, o.description, o.website, o.email, o.phone, o.address_1 AS address1, o.city,
              o.postal_code AS postalCode, o.latitude, o.longitude, o.last_checked AS lastChecked,
              COALESCE((SELECT group_concat(slug, ';') FROM (
                 SELECT h.slug FROM organization_hubs oh JOIN hubs h ON h.id = oh.hub_id
                  WHERE oh.organization_id = o.id ORDER BY h.slug)), '') AS hubs
         FROM organizations o
        WHERE o.id > ? AND +o.status = 'published'
        ORDER BY o.id
        LIMIT ?`,
    )
    this.placesAfterId = db.prepare(
      `SELECT l.id, l.name, l.description, l.address_1 AS address1, l.address_2 AS address2, l.city,
              l.postal_code AS postalCode, l.latitude, l.longitude, h.slug AS hubSlug, o.name AS organisation,
              COALESCE(${ACCESS_OF('l.id', 1)}, '') AS access, COALESCE(${ACCESS_OF('l.id', 0)}, '') AS noAccess,
              l.last_checked AS lastChecked
         FROM locations l
         LEFT JOIN hubs h ON h.id = l.hub_id
         LEFT JOIN organizations o ON o.id = l.organization_id AND o.status = 'published'
        WHERE l.id > ? AND +l.status = 'published'
        ORDER BY l.id
        LIMIT ?`,
    )
    // The import's look-ups: each one index (migrations/0036_directory_import.sql).
    this.organisationByName = db.prepare(
      `SELECT id FROM organizations WHERE lower(name) = lower(?) AND status <> 'archived' ORDER BY id LIMIT 1`,
    )
    this.placeByPostcodeAndName = db.prepare(
      `SELECT id FROM locations WHERE postal_code = ? AND lower(name) = lower(?) AND status <> 'archived'
        ORDER BY id LIMIT 1`,
    )
    this.serviceByPostcodeAndName = db.prepare(
      `SELECT s.id, s.name
         FROM locations l
         JOIN service_at_locations sal ON sal.location_id = l.id
         JOIN services s ON s.id = sal.service_id
        WHERE l.postal_code = ? AND lower(s.name) = lower(?) AND s.status <> 'archived'
        ORDER BY s.id LIMIT 1`,
    )
    this.featureCodes = db
      .prepare<[], string>('SELECT code FROM accessibility_features ORDER BY sort_order')
      .pluck()
    this.categoryCodes = db.prepare(
      `SELECT code, name FROM taxonomy_terms WHERE vocabulary = 'category' ORDER BY sort_order, code`,
    )
    // The category list is short (tens of terms): an Open Referral import reads it once.
    this.categoryWords = db.prepare(
      `SELECT t.code, t.name,
              COALESCE((SELECT group_concat(ts.synonym, '|') FROM taxonomy_term_synonyms ts WHERE ts.term_id = t.id), '')
                AS synonyms
         FROM taxonomy_terms t WHERE t.vocabulary = 'category' ORDER BY t.sort_order, t.code`,
    )
    // Hubs are few (one per area): the import reads them all once.
    this.hubsBySlug = db.prepare('SELECT id, slug FROM hubs ORDER BY id')
    this.publishedServices = db
      .prepare<[], number>(`SELECT count(*) FROM services WHERE status = 'published'`)
      .pluck()
  }

  /** Up to `limit` published services after the id `afterId`, in id order. */
  servicesAfterId(afterId: number, limit: number): ExportServiceRow[] {
    return this.servicesAfter.all(afterId, limit)
  }

  /** The published places of these services, in the order they were linked. */
  placesOf(serviceIds: number[]): ExportServicePlaceRow[] {
    return serviceIds.length === 0 ? [] : this.placesOfServices.all(JSON.stringify(serviceIds))
  }

  /** The times of these services, in the order they were written. */
  schedulesOf(serviceIds: number[]): ExportScheduleRow[] {
    return serviceIds.length === 0 ? [] : this.schedulesOfServices.all(JSON.stringify(serviceIds))
  }

  /** Up to `limit` published organisations after the id `afterId`, in id order. */
  organisationsAfter(afterId: number, limit: number): ExportOrganisationRow[] {
    return this.organisationsAfterId.all(afterId, limit)
  }

  /** Up to `limit` published places after the id `afterId`, in id order. */
  placesAfter(afterId: number, limit: number): ExportPlaceRow[] {
    return this.placesAfterId.all(afterId, limit)
  }

  /** The organisation (not archived) with this name, whatever its case. */
  findOrganisationId(name: string): number | undefined {
    return this.organisationByName.get(name)?.id
  }

  /** The place (not archived) with this postcode ('CT9 1XZ') and name, whatever its case. */
  findPlaceId(postcode: string, name: string): number | undefined {
    return this.placeByPostcodeAndName.get(postcode, name)?.id
  }

  /** A service (not archived) with this name at a place with this postcode: a possible duplicate. */
  findServiceAt(postcode: string, name: string): { id: number; name: string } | undefined {
    return this.serviceByPostcodeAndName.get(postcode, name)
  }

  /** step-free, hearing-loop, ... */
  accessFeatureCodes(): string[] {
    return this.featureCodes.all()
  }

  categories(): { code: string; name: string }[] {
    return this.categoryCodes.all()
  }

  /** The categories with their other words (synonyms), for matching another directory's terms. */
  categoriesWithSynonyms(): { code: string; name: string; synonyms: string[] }[] {
    return this.categoryWords
      .all()
      .map((row) => ({ ...row, synonyms: row.synonyms === '' ? [] : row.synonyms.split('|') }))
  }

  hubs(): { id: number; slug: string }[] {
    return this.hubsBySlug.all()
  }

  countPublishedServices(): number {
    return this.publishedServices.get() ?? 0
  }
}
