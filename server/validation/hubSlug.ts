import { z } from 'zod'

/**
 * A hub's slug in its address (/hubs/thanet): lower-case letters, digits and hyphens, as the
 * hubs table allows. Anything else names no hub, so the route gives the page-not-found page.
 */
export const hubSlugSchema = z
  .string()
  .max(80)
  .regex(/^[a-z0-9][a-z0-9-]*$/)

/** The slug, or undefined when the text cannot be one. */
export function parseHubSlug(text: unknown): string | undefined {
  const result = hubSlugSchema.safeParse(text)
  return result.success ? result.data : undefined
}
