/**
 * The /search page's view: a plain function from what the request asked (readSearchRequest)
 * and what SearchService found, to what views/pages/search/index.hbs shows. Every link comes
 * from the address book.
 */
import { addresses } from '../addresses'
import { filtersToKeep, type SearchRequest } from '../routes/searchRequest'
import type { NamedMatch, SearchOutcome } from '../services/searchService'
import type { SearchFilters } from '../validation/searchQuery'
import { paginationView, type PaginationView } from './pagination'
import { presentPeopleNearby, type PeopleNearbyView } from './peopleSharing'
import { presentServiceSummary, type ServiceSummaryView } from './serviceSummary'
import { searchFormView, type SearchFormView } from './searchForm'

export const SEARCH_TITLE = 'Find help, groups and activities'

export interface LinkView {
  href: string
  text: string
}

export interface SearchPageView extends SearchFormView {
  pageTitle: string
  breadcrumbs: LinkView[]
  /** where the form is sent */
  action: string
  /** null when there are problems to put right first */
  outcome: Omit<SearchOutcome, 'results' | 'peopleNearby' | 'otherMatches' | 'location'> | null
  results: ServiceSummaryView[]
  /** "for ‘walking’ near Margate within 5 miles" */
  searchedFor: string
  order: 'Best match first' | 'In A to Z order' | 'Nearest first'
  showing: { from: number; to: number } | null
  pagination: PaginationView | null
  firstPageHref: string
  lastPageHref: string | null
  peopleNearby: PeopleNearbyView | null
  otherMatches: { organisations: LinkView[]; places: LinkView[] } | null
  hubsHref: string
}

export function presentSearchPage(
  request: Extract<SearchRequest, { decision: 'problems' | 'go ahead' }>,
  outcome: SearchOutcome | null,
): SearchPageView {
  const place = request.decision === 'go ahead' ? request.place : null
  const { filters } = request
  const kept = filtersToKeep(filters, place)
  const searchHref = (linked: SearchFilters, page = 1) => addresses.search(linked, page)

  const searchedFor = [
    filters.q ? `for ‘${filters.q}’` : '',
    place ? `near ${place.label}` : '',
    place && filters.distance !== null
      ? `within ${filters.distance === 1 ? '1 mile' : `${filters.distance} miles`}`
      : '',
  ]
    .filter(Boolean)
    .join(' ')
  const pageTitle = [
    SEARCH_TITLE,
    searchedFor ? ` ${searchedFor}` : '',
    outcome && outcome.page > 1 ? ` (page ${outcome.page})` : '',
  ].join('')

  const shownOutcome: SearchPageView['outcome'] = outcome
    ? {
        total: outcome.total,
        page: outcome.page,
        pageSize: outcome.pageSize,
        pageCount: outcome.pageCount,
        searched: outcome.searched,
        withinMiles: outcome.withinMiles,
        pastTheEnd: outcome.pastTheEnd,
        someWordsOnly: outcome.someWordsOnly,
      }
    : null
  return {
    ...searchFormView(request, 'search', kept, (linked) => searchHref(linked)),
    pageTitle,
    breadcrumbs: [{ href: addresses.start(), text: 'Home' }],
    action: addresses.search(),
    outcome: shownOutcome,
    results: outcome ? outcome.results.map(presentServiceSummary) : [],
    searchedFor,
    order: !place ? (filters.q ? 'Best match first' : 'In A to Z order') : 'Nearest first',
    showing:
      outcome && outcome.results.length > 0
        ? {
            from: (outcome.page - 1) * outcome.pageSize + 1,
            to: (outcome.page - 1) * outcome.pageSize + outcome.results.length,
          }
        : null,
    pagination: outcome
      ? paginationView(outcome.page, outcome.pageCount, (page) => searchHref(kept, page))
      : null,
    firstPageHref: searchHref(kept),
    lastPageHref: outcome ? searchHref(kept, outcome.pageCount) : null,
    peopleNearby: presentPeopleNearby(outcome?.peopleNearby ?? null),
    otherMatches: outcome ? otherMatchesView(outcome.otherMatches) : null,
    hubsHref: addresses.hubs(),
  }
}

/** "Organisations and places that match", each linked to its page; null when there are none. */
function otherMatchesView(
  others: SearchOutcome['otherMatches'],
): { organisations: LinkView[]; places: LinkView[] } | null {
  if (others.organisations.length === 0 && others.places.length === 0) return null
  const text = ({ name, city }: NamedMatch) => (city ? `${name}, ${city}` : name)
  return {
    organisations: others.organisations.map((match) => ({
      href: addresses.organisation(match.id),
      text: text(match),
    })),
    places: others.places.map((match) => ({ href: addresses.place(match.id), text: text(match) })),
  }
}
