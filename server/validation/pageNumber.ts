import { z } from 'zod'

/**
 * A page number in a list's address (?page=2): a whole number from 1 to 1,000,000. Missing
 * is page 1. Anything else (a word, 0, a number too big for any list) names no page, so the
 * route gives the page-not-found page rather than an error.
 */
export const pageNumberSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,6}$/)
  .transform(Number)
  .refine((n) => n <= 1_000_000)

/** The page asked for: 1 when none was, undefined when the text cannot be a page. */
export function parsePageNumber(value: unknown): number | undefined {
  if (value === undefined) return 1
  const result = pageNumberSchema.safeParse(value)
  return result.success ? result.data : undefined
}
