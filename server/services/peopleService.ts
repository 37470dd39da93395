import type {
  HubNearRow,
  HubRef,
  NamedScope,
  PeopleRepository,
  ProfileRow,
  SkillRow,
  Visibility,
} from '../../db/repositories/peopleRepository'
import { AnswerCache, type DataVersionSource } from './answerCache'
import { boxAround, hubCovers, type Point } from './geo'
import type { LocationResult } from './locationService'
import { milesBetween } from './milesBetween'
import { skillMatches } from './searchWords'
import { withContactDetailsReplaced } from './sharing/contactDetails'
import { maySeeByName, namedScope, type Viewer } from './viewer'

/**
 * The one place that decides what a viewer may see of people (DESIGN.md, "People's privacy:
 * the rules"). `people.visibleTo(viewer)` gives what that viewer may see:
 *
 * - People the viewer may see by name (rule 2: 'public' people for anyone; 'hub' people for
 *   members of their hub; 'coordinators' people for its peer leads and coordinators; admins
 *   everyone) are named as first name and initial ("Margaret H."), with their hub, skills and
 *   what they would like to share. Never contact details (rules 4 and 5).
 * - Everyone else who shares skills is only counted, per hub and skill, and only where the
 *   count reaches privacyMinCount. Below it, a few and none read exactly the same (rule 3):
 *   both are "not shown", so a reader cannot learn that someone exists.
 * - Counts are never offered under any other filter (postcode district, availability, ...),
 *   so no two counts can be subtracted to single someone out.
 *
 * The records below hold nothing else, so a route or template cannot reach an email, phone,
 * postcode district or last name: the repository never even selects them.
 */

export interface HubNamed {
  name: string
  slug: string
}

export interface PersonProfile {
  /**
   * the person's number, only for someone shown to everyone (visibility 'public'), so that
   * "Ask to be put in touch" can name them; left out for everyone else
   */
  publicId?: number
  /** "Margaret H." */
  displayName: string
  hub: HubNamed | null
  /** skill names from the skill list, such as "Tablets and phones" */
  skills: string[]
  skillsInOwnWords: string
  wouldLikeToShare: string
}

/**
 * The people who share a skill in a hub but are not named: how many, when that reaches the
 * threshold, or else nothing at all, the same for a few people as for nobody.
 */
export type OthersWhoShare = { shown: true; count: number } | { shown: false }

export interface SkillShared {
  code: string
  name: string
  /** display names of the people the viewer may see by name, in the hub with this skill */
  sharedBy: string[]
  /** set when more people are named for it than sharedBy gives (see everyone on the hub's own page) */
  moreNamed?: true
  others: OthersWhoShare
}

/** A hub with how to ask it: its own phone and email (hubs are public; people never are). */
export interface HubToAsk extends HubNamed {
  phone: string | null
  email: string | null
}

export interface HubSkills {
  hub: HubToAsk
  /** every skill asked about (every skill on the list when none was), in the list's order */
  skills: SkillShared[]
}

/** What the hubs list says about a hub's people. */
export interface HubPeople {
  /** how many people the viewer may see by name in the hub */
  named: number
  /** true when the hub's other people who share skills reach the threshold ("and others") */
  othersToo: boolean
}

export interface PeopleFilter {
  /** only these hubs */
  hubIds?: number[]
  /** only these skills, by code */
  skillCodes?: string[]
}

export interface SkillOption {
  code: string
  name: string
}

/** A hub's part of a page of hubs: its skills, its first named people and how many it names. */
export interface HubPeopleSection extends HubSkills {
  /** the first few people named in the hub (with the skill, when one is chosen) */
  profiles: PersonProfile[]
  /** how many people the hub names (with the skill, when one is chosen); they are public to this viewer */
  namedCount: number
}

/** What /people shows for the choices made: one hub's people, or a page of hubs. */
export type PeoplePage =
  | {
      kind: 'hub'
      /** the hub with every skill (or the one chosen) */
      hub: HubSkills
      /** this page of the people named in the hub */
      profiles: PersonProfile[]
      profileCount: number
      page: number
      pageCount: number
    }
  | {
      kind: 'hubs'
      /** every hub by name; with a skill, only hubs with someone named or counted for it */
      hubs: HubPeopleSection[]
      hubCount: number
      page: number
      pageCount: number
    }

/** "People near you who share this skill" (the search page's panel). */
export interface PeopleNearby {
  /** the skills the words matched, such as "Tablets and phones" */
  skills: { code: string; name: string }[]
  /** the first few people the viewer may see by name in those hubs, by first name and initial */
  profiles: PersonProfile[]
  /**
   * Every hub in range (the nearest few, by name), each with every matched skill: what may be
   * said about everyone else. A hub where a few share a skill reads exactly as one where
   * nobody does (privacy rule 3).
   */
  hubs: HubSkills[]
}

/** A hub found from what someone typed in "Hub name or town". */
export interface HubFound extends HubToAsk {
  /** miles from the place found, when one was */
  miles: number | null
}

/** What "Hub name or town" found: one hub by its exact name, a short list, or nothing. */
export type HubSearch =
  | { kind: 'hub'; hub: HubFound }
  | {
      kind: 'hubs'
      hubs: HubFound[]
      /** the place the list is nearest to ("Margate"), when the words were a place */
      near: string | null
    }
  | { kind: 'none' }

/** What hub search needs from LocationService. */
export interface PlaceFinder {
  resolve(input: string): LocationResult
}

/** What one viewer may see of people. Made by PeopleService.visibleTo. */
export interface PeopleVisibleTo {
  /**
   * The first PROFILES_PER_PAGE people this viewer may see by name, by hub and name; with a
   * skill filter, those who share one.
   */
  profiles(filter?: PeopleFilter): PersonProfile[]
  /**
   * For each hub (those chosen; else the first HUBS_PER_PAGE by name), each skill (every skill
   * on the list when none is chosen, in the list's order): the first few who share it by name,
   * and everyone else only as a count that reaches the threshold.
   */
  skillsSharedInHubs(filter?: PeopleFilter): HubSkills[]
  /** Both of the above, and how many people are named in all, as a hub's page shows them. */
  peopleSharing(filter?: PeopleFilter): { profiles: PersonProfile[]; profileCount: number; hubs: HubSkills[] }
  /** The /people page for a hub or a skill (or neither), one page of it. */
  peoplePage(choice: { hubId?: number; skillCode?: string; page: number }): PeoplePage
  /**
   * "People near you who share this skill": when the words name a skill, the first few
   * people named in the nearest hubs covering or within `miles` of the point, and what may be
   * said of everyone else there. Null when no skill matched or no hub is in range.
   */
  sharingNear(near: { point: Point; words: string[]; miles?: number | null }): PeopleNearby | null
  /**
   * For each hub id: how many people are named, and whether its others reach the threshold.
   * Only the hubs given; every hub when none are (a hubs page should pass its own).
   */
  peopleByHub(hubIds?: readonly number[]): Map<number, HubPeople>
}

/** How many profiles one page of /people for a hub shows. */
export const PROFILES_PER_PAGE = 20
/** How many hubs one page of /people shows. */
export const HUBS_PER_PAGE = 10
/** How many people each hub on a page of hubs names before "see everyone". */
export const PROFILES_PER_HUB = 3
/** How many names a skill's "Shared by" gives before "and others". */
export const NAMES_PER_SKILL = 5
/** With no distance given, people are looked for in hubs this close. */
export const NEARBY_MILES = 10
/** "People near you" speaks of at most this many hubs, the nearest. */
export const NEARBY_HUBS = 10
/** ... and names at most this many people. */
export const NEARBY_PROFILES = 6
/** Hub search lists at most this many hubs. */
export const HUBS_FOUND = 10
/** How many pages of /people are kept (each at most a page of hubs or of people). */
const KEPT_PEOPLE_PAGES = 500
/** At most this many hubs are asked for at once (a page, a search's nearest). */
const MOST_HUBS_AT_ONCE = 50

export class PeopleService {
  /** Pages of /people as each kind of viewer sees them, until anything is written (when given a data version). */
  private readonly pages: AnswerCache<PeoplePage> | null

  constructor(
    private readonly people: PeopleRepository,
    private readonly privacyMinCount: number,
    private readonly places: PlaceFinder | null = null,
    dataVersion: DataVersionSource | null = null,
  ) {
    this.pages = dataVersion ? new AnswerCache(dataVersion, { maxEntries: KEPT_PEOPLE_PAGES }) : null
  }

  /** What `viewer` may see of people; a visitor on a public page today. */
  visibleTo(viewer: Viewer): PeopleVisibleTo {
    const scope = namedScope(viewer)
    const named = (person: { visibility: Visibility; hubId: number | null }) => maySeeByName(viewer, person)
    const firstHubs = (filter: PeopleFilter): number[] =>
      filter.hubIds
        ? filter.hubIds.slice(0, MOST_HUBS_AT_ONCE)
        : this.people.hubsPage({ limit: HUBS_PER_PAGE, offset: 0 }).hubs.map((hub) => hub.id)
    const profiles = (filter: PeopleFilter) =>
      this.people
        .profiles(scope, rowFilter(filter), { limit: PROFILES_PER_PAGE, offset: 0 })
        .filter(named)
        .map(toProfile)
    return {
      profiles: (filter = {}) => profiles(filter),
      skillsSharedInHubs: (filter = {}) =>
        this.skillsShared(scope, named, firstHubs(filter), filter.skillCodes),
      peopleSharing: (filter = {}) => ({
        profiles: profiles(filter),
        profileCount: this.people.countProfiles(scope, rowFilter(filter)),
        hubs: this.skillsShared(scope, named, firstHubs(filter), filter.skillCodes),
      }),
      // Kept per viewer: what a page shows depends only on who looks (their scope) and the choice.
      peoplePage: (choice) => {
        const work = () => this.peoplePage(scope, named, choice)
        return this.pages
          ? this.pages.remember(JSON.stringify([viewer, choice.hubId, choice.skillCode, choice.page]), work)
          : work()
      },
      sharingNear: (near) => this.sharingNear(scope, named, near),
      peopleByHub: (hubIds) => this.peopleByHub(named, hubIds),
    }
  }

  /** Every skill on the list, for a filter's choices. */
  skillOptions(): SkillOption[] {
    return this.people.allSkills()
  }

  /** One skill by code, or undefined when there is no such skill. */
  findSkill(code: string): SkillOption | undefined {
    return this.people.findSkill(code)
  }

  /** One hub by its slug, with how to ask it, or undefined. */
  findHub(slug: string): (HubToAsk & { id: number }) | undefined {
    return this.people.findHub(slug)
  }

  /**
   * "Hub name or town": a hub whose name is exactly what was typed (the only one), or else
   * the hubs whose names hold the words and, when the words are a place LocationService
   * knows, the hubs nearest it, nearest first. At most HUBS_FOUND.
   */
  findHubs(typed: string): HubSearch {
    const text = typed.trim().replace(/\s+/g, ' ')
    if (text === '') return { kind: 'none' }
    const byName = this.people.hubsWithNameLike(text, HUBS_FOUND + 1)
    const exact = byName.filter((hub) => hub.name.toLowerCase() === text.toLowerCase())
    if (exact.length === 1 && exact[0]) return { kind: 'hub', hub: { ...hubToAsk(exact[0]), miles: null } }

    const place = this.places?.resolve(text)
    const point =
      place?.kind === 'found'
        ? { point: place.point, label: place.label }
        : place?.kind === 'choose' && place.options[0]
          ? { point: place.options[0], label: place.options[0].name }
          : null
    if (!point) {
      const hubs = byName.slice(0, HUBS_FOUND).map((hub) => ({ ...hubToAsk(hub), miles: null }))
      return hubs.length > 0 ? { kind: 'hubs', hubs, near: null } : { kind: 'none' }
    }
    const found = new Map<number, HubFound>()
    for (const hub of [...byName, ...this.nearestHubs(point.point, null, HUBS_FOUND)]) {
      found.set(hub.id, { ...hubToAsk(hub), miles: milesBetween(point.point, hub) })
    }
    const hubs = [...found.values()]
      .sort((a, b) => (a.miles ?? 0) - (b.miles ?? 0) || a.name.localeCompare(b.name, 'en-GB'))
      .slice(0, HUBS_FOUND)
    return { kind: 'hubs', hubs, near: point.label }
  }

  private peoplePage(
    scope: NamedScope,
    named: Named,
    choice: { hubId?: number; skillCode?: string; page: number },
  ): PeoplePage {
    const skillCodes = choice.skillCode ? [choice.skillCode] : undefined
    const page = Math.max(1, Math.floor(choice.page))
    if (choice.hubId !== undefined) {
      const filter = { hubIds: [choice.hubId], skillCodes }
      const profileCount = this.people.countProfiles(scope, filter)
      // A page past the end shows the last one.
      const pageCount = Math.max(1, Math.ceil(profileCount / PROFILES_PER_PAGE))
      const shown = Math.min(page, pageCount)
      const profiles = this.people
        .profiles(scope, filter, { limit: PROFILES_PER_PAGE, offset: (shown - 1) * PROFILES_PER_PAGE })
        .filter(named)
        .map(toProfile)
      const [hub] = this.skillsShared(scope, named, [choice.hubId], skillCodes)
      if (!hub) throw new Error(`No hub ${choice.hubId}`)
      return {
        kind: 'hub',
        hub,
        profiles,
        profileCount,
        page: shown,
        pageCount,
      }
    }
    // With a skill, only the hubs where there is something to say about it: someone named, or
    // others that reach the threshold. A few and none are both left out (rule 3).
    const hubsOnPage = (n: number) => {
      const window = { limit: HUBS_PER_PAGE, offset: (n - 1) * HUBS_PER_PAGE }
      return choice.skillCode
        ? this.people.hubsSharingSkill(scope, choice.skillCode, this.privacyMinCount, window)
        : this.people.hubsPage(window)
    }
    let shown = page
    let { hubs, total } = hubsOnPage(shown)
    // A page past the end shows the last one.
    if (hubs.length === 0 && total > 0) {
      shown = Math.ceil(total / HUBS_PER_PAGE)
      ;({ hubs, total } = hubsOnPage(shown))
    }
    const hubIds = hubs.map((hub) => hub.id)
    const first =
      hubIds.length > 0
        ? this.people.firstProfilesInHubs(scope, { hubIds, skillCodes }, PROFILES_PER_HUB)
        : { profiles: [], namedInHub: new Map<number, number>() }
    const sections = this.skillsShared(scope, named, hubIds, skillCodes).map((entry, index) => {
      const hubId = hubs.find((hub) => hub.slug === entry.hub.slug)?.id ?? hubIds[index]
      return {
        ...entry,
        profiles: first.profiles.filter((row) => row.hubId === hubId && named(row)).map(toProfile),
        namedCount: (hubId !== undefined ? first.namedInHub.get(hubId) : undefined) ?? 0,
      }
    })
    return {
      kind: 'hubs',
      hubs: sections,
      hubCount: total,
      page: shown,
      pageCount: Math.max(1, Math.ceil(total / HUBS_PER_PAGE)),
    }
  }

  private sharingNear(
    scope: NamedScope,
    named: Named,
    near: { point: Point; words: string[]; miles?: number | null },
  ): PeopleNearby | null {
    if (near.words.length === 0) return null
    const skills = this.people
      .skillsWithSynonyms()
      .filter((skill) => skillMatches({ name: skill.name, synonyms: skill.synonyms.split('|') }, near.words))
      .map(({ code, name }) => ({ code, name }))
    if (skills.length === 0) return null
    const hubIds = this.nearestHubs(near.point, near.miles ?? NEARBY_MILES, NEARBY_HUBS).map((hub) => hub.id)
    if (hubIds.length === 0) return null
    const skillCodes = skills.map((skill) => skill.code)
    const profiles = this.people
      .profiles(scope, { hubIds, skillCodes }, { limit: NEARBY_PROFILES, offset: 0 })
      .filter(named)
      .map(toProfile)
    return { skills, profiles, hubs: this.skillsShared(scope, named, hubIds, skillCodes) }
  }

  /**
   * At most `limit` hubs nearest the point (by centre) whose centre is within `miles` or whose
   * area covers it; with `miles` null, the nearest whatever the distance (within 50 miles).
   * Reads a bounded number of hubs through the hubs R*Tree (migrations/0012_hub_areas_rtree.sql).
   */
  private nearestHubs(point: Point, miles: number | null, limit: number): HubNearRow[] {
    const reach = miles ?? FURTHEST_HUB_MILES
    const nearest = this.people.hubsNearPoint(point, boxAround(point, reach), limit * 3)
    const around = this.people.hubsAroundPoint(point, limit * 2)
    const seen = new Set<number>()
    return [...nearest, ...around]
      .filter((hub) => !seen.has(hub.id) && seen.add(hub.id))
      .map((hub) => ({ hub, miles: milesBetween(point, hub) }))
      .filter(({ hub, miles: away }) => away <= reach || hubCovers(hub, point))
      .sort((a, b) => a.miles - b.miles || a.hub.id - b.hub.id)
      .slice(0, limit)
      .map(({ hub }) => hub)
  }

  private peopleByHub(named: Named, hubIds?: readonly number[]) {
    const byHub = new Map<number, { named: number; others: number }>()
    for (const row of this.people.hubCensusRows(hubIds)) {
      const entry = byHub.get(row.hubId) ?? { named: 0, others: 0 }
      if (named(row)) entry.named += row.people
      else entry.others += row.people
      byHub.set(row.hubId, entry)
    }
    return new Map(
      [...byHub.entries()].map(([hubId, entry]): [number, HubPeople] => [
        hubId,
        { named: entry.named, othersToo: entry.others >= this.privacyMinCount },
      ]),
    )
  }

  /** Each of the hubs (by name) with each skill: the first few named, and the others as rule 3 allows. */
  private skillsShared(
    scope: NamedScope,
    named: Named,
    hubIds: readonly number[],
    skillCodes: readonly string[] | undefined,
  ): HubSkills[] {
    if (hubIds.length === 0) return []
    const skills: SkillRow[] = skillCodes
      ? this.people.allSkills().filter((skill) => skillCodes.includes(skill.code))
      : this.people.allSkills()
    const hubs: HubRef[] = this.people.hubsNamed(hubIds).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))

    const key = (hubId: number, skillCode: string) => `${hubId} ${skillCode}`
    const sharedBy = new Map<string, string[]>()
    const moreNamed = new Set<string>()
    const rows = this.people.sharedByFirst(scope, { hubIds, skillCodes }, NAMES_PER_SKILL + 1)
    for (const row of rows) {
      if (!named(row)) continue
      const at = key(row.hubId, row.skillCode)
      if (row.place > NAMES_PER_SKILL) {
        moreNamed.add(at)
        continue
      }
      const names = sharedBy.get(at) ?? []
      names.push(displayName(row))
      sharedBy.set(at, names)
    }
    const others = new Map<string, number>()
    for (const row of this.people.skillCensus({ hubIds, skillCodes })) {
      if (named(row)) continue
      const at = key(row.hubId, row.skillCode)
      others.set(at, (others.get(at) ?? 0) + row.people)
    }

    return hubs.map((hub) => ({
      hub: hubToAsk(hub),
      skills: skills.map((skill) => ({
        code: skill.code,
        name: skill.name,
        sharedBy: sharedBy.get(key(hub.id, skill.code)) ?? [],
        ...(moreNamed.has(key(hub.id, skill.code)) ? { moreNamed: true as const } : {}),
        others: this.othersWhoShare(others.get(key(hub.id, skill.code)) ?? 0),
      })),
    }))
  }

  /** Privacy rule 3: a count only when it reaches the threshold; below it, a few read as none. */
  private othersWhoShare(count: number): OthersWhoShare {
    return count >= this.privacyMinCount ? { shown: true, count } : { shown: false }
  }
}

/** Hub search and "people near you" look no further than this without a distance. */
const FURTHEST_HUB_MILES = 50

type Named = (person: { visibility: Visibility; hubId: number | null }) => boolean

const rowFilter = (filter: PeopleFilter) => ({
  ...(filter.hubIds ? { hubIds: filter.hubIds.slice(0, MOST_HUBS_AT_ONCE) } : {}),
  ...(filter.skillCodes ? { skillCodes: filter.skillCodes } : {}),
})

const hubToAsk = (hub: HubRef): HubToAsk => ({
  name: hub.name,
  slug: hub.slug,
  phone: hub.phone,
  email: hub.email,
})

/** "Margaret H.", or "Margaret" when there is no last name. */
function displayName(profile: Pick<ProfileRow, 'firstName' | 'lastInitial'>): string {
  const first = profile.firstName.trim()
  return profile.lastInitial ? `${first} ${profile.lastInitial}.` : first
}

function toProfile(profile: ProfileRow): PersonProfile {
  return {
    ...(profile.visibility === 'public' ? { publicId: profile.id } : {}),
    displayName: displayName(profile),
    hub: profile.hubSlug && profile.hubName ? { name: profile.hubName, slug: profile.hubSlug } : null,
    skills: profile.skills.map((skill) => skill.name),
    skillsInOwnWords: withoutContactDetails(profile.skillsInOwnWords),
    wouldLikeToShare: withoutContactDetails(profile.wouldLikeToShare),
  }
}

const REMOVED = '(contact details removed: ask your hub)'

/**
 * A person's own words with anything that looks like an email address or phone number taken
 * out, in case someone typed theirs into "what I would like to share". The same check as
 * when the words are saved (server/services/sharing/contactDetails.ts), so the two agree.
 */
export function withoutContactDetails(text: string): string {
  return withContactDetailsReplaced(text, REMOVED)
}
