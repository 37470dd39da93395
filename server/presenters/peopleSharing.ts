import { addresses } from '../addresses'
import type { HubContact } from '../services/hubsService'
import { distanceInWords } from '../services/listingWords'
import {
  HUBS_PER_PAGE,
  type HubPeopleSection,
  type HubSearch,
  type HubSkills,
  type HubToAsk,
  type PeopleNearby,
  type PeoplePage,
  type PersonProfile,
  type SkillShared,
} from '../services/peopleService'
import { inSentence, listInSentence } from './inSentence'
import { paginationView, type PaginationView } from './pagination'

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
  /** with moreNamed: everyone named for the skill in the hub, on /people */
  moreHref?: string
}

/** One person's profile as views/partials/people/profile.hbs shows it. */
export interface ProfileView extends Omit<PersonProfile, 'hub'> {
  hub: HubLinkView | null
  /** "Ask to be put in touch with Margaret H.": only for someone shown to everyone */
  askHref: string | null
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

/** The first letter in lower case, as words go on a line: "less than 0.1 miles away". */
const lowerFirst = (words: string): string => words.charAt(0).toLowerCase() + words.slice(1)

/** The first letter in capitals, as a line starts. */
const capitalised = (words: string): string => words.charAt(0).toUpperCase() + words.slice(1)

const skillView = (skill: SkillShared, hubSlug: string): SkillSharedView => ({
  ...skill,
  nameInSentence: inSentence(skill.name),
  ...(skill.moreNamed ? { moreHref: addresses.people({ hub: hubSlug, skill: skill.code }) } : {}),
})

export function presentProfile(profile: PersonProfile): ProfileView {
  return {
    ...profile,
    hub: profile.hub ? hubLinkView(profile.hub) : null,
    askHref: profile.publicId ? addresses.putMeInTouch({ from: 'person', id: profile.publicId }) : null,
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
      skills: (every ? skills : skills.filter(saysSomething)).map((skill) => skillView(skill, hub.slug)),
    }))
    .filter((entry) => entry.skills.length > 0)
}

/** A hub's part of a page of hubs on /people. */
export interface HubSectionView extends HubSkillsView {
  /** its first few people named */
  profiles: ProfileView[]
  /** "See all 12 people named in Thanet", when it names more than are shown */
  seeEveryone: { href: string; count: number } | null
  /** nobody named, and no skill shared by enough people to count: "ask the hub" alone */
  saysNothing: boolean
}

/** The hubs "Hub name or town" found, to choose from. */
export interface FoundHubsView {
  /** "Hubs near Margate", or null when only names matched */
  near: string | null
  hubs: { name: string; href: string; milesText: string | null }[]
}

export interface PeoplePageView {
  /** one hub chosen: its people, a page at a time, and every skill (or the one chosen) */
  chosen: {
    hub: HubToAskView
    skills: SkillSharedView[]
    profiles: ProfileView[]
    profileCount: number
  } | null
  /** no hub chosen: this page of hubs */
  hubSections: HubSectionView[]
  /** with no hub chosen, only the skills someone is named or counted for are listed */
  someSkillsOnly: boolean
  /** ... and with a skill chosen, only the hubs where someone is */
  someHubsOnly: boolean
  /** "Hubs 11 to 20 of 2,000" */
  range: { from: number; to: number; of: number } | null
  pagination: PaginationView | null
  /** the page shown, of how many (for the title) */
  pageNumber: number
  pageCount: number
  /** the list of hubs, to find one's own */
  hubsHref: string
}

const hubSectionView = (section: HubPeopleSection, skill: string | null): HubSectionView => {
  const [view] = presentHubsSkills([section], { every: skill !== null })
  const profiles = presentProfiles(section.profiles)
  const skills = view?.skills ?? []
  return {
    hub: view?.hub ?? hubToAskView(section.hub),
    skills,
    profiles,
    seeEveryone:
      section.namedCount > profiles.length
        ? { href: addresses.people({ hub: section.hub.slug, skill }), count: section.namedCount }
        : null,
    saysNothing: skills.length === 0 && profiles.length === 0,
  }
}

/**
 * What /people shows for the choices made (the route reads them): with a hub chosen, a page
 * of its people and every skill of it (or the one chosen); otherwise a page of hubs, each with
 * its first few people and only the skills there is something to say about, so a few and none
 * are both left out (privacy rule 3). With one skill and no hub, only the hubs where someone
 * is named or counted for it.
 */
export function presentPeoplePage(page: PeoplePage, chosen: { skill: string | null }): PeoplePageView {
  const common = { hubsHref: addresses.hubs(), pageNumber: page.page, pageCount: page.pageCount }
  if (page.kind === 'hub') {
    const [hub] = presentHubsSkills([page.hub], { every: true })
    const slug = page.hub.hub.slug
    const to = (n: number) => addresses.people({ hub: slug, skill: chosen.skill }, n)
    return {
      ...common,
      chosen: {
        hub: hub?.hub ?? hubToAskView(page.hub.hub),
        skills: hub?.skills ?? [],
        profiles: presentProfiles(page.profiles),
        profileCount: page.profileCount,
      },
      hubSections: [],
      someSkillsOnly: false,
      someHubsOnly: false,
      range: null,
      pagination: paginationView(page.page, page.pageCount, to),
    }
  }
  const from = (page.page - 1) * HUBS_PER_PAGE + 1
  return {
    ...common,
    chosen: null,
    hubSections: page.hubs.map((section) => hubSectionView(section, chosen.skill)),
    someSkillsOnly: chosen.skill === null,
    someHubsOnly: chosen.skill !== null,
    range:
      page.hubs.length > 0 && page.pageCount > 1
        ? { from, to: from + page.hubs.length - 1, of: page.hubCount }
        : null,
    pagination: paginationView(page.page, page.pageCount, (n) =>
      addresses.people({ skill: chosen.skill }, n),
    ),
  }
}

/** The hubs "Hub name or town" found, each linked to its people (with the skill chosen). */
export function presentFoundHubs(found: HubSearch, skill: string | null): FoundHubsView | null {
  if (found.kind !== 'hubs') return null
  return {
    near: found.near,
    hubs: found.hubs.map((hub) => ({
      name: hub.name,
      href: addresses.people({ hub: hub.slug, skill }),
      milesText: hub.miles === null ? null : lowerFirst(distanceInWords(hub.miles)),
    })),
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
