/**
 * The search filters shared by /search and the map (/map, /map/markers.json):
 * ?q=&where=&lat=&lng=&category=&day=&free=&access=&home=&distance=&page=
 *
 * The app's query parser is 'simple', so a repeated parameter (?category=a&category=b)
 * arrives as an array and any parameter may be a string or an array of strings. Every
 * message is plain English, because it is shown to the person in an error summary.
 */
import { z } from 'zod'

export const QUERY_MAX_LENGTH = 200
export const WHERE_MAX_LENGTH = 100

export const DAY_SLUGS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const
export type DaySlug = (typeof DAY_SLUGS)[number]

export const ACCESS_CODES = [
  'step-free',
  'hearing-loop',
  'accessible-toilet',
  'seating',
  'parking',
  'bus-stop',
] as const
export type AccessCode = (typeof ACCESS_CODES)[number]

/** The distances a person may choose; a search with a place widens through 10, 25 and 50 by itself. */
export const DISTANCES_MILES = [1, 3, 5, 10, 25, 50] as const
export type DistanceMiles = (typeof DISTANCES_MILES)[number]

/** The parsed filters. Empty text is '', a missing choice is null or [], page is 1 or more. */
export interface SearchFilters {
  /** what the person typed in "What are you looking for?" (trimmed) */
  q: string
  /** what the person typed in "Where?" (trimmed) */
  where: string
  /** a point from "Use my location"; both or neither */
  lat: number | null
  lng: number | null
  /** category codes, such as walking-groups (checked against the database by the service) */
  categories: string[]
  day: DaySlug | null
  free: boolean
  access: AccessCode[]
  home: boolean
  /** only applies when a place is given */
  distance: DistanceMiles | null
  page: number
}

/** A parameter that may arrive once (a string) or several times (an array). */
const oneValue = (value: unknown): unknown => {
  const first = Array.isArray(value) ? value[0] : value
  if (typeof first !== 'string') return first
  const trimmed = first.trim()
  return trimmed === '' ? undefined : trimmed
}

const manyValues = (value: unknown): unknown => {
  if (value === undefined) return []
  const list = Array.isArray(value) ? value : [value]
  return list.map((item) => (typeof item === 'string' ? item.trim() : item)).filter((item) => item !== '')
}

const text = (max: number, tooLong: string) =>
  z.preprocess(oneValue, z.string({ message: tooLong }).max(max, tooLong).optional())

const yes = (message: string) =>
  z.preprocess(oneValue, z.literal('yes', { message }).optional()).transform((value) => value === 'yes')

const coordinate = (min: number, max: number, message: string) =>
  z.preprocess(
    oneValue,
    z.coerce
      .number({ message })
      .refine((n) => Number.isFinite(n) && n >= min && n <= max, message)
      .optional(),
  )

/** A code shape: lower-case letters, digits and hyphens, at most 60 characters. */
const CODE = /^[a-z0-9][a-z0-9-]{0,59}$/

/**
 * The fields, so the map can extend them (`z.object({ ...searchFilterFields, bbox, zoom })`).
 * Category codes are only checked for shape here; whether they exist is the service's job,
 * because the list of categories lives in the database.
 */
export const searchFilterFields = {
  q: text(QUERY_MAX_LENGTH, `What you are looking for must be ${QUERY_MAX_LENGTH} characters or fewer`),
  where: text(WHERE_MAX_LENGTH, `Where must be ${WHERE_MAX_LENGTH} characters or fewer`),
  lat: coordinate(-90, 90, 'Your location could not be used. Type a town or postcode instead'),
  lng: coordinate(-180, 180, 'Your location could not be used. Type a town or postcode instead'),
  category: z.preprocess(
    manyValues,
    z
      .array(z.string().regex(CODE, 'Choose a type of group or activity from the list'), {
        message: 'Choose a type of group or activity from the list',
      })
      .max(30, 'Choose fewer types of group or activity'),
  ),
  day: z.preprocess(
    oneValue,
    z.enum(DAY_SLUGS, { message: 'Choose a day of the week from the list' }).optional(),
  ),
  free: yes('Free only must be ticked or not ticked'),
  access: z.preprocess(
    manyValues,
    z.array(z.enum(ACCESS_CODES, { message: 'Choose access needs from the list' }), {
      message: 'Choose access needs from the list',
    }),
  ),
  home: yes('Comes to your home must be ticked or not ticked'),
  distance: z.preprocess(
    oneValue,
    z.coerce
      .number({ message: 'Choose a distance from the list' })
      .refine((n) => (DISTANCES_MILES as readonly number[]).includes(n), 'Choose a distance from the list')
      .optional(),
  ),
  page: z.preprocess(
    oneValue,
    z.coerce
      .number({ message: 'Page must be a whole number, 1 or more' })
      .int('Page must be a whole number, 1 or more')
      .min(1, 'Page must be a whole number, 1 or more')
      .max(1_000_000, 'There are not that many pages')
      .optional(),
  ),
}

export const searchQuerySchema = z.object(searchFilterFields).transform((raw): SearchFilters => ({
  q: raw.q ?? '',
  where: raw.where ?? '',
  // A point needs both halves; one alone is ignored.
  lat: raw.lat !== undefined && raw.lng !== undefined ? raw.lat : null,
  lng: raw.lat !== undefined && raw.lng !== undefined ? raw.lng : null,
  categories: [...new Set(raw.category)],
  day: raw.day ?? null,
  free: raw.free,
  access: [...new Set(raw.access)],
  home: raw.home,
  distance: (raw.distance ?? null) as DistanceMiles | null,
  page: raw.page ?? 1,
}))

/** One problem with the query, for the error summary: the field's id and a message. */
export interface SearchFieldError {
  field: keyof typeof searchFilterFields
  message: string
}

export const NO_FILTERS: SearchFilters = {
  q: '',
  where: '',
  lat: null,
  lng: null,
  categories: [],
  day: null,
  free: false,
  access: [],
  home: false,
  distance: null,
  page: 1,
}

/**
 * Parses a query. On a problem it still returns the filters it could read (each bad field
 * falls back to "no filter"), so the page can show what was typed beside the message.
 */
export function parseSearchQuery(query: unknown): { filters: SearchFilters; errors: SearchFieldError[] } {
  const source = typeof query === 'object' && query !== null ? (query as Record<string, unknown>) : {}
  const result = searchQuerySchema.safeParse(source)
  if (result.success) return { filters: result.data, errors: [] }

  const errors: SearchFieldError[] = []
  const bad = new Set<string>()
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? 'q') as keyof typeof searchFilterFields
    if (bad.has(field)) continue
    bad.add(field)
    errors.push({ field, message: issue.message })
  }
  const cleaned = Object.fromEntries(Object.entries(source).filter(([key]) => !bad.has(key)))
  // Lat and lng go together.
  if (bad.has('lat') || bad.has('lng')) {
    delete cleaned.lat
    delete cleaned.lng
  }
  const retry = searchQuerySchema.safeParse(cleaned)
  return { filters: retry.success ? retry.data : NO_FILTERS, errors }
}

/**
 * One filter in use, as a record: its group and its value. The search page lists them above
 * the results, each with a link that removes it, and SearchService says what removing one
 * would find.
 */
export type FilterInUse =
  | { group: 'category'; value: string }
  | { group: 'day'; value: DaySlug }
  | { group: 'distance'; value: DistanceMiles }
  | { group: 'free'; value: 'yes' }
  | { group: 'home'; value: 'yes' }
  | { group: 'access'; value: AccessCode }

/** Every filter in use, in the order the filter panel shows their groups. */
export function filtersInUse(filters: SearchFilters): FilterInUse[] {
  return [
    ...filters.categories.map((value): FilterInUse => ({ group: 'category', value })),
    ...(filters.day ? [{ group: 'day', value: filters.day } as const] : []),
    ...(filters.distance !== null ? [{ group: 'distance', value: filters.distance } as const] : []),
    ...(filters.free ? [{ group: 'free', value: 'yes' } as const] : []),
    ...(filters.home ? [{ group: 'home', value: 'yes' } as const] : []),
    ...filters.access.map((value): FilterInUse => ({ group: 'access', value })),
  ]
}

/** The same filters without one of them, on the first page. */
export function withoutFilter(filters: SearchFilters, filter: FilterInUse): SearchFilters {
  const kept = { ...filters, page: 1 }
  switch (filter.group) {
    case 'category':
      return { ...kept, categories: filters.categories.filter((code) => code !== filter.value) }
    case 'day':
      return { ...kept, day: null }
    case 'distance':
      return { ...kept, distance: null }
    case 'free':
      return { ...kept, free: false }
    case 'home':
      return { ...kept, home: false }
    case 'access':
      return { ...kept, access: filters.access.filter((code) => code !== filter.value) }
  }
}
