/**
 * The coordinator pages' view models: service results in, words and links (from the address
 * book) out. One function per page.
 */
import { addresses } from '../../addresses'
import { type FieldProblem, formErrors } from '../../forms'
import { paginationView } from '../../presenters/pagination'
import type {
  ContactDetails,
  CoordinatorHome,
  ExpertisePage,
  ExpertPerson,
  HubsLookedAfter,
} from '../../services/coordinate/coordinatorService'
import { DISTANCES, NEW_MEMBER_DAYS } from '../../services/coordinate/coordinatorService'
import { RECENT_INTRODUCTION_DAYS } from '../../services/introductions/contract'
import type { SkillRow } from '../../../db/repositories/peopleRepository'
import type { ExpertiseTyped } from './schemas'
import type { WaitingByHub } from '../../services/introductions/introductionService'
import { presentWaiting } from './introductionPresenters'
import { DEFAULT_DISTANCE } from './schemas'

const HOW_OFTEN_WORDS: Record<string, string> = {
  'now-and-then': 'Now and then',
  'few-hours-month': 'A few hours a month',
  'few-hours-week': 'A few hours a week',
  'most-weeks': 'Most weeks',
}

const CONTACT_WAY_WORDS: Record<string, string> = {
  'through-hub': 'through the hub',
  phone: 'by phone',
  email: 'by email',
}

const VISIBILITY_WORDS: Record<string, string> = {
  coordinators: 'Only coordinators and peer leads of the hub',
  hub: 'Members of the hub',
  public: 'Everyone',
}

const UK_DAY = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
})
/** A day, YYYY-MM-DD, in words: "1 December 2027". */
export const dayInWords = (day: string): string => UK_DAY.format(new Date(`${day}T00:00:00Z`))

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`

/** "By phone or through the hub" */
function contactWaysInWords(ways: readonly string[]): string {
  const words = ways.map((way) => CONTACT_WAY_WORDS[way]).filter((word): word is string => Boolean(word))
  if (words.length === 0) return 'Through the hub'
  const sentence = words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`
  return `${(sentence as string).charAt(0).toUpperCase()}${(sentence as string).slice(1)}`
}

const BREADCRUMBS = [
  { href: addresses.start(), text: 'Home' },
  { href: addresses.coordinate(), text: 'Coordinate' },
]
export const coordinateBreadcrumbs = (): { href: string; text: string }[] => BREADCRUMBS

export function presentHome(
  home: CoordinatorHome,
  lookingAfter: HubsLookedAfter,
  waiting: WaitingByHub,
  now: Date,
) {
  return {
    pageTitle: `Coordinate${home.pageCount > 1 ? ` (page ${home.page} of ${home.pageCount})` : ''}`,
    breadcrumbs: [{ href: addresses.start(), text: 'Home' }],
    expertiseHref: addresses.coordinateExpertise(),
    introductionsHref: addresses.coordinateIntroductions(),
    registerHref: addresses.coordinateRegister(),
    lookAfterInWords: lookingAfter.everyHub
      ? `You look after every hub: ${plural(home.total, 'hub', 'hubs')}, 10 on each page, by name.`
      : `You look after ${plural(home.total, 'hub', 'hubs')}.`,
    newMemberDays: NEW_MEMBER_DAYS,
    hubs: home.hubs.map(({ hub, newMembers, consentsToCheck, consentsDue }) => ({
      name: hub.name,
      id: `hub-${hub.slug}`,
      hubHref: addresses.hub(hub.slug),
      expertiseHref: addresses.coordinateExpertise({ hub: hub.slug }),
      ...presentWaiting(hub, waiting, now),
      registerHref: addresses.coordinateRegister({ hub: hub.slug }),
      consentsDue:
        consentsDue.count === 0
          ? 'Nobody’s agreement is due to be checked again.'
          : `${plural(consentsDue.count, 'person’s agreement is', 'people’s agreements are')} due to be checked again. Ring them, check they still agree, and record it on their page.`,
      consentsDueFirst: consentsDue.firstFew.map((person) => ({
        name: person.displayName,
        href: `${addresses.coordinatePerson(person.personId)}#consent`,
        since: `due ${dayInWords(person.checkAgainOn)}`,
      })),
      consentsDueMore: consentsDue.count > consentsDue.firstFew.length,
      gapsHref: addresses.coordinateGaps(hub.slug),
      newMembers:
        newMembers.count === 0
          ? `No new members in the last ${NEW_MEMBER_DAYS} days.`
          : `${plural(newMembers.count, 'new member', 'new members')} in the last ${NEW_MEMBER_DAYS} days: ${newMembers.firstFew.join(', ')}${newMembers.count > newMembers.firstFew.length ? ' and others.' : ''}`,
      consents:
        consentsToCheck === 0
          ? 'Nobody’s consent needs checking.'
          : `${plural(consentsToCheck, 'person has', 'people have')} no consent in force, or ${consentsToCheck === 1 ? 'has' : 'have'} paused. Check with them before putting anyone in touch.`,
    })),
    pagination: paginationView(home.page, home.pageCount, (page) => addresses.coordinate(page)),
  }
}

function personView(person: ExpertPerson, mayReveal: boolean, recentIntroductions: number | null = null) {
  return {
    id: person.id,
    introducedRecently:
      recentIntroductions === null
        ? null
        : recentIntroductions === 0
          ? `Not introduced in the last ${RECENT_INTRODUCTION_DAYS} days`
          : `Introduced ${recentIntroductions === 1 ? 'once' : `${recentIntroductions} times`} in the last ${RECENT_INTRODUCTION_DAYS} days`,
    name: person.displayName,
    href: addresses.coordinatePerson(person.id),
    hubName: person.hub.name,
    skills: person.skills.join(', '),
    skillsInOwnWords: person.skillsInOwnWords,
    wouldLikeToShare: person.wouldLikeToShare,
    availability: person.availability,
    howOften: person.howOften ? (HOW_OFTEN_WORDS[person.howOften] ?? null) : null,
    contactWays: contactWaysInWords(person.contactWays),
    whoSees: VISIBILITY_WORDS[person.visibility] ?? '',
    miles: person.miles === null ? null : person.miles === 1 ? '1 mile away' : `${person.miles} miles away`,
    contactHref: mayReveal ? addresses.coordinatePersonContact(person.id) : null,
  }
}

export function presentExpertise(input: {
  typed: ExpertiseTyped
  problems: readonly FieldProblem[]
  lookingAfter: HubsLookedAfter
  skills: readonly SkillRow[]
  found: ExpertisePage | null
  /** "Near Margate" etc.: where was searched, in words */
  searchedFor: string | null
  /** the hub searched in, whose gaps report the results link to */
  gapsOf?: { slug: string; name: string } | null
  placeOptions: { text: string; href: string }[]
  /** how many introductions each person on the page had recently */
  recentIntroductions: Map<number, number>
  /** the introduction someone is being chosen for, when there is one */
  choosing: { id: number; helpWanted: string; csrfToken: string } | null
}) {
  const { typed, lookingAfter, found, choosing } = input
  const miles = typed.miles === '' ? String(DEFAULT_DISTANCE) : typed.miles
  const filters = {
    introduction: choosing?.id ?? null,
    skill: typed.skill,
    q: typed.q,
    hub: typed.hub,
    where: typed.where,
    miles: Number(miles) || null,
  }
  const onlyHub = !lookingAfter.everyHub && lookingAfter.hubs.length === 1 ? lookingAfter.hubs[0] : undefined
  const chosenHub = typed.hub || (onlyHub && !typed.where ? onlyHub.slug : '')
  return {
    ...formErrors(input.problems, { skill: 'skill', q: 'q', hub: 'hub', where: 'where', miles: 'miles' }),
    pageTitle: `Find local expertise${found && found.pageCount > 1 ? ` (page ${found.page} of ${found.pageCount})` : ''}`,
    breadcrumbs: BREADCRUMBS,
    action: addresses.coordinateExpertise(),
    values: { ...typed, hub: chosenHub },
    choosing: choosing
      ? {
          id: choosing.id,
          helpWanted: choosing.helpWanted,
          href: addresses.coordinateIntroduction(choosing.id),
          action: addresses.coordinateIntroductionChoose(choosing.id),
          csrfToken: choosing.csrfToken,
        }
      : null,
    skillItems: [
      { value: '', text: 'Any skill', selected: typed.skill === '' },
      ...input.skills.map((skill) => ({
        value: skill.code,
        text: skill.name,
        selected: typed.skill === skill.code,
      })),
    ],
    hubSelect: lookingAfter.everyHub
      ? null
      : [
          {
            value: '',
            text: lookingAfter.hubs.length > 1 ? 'Any of your hubs, near the place below' : 'Choose a hub',
            selected: chosenHub === '',
          },
          ...lookingAfter.hubs.map((hub) => ({
            value: hub.slug,
            text: hub.name,
            selected: chosenHub === hub.slug,
          })),
        ],
    distanceItems: DISTANCES.map((distance) => ({
      value: String(distance),
      text: distance === 1 ? 'Within 1 mile' : `Within ${distance} miles`,
      selected: miles === String(distance),
    })),
    placeOptions: input.placeOptions,
    gaps: input.gapsOf
      ? { href: addresses.coordinateGaps(input.gapsOf.slug), hubName: input.gapsOf.name }
      : null,
    count: found
      ? found.total === 0
        ? 'Nobody found. Try another skill, fewer words or a bigger distance.'
        : `${plural(found.total, 'person', 'people')} found${input.searchedFor ? ` ${input.searchedFor}` : ''}.`
      : null,
    people: (found?.people ?? []).map((person) =>
      personView(person, true, input.recentIntroductions.get(person.id) ?? 0),
    ),
    pagination: found
      ? paginationView(found.page, found.pageCount, (page) => addresses.coordinateExpertise(filters, page))
      : null,
  }
}

export function presentPerson(person: ExpertPerson) {
  return {
    pageTitle: `${person.displayName} – Coordinate`,
    breadcrumbs: [...BREADCRUMBS, { href: addresses.coordinateExpertise(), text: 'Find local expertise' }],
    person: personView(person, true),
    expertiseHref: addresses.coordinateExpertise({ hub: person.hub.slug }),
  }
}

export function presentContactForm(person: ExpertPerson, reason: string, problems: readonly FieldProblem[]) {
  return {
    ...formErrors(problems, { reason: 'reason' }),
    pageTitle: `Show the contact details of ${person.displayName}`,
    breadcrumbs: [...BREADCRUMBS, { href: addresses.coordinatePerson(person.id), text: person.displayName }],
    name: person.displayName,
    action: addresses.coordinatePersonContact(person.id),
    backHref: addresses.coordinatePerson(person.id),
    reason,
  }
}

export function presentContactShown(person: ExpertPerson, details: ContactDetails) {
  return {
    pageTitle: `Contact details of ${person.displayName}`,
    breadcrumbs: [...BREADCRUMBS, { href: addresses.coordinatePerson(person.id), text: person.displayName }],
    name: person.displayName,
    phone: details.phone,
    phoneHref: details.phone ? addresses.phone(details.phone) : null,
    email: details.email,
    emailHref: details.email ? addresses.email(details.email) : null,
    throughHubOnly: details.throughHubOnly,
    contactWays: contactWaysInWords(person.contactWays),
    backHref: addresses.coordinatePerson(person.id),
  }
}
