/**
 * The coordinator pages' query and form. Each takes only its own fields; what was typed is
 * kept to show again, never trusted for anything else.
 */
import { z } from 'zod'
import type { FieldProblem } from '../../forms'
import { DISTANCES, type Distance } from '../../services/coordinate/coordinatorService'
import { WHERE_MAX_LENGTH } from '../../services/locationService'
import { parsePageNumber } from '../../validation/pageNumber'

export const REASON_MAX = 500
const WORDS_MAX = 100
export const DEFAULT_DISTANCE: Distance = 3

const one = (value: unknown): string => (typeof value === 'string' ? value.trim() : '')

/** What was typed into Find local expertise, as it was typed. */
export interface ExpertiseTyped {
  skill: string
  q: string
  hub: string
  where: string
  miles: string
}

export interface ExpertiseAsked {
  skill: string | null
  q: string
  hub: string | null
  where: string | null
  miles: Distance
  page: number
}

/**
 * /coordinate/expertise?skill=&q=&hub=&where=&miles=&page= : `asked` when the form was sent
 * without problems, `searched` when it was sent at all, `page` undefined when the page
 * number names no page (the 404 page).
 */
export function parseExpertiseQuery(query: Record<string, unknown>): {
  typed: ExpertiseTyped
  searched: boolean
  problems: FieldProblem[]
  asked: ExpertiseAsked | null
  page: number | undefined
} {
  const typed: ExpertiseTyped = {
    skill: one(query.skill).slice(0, 100),
    q: one(query.q).slice(0, 200),
    hub: one(query.hub).slice(0, 200),
    where: one(query.where).slice(0, 200),
    miles: one(query.miles).slice(0, 10),
  }
  const page = parsePageNumber(query.page)
  const searched = ['skill', 'q', 'hub', 'where', 'miles'].some((name) => query[name] !== undefined)
  const problems: FieldProblem[] = []
  if (typed.q.length > WORDS_MAX)
    problems.push({ field: 'q', message: `Words must be ${WORDS_MAX} characters or fewer` })
  if (typed.hub.length > 100) problems.push({ field: 'hub', message: 'Choose a hub from the list' })
  if (typed.where.length > WHERE_MAX_LENGTH)
    problems.push({
      field: 'where',
      message: `The town, village or postcode must be ${WHERE_MAX_LENGTH} characters or fewer`,
    })
  const miles = typed.miles === '' ? DEFAULT_DISTANCE : Number(typed.miles)
  if (!(DISTANCES as readonly number[]).includes(miles))
    problems.push({ field: 'miles', message: 'Choose a distance from the list' })
  if (searched && typed.hub === '' && typed.where === '')
    problems.push({ field: 'hub', message: 'Choose a hub, or enter a town, village or postcode' })
  return {
    typed,
    searched,
    problems,
    page,
    asked:
      searched && problems.length === 0 && page !== undefined
        ? {
            skill: typed.skill || null,
            q: typed.q,
            hub: typed.hub || null,
            where: typed.where || null,
            miles: miles as Distance,
            page,
          }
        : null,
  }
}

/** "Show contact details": why they are needed, kept in the audit log. */
export const contactForm = z.object({
  reason: z.preprocess(
    (value) => (typeof value === 'string' ? value : ''),
    z
      .string()
      .trim()
      .min(1, 'Enter why you need this person’s contact details')
      .max(REASON_MAX, `The reason must be ${REASON_MAX} characters or fewer`),
  ),
})

/** A person's number in the address: a whole number, or nothing (the 404 page). */
export function parsePersonId(value: unknown): number | null {
  return typeof value === 'string' && /^[1-9][0-9]{0,11}$/.test(value) ? Number(value) : null
}
