/**
 * "Share your skills": what each page shows, from the answers and what the services said.
 * Every link comes from the address book; the words are for people who find computers hard.
 */
import { addresses } from '../../addresses'
import { NO_FORM_ERRORS, type FormErrors } from '../../forms'
import {
  HOW_OFTEN,
  SHARING_STEPS,
  type ConsentStatement,
  type HowOften,
  type HubChoice,
  type SharingAnswers,
  type SharingStep,
  type SkillGroup,
  type Visibility,
} from '../../services/sharing/contract'
import type { PlaceOption, PlaceSuggestion } from '../../services/locationService'
import { NONE_OF_THESE, AVAILABILITY_MAX, OWN_WORDS_MAX, SHARE_MAX } from './schemas'
import { STEPS, stepBefore, type FormValues } from './steps'

/** Where a question page goes back to after saving: the journey, "Check your answers" or "Your profile". */
export type From = 'check' | 'profile' | undefined

export const HOW_OFTEN_WORDS: Record<HowOften, string> = {
  'now-and-then': 'Now and then',
  'few-hours-month': 'A few hours a month',
  'few-hours-week': 'A few hours a week',
  'most-weeks': 'Most weeks',
}

export const VISIBILITY_WORDS: Record<Visibility, { text: string; whoSees: string }> = {
  coordinators: {
    text: 'Only the coordinators of your hub',
    whoSees:
      'Only the coordinators and peer leads of your hub can see your profile. They may ask you to help someone.',
  },
  hub: {
    text: 'Members of your hub',
    whoSees:
      'People who have an account and belong to your hub can see your profile, as well as its coordinators.',
  },
  public: {
    text: 'Everyone',
    whoSees: 'Anyone using Common Ground can see your profile, including people without an account.',
  },
}

export const START_PAGE_TITLE = 'Share your skills with your local hub'

/** The start page: what happens, what others see, how long it takes; "Start now" or "Your profile". */
export function presentStartPage(state: {
  signedIn: boolean
  hasProfile: boolean
  resumeAt: SharingStep | null
  /** the hub whose page they came from, carried to "Your hub" */
  hub?: string
}) {
  const resuming = state.resumeAt !== null && state.resumeAt !== 'name'
  return {
    pageTitle: START_PAGE_TITLE,
    breadcrumbs: [{ href: addresses.start(), text: 'Home' }],
    hasProfile: state.hasProfile,
    yourProfileHref: addresses.yourProfile(),
    startHref: addresses.shareSkillsStep(resuming && state.resumeAt ? state.resumeAt : 'name', {
      hub: state.hub,
    }),
    resuming,
    signedIn: state.signedIn,
    peopleHref: addresses.people(),
    privacyHref: addresses.privacy(),
  }
}

/** A person who is not signed in, on a question page: create an account or sign in, then come back. */
export function presentAccountNeeded(returnTo: string) {
  return {
    pageTitle: 'Sign in or create an account to share your skills',
    backHref: addresses.shareSkills(),
    createAccountHref: addresses.createAccount({ returnTo }),
    signInHref: addresses.signIn({ returnTo }),
  }
}

/** The person's name as others see it: "Margaret H.". */
export function displayName(answers: SharingAnswers): string {
  const first = (answers.firstName ?? '').trim()
  const initial = (answers.lastName ?? '').trim().charAt(0).toUpperCase()
  return initial ? `${first} ${initial}.` : first
}

/** The skills' plain names, by code, in the order of the list. */
export function skillNames(groups: SkillGroup[], codes: readonly string[]): string[] {
  const chosen = new Set(codes)
  return groups.flatMap((group) =>
    group.skills.filter((skill) => chosen.has(skill.code)).map((skill) => skill.name),
  )
}

export interface StepContext {
  step: SharingStep
  from: From
  /** the hub whose page the person started from, carried to "Your hub" */
  hub?: string
  answers: SharingAnswers
  /** what the form holds: the answers so far, or what was typed */
  values: FormValues
  form?: FormErrors
  csrfToken: string
}

/** What every question page has: its title, Back link, form action, values, errors and button. */
function basePage(context: StepContext) {
  const { step, from, hub } = context
  const definition = STEPS[step]
  const before = stepBefore(step)
  const backHref =
    from === 'profile'
      ? addresses.yourProfile()
      : from === 'check'
        ? addresses.shareSkillsStep('check')
        : before
          ? addresses.shareSkillsStep(before, { hub })
          : addresses.shareSkills({ hub })
  const form = context.form ?? NO_FORM_ERRORS
  return {
    pageTitle: definition.title,
    backHref,
    action: addresses.shareSkillsStep(step, { from, hub }),
    csrfToken: context.csrfToken,
    values: context.values,
    errors: form.errors,
    errorSummary: form.errorSummary,
    button: from === 'profile' ? 'Save and go back to your profile' : 'Continue',
    progress: `Question ${SHARING_STEPS.indexOf(step) + 1} of ${SHARING_STEPS.length - 1}`,
    showProgress: from === undefined && step !== 'check',
  }
}

export const presentNamePage = (context: StepContext) => basePage(context)

/** "Where do you live?", or "Which one did you mean?" with a radio for each place. */
export function presentWherePage(
  context: StepContext,
  place: { choose?: { name: string; options: PlaceOption[] }; suggestions?: PlaceSuggestion[] } = {},
) {
  const base = basePage(context)
  const choose = place.choose
  return {
    ...base,
    pageTitle: choose ? `Which ${choose.name} did you mean?` : base.pageTitle,
    choose: choose
      ? {
          name: choose.name,
          legend: `Which ${choose.name} did you mean?`,
          items: choose.options.map((option) => ({
            value: option.where,
            text: option.name,
            hint: option.hint,
          })),
        }
      : null,
    suggestions: (place.suggestions ?? []).map((suggestion) => ({
      text: suggestion.name,
      where: suggestion.where,
    })),
  }
}

/** "Your local hub": the hubs whose area holds the place first, then the nearest, then "None of these". */
export function presentHubPage(context: StepContext, choices: HubChoice[]) {
  const miles = (n: number) => (n < 0.1 ? 'less than 0.1 miles away' : `${n.toFixed(1)} miles away`)
  const place = context.answers.placeLabel ?? context.answers.postcodeDistrict ?? 'where you live'
  return {
    ...basePage(context),
    place,
    items: [
      ...choices.map((hub) => ({
        value: hub.slug,
        text: hub.name,
        hint: hub.covers ? `Covers ${place}` : miles(hub.miles),
      })),
      {
        value: NONE_OF_THESE,
        text: 'None of these',
        hint: 'You can still share your skills, and choose a hub later from your profile',
      },
    ],
  }
}

/** "What are you good at?": a group of boxes for each kind of skill, then "In your own words". */
export function presentSkillsPage(context: StepContext, groups: SkillGroup[]) {
  return {
    ...basePage(context),
    ownWordsMax: OWN_WORDS_MAX,
    groups: groups.map((group, index) => ({
      name: group.name,
      // The first box of the first group is where "Choose at least one" links to.
      idPrefix: index === 0 ? 'skills' : `skills-${index + 1}`,
      items: group.skills.map((skill) => ({
        value: skill.code,
        text: skill.name,
        hint: skill.description,
        id: skill === group.skills[0] && index === 0 ? 'skills' : `skill-${skill.code}`,
      })),
    })),
  }
}

export function presentSharingPage(context: StepContext) {
  return {
    ...basePage(context),
    shareMax: SHARE_MAX,
    availabilityMax: AVAILABILITY_MAX,
    howOftenItems: HOW_OFTEN.map((value) => ({ value, text: HOW_OFTEN_WORDS[value] })),
  }
}

/** "How should people get in touch?": through the hub always; a phone number or email address when chosen. */
export function presentContactPage(context: StepContext) {
  const { values, form } = context
  const errors = (form ?? NO_FORM_ERRORS).errors
  const text = (name: string) => (typeof values[name] === 'string' ? values[name] : '')
  return {
    ...basePage(context),
    items: [
      {
        value: 'phone',
        text: 'By phone',
        conditional: {
          id: 'phone',
          label: 'Your phone number',
          type: 'tel',
          autocomplete: 'tel',
          classes: 'govuk-!-width-one-half',
          value: text('phone'),
          error: errors.phone,
        },
      },
      {
        value: 'email',
        text: 'By email',
        conditional: {
          id: 'email',
          label: 'Your email address',
          type: 'email',
          autocomplete: 'email',
          spellcheck: 'false',
          value: text('email'),
          error: errors.email,
        },
      },
    ],
  }
}

/** What others would see of this person: "Margaret H. (Thanet): Tablets and phones". */
export function exampleOfProfile(answers: SharingAnswers, hubName: string | null, skills: string[]): string {
  const name = displayName(answers) || 'Your name'
  const shares =
    skills.length > 0 ? skills.slice(0, 3).join(', ') : (answers.skillsInOwnWords ?? '').slice(0, 60)
  return `${name}${hubName ? ` (${hubName})` : ''}${shares ? `: ${shares}` : ''}`
}

/** "Who can see your profile?": each choice with one plain sentence and an example of what is seen. */
export function presentWhoCanSeePage(context: StepContext, example: string) {
  return {
    ...basePage(context),
    example,
    items: (['coordinators', 'hub', 'public'] as const).map((value) => ({
      value,
      text: VISIBILITY_WORDS[value].text,
      hint: `${VISIBILITY_WORDS[value].whoSees} They will see: ${example}`,
    })),
  }
}

export function presentAgreementPage(context: StepContext, statement: ConsentStatement) {
  return { ...basePage(context), statement, agreeItems: [{ value: 'yes', text: 'I agree' }] }
}

export interface SummaryRow {
  key: string
  value: string[]
  change: { href: string; hiddenText: string }
}

/** "Check your answers": every answer, each with a "Change" link that comes back here. */
export function presentCheckPage(
  context: StepContext,
  facts: { hubName: string | null; skillNames: string[]; consentVersion: string | null },
) {
  const { answers } = context
  const change = (step: SharingStep, hiddenText: string) => ({
    href: addresses.shareSkillsStep(step, { from: 'check' }),
    hiddenText,
  })
  const orNotGiven = (value: string | undefined) => (value && value.trim() !== '' ? value : 'Not given')
  const ways = answers.contactWays ?? ['through-hub']
  const rows: SummaryRow[] = [
    {
      key: 'Your name',
      value: [answers.firstName ?? '', answers.lastName ? `Others see: ${displayName(answers)}` : ''].filter(
        Boolean,
      ),
      change: change('name', 'your name'),
    },
    {
      key: 'Where you live',
      value: [orNotGiven(answers.placeLabel ?? answers.postcodeDistrict)],
      change: change('where', 'where you live'),
    },
    {
      key: 'Your hub',
      value: [facts.hubName ?? 'None of these'],
      change: change('hub', 'your hub'),
    },
    {
      key: 'What you are good at',
      value: [
        ...facts.skillNames,
        answers.skillsInOwnWords ? `In your own words: ${answers.skillsInOwnWords}` : '',
      ].filter(Boolean),
      change: change('skills', 'what you are good at'),
    },
    {
      key: 'What you would like to share',
      value: [orNotGiven(answers.wouldLikeToShare)],
      change: change('sharing', 'what you would like to share'),
    },
    {
      key: 'How often',
      value: [
        answers.howOften ? HOW_OFTEN_WORDS[answers.howOften] : 'Not given',
        answers.availability ? `Usually free: ${answers.availability}` : '',
      ].filter(Boolean),
      change: change('sharing', 'how often'),
    },
    {
      key: 'How people get in touch',
      value: [
        'Through the hub',
        ways.includes('phone') ? `By phone: ${answers.phone ?? ''}` : '',
        ways.includes('email') ? `By email: ${answers.email ?? ''}` : '',
      ].filter(Boolean),
      change: change('contact', 'how people get in touch'),
    },
    {
      key: 'Who can see your profile',
      value: [answers.visibility ? VISIBILITY_WORDS[answers.visibility].text : 'Not given'],
      change: change('who-can-see', 'who can see your profile'),
    },
    {
      key: 'Your agreement',
      value: [answers.agreedVersion ? 'You agreed' : 'Not given'],
      change: change('agreement', 'your agreement'),
    },
  ]
  return { ...basePage(context), rows, button: 'Share my skills' }
}

export function presentDonePage() {
  return {
    pageTitle: 'You are sharing your skills',
    yourProfileHref: addresses.yourProfile(),
    peopleHref: addresses.people(),
  }
}
