/**
 * Writes the demo data: made-up hubs, organisations, places, services and people in real
 * towns, so a first run has something believable to browse. The same every run: fixed
 * lists, fixed dates, points from fixed offsets, and no randomness.
 */
import type { Db } from '../connection'
import { AccountsRepository } from '../repositories/accountsRepository'
import { HubsRepository } from '../repositories/hubsRepository'
import { IntroductionsRepository } from '../repositories/introductionsRepository'
import { SuggestionsRepository } from '../repositories/suggestionsRepository'
import { OrganisationsRepository } from '../repositories/organisationsRepository'
import { PeopleRepository } from '../repositories/peopleRepository'
import { ConsentsRepository } from '../repositories/consentsRepository'
import { CONSENT_WORDING } from '../../server/services/sharing/consentWording'
import { PlacesRepository } from '../repositories/placesRepository'
import { ServicesRepository, type ServiceInput } from '../repositories/servicesRepository'
import { DEMO_ACCOUNTS, DEMO_PASSWORD_HASH } from './accounts'
import { HUBS } from './hubs'
import { ORGANISATIONS } from './organisations'
import { ASSISTED_PERSON, PEOPLE } from './people'
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
  accounts: number
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

function costOf(
  cost: CostSeed,
): Pick<ServiceInput, 'isFree' | 'costAmountPence' | 'costOption' | 'costDescription'> {
  if (cost.free) return { isFree: true, costDescription: cost.description ?? null }
  return {
    isFree: false,
    costAmountPence: cost.pence,
    costOption: cost.per,
    costDescription: cost.description ?? null,
  }
}

/** "anne-marie.foley@example.com" */
function personEmail(firstName: string, lastName: string): string {
  const part = (name: string) => name.toLowerCase().replace(/[^a-z-]/g, '')
  return `${part(firstName)}.${part(lastName)}@example.com`
}

/** Writes every record through its repository, the one place that knows its table's columns. */
function writeDemoData(db: Db): SeedSummary {
  const repositories = {
    hubs: new HubsRepository(db),
    organisations: new OrganisationsRepository(db),
    places: new PlacesRepository(db),
    services: new ServicesRepository(db),
    people: new PeopleRepository(db),
    consents: new ConsentsRepository(db),
    accounts: new AccountsRepository(db),
    introductions: new IntroductionsRepository(db),
    suggestions: new SuggestionsRepository(db),
  }

  const hubIds = new Map<string, number>()
  for (const hub of HUBS) {
    const centre = townCentre(hub.centre)
    const id = repositories.hubs.insert({
      slug: hub.slug,
      name: hub.name,
      description: hub.description,
      latitude: centre.latitude,
      longitude: centre.longitude,
      boundaryGeojson: hub.boundary ? JSON.stringify(hub.boundary) : null,
      radiusMiles: hub.radiusMiles,
      phone: hub.phone,
      email: hub.email,
      meetingTimes: hub.meetingTimes,
      meetingPlaceDescription: hub.meetingPlaceDescription,
      createdAt: hub.createdAt,
    })
    hubIds.set(hub.slug, id)
  }

  const placesByKey = new Map(PLACES.map((place) => [place.key, place]))
  const organisationIds = new Map<string, number>()
  for (const organisation of ORGANISATIONS) {
    const base = organisation.basedAt === null ? null : lookup(placesByKey, organisation.basedAt, 'place')
    const point = base ? placePoint(base) : null
    const id = repositories.organisations.insert({
      name: organisation.name,
      description: organisation.description,
      website: organisation.website,
      email: organisation.email,
      phone: organisation.phone,
      address1: base?.address1 ?? null,
      city: base?.town ?? null,
      postalCode: base?.postcode ?? null,
      latitude: point?.latitude ?? null,
      longitude: point?.longitude ?? null,
      status: organisation.status,
      lastChecked: organisation.lastChecked,
      hubIds: organisation.hubs.map((hub) => lookup(hubIds, hub, 'hub')),
      createdAt: stamp(organisation.lastChecked),
    })
    organisationIds.set(organisation.key, id)
  }

  const placeIds = new Map<string, number>()
  for (const place of PLACES) {
    const point = placePoint(place)
    const id = repositories.places.insert({
      name: place.name,
      description: place.description,
      address1: place.address1,
      city: place.town,
      postalCode: place.postcode,
      latitude: point.latitude,
      longitude: point.longitude,
      hubId: lookup(hubIds, place.hub, 'hub'),
      organisationId:
        place.organisation === null ? null : lookup(organisationIds, place.organisation, 'organisation'),
      status: place.status,
      lastChecked: place.lastChecked,
      access: [
        ...place.access.map((feature) =>
          typeof feature === 'string' ? { code: feature } : { code: feature[0], details: feature[1] },
        ),
        ...place.noAccess.map((code) => ({ code, available: false })),
      ],
      createdAt: stamp(place.lastChecked),
    })
    placeIds.set(place.key, id)
  }

  // Hubs were written before their meeting places existed.
  for (const hub of HUBS) {
    repositories.hubs.setMeetingPlace(
      lookup(hubIds, hub.slug, 'hub'),
      lookup(placeIds, hub.meetingPlace, 'place'),
      hub.createdAt,
    )
  }

  const organisationsByKey = new Map(ORGANISATIONS.map((organisation) => [organisation.key, organisation]))
  let schedules = 0
  const serviceIds = new Map<string, number>()
  for (const service of SERVICES) {
    const organisation = lookup(organisationsByKey, service.organisation, 'organisation')
    const serviceId = repositories.services.insert({
      organisationId: lookup(organisationIds, service.organisation, 'organisation'),
      hubId: lookup(hubIds, service.hub, 'hub'),
      name: service.name,
      description: service.description,
      eligibilityDescription: service.forWhom,
      applicationProcess: service.howToJoin,
      ...costOf(service.cost),
      comesToHome: service.comesToHome,
      byPhone: service.byPhone,
      online: service.online,
      email: service.email === undefined ? organisation.email : service.email,
      phone: service.phone === undefined ? organisation.phone : service.phone,
      url: organisation.website,
      status: service.status,
      lastChecked: service.lastChecked,
      // A code not on the list throws UnknownTermError, and the seed's transaction keeps nothing.
      categories: service.categories,
      placeIds: service.places.map((placeKey) => lookup(placeIds, placeKey, 'place')),
      schedules: service.schedules.map((schedule) => {
        if (schedule.at !== null && !service.places.includes(schedule.at))
          throw new SeedError(`The demo data refers to an unknown place of ${service.name}: ${schedule.at}`)
        return {
          byday: schedule.byday,
          opensAt: schedule.opensAt,
          closesAt: schedule.closesAt,
          freq: schedule.freq,
          interval: schedule.interval,
          weekOfMonth: schedule.weekOfMonth,
          description: schedule.description,
          placeId: schedule.at === null ? null : lookup(placeIds, schedule.at, 'place'),
        }
      }),
      createdAt: stamp(service.lastChecked),
    })
    serviceIds.set(service.name, serviceId)
    schedules += service.schedules.length
  }

  const personIds = new Map<string, number>()
  PEOPLE.forEach((person, index) => {
    const joined = stamp(daysAfterLaunch(index * 4))
    const personId = repositories.people.insert({
      firstName: person.firstName,
      lastName: person.lastName,
      hubId: lookup(hubIds, person.hub, 'hub'),
      postcodeDistrict: person.postcodeDistrict,
      skillsInOwnWords: person.skillsInOwnWords,
      wouldLikeToShare: person.wouldLikeToShare,
      availability: person.availability,
      email: person.hasEmail ? personEmail(person.firstName, person.lastName) : null,
      // Ofcom's drama range for mobiles: 07700 900000 to 07700 900999.
      phone: `07700 900${String(100 + index).padStart(3, '0')}`,
      preferredContact: person.preferredContact,
      visibility: person.visibility,
      skills: person.skills,
      contactWays: person.contactWays,
      howOften: person.howOften ?? null,
      createdAt: joined,
    })
    personIds.set(`${person.firstName} ${person.lastName}`, personId)
    // Made-up people, as if each had agreed on a paper form when they joined (privacy rule 6):
    // without consent in force nobody is shown.
    repositories.consents.record({
      personId,
      wordingVersion: CONSENT_WORDING.version,
      agreedAt: joined,
      method: 'paper',
      recordedByAccountId: null,
    })
  })

  // One demo account for each role (db/seed/accounts.ts), confirmed and ready to sign in.
  // Two-step sign-in for the staff ones is turned on by setUpDemoTwoStep once the app's
  // services exist: its secret is sealed with a key from SESSION_SECRET.
  const accountsMade = '2025-04-01T09:00:00Z'
  let recorderId: number | null = null
  for (const account of DEMO_ACCOUNTS) {
    const id = repositories.accounts.create({
      email: account.email,
      displayName: account.displayName,
      passwordHash: DEMO_PASSWORD_HASH,
      role: account.role,
      at: accountsMade,
    })
    repositories.accounts.confirmEmail(id, accountsMade)
    repositories.accounts.setRole(
      id,
      account.role,
      { allHubs: false, hubIds: account.hubs.map((hub) => lookup(hubIds, hub, 'hub')) },
      accountsMade,
    )
    if (account.email === ASSISTED_PERSON.recordedBy) recorderId = id
  }

  // Suggest a change (issue 12): a member says the Cliftonville lunch club has moved from
  // Thursdays to Fridays, waiting in Thanet's review queue for the demo peer lead to approve.
  repositories.suggestions.add({
    kind: 'change',
    listingType: 'service',
    listingId: lookup(serviceIds, 'Cliftonville lunch club', 'service'),
    hubId: lookup(hubIds, 'thanet', 'hub'),
    proposed: { days: 'TU,FR' },
    note: 'They moved the Thursday lunch to Friday from this month. I go every week.',
    accountId: null,
    replyEmail: 'suggester.demo@example.net',
    createdAt: '2026-11-28T15:20:00Z',
  })

  writeDemoIntroductions(repositories.introductions, lookup(hubIds, 'thanet', 'hub'), (name) =>
    lookup(personIds, name, 'person'),
  )
  // One person registered on their behalf (issue 11): she rang the Thanet hub, is not online
  // and has no email address. The demo coordinator recorded her agreement by phone; it is due
  // to be checked again on the day the demo data is loaded, so the coordinator home lists it.
  const assistedId = repositories.people.insert({
    firstName: ASSISTED_PERSON.firstName,
    lastName: ASSISTED_PERSON.lastName,
    hubId: lookup(hubIds, ASSISTED_PERSON.hub, 'hub'),
    postcodeDistrict: ASSISTED_PERSON.postcodeDistrict,
    skillsInOwnWords: ASSISTED_PERSON.skillsInOwnWords,
    wouldLikeToShare: ASSISTED_PERSON.wouldLikeToShare,
    availability: ASSISTED_PERSON.availability,
    email: null,
    phone: ASSISTED_PERSON.phone,
    preferredContact: 'phone',
    visibility: 'coordinators',
    skills: [...ASSISTED_PERSON.skills],
    contactWays: ['through-hub', 'phone'],
    howOften: 'few-hours-month',
    createdAt: stamp(ASSISTED_PERSON.agreedOn),
  })
  repositories.consents.record({
    personId: assistedId,
    wordingVersion: CONSENT_WORDING.version,
    agreedAt: stamp(ASSISTED_PERSON.agreedOn),
    method: 'phone',
    recordedByAccountId: recorderId,
    checkAgainOn: new Date().toISOString().slice(0, 10),
  })

  return {
    hubs: HUBS.length,
    organisations: ORGANISATIONS.length,
    places: PLACES.length,
    services: SERVICES.length,
    publishedServices: SERVICES.filter((service) => service.status === 'published').length,
    schedules,
    people: PEOPLE.length + 1,
    accounts: DEMO_ACCOUNTS.length,
  }
}

/**
 * Being put in touch (issue 11): a resident's request waiting in Thanet's queue, for help with
 * a tablet (the newcomer in the README takes it through to an accepted introduction with
 * Pauline H., who helps with tablets and has an email address), and one closed example with
 * its whole timeline. Made-up people: phone numbers in Ofcom's drama range, emails at example.net.
 */
function writeDemoIntroductions(
  introductions: IntroductionsRepository,
  thanet: number,
  personId: (name: string) => number,
): void {
  introductions.insert({
    hubId: thanet,
    askedFrom: 'hub',
    askedFromRef: 'thanet',
    helpWanted:
      'My daughter gave me a tablet for my birthday. I would like help to video call my grandchildren.',
    requesterName: 'Joan Demo',
    requesterPhone: '01632 960777',
    requesterEmail: 'joan.demo@example.net',
    requesterArea: 'Margate',
    requesterRoute: 'email',
    createdAt: '2026-11-24T10:30:00Z',
  })
  const closed = introductions.insert({
    hubId: thanet,
    askedFrom: 'direct',
    helpWanted: 'Help to put up two shelves in my kitchen.',
    requesterName: 'Stan Example',
    requesterPhone: '01632 960778',
    requesterEmail: null,
    requesterArea: 'Broadstairs',
    requesterRoute: 'phone',
    createdAt: '2026-10-05T14:00:00Z',
  })
  const derek = personId('Derek Ashdown')
  introductions.choosePerson(closed, derek)
  introductions.addEvent({
    introductionId: closed,
    at: '2026-10-06T09:15:00Z',
    kind: 'person-chosen',
    personId: derek,
  })
  introductions.markAccepted(closed, derek, '2026-10-06T09:40:00Z')
  introductions.addEvent({
    introductionId: closed,
    at: '2026-10-06T09:40:00Z',
    kind: 'asked-by-phone',
    personId: derek,
  })
  introductions.addEvent({
    introductionId: closed,
    at: '2026-10-06T09:40:00Z',
    kind: 'accepted',
    personId: derek,
  })
  introductions.addEvent({
    introductionId: closed,
    at: '2026-10-06T09:45:00Z',
    kind: 'details-sent',
    personId: derek,
    note: 'To the person asking by phone or letter, through the coordinator; to Derek A. by phone or letter, through the coordinator.',
  })
  introductions.close(
    closed,
    ['accepted'],
    'helped',
    'Shelves up, and they have a cup of tea most weeks now.',
    '2026-10-20T11:00:00Z',
  )
  introductions.addEvent({
    introductionId: closed,
    at: '2026-10-20T11:00:00Z',
    kind: 'how-it-went',
    personId: derek,
    note: 'It helped: Shelves up, and they have a cup of tea most weeks now.',
  })
  introductions.addEvent({ introductionId: closed, at: '2026-10-20T11:00:00Z', kind: 'closed' })
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
