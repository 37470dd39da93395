/**
 * "Share your skills": the question pages in order (SHARING_STEPS), in the shape of
 * hmpps-template-typescript's journeys: each step names its page, its schema and the step
 * after it, and says how its form's fields become answers and how answers fill its form
 * again. "Check your answers" is built from the same list (presenters.ts).
 */
import type { z } from 'zod'
import { SHARING_STEPS, type SharingAnswers, type SharingStep } from '../../services/sharing/contract'
import {
  NONE_OF_THESE,
  agreementForm,
  checkForm,
  contactForm,
  hubForm,
  nameForm,
  sharingForm,
  skillsForm,
  whereForm,
  whoCanSeeForm,
} from './schemas'

/** What a form's fields hold before they are answers: strings, and lists of ticked boxes. */
export type FormValues = Record<string, string | string[] | undefined>

export interface Step<Schema extends z.ZodType = z.ZodType> {
  name: SharingStep
  /** the page under views/pages/share-skills/ */
  page: string
  /** the page's title (and, for most, its h1) */
  title: string
  schema: Schema
  /**
   * which element each field's problem links to, in the order they stand on the page: the
   * form's fields, and the answers the service may name in its problems (hubSlug: the radios)
   */
  fieldIds: Record<string, string>
  /** the form's fields, checked, as answers to save */
  toAnswers: (form: z.infer<Schema>) => SharingAnswers
  /** the answers so far, as the form's fields */
  toValues: (answers: SharingAnswers) => FormValues
}

const step = <Schema extends z.ZodType>(definition: Step<Schema>): Step => definition as unknown as Step

/** A text answer, '' when there is none. */
const orEmpty = (value: string | undefined): string => value ?? ''

export const STEPS: Record<SharingStep, Step> = {
  name: step({
    name: 'name',
    page: 'name',
    title: 'Your name as others will see it',
    schema: nameForm,
    fieldIds: { firstName: 'firstName', lastName: 'lastName' },
    toAnswers: (form) => ({ firstName: form.firstName, lastName: form.lastName }),
    toValues: (answers) => ({ firstName: orEmpty(answers.firstName), lastName: orEmpty(answers.lastName) }),
  }),
  where: step({
    name: 'where',
    page: 'where',
    title: 'Where do you live?',
    schema: whereForm,
    fieldIds: { where: 'where', postcodeDistrict: 'where', placeLabel: 'where' },
    // Where is found by the location service first (router.ts); the answer is what it found.
    toAnswers: () => ({}),
    toValues: (answers) => ({ where: orEmpty(answers.placeLabel ?? answers.postcodeDistrict) }),
  }),
  hub: step({
    name: 'hub',
    page: 'hub',
    title: 'Which is your local hub?',
    schema: hubForm,
    fieldIds: { hub: 'hub', hubSlug: 'hub' },
    toAnswers: (form) => ({ hubSlug: form.hub === NONE_OF_THESE ? null : form.hub }),
    toValues: (answers) => ({
      hub: answers.hubSlug === null ? NONE_OF_THESE : orEmpty(answers.hubSlug),
    }),
  }),
  skills: step({
    name: 'skills',
    page: 'skills',
    title: 'What are you good at?',
    schema: skillsForm,
    fieldIds: { skills: 'skills', skillsInOwnWords: 'skillsInOwnWords' },
    toAnswers: (form) => ({ skills: form.skills, skillsInOwnWords: form.skillsInOwnWords }),
    toValues: (answers) => ({
      skills: answers.skills ?? [],
      skillsInOwnWords: orEmpty(answers.skillsInOwnWords),
    }),
  }),
  sharing: step({
    name: 'sharing',
    page: 'sharing',
    title: 'What would you like to share, and how often?',
    schema: sharingForm,
    fieldIds: { wouldLikeToShare: 'wouldLikeToShare', howOften: 'howOften', availability: 'availability' },
    toAnswers: (form) => ({
      wouldLikeToShare: form.wouldLikeToShare,
      howOften: form.howOften,
      availability: form.availability,
    }),
    toValues: (answers) => ({
      wouldLikeToShare: orEmpty(answers.wouldLikeToShare),
      howOften: orEmpty(answers.howOften),
      availability: orEmpty(answers.availability),
    }),
  }),
  contact: step({
    name: 'contact',
    page: 'contact',
    title: 'How should people get in touch with you?',
    schema: contactForm,
    fieldIds: { contactWays: 'contactWays', phone: 'phone', email: 'email' },
    // Through the hub always; a number or an address only when its way is chosen.
    toAnswers: (form) => ({
      contactWays: ['through-hub', ...form.contactWays],
      phone: form.contactWays.includes('phone') ? form.phone : undefined,
      email: form.contactWays.includes('email') ? form.email : undefined,
    }),
    toValues: (answers) => ({
      contactWays: (answers.contactWays ?? []).filter((way) => way !== 'through-hub'),
      phone: orEmpty(answers.phone),
      email: orEmpty(answers.email),
    }),
  }),
  'who-can-see': step({
    name: 'who-can-see',
    page: 'who-can-see',
    title: 'Who can see your profile?',
    schema: whoCanSeeForm,
    fieldIds: { visibility: 'visibility' },
    toAnswers: (form) => ({ visibility: form.visibility }),
    toValues: (answers) => ({ visibility: orEmpty(answers.visibility) }),
  }),
  agreement: step({
    name: 'agreement',
    page: 'agreement',
    title: 'Your agreement',
    schema: agreementForm,
    fieldIds: { agree: 'agree', agreedVersion: 'agree' },
    toAnswers: (form) => ({ agreedVersion: form.version }),
    toValues: (answers) => ({ agree: answers.agreedVersion ? 'yes' : '' }),
  }),
  check: step({
    name: 'check',
    page: 'check',
    title: 'Check your answers',
    schema: checkForm,
    fieldIds: {},
    toAnswers: () => ({}),
    toValues: () => ({}),
  }),
}

/** The step this one follows, or null for the first. */
export function stepBefore(name: SharingStep): SharingStep | null {
  const at = SHARING_STEPS.indexOf(name)
  return at > 0 ? (SHARING_STEPS[at - 1] ?? null) : null
}

/** The step after this one; "Check your answers" is the last. */
export function stepAfter(name: SharingStep): SharingStep {
  const at = SHARING_STEPS.indexOf(name)
  return SHARING_STEPS[Math.min(at + 1, SHARING_STEPS.length - 1)] ?? 'check'
}

/** True when `name` comes later in the journey than `than`. */
export const isLater = (name: SharingStep, than: SharingStep): boolean =>
  SHARING_STEPS.indexOf(name) > SHARING_STEPS.indexOf(than)

export const isStep = (value: string): value is SharingStep =>
  (SHARING_STEPS as readonly string[]).includes(value)
