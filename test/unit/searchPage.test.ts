import { presentSearchPage } from '../../server/presenters/searchPage'
import { presentWhichPlace } from '../../server/presenters/searchWhichPlace'
import type { FoundPlace, SearchRequest } from '../../server/routes/searchRequest'
import type { SearchOutcome } from '../../server/services/searchService'
import { NO_FILTERS, type SearchFilters } from '../../server/validation/searchQuery'
import { aResult, MARGATE, NEWPORTS } from '../support/searchExamples'

const CATEGORIES = [
  { code: 'walking-groups', name: 'Walking groups' },
  { code: 'lunch-clubs', name: 'Lunch clubs and meals' },
]

/** A request that went ahead: the filters as read, and the place found (or none). */
function wentAhead(
  filters: Partial<SearchFilters>,
  place: FoundPlace | null = null,
): SearchRequest & { decision: 'go ahead' } {
  const read = { ...NO_FILTERS, ...filters }
  return {
    decision: 'go ahead',
    filters: read,
    typed: { q: read.q, where: place ? place.where : read.where },
    categories: CATEGORIES,
    location: place,
    place,
    placeProblem: null,
  }
}

/** What SearchService found: `total` results, this page of them. */
function anOutcome(outcome: Partial<SearchOutcome> = {}): SearchOutcome {
  return {
    total: 0,
    moreThanTotal: false,
    tooBig: false,
    page: 1,
    pageSize: 20,
    pageCount: 0,
    results: [],
    location: null,
    searched: true,
    withinMiles: null,
    near: null,
    suggestions: [],
    pastTheEnd: false,
    someWordsOnly: false,
    peopleNearby: null,
    otherMatches: { organisations: [], places: [] },
    ...outcome,
  }
}

describe('the search page presenter', () => {
  it('keeps every filter in the page links, and the place in its own words', () => {
    const request = wentAhead(
      {
        q: 'walk',
        where: 'margate',
        categories: ['walking-groups'],
        day: 'tuesday',
        free: true,
        access: ['step-free', 'parking'],
        home: true,
        distance: 5,
        page: 2,
      },
      MARGATE,
    )
    const view = presentSearchPage(
      request,
      anOutcome({ total: 45, page: 2, pageCount: 3, results: [aResult(21)] }),
    )

    const expected =
      'q=walk&where=Margate&category=walking-groups&day=tuesday&free=yes&access=step-free&access=parking&home=yes&distance=5'
    expect(view.pagination?.previous).toBe(`/search?${expected}`)
    expect(view.pagination?.next).toBe(`/search?${expected}&page=3`)
    expect(view.pagination?.items).toEqual([
      { page: 1, href: `/search?${expected}`, current: false },
      { page: 2, href: `/search?${expected}&page=2`, current: true },
      { page: 3, href: `/search?${expected}&page=3`, current: false },
    ])
    expect(view.lastPageHref).toBe(`/search?${expected}&page=3`)
    expect(view.pageTitle).toBe(
      'Find help, groups and activities for ‘walk’ near Margate within 5 miles (page 2)',
    )
    expect(view.order).toBe('Best match first, then nearest')
    expect(view.showing).toEqual({ from: 21, to: 21 })
    expect(view.results.map((result) => result.href)).toEqual(['/services/21'])
  })

  it('says "More than 1,000 results" past the count, and how to see fewer, near a place', () => {
    const view = presentSearchPage(
      wentAhead({ where: 'Margate' }, MARGATE),
      anOutcome({ total: 1000, moreThanTotal: true, page: 1, pageCount: 50, results: [aResult(1)] }),
    )
    expect(view.countText).toBe('More than 1,000 results')
    expect(view.moreNote).toBe(
      'Only the first 1,000 are shown. To see fewer, add words or a filter, or choose a smaller distance.',
    )
    const exact = presentSearchPage(
      wentAhead({}),
      anOutcome({ total: 12, pageCount: 1, results: [aResult(1)] }),
    )
    expect(exact.countText).toBe('12 results')
    expect(exact.moreNote).toBeNull()
  })

  it('says "more than 1,000" in a suggestion that finds more than that', () => {
    const view = presentSearchPage(
      wentAhead({ q: 'zumba', free: true }),
      anOutcome({
        suggestions: [
          {
            kind: 'remove filter',
            filter: { group: 'free', value: 'yes' },
            total: 1000,
            more: true,
            withinMiles: null,
          },
        ],
      }),
    )
    expect(view.suggestions[0]?.text).toContain('(more than 1,000 results)')
  })

  it('puts an ellipsis where pages are left out', () => {
    const view = presentSearchPage(wentAhead({ page: 5 }), anOutcome({ total: 200, page: 5, pageCount: 10 }))
    expect(view.pagination?.items.map((item) => ('ellipsis' in item ? '…' : item.page))).toEqual([
      1,
      '…',
      4,
      5,
      6,
      '…',
      10,
    ])
  })

  it('offers the same search without the filters, keeping the words and the place', () => {
    const view = presentSearchPage(
      wentAhead({ q: 'lunch', categories: ['lunch-clubs'], free: true, distance: 3 }, MARGATE),
      anOutcome(),
    )
    expect(view.withoutFiltersHref).toBe('/search?q=lunch&where=Margate')
    expect(view.hasFilters).toBe(true)
    expect(view.choices.chosen).toBe(3)
    expect(view.choices.categories).toEqual([
      { value: 'walking-groups', text: 'Walking groups', checked: false },
      { value: 'lunch-clubs', text: 'Lunch clubs and meals', checked: true },
    ])
    expect(view.choices.distances.find((option) => option.selected)?.value).toBe('3')
  })

  it('keeps the point from "Use my location" in links only when it was the point that was used', () => {
    const point: FoundPlace = { ...MARGATE, precision: 'point', label: 'My location', where: 'My location' }
    const used = presentSearchPage(
      wentAhead({ where: 'My location', lat: 51.38, lng: 1.38 }, point),
      anOutcome(),
    )
    expect(used.firstPageHref).toBe('/search?where=My+location&lat=51.38&lng=1.38')
    expect(used.form).toMatchObject({ lat: 51.38, lng: 1.38 })
    const typed = presentSearchPage(
      wentAhead({ where: 'Margate', lat: 51.38, lng: 1.38 }, MARGATE),
      anOutcome(),
    )
    expect(typed.firstPageHref).toBe('/search?where=Margate')
    expect(typed.form).toMatchObject({ lat: null, lng: null })
  })

  it('maps each problem to its field, in the order the fields stand, with the typed words kept', () => {
    const request: SearchRequest = {
      decision: 'problems',
      filters: { ...NO_FILTERS, where: 'Margate' },
      typed: { q: 'x'.repeat(250), where: 'Margate' },
      categories: CATEGORIES,
      problems: [
        { field: 'category', message: 'Choose a type of group or activity from the list' },
        { field: 'page', message: 'Page must be a whole number, 1 or more' },
        { field: 'lat', message: 'Your location could not be used. Type a town or postcode instead' },
        { field: 'q', message: 'What you are looking for must be 200 characters or fewer' },
        { field: 'home', message: 'Comes to your home must be ticked or not ticked' },
      ],
    }
    const view = presentSearchPage(request, null)
    expect(view.errorSummary).toEqual([
      { text: 'What you are looking for must be 200 characters or fewer', href: '#q' },
      { text: 'Your location could not be used. Type a town or postcode instead', href: '#where' },
      { text: 'Page must be a whole number, 1 or more', href: '#search-results' },
      { text: 'Choose a type of group or activity from the list', href: '#category' },
      { text: 'Comes to your home must be ticked or not ticked', href: '#home' },
    ])
    expect(view.errors.q).toBe('What you are looking for must be 200 characters or fewer')
    expect(view.errors.home).toBe('Comes to your home must be ticked or not ticked')
    expect(view.choices.groups.home).toBe('How it reaches you')
    expect(view.form.q).toBe('x'.repeat(250))
    expect(view.outcome).toBeNull()
    expect(view.pagination).toBeNull()
  })

  it('says when the place could not be found, by the Where box', () => {
    const request: SearchRequest = {
      ...wentAhead({ where: 'Xyzzy' }),
      location: { kind: 'not-found', input: 'Xyzzy', message: 'We could not find Xyzzy' },
      placeProblem: { field: 'where', message: 'We could not find Xyzzy' },
    }
    const view = presentSearchPage(request, null)
    expect(view.errorSummary).toEqual([{ text: 'We could not find Xyzzy', href: '#where' }])
    expect(view.form.where).toBe('Xyzzy')
  })

  it('offers "Did you mean ...?" for a place not found, each link keeping the words and filters', () => {
    const request: SearchRequest = {
      ...wentAhead({ q: 'lunch', where: 'Lees', free: true, distance: 5 }),
      location: {
        kind: 'not-found',
        input: 'Lees',
        message: "We could not find 'Lees'",
        suggestions: [
          { name: 'Leeds', where: 'Leeds' },
          { name: 'Leek', where: 'Leek' },
          { name: 'Lewes', where: 'Lewes' },
        ],
      },
      placeProblem: { field: 'where', message: "We could not find 'Lees'" },
    }
    const view = presentSearchPage(request, null)
    expect(view.placeSuggestions).toEqual([
      { before: '', text: 'Leeds', href: '/search?q=lunch&where=Leeds&free=yes&distance=5' },
      { before: ', ', text: 'Leek', href: '/search?q=lunch&where=Leek&free=yes&distance=5' },
      { before: ' or ', text: 'Lewes', href: '/search?q=lunch&where=Lewes&free=yes&distance=5' },
    ])
    expect(view.errorSummary).toEqual([{ text: "We could not find 'Lees'", href: '#where' }])
    expect(view.placeNote).toBeNull()
  })

  it('says in one sentence when it used somewhere near the place typed, and offers nothing else', () => {
    const sector: FoundPlace = {
      ...MARGATE,
      label: 'CT9 2',
      precision: 'sector',
      where: 'CT9 2ZZ',
      note: 'We do not have the postcode CT9 2ZZ, so we used the middle of CT9 2.',
    }
    const view = presentSearchPage(wentAhead({ where: 'CT9 2ZZ' }, sector), anOutcome())
    expect(view.placeNote).toBe('We do not have the postcode CT9 2ZZ, so we used the middle of CT9 2.')
    expect(view.placeSuggestions).toEqual([])
    expect(presentSearchPage(wentAhead({ where: 'Margate' }, MARGATE), anOutcome()).placeNote).toBeNull()
  })

  it('links the organisations and places that match to their own pages', () => {
    const view = presentSearchPage(
      wentAhead({ q: 'ramblers' }),
      anOutcome({
        otherMatches: {
          organisations: [{ id: 7, name: 'Thanet Ramblers', city: 'Margate' }],
          places: [{ id: 9, name: 'Ramblers Hall', city: null }],
        },
      }),
    )
    expect(view.otherMatches).toEqual({
      organisations: [{ href: '/organisations/7', text: 'Thanet Ramblers, Margate' }],
      places: [{ href: '/places/9', text: 'Ramblers Hall' }],
    })
    expect(presentSearchPage(wentAhead({ q: 'x' }), anOutcome()).otherMatches).toBeNull()
  })
})

describe('the search page presenter: near means near', () => {
  it('names the radius in the heading, and says when it had to look further', () => {
    const view = presentSearchPage(
      wentAhead({ q: 'lunch' }, MARGATE),
      anOutcome({
        total: 2,
        pageCount: 1,
        results: [aResult(1), aResult(2)],
        near: { miles: 25, chosen: false, nothingWithin: 10, narrowedFrom: null },
      }),
    )
    expect(view.searchedFor).toBe('for ‘lunch’ near Margate within 25 miles')
    expect(view.nearMessage).toBe('Nothing within 10 miles of Margate. The nearest are within 25 miles.')
  })

  it('says when a crowded place kept the list to fewer miles, and how to look further', () => {
    const view = presentSearchPage(
      wentAhead({ q: 'lunch' }, MARGATE),
      anOutcome({
        total: 2,
        pageCount: 1,
        results: [aResult(1), aResult(2)],
        near: { miles: 2, chosen: false, nothingWithin: null, narrowedFrom: 10 },
      }),
    )
    expect(view.searchedFor).toBe('for ‘lunch’ near Margate within 2 miles')
    expect(view.nearMessage).toBe(
      'There are so many groups and places near Margate that this list keeps to those within 2 miles. Choose a distance to look further.',
    )
  })

  it('says nothing extra when the radius held something', () => {
    const view = presentSearchPage(
      wentAhead({ q: 'lunch' }, MARGATE),
      anOutcome({
        total: 1,
        pageCount: 1,
        results: [aResult(1)],
        near: { miles: 10, chosen: false, nothingWithin: null, narrowedFrom: null },
      }),
    )
    expect(view.searchedFor).toBe('for ‘lunch’ near Margate within 10 miles')
    expect(view.nearMessage).toBeNull()
  })

  it('lists each filter in use with its group name and a link that removes only it', () => {
    const view = presentSearchPage(
      wentAhead(
        {
          q: 'lunch',
          categories: ['lunch-clubs'],
          day: 'tuesday',
          free: true,
          home: true,
          access: ['hearing-loop'],
          distance: 5,
        },
        MARGATE,
      ),
      anOutcome(),
    )
    const base = 'q=lunch&where=Margate'
    expect(view.filtersInUse).toEqual([
      {
        group: 'Type of group or activity',
        text: 'Lunch clubs and meals',
        removeHref: `/search?${base}&day=tuesday&free=yes&access=hearing-loop&home=yes&distance=5`,
      },
      {
        group: 'Day',
        text: 'Tuesday',
        removeHref: `/search?${base}&category=lunch-clubs&free=yes&access=hearing-loop&home=yes&distance=5`,
      },
      {
        group: 'How far',
        text: 'Within 5 miles',
        removeHref: `/search?${base}&category=lunch-clubs&day=tuesday&free=yes&access=hearing-loop&home=yes`,
      },
      {
        group: 'Cost',
        text: 'Free only',
        removeHref: `/search?${base}&category=lunch-clubs&day=tuesday&access=hearing-loop&home=yes&distance=5`,
      },
      {
        group: 'How it reaches you',
        text: 'Comes to your home',
        removeHref: `/search?${base}&category=lunch-clubs&day=tuesday&free=yes&access=hearing-loop&distance=5`,
      },
      {
        group: 'Access',
        text: 'Hearing loop',
        removeHref: `/search?${base}&category=lunch-clubs&day=tuesday&free=yes&home=yes&distance=5`,
      },
    ])
    // the panel uses the same group names
    expect(Object.values(view.choices.groups)).toEqual(
      expect.arrayContaining(view.filtersInUse.map((filter) => filter.group)),
    )
  })

  it('turns each suggestion into a link that does it, saying how many it finds', () => {
    const view = presentSearchPage(
      wentAhead({ q: 'lunch', day: 'monday', distance: 1 }, MARGATE),
      anOutcome({
        near: { miles: 1, chosen: true, nothingWithin: 1, narrowedFrom: null },
        suggestions: [
          { kind: 'remove filter', filter: { group: 'day', value: 'monday' }, total: 2, withinMiles: 1 },
          { kind: 'wider distance', miles: 10, total: 3 },
          { kind: 'without words', total: 12, withinMiles: 1 },
          { kind: 'category', code: 'walking-groups', name: 'Walking groups', total: 1, withinMiles: 1 },
          { kind: 'without place', total: 40 },
        ],
      }),
    )
    expect(view.nearMessage).toBeNull()
    expect(view.searchedFor).toBe('for ‘lunch’ near Margate within 1 mile')
    expect(view.suggestions).toEqual([
      {
        href: '/search?q=lunch&where=Margate&distance=1',
        text: 'Search without the filter ‘Day: Monday’ (2 results within 1 mile)',
      },
      {
        href: '/search?q=lunch&where=Margate&day=monday&distance=10',
        text: 'Look within 10 miles of Margate (3 results)',
      },
      {
        href: '/search?where=Margate&day=monday&distance=1',
        text: 'All groups and activities near Margate, without the words ‘lunch’ (12 results within 1 mile)',
      },
      {
        href: '/search?where=Margate&category=walking-groups&day=monday&distance=1',
        text: 'Walking groups near Margate (1 result within 1 mile)',
      },
      {
        href: '/search?q=lunch&day=monday',
        text: 'Search everywhere, not only near Margate (40 results)',
      },
    ])
  })
})

describe('the "Which Newport do you mean?" presenter', () => {
  it.each(['search', 'map'] as const)(
    'on /%s keeps the other choices, and asks again with a message',
    (page) => {
      const request: SearchRequest = {
        decision: 'choose place',
        filters: { ...NO_FILTERS, q: 'walking', where: 'newport', free: true },
        typed: { q: 'walking', where: 'newport' },
        categories: CATEGORIES,
        choice: NEWPORTS,
        unanswered: true,
      }
      const view = presentWhichPlace(request, page)
      expect(view.pageTitle).toBe('Which Newport do you mean?')
      expect(view.action).toBe(`/${page}`)
      expect(view.hiddenFields).toEqual([
        { name: 'q', value: 'walking' },
        { name: 'free', value: 'yes' },
        { name: 'choosing', value: 'Newport' },
      ])
      expect(view.items).toEqual([
        { value: 'Newport (in Wales)', text: 'Newport', hint: 'in Wales' },
        { value: 'Newport (in England)', text: 'Newport', hint: 'in England' },
      ])
      expect(view.changeHref).toBe(`/${page}?q=walking&free=yes`)
      expect(view.errorSummary).toEqual([{ text: 'Select which Newport you mean', href: '#where' }])
      expect(view.error).toBe('Select which Newport you mean')
    },
  )
})
