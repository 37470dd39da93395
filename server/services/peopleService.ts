import type {
  PeopleRepository,
  ProfileRow,
  SkillRow,
  Visibility,
} from '../../db/repositories/peopleRepository'

/**
 * The one place that decides what public pages show of people (DESIGN.md, "People's
 * privacy: the rules"):
 *
 * - Only people who chose 'public' are ever named, as first name and initial ("Margaret H."),
 *   with their hub, skills and what they would like to share. Never contact details.
 * - Everyone else who shares skills is only counted, per hub and skill, and only where the
 *   count reaches privacyMinCount; below it the page says "ask your hub" without a number.
 * - Counts are never offered under any other filter (postcode district, availability, ...),
 *   so no two counts can be subtracted to single someone out.
 *
 * The view models below hold nothing else, so a route or template cannot reach an email,
 * phone, postcode district or last name: the repository never even selects them.
 */

/** Privacy rule 2: who may be named on a public page. */
const NAMED_IN_PUBLIC: Visibility = 'public'
/** Privacy rule 3: who may only be counted on a public page, per hub and skill. */
const COUNTED_IN_PUBLIC: ReadonlySet<Visibility> = new Set<Visibility>(['coordinators', 'hub'])

export interface HubLinkView {
  name: string
  slug: string
  href: string
}

export interface PublicProfileView {
  /** "Margaret H." */
  displayName: string
  hub: HubLinkView | null
  /** skill names from the skill list, such as "Tablets and phones" */
  skills: string[]
  skillsInOwnWords: string
  wouldLikeToShare: string
}

/**
 * The people who share a skill in a hub but are not named: how many, when that reaches the
 * threshold, or only that there are a few ("ask your hub").
 */
export type OthersWhoShareView = { shown: true; count: number } | { shown: false; count: null }

export interface SkillSharedView {
  code: string
  name: string
  /** display names of the public profiles in the hub with this skill */
  sharedPubliclyBy: string[]
  /** null when nobody else in the hub shares it */
  others: OthersWhoShareView | null
}

export interface HubSkillsView {
  hub: HubLinkView
  skills: SkillSharedView[]
}

/** What the hubs list says about a hub's people. */
export interface HubPeopleView {
  /** how many public profiles the hub has */
  publicProfiles: number
  /** true when the hub's other people who share skills reach the threshold ("and others") */
  othersToo: boolean
}

export interface PeopleFilter {
  /** only these hubs */
  hubIds?: number[]
  /** only these skills, by code */
  skillCodes?: string[]
}

export interface SkillOptionView {
  code: string
  name: string
}

export class PeopleService {
  constructor(
    private readonly people: PeopleRepository,
    private readonly privacyMinCount: number,
  ) {}

  /** Public profiles, by hub and name; with a skill filter, those who share one of the skills. */
  publicProfiles(filter: PeopleFilter = {}): PublicProfileView[] {
    return this.people.profiles(NAMED_IN_PUBLIC, filter).map(toPublicProfile)
  }

  /**
   * For each hub (by name), each skill its people share (in the skill list's order): the
   * public profiles who share it by name, and everyone else only as a count that reaches
   * the threshold, or else "ask your hub".
   */
  skillsSharedInHubs(filter: PeopleFilter = {}): HubSkillsView[] {
    return this.skillsShared(this.people.profiles(NAMED_IN_PUBLIC, filter), filter)
  }

  /** Both of the above from one reading of the profiles, as the hub and people pages show them. */
  peopleSharing(filter: PeopleFilter = {}): { profiles: PublicProfileView[]; hubs: HubSkillsView[] } {
    const profiles = this.people.profiles(NAMED_IN_PUBLIC, filter)
    return { profiles: profiles.map(toPublicProfile), hubs: this.skillsShared(profiles, filter) }
  }

  /** For each hub id: how many public profiles it has, and whether its others reach the threshold. */
  peopleByHub(): Map<number, HubPeopleView> {
    const byHub = new Map<number, { publicProfiles: number; others: number }>()
    for (const row of this.people.hubCensusRows()) {
      const entry = byHub.get(row.hubId) ?? { publicProfiles: 0, others: 0 }
      if (row.visibility === NAMED_IN_PUBLIC) entry.publicProfiles += row.people
      else if (COUNTED_IN_PUBLIC.has(row.visibility)) entry.others += row.people
      byHub.set(row.hubId, entry)
    }
    return new Map(
      [...byHub.entries()].map(([hubId, entry]) => [
        hubId,
        { publicProfiles: entry.publicProfiles, othersToo: entry.others >= this.privacyMinCount },
      ]),
    )
  }

  /** Every skill on the list, for a filter's choices. */
  skillOptions(): SkillOptionView[] {
    return this.people.allSkills()
  }

  /** One skill by code, or undefined when there is no such skill. */
  findSkill(code: string): SkillOptionView | undefined {
    return this.people.findSkill(code)
  }

  private skillsShared(profiles: ProfileRow[], filter: PeopleFilter): HubSkillsView[] {
    const order = new Map(this.people.allSkills().map((skill, index) => [skill.code, index]))
    const hubs = new Map<
      number,
      { hub: HubLinkView; skills: Map<string, { name: string; named: string[]; others: number }> }
    >()
    const skillIn = (hubId: number, hub: HubLinkView, skill: SkillRow) => {
      let entry = hubs.get(hubId)
      if (!entry) {
        entry = { hub, skills: new Map() }
        hubs.set(hubId, entry)
      }
      let shared = entry.skills.get(skill.code)
      if (!shared) {
        shared = { name: skill.name, named: [], others: 0 }
        entry.skills.set(skill.code, shared)
      }
      return shared
    }

    for (const profile of profiles) {
      if (profile.hubId === null || !profile.hubSlug || !profile.hubName) continue
      const hub = hubLink(profile.hubSlug, profile.hubName)
      for (const skill of profile.skills) {
        if (filter.skillCodes && !filter.skillCodes.includes(skill.code)) continue
        skillIn(profile.hubId, hub, skill).named.push(displayName(profile))
      }
    }
    for (const row of this.people.skillCensus(filter)) {
      if (!COUNTED_IN_PUBLIC.has(row.visibility)) continue
      const skill = { code: row.skillCode, name: row.skillName }
      skillIn(row.hubId, hubLink(row.hubSlug, row.hubName), skill).others += row.people
    }

    return [...hubs.values()]
      .sort((a, b) => a.hub.name.localeCompare(b.hub.name, 'en-GB'))
      .map(({ hub, skills }) => ({
        hub,
        skills: [...skills.entries()]
          .sort(([a], [b]) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity))
          .map(([code, shared]) => ({
            code,
            name: shared.name,
            sharedPubliclyBy: shared.named,
            others: shared.others === 0 ? null : this.othersWhoShare(shared.others),
          })),
      }))
  }

  private othersWhoShare(count: number): OthersWhoShareView {
    return count >= this.privacyMinCount ? { shown: true, count } : { shown: false, count: null }
  }
}

/** "Margaret H.", or "Margaret" when there is no last name. */
function displayName(profile: Pick<ProfileRow, 'firstName' | 'lastInitial'>): string {
  const first = profile.firstName.trim()
  return profile.lastInitial ? `${first} ${profile.lastInitial}.` : first
}

function toPublicProfile(profile: ProfileRow): PublicProfileView {
  return {
    displayName: displayName(profile),
    hub: profile.hubSlug && profile.hubName ? hubLink(profile.hubSlug, profile.hubName) : null,
    skills: profile.skills.map((skill) => skill.name),
    skillsInOwnWords: withoutContactDetails(profile.skillsInOwnWords),
    wouldLikeToShare: withoutContactDetails(profile.wouldLikeToShare),
  }
}

const hubLink = (slug: string, name: string): HubLinkView => ({ name, slug, href: `/hubs/${slug}` })

const EMAIL = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[a-z]{2,}/gi
// A UK phone number: 0 or +44 then 9 or 10 more digits, with spaces, dashes or brackets.
const PHONE = /(?:\+\s*44|\(?0)(?:[\s\-()]*\d){9,10}/g
const REMOVED = '(contact details removed: ask your hub)'

/**
 * A person's own words with anything that looks like an email address or phone number taken
 * out, in case someone typed theirs into "what I would like to share".
 */
export function withoutContactDetails(text: string): string {
  return text.replace(EMAIL, REMOVED).replace(PHONE, REMOVED)
}
