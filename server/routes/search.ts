import { Router } from 'express'
import { presentPeopleNearby } from '../presenters/peopleSharing'
import { presentServiceSummaries } from '../presenters/serviceSummary'
import type { Services } from '../services'
import type { LocationResult } from '../services/locationService'
import type { SearchOutcome } from '../services/searchService'
import { parseSearchQuery, type SearchFilters } from '../validation/searchQuery'
import { errorFieldIds, filterChoices, paginationView, searchHref, typedValue } from './searchView'

const HOME = { href: '/', text: 'Home' }
const TITLE = 'Find help, groups and activities'

const FIELD_IDS = errorFieldIds('search-results')

/**
 * /search: the list of groups and activities, with words, a place and filters, nearest
 * first when a place is given. Bad input is shown on the same page in an error summary
 * (status 400), never as a failure; a place that cannot be found is a message on the
 * Where box, and a name shared by several places asks which one.
 */
export function searchRouter({ search, location }: Services): Router {
  const router = Router()

  router.get('/search', (req, res) => {
    const query = req.query as Record<string, unknown>
    const { filters: parsed, errors } = parseSearchQuery(query)
    const categoryErrors = search.checkFilters(parsed)
    const categories = search.categoryOptions()
    const known = new Set(categories.map((term) => term.code))
    const filters: SearchFilters = {
      ...parsed,
      categories: parsed.categories.filter((code) => known.has(code)),
    }
    const problems = [...errors, ...categoryErrors]

    const render = (status: number, outcome: SearchOutcome | null, whereError: string | null) => {
      const fieldErrors = new Map<string, string>()
      for (const problem of problems) {
        const id = FIELD_IDS[problem.field]
        if (!fieldErrors.has(id)) fieldErrors.set(id, problem.message)
      }
      if (whereError && !fieldErrors.has('where')) fieldErrors.set('where', whereError)
      const found = outcome?.location?.kind === 'found' ? outcome.location : null
      // Links find the same place again: the place's own words, and the point only when it was used.
      const kept: SearchFilters = {
        ...filters,
        page: 1,
        where: found ? found.where : filters.where,
        lat: found?.precision === 'point' ? filters.lat : null,
        lng: found?.precision === 'point' ? filters.lng : null,
      }
      const searchedFor = [
        filters.q ? `for ‘${filters.q}’` : '',
        found ? `near ${found.label}` : '',
        found && filters.distance !== null
          ? `within ${filters.distance === 1 ? '1 mile' : `${filters.distance} miles`}`
          : '',
      ]
        .filter(Boolean)
        .join(' ')
      const pageTitle = [
        TITLE,
        searchedFor ? ` ${searchedFor}` : '',
        outcome && outcome.page > 1 ? ` (page ${outcome.page})` : '',
      ].join('')
      res.status(status).render('pages/search/index', {
        pageTitle,
        breadcrumbs: [HOME],
        errorSummary:
          fieldErrors.size > 0
            ? [...fieldErrors.entries()].map(([id, text]) => ({ href: `#${id}`, text }))
            : undefined,
        errors: Object.fromEntries(fieldErrors),
        form: {
          q: errors.some((e) => e.field === 'q') ? typedValue(query.q) : filters.q,
          where: found ? found.where : typedValue(query.where) || filters.where,
          lat: kept.lat,
          lng: kept.lng,
        },
        choices: filterChoices(filters, categories),
        outcome: outcome && { ...outcome, results: presentServiceSummaries(outcome.results) },
        searchedFor,
        order: !found ? (filters.q ? 'Best match first' : 'In A to Z order') : 'Nearest first',
        showing:
          outcome && outcome.results.length > 0
            ? {
                from: (outcome.page - 1) * outcome.pageSize + 1,
                to: (outcome.page - 1) * outcome.pageSize + outcome.results.length,
              }
            : null,
        pagination: outcome ? paginationView(kept, outcome.page, outcome.pageCount) : null,
        firstPageHref: searchHref(kept),
        lastPageHref: outcome ? searchHref(kept, outcome.pageCount) : null,
        withoutFiltersHref: searchHref({
          ...kept,
          categories: [],
          day: null,
          free: false,
          access: [],
          home: false,
          distance: null,
        }),
        hasFilters: filterChoices(filters, []).chosen > 0,
        peopleNearby: presentPeopleNearby(outcome?.peopleNearby ?? null),
        otherMatches:
          outcome && (outcome.otherMatches.organisations.length > 0 || outcome.otherMatches.places.length > 0)
            ? outcome.otherMatches
            : null,
      })
    }

    if (problems.length > 0) {
      render(400, null, null)
      return
    }

    // Back from "Which Newport do you mean?" with nothing chosen: ask again.
    const choosing = typedValue(query.choosing).slice(0, 100)
    if (filters.where === '' && filters.lat === null && choosing) {
      const again = location.resolve(choosing)
      if (again.kind === 'choose') {
        renderWhichPlace(again, `Select which ${again.name} you mean`)
        return
      }
    }

    const outcome = search.search(filters)
    const place: LocationResult | null = outcome.location
    if (place?.kind === 'choose') {
      renderWhichPlace(place, null)
      return
    }
    render(200, outcome, place && place.kind !== 'found' ? place.message : null)

    function renderWhichPlace(choice: Extract<LocationResult, { kind: 'choose' }>, error: string | null) {
      const others: SearchFilters = { ...filters, where: '', lat: null, lng: null, page: 1 }
      const hiddenFields = [...new URLSearchParams(searchHref(others).split('?')[1] ?? '').entries()].map(
        ([name, value]) => ({ name, value }),
      )
      hiddenFields.push({ name: 'choosing', value: choice.input })
      res.render('pages/search/which-place', {
        pageTitle: `Which ${choice.name} do you mean?`,
        breadcrumbs: [HOME, { href: '/search', text: TITLE }],
        errorSummary: error ? [{ href: '#where', text: error }] : undefined,
        choice,
        action: '/search',
        hiddenFields,
        error,
        changeHref: searchHref(others),
      })
    }
  })

  return router
}
