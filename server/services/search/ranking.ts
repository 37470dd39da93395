/**
 * How search puts services in order: the tier (where the words are), then, near a place, the
 * distance, then the most recently checked, then the name.
 */
import type { TieBreakerRow } from '../../../db/repositories/searchRepository'

/**
 * How well a service matches the words, best first: a word in its name; in the name of one
 * of its categories; among a category's other words (its synonyms); in its description;
 * in its places' names; only in who runs it.
 */
export const TIERS = {
  name: 0,
  categoryName: 1,
  categorySynonym: 2,
  description: 3,
  places: 4,
  organiser: 5,
} as const

export interface NearestRow {
  id: number
  miles: number
  tier: number
}

/** The services in each set of matches, by where the words were found, widest last. */
export interface TierSets {
  inName: Set<number>
  inCategories: Set<number>
  inNamedCategory: Set<number>
  inDescription: Set<number>
  inPlaces: Set<number>
}

/** Each service's tier, from the sets its words were found in. */
export function tierFinder(sets: TierSets): (id: number) => number {
  return (id: number): number =>
    sets.inName.has(id)
      ? TIERS.name
      : sets.inCategories.has(id)
        ? sets.inNamedCategory.has(id)
          ? TIERS.categoryName
          : TIERS.categorySynonym
        : sets.inDescription.has(id)
          ? TIERS.description
          : sets.inPlaces.has(id)
            ? TIERS.places
            : TIERS.organiser
}

/**
 * Best match first, then nearest; where both are the same, the most recently checked,
 * then by name (both looked up only for those).
 */
export function inOrder(
  all: NearestRow[],
  limit: number,
  tieBreakersOf: (ids: number[]) => TieBreakerRow[],
): NearestRow[] {
  const byTierAndMiles = (a: NearestRow, b: NearestRow) => a.tier - b.tier || a.miles - b.miles
  all.sort(byTierAndMiles)
  // Only the first `limit` are kept, and those tied with the last of them: only they need
  // their tie-breakers looked up.
  let end = Math.min(limit, all.length)
  while (end < all.length && byTierAndMiles(all[end - 1] as NearestRow, all[end] as NearestRow) === 0) end++
  const rows = all.slice(0, end)
  const tied = new Set<number>()
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1] as NearestRow
    const b = rows[i] as NearestRow
    if (byTierAndMiles(a, b) === 0) {
      tied.add(a.id)
      tied.add(b.id)
    }
  }
  if (tied.size === 0) return rows
  const facts = new Map(tieBreakersOf([...tied]).map((row) => [row.id, row]))
  return rows
    .sort(
      (a, b) =>
        byTierAndMiles(a, b) ||
        (facts.get(b.id)?.lastChecked ?? '').localeCompare(facts.get(a.id)?.lastChecked ?? '') ||
        (facts.get(a.id)?.name ?? '').localeCompare(facts.get(b.id)?.name ?? '', 'en-GB') ||
        a.id - b.id,
    )
    .slice(0, limit)
}
