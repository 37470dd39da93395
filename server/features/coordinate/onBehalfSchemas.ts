/**
 * Registering someone on their behalf, and acting for them later: one strict zod schema per
 * form. The questions are those of "Share your skills" (server/features/shareSkills/schemas.ts),
 * with the same limits, asked about someone else ("their"); SharingService then checks the
 * answers as it checks its own pages (contact details in free text, the skill list, the hub).
 */
import { z } from 'zod'
import type { FieldProblem } from '../../forms'
import { HELPER_NAME_MAX, REASON_MAX } from '../../services/coordinate/onBehalfService'
import { HOW_OFTEN } from '../../services/sharing/contract'
import {
  AVAILABILITY_MAX,
  FIRST_NAME_MAX,
  LAST_NAME_MAX,
  OWN_WORDS_MAX,
  SHARE_MAX,
} from '../shareSkills/schemas'

const text = (value: unknown): unknown => (typeof value === 'string' ? value : '')
const ticked = (value: unknown): unknown =>
  value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]
const words = (max: number, tooLong: string) => z.preprocess(text, z.string().trim().max(max, tooLong))

const form = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? 'The form sent something we did not ask for. Please try again'
        : undefined,
  })

/** The three boxes of a date, as typed. */
const dateParts = {
  'checkAgainOn-day': words(10, 'Enter a real date'),
  'checkAgainOn-month': words(10, 'Enter a real date'),
  'checkAgainOn-year': words(10, 'Enter a real date'),
}

const PHONE = /^\+?[0-9 ()-]+$/
const digitsIn = (value: string) => value.replace(/[^0-9]/g, '').length

/** The one long form of "Register someone on their behalf". */
export const registerForm = form({
  firstName: z.preprocess(
    text,
    z
      .string()
      .trim()
      .min(1, 'Enter their first name')
      .max(FIRST_NAME_MAX, `Their first name must be ${FIRST_NAME_MAX} characters or fewer`),
  ),
  lastName: words(LAST_NAME_MAX, `Their last name must be ${LAST_NAME_MAX} characters or fewer`),
  where: z.preprocess(
    text,
    z
      .string()
      .trim()
      .min(1, 'Enter the first part of their postcode, or their town or village')
      .max(100, 'Their postcode or town must be 100 characters or fewer'),
  ),
  hub: z.preprocess(text, z.string().trim().min(1, 'Choose their hub').max(100, 'Choose their hub')),
  skills: z.preprocess(ticked, z.array(z.string().max(100)).max(200)),
  skillsInOwnWords: words(OWN_WORDS_MAX, `"In their own words" must be ${OWN_WORDS_MAX} characters or fewer`),
  wouldLikeToShare: words(
    SHARE_MAX,
    `What they would like to share must be ${SHARE_MAX} characters or fewer`,
  ),
  howOften: z.preprocess(text, z.enum(HOW_OFTEN, { error: 'Choose how often they would like to share' })),
  availability: words(AVAILABILITY_MAX, `When they are free must be ${AVAILABILITY_MAX} characters or fewer`),
  contactWays: z.preprocess(ticked, z.array(z.enum(['phone', 'email'])).max(2)),
  phone: words(30, 'Enter a phone number, like 01632 960 001 or 07700 900 982'),
  email: words(254, 'Their email address must be 254 characters or fewer'),
  visibility: z.preprocess(
    text,
    z.enum(['coordinators', 'hub', 'public'], { error: 'Choose who can see their profile' }),
  ),
  method: z.preprocess(
    text,
    z.enum(['phone', 'paper', 'in-person', 'helper'], { error: 'Choose how they gave their agreement' }),
  ),
  helperName: words(HELPER_NAME_MAX, `The name must be ${HELPER_NAME_MAX} characters or fewer`),
  ...dateParts,
})
export type RegisterForm = z.infer<typeof registerForm>

/**
 * The checks between fields (a skill or own words; a number when "by phone" is ticked; the
 * helper's name), made on what was typed whether or not the rest of the form parsed (a zod
 * refinement would wait for every field to be right, and the page must name every problem).
 */
export function registerFormProblems(typed: Record<string, unknown>): FieldProblem[] {
  const problems: FieldProblem[] = []
  const one = (name: string) => (typeof typed[name] === 'string' ? (typed[name] as string).trim() : '')
  const many = (name: string): unknown[] => {
    const value = typed[name]
    return Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value]
  }
  if (many('skills').length === 0 && one('skillsInOwnWords') === '')
    problems.push({
      field: 'skills',
      message: 'Choose at least one thing they are good at, or say it in their own words',
    })
  const ways = many('contactWays')
  if (ways.includes('phone')) {
    const phone = one('phone')
    if (phone === '') problems.push({ field: 'phone', message: 'Enter their phone number' })
    else if (!PHONE.test(phone) || digitsIn(phone) < 10 || digitsIn(phone) > 13)
      problems.push({ field: 'phone', message: 'Enter a phone number, like 01632 960 001 or 07700 900 982' })
  }
  if (ways.includes('email')) {
    const email = one('email')
    if (email === '') problems.push({ field: 'email', message: 'Enter their email address' })
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      problems.push({
        field: 'email',
        message: 'Enter an email address in the correct format, like name@example.com',
      })
  }
  if (one('method') === 'helper' && one('helperName') === '')
    problems.push({ field: 'helperName', message: 'Enter the name of the family member or helper' })
  return problems
}

/** "Record that consent was checked": the next day to check it again. */
export const consentCheckedForm = form({ ...dateParts })

/** "Send a link to claim their profile": where to send it. */
export const claimLinkForm = form({
  email: words(254, 'Their email address must be 254 characters or fewer'),
})

/** "Delete their data": why. */
export const deleteForm = form({
  reason: z.preprocess(
    text,
    z
      .string()
      .trim()
      .min(1, 'Enter why their data is being deleted')
      .max(REASON_MAX, `The reason must be ${REASON_MAX} characters or fewer`),
  ),
})

/** "This is me": the link's token, sent back with the button. */
export const claimForm = form({ token: z.preprocess(text, z.string().max(100)) })

/**
 * The day typed into the three boxes of "checkAgainOn", as YYYY-MM-DD; or the problem with it.
 * Whether it is in the future is for the service (it knows today).
 */
export function dayTyped(values: Record<string, unknown>): {
  day: string | null
  problem: FieldProblem | null
} {
  const part = (name: string) =>
    typeof values[`checkAgainOn-${name}`] === 'string' ? values[`checkAgainOn-${name}`] : ''
  const [day, month, year] = [part('day'), part('month'), part('year')].map((value) => String(value).trim())
  const problem = (message: string) => ({ day: null, problem: { field: 'checkAgainOn', message } })
  if (day === '' && month === '' && year === '') return problem('Enter the date to check again')
  if (!/^\d{1,2}$/.test(day ?? '') || !/^\d{1,2}$/.test(month ?? '') || !/^\d{4}$/.test(year ?? ''))
    return problem('The date to check again must be a real date, like 1 12 2027')
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  if (
    date.getUTCFullYear() !== Number(year) ||
    date.getUTCMonth() !== Number(month) - 1 ||
    date.getUTCDate() !== Number(day)
  )
    return problem('The date to check again must be a real date, like 1 12 2027')
  return { day: date.toISOString().slice(0, 10), problem: null }
}

/** A day, YYYY-MM-DD, as the three boxes show it. */
export const dayAsBoxes = (day: string): { day: string; month: string; year: string } => {
  const [year, month, date] = day.split('-')
  return { day: String(Number(date)), month: String(Number(month)), year: year ?? '' }
}
