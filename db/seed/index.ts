/**
 * Writes the demo data: made-up hubs, organisations, places, services and people in real
 * towns, so a first run has something believable to browse. The same every run: fixed
 * lists, fixed dates, points from fixed offsets, and no randomness.
 */
import type { Db } from '../connection'
import { HUBS } from './hubs'
import { ORGANISATIONS } from './organisations'
import { PEOPLE } from './people'
import { PLACES } from './places'
import { SERVICES } from './services'
import { offsetMiles, townCentre, type Point } from './townCentres'
import type { CostSeed, PlaceSeed } from './types'

export interface SeedSummary {
  hubs: number
  organisations: number
  places: number
  services: number
  publishedServices: number
  schedules: number
  people: number
}

export class SeedError extends Error {}

function lookup<T>(map: Map<string, T>, key: string, what: string): T {
  const value = map.get(key)
  if (value === undefined) throw new SeedError(`The demo data refers to an unknown ${what}: ${key}`)
  return value
}

const placePoint = (place: PlaceSeed): Point => offsetMiles(townCentre(place.town), place.north, place.east)

/** Every record's created and updated time is the morning of its last-checked date. */
const stamp = (isoDate: string): string => `${isoDate}T09:00:00Z`

/** A fixed date `days` after 1 April 2025, for people's join dates. */
function daysAfterLaunch(days: number): string {
  return new Date(Date.UTC(2025, 3, 1) + days * 86_400_000).toISOString().slice(0, 10)
}

function costColumns(cost: CostSeed): [number, number | null, string | null, string | null] {
  if (cost.free) return [1, null, null, cost.description ?? null]
  return [0, cost.pence, cost.per, cost.description ?? null]
}

/** "anne-marie.foley@example.com" */
function personEmail(firstName: string, lastName: string): string {
  const part = (name: string) => name.toLowerCase().replace(/[^a-z-]/g, '')
  return `${part(firstName)}.${part(lastName)}@example.com`
}

function writeDemoData(db: Db): SeedSummary {
  const terms = new Map(
    db
      .prepare<[], { id: number; vocabulary: string; code: string }>(
        'SELECT id, vocabulary, code FROM taxonomy_terms',
      )
      .all()
      .map((term) => [`${term.vocabulary}:${term.code}`, term.id]),
  )

  const insertHub = db.prepare(
    `INSERT INTO hubs (slug, name, description, latitude, longitude, boundary_geojson, radius_miles,
       meeting_place_description, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const hubIds = new Map<string, number>()
  for (const hub of HUBS) {
    const centre = townCentre(hub.centre)
    const id = insertHub.run(
      hub.slug,
      hub.name,
      hub.description,
      centre.latitude,
      centre.longitude,
      hub.boundary ? JSON.stringify(hub.boundary) : null,
      hub.radiusMiles,
      hub.meetingPlaceDescription,
      hub.createdAt,
      hub.createdAt,
    ).lastInsertRowid
    hubIds.set(hub.slug, Number(id))
  }

  const placesByKey = new Map(PLACES.map((place) => [place.key, place]))
  const insertOrganisation = db.prepare(
    `INSERT INTO organizations (name, description, website, email, phone, address_1, city, postal_code,
       latitude, longitude, status, last_checked, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const linkOrganisationToHub = db.prepare(
    'INSERT INTO organization_hubs (organization_id, hub_id) VALUES (?, ?)',
  )
  const organisationIds = new Map<string, number>()
  for (const organisation of ORGANISATIONS) {
    const base = organisation.basedAt === null ? null : lookup(placesByKey, organisation.basedAt, 'place')
    const point = base ? placePoint(base) : null
    const id = Number(
      insertOrganisation.run(
        organisation.name,
        organisation.description,
        organisation.website,
        organisation.email,
        organisation.phone,
        base?.address1 ?? null,
        base?.town ?? null,
        base?.postcode ?? null,
        point?.latitude ?? null,
        point?.longitude ?? null,
        organisation.status,
        organisation.lastChecked,
        stamp(organisation.lastChecked),
        stamp(organisation.lastChecked),
      ).lastInsertRowid,
    )
    organisationIds.set(organisation.key, id)
    for (const hub of organisation.hubs) linkOrganisationToHub.run(id, lookup(hubIds, hub, 'hub'))
  }

  const insertPlace = db.prepare(
    `INSERT INTO locations (name, description, address_1, city, postal_code, latitude, longitude, hub_id,
       organization_id, status, last_checked, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertAccess = db.prepare(
    'INSERT INTO location_accessibility (location_id, feature_code, details) VALUES (?, ?, ?)',
  )
  const placeIds = new Map<string, number>()
  for (const place of PLACES) {
    const point = placePoint(place)
    const id = Number(
      insertPlace.run(
        place.name,
        place.description,
        place.address1,
        place.town,
        place.postcode,
        point.latitude,
        point.longitude,
        lookup(hubIds, place.hub, 'hub'),
        place.organisation === null ? null : lookup(organisationIds, place.organisation, 'organisation'),
        place.status,
        place.lastChecked,
        stamp(place.lastChecked),
        stamp(place.lastChecked),
      ).lastInsertRowid,
    )
    placeIds.set(place.key, id)
    for (const feature of place.access) {
      const [code, details] = typeof feature === 'string' ? [feature, null] : feature
      insertAccess.run(id, code, details)
    }
  }

  const setMeetingPlace = db.prepare('UPDATE hubs SET meeting_location_id = ? WHERE id = ?')
  for (const hub of HUBS) {
    setMeetingPlace.run(lookup(placeIds, hub.meetingPlace, 'place'), lookup(hubIds, hub.slug, 'hub'))
  }

  const organisationsByKey = new Map(ORGANISATIONS.map((organisation) => [organisation.key, organisation]))
  const insertService = db.prepare(
    `INSERT INTO services (organization_id, hub_id, name, description, eligibility_description, application_process,
       is_free, cost_amount_pence, cost_option, cost_description, comes_to_home, email, phone, url, status,
       last_checked, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertServiceAtPlace = db.prepare(
    'INSERT INTO service_at_locations (service_id, location_id) VALUES (?, ?)',
  )
  const insertSchedule = db.prepare(
    `INSERT INTO schedules (service_id, service_at_location_id, freq, interval, byday, week_of_month, opens_at,
       closes_at, description)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertCategory = db.prepare('INSERT INTO service_categories (service_id, term_id) VALUES (?, ?)')
  let schedules = 0
  for (const service of SERVICES) {
    const organisation = lookup(organisationsByKey, service.organisation, 'organisation')
    const id = Number(
      insertService.run(
        lookup(organisationIds, service.organisation, 'organisation'),
        lookup(hubIds, service.hub, 'hub'),
        service.name,
        service.description,
        service.forWhom,
        service.howToJoin,
        ...costColumns(service.cost),
        service.comesToHome ? 1 : 0,
        service.email === undefined ? organisation.email : service.email,
        service.phone === undefined ? organisation.phone : service.phone,
        organisation.website,
        service.status,
        service.lastChecked,
        stamp(service.lastChecked),
        stamp(service.lastChecked),
      ).lastInsertRowid,
    )
    const atPlace = new Map<string, number>()
    for (const placeKey of service.places) {
      const link = insertServiceAtPlace.run(id, lookup(placeIds, placeKey, 'place')).lastInsertRowid
      atPlace.set(placeKey, Number(link))
    }
    for (const schedule of service.schedules) {
      insertSchedule.run(
        id,
        schedule.at === null ? null : lookup(atPlace, schedule.at, `place of ${service.name}`),
        schedule.freq,
        schedule.interval,
        schedule.byday,
        schedule.weekOfMonth,
        schedule.opensAt,
        schedule.closesAt,
        schedule.description,
      )
      schedules += 1
    }
    for (const code of service.categories)
      insertCategory.run(id, lookup(terms, `category:${code}`, 'category'))
  }

  const insertPerson = db.prepare(
    `INSERT INTO people (first_name, last_name, hub_id, postcode_district, skills_in_own_words, would_like_to_share,
       availability, email, phone, preferred_contact, visibility, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  const insertSkill = db.prepare('INSERT INTO person_skills (person_id, term_id) VALUES (?, ?)')
  PEOPLE.forEach((person, index) => {
    const joined = stamp(daysAfterLaunch(index * 4))
    const id = Number(
      insertPerson.run(
        person.firstName,
        person.lastName,
        lookup(hubIds, person.hub, 'hub'),
        person.postcodeDistrict,
        person.skillsInOwnWords,
        person.wouldLikeToShare,
        person.availability,
        person.hasEmail ? personEmail(person.firstName, person.lastName) : null,
        // Ofcom's drama range for mobiles: 07700 900000 to 07700 900999.
        `07700 900${String(100 + index).padStart(3, '0')}`,
        person.preferredContact,
        person.visibility,
        joined,
        joined,
      ).lastInsertRowid,
    )
    for (const code of person.skills) insertSkill.run(id, lookup(terms, `skill:${code}`, 'skill'))
  })

  return {
    hubs: HUBS.length,
    organisations: ORGANISATIONS.length,
    places: PLACES.length,
    services: SERVICES.length,
    publishedServices: SERVICES.filter((service) => service.status === 'published').length,
    schedules,
    people: PEOPLE.length,
  }
}

/** Writes all the demo data in one transaction. The database must be migrated and hold no demo data yet. */
export function seedDemoData(db: Db): SeedSummary {
  return db.transaction(() => writeDemoData(db))()
}

/**
 * Writes the demo data only when the database has no hubs; returns null when it already had
 * some. The check and the writing share one transaction, taken with a write lock at the start
 * (IMMEDIATE), so two processes starting together cannot both seed.
 */
export function seedIfEmpty(db: Db): SeedSummary | null {
  const countHubs = db.prepare<[], { hubs: number }>('SELECT count(*) AS hubs FROM hubs')
  return db.transaction(() => ((countHubs.get()?.hubs ?? 0) === 0 ? writeDemoData(db) : null)).immediate()
}
