/**
 * What the /search page shows, worked out from the filters and the search's outcome: links
 * that keep every filter, the pagination, and the filters' choices. Display only: what is
 * found is decided by SearchService.
 */
import { DAYS } from '../services/listingWords'
import type { SearchFieldError, SearchFilters } from '../validation/searchQuery'
import { ACCESS_CODES, DISTANCES_MILES } from '../validation/searchQuery'

const ACCESS_LABELS: Record<(typeof ACCESS_CODES)[number], string> = {
  'step-free': 'Step-free access',
  'hearing-loop': 'Hearing loop',
  'accessible-toilet': 'Accessible toilet',
  seating: 'Seating available',
  parking: 'Parking',
  'bus-stop': 'Near a bus stop',
}

/** /search?... with every filter that is set, in a fixed order; page only when it is not 1. */
export function searchHref(filters: SearchFilters, page = 1): string {
  const query = new URLSearchParams()
  if (filters.q) query.append('q', filters.q)
  if (filters.where) query.append('where', filters.where)
  if (filters.lat !== null && filters.lng !== null) {
    query.append('lat', String(filters.lat))
    query.append('lng', String(filters.lng))
  }
  for (const code of filters.categories) query.append('category', code)
  if (filters.day) query.append('day', filters.day)
  if (filters.free) query.append('free', 'yes')
  for (const code of filters.access) query.append('access', code)
  if (filters.home) query.append('home', 'yes')
  if (filters.distance !== null) query.append('distance', String(filters.distance))
  if (page > 1) query.append('page', String(page))
  const text = query.toString()
  return text ? `/search?${text}` : '/search'
}

export type PaginationItem = { page: number; href: string; current: boolean } | { ellipsis: true }

export interface PaginationView {
  previous: string | null
  next: string | null
  items: PaginationItem[]
}

/**
 * GOV.UK pagination: the first and last pages, the current page and the ones either side,
 * with an ellipsis for each gap. Null when there is only one page.
 */
export function paginationView(
  filters: SearchFilters,
  page: number,
  pageCount: number,
): PaginationView | null {
  if (pageCount <= 1) return null
  const current = Math.min(page, pageCount)
  const wanted = new Set(
    [1, pageCount, current - 1, current, current + 1].filter((n) => n >= 1 && n <= pageCount),
  )
  const numbers = [...wanted].sort((a, b) => a - b)
  const items: PaginationItem[] = []
  numbers.forEach((n, index) => {
    const before = numbers[index - 1]
    if (before !== undefined && n - before > 1) items.push({ ellipsis: true })
    items.push({ page: n, href: searchHref(filters, n), current: n === page })
  })
  return {
    previous: page > 1 && page <= pageCount ? searchHref(filters, page - 1) : null,
    next: page < pageCount ? searchHref(filters, page + 1) : null,
    items,
  }
}

export interface ChoiceView {
  value: string
  text: string
  checked: boolean
}

export interface FilterChoicesView {
  categories: ChoiceView[]
  days: ChoiceView[]
  access: ChoiceView[]
  distances: ChoiceView[]
  free: boolean
  home: boolean
  /** how many filters are set, for "Filters (3 chosen)" */
  chosen: number
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
    days: DAYS.map(({ slug, name }) => ({ value: slug, text: name, checked: filters.day === slug })),
    access: ACCESS_CODES.map((code) => ({
      value: code,
      text: ACCESS_LABELS[code],
      checked: filters.access.includes(code),
    })),
    distances: DISTANCES_MILES.map((miles) => ({
      value: String(miles),
      text: miles === 1 ? 'Within 1 mile' : `Within ${miles} miles`,
      checked: filters.distance === miles,
    })),
    free: filters.free,
    home: filters.home,
    chosen:
      filters.categories.length +
      filters.access.length +
      (filters.day ? 1 : 0) +
      (filters.free ? 1 : 0) +
      (filters.home ? 1 : 0) +
      (filters.distance !== null ? 1 : 0),
  }
}

/**
 * Where each field's error links to in an error summary (the ids in the filters form).
 * `pageFieldId` is where a bad page number points: the results on /search, the words box on /map.
 */
export function errorFieldIds(pageFieldId: string): Record<SearchFieldError['field'], string> {
  return {
    q: 'q',
    where: 'where',
    lat: 'where',
    lng: 'where',
    category: 'category',
    day: 'day',
    free: 'free',
    access: 'access',
    home: 'home',
    distance: 'distance',
    page: pageFieldId,
  }
}

/** The first value of a query parameter as typed, to put back in the box. */
export function typedValue(value: unknown, maxLength = 10_000): string {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first.slice(0, maxLength) : ''
}
