/**
 * Test-data builders: each inserts one record with believable defaults and returns its id.
 * Override only what the story needs: aService(db, { name: 'Walk and talk', hubId }).
 */
import type { Db } from '../../db/connection'

let sequence = 0
const next = () => ++sequence

type Status = 'draft' | 'pending' | 'published' | 'archived'
type Visibility = 'coordinators' | 'hub' | 'public'
type Day = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU'

export interface HubInput {
  slug: string
  name: string
  description: string
  latitude: number
  longitude: number
  radiusMiles: number | null
  boundaryGeojson: string | null
  meetingPlaceDescription: string
}

export function aHub(db: Db, input: Partial<HubInput> = {}): number {
  const n = next()
  const row: HubInput = {
    slug: `hub-${n}`,
    name: `Test hub ${n}`,
    description: 'A friendly group of neighbours.',
    latitude: 51.3813,
    longitude: 1.3862,
    radiusMiles: 5,
    boundaryGeojson: null,
    meetingPlaceDescription: 'The library, first Monday of the month',
    ...input,
  }
  return Number(
    db
      .prepare(
        `INSERT INTO hubs (slug, name, description, latitude, longitude, radius_miles, boundary_geojson, meeting_place_description)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        row.slug,
        row.name,
        row.description,
        row.latitude,
        row.longitude,
        row.radiusMiles,
        row.boundaryGeojson,
        row.meetingPlaceDescription,
      ).lastInsertRowid,
  )
}

export interface OrganisationInput {
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
  status: Status
  lastChecked: string
  hubIds: number[]
}

export function anOrganisation(db: Db, input: Partial<OrganisationInput> = {}): number {
  const n = next()
  const row: OrganisationInput = {
    name: `Test organisation ${n}`,
    description: 'A local charity run by volunteers.',
    website: 'https://example.org',
    email: `org${n}@example.org`,
    phone: '01632 960001',
    address1: '1 High Street',
    city: 'Margate',
    postalCode: 'CT9 1AA',
    latitude: 51.3813,
    longitude: 1.3862,
    status: 'published',
    lastChecked: '2026-03-01',
    hubIds: [],
    ...input,
  }
  const id = Number(
    db
      .prepare(
        `INSERT INTO organizations (name, description, website, email, phone, address_1, city, postal_code, latitude, longitude, status, last_checked)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        row.name,
        row.description,
        row.website,
        row.email,
        row.phone,
        row.address1,
        row.city,
        row.postalCode,
        row.latitude,
        row.longitude,
        row.status,
        row.lastChecked,
      ).lastInsertRowid,
  )
  const link = db.prepare('INSERT INTO organization_hubs (organization_id, hub_id) VALUES (?, ?)')
  for (const hubId of row.hubIds) link.run(id, hubId)
  return id
}

export interface PlaceInput {
  name: string
  description: string
  address1: string
  city: string
  postalCode: string
  latitude: number
  longitude: number
  hubId: number | null
  organisationId: number | null
  status: Status
  lastChecked: string
  /** accessibility feature codes: step-free, hearing-loop, accessible-toilet, seating, parking, bus-stop */
  access: string[]
}

export function aPlace(db: Db, input: Partial<PlaceInput> = {}): number {
  const n = next()
  const row: PlaceInput = {
    name: `Test place ${n}`,
    description: 'A community hall with a kitchen.',
    address1: `${n} Church Road`,
    city: 'Margate',
    postalCode: 'CT9 2BB',
    latitude: 51.3813,
    longitude: 1.3862,
    hubId: null,
    organisationId: null,
    status: 'published',
    lastChecked: '2026-03-01',
    access: [],
    ...input,
  }
  const id = Number(
    db
      .prepare(
        `INSERT INTO locations (name, description, address_1, city, postal_code, latitude, longitude, hub_id, organization_id, status, last_checked)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        row.name,
        row.description,
        row.address1,
        row.city,
        row.postalCode,
        row.latitude,
        row.longitude,
        row.hubId,
        row.organisationId,
        row.status,
        row.lastChecked,
      ).lastInsertRowid,
  )
  const feature = db.prepare('INSERT INTO location_accessibility (location_id, feature_code) VALUES (?, ?)')
  for (const code of row.access) feature.run(id, code)
  return id
}

export interface ScheduleInput {
  byday: Day
  opensAt: string | null
  closesAt: string | null
  freq: 'WEEKLY' | 'MONTHLY'
  interval: number
  weekOfMonth: number | null
  description: string
}

export interface ServiceInput {
  name: string
  description: string
  eligibilityDescription: string
  applicationProcess: string
  organisationId: number
  hubId: number | null
  isFree: boolean
  costAmountPence: number | null
  costOption: string | null
  comesToHome: boolean
  email: string | null
  phone: string | null
  url: string | null
  status: Status
  lastChecked: string
  /** category codes, such as walking-groups */
  categories: string[]
  placeIds: number[]
  schedules: Partial<ScheduleInput>[]
}

export function aService(db: Db, input: Partial<ServiceInput> = {}): number {
  const n = next()
  const row: ServiceInput = {
    name: `Test service ${n}`,
    description: 'A friendly weekly get-together.',
    eligibilityDescription: 'Anyone over 55',
    applicationProcess: 'Just turn up.',
    organisationId: input.organisationId ?? anOrganisation(db),
    hubId: null,
    isFree: true,
    costAmountPence: null,
    costOption: null,
    comesToHome: false,
    email: `service${n}@example.org`,
    phone: '01632 960002',
    url: null,
    status: 'published',
    lastChecked: '2026-03-01',
    categories: [],
    placeIds: [],
    schedules: [],
    ...input,
  }
  const id = Number(
    db
      .prepare(
        `INSERT INTO services (organization_id, hub_id, name, description, eligibility_description, application_process,
           is_free, cost_amount_pence, cost_option, comes_to_home, email, phone, url, status, last_checked)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        row.organisationId,
        row.hubId,
        row.name,
        row.description,
        row.eligibilityDescription,
        row.applicationProcess,
        row.isFree ? 1 : 0,
        row.costAmountPence,
        row.costOption,
        row.comesToHome ? 1 : 0,
        row.email,
        row.phone,
        row.url,
        row.status,
        row.lastChecked,
      ).lastInsertRowid,
  )
  const category = db.prepare(
    `INSERT INTO service_categories (service_id, term_id)
     SELECT ?, id FROM taxonomy_terms WHERE vocabulary = 'category' AND code = ?`,
  )
  for (const code of row.categories) {
    ensureTerm(db, 'category', code)
    category.run(id, code)
  }
  const at = db.prepare('INSERT INTO service_at_locations (service_id, location_id) VALUES (?, ?)')
  for (const placeId of row.placeIds) at.run(id, placeId)
  const schedule = db.prepare(
    `INSERT INTO schedules (service_id, freq, interval, byday, week_of_month, opens_at, closes_at, description)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  )
  for (const s of row.schedules) {
    schedule.run(
      id,
      s.freq ?? 'WEEKLY',
      s.interval ?? 1,
      s.byday ?? 'TU',
      s.weekOfMonth ?? null,
      s.opensAt ?? '10:00',
      s.closesAt ?? '12:00',
      s.description ?? '',
    )
  }
  return id
}

export interface PersonInput {
  firstName: string
  lastName: string
  hubId: number | null
  postcodeDistrict: string | null
  skillsInOwnWords: string
  wouldLikeToShare: string
  availability: string
  email: string | null
  phone: string | null
  preferredContact: 'email' | 'phone' | 'text' | 'post' | 'through-hub'
  visibility: Visibility
  /** skill codes, such as tablets-and-phones */
  skills: string[]
}

export function aPerson(db: Db, input: Partial<PersonInput> = {}): number {
  const n = next()
  const row: PersonInput = {
    firstName: `Testperson${n}`,
    lastName: `Surname${n}`,
    hubId: null,
    postcodeDistrict: 'CT9',
    skillsInOwnWords: 'I used to be a carpenter.',
    wouldLikeToShare: 'Happy to show people how to fix small things.',
    availability: 'Weekday mornings',
    email: `person${n}@example.com`,
    phone: `07700 900${String(n % 1000).padStart(3, '0')}`,
    preferredContact: 'email',
    visibility: 'public',
    skills: [],
    ...input,
  }
  const id = Number(
    db
      .prepare(
        `INSERT INTO people (first_name, last_name, hub_id, postcode_district, skills_in_own_words, would_like_to_share,
           availability, email, phone, preferred_contact, visibility)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        row.firstName,
        row.lastName,
        row.hubId,
        row.postcodeDistrict,
        row.skillsInOwnWords,
        row.wouldLikeToShare,
        row.availability,
        row.email,
        row.phone,
        row.preferredContact,
        row.visibility,
      ).lastInsertRowid,
  )
  const skill = db.prepare(
    `INSERT INTO person_skills (person_id, term_id) SELECT ?, id FROM taxonomy_terms WHERE vocabulary = 'skill' AND code = ?`,
  )
  for (const code of row.skills) {
    ensureTerm(db, 'skill', code)
    skill.run(id, code)
  }
  return id
}

/** Makes a category or skill term if the database does not have it yet; returns its id. */
export function ensureTerm(
  db: Db,
  vocabulary: 'category' | 'skill',
  code: string,
  name?: string,
  synonyms: string[] = [],
): number {
  const existing = db
    .prepare<[string, string], { id: number }>(
      'SELECT id FROM taxonomy_terms WHERE vocabulary = ? AND code = ?',
    )
    .get(vocabulary, code)
  if (existing) return existing.id
  const label = name ?? code.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase())
  const id = Number(
    db
      .prepare('INSERT INTO taxonomy_terms (vocabulary, code, name) VALUES (?, ?, ?)')
      .run(vocabulary, code, label).lastInsertRowid,
  )
  const synonym = db.prepare('INSERT INTO taxonomy_term_synonyms (term_id, synonym) VALUES (?, ?)')
  for (const word of synonyms) synonym.run(id, word)
  return id
}
