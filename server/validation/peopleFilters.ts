/**
 * The filters on /people: ?hub=thanet&skill=tablets-and-phones. Each is one choice from a
 * list; whether it exists is checked by the route against the database. A bad value is
 * reported in the error summary and that filter is left off, so the page still answers.
 */
import { z } from 'zod'

export interface PeopleFilters {
  /** a hub's slug, or null for every hub */
  hub: string | null
  /** a skill's code, or null for every skill */
  skill: string | null
}

export interface PeopleFilterError {
  field: keyof PeopleFilters
  message: string
}

export const HUB_MESSAGE = 'Choose a hub from the list'
export const SKILL_MESSAGE = 'Choose a skill from the list'

const choice = (message: string) =>
  z
    .string({ message })
    .trim()
    .max(80, message)
    .regex(/^([a-z0-9][a-z0-9-]*)?$/, message)
    .optional()

const fields = { hub: choice(HUB_MESSAGE), skill: choice(SKILL_MESSAGE) }

/** Reads the filters; each bad one becomes an error and no filter. */
export function parsePeopleFilters(query: unknown): { filters: PeopleFilters; errors: PeopleFilterError[] } {
  const source = typeof query === 'object' && query !== null ? (query as Record<string, unknown>) : {}
  const filters: PeopleFilters = { hub: null, skill: null }
  const errors: PeopleFilterError[] = []
  for (const field of ['hub', 'skill'] as const) {
    const result = fields[field].safeParse(source[field])
    if (!result.success) errors.push({ field, message: field === 'hub' ? HUB_MESSAGE : SKILL_MESSAGE })
    else filters[field] = result.data || null
  }
  return { filters, errors }
}
