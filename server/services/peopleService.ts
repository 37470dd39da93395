import type {
  HubRef,
  PeopleRepository,
  ProfileRow,
  SkillRow,
  Visibility,
} from '../../db/repositories/peopleRepository'
import { maySeeByName, visibilitiesNamedFor, type Viewer } from './viewer'

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

/** What one viewer may see of people. Made by PeopleService.visibleTo. */
export interface PeopleVisibleTo {
  /** The people this viewer may see by name, by hub and name; with a skill filter, those who share one. */
  profiles(filter?: PeopleFilter): PersonProfile[]
  /**
   * For each hub (every hub when none is chosen, by name), each skill (every skill on the
   * list when none is chosen, in the list's order): who shares it by name, and everyone else
   * only as a count that reaches the threshold.
   */
  skillsSharedInHubs(filter?: PeopleFilter): HubSkills[]
  /** Both of the above from one reading of the profiles, as the hub and people pages show them. */
  peopleSharing(filter?: PeopleFilter): { profiles: PersonProfile[]; hubs: HubSkills[] }
  /** For each hub id (only these, when given): how many people are named, and whether its others reach the threshold. */
  peopleByHub(hubIds?: number[]): Map<number, HubPeople>
}

export class PeopleService {
  constructor(
    private readonly people: PeopleRepository,
    private readonly privacyMinCount: number,
  ) {}

  /** What `viewer` may see of people; a visitor on a public page today. */
  visibleTo(viewer: Viewer): PeopleVisibleTo {
    const named = (person: { visibility: Visibility; hubId: number | null }) => maySeeByName(viewer, person)
    const profileRows = (filter: PeopleFilter) => this.namedProfiles(viewer, filter).filter(named)
    return {
      profiles: (filter = {}) => profileRows(filter).map(toProfile),
      skillsSharedInHubs: (filter = {}) => this.skillsShared(profileRows(filter), filter, named),
      peopleSharing: (filter = {}) => {
        const rows = profileRows(filter)
        return { profiles: rows.map(toProfile), hubs: this.skillsShared(rows, filter, named) }
      },
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

  /** Profiles of every visibility the viewer may name anyone in, in hub and name order. */
  private namedProfiles(viewer: Viewer, filter: PeopleFilter): ProfileRow[] {
    const visibilities = visibilitiesNamedFor(viewer)
    if (visibilities.length === 1) return this.people.profiles(visibilities[0] as Visibility, filter)
    return visibilities
      .flatMap((visibility) => this.people.profiles(visibility, filter))
      .sort(
        (a, b) =>
          (a.hubName ?? '').localeCompare(b.hubName ?? '', 'en-GB') ||
          a.firstName.localeCompare(b.firstName, 'en-GB') ||
          a.lastInitial.localeCompare(b.lastInitial, 'en-GB') ||
          a.id - b.id,
      )
  }

  private peopleByHub(
    named: (person: { visibility: Visibility; hubId: number }) => boolean,
    hubIds?: number[],
  ) {
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

  private skillsShared(
    profiles: ProfileRow[],
    filter: PeopleFilter,
    named: (person: { visibility: Visibility; hubId: number }) => boolean,
  ): HubSkills[] {
    const skills: SkillRow[] = filter.skillCodes
      ? this.people.allSkills().filter((skill) => filter.skillCodes?.includes(skill.code))
      : this.people.allSkills()
    const hubs: HubRef[] = this.people
      .hubsNamed(filter.hubIds)
      .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))

    const key = (hubId: number, skillCode: string) => `${hubId} ${skillCode}`
    const sharedBy = new Map<string, string[]>()
    for (const profile of profiles) {
      if (profile.hubId === null) continue
      for (const skill of profile.skills) {
        const names = sharedBy.get(key(profile.hubId, skill.code)) ?? []
        names.push(displayName(profile))
        sharedBy.set(key(profile.hubId, skill.code), names)
      }
    }
    const others = new Map<string, number>()
    for (const row of this.people.skillCensus(filter)) {
      if (named(row)) continue
      const at = key(row.hubId, row.skillCode)
      others.set(at, (others.get(at) ?? 0) + row.people)
    }

    return hubs.map((hub) => ({
      hub: { name: hub.name, slug: hub.slug, phone: hub.phone, email: hub.email },
      skills: skills.map((skill) => ({
        code: skill.code,
        name: skill.name,
        sharedBy: sharedBy.get(key(hub.id, skill.code)) ?? [],
        others: this.othersWhoShare(others.get(key(hub.id, skill.code)) ?? 0),
      })),
    }))
  }

  /** Privacy rule 3: a count only when it reaches the threshold; below it, a few read as none. */
  private othersWhoShare(count: number): OthersWhoShare {
    return count >= this.privacyMinCount ? { shown: true, count } : { shown: false }
  }
}

/** "Margaret H.", or "Margaret" when there is no last name. */
function displayName(profile: Pick<ProfileRow, 'firstName' | 'lastInitial'>): string {
  const first = profile.firstName.trim()
  return profile.lastInitial ? `${first} ${profile.lastInitial}.` : first
}

function toProfile(profile: ProfileRow): PersonProfile {
  return {
    displayName: displayName(profile),
    hub: profile.hubSlug && profile.hubName ? { name: profile.hubName, slug: profile.hubSlug } : null,
    skills: profile.skills.map((skill) => skill.name),
    skillsInOwnWords: withoutContactDetails(profile.skillsInOwnWords),
    wouldLikeToShare: withoutContactDetails(profile.wouldLikeToShare),
  }
}

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
