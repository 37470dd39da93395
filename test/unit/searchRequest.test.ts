import {
  filtersForMap,
  readSearchRequest,
  type SearchRequestServices,
} from '../../server/routes/searchRequest'
import type { SearchFilters } from '../../server/validation/searchQuery'
import { MARGATE, NEWPORTS } from '../support/searchExamples'

/** SearchService as the reader sees it: two categories, and a gazetteer of Margate and two Newports. */
function services(): SearchRequestServices & { located: string[] } {
  const located: string[] = []
  return {
    located,
    categoryOptions: () => [
      { code: 'walking-groups', name: 'Walking groups' },
      { code: 'singing', name: 'Choirs and singing' },
    ],
    checkFilters: (filters: SearchFilters) =>
      filters.categories.some((code) => !['walking-groups', 'singing'].includes(code))
        ? [{ field: 'category', message: 'Choose a type of group or activity from the list' }]
        : [],
    locate: (filters: SearchFilters) => {
      if (filters.where === '') return null
      located.push(filters.where)
      if (filters.where.toLowerCase() === 'newport') return NEWPORTS
      if (filters.where.toLowerCase() === 'margate') return MARGATE
      return { kind: 'not-found', input: filters.where, message: `We could not find ${filters.where}` }
    },
  }
}

describe('reading a search request, as /search and /map both do', () => {
  it('goes ahead with the place found, in its own words', () => {
    const request = readSearchRequest({ q: 'walk', where: 'margate', category: 'singing' }, services(), {
      paged: true,
    })
    expect(request.decision).toBe('go ahead')
    if (request.decision !== 'go ahead') return
    expect(request.place).toBe(MARGATE)
    expect(request.placeProblem).toBeNull()
    expect(request.typed).toEqual({ q: 'walk', where: 'Margate' })
    expect(request.filters.categories).toEqual(['singing'])
  })

  it('reports problems, a category not on the list among them, without looking up the place', () => {
    const looking = services()
    const request = readSearchRequest(
      { where: 'Margate', category: ['walking-groups', 'rocket-science'], day: 'funday' },
      looking,
      { paged: true },
    )
    expect(request.decision).toBe('problems')
    if (request.decision !== 'problems') return
    expect(request.problems.map((problem) => problem.field)).toEqual(['day', 'category'])
    expect(request.filters.categories).toEqual(['walking-groups'])
    expect(looking.located).toEqual([])
  })

  it('minds a bad page number only on a page that has pages', () => {
    expect(readSearchRequest({ page: 'abc' }, services(), { paged: true }).decision).toBe('problems')
    const map = readSearchRequest({ page: 'abc' }, services(), { paged: false })
    expect(map.decision).toBe('go ahead')
    expect(map.filters.page).toBe(1)
  })

  it('asks which Newport, and asks again (unanswered) when the form comes back without a choice', () => {
    const asked = readSearchRequest({ where: 'Newport' }, services(), { paged: false })
    expect(asked).toMatchObject({ decision: 'choose place', choice: NEWPORTS, unanswered: false })
    const again = readSearchRequest({ q: 'walk', choosing: 'Newport' }, services(), { paged: false })
    expect(again).toMatchObject({ decision: 'choose place', choice: NEWPORTS, unanswered: true })
  })

  it('goes ahead without a place, saying so by the Where box, when the place is not found', () => {
    const request = readSearchRequest({ where: 'Xyzzy' }, services(), { paged: true })
    expect(request).toMatchObject({
      decision: 'go ahead',
      place: null,
      placeProblem: { field: 'where', message: 'We could not find Xyzzy' },
      typed: { where: 'Xyzzy' },
    })
    // The map then shows everywhere: no place, and so no distance.
    const map = filtersForMap({ ...request.filters, distance: 5 }, null)
    expect(map).toMatchObject({ where: '', lat: null, lng: null, distance: null })
  })

  it('never fails on a query that is not an object', () => {
    expect(readSearchRequest(undefined, services(), { paged: true }).decision).toBe('go ahead')
  })
})
