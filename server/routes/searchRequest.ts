/**
 * How /search and /map read a request: one function, so the two pages cannot drift. It
 * parses the filters, finds what is wrong with them (including categories that are not on
 * the list), looks up the place, and decides: show the problems, ask "Which Newport do you
 * mean?", or go ahead (with the place found, or none).
 */
import type { LocationResult } from '../services/locationService'
import { parseSearchQuery, type SearchFieldError, type SearchFilters } from '../validation/searchQuery'

export type FoundPlace = Extract<LocationResult, { kind: 'found' }>
export type PlaceChoice = Extract<LocationResult, { kind: 'choose' }>

/** What reading a search needs from SearchService. */
export interface SearchRequestServices {
  categoryOptions(): { code: string; name: string }[]
  checkFilters(filters: SearchFilters): SearchFieldError[]
  locate(filters: SearchFilters): LocationResult | null
}

export interface SearchRequestOptions {
  /** false for a page without pages (the map): a bad page number is not a problem there */
  paged: boolean
}

interface SearchRequestBase {
  /** the filters that could be read: a bad field is left out, and so is a category not on the list */
  filters: SearchFilters
  /** what the person typed, to put back in the boxes even when it could not be used */
  typed: { q: string; where: string }
  /** every category on the list, for the filters' choices */
  categories: { code: string; name: string }[]
}

export type SearchRequest = SearchRequestBase &
  (
    | {
        /** the query has problems to put right (a 400): the place was not looked up */
        decision: 'problems'
        problems: SearchFieldError[]
      }
    | {
        /** the Where box names several places: ask which */
        decision: 'choose place'
        choice: PlaceChoice
        /** they were asked already and sent the form without choosing */
        unanswered: boolean
      }
    | {
        decision: 'go ahead'
        /** the place looked up, whatever became of it; null when none was given */
        location: LocationResult | null
        /** the place, when it was found */
        place: FoundPlace | null
        /** when the place was not found: what to tell them by the Where box */
        placeProblem: SearchFieldError | null
      }
  )

/** How long a place name sent back by the "Which Newport do you mean?" form may be. */
const CHOOSING_MAX_LENGTH = 100

export function readSearchRequest(
  query: unknown,
  search: SearchRequestServices,
  options: SearchRequestOptions,
): SearchRequest {
  const source = typeof query === 'object' && query !== null ? (query as Record<string, unknown>) : {}
  const parsed = parseSearchQuery(source)
  const queryProblems = options.paged
    ? parsed.errors
    : parsed.errors.filter((error) => error.field !== 'page')
  const categoryProblems = search.checkFilters(parsed.filters)
  const categories = search.categoryOptions()
  const known = new Set(categories.map((term) => term.code))
  const filters: SearchFilters = {
    ...parsed.filters,
    categories: parsed.filters.categories.filter((code) => known.has(code)),
    page: options.paged ? parsed.filters.page : 1,
  }
  const problems = [...queryProblems, ...categoryProblems]
  const base: SearchRequestBase = {
    filters,
    typed: {
      q: problems.some((problem) => problem.field === 'q') ? typedValue(source.q) : filters.q,
      where: typedValue(source.where) || filters.where,
    },
    categories,
  }
  if (problems.length > 0) return { ...base, decision: 'problems', problems }

  // Back from "Which Newport do you mean?" with nothing chosen: ask again.
  const choosing = typedValue(source.choosing, CHOOSING_MAX_LENGTH)
  if (filters.where === '' && filters.lat === null && choosing !== '') {
    const again = search.locate({ ...filters, where: choosing })
    if (again?.kind === 'choose')
      return { ...base, decision: 'choose place', choice: again, unanswered: true }
  }

  const location = search.locate(filters)
  if (location?.kind === 'choose')
    return { ...base, decision: 'choose place', choice: location, unanswered: false }
  const place = location?.kind === 'found' ? location : null
  return {
    ...base,
    typed: place ? { ...base.typed, where: place.where } : base.typed,
    decision: 'go ahead',
    location,
    place,
    placeProblem:
      location && !place && 'message' in location ? { field: 'where', message: location.message } : null,
  }
}

/**
 * The filters that links from the page carry, on its first page: with a place, its own words
 * (so a link finds the same place again), and the point from "Use my location" only when it
 * was the point that was used.
 */
export function filtersToKeep(filters: SearchFilters, place: FoundPlace | null): SearchFilters {
  const usedPoint = place?.precision === 'point'
  return {
    ...filters,
    page: 1,
    where: place ? place.where : filters.where,
    lat: usedPoint ? filters.lat : null,
    lng: usedPoint ? filters.lng : null,
  }
}

/** The first value of a query parameter as typed, to put back in the box. */
function typedValue(value: unknown, maxLength = 10_000): string {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first.slice(0, maxLength) : ''
}

/**
 * The filters the map shows: those links carry; without a place, no place at all (and so no
 * distance, which needs one).
 */
export function filtersForMap(filters: SearchFilters, place: FoundPlace | null): SearchFilters {
  if (place) return filtersToKeep(filters, place)
  return { ...filters, page: 1, where: '', lat: null, lng: null, distance: null }
}

/** How long /search and /map ask a browser to wait before trying again when lots of people are searching. */
export const BUSY_RETRY_SECONDS = 5
