import { addresses } from '../addresses'
import type { HubSkills, PersonProfile, SkillShared } from '../services/peopleService'
import type { PeopleNearby } from '../services/searchService'

/** A hub as the people partials link to it. */
export interface HubLinkView {
  name: string
  slug: string
  href: string
}

/** One person's profile as views/partials/people/profile.hbs shows it. */
export interface ProfileView extends Omit<PersonProfile, 'hub'> {
  hub: HubLinkView | null
}

/** One hub's skills as views/partials/people/skillsShared.hbs shows them. */
export interface HubSkillsView {
  hub: HubLinkView
  skills: SkillShared[]
}

const hubLinkView = (hub: { name: string; slug: string }): HubLinkView => ({
  name: hub.name,
  slug: hub.slug,
  href: addresses.hub(hub.slug),
})

export function presentProfile(profile: PersonProfile): ProfileView {
  return { ...profile, hub: profile.hub ? hubLinkView(profile.hub) : null }
}

export function presentProfiles(profiles: PersonProfile[]): ProfileView[] {
  return profiles.map(presentProfile)
}

/** Whether a skill's row has anything to say beyond "ask your hub": names, or a count. */
const saysSomething = (skill: SkillShared): boolean => skill.sharedBy.length > 0 || skill.others.shown

/**
 * Each hub's skills, with its link. `every: true` keeps every skill of every hub (a hub page,
 * /people for one hub or one skill, the search panel); `every: false` keeps only the skills
 * someone is named for or counted for, and only hubs with such a skill (/people with no
 * choice made, which would otherwise list every skill of every hub). Either way a skill a few
 * people share without being named reads exactly as one nobody shares (privacy rule 3):
 * both "ask your hub" when every skill is listed, both left out otherwise.
 */
export function presentHubsSkills(hubs: HubSkills[], { every }: { every: boolean }): HubSkillsView[] {
  return hubs
    .map(({ hub, skills }) => ({
      hub: hubLinkView(hub),
      skills: every ? skills : skills.filter(saysSomething),
    }))
    .filter((entry) => entry.skills.length > 0)
}

export interface PeopleSharingView {
  profiles: ProfileView[]
  hubsSkills: HubSkillsView[]
  /** true when only the skills someone is named or counted for are listed */
  someSkillsOnly: boolean
  /** with someSkillsOnly: one skill was chosen, so it is hubs that are left out */
  someHubsOnly: boolean
  /** the list of hubs, to find one's own */
  hubsHref: string
}

/**
 * What /people shows of people for the choices made (the route reads the filters): the
 * named profiles, and each hub's skills. With a hub chosen, every skill of it. Otherwise
 * (one skill across every hub, or nothing chosen) only the rows there is something to say
 * about, so the page does not list every hub in the country; it says so, and a few and none
 * are both left out.
 */
export function presentPeopleSharing(
  sharing: { profiles: PersonProfile[]; hubs: HubSkills[] },
  chosen: { hub: boolean; skill: boolean },
): PeopleSharingView {
  const every = chosen.hub
  return {
    profiles: presentProfiles(sharing.profiles),
    hubsSkills: presentHubsSkills(sharing.hubs, { every }),
    someSkillsOnly: !every,
    someHubsOnly: !every && chosen.skill,
    hubsHref: addresses.hubs(),
  }
}

export interface PeopleNearbyView {
  skills: { code: string; name: string }[]
  profiles: ProfileView[]
  /** every hub in range with every matched skill, the same for a few people as for none */
  hubs: HubSkillsView[]
}

/** The "people near you who share this skill" panel of /search, or null when it has nothing to show. */
export function presentPeopleNearby(nearby: PeopleNearby | null): PeopleNearbyView | null {
  if (!nearby) return null
  return {
    skills: nearby.skills,
    profiles: presentProfiles(nearby.profiles),
    hubs: presentHubsSkills(nearby.hubs, { every: true }),
  }
}
