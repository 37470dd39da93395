/**
 * What the benchmark asks for: realistic addresses for each route, from what is in the
 * generated database. The repeated mix goes round fixed lists (so answer caches see hits and
 * misses); the "never asked before" searches make a new query for every request (queries.ts).
 * Every query here is bounded: a few rows picked through the tables, never a whole table.
 */
import type { Db } from '../db/connection'
import { BASELINE_PATH } from './app'
import type { NeverAskedKind, QueryPlaces } from './queries'
import { Random } from './random'
import type { RouteKind } from './targets'
import * as words from './words'

export interface Route {
  name: string
  kind: RouteKind
  /** a fixed list of addresses, each request one of them at random */
  paths?: string[]
  /** or a new search for every request */
  neverAsked?: NeverAskedKind
  /** what the body must contain, beyond a 200, for the route to count as working */
  check: (body: string) => boolean
}

/** Picks n items spread evenly through a list. */
function spread<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items]
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)] as T)
}

/** Tables the benchmark picks ids from: fixed names, so they may be written into SQL. */
type IdTable = 'services' | 'locations' | 'organizations'

/** About n published ids spread through a table, one indexed lookup each. */
function spreadIds(db: Db, table: IdTable, n: number): number[] {
  const highest = db.prepare<[], number>(`SELECT max(id) FROM ${table}`).pluck().get() ?? 0
  const next = db
    .prepare<[number], number>(
      `SELECT id FROM ${table} WHERE id >= ? AND status = 'published' ORDER BY id LIMIT 1`,
    )
    .pluck()
  const ids = new Set<number>()
  for (let i = 0; i < n; i++) {
    const id = next.get(1 + Math.floor((i * highest) / n))
    if (id !== undefined) ids.add(id)
  }
  return [...ids]
}

const q = encodeURIComponent

const isJson = (body: string) => {
  try {
    const parsed = JSON.parse(body) as { type?: string; features?: unknown[] }
    return parsed.type === 'FeatureCollection' && Array.isArray(parsed.features)
  } catch {
    return false
  }
}
// A page of results (or a plain "none found"), not an error or "Which one?" page.
const results = (body: string) =>
  !body.includes('govuk-error-summary') &&
  !body.includes('do you mean?') &&
  (body.includes('href="/services/') || body.includes('We could not find any groups'))
// With a place, results say how far away they are, or how they reach you from its area.
const nearResults = (body: string) =>
  results(body) &&
  (!body.includes('href="/services/') ||
    ['miles away', 'Comes to your home', 'By phone', 'Online'].some((phrase) => body.includes(phrase)))
const aPage = (body: string) => body.includes('<h1')
// An open data API page (Open Referral UK's Page object) with something in it.
const anOpenDataPage = (body: string) => {
  try {
    const parsed = JSON.parse(body) as { total_items?: number; contents?: unknown[] }
    return (
      typeof parsed.total_items === 'number' && Array.isArray(parsed.contents) && parsed.contents.length > 0
    )
  } catch {
    return false
  }
}

export interface BenchRoutes {
  baseline: Route
  routes: Route[]
  /** the towns and postcode districts the never-asked searches are made from */
  places: QueryPlaces
  /** what the mixed load's writes are about: listings to suggest changes to, hubs to ask */
  writeTargets: { serviceIds: number[]; hubSlugs: string[] }
}

export function buildRoutes(db: Db): BenchRoutes {
  // Towns and cities with a name no other GB place has (so "where" never asks "Which one?"),
  // from the biggest cities down to market towns.
  const unambiguousTowns = db
    .prepare<[], { name: string; latitude: number; longitude: number }>(
      `SELECT g.name, g.latitude, g.longitude FROM gazetteer_places g
        WHERE g.country <> 'NIR' AND g.population >= 20000
          AND (SELECT count(*) FROM gazetteer_places h WHERE h.search_name = g.search_name) = 1
        ORDER BY g.population DESC, g.id`,
    )
    .all()
  const towns = spread(unambiguousTowns, 12)
  const mapTowns = spread(unambiguousTowns, 60)
  const busiestDistricts = db
    .prepare<[], string>(
      'SELECT district FROM postcode_districts ORDER BY postcode_count DESC, district LIMIT 300',
    )
    .pluck()
    .all()
  const districts = spread(busiestDistricts, 12)
  // A full postcode in each of those districts: the first, one indexed lookup each.
  const openDataPostcodes = districts.flatMap((district) =>
    db
      .prepare<[string], string>(
        'SELECT postcode FROM postcodes WHERE district = ? ORDER BY postcode LIMIT 1',
      )
      .pluck()
      .all(district),
  )
  const serviceIds = spreadIds(db, 'services', 50)
  const placeIds = spreadIds(db, 'locations', 50)
  const organisationIds = spreadIds(db, 'organizations', 50)
  const hubCount = db.prepare<[], number>('SELECT count(*) FROM hubs').pluck().get() ?? 0
  const hubSlugs = db
    .prepare<[number], string>('SELECT slug FROM hubs WHERE id % ? = 0 ORDER BY id LIMIT 50')
    .pluck()
    .all(Math.max(1, Math.floor(hubCount / 50)))
  if (towns.length === 0 || districts.length === 0 || serviceIds.length === 0 || hubSlugs.length === 0) {
    throw new Error('The generated database has no towns, postcode districts, services or hubs to ask for')
  }

  // What people search for: a few popular words asked for again and again, and a long tail
  // asked for now and then. Half the requests are popular words, half from the tail, so any
  // cache of search results sees both hits and misses.
  const popular = words.POPULAR_WORDS
  const tail = words.TAIL_WORDS.flatMap((word, i) => [
    word,
    `${word} ${words.TAIL_ENDINGS[i % words.TAIL_ENDINGS.length]}`,
  ])
  const halfPopular = (build: (phrase: string, i: number) => string) => [
    ...tail.map((_, i) => build(popular[i % popular.length] ?? 'lunch', i)),
    ...tail.map((phrase, i) => build(phrase, i)),
  ]
  const twoFilters = ['free=yes&day=tuesday', 'access=step-free&day=tuesday', 'free=yes&access=step-free']
  // Map views: people pan, so most views differ a little. The map's answer cache holds 200, so
  // these go round more views than that; a quarter of the England views are its opening view,
  // which everyone sees first. A zoom-14 view on a 1280 by 800 pixel screen is about 0.11
  // degrees of longitude wide; a zoom-10 view 16 times that.
  const random = new Random(14)
  const pan = (most: number) => (random.next() - 0.5) * 2 * most
  const bbox = (west: number, south: number, east: number, north: number) =>
    [west, south, east, north].map((n) => n.toFixed(4)).join(',')
  const englandViews = Array.from({ length: 240 }, (_, i) => {
    const [dx, dy] = i % 4 === 0 ? [0, 0] : [pan(1), pan(0.6)]
    const filter = i % 40 === 1 ? '&category=walking-groups' : i % 40 === 21 ? '&free=yes' : ''
    return `/map/markers.json?bbox=${bbox(-6 + dx, 49.8 + dy, 2 + dx, 55.9 + dy)}&zoom=6${filter}`
  })
  const townViews = (zoom: number, halfWidth: number, halfHeight: number, panBy: number) =>
    mapTowns.flatMap((town) =>
      Array.from({ length: 10 }, () => {
        const [x, y] = [town.longitude + pan(panBy), town.latitude + pan(panBy * 0.4)]
        return `/map/markers.json?bbox=${bbox(x - halfWidth, y - halfHeight, x + halfWidth, y + halfHeight)}&zoom=${zoom}`
      }),
    )
  return {
    baseline: {
      name: 'baseline (no database)',
      kind: 'page',
      paths: Array.from({ length: 10 }, (_, i) => `${BASELINE_PATH}?n=${i}`),
      check: (body) => body.includes('<h1>'),
    },
    places: {
      towns: spread(unambiguousTowns, 200).map((town) => town.name),
      districts: busiestDistricts,
    },
    writeTargets: { serviceIds, hubSlugs },
    routes: [
      { name: 'text search', kind: 'search', paths: halfPopular((p) => `/search?q=${q(p)}`), check: results },
      {
        name: 'text search, never asked',
        kind: 'never-asked search',
        neverAsked: 'text',
        check: results,
      },
      {
        name: 'text search near a place',
        kind: 'search',
        paths: halfPopular((p, i) => `/search?q=${q(p)}&where=${q(towns[i % towns.length]?.name ?? '')}`),
        check: nearResults,
      },
      {
        name: 'text near a place, never asked',
        kind: 'never-asked search',
        neverAsked: 'text near a place',
        check: nearResults,
      },
      {
        name: 'near a postcode district, 2 filters',
        kind: 'search',
        paths: districts.map(
          (district, i) => `/search?where=${q(district)}&${twoFilters[i % twoFilters.length]}`,
        ),
        check: nearResults,
      },
      {
        name: 'near a district, filters, never asked',
        kind: 'never-asked search',
        neverAsked: 'near a postcode district',
        check: nearResults,
      },
      { name: 'markers.json England zoom 6', kind: 'markers', paths: englandViews, check: isJson },
      {
        name: 'markers.json town zoom 10',
        kind: 'markers',
        paths: townViews(10, 0.88, 0.344, 0.3),
        check: isJson,
      },
      {
        name: 'markers.json town zoom 14',
        kind: 'markers',
        paths: townViews(14, 0.055, 0.0215, 0.03),
        check: isJson,
      },
      { name: 'start page /', kind: 'page', paths: ['/'], check: aPage },
      { name: 'hubs list /hubs', kind: 'page', paths: ['/hubs'], check: aPage },
      { name: 'people /people', kind: 'page', paths: ['/people'], check: aPage },
      { name: 'service page', kind: 'page', paths: serviceIds.map((id) => `/services/${id}`), check: aPage },
      { name: 'place page', kind: 'page', paths: placeIds.map((id) => `/places/${id}`), check: aPage },
      {
        name: 'organisation page',
        kind: 'page',
        paths: organisationIds.map((id) => `/organisations/${id}`),
        check: aPage,
      },
      { name: 'hub page', kind: 'page', paths: hubSlugs.map((slug) => `/hubs/${q(slug)}`), check: aPage },
      // The open data API (issue 14): a reader paging through every service (pages reach
      // 10,000 services, 200 pages of 50), and services within 8 km of a full postcode.
      {
        name: 'open data services, page N',
        kind: 'page',
        paths: Array.from(
          { length: 40 },
          (_, i) => `/openreferral/v3/services?per_page=50&page=${1 + i * 5}`,
        ),
        check: anOpenDataPage,
      },
      {
        name: 'open data near a postcode, 8 km',
        kind: 'page',
        paths: openDataPostcodes.map(
          (postcode) => `/openreferral/v3/service_at_locations?postcode=${q(postcode)}&proximity=8000`,
        ),
        check: anOpenDataPage,
      },
    ],
  }
}
