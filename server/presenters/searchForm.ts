/**
 * The search form that /search and /map share: the search box (what and where), the filters'
 * choices, what is wrong with them, and the link that clears the filters. Display only: what
 * is found is decided by SearchService, and what the request asked by readSearchRequest.
 */
import { formErrors, type FieldIds, type FieldProblem, type FormErrors } from '../forms'
import { DAYS } from '../services/listingWords'
import type { SearchRequest } from '../routes/searchRequest'
import type { PlaceSuggestion } from '../services/locationService'
import {
  ACCESS_CODES,
  DISTANCES_MILES,
  type FilterInUse,
  type SearchFilters,
} from '../validation/searchQuery'

/**
 * One name for each group of filters, used by the filter panel, the list of filters in use
 * and the no-results suggestions alike.
 */
export const FILTER_GROUP_NAMES: Record<FilterInUse['group'], string> = {
  category: 'Type of group or activity',
  day: 'Day',
  distance: 'How far',
  free: 'Cost',
  home: 'How it reaches you',
  access: 'Access',
}

/** The words for a filter's value, as its box or option in the panel says it. */
export function filterValueText(filter: FilterInUse, categories: { code: string; name: string }[]): string {
  switch (filter.group) {
    case 'category':
      return categories.find((term) => term.code === filter.value)?.name ?? filter.value
    case 'day':
      return DAYS.find((day) => day.slug === filter.value)?.name ?? filter.value
    case 'distance':
      return withinMilesText(filter.value)
    case 'free':
      return 'Free only'
    case 'home':
      return 'Comes to your home'
    case 'access':
      return ACCESS_LABELS[filter.value]
  }
}

/** "Within 1 mile", "Within 25 miles" */
export function withinMilesText(miles: number): string {
  return miles === 1 ? 'Within 1 mile' : `Within ${miles} miles`
}

const ACCESS_LABELS: Record<(typeof ACCESS_CODES)[number], string> = {
  'step-free': 'Step-free access',
  'hearing-loop': 'Hearing loop',
  'accessible-toilet': 'Accessible toilet',
  seating: 'Seating available',
  parking: 'Parking',
  'bus-stop': 'Near a bus stop',
}

/**
 * Where each field's problem links to, in the order the fields stand on the page: the search
 * box, then (on /search) the results for a bad page number, then the filters.
 */
export function searchFieldIds(page: 'search' | 'map'): FieldIds {
  return {
    q: 'q',
    where: 'where',
    lat: 'where',
    lng: 'where',
    ...(page === 'search' ? { page: 'search-results' } : {}),
    category: 'category',
    day: 'day',
    distance: 'distance',
    free: 'free',
    home: 'home',
    access: 'access',
  }
}

export interface CheckboxItem {
  value: string
  text: string
  checked: boolean
  id?: string
  name?: string
}

export interface SelectItem {
  value: string
  text: string
  selected: boolean
}

export interface FilterChoicesView {
  categories: CheckboxItem[]
  days: SelectItem[]
  distances: SelectItem[]
  /** "Free only": a yes/no box under "Cost" */
  cost: CheckboxItem[]
  /** "Comes to your home": a yes/no box under "How it reaches you" */
  reach: CheckboxItem[]
  /** the group names the panel shows (FILTER_GROUP_NAMES) */
  groups: typeof FILTER_GROUP_NAMES
  access: CheckboxItem[]
  /** how many filters are set, for "Filters (3 chosen)" */
  chosen: number
}

/** What the search box shows: what was typed, and the point from "Use my location" when it is used. */
export interface SearchBoxView {
  q: string
  where: string
  lat: number | null
  lng: number | null
}

/** One "Did you mean ...?" link, with the words that go before it: '', ', ' or ' or '. */
export interface PlaceSuggestionView {
  before: string
  text: string
  href: string
}

export interface SearchFormView extends FormErrors {
  form: SearchBoxView
  choices: FilterChoicesView
  hasFilters: boolean
  /** the same search without any filter */
  withoutFiltersHref: string
  /** one sentence when we used somewhere near what was typed: "We do not have the postcode ..." */
  placeNote: string | null
  /** "Did you mean Margate?": the same search with a place like the one we could not find */
  placeSuggestions: PlaceSuggestionView[]
}

export function filterChoices(
  filters: SearchFilters,
  categories: { code: string; name: string }[],
): FilterChoicesView {
  return {
    categories: categories.map(({ code, name }) => ({
      value: code,
      text: name,
      checked: filters.categories.includes(code),
    })),
    days: [
      { value: '', text: 'Any day', selected: false },
      ...DAYS.map(({ slug, name }) => ({ value: slug, text: name, selected: filters.day === slug })),
    ],
    distances: [
      // Without a distance chosen, search shows the nearest, widening to 50 miles at most.
      { value: '', text: 'The nearest', selected: false },
      ...DISTANCES_MILES.map((miles) => ({
        value: String(miles),
        text: withinMilesText(miles),
        selected: filters.distance === miles,
      })),
    ],
    cost: [{ id: 'free', name: 'free', value: 'yes', text: 'Free only', checked: filters.free }],
    reach: [{ id: 'home', name: 'home', value: 'yes', text: 'Comes to your home', checked: filters.home }],
    groups: FILTER_GROUP_NAMES,
    access: ACCESS_CODES.map((code) => ({
      value: code,
      text: ACCESS_LABELS[code],
      checked: filters.access.includes(code),
    })),
    chosen: chosenFilters(filters),
  }
}

/** How many filters are set. */
export function chosenFilters(filters: SearchFilters): number {
  return (
    filters.categories.length +
    filters.access.length +
    (filters.day ? 1 : 0) +
    (filters.free ? 1 : 0) +
    (filters.home ? 1 : 0) +
    (filters.distance !== null ? 1 : 0)
  )
}

/** The same words and place, without a filter. */
export function withoutFilters(filters: SearchFilters): SearchFilters {
  return { ...filters, categories: [], day: null, free: false, access: [], home: false, distance: null }
}

/**
 * The search form's view for /search or /map: the boxes as typed, the filters as read, and
 * every problem (the query's, or the place's) in the error summary and by its field.
 * `kept` are the filters links carry; `hrefOf` makes a link to this page from filters.
 */
export function searchFormView(
  request: SearchRequest,
  page: 'search' | 'map',
  kept: SearchFilters,
  hrefOf: (filters: SearchFilters) => string,
): SearchFormView {
  const problems: FieldProblem[] =
    request.decision === 'problems'
      ? request.problems
      : request.decision === 'go ahead' && request.placeProblem
        ? [request.placeProblem]
        : []
  const shown = formErrors(problems, searchFieldIds(page))
  const choices = filterChoices(request.filters, request.categories)
  const location = request.decision === 'go ahead' ? request.location : null
  return {
    ...shown,
    form: { q: request.typed.q, where: request.typed.where, lat: kept.lat, lng: kept.lng },
    choices,
    hasFilters: choices.chosen > 0,
    withoutFiltersHref: hrefOf(withoutFilters(kept)),
    placeNote: location?.kind === 'found' ? (location.note ?? null) : null,
    placeSuggestions:
      location?.kind === 'not-found'
        ? suggestionLinks(location.suggestions ?? [], request.filters, hrefOf)
        : [],
  }
}

/** "Did you mean Margate, Margam or Marske?": each link keeps the words and filters, with the new place. */
function suggestionLinks(
  suggestions: PlaceSuggestion[],
  filters: SearchFilters,
  hrefOf: (filters: SearchFilters) => string,
): PlaceSuggestionView[] {
  return suggestions.map((suggestion, i) => ({
    before: i === 0 ? '' : i === suggestions.length - 1 ? ' or ' : ', ',
    text: suggestion.name,
    href: hrefOf({ ...filters, page: 1, where: suggestion.where, lat: null, lng: null }),
  }))
}
