import { z } from 'zod'

/**
 * A listing's id in its address (/services/12): a whole number from 1 up to the largest
 * SQLite and JavaScript can both hold exactly. Anything else names no listing, so the route
 * answers with the page-not-found page rather than an error.
 */
export const listingIdSchema = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/)
  .transform(Number)
  .refine(Number.isSafeInteger)

/** The id, or undefined when the text cannot be one. */
export function parseListingId(text: unknown): number | undefined {
  const result = listingIdSchema.safeParse(text)
  return result.success ? result.data : undefined
}
