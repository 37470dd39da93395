import { addresses } from '../addresses'
import type { HubContact } from '../services/hubsService'
import type { HubSkills, HubToAsk, PeopleNearby, PersonProfile, SkillShared } from '../services/peopleService'
import { inSentence, listInSentence } from './inSentence'

/** A hub as the people partials link to it. */
export interface HubLinkView {
  name: string
  slug: string
  href: string
}

/**
 * How to ask a hub, as views/partials/people/askTheHub.hbs shows it: its phone (to ring from
 * the page) and email, and its page's contact section.
 */
export interface HubContactView {
  phone: { text: string; href: string } | null
  email: { text: string; href: string } | null
  /** the hub page's "How to contact the hub" */
  contactHref: string
}

/** A hub the people partials tell a resident to ask: its link and how to reach it. */
export interface HubToAskView extends HubLinkView {
  contact: HubContactView
}

/** A hub's phone and email with the links that ring and write to them. */
export function presentHubContact(slug: string, contact: HubContact): HubContactView {
  return {
    phone: contact.phone ? { text: contact.phone, href: addresses.phone(contact.phone) } : null,
    email: contact.email ? { text: contact.email, href: addresses.email(contact.email) } : null,
    contactHref: addresses.hubContact(slug),
  }
}

/** One skill in a list, with its name as a word inside a sentence ("a listening ear"). */
export interface SkillSharedView extends SkillShared {
  nameInSentence: string
}

/** One person's profile as views/partials/people/profile.hbs shows it. */
export interface ProfileView extends Omit<PersonProfile, 'hub'> {
  hub: HubLinkView | null
  /** the skills as one line, commas between (names have "and" in them): "Tablets and phones, a listening ear" */
  skillsInWords: string
}

/** One hub's skills as views/partials/people/skillsShared.hbs shows them. */
export interface HubSkillsView {
  hub: HubToAskView
  skills: SkillSharedView[]
}

const hubLinkView = (hub: { name: string; slug: string }): HubLinkView => ({
  name: hub.name,
  slug: hub.slug,
  href: addresses.hub(hub.slug),
})

const hubToAskView = (hub: HubToAsk): HubToAskView => ({
  ...hubLinkView(hub),
  contact: presentHubContact(hub.slug, { phone: hub.phone, email: hub.email }),
})

/** The first letter in capitals, as a line starts. */
const capitalised = (words: string): string => words.charAt(0).toUpperCase() + words.slice(1)

const skillView = (skill: SkillShared): SkillSharedView => ({
  ...skill,
  nameInSentence: inSentence(skill.name),
})

export function presentProfile(profile: PersonProfile): ProfileView {
  return {
    ...profile,
    hub: profile.hub ? hubLinkView(profile.hub) : null,
    skillsInWords: capitalised(profile.skills.map(inSentence).join(', ')),
  }
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
      hub: hubToAskView(hub),
      skills: (every ? skills : skills.filter(saysSomething)).map(skillView),
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
  /** the skills in one sentence: "tablets and phones and a listening ear" */
  skillsInSentence: string
  profiles: ProfileView[]
  /** every hub in range with every matched skill, the same for a few people as for none */
  hubs: HubSkillsView[]
}

/** The "people near you who share this skill" panel of /search, or null when it has nothing to show. */
export function presentPeopleNearby(nearby: PeopleNearby | null): PeopleNearbyView | null {
  if (!nearby) return null
  return {
    skills: nearby.skills,
    // The sentence reads "may be able to help with ...", so "Help with forms" is said as "forms".
    skillsInSentence: listInSentence(nearby.skills.map((skill) => skill.name.replace(/^help with\s+/i, ''))),
    profiles: presentProfiles(nearby.profiles),
    hubs: presentHubsSkills(nearby.hubs, { every: true }),
  }
}
