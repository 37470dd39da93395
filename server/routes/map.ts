import { Router, type Response } from 'express'
import { presentServiceSummaries } from '../presenters/serviceSummary'
import type { Services } from '../services'
import type { Answer } from '../services/mapService'
import type { Point } from '../services/geo'
import type { LocationResult } from '../services/locationService'
import type { Bbox } from '../validation/mapQuery'
import { parseMapQuery } from '../validation/mapQuery'
import { parseSearchQuery, type SearchFieldError, type SearchFilters } from '../validation/searchQuery'
import { errorFieldIds, filterChoices, searchHref, typedValue } from './searchView'

/** How many listings the list beside the map shows. */
const LIST_SIZE = 10

/**
 * /map (the map with its list), and the map's data: /map/markers.json (clustered markers),
 * /map/list (the list for another part of the map) and /map/hubs.json (hub outlines).
 */
export function mapRouter({ map, search, listings }: Services): Router {
  const router = Router()

  /** What the list beside the map says about the listings inside `bbox`. */
  const listFor = (filters: SearchFilters, bbox: Bbox, place: Point | null) => {
    const [w, s, e, n] = bbox
    const middle = { latitude: (s + n) / 2, longitude: (w + e) / 2 }
    const { total, nearestIds } = map.inView(filters, bbox, middle, LIST_SIZE)
    const results = presentServiceSummaries(
      listings.serviceSummaries(nearestIds, place ? { from: place } : {}),
    )
    return {
      total,
      results,
      summary: listSummary(total, results.length),
      searchHref: searchHref({ ...filters, page: 1 }),
    }
  }

  router.get('/map', (req, res) => {
    const query = req.query as Record<string, unknown>
    const parsed = parseSearchQuery(query)
    // The map has no pages, so a bad page number does not matter here.
    const errors: SearchFieldError[] = parsed.errors.filter((error) => error.field !== 'page')
    const badCategories = search.checkFilters(parsed.filters)
    const categories = search.categoryOptions()
    const known = new Set(categories.map((term) => term.code))
    const filters: SearchFilters = {
      ...parsed.filters,
      categories: parsed.filters.categories.filter((c) => known.has(c)),
    }
    const problems = [...errors, ...badCategories]

    const location = problems.length === 0 ? search.locate(filters) : null
    if (location?.kind === 'choose') {
      const others: SearchFilters = { ...filters, where: '', lat: null, lng: null }
      res.render('pages/map/whichPlace', {
        pageTitle: `Which ${location.name} do you mean?`,
        breadcrumbs: [HOME, { href: '/map', text: 'Map' }],
        choice: location,
        action: '/map',
        hiddenFields: [...new URLSearchParams(filtersQueryString(others)).entries()].map(([name, value]) => ({
          name,
          value,
        })),
        changeHref: mapHref(others),
      })
      return
    }
    const found = location?.kind === 'found' ? location : null
    if (location && location.kind !== 'found') problems.push({ field: 'where', message: location.message })

    // Without a place, a distance cannot apply; with one, links find it again by its own words.
    const mapFilters: SearchFilters = found
      ? {
          ...filters,
          where: found.where,
          lat: found.precision === 'point' ? filters.lat : null,
          lng: found.precision === 'point' ? filters.lng : null,
        }
      : { ...filters, where: '', lat: null, lng: null, distance: null }
    const view = map.initialView(mapFilters, found?.point ?? null)
    const heading = found
      ? `Map of groups and activities near ${found.label}`
      : 'Map of groups and activities'

    const fieldErrors = new Map<string, string>()
    for (const problem of problems) {
      const id = FIELD_IDS[problem.field]
      if (!fieldErrors.has(id)) fieldErrors.set(id, problem.message)
    }
    const choices = filterChoices(filters, categories)
    res.status(errors.length > 0 || badCategories.length > 0 ? 400 : 200).render('pages/map/index', {
      pageTitle: heading,
      heading,
      breadcrumbs: [HOME],
      usesMap: true,
      errorSummary:
        fieldErrors.size > 0 ? [...fieldErrors].map(([id, text]) => ({ href: `#${id}`, text })) : undefined,
      errors: Object.fromEntries(fieldErrors),
      form: {
        q: filters.q,
        where: found ? found.where : typedValue(query.where, 200) || filters.where,
        lat: mapFilters.lat,
        lng: mapFilters.lng,
      },
      choices,
      hasFilters: choices.chosen > 0,
      filtersOpen: choices.chosen > 0 || [...fieldErrors.keys()].some((id) => id !== 'q' && id !== 'where'),
      withoutFiltersHref: mapHref({
        ...mapFilters,
        categories: [],
        day: null,
        free: false,
        access: [],
        home: false,
        distance: null,
      }),
      view,
      query: filtersQueryString(mapFilters),
      inView: listFor(mapFilters, view.bbox, found?.point ?? null),
    })
  })

  router.get('/map/markers.json', (req, res) => {
    const parsed = parseMapQuery(req.query)
    if (!parsed.ok) return badRequest(res, parsed.message)
    const { filters, bbox, zoom } = parsed.query
    const problem = search.checkFilters(filters)[0]
    if (problem) return badRequest(res, problem.message)
    res.set('Cache-Control', 'public, max-age=60')
    sendAnswer(res, map.markersAnswer(filters, bbox, zoom))
  })

  router.get('/map/list', (req, res) => {
    const parsed = parseMapQuery(req.query)
    if (!parsed.ok) return badRequest(res, parsed.message)
    const { filters, bbox } = parsed.query
    const problem = search.checkFilters(filters)[0]
    if (problem) return badRequest(res, problem.message)
    const location: LocationResult | null =
      filters.where !== '' || filters.lat !== null ? search.locate(filters) : null
    const place = location?.kind === 'found' ? location.point : null
    res.set('Cache-Control', 'public, max-age=60')
    res.render('pages/map/list', { layout: false, inView: listFor(filters, bbox, place) })
  })

  router.get('/map/hubs.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300')
    sendAnswer(res, map.hubsAnswer())
  })

  return router
}

const HOME = { href: '/', text: 'Home' }

const FIELD_IDS = errorFieldIds('q')

/** The filters as a query string, as /search writes them ("" when there are none). */
function filtersQueryString(filters: SearchFilters): string {
  return searchHref({ ...filters, page: 1 }).split('?')[1] ?? ''
}

function mapHref(filters: SearchFilters): string {
  const query = filtersQueryString(filters)
  return query ? `/map?${query}` : '/map'
}

/** GeoJSON already written, with its own ETag (so Express need not hash it on every request). */
function sendAnswer(res: Response, answer: Answer): void {
  res.set('ETag', answer.etag).type('application/geo+json').send(answer.body)
}

function badRequest(res: Response, message: string): void {
  res.status(400).set('Cache-Control', 'no-store').json({ error: message })
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
