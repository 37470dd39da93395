import type {
  ExpertFilter,
  ExpertiseRepository,
  ExpertRow,
} from '../../../db/repositories/expertiseRepository'
import type { HubRef, PeopleRepository, SkillRow } from '../../../db/repositories/peopleRepository'
import type { AuditTrail, RequestOrigin } from '../accounts/auditTrail'
import type { Clock } from '../clock'
import { boxAround, type Point } from '../geo'
import { mayCoordinateHub, NotAllowedError } from '../permissions'
import { searchWords, skillMatches } from '../searchWords'
import { withContactDetailsReplaced } from '../sharing/contactDetails'
import { accountIdOf, type Viewer } from '../viewer'

/** The coordinator home lists this many hubs a page. */
export const HUBS_PER_PAGE = 10
/** Find local expertise shows this many people a page. */
export const PEOPLE_PER_PAGE = 20
/** New members: people who joined a hub in this many days. */
export const NEW_MEMBER_DAYS = 30
/** The coordinator home names this many of each hub's new members. */
export const NEW_MEMBERS_NAMED = 3
/** The coordinator home names this many of each hub's people whose consent is due to be checked again. */
export const CONSENTS_DUE_NAMED = 5
/** The distances a coordinator may search within, in miles. */
export const DISTANCES = [1, 3, 5, 10] as const
export type Distance = (typeof DISTANCES)[number]

/** The audit log's action for opening someone's contact details (privacy rule 5). */
export const CONTACT_SHOWN_ACTION = 'contact-details-shown'

const MILES_PER_DEGREE_LATITUDE = 69.05
const REMOVED = '[contact details removed]'
const DAY_MS = 86_400_000

/** The hubs a viewer looks after: some (named), or every hub (a coordinator of all hubs, an admin). */
export type HubsLookedAfter = { everyHub: true } | { everyHub: false; hubs: HubRef[] }

/** What needs doing now in one hub. */
export interface HubToDo {
  hub: HubRef
  newMembers: { count: number; firstFew: string[] }
  /** people with no consent in force, or who have paused */
  consentsToCheck: number
  /** people whose consent's day to be checked again has come: how many, and the first few, soonest first */
  consentsDue: { count: number; firstFew: { personId: number; displayName: string; checkAgainOn: string }[] }
}

export interface CoordinatorHome {
  hubs: HubToDo[]
  total: number
  page: number
  pageCount: number
}

/** A person as a coordinator of their hub sees them: never their contact details. */
export interface ExpertPerson {
  id: number
  /** "Pauline H." */
  displayName: string
  hub: { slug: string; name: string }
  visibility: ExpertRow['visibility']
  skills: string[]
  skillsInOwnWords: string
  wouldLikeToShare: string
  availability: string
  howOften: ExpertRow['howOften']
  contactWays: string[]
  /** miles from the place searched near, when there was one */
  miles: number | null
}

export interface ExpertiseQuery {
  skillCode: string | null
  words: string
  /** one hub the viewer looks after; with `near`, only people of it near the place */
  hubId: number | null
  near: { point: Point; miles: Distance } | null
  page: number
}

export interface ExpertisePage {
  people: ExpertPerson[]
  total: number
  page: number
  pageCount: number
}

/** The contact details a person chose to share: only the ways they chose. */
export interface ContactDetails {
  displayName: string
  phone: string | null
  email: string | null
  throughHubOnly: boolean
}

const displayName = (row: { firstName: string; lastInitial: string }): string =>
  row.lastInitial ? `${row.firstName} ${row.lastInitial}.` : row.firstName

/**
 * The coordinator's back office (issue 11): what needs doing in each hub, finding people who
 * can help, and opening a person's contact details with a reason. Every method takes the
 * viewer and decides, per hub and per person, whether they may (mayCoordinateHub): peer leads
 * in their own hubs only, coordinators in theirs (or every hub), admins everywhere.
 */
export class CoordinatorService {
  constructor(
    private readonly expertise: ExpertiseRepository,
    private readonly people: PeopleRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** Whether the viewer looks after any hub at all (else every /coordinate page is the 403 page). */
  mayCoordinate(viewer: Viewer): boolean {
    if (viewer.kind === 'admin') return true
    return viewer.kind === 'hubLead' && (viewer.allHubs === true || viewer.hubIds.length > 0)
  }

  /** The hubs the viewer looks after. Throws NotAllowedError for someone who looks after none. */
  hubsLookedAfter(viewer: Viewer): HubsLookedAfter {
    if (!this.mayCoordinate(viewer)) throw new NotAllowedError()
    if (viewer.kind === 'admin' || (viewer.kind === 'hubLead' && viewer.allHubs)) return { everyHub: true }
    return { everyHub: false, hubs: this.people.hubsNamed(viewer.kind === 'hubLead' ? viewer.hubIds : []) }
  }

  /** What needs doing now, for a page of the hubs the viewer looks after (10 a page, by name). */
  home(viewer: Viewer, lookingAfter: HubsLookedAfter, page: number): CoordinatorHome {
    if (!this.mayCoordinate(viewer)) throw new NotAllowedError()
    const window = { limit: HUBS_PER_PAGE, offset: (page - 1) * HUBS_PER_PAGE }
    const { hubs, total } = lookingAfter.everyHub
      ? this.people.hubsPage(window)
      : {
          hubs: lookingAfter.hubs.slice(window.offset, window.offset + window.limit),
          total: lookingAfter.hubs.length,
        }
    const hubIds = hubs.map((hub) => hub.id)
    const since =
      new Date(this.clock.now().getTime() - NEW_MEMBER_DAYS * DAY_MS).toISOString().slice(0, 19) + 'Z'
    const newMembers = this.expertise.newMembersOf(hubIds, since, NEW_MEMBERS_NAMED)
    const toCheck = this.expertise.consentsToCheck(hubIds)
    const due = this.expertise.consentsDueOf(
      hubIds,
      this.clock.now().toISOString().slice(0, 10),
      CONSENTS_DUE_NAMED,
    )
    return {
      hubs: hubs.map((hub) => {
        const mine = newMembers.filter((row) => row.hubId === hub.id)
        return {
          hub,
          newMembers: { count: mine[0]?.inHub ?? 0, firstFew: mine.map(displayName) },
          consentsToCheck: toCheck.get(hub.id) ?? 0,
          consentsDue: (() => {
            const dueHere = due.filter((row) => row.hubId === hub.id)
            return {
              count: dueHere[0]?.inHub ?? 0,
              firstFew: dueHere.map((row) => ({
                personId: row.personId,
                displayName: displayName(row),
                checkAgainOn: row.checkAgainOn,
              })),
            }
          })(),
        }
      }),
      total,
      page,
      pageCount: Math.max(1, Math.ceil(total / HUBS_PER_PAGE)),
    }
  }

  /** The skill list, for the search form. */
  skills(): SkillRow[] {
    return this.people.allSkills()
  }

  /**
   * A hub named in a search, by its slug or whole name: 'unknown' when there is none; throws
   * NotAllowedError when the viewer does not look after it.
   */
  hubNamed(viewer: Viewer, typed: string): { kind: 'hub'; hub: HubRef } | { kind: 'unknown' } {
    if (!this.mayCoordinate(viewer)) throw new NotAllowedError()
    const hub = typed.trim() === '' ? undefined : this.expertise.findHub(typed.trim())
    if (!hub) return { kind: 'unknown' }
    if (!mayCoordinateHub(viewer, hub.id)) throw new NotAllowedError()
    return { kind: 'hub', hub }
  }

  /**
   * The first skill on the list that some words name (with the skill synonyms search has): for
   * "Find someone" from an introduction, "help with my new tablet" is Tablets and phones.
   */
  skillSuggestedBy(words: string): string | null {
    const typed = searchWords(words)
    if (typed.length === 0) return null
    const skill = this.people
      .skillsWithSynonyms()
      .find((one) => skillMatches({ name: one.name, synonyms: one.synonyms.split('|') }, typed))
    return skill?.code ?? null
  }

  /** Whether the skill is on the list. */
  isSkill(code: string): boolean {
    return this.people.findSkill(code) !== undefined
  }

  /**
   * Find local expertise: people of the viewer's hubs (every visibility, since coordinators of
   * a hub may see all of its people), with consent in force and not paused, by skill and words,
   * in one hub or near a place. Counted and cut in SQL, 20 a page.
   */
  findExpertise(viewer: Viewer, query: ExpertiseQuery): ExpertisePage {
    const lookingAfter = this.hubsLookedAfter(viewer)
    if (query.hubId !== null && !mayCoordinateHub(viewer, query.hubId)) throw new NotAllowedError()
    if (query.hubId === null && query.near === null) throw new Error('A hub or a place is needed')
    const hubIds =
      query.hubId !== null
        ? [query.hubId]
        : lookingAfter.everyHub
          ? null
          : lookingAfter.hubs.map((hub) => hub.id)
    const typedWords = searchWords(query.words)
    const filter: ExpertFilter = {
      hubIds,
      skillCodes: query.skillCode ? [query.skillCode] : null,
      words:
        typedWords.length === 0
          ? null
          : {
              words: typedWords,
              skillCodes: this.people
                .skillsWithSynonyms()
                .filter((skill) =>
                  skillMatches({ name: skill.name, synonyms: skill.synonyms.split('|') }, typedWords),
                )
                .map((skill) => skill.code),
            },
      near: query.near ? nearFilter(query.near.point, query.near.miles) : null,
    }
    const total = this.expertise.count(filter)
    const pageCount = Math.max(1, Math.ceil(total / PEOPLE_PER_PAGE))
    const page = Math.min(query.page, pageCount)
    const rows = this.expertise.find(filter, { limit: PEOPLE_PER_PAGE, offset: (page - 1) * PEOPLE_PER_PAGE })
    return {
      // The SQL kept to the viewer's hubs; this checks each person again, as the rule says.
      people: rows.filter((row) => mayCoordinateHub(viewer, row.hubId)).map(toExpert),
      total,
      page,
      pageCount,
    }
  }

  /**
   * One person, as a coordinator of their hub sees them: null when there is no such person
   * shown (none, or withdrawn, or paused). Throws NotAllowedError first for someone who looks
   * after no hub, and for a person of a hub the viewer does not look after.
   */
  person(viewer: Viewer, personId: number): ExpertPerson | null {
    if (!this.mayCoordinate(viewer)) throw new NotAllowedError()
    const row = this.expertise.person(personId)
    if (!row) return null
    if (!mayCoordinateHub(viewer, row.hubId)) throw new NotAllowedError()
    return row.shown ? toExpert(row) : null
  }

  /**
   * Opens a person's contact details (privacy rule 5): only for a coordinator or peer lead of
   * their hub (or of every hub, or an admin), only with a reason, and each time writes one
   * audit entry: who, whom, when and why. Gives only the ways the person chose to share.
   */
  revealContactDetails(
    viewer: Viewer,
    personId: number,
    reason: string,
    origin: RequestOrigin,
  ): ContactDetails | null {
    const person = this.person(viewer, personId)
    if (!person) return null
    if (reason.trim() === '') throw new Error('A reason is needed to open contact details')
    const details = this.expertise.contactDetailsOf(personId)
    if (!details) return null
    this.audit.record({
      accountId: accountIdOf(viewer),
      action: CONTACT_SHOWN_ACTION,
      recordType: 'person',
      recordId: personId,
      from: origin,
      reason: reason.trim(),
    })
    const phone = details.contactWays.includes('phone') ? details.phone : null
    const email = details.contactWays.includes('email') ? details.email : null
    return { displayName: person.displayName, phone, email, throughHubOnly: phone === null && email === null }
  }
}

function toExpert(row: ExpertRow): ExpertPerson {
  return {
    id: row.id,
    displayName: displayName(row),
    hub: { slug: row.hubSlug, name: row.hubName },
    visibility: row.visibility,
    skills: row.skills.map((skill) => skill.name),
    // Free text written before it was checked when saved may hold contact details: never shown here.
    skillsInOwnWords: withContactDetailsReplaced(row.skillsInOwnWords, REMOVED),
    wouldLikeToShare: withContactDetailsReplaced(row.wouldLikeToShare, REMOVED),
    availability: withContactDetailsReplaced(row.availability, REMOVED),
    howOften: row.howOften,
    contactWays: row.contactWays,
    miles:
      row.distanceSquared === null
        ? null
        : Math.round(Math.sqrt(row.distanceSquared) * MILES_PER_DEGREE_LATITUDE * 10) / 10,
  }
}

function nearFilter(point: Point, miles: number): NonNullable<ExpertFilter['near']> {
  const cos = Math.cos((point.latitude * Math.PI) / 180)
  const degrees = miles / MILES_PER_DEGREE_LATITUDE
  return {
    latitude: point.latitude,
    longitude: point.longitude,
    lngScaleSquared: cos * cos,
    maxDegreesSquared: degrees * degrees,
    box: boxAround(point, miles),
  }
}
