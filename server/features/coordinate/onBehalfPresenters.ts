/**
 * The view models of registering someone on their behalf and acting for them later: service
 * results in, words and links (from the address book) out. The questions' choices are those
 * of "Share your skills" (server/features/shareSkills/presenters.ts), about someone else.
 */
import { addresses } from '../../addresses'
import { type FieldProblem, formErrors, NO_FORM_ERRORS } from '../../forms'
import type { HubsLookedAfter } from '../../services/coordinate/coordinatorService'
import type { OnBehalfPerson, PersonConsent } from '../../services/coordinate/onBehalfService'
import { CLAIM_LINK_DAYS } from '../../services/coordinate/onBehalfService'
import type { ConsentStatement, SkillGroup } from '../../services/sharing/contract'
import { HOW_OFTEN } from '../../services/sharing/contract'
import { HOW_OFTEN_WORDS } from '../shareSkills/presenters'
import { OWN_WORDS_MAX, SHARE_MAX } from '../shareSkills/schemas'
import { coordinateBreadcrumbs, dayInWords } from './presenters'
import { dayAsBoxes } from './onBehalfSchemas'

/** What a form's fields held, as the page shows them again. */
export type Typed = Record<string, string | string[] | undefined>

export const REGISTER_FIELDS = {
  firstName: 'firstName',
  lastName: 'lastName',
  where: 'where',
  postcodeDistrict: 'where',
  placeLabel: 'where',
  hub: 'hub',
  hubSlug: 'hub',
  skills: 'skills',
  skillsInOwnWords: 'skillsInOwnWords',
  wouldLikeToShare: 'wouldLikeToShare',
  howOften: 'howOften',
  availability: 'availability',
  contactWays: 'contactWays',
  phone: 'phone',
  email: 'email',
  visibility: 'visibility',
  method: 'method',
  helperName: 'helperName',
  checkAgainOn: 'checkAgainOn-day',
  'checkAgainOn-day': 'checkAgainOn-day',
  'checkAgainOn-month': 'checkAgainOn-day',
  'checkAgainOn-year': 'checkAgainOn-day',
} as const

export const METHOD_WORDS: Record<string, string> = {
  online: 'Online, by themself',
  phone: 'By phone',
  paper: 'On a paper form',
  'in-person': 'In person',
  helper: 'Through a family member or helper',
}

const VISIBILITY_CHOICES = [
  {
    value: 'coordinators',
    text: 'Only the coordinators of their hub',
    hint: 'Only the coordinators and peer leads of their hub can see their profile.',
  },
  {
    value: 'hub',
    text: 'Members of their hub',
    hint: 'People with an account who belong to their hub can see it, as well as its coordinators.',
  },
  {
    value: 'public',
    text: 'Everyone',
    hint: 'Anyone using Common Ground can see their first name and initial, hub and skills. Never their contact details.',
  },
]

const UK_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/London',
})

const timeInWords = (time: string): string => UK_TIME.format(new Date(time))

const one = (typed: Typed, name: string): string => {
  const value = typed[name]
  return typeof value === 'string' ? value : ''
}
const list = (typed: Typed, name: string): string[] => {
  const value = typed[name]
  return Array.isArray(value) ? value : typeof value === 'string' && value !== '' ? [value] : []
}

export function presentRegisterPage(input: {
  typed: Typed
  problems: readonly FieldProblem[]
  lookingAfter: HubsLookedAfter
  groups: SkillGroup[]
  statement: ConsentStatement
  /** the check-again day offered, YYYY-MM-DD */
  defaultCheckAgainOn: string
}) {
  const { typed, lookingAfter } = input
  const form = input.problems.length > 0 ? formErrors(input.problems, REGISTER_FIELDS) : NO_FORM_ERRORS
  const { errors } = form
  const offered = dayAsBoxes(input.defaultCheckAgainOn)
  const hasDay = ['day', 'month', 'year'].some((part) => typed[`checkAgainOn-${part}`] !== undefined)
  const skills = list(typed, 'skills')
  const contactWays = list(typed, 'contactWays')
  return {
    ...form,
    pageTitle: 'Register someone on their behalf',
    breadcrumbs: coordinateBreadcrumbs(),
    action: addresses.coordinateRegister(),
    cancelHref: addresses.coordinate(),
    values: {
      firstName: one(typed, 'firstName'),
      lastName: one(typed, 'lastName'),
      where: one(typed, 'where'),
      hub: one(typed, 'hub'),
      skillsInOwnWords: one(typed, 'skillsInOwnWords'),
      wouldLikeToShare: one(typed, 'wouldLikeToShare'),
      howOften: one(typed, 'howOften'),
      availability: one(typed, 'availability'),
      visibility: one(typed, 'visibility'),
      method: one(typed, 'method'),
      helperName: one(typed, 'helperName'),
      skills,
      contactWays,
      checkAgainOn: hasDay
        ? {
            day: one(typed, 'checkAgainOn-day'),
            month: one(typed, 'checkAgainOn-month'),
            year: one(typed, 'checkAgainOn-year'),
          }
        : offered,
    },
    offeredDayInWords: dayInWords(input.defaultCheckAgainOn),
    hubItems: lookingAfter.everyHub
      ? null
      : lookingAfter.hubs.map((hub) => ({ value: hub.slug, text: hub.name })),
    ownWordsMax: OWN_WORDS_MAX,
    shareMax: SHARE_MAX,
    groups: input.groups.map((group, index) => ({
      name: group.name,
      idPrefix: index === 0 ? 'skills' : `skills-${index + 1}`,
      items: group.skills.map((skill) => ({
        value: skill.code,
        text: skill.name,
        hint: skill.description,
        id: skill === group.skills[0] && index === 0 ? 'skills' : `skill-${skill.code}`,
      })),
    })),
    howOftenItems: HOW_OFTEN.map((value) => ({ value, text: HOW_OFTEN_WORDS[value] })),
    contactItems: [
      {
        value: 'phone',
        text: 'By phone',
        conditional: {
          id: 'phone',
          label: 'Their phone number',
          type: 'tel',
          classes: 'govuk-!-width-one-half',
          value: one(typed, 'phone'),
          error: errors.phone,
        },
      },
      {
        value: 'email',
        text: 'By email',
        conditional: {
          id: 'email',
          label: 'Their email address',
          type: 'email',
          spellcheck: 'false',
          value: one(typed, 'email'),
          error: errors.email,
        },
      },
    ],
    visibilityItems: VISIBILITY_CHOICES,
    statement: input.statement,
    methodItems: [
      { value: 'phone', text: METHOD_WORDS.phone },
      { value: 'paper', text: METHOD_WORDS.paper },
      { value: 'in-person', text: METHOD_WORDS['in-person'] },
      { value: 'helper', text: METHOD_WORDS.helper },
    ],
  }
}

/** The consent part of a person's coordinator page, and what can be done for them there. */
export function presentOnBehalf(input: {
  personId: number
  displayName: string
  consent: PersonConsent | null
  onBehalf: OnBehalfPerson
  /** what was just done, for the banner */
  done: string | undefined
  /** the form "Record that consent was checked", as typed, with its problems */
  checkTyped: Typed | null
  checkProblems: readonly FieldProblem[]
  defaultCheckAgainOn: string
}) {
  const { consent, personId } = input
  const form =
    input.checkProblems.length > 0 ? formErrors(input.checkProblems, REGISTER_FIELDS) : NO_FORM_ERRORS
  const notices: Record<string, string> = {
    registered: `${input.displayName} is registered, and their agreement is recorded.`,
    'consent-checked': 'The consent check is recorded, with the next date to check it.',
    'claim-link-sent': `A link to claim their profile has been sent. It works once, for ${CLAIM_LINK_DAYS} days.`,
  }
  const typed = input.checkTyped
  return {
    ...form,
    notice: input.done ? (notices[input.done] ?? null) : null,
    consent: consent
      ? {
          how:
            consent.method === 'helper' && consent.helperName
              ? `${METHOD_WORDS.helper}: ${consent.helperName}`
              : (METHOD_WORDS[consent.method] ?? consent.method),
          recordedBy: consent.recordedByThemself
            ? 'They did, online'
            : (consent.recordedBy ?? 'Not known (an account that has gone, or the demo data)'),
          when: timeInWords(consent.agreedAt),
          checkAgainOn: consent.checkAgainOn ? dayInWords(consent.checkAgainOn) : null,
          due: consent.due,
          checked: consent.checkedAt
            ? `${timeInWords(consent.checkedAt)}${consent.checkedBy ? `, by ${consent.checkedBy}` : ''}`
            : null,
        }
      : null,
    checkAction: addresses.coordinatePersonConsentChecked(personId),
    checkValue: typed
      ? {
          day: one(typed, 'checkAgainOn-day'),
          month: one(typed, 'checkAgainOn-month'),
          year: one(typed, 'checkAgainOn-year'),
        }
      : dayAsBoxes(input.defaultCheckAgainOn),
    claimHref: input.onBehalf.hasAccount ? null : addresses.coordinatePersonClaimLink(personId),
    hasAccount: input.onBehalf.hasAccount,
    downloadAction: addresses.coordinatePersonDownload(personId),
    deleteHref: addresses.coordinatePersonDelete(personId),
  }
}

export function presentClaimLinkPage(
  person: OnBehalfPerson,
  email: string,
  problems: readonly FieldProblem[],
) {
  return {
    ...formErrors(problems, { email: 'email' }),
    pageTitle: `Send ${person.displayName} a link to claim their profile`,
    breadcrumbs: [
      ...coordinateBreadcrumbs(),
      { href: addresses.coordinatePerson(person.id), text: person.displayName },
    ],
    name: person.displayName,
    action: addresses.coordinatePersonClaimLink(person.id),
    backHref: addresses.coordinatePerson(person.id),
    email,
    days: CLAIM_LINK_DAYS,
  }
}

export function presentDeletePage(person: OnBehalfPerson, reason: string, problems: readonly FieldProblem[]) {
  return {
    ...formErrors(problems, { reason: 'reason' }),
    pageTitle: `Delete the data of ${person.displayName}`,
    breadcrumbs: [
      ...coordinateBreadcrumbs(),
      { href: addresses.coordinatePerson(person.id), text: person.displayName },
    ],
    name: person.displayName,
    hasAccount: person.hasAccount,
    action: addresses.coordinatePersonDelete(person.id),
    backHref: addresses.coordinatePerson(person.id),
    reason,
  }
}

export function presentDeletedPage(name: string) {
  return {
    pageTitle: `The data of ${name} has been deleted`,
    breadcrumbs: coordinateBreadcrumbs(),
    name,
    homeHref: addresses.coordinate(),
  }
}

/** The claim page: who the link is for, and either "sign in first" or "This is me". */
export function presentClaimPage(input: {
  state: 'invalid' | 'sign-in' | 'confirm' | 'has-profile'
  token: string
  displayName?: string
  hubName?: string | null
  returnTo: string
}) {
  const titles = {
    invalid: 'This link does not work',
    'sign-in': 'Claim your profile',
    confirm: 'Is this you?',
    'has-profile': 'You already have a profile',
  }
  return {
    pageTitle: titles[input.state],
    state: { [input.state]: true },
    token: input.token,
    displayName: input.displayName ?? '',
    hubName: input.hubName ?? null,
    action: input.returnTo,
    createAccountHref: addresses.createAccount({ returnTo: input.returnTo }),
    signInHref: addresses.signIn({ returnTo: input.returnTo }),
    yourProfileHref: addresses.yourProfile(),
    startHref: addresses.start(),
  }
}
