/**
 * The /map page's view, and its list (also sent alone by /map/list when the map moves): plain
 * functions from what the request asked and what MapService found to what
 * views/pages/map/index.hbs and views/partials/map/inView.hbs show. Links come from the
 * address book.
 */
import { addresses, searchQueryString } from '../addresses'
import type { SearchRequest } from '../routes/searchRequest'
import type { MapView } from '../services/mapService'
import type { ServiceSummary } from '../services/serviceSummary'
import type { SearchFilters } from '../validation/searchQuery'
import type { LinkView } from './searchPage'
import { searchFormView, type SearchFormView } from './searchForm'
import { presentServiceSummary, type ServiceSummaryView } from './serviceSummary'

export interface MapListView {
  /** matching listings in this part of the map */
  total: number
  results: ServiceSummaryView[]
  /** "12 groups and activities here. These are the 10 nearest the middle of the map." */
  summary: string
  /** the same search as a list */
  searchHref: string
}

export interface MapPageView extends SearchFormView {
  pageTitle: string
  heading: string
  breadcrumbs: LinkView[]
  usesMap: true
  action: string
  /** the filters section starts open when a filter is chosen or has a problem */
  filtersOpen: boolean
  view: MapView
  /** the filters as a query string, for the map's script to ask for markers with */
  query: string
  markersUrl: string
  listUrl: string
  hubsUrl: string
  /** the "Show local hub areas on the map" checkbox (the map's script shows it and acts on it) */
  hubAreas: { value: string; text: string; id: string }[]
  inView: MapListView
}

/** The list beside the map, for `filters` (the map's own: see filtersForMap). */
export function presentMapList(
  filters: SearchFilters,
  found: { total: number; results: ServiceSummary[] },
): MapListView {
  return {
    total: found.total,
    results: found.results.map(presentServiceSummary),
    summary: listSummary(found.total, found.results.length),
    searchHref: addresses.search(filters),
  }
}

export function presentMapPage(
  request: Extract<SearchRequest, { decision: 'problems' | 'go ahead' }>,
  mapFilters: SearchFilters,
  view: MapView,
  inView: MapListView,
): MapPageView {
  const place = request.decision === 'go ahead' ? request.place : null
  const heading = place ? `Map of groups and activities near ${place.label}` : 'Map of groups and activities'
  const form = searchFormView(request, 'map', mapFilters, (filters) => addresses.map(filters))
  return {
    ...form,
    pageTitle: heading,
    heading,
    breadcrumbs: [{ href: addresses.start(), text: 'Home' }],
    usesMap: true,
    action: addresses.map(),
    filtersOpen:
      form.choices.chosen > 0 || Object.keys(form.errors).some((id) => id !== 'q' && id !== 'where'),
    view,
    query: searchQueryString(mapFilters),
    markersUrl: addresses.mapMarkers(),
    listUrl: addresses.mapList(),
    hubsUrl: addresses.mapHubs(),
    hubAreas: [{ value: 'show', text: 'Show local hub areas on the map', id: 'show-hubs' }],
    inView,
  }
}

/** "12 groups and activities here. These are the 10 nearest the middle of the map." */
function listSummary(total: number, shown: number): string {
  if (total === 0)
    return 'No groups or activities here match your search. Try moving the map, zooming out or changing your choices.'
  const here =
    total === 1 ? '1 group or activity here.' : `${total.toLocaleString('en-GB')} groups and activities here.`
  if (shown < total) return `${here} These are the ${shown} nearest the middle of the map.`
  return here
}
