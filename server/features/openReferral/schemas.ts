/**
 * The open data API's queries (Open Referral UK, schema/openapi.json's parameters), one strict
 * zod schema per list. A filter we do not take is refused rather than ignored: a reader that
 * sent organization_id and got every service back would be misled.
 */
import { z } from 'zod'
import { DAYS, type Day } from '../../services/listingWords'

/** Most results a page may hold, as the profile allows a directory to set. */
export const PER_PAGE_MAX = 100
/** A page's size when per_page is not given. */
export const PER_PAGE_DEFAULT = 50
/** The furthest a postcode's proximity may reach, in metres (about 31 miles). */
export const PROXIMITY_MAX = 50_000
/** Services at places within this many metres of a postcode when no proximity is given (about 5 miles). */
export const PROXIMITY_DEFAULT = 8000

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const TIME = /^([01][0-9]|2[0-3]):([0-5][0-9])(?::([0-5][0-9]))?$/
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i

/** One value: a parameter given twice arrives as an array, which no filter takes. */
const once = (name: string) => z.string({ error: `Give ${name} only once` }).optional()

const wholeNumber = (name: string, min: number, max: number, message: string) =>
  once(name).transform((value, context) => {
    if (value === undefined) return undefined
    if (!/^\d{1,9}$/.test(value.trim()) || Number(value) < min || Number(value) > max) {
      context.addIssue({ code: 'custom', message })
      return z.NEVER
    }
    return Number(value)
  })

const anId = (name: string, what: string) =>
  once(name).transform((value, context) => {
    if (value === undefined) return undefined
    if (!UUID.test(value.trim())) {
      context.addIssue({
        code: 'custom',
        message: `${name} must be the id of ${what}, such as 0b8e9e3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b`,
      })
      return z.NEVER
    }
    return value.trim().toLowerCase()
  })

const anAge = (name: string) =>
  once(name).transform((value, context) => {
    if (value === undefined) return undefined
    const age = Number(value.trim())
    if (value.trim() === '' || !Number.isFinite(age) || age < 0 || age > 150) {
      context.addIssue({ code: 'custom', message: `${name} must be an age in years, from 0 to 150` })
      return z.NEVER
    }
    return age
  })

/** A day as HSDS writes it (MO, TU ...) or in full (Monday), in any case. */
const aDay = once('day').transform((value, context): Day | undefined => {
  if (value === undefined) return undefined
  const typed = value.trim().toLowerCase()
  const day = DAYS.find((d) => d.code.toLowerCase() === typed || d.slug === typed)
  if (!day) {
    context.addIssue({ code: 'custom', message: 'day must be a day of the week, such as MO or Monday' })
    return z.NEVER
  }
  return day.code
})

/** A time of day, 10:00 or 10:00:00, as 'HH:MM:SS'. */
const aTime = (name: string) =>
  once(name).transform((value, context) => {
    if (value === undefined) return undefined
    const match = TIME.exec(value.trim())
    if (!match) {
      context.addIssue({
        code: 'custom',
        message: `${name} must be a time of day on the 24-hour clock, such as 09:30 or 14:00`,
      })
      return z.NEVER
    }
    return `${match[1]}:${match[2]}:${match[3] ?? '00'}`
  })

/**
 * A date, or a date and time (ISO 8601; without a time zone it is taken as UTC), as our
 * records write it: 'YYYY-MM-DDTHH:MM:SSZ'. Parts of a second are dropped, so a record changed
 * in the same second is included ("on or after").
 */
const aDateTime = once('modified_after').transform((value, context) => {
  if (value === undefined) return undefined
  const match = DATE_TIME.exec(value.trim())
  const [year, month, day] = [Number(match?.[1]), Number(match?.[2]), Number(match?.[3])]
  const calendar = new Date(Date.UTC(year, month - 1, day))
  const realDay =
    calendar.getUTCFullYear() === year &&
    calendar.getUTCMonth() === month - 1 &&
    calendar.getUTCDate() === day
  const zone = match?.[7]?.toUpperCase() ?? 'Z'
  const time = match
    ? Date.parse(
        `${match[1]}-${match[2]}-${match[3]}T${match[4] ?? '00'}:${match[5] ?? '00'}:${match[6] ?? '00'}` +
          (zone === 'Z' || zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`),
      )
    : Number.NaN
  if (!realDay || Number.isNaN(time)) {
    context.addIssue({
      code: 'custom',
      message:
        'modified_after must be a date, or a date and time, such as 2026-01-31 or 2026-01-31T09:00:00Z',
    })
    return z.NEVER
  }
  return new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z')
})

const paging = {
  page: wholeNumber('page', 1, 1_000_000, 'page must be a whole number, 1 or more'),
  per_page: wholeNumber(
    'per_page',
    1,
    PER_PAGE_MAX,
    `per_page must be a whole number from 1 to ${PER_PAGE_MAX}`,
  ),
}

const serviceFilters = {
  ...paging,
  search: once('search').transform((value, context) => {
    if (value === undefined) return undefined
    const words = value.trim()
    if (words.length > 200) {
      context.addIssue({ code: 'custom', message: 'search must be 200 characters or fewer' })
      return z.NEVER
    }
    return words === '' ? undefined : words
  }),
  taxonomy_term_id: anId('taxonomy_term_id', 'a taxonomy term'),
  taxonomy_id: anId('taxonomy_id', 'a taxonomy'),
  minimum_age: anAge('minimum_age'),
  maximum_age: anAge('maximum_age'),
  day: aDay,
  start_time: aTime('start_time'),
  end_time: aTime('end_time'),
  modified_after: aDateTime,
}

const strict = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `This list does not take ${issue.keys.join(', ')}. It takes ${Object.keys(shape).join(', ')}`
        : undefined,
  })

/** GET /services */
export const servicesQuery = strict(serviceFilters)

/** GET /service_at_locations: the same, and a postcode with how many metres around it. */
export const servicesAtLocationsQuery = strict({
  ...serviceFilters,
  postcode: once('postcode').transform((value, context) => {
    if (value === undefined) return undefined
    const typed = value.trim().replace(/\s+/g, ' ')
    if (typed === '') return undefined
    if (typed.length > 8 || !/^[a-z]{1,2}[0-9][a-z0-9]?(?: ?[0-9](?:[a-z]{2})?)?$/i.test(typed)) {
      context.addIssue({
        code: 'custom',
        message: 'postcode must be a UK postcode, or the first part of one, such as CT9 1AB, CT9 1 or CT9',
      })
      return z.NEVER
    }
    return typed
  }),
  proximity: wholeNumber(
    'proximity',
    1,
    PROXIMITY_MAX,
    `proximity must be a whole number of metres from 1 to ${PROXIMITY_MAX}`,
  ),
})

/** GET /taxonomies and /taxonomy_terms: pages only. */
export const pagesQuery = strict(paging)

export type ServicesQuery = z.infer<typeof servicesQuery>
export type ServicesAtLocationsQuery = z.infer<typeof servicesAtLocationsQuery>

/** The id in /services/{id} and the others, or null when it cannot be one of ours. */
export function parseOpenReferralId(value: unknown): string | null {
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : null
}

/** The first problem with a query, in plain words, for the 400 answer. */
export function firstProblem(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'Something in the address is not right'
}
