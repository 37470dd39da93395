/** What the repositories' writes share. */

/** Where a listing (organisation, place or service) stands: only published ones are public. */
export type ListingStatus = 'draft' | 'pending' | 'published' | 'archived'

/** A write named a category or skill that is not on the list; nothing of that write is kept. */
export class UnknownTermError extends Error {
  constructor(
    readonly vocabulary: 'category' | 'skill',
    readonly code: string,
  ) {
    super(`There is no ${vocabulary} with the code "${code}"`)
  }
}

/** The same values once each, in their first order. */
export function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)]
}
