import type { Db } from '../../../db/connection'
import type {
  IntroductionRequestsRepository,
  NewIntroductionRequest,
} from '../../../db/repositories/introductionRequestsRepository'
import type { HubNearRow, HubRef, PeopleRepository } from '../../../db/repositories/peopleRepository'
import type { FieldProblem } from '../../forms'
import type { AuditTrail, RequestOrigin } from '../accounts/auditTrail'
import { DAY_MS, isoSecond } from '../accounts/times'
import type { Clock } from '../clock'
import { boxAround, hubCovers, milesBetween, type Point } from '../geo'
import type { ServicePage } from '../listingsService'
import type { LocationResult } from '../locationService'
import type {
  AskedFrom,
  HubChoice,
  IntroductionRequestInput,
  IntroductionRequestResult,
  IntroductionRequests,
  RequestStart,
  UsualWait,
} from './contract'

/** The audit log's word for a request kept (its only detail is the introduction's number). */
export const INTRODUCTION_REQUESTED_ACTION = 'introduction-requested'

/** "Usual wait" reads the hub's introductions accepted in this many days... */
export const USUAL_WAIT_DAYS = 180
/** ...at most this many, the newest... */
export const USUAL_WAIT_SAMPLE = 20
/** ...and needs at least this many, or else says the set number of days. */
export const USUAL_WAIT_FEWEST = 3

/** A hub whose area does not hold the place is offered only this close... */
export const NEAREST_HUB_MILES = 25
/** ...and is the one clear choice when the next is this much further (or more) away... */
const CLEAR_NEAREST_FACTOR = 1.5
/** ...plus this many miles (two hubs 1 and 2 miles away are both close). */
const CLEAR_NEAREST_MARGIN_MILES = 2
/** "Choose a hub" lists at most this many. */
export const HUBS_TO_CHOOSE = 5
/** A service's places looked at for the hubs that hold them. */
const SERVICE_PLACES_LOOKED_AT = 10

/** The one plain message for an area we cannot place. */
export const UNKNOWN_AREA_MESSAGE = 'Enter a town or postcode we know, such as Ramsgate or CT11'

/** What the service needs from where people live and what the directory lists. */
export interface IntroductionRequestDeps {
  db: Db
  requests: IntroductionRequestsRepository
  people: Pick<PeopleRepository, 'findHub' | 'hubsNamed' | 'hubsNearPoint' | 'hubsAroundPoint'>
  /** a published service's page (its hub and its places), or undefined */
  servicePage: (id: number) => Pick<ServicePage, 'name' | 'hub' | 'places'> | undefined
  /** LocationService.resolve: a town, postcode or district as typed */
  resolvePlace: (typed: string) => LocationResult
  audit: AuditTrail
  clock: Clock
  /** INTRODUCTION_ANSWER_DAYS */
  answerDays: number
}

/** Which hub a request goes to, or why it cannot go yet. */
type Routing =
  | { kind: 'hub'; hub: HubRef; miles: number | null }
  | { kind: 'invalid'; problems: FieldProblem[] }
  | { kind: 'choose-hub'; hubs: HubChoice[] }

/** A hub that may take a request, with where it is when known. */
type Candidate = { hub: HubRef; area: HubNearRow | null }

/**
 * The public side of introductions (issue 11, DESIGN.md "Being put in touch"): anyone may ask
 * a hub to put them in touch with someone who can help. It works out which hub from the page
 * the request came from (a hub page, a public profile, a service page) or else the area typed,
 * and keeps the request in that hub's queue, with the first step of its timeline and one audit
 * entry, in one transaction. The person asking gets no one's contact details here (privacy
 * rule 4): the answer holds only the hub, how long it usually takes and the request's number.
 */
export class IntroductionRequestService implements IntroductionRequests {
  constructor(private readonly deps: IntroductionRequestDeps) {}

  start(from: AskedFrom): RequestStart | null {
    switch (from.kind) {
      case 'hub': {
        const hub = this.deps.people.findHub(from.slug)
        return hub ? { hub: choice(hub, null), about: null } : null
      }
      case 'person': {
        const person = this.deps.requests.publicPerson(from.personId)
        if (!person) return null
        const [hub] = person.hubId === null ? [] : this.deps.people.hubsNamed([person.hubId])
        return { hub: hub ? choice(hub, null) : null, about: `to ${displayName(person)}` }
      }
      case 'service': {
        const service = this.deps.servicePage(from.serviceId)
        if (!service) return null
        const candidates = this.hubsForService(service)
        const [only] = candidates
        return {
          hub: candidates.length === 1 && only ? choice(only.hub, null) : null,
          about: `about ${service.name}`,
        }
      }
      case 'search': {
        const words = from.words.trim()
        const routed = from.where.trim() === '' ? null : this.byArea(from.where)
        return {
          hub: routed?.kind === 'hub' ? choice(routed.hub, routed.miles) : null,
          about: words === '' ? null : `about ‘${words}’`,
        }
      }
      case 'direct':
        return { hub: null, about: null }
    }
  }

  request(input: IntroductionRequestInput, _origin: RequestOrigin): IntroductionRequestResult {
    const routed = this.route(input)
    if (routed.kind !== 'hub') return routed
    const at = isoSecond(this.deps.clock.now())
    const record: NewIntroductionRequest = {
      hubId: routed.hub.id,
      askedFrom: input.from.kind,
      askedFromRef: askedFromRef(input.from),
      helpWanted: input.helpWanted.trim(),
      requesterName: input.name.trim(),
      requesterPhone: blankAsNull(input.phone),
      requesterEmail: blankAsNull(input.email),
      requesterArea: input.area.trim(),
      requesterRoute: input.route,
      at,
    }
    const introductionId = this.deps.db.transaction(() => {
      const id = this.deps.requests.insert(record)
      // Nothing about the person asking: not their words, their area, or where they asked from.
      this.deps.audit.record({
        accountId: null,
        action: INTRODUCTION_REQUESTED_ACTION,
        recordType: 'introduction',
        recordId: id,
      })
      return id
    })()
    return {
      kind: 'sent',
      introductionId,
      hub: choice(routed.hub, routed.miles),
      usualWait: this.usualWait(routed.hub.id),
    }
  }

  /**
   * The answer for a form a robot filled in (its hidden "leave this empty" box has words in
   * it): exactly what request() would say, with the number the next request would have, and
   * nothing kept.
   */
  answerWithoutKeeping(input: IntroductionRequestInput): IntroductionRequestResult {
    const routed = this.route(input)
    if (routed.kind !== 'hub') return routed
    return {
      kind: 'sent',
      introductionId: this.deps.requests.nextNumber(),
      hub: choice(routed.hub, routed.miles),
      usualWait: this.usualWait(routed.hub.id),
    }
  }

  usualWait(hubId: number | null): UsualWait {
    const { answerDays } = this.deps
    const setDays = { phrase: withinDays(answerDays), answerDays }
    if (hubId === null) return setDays
    const daysAgo = (days: number) => isoSecond(new Date(this.deps.clock.now().getTime() - days * DAY_MS))
    // Accepted in the last USUAL_WAIT_DAYS, having waited at most as long again.
    const window = { since: daysAgo(USUAL_WAIT_DAYS), waitingSince: daysAgo(2 * USUAL_WAIT_DAYS) }
    const hours = this.deps.requests.hoursToAccept(hubId, window, USUAL_WAIT_SAMPLE)
    if (hours.length < USUAL_WAIT_FEWEST) return setDays
    return { phrase: withinHours(median(hours)), answerDays }
  }

  /** The hub for a request: the one chosen from a list, else the page's, else the area's. */
  private route(input: IntroductionRequestInput): Routing {
    const problems = missing(input)
    if (problems.length > 0) return { kind: 'invalid', problems }
    if (input.hubSlug) {
      const hub = this.deps.people.findHub(input.hubSlug)
      return hub
        ? { kind: 'hub', hub, miles: null }
        : { kind: 'invalid', problems: [{ field: 'hub', message: 'Choose a hub from the list' }] }
    }
    const { from } = input
    switch (from.kind) {
      case 'hub': {
        const hub = this.deps.people.findHub(from.slug)
        if (hub) return { kind: 'hub', hub, miles: null }
        break
      }
      case 'person': {
        const person = this.deps.requests.publicPerson(from.personId)
        const [hub] = person?.hubId ? this.deps.people.hubsNamed([person.hubId]) : []
        if (hub) return { kind: 'hub', hub, miles: null }
        break
      }
      case 'service': {
        const service = this.deps.servicePage(from.serviceId)
        const candidates = service ? this.hubsForService(service) : []
        if (candidates.length > 0) return this.amongCandidates(candidates, input.area)
        break
      }
      default:
        break
    }
    return this.byArea(input.area)
  }

  /**
   * The hubs a service belongs to: its own hub, and the hubs whose areas hold its places.
   * At most HUBS_TO_CHOOSE, its own first.
   */
  private hubsForService(service: Pick<ServicePage, 'hub' | 'places'>): Candidate[] {
    const found = new Map<number, Candidate>()
    const own = service.hub ? this.deps.people.findHub(service.hub.slug) : undefined
    if (own) found.set(own.id, { hub: own, area: null })
    for (const place of service.places.slice(0, SERVICE_PLACES_LOOKED_AT)) {
      for (const hub of this.deps.people.hubsAroundPoint(place, HUBS_TO_CHOOSE * 2)) {
        if (!hubCovers(hub, place)) continue
        const known = found.get(hub.id)
        if (!known || !known.area) found.set(hub.id, { hub, area: hub })
      }
    }
    return [...found.values()].slice(0, HUBS_TO_CHOOSE)
  }

  /** Of several hubs a page leaves: the one whose area holds the area typed, else the person chooses, nearest first. */
  private amongCandidates(candidates: Candidate[], area: string): Routing {
    const [only] = candidates
    if (candidates.length === 1 && only) return { kind: 'hub', hub: only.hub, miles: null }
    const place = this.deps.resolvePlace(area)
    const point = place.kind === 'found' ? place.point : null
    if (point) {
      const holding = candidates.filter((candidate) => candidate.area && hubCovers(candidate.area, point))
      const [one] = holding
      if (holding.length === 1 && one) return { kind: 'hub', hub: one.hub, miles: 0 }
    }
    const miles = (candidate: Candidate) =>
      point && candidate.area ? milesBetween(point, candidate.area) : null
    const hubs = candidates.map((candidate) => choice(candidate.hub, miles(candidate))).sort(nearestFirst)
    return { kind: 'choose-hub', hubs }
  }

  /** The hub for the area typed: the one whose area holds it, else the one clear nearest, else a short list. */
  private byArea(area: string): Routing {
    const place = this.deps.resolvePlace(area)
    if (place.kind === 'choose')
      return invalidArea(`There is more than one ${place.name}. Enter your postcode, or the first part of it`)
    if (place.kind !== 'found') return invalidArea(UNKNOWN_AREA_MESSAGE)
    const { point } = place
    const holding = this.deps.people
      .hubsAroundPoint(point, HUBS_TO_CHOOSE * 2)
      .filter((hub) => hubCovers(hub, point))
    const [holder] = holding
    if (holding.length === 1 && holder)
      return { kind: 'hub', hub: holder, miles: milesBetween(point, holder) }
    if (holding.length > 1)
      return {
        kind: 'choose-hub',
        hubs: holding
          .map((hub) => choice(hub, milesBetween(point, hub)))
          .sort(nearestFirst)
          .slice(0, HUBS_TO_CHOOSE),
      }
    const near = this.nearestHubs(point)
    const [first, second] = near
    if (!first)
      return invalidArea(
        `There is no local hub near ${place.label} yet. Enter a town or postcode near a hub, such as Ramsgate or CT11`,
      )
    const closeEnough = (miles: number) =>
      miles <= first.miles * CLEAR_NEAREST_FACTOR + CLEAR_NEAREST_MARGIN_MILES
    if (!second || !closeEnough(second.miles)) return { kind: 'hub', hub: first.hub, miles: first.miles }
    return {
      kind: 'choose-hub',
      hubs: near
        .filter(({ miles }) => closeEnough(miles))
        .slice(0, HUBS_TO_CHOOSE)
        .map(({ hub, miles }) => choice(hub, miles)),
    }
  }

  /** At most HUBS_TO_CHOOSE hubs within NEAREST_HUB_MILES of the point, nearest first (a bounded read of the hubs' R*Tree). */
  private nearestHubs(point: Point): { hub: HubNearRow; miles: number }[] {
    return this.deps.people
      .hubsNearPoint(point, boxAround(point, NEAREST_HUB_MILES), HUBS_TO_CHOOSE * 2)
      .map((hub) => ({ hub, miles: milesBetween(point, hub) }))
      .filter(({ miles }) => miles <= NEAREST_HUB_MILES)
      .sort((a, b) => a.miles - b.miles || a.hub.id - b.hub.id)
      .slice(0, HUBS_TO_CHOOSE)
  }
}

/** What must be there, whatever the form checked: the service keeps nothing without it. */
function missing(input: IntroductionRequestInput): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (input.helpWanted.trim() === '')
    problems.push({ field: 'helpWanted', message: 'Enter what help you are looking for' })
  if (input.name.trim() === '') problems.push({ field: 'name', message: 'Enter your name' })
  if (input.route === 'email' && !input.email?.trim())
    problems.push({ field: 'email', message: 'Enter your email address' })
  if (input.route === 'phone' && !input.phone?.trim())
    problems.push({ field: 'phone', message: 'Enter your phone number' })
  if (input.area.trim() === '') problems.push({ field: 'area', message: 'Enter your town or postcode' })
  return problems
}

const invalidArea = (message: string): Routing => ({
  kind: 'invalid',
  problems: [{ field: 'area', message }],
})

const choice = (hub: { slug: string; name: string }, miles: number | null): HubChoice => ({
  slug: hub.slug,
  name: hub.name,
  miles: miles === null ? null : Math.round(miles * 10) / 10,
})

const nearestFirst = (a: HubChoice, b: HubChoice): number =>
  (a.miles ?? Number.POSITIVE_INFINITY) - (b.miles ?? Number.POSITIVE_INFINITY) ||
  a.name.localeCompare(b.name, 'en-GB')

const blankAsNull = (value: string | null): string | null => {
  const trimmed = value?.trim() ?? ''
  return trimmed === '' ? null : trimmed
}

/** Which page it was: the service's or person's number, or the hub's slug. Never the words searched for. */
function askedFromRef(from: AskedFrom): string | null {
  switch (from.kind) {
    case 'hub':
      return from.slug
    case 'service':
      return String(from.serviceId)
    case 'person':
      return String(from.personId)
    default:
      return null
  }
}

/** "Margaret H.", or "Margaret" when there is no last name. */
const displayName = (person: { firstName: string; lastInitial: string }): string =>
  person.lastInitial ? `${person.firstName.trim()} ${person.lastInitial}.` : person.firstName.trim()

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

/** "within a day", "within 3 days", "within a week", "within 2 weeks" */
export function withinDays(days: number): string {
  if (days <= 1) return 'within a day'
  if (days < 7) return `within ${days} days`
  if (days === 7) return 'within a week'
  if (days < 14) return `within ${days} days`
  return `within ${Math.ceil(days / 7)} weeks`
}

/** The usual wait in hours as days in words, rounded up to a whole day. */
export function withinHours(hours: number): string {
  return withinDays(Math.max(1, Math.ceil(hours / 24)))
}
