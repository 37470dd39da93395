import { presentMapList, presentMapPage } from '../../server/presenters/mapPage'
import { filtersForMap, type SearchRequest } from '../../server/routes/searchRequest'
import { NO_FILTERS } from '../../server/validation/searchQuery'
import { aResult, MARGATE } from '../support/searchExamples'

const VIEW = { latitude: 51.38, longitude: 1.39, zoom: 13, bbox: [1.3, 51.3, 1.5, 51.45] as const }
describe('the map page presenter', () => {
  it('says what is in this part of the map, and links to the same search as a list', () => {
    const filters = { ...NO_FILTERS, q: 'walk', free: true }
    expect(presentMapList(filters, { total: 0, results: [] }).summary).toBe(
      'No groups or activities here match your search. Try moving the map, zooming out or changing your choices.',
    )
    expect(presentMapList(filters, { total: 1, results: [aResult(1)] }).summary).toBe(
      '1 group or activity here.',
    )
    const many = presentMapList(filters, { total: 1234, results: [1, 2, 3].map((id) => aResult(id)) })
    expect(many.summary).toBe(
      '1,234 groups and activities here. These are the 3 nearest the middle of the map.',
    )
    expect(many.searchHref).toBe('/search?q=walk&free=yes')
  })

  it('names the place in the heading, keeps the filters for the markers, and opens the filters when one is chosen', () => {
    const request: SearchRequest = {
      decision: 'go ahead',
      filters: { ...NO_FILTERS, where: 'margate', categories: ['singing'], distance: 3 },
      typed: { q: '', where: 'Margate' },
      categories: [{ code: 'singing', name: 'Choirs and singing' }],
      location: MARGATE,
      place: MARGATE,
      placeProblem: null,
    }
    const mapFilters = filtersForMap(request.filters, MARGATE)
    const view = presentMapPage(
      request,
      mapFilters,
      VIEW,
      presentMapList(mapFilters, { total: 0, results: [] }),
    )
    expect(view.heading).toBe('Map of groups and activities near Margate')
    expect(view.query).toBe('where=Margate&category=singing&distance=3')
    expect(view.withoutFiltersHref).toBe('/map?where=Margate')
    expect(view.filtersOpen).toBe(true)
    expect(view).toMatchObject({
      action: '/map',
      markersUrl: '/map/markers.json',
      listUrl: '/map/list',
      hubsUrl: '/map/hubs.json',
    })
  })

  it('shows the problems in the summary, opening the filters only for a filter problem', () => {
    const request: SearchRequest = {
      decision: 'problems',
      filters: NO_FILTERS,
      typed: { q: 'x'.repeat(201), where: '' },
      categories: [],
      problems: [{ field: 'q', message: 'What you are looking for must be 200 characters or fewer' }],
    }
    const view = presentMapPage(
      request,
      filtersForMap(NO_FILTERS, null),
      VIEW,
      presentMapList(NO_FILTERS, { total: 0, results: [] }),
    )
    expect(view.errorSummary).toEqual([
      { text: 'What you are looking for must be 200 characters or fewer', href: '#q' },
    ])
    expect(view.filtersOpen).toBe(false)
    const withDay = presentMapPage(
      { ...request, problems: [{ field: 'day', message: 'Choose a day of the week from the list' }] },
      filtersForMap(NO_FILTERS, null),
      VIEW,
      presentMapList(NO_FILTERS, { total: 0, results: [] }),
    )
    expect(withDay.filtersOpen).toBe(true)
  })
})
