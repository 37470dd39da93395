/**
 * Reading Open Referral UK services (HSDS 3.0) as our listings (issue 14). Pure apart from the
 * look-ups it is given, so it is tested without a database. Each service is one record: a
 * problem in a record (no id, no name, a field of the wrong kind) stops the import, and is
 * reported by record and field; what HSDS has and we have no place for (funding, service
 * areas, a day of the month, people's names on contacts) is left out with a note, so a
 * coordinator knows what did not come across. Nothing here throws for a bad record.
 */
import { isValid, toNormalised } from 'postcode'
import type { PlaceAccessInput } from '../../../../db/repositories/placesRepository'
import type { Day, ScheduleInput } from '../../../../db/repositories/servicesRepository'
import type { Point } from '../../geo'
import { costInWords, scheduleInWords } from '../../listingWords'
import type { ImportProblem, PossibleDuplicate } from '../importRows'
import { isObject, type JsonObject } from './feedDocuments'

export interface PreparedOrganisation {
  sourceId: string | null
  name: string
  description: string
  website: string | null
  email: string | null
  phone: string | null
}

export interface PreparedFeedPlace {
  sourceId: string | null
  name: string
  description: string
  address1: string
  city: string
  postalCode: string
  point: Point
  access: PlaceAccessInput[]
}

/** One time of a service: at one of its places (by its index in places), or at all (null). */
export type PreparedFeedSchedule = Omit<ScheduleInput, 'placeId'> & { place: number | null }

/** One service from a feed, checked and ready to write. */
export interface PreparedFeedService {
  /** its number in the feed, from 1 */
  row: number
  sourceId: string
  name: string
  description: string
  eligibilityDescription: string
  applicationProcess: string
  organisation: PreparedOrganisation
  categories: string[]
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
  places: PreparedFeedPlace[]
  schedules: PreparedFeedSchedule[]
  lastChecked: string
}

/** What reading a service needs to know about the directory. */
export interface FeedLookups {
  /** category codes, names and synonyms, lower case, to the code */
  categories: ReadonlyMap<string, string>
  /** access feature codes and labels, lower case, to the code */
  accessFeatures: ReadonlyMap<string, string>
  postcodePoint: (postcode: string) => Point | undefined
  /** a town's point, or undefined when we do not know it (or there is more than one) */
  townPoint: (town: string) => Point | undefined
  /** a service with this name at a place with this postcode that did not come from this source's record */
  existingService: (
    postcode: string,
    name: string,
    sourceId: string,
  ) => { id: number; name: string } | undefined
  /** YYYY-MM-DD */
  today: string
}

/** The most services one import may hold. */
export const MOST_SERVICES = 20_000
/** The most problems and notes kept for a report (all are counted). */
export const MOST_KEPT = 5000

const DAYS: readonly Day[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const UK_PHONE = /^(?:\+44|0)\d{9,10}$/
const DATE = /^\d{4}-\d{2}-\d{2}/

/** Phrases in a place's accessibility words that name one of our features. */
const ACCESS_WORDS: readonly [RegExp, string][] = [
  [/\b(step[- ]?free|level access|wheelchair|ramp|lift to all)/i, 'step-free'],
  [/\b(induction loop|hearing[- ]loop|loop system)/i, 'hearing-loop'],
  [/\b(accessible|disabled)[- ](toilet|loo|wc)/i, 'accessible-toilet'],
  [/\bseat(ing|s)\b/i, 'seating'],
  [/\bpark(ing)?\b/i, 'parking'],
  [/\bbus[- ]stop/i, 'bus-stop'],
]

/** Attribute terms that say how a service reaches people, as our own API writes them. */
const WAYS: Record<string, 'comesToHome' | 'byPhone' | 'online'> = {
  'comes-to-home': 'comesToHome',
  'comes to your home': 'comesToHome',
  'home visits': 'comesToHome',
  'by-phone': 'byPhone',
  'by phone': 'byPhone',
  telephone: 'byPhone',
  online: 'online',
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '')
const orNull = (value: string): string | null => (value === '' ? null : value)
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [])
const cut = (value: string, longest: number) => (value.length > longest ? value.slice(0, longest) : value)

function isWebAddress(typed: string): boolean {
  try {
    const url = new URL(typed)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.')
  } catch {
    return false
  }
}

/** "10:00:00" or "10:00" as "10:00"; null when it is not a time of day. */
function timeOfDay(value: unknown): string | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text(value))
  return match ? `${match[1]}:${match[2]}` : null
}

/** A record's id as text: HSDS ids are UUIDs, but a source may use numbers. */
function idOf(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, 200)
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return null
}

/**
 * Checks a feed's services one at a time: problems (which stop the import) and notes (what
 * was left out) by record and field, possible duplicates by name and postcode, and each
 * service ready to write while there is no problem so far.
 */
export class FeedChecker {
  readonly problems: ImportProblem[] = []
  problemCount = 0
  readonly notes: ImportProblem[] = []
  noteCount = 0
  readonly duplicates: PossibleDuplicate[] = []
  duplicateCount = 0
  rowCount = 0
  /** every source id seen, in order */
  readonly sourceIds: string[] = []
  private readonly seenIds = new Map<string, number>()
  private readonly seenNamePostcode = new Map<string, number>()

  constructor(
    private readonly lookups: FeedLookups,
    private readonly keep = MOST_KEPT,
  ) {}

  private problem(row: number, column: string | null, message: string): void {
    this.problemCount++
    if (this.problems.length < this.keep) this.problems.push({ row, column, message })
  }

  private note(row: number, column: string | null, message: string): void {
    this.noteCount++
    if (this.notes.length < this.keep) this.notes.push({ row, column, message })
  }

  /** The next service of the feed: ready to write, or null (a problem in it or before it). */
  add(value: unknown): PreparedFeedService | null {
    const row = ++this.rowCount
    if (row > MOST_SERVICES) {
      if (row === MOST_SERVICES + 1)
        this.problem(
          row,
          null,
          `The feed has more than ${MOST_SERVICES.toLocaleString('en-GB')} services. Import it in parts`,
        )
      return null
    }
    if (!isObject(value)) {
      this.problem(row, null, 'This is not a service: we expected an object with an id and a name')
      return null
    }
    const before = this.problemCount
    const prepared = this.read(value, row)
    return prepared && this.problemCount === before && before === 0 ? prepared : null
  }

  /** After the last service: the problem of a feed with none. */
  finish(): void {
    if (this.rowCount === 0) this.problem(0, null, 'There are no services in it')
  }

  private read(service: JsonObject, row: number): PreparedFeedService | null {
    const { lookups } = this
    let rowProblems = 0
    const problem = (column: string, message: string) => {
      rowProblems++
      this.problem(row, column, message)
    }
    const note = (column: string, message: string) => this.note(row, column, message)
    const textField = (object: JsonObject, field: string, path: string, longest: number): string => {
      const value = object[field]
      if (value !== undefined && value !== null && typeof value !== 'string') {
        problem(path, 'This must be text')
        return ''
      }
      const found = text(value)
      if (found.length > longest)
        note(path, `This was longer than ${longest} characters, so it was cut short`)
      return cut(found, longest)
    }

    const sourceId = idOf(service.id)
    if (sourceId === null)
      problem('id', 'The service has no id, so we could not tell it apart when it is imported again')
    else {
      const earlier = this.seenIds.get(sourceId)
      if (earlier !== undefined) problem('id', `The id ${sourceId} is used by service ${earlier} too`)
      else {
        this.seenIds.set(sourceId, row)
        this.sourceIds.push(sourceId)
      }
    }
    const name = textField(service, 'name', 'name', 200)
    // A name that is not text has had its problem said ("This must be text").
    const nameIsText = service.name === undefined || service.name === null || typeof service.name === 'string'
    if (name === '' && nameIsText) problem('name', 'The service has no name')

    const status = text(service.status).toLowerCase()
    if (status !== '' && status !== 'active' && status !== 'temporarily closed')
      note('status', `The source says it is ‘${status}’: it is imported as it is, so check it`)

    // The organisation that runs it: ours need one.
    const organisation = this.organisationOf(service, problem, note)

    const description = textField(service, 'description', 'description', 5000)
    const eligibility = [
      textField(service, 'eligibility_description', 'eligibility_description', 2000),
      ageWords(service.minimum_age, service.maximum_age),
    ]
      .filter((part) => part !== '')
      .join(' ')
    const applicationProcess = textField(service, 'application_process', 'application_process', 2000)

    let email = orNull(textField(service, 'email', 'email', 254))
    if (email !== null && !EMAIL.test(email)) {
      note('email', `‘${email}’ is not an email address, so it was left out`)
      email = null
    }
    let url = orNull(textField(service, 'url', 'url', 500))
    if (url !== null && !isWebAddress(url)) {
      note('url', `‘${url}’ is not a web address, so it was left out`)
      url = null
    }
    let phone = this.phoneOf(list(service.phones), 'phones', note)

    // A named contact is a person: nothing of theirs comes in, not their name, title, phone
    // or email (people never appear in the directory except as they choose). A contact with
    // no name, or named as the service itself or the organisation that runs it (as our own
    // API names a service's way to get in touch), is the service's own desk or helpline, and
    // its phone or email may stand for the service's when it has none of its own.
    const ownNames = [name, text(isObject(service.organization) ? service.organization.name : '')]
      .map((one) => one.toLowerCase())
      .filter(Boolean)
    list(service.contacts).forEach((contact, index) => {
      if (!isObject(contact)) return
      const contactName = text(contact.name).toLowerCase()
      const isOwn = contactName === '' ? text(contact.title) === '' : ownNames.includes(contactName)
      if (!isOwn) {
        note(`contacts[${index}]`, 'A named person’s details are not imported, so this contact was left out')
        return
      }
      if (phone === null) phone = this.phoneOf(list(contact.phones), `contacts[${index}].phones`, note)
      const contactEmail = text(contact.email)
      if (email === null && EMAIL.test(contactEmail)) email = cut(contactEmail, 254)
    })

    // Categories and ways it reaches people, from its attributes' taxonomy terms.
    const categories: string[] = []
    const ways = { comesToHome: false, byPhone: false, online: false }
    const terms: { term: JsonObject; path: string }[] = []
    list(service.attributes).forEach((attribute, index) => {
      if (isObject(attribute) && isObject(attribute.taxonomy_term))
        terms.push({ term: attribute.taxonomy_term, path: `attributes[${index}].taxonomy_term` })
    })
    // HSDS 2 and some 3.0 feeds list the terms on the service itself.
    list(service.taxonomy_terms).forEach((term, index) => {
      if (isObject(term)) terms.push({ term, path: `taxonomy_terms[${index}]` })
    })
    for (const { term, path } of terms) {
      const words = [term.code, term.name, term.term].map((one) => text(one).toLowerCase()).filter(Boolean)
      const code = words.map((word) => lookups.categories.get(word)).find((one) => one !== undefined)
      const way = words.map((word) => WAYS[word]).find((one) => one !== undefined)
      if (code !== undefined) {
        if (!categories.includes(code)) categories.push(code)
      } else if (way !== undefined) ways[way] = true
      else if (!words.some((word) => lookups.accessFeatures.has(word)))
        note(
          path,
          `‘${text(term.name) || text(term.term) || text(term.code)}’ is not one of our categories, so it was left out`,
        )
    }
    if (terms.length > 0 && categories.length === 0)
      note('attributes', 'None of its categories is one of ours: add one once it is imported')

    // Cost: our listing has one amount; every option's words are kept in the cost's words.
    const cost = this.costOf(service, note)

    // Places, with their times.
    const places: PreparedFeedPlace[] = []
    const schedules: PreparedFeedSchedule[] = []
    /** each service_at_location's id, to the index of its place in places */
    const placeOfLink = new Map<string, number>()
    list(service.service_at_locations).forEach((link, index) => {
      const path = `service_at_locations[${index}]`
      if (!isObject(link) || !isObject(link.location)) {
        note(path, 'It names no location, so it was left out')
        return
      }
      const location = link.location
      if (text(location.location_type) === 'virtual') {
        ways.online = true
        return
      }
      const place = this.placeOf(location, `${path}.location`, note)
      if (!place) return
      places.push(place)
      const linkId = idOf(link.id)
      if (linkId !== null) placeOfLink.set(linkId, places.length - 1)
      list(link.schedules).forEach((schedule, at) =>
        schedules.push(...this.schedulesOf(schedule, `${path}.schedules[${at}]`, places.length - 1, note)),
      )
    })
    // HSDS 3.0 lists a service's times on the service, each saying which of its places it is
    // at (service_at_location_id), as our own API does; a time that names none is at all.
    list(service.schedules).forEach((schedule, at) => {
      const linkId = isObject(schedule) ? idOf(schedule.service_at_location_id) : null
      const place = linkId === null ? null : (placeOfLink.get(linkId) ?? null)
      schedules.push(...this.schedulesOf(schedule, `schedules[${at}]`, place, note))
    })

    // Our own API says how a service reaches people in its service area's words ("Comes to
    // your home, by phone, in the Thanet area"), having no HSDS field for it: those ways are
    // read back. The area itself is still left out (our hubs are our own).
    for (const area of list(service.service_areas))
      if (isObject(area))
        for (const way of waysInAreaWords(text(area.service_area) || text(area.name))) ways[way] = true
    for (const field of ['funding', 'service_areas', 'languages', 'required_documents', 'programs'])
      if (list(service[field]).length > 0) note(field, 'We have no place for this, so it was left out')

    // Possible duplicates: its name at any of its places' postcodes, in the directory or earlier in the feed.
    for (const place of places) {
      if (place.postalCode === '' || name === '' || sourceId === null) continue
      const key = `${place.postalCode}\n${name.toLowerCase()}`
      const earlier = this.seenNamePostcode.get(key)
      if (earlier !== undefined && earlier !== row)
        this.noteDuplicate({ row, name, postcode: place.postalCode, sameAs: { kind: 'row', row: earlier } })
      else if (earlier === undefined) {
        this.seenNamePostcode.set(key, row)
        const existing = lookups.existingService(place.postalCode, name, sourceId)
        if (existing)
          this.noteDuplicate({
            row,
            name,
            postcode: place.postalCode,
            sameAs: { kind: 'directory', serviceId: existing.id, name: existing.name },
          })
      }
    }

    const assured = text(service.assured_date)
    const lastChecked =
      DATE.test(assured) && assured.slice(0, 10) <= lookups.today ? assured.slice(0, 10) : lookups.today

    if (rowProblems > 0 || sourceId === null || organisation === null) return null
    return {
      row,
      sourceId,
      name,
      description,
      eligibilityDescription: cut(eligibility, 2000),
      applicationProcess,
      organisation,
      categories,
      ...cost,
      ...ways,
      email,
      phone,
      url,
      places,
      schedules,
      lastChecked,
    }
  }

  private noteDuplicate(duplicate: PossibleDuplicate): void {
    this.duplicateCount++
    if (this.duplicates.length < this.keep) this.duplicates.push(duplicate)
  }

  private phoneOf(
    phones: unknown[],
    path: string,
    note: (column: string, message: string) => void,
  ): string | null {
    for (const [index, phone] of phones.entries()) {
      const number = isObject(phone) ? text(phone.number) : ''
      if (number === '') continue
      if (UK_PHONE.test(number.replace(/[\s()-]/g, ''))) return cut(number, 30)
      note(`${path}[${index}].number`, `‘${number}’ is not a UK phone number, so it was left out`)
    }
    return null
  }

  private organisationOf(
    service: JsonObject,
    problem: (column: string, message: string) => void,
    note: (column: string, message: string) => void,
  ): PreparedOrganisation | null {
    const organisation = service.organization
    if (!isObject(organisation) || text(organisation.name) === '') {
      problem('organization', 'The service has no organisation with a name. We need to know who runs it')
      return null
    }
    let website = orNull(cut(text(organisation.website), 500))
    if (website !== null && !isWebAddress(website)) {
      note('organization.website', `‘${website}’ is not a web address, so it was left out`)
      website = null
    }
    let email = orNull(cut(text(organisation.email), 254))
    if (email !== null && !EMAIL.test(email)) {
      note('organization.email', `‘${email}’ is not an email address, so it was left out`)
      email = null
    }
    return {
      sourceId: idOf(organisation.id),
      name: cut(text(organisation.name), 200),
      description: cut(text(organisation.description), 5000),
      website,
      email,
      phone: this.phoneOf(list(organisation.phones), 'organization.phones', note),
    }
  }

  private costOf(
    service: JsonObject,
    note: (column: string, message: string) => void,
  ): Pick<PreparedFeedService, 'isFree' | 'costAmountPence' | 'costOption' | 'costDescription'> {
    const options = list(service.cost_options).filter(isObject)
    const fees = text(service.fees_description) || text(service.fees)
    const words: string[] = []
    const say = (said: string) => {
      if (said !== '' && !words.includes(said)) words.push(said)
    }
    let amount: number | null = null
    let per: string | null = null
    let isFree = false
    /** what the first amount says in words, as we say it ("£2 a session", "Free") */
    let amountInWords: string | null = null
    options.forEach((option, index) => {
      const value = option.amount
      const pounds =
        typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN
      const said = [text(option.option), text(option.amount_description)].filter(Boolean)
      const priced = Number.isFinite(pounds) ? `£${pounds.toFixed(2).replace(/\.00$/, '')}` : ''
      if (value !== undefined && value !== null && (!Number.isFinite(pounds) || pounds < 0)) {
        note(
          `cost_options[${index}].amount`,
          `‘${String(value)}’ is not an amount of money, so it was left out`,
        )
        say(said.join(': '))
      } else if (Number.isFinite(pounds) && amount === null) {
        amount = Math.round(pounds * 100)
        if (amount === 0 && options.length === 1) isFree = true
        // "A session" or "per session" is what the amount is for (our cost option); words
        // that only say the amount again ("£2 a session", as our own API writes it) are not
        // kept twice, and only what they add ("first session free") is.
        const unit = isFree ? undefined : said.find((one) => perOf(one) !== null)
        per = unit === undefined ? null : perOf(unit)
        amountInWords = costInWords({
          isFree,
          costAmountPence: amount,
          costOption: per,
          costDescription: null,
        })
        for (const one of said) {
          if (one === unit) continue
          const beyond = wordsBeyond(one, amountInWords)
          if (beyond === one) say(isFree ? one : `${priced} ${one}`)
          else say(beyond)
        }
      } else if (Number.isFinite(pounds) && amount !== null) {
        note(`cost_options[${index}]`, 'We keep one amount: this one is in the cost’s words')
        say([priced, said.join(': ')].filter(Boolean).join(' '))
      } else say(said.join(': '))
    })
    // "Free" or "Free (tea included)" is free; "Free for carers" is not free for everyone,
    // so it stays the cost's words.
    if (/^free(?: of charge)?(?:[.!]|\s*\(.*\))?$/i.test(fees) && options.length === 0) {
      isFree = true
      amountInWords = 'Free'
    }
    if (fees !== '' && fees !== 'fees_description')
      say(amountInWords === null ? fees : wordsBeyond(fees, amountInWords))
    const description = cut(words.join('. '), 500)
    return {
      isFree,
      costAmountPence: isFree ? null : amount,
      costOption: isFree ? null : per,
      costDescription: description === '' ? null : description,
    }
  }

  private placeOf(
    location: JsonObject,
    path: string,
    note: (column: string, message: string) => void,
  ): PreparedFeedPlace | null {
    const { lookups } = this
    const addresses = list(location.addresses).filter(isObject)
    const address =
      addresses.find((one) => text(one.address_type) === 'physical') ?? addresses[0] ?? ({} as JsonObject)
    const name = cut(text(location.name) || text(address.address_1), 200)
    const typedPostcode = text(address.postal_code)
    let postalCode = ''
    if (typedPostcode !== '') {
      const compact = typedPostcode.toUpperCase().replace(/\s/g, '')
      if (isValid(compact)) postalCode = toNormalised(compact) ?? typedPostcode.toUpperCase()
      else
        note(
          `${path}.addresses[0].postal_code`,
          `‘${typedPostcode}’ is not a UK postcode, so it was left out`,
        )
    }
    const city = cut(text(address.city), 100)
    const latitude = location.latitude
    const longitude = location.longitude
    let point: Point | undefined
    if (typeof latitude === 'number' && typeof longitude === 'number') {
      if (latitude >= -90 && latitude <= 90 && longitude >= -180 && longitude <= 180)
        point = { latitude, longitude }
      else note(`${path}.latitude`, `${latitude}, ${longitude} is not a point on the map, so it was left out`)
    }
    point ??= postalCode !== '' ? lookups.postcodePoint(postalCode) : undefined
    point ??= city !== '' ? lookups.townPoint(city) : undefined
    if (point === undefined || name === '') {
      note(
        path,
        `We could not put ${name === '' ? 'this place' : `‘${name}’`} on the map (it needs a point, a postcode we know or a town), so the service is imported without it`,
      )
      return null
    }
    const access = new Map<string, PlaceAccessInput>()
    list(location.accessibility).forEach((feature, index) => {
      if (!isObject(feature)) return
      const words = [text(feature.description), text(feature.accessibility)].filter(Boolean).join(' ')
      const details = orNull(cut(text(feature.details), 500))
      // HSDS lists what a place has; our own API also says what a place does not have, with
      // `available: false` ("Step-free access: no"), which must not arrive as a yes.
      const available = feature.available !== false
      const found = ACCESS_WORDS.filter(([pattern]) => pattern.test(words)).map(([, code]) => code)
      if (found.length === 0 && words !== '')
        note(
          `${path}.accessibility[${index}]`,
          `We could not tell which access feature ‘${cut(words, 80)}’ is, so it was left out`,
        )
      for (const code of found) if (!access.has(code)) access.set(code, { code, available, details })
    })
    return {
      sourceId: idOf(location.id),
      name,
      description: cut(text(location.description), 2000),
      address1: cut([text(address.address_1), text(address.address_2)].filter(Boolean).join(', '), 200),
      city,
      postalCode,
      point,
      access: [...access.values()],
    }
  }

  /** An HSDS schedule as our weekly or monthly times, one a day; what cannot be said is noted. */
  private schedulesOf(
    schedule: unknown,
    path: string,
    place: number | null,
    note: (column: string, message: string) => void,
  ): PreparedFeedSchedule[] {
    if (!isObject(schedule)) return []
    const freq = text(schedule.freq).toUpperCase()
    const words = cut([text(schedule.description), text(schedule.notes)].filter(Boolean).join(' '), 500)
    if (freq !== '' && freq !== 'WEEKLY' && freq !== 'MONTHLY') {
      note(`${path}.freq`, `We keep weekly and monthly times only, not ‘${freq}’, so this time was left out`)
      return []
    }
    const interval = typeof schedule.interval === 'number' ? schedule.interval : 1
    if (!Number.isInteger(interval) || interval < 1 || interval > 12) {
      note(
        `${path}.interval`,
        `Every ${String(schedule.interval)} is not a time we can keep, so this time was left out`,
      )
      return []
    }
    for (const field of ['bymonthday', 'byyearday', 'byweekno', 'count', 'until'])
      if (schedule[field] !== undefined && schedule[field] !== null && schedule[field] !== '')
        note(`${path}.${field}`, 'We have no place for this, so it was left out')
    const validTo = text(schedule.valid_to)
    if (DATE.test(validTo) && validTo.slice(0, 10) < this.lookups.today)
      note(`${path}.valid_to`, `The source says this time ended on ${validTo.slice(0, 10)}: check it`)
    const opensAt = timeOfDay(schedule.opens_at)
    const closesAt = timeOfDay(schedule.closes_at)
    if (text(schedule.opens_at) !== '' && opensAt === null)
      note(`${path}.opens_at`, `‘${text(schedule.opens_at)}’ is not a time of day, so it was left out`)
    if (text(schedule.closes_at) !== '' && closesAt === null)
      note(`${path}.closes_at`, `‘${text(schedule.closes_at)}’ is not a time of day, so it was left out`)
    const days = text(schedule.byday)
      .toUpperCase()
      .split(',')
      .map((day) => day.trim())
      .filter(Boolean)
    if (days.length === 0) {
      note(`${path}.byday`, 'It names no day of the week, so this time was left out')
      return []
    }
    const times: PreparedFeedSchedule[] = []
    for (const typed of days) {
      const match = /^([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)$/.exec(typed)
      const week = match?.[1] === undefined ? null : Number(match[1])
      if (!match || (week !== null && ![1, 2, 3, 4, -1].includes(week))) {
        note(`${path}.byday`, `‘${typed}’ is not a day we can keep, so it was left out`)
        continue
      }
      const byday = match[2] as Day
      if (!DAYS.includes(byday)) continue
      const time = {
        byday,
        opensAt,
        closesAt: opensAt === null ? null : closesAt,
        freq: freq === 'MONTHLY' || week !== null ? ('MONTHLY' as const) : ('WEEKLY' as const),
        interval,
        weekOfMonth: week,
      }
      times.push({
        ...time,
        description: wordsBeyond(words, scheduleInWords({ ...time, description: '' })),
        place,
      })
    }
    return times
  }
}

/** "For ages 12 to 100": HSDS's ages in the words of who it is for. */
function ageWords(minimum: unknown, maximum: unknown): string {
  const low = typeof minimum === 'number' && minimum > 0 ? minimum : null
  const high = typeof maximum === 'number' && maximum < 120 ? maximum : null
  if (low !== null && high !== null) return `For ages ${low} to ${high}.`
  if (low !== null) return `For ages ${low} and over.`
  if (high !== null) return `For ages up to ${high}.`
  return ''
}

/** "a session", "per session" or "each session" as our cost option ("session"); null for other words. */
function perOf(words: string): string | null {
  const match = /^(?:a|an|per|each)\s+([a-z][a-z ]{0,28}[a-z])$/i.exec(words.trim())
  return match?.[1] ? match[1].toLowerCase() : null
}

/**
 * What some words add to the words a record's own fields are said in: nothing when they say
 * the same, the rest when they begin with them ("Every Tuesday, 10am to 12 noon (bring a
 * packed lunch)" gives "bring a packed lunch"), else all of them. Our own API writes a time's
 * and a cost's words this way, so reading them back does not keep them twice.
 */
function wordsBeyond(words: string, fieldsInWords: string): string {
  if (words === fieldsInWords || words.toLowerCase() === fieldsInWords.toLowerCase()) return ''
  if (!words.startsWith(fieldsInWords) || !/^[\s.,;:(]/.test(words.slice(fieldsInWords.length))) return words
  const rest = words.slice(fieldsInWords.length).trim()
  const inBrackets = /^\((.*)\)$/.exec(rest)
  if (inBrackets?.[1] !== undefined) return inBrackets[1].trim()
  return rest.replace(/^[.,;:]\s*/, '')
}

/**
 * The ways of reaching people that a service area's words name, as our own API writes them
 * ("Comes to your home, by phone, online, in the Thanet area"); none unless every part before
 * "in the ... area" is one of them, so an area that only mentions a phone is not taken for one.
 */
function waysInAreaWords(words: string): ('comesToHome' | 'byPhone' | 'online')[] {
  const match = /^(.+), in the .+ area$/i.exec(words.trim())
  if (!match?.[1]) return []
  const found = match[1].split(',').map((part) => WAYS[part.trim().toLowerCase()])
  return found.every((way) => way !== undefined) ? found : []
}
