/**
 * The introduction pages' forms and queries (issue 11). Each POST has its own strict schema;
 * the routes read only the parsed result.
 */
import { z } from 'zod'
import type { IntroductionStatus } from '../../../db/repositories/introductionsRepository'
import { CLOSED_WITHOUT, HOW_IT_WENT, STATES } from '../../services/introductions/introductionService'
import { parsePageNumber } from '../../validation/pageNumber'

export const NOTE_MAX = 500

const text = (value: unknown) => (typeof value === 'string' ? value : '')

/** /coordinate/introductions?state=&hub=&page= : null when the state or page names nothing (404). */
export function parseIntroductionsQuery(
  query: Record<string, unknown>,
): { status: IntroductionStatus; hub: string | null; page: number } | null {
  const state = text(query.state) || 'waiting'
  const page = parsePageNumber(query.page)
  if (!(STATES as readonly string[]).includes(state) || page === undefined) return null
  const hub = text(query.hub).trim().slice(0, 100)
  return { status: state as IntroductionStatus, hub: hub || null, page }
}

/** An introduction's number in the address or a form: a whole number, or null. */
export function parseId(value: unknown): number | null {
  return typeof value === 'string' && /^[1-9][0-9]{0,11}$/.test(value) ? Number(value) : null
}

export const chooseForm = z.strictObject({
  _csrf: z.string().optional(),
  personId: z
    .string()
    .regex(/^[1-9][0-9]{0,11}$/, 'Choose someone from the list')
    .transform(Number),
})

export const askForm = z.strictObject({ _csrf: z.string().optional() })

export const answerForm = z.strictObject({
  _csrf: z.string().optional(),
  answer: z.enum(['accepted', 'declined'], { message: 'Choose what they said' }),
})

const note = z.preprocess(
  (value) => (typeof value === 'string' ? value : ''),
  z.string().trim().max(NOTE_MAX, `The note must be ${NOTE_MAX} characters or fewer`),
)

export const howItWentForm = z.strictObject({
  _csrf: z.string().optional(),
  outcome: z.enum(HOW_IT_WENT as [string, ...string[]], { message: 'Choose how it went' }),
  note,
})

export const closeForm = z.strictObject({
  _csrf: z.string().optional(),
  outcome: z.enum(CLOSED_WITHOUT as [string, ...string[]], { message: 'Choose why it is being closed' }),
  note,
})

/** The answer link's form: the token, and which button was pressed. */
export const linkAnswerForm = z.strictObject({
  _csrf: z.string().optional(),
  token: z.string().max(200),
  answer: z.enum(['accept', 'decline']),
})
