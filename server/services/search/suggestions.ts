/**
 * When a search found nothing: what would find something, each with how many it would find.
 * Without each filter (a few at most), a wider distance when one was chosen, everywhere when
 * nothing is within 50 miles, the same search without the words, and the types of activity
 * with most nearby.
 */
import type { TermRow } from '../../../db/repositories/searchRepository'
import {
  DISTANCES_MILES,
  filtersInUse,
  withoutFilter,
  type DistanceMiles,
  type FilterInUse,
  type SearchFilters,
} from '../../validation/searchQuery'
import type { Point } from '../geo'
import { WIDER_STEPS_MILES, type NearDecision } from './reach'

/** At most this many "without this filter" counts are worked out for a search that found nothing. */
const FILTER_SUGGESTIONS = 8
const CATEGORY_SUGGESTIONS = 3
/** What would find something, when a search found nothing: each a record, linked by the page. */
export type Suggestion = (
  | { kind: 'remove filter'; filter: FilterInUse; total: number; withinMiles: number | null }
  | { kind: 'wider distance'; miles: DistanceMiles; total: number }
  | { kind: 'without words'; total: number; withinMiles: number | null }
  | { kind: 'category'; code: string; name: string; total: number; withinMiles: number | null }
  /** nothing within 50 miles: the same search everywhere, with no place (and so no "near") */
  | { kind: 'without place'; total: number }
) & {
  /** there are more than `total` (COUNT_LIMIT) */
  more?: boolean
}

/** The searches suggestions are counted with: SearchService's own. */
export interface SuggestionSearches {
  /** how many the filters find near the point (or everywhere without one), as the search would */
  found(filters: SearchFilters, at: Point | null): { total: number; more: boolean; near: NearDecision | null }
  /** the types of activity with most within reach of the point */
  busiestCategories(filters: SearchFilters, point: Point): Suggestion[]
}

/**
 * The suggestions for a search that found nothing (`first`: its filters, on page 1), in the
 * order the page shows them.
 */
export function workOutSuggestions(
  first: SearchFilters,
  point: Point | null,
  near: NearDecision | null,
  search: SuggestionSearches,
): Suggestion[] {
  const found = (changed: SearchFilters, at: Point | null = point) => search.found(changed, at)
  const suggestions: Suggestion[] = []
  for (const filter of filtersInUse(first).slice(0, FILTER_SUGGESTIONS)) {
    // With a place, a wider distance is offered below instead.
    if (filter.group === 'distance' && point) continue
    const without = found(withoutFilter(first, filter))
    if (without.total > 0)
      suggestions.push({
        kind: 'remove filter',
        filter,
        total: without.total,
        ...(without.more ? { more: true } : {}),
        withinMiles: without.near?.miles ?? null,
      })
  }
  if (point && near?.chosen) {
    for (const miles of DISTANCES_MILES.filter((m) => m > near.miles && WIDER_STEPS_MILES.includes(m))) {
      const wider = found({ ...first, distance: miles })
      if (wider.total > 0) {
        suggestions.push({
          kind: 'wider distance',
          miles,
          total: wider.total,
          ...(wider.more ? { more: true } : {}),
        })
        break
      }
    }
  }
  const furthest = WIDER_STEPS_MILES.at(-1) as DistanceMiles
  if (point && (near?.miles === furthest || found({ ...first, distance: furthest }).total === 0)) {
    const everywhere = found({ ...first, where: '', lat: null, lng: null, distance: null }, null)
    if (everywhere.total > 0)
      suggestions.push({
        kind: 'without place',
        total: everywhere.total,
        ...(everywhere.more ? { more: true } : {}),
      })
  }
  if (first.q !== '') {
    const all = found({ ...first, q: '' })
    if (all.total > 0)
      suggestions.push({
        kind: 'without words',
        total: all.total,
        withinMiles: all.near?.miles ?? null,
        ...(all.more ? { more: true } : {}),
      })
    if (point) suggestions.push(...search.busiestCategories({ ...first, q: '', categories: [] }, point))
  }
  return suggestions
}

/** The types of activity with most of `counts` (by category code), most first. */
export function busiestCategories(
  terms: TermRow[],
  counts: Map<string, number>,
  withinMiles: number,
): Suggestion[] {
  return terms
    .map((term) => ({
      kind: 'category' as const,
      code: term.code,
      name: term.name,
      total: counts.get(term.code) ?? 0,
      withinMiles,
    }))
    .filter((suggestion) => suggestion.total > 0)
    .sort((a, b) => b.total - a.total)
    .slice(0, CATEGORY_SUGGESTIONS)
}
