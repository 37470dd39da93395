/**
 * The choices on /people: ?hub=thanet&skill=tablets-and-phones&page=2, or ?find=Margate
 * (the "Hub name or town" box, which finds the hub). A hub and a skill are each one choice;
 * whether they exist is checked by the route against the database. A bad value is reported in
 * the error summary and that choice is left off, so the page still answers. A page number that
 * is not one reads as the first page.
 */
import { z } from 'zod'

export interface PeopleFilters {
  /** a hub's slug, or null for every hub */
  hub: string | null
  /** a skill's code, or null for every skill */
  skill: string | null
  /** what was typed in "Hub name or town", or null */
  find: string | null
  page: number
}

export interface PeopleFilterError {
  field: 'find' | 'skill'
  message: string
}

export const HUB_MESSAGE = 'Type the name of a hub, or a town or postcode near you'
export const SKILL_MESSAGE = 'Choose a skill from the list'
export const FIND_MESSAGE =
  'We could not find a hub or a place with that name. Type the name of a hub, a town or a postcode'
export const FIND_MAX_LENGTH = 100

const choice = (message: string) =>
  z
    .string({ message })
    .trim()
    .max(80, message)
    .regex(/^([a-z0-9][a-z0-9-]*)?$/, message)
    .optional()

const fields = { hub: choice(HUB_MESSAGE), skill: choice(SKILL_MESSAGE) }
const find = z
  .string({ message: HUB_MESSAGE })
  .max(FIND_MAX_LENGTH, `The hub name or town must be ${FIND_MAX_LENGTH} characters or fewer`)
  .optional()
const page = z.coerce.number().int().min(1).max(100_000)

/** Reads the choices; each bad one becomes an error and no choice. A bad hub is told at "Hub name or town". */
export function parsePeopleFilters(query: unknown): { filters: PeopleFilters; errors: PeopleFilterError[] } {
  const source = typeof query === 'object' && query !== null ? (query as Record<string, unknown>) : {}
  const filters: PeopleFilters = { hub: null, skill: null, find: null, page: 1 }
  const errors: PeopleFilterError[] = []
  for (const field of ['hub', 'skill'] as const) {
    const result = fields[field].safeParse(source[field])
    if (!result.success)
      errors.push(
        field === 'hub' ? { field: 'find', message: HUB_MESSAGE } : { field, message: SKILL_MESSAGE },
      )
    else filters[field] = result.data || null
  }
  const typed = find.safeParse(source.find)
  if (!typed.success) errors.push({ field: 'find', message: typed.error.issues[0]?.message ?? HUB_MESSAGE })
  else filters.find = typed.data?.trim().replace(/\s+/g, ' ') || null
  const pageNumber = page.safeParse(source.page)
  if (pageNumber.success) filters.page = pageNumber.data
  return { filters, errors }
}
