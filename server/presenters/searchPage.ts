/**
 * The /search page's view: a plain function from what the request asked (readSearchRequest)
 * and what SearchService found, to what views/pages/search/index.hbs shows. Every link comes
 * from the address book.
 */
import { addresses } from '../addresses'
import { filtersToKeep, type SearchRequest } from '../routes/searchRequest'
import type { NamedMatch, NearDecision, SearchOutcome, Suggestion } from '../services/searchService'
import { filtersInUse, withoutFilter, type SearchFilters } from '../validation/searchQuery'
import { paginationView, type PaginationView } from './pagination'
import { presentPeopleNearby, type PeopleNearbyView } from './peopleSharing'
import { presentServiceSummary, type ServiceSummaryView } from './serviceSummary'
import { FILTER_GROUP_NAMES, filterValueText, searchFormView, type SearchFormView } from './searchForm'

export const SEARCH_TITLE = 'Find help, groups and activities'

export interface LinkView {
  href: string
  text: string
}

/** One filter in use, above the results: "Day: Tuesday", with a link that removes it. */
export interface FilterInUseView {
  group: string
  text: string
  removeHref: string
}

export interface SearchPageView extends SearchFormView {
  pageTitle: string
  breadcrumbs: LinkView[]
  /** where the form is sent */
  action: string
  /** null when there are problems to put right first */
  outcome: Omit<
    SearchOutcome,
    'results' | 'peopleNearby' | 'otherMatches' | 'location' | 'near' | 'suggestions'
  > | null
  /** the filters in use, each with a link that removes it (keeping everything else) */
  filtersInUse: FilterInUseView[]
  /** "12 results", "More than 1,000 results", "No results" */
  countText: string
  /** past COUNT_LIMIT: only the first 1,000 can be paged through, and how to see fewer */
  moreNote: string | null
  /** "Nothing within 10 miles of Margate. The nearest are within 25 miles." */
  nearMessage: string | null
  /** when nothing was found: links that would find something */
  suggestions: LinkView[]
  results: ServiceSummaryView[]
  /** "for ‘walking’ near Margate within 5 miles" */
  searchedFor: string
  order: 'Best match first' | 'In A to Z order' | 'Nearest first' | 'Best match first, then nearest'
  showing: { from: number; to: number } | null
  pagination: PaginationView | null
  firstPageHref: string
  lastPageHref: string | null
  peopleNearby: PeopleNearbyView | null
  otherMatches: { organisations: LinkView[]; places: LinkView[] } | null
  hubsHref: string
  /** "Can't find what you need? Ask to be put in touch", with the words and place searched for */
  askHref: string
  /** "Suggest a new group or place" (issue 12) */
  suggestNewHref: string
}

export function presentSearchPage(
  request: Extract<SearchRequest, { decision: 'problems' | 'go ahead' }>,
  outcome: SearchOutcome | null,
): SearchPageView {
  const place = request.decision === 'go ahead' ? request.place : null
  const { filters } = request
  const kept = filtersToKeep(filters, place)
  const searchHref = (linked: SearchFilters, page = 1) => addresses.search(linked, page)

  // With a place, the heading always names how far the list reaches.
  const reach = place ? (outcome?.near?.miles ?? filters.distance) : null
  const searchedFor = [
    filters.q ? `for ‘${filters.q}’` : '',
    place ? `near ${place.label}` : '',
    reach !== null && reach !== undefined ? `within ${milesText(reach)}` : '',
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
        moreThanTotal: outcome.moreThanTotal,
        tooBig: outcome.tooBig,
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
    filtersInUse: filtersInUse(kept).map((filter) => ({
      group: FILTER_GROUP_NAMES[filter.group],
      text: filterValueText(filter, request.categories),
      removeHref: searchHref(withoutFilter(kept, filter)),
    })),
    countText: outcome ? countText(outcome.total, outcome.moreThanTotal) : 'No results',
    moreNote: outcome?.moreThanTotal
      ? `Only the first ${outcome.total.toLocaleString('en-GB')} are shown. To see fewer, add words or a filter${place ? ', or choose a smaller distance' : ''}.`
      : null,
    nearMessage: place && outcome?.near ? nearMessage(outcome.near, place.label, outcome.total) : null,
    suggestions: outcome
      ? outcome.suggestions.map((suggestion) =>
          suggestionLink(suggestion, kept, place?.label ?? null, request.categories),
        )
      : [],
    searchedFor,
    order: !place
      ? filters.q
        ? 'Best match first'
        : 'In A to Z order'
      : filters.q
        ? 'Best match first, then nearest'
        : 'Nearest first',
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
    askHref: addresses.putMeInTouch({ from: 'search', q: filters.q, where: filters.where }),
    suggestNewHref: addresses.suggestNew(),
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

/** "No results", "1 result", "12 results", "More than 1,000 results" */
export function countText(total: number, more = false): string {
  if (more) return `More than ${total.toLocaleString('en-GB')} results`
  if (total === 0) return 'No results'
  return total === 1 ? '1 result' : `${total.toLocaleString('en-GB')} results`
}

/** The page shown when a search would take too long: it asks for fewer words or a smaller area. */
export interface SearchTooBigView {
  pageTitle: string
  breadcrumbs: LinkView[]
  /** the same search without its place's distance widened: the search page again, with the words kept */
  searchAgainHref: string
  hasPlace: boolean
}

export function presentSearchTooBig(
  request: Extract<SearchRequest, { decision: 'go ahead' }>,
): SearchTooBigView {
  return {
    pageTitle: 'Try fewer words or a smaller area',
    breadcrumbs: [
      { href: addresses.start(), text: 'Home' },
      { href: addresses.search(), text: SEARCH_TITLE },
    ],
    searchAgainHref: addresses.search(filtersToKeep(request.filters, request.place)),
    hasPlace: request.place !== null,
  }
}

/** "Lots of people are searching": the same search, to try again in a moment. */
export interface SearchBusyView {
  pageTitle: string
  breadcrumbs: { href: string; text: string }[]
  /** the search as it was asked, on the page it was asked from */
  tryAgainHref: string
}

export function presentSearchBusy(
  request: Extract<SearchRequest, { decision: 'go ahead' }>,
  from: 'search' | 'map',
): SearchBusyView {
  const filters = filtersToKeep(request.filters, request.place)
  return {
    pageTitle: 'Lots of people are searching at the moment',
    breadcrumbs: [
      { href: addresses.start(), text: 'Home' },
      { href: addresses.search(), text: SEARCH_TITLE },
    ],
    tryAgainHref: from === 'map' ? addresses.map(filters) : addresses.search(filters, request.filters.page),
  }
}

/** "1 mile", "25 miles" */
function milesText(miles: number): string {
  return miles === 1 ? '1 mile' : `${miles} miles`
}

/**
 * What the page says about how far it looked, when it had to look further than the radius.
 * (When it found nothing, the heading and the words under it say how far it looked.)
 */
function nearMessage(near: NearDecision, placeLabel: string, total: number): string | null {
  if (total > 0 && near.narrowedFrom !== null)
    return `There are so many groups and places near ${placeLabel} that this list keeps to those within ${milesText(near.miles)}. Choose a distance to look further.`
  if (total === 0 || near.nothingWithin === null) return null
  return `Nothing within ${milesText(near.nothingWithin)} of ${placeLabel}. The nearest are within ${milesText(near.miles)}.`
}

/** " (3 results within 25 miles)", " (more than 1,000 results)" */
function howMany(total: number, withinMiles: number | null, more = false): string {
  const results = countText(total, more).toLowerCase()
  return ` (${results}${withinMiles !== null ? ` within ${milesText(withinMiles)}` : ''})`
}

/** A link that does what a suggestion says, with words that say what it finds. */
function suggestionLink(
  suggestion: Suggestion,
  kept: SearchFilters,
  placeLabel: string | null,
  categories: { code: string; name: string }[],
): LinkView {
  const near = placeLabel ? ` near ${placeLabel}` : ''
  switch (suggestion.kind) {
    case 'remove filter':
      return {
        href: addresses.search(withoutFilter(kept, suggestion.filter)),
        text:
          `Search without the filter ‘${FILTER_GROUP_NAMES[suggestion.filter.group]}: ` +
          `${filterValueText(suggestion.filter, categories)}’${howMany(suggestion.total, suggestion.withinMiles, suggestion.more)}`,
      }
    case 'wider distance':
      return {
        href: addresses.search({ ...kept, distance: suggestion.miles }),
        text: `Look within ${milesText(suggestion.miles)}${placeLabel ? ` of ${placeLabel}` : ''}${howMany(suggestion.total, null, suggestion.more)}`,
      }
    case 'without words':
      return {
        href: addresses.search({ ...kept, q: '' }),
        text: `All groups and activities${near}, without the words ‘${kept.q}’${howMany(suggestion.total, suggestion.withinMiles, suggestion.more)}`,
      }
    case 'without place':
      return {
        href: addresses.search({ ...kept, where: '', lat: null, lng: null, distance: null }),
        text: `Search everywhere, not only near ${placeLabel ?? 'the place'}${howMany(suggestion.total, null, suggestion.more)}`,
      }
    case 'category':
      return {
        href: addresses.search({ ...kept, q: '', categories: [suggestion.code] }),
        text: `${suggestion.name}${near}${howMany(suggestion.total, suggestion.withinMiles, suggestion.more)}`,
      }
  }
}
