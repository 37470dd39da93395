/**
 * Test-data builders: each inserts one record with believable defaults and returns its id.
 * Override only what the story needs: aService(db, { name: 'Walk and talk', hubId }).
 * They write through the repositories, as the app, the seed and the benchmark do.
 */
import type { Db } from '../../db/connection'
import { HubsRepository, type HubInput } from '../../db/repositories/hubsRepository'
import {
  IntroductionsRepository,
  type IntroductionInput,
} from '../../db/repositories/introductionsRepository'
import {
  OrganisationsRepository,
  type OrganisationInput,
} from '../../db/repositories/organisationsRepository'
import { ConsentsRepository, type NewConsent } from '../../db/repositories/consentsRepository'
import { PeopleRepository, type PersonInput } from '../../db/repositories/peopleRepository'
import { PlacesRepository, type PlaceInput as PlaceRecord } from '../../db/repositories/placesRepository'
import {
  ServicesRepository,
  type ScheduleInput,
  type ScheduleRow,
  type ServiceInput as ServiceRecord,
} from '../../db/repositories/servicesRepository'
import { TermsRepository } from '../../db/repositories/termsRepository'
import { CONSENT_WORDING } from '../../server/services/sharing/consentWording'

/** The repositories that write each record, made once per database (their statements are prepared once). */
const writersByDb = new WeakMap<Db, ReturnType<typeof writersOver>>()

function writersOver(db: Db) {
  return {
    hubs: new HubsRepository(db),
    organisations: new OrganisationsRepository(db),
    places: new PlacesRepository(db),
    services: new ServicesRepository(db),
    people: new PeopleRepository(db),
    terms: new TermsRepository(db),
    consents: new ConsentsRepository(db),
    introductions: new IntroductionsRepository(db),
  }
}

/** The repositories over `db`, for stories that change records after building them. */
export function writers(db: Db): ReturnType<typeof writersOver> {
  let found = writersByDb.get(db)
  if (!found) {
    found = writersOver(db)
    writersByDb.set(db, found)
  }
  return found
}

let sequence = 0
const next = () => ++sequence

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
    phone: `01632 960${String(900 + (n % 100))}`,
    email: `hub-${n}@example.org`,
    meetingTimes: 'First Monday of the month, 2pm to 4pm',
    meetingPlaceDescription: 'The library, first Monday of the month',
    ...input,
  }
  return writers(db).hubs.insert(row)
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
  return writers(db).organisations.insert(row)
}

/**
 * A place, with the accessibility features it has by code (step-free, hearing-loop, ...), or
 * with the place's own words: { code: 'step-free', details: 'Ramp at the side door' }, or one
 * it has said it does not have: { code: 'hearing-loop', available: false }. Features left out
 * are not known.
 */
export type PlaceInput = Omit<PlaceRecord, 'access'> & {
  access: (string | { code: string; details?: string; available?: boolean })[]
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
  return writers(db).places.insert({
    ...row,
    access: row.access.map((feature) => (typeof feature === 'string' ? { code: feature } : feature)),
  })
}

/** One time of a service as it is read back: every Tuesday, 10am to 12 noon, at all its places. */
export const aTime = (time: Partial<ScheduleRow> = {}): ScheduleRow => ({
  serviceId: 1,
  placeId: null,
  freq: 'WEEKLY',
  interval: 1,
  byday: 'TU',
  weekOfMonth: null,
  opensAt: '10:00',
  closesAt: '12:00',
  description: '',
  ...time,
})

/** A service, with each of its times filled in from Tuesdays, 10am to 12 noon. */
export type ServiceInput = Omit<ServiceRecord, 'schedules'> & { schedules: Partial<ScheduleInput>[] }

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
    byPhone: false,
    online: false,
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
  for (const code of row.categories ?? []) ensureTerm(db, 'category', code)
  return writers(db).services.insert({
    ...row,
    schedules: row.schedules.map((s) => ({
      byday: s.byday ?? 'TU',
      opensAt: s.opensAt ?? '10:00',
      closesAt: s.closesAt ?? '12:00',
      freq: s.freq ?? 'WEEKLY',
      interval: s.interval ?? 1,
      weekOfMonth: s.weekOfMonth ?? null,
      description: s.description ?? '',
      placeId: s.placeId ?? null,
    })),
  })
}

/**
 * How a built person stands with consent (privacy rule 6): 'current' (the default, so they
 * show as their visibility allows), 'none' (never given: hidden everywhere) or 'withdrawn'.
 */
export type ConsentInBuilder = 'current' | 'none' | 'withdrawn'

/** A consent to the current words, given on paper before the tests' day, recorded by nobody in particular. */
export function paperConsent(personId: number): NewConsent {
  return {
    personId,
    wordingVersion: CONSENT_WORDING.version,
    agreedAt: '2026-11-01T10:00:00Z',
    method: 'paper',
    recordedByAccountId: null,
  }
}

export function aPerson(
  db: Db,
  { consent = 'current', ...input }: Partial<PersonInput> & { consent?: ConsentInBuilder } = {},
): number {
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
  for (const code of row.skills ?? []) ensureTerm(db, 'skill', code)
  const id = writers(db).people.insert(row)
  if (consent !== 'none') {
    writers(db).consents.record(paperConsent(id))
    if (consent === 'withdrawn') writers(db).consents.withdraw(id, '2026-11-15T10:00:00Z')
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
  const terms = writers(db).terms
  const existing = terms.findByCode(vocabulary, code)
  if (existing) return existing.id
  const label = name ?? code.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase())
  return terms.insert({ vocabulary, code, name: label, synonyms })
}

/**
 * A request to be put in touch, waiting in its hub's queue, as the public form leaves one
 * (status 'waiting', waiting since it was made, and its 'requested' event). The hub is made
 * when not given. Its requester's details are made up and unique, so a story can look for them.
 */
export function aWaitingRequest(db: Db, input: Partial<IntroductionInput> = {}): number {
  const n = next()
  return writers(db).introductions.insert({
    hubId: input.hubId ?? aHub(db),
    askedFrom: 'direct',
    askedFromRef: null,
    helpWanted: 'I have a new tablet and would like help to video call my grandson.',
    requesterName: `Requester${n} Smith`,
    requesterPhone: `01632 961${String(n % 1000).padStart(3, '0')}`,
    requesterEmail: `requester${n}@example.net`,
    requesterArea: 'Margate',
    requesterRoute: 'email',
    createdAt: '2026-11-28T09:00:00Z',
    ...input,
  })
}
