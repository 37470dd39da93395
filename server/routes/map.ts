import crypto from 'node:crypto'
import { Router, type Response } from 'express'
import { paths } from '../addresses'
import { methodNotAllowed } from '../middleware/methodNotAllowed'
import { presentMapList, presentMapPage, type MapListView } from '../presenters/mapPage'
import { presentSearchBusy, presentSearchTooBig } from '../presenters/searchPage'
import { presentWhichPlace } from '../presenters/searchWhichPlace'
import type { Services } from '../services'
import type { Point } from '../services/geo'
import { isBusy, isTooBig } from '../services/searchWorker'
import type { Bbox } from '../validation/mapQuery'
import { parseMapQuery, type MapQuery } from '../validation/mapQuery'
import type { DistanceMiles, SearchFilters } from '../validation/searchQuery'
import { BUSY_RETRY_SECONDS, filtersForMap, readSearchRequest } from './searchRequest'

/** How many listings the list beside the map shows. */
const LIST_SIZE = 10

/**
 * /map (the map with its list), and the map's data: /map/markers.json (clustered markers),
 * /map/list (the list for another part of the map) and /map/hubs.json (hub outlines).
 * /map reads its request as /search does (readSearchRequest), so it asks "Which Newport do
 * you mean?" the same way.
 */
export function mapRouter({ map, search, searches, listings }: Services): Router {
  const router = Router()

  /** The list beside the map: the listings inside `bbox`, nearest its middle first. */
  const listFor = (filters: SearchFilters, bbox: Bbox, place: Point | null): MapListView => {
    const [w, s, e, n] = bbox
    const middle = { latitude: (s + n) / 2, longitude: (w + e) / 2 }
    const { total, nearestIds } = map.inView(filters, bbox, middle, LIST_SIZE)
    const results = listings.serviceSummaries(nearestIds, place ? { from: place } : {})
    return presentMapList(filters, { total, results })
  }

  /** The map's data query, or null when it has been answered with a 400 and a plain message. */
  const readMapQuery = (query: unknown, res: Response): MapQuery | null => {
    const parsed = parseMapQuery(query)
    const problem = parsed.ok ? search.checkFilters(parsed.query.filters)[0]?.message : parsed.message
    if (!parsed.ok || problem) {
      res.status(400).set('Cache-Control', 'no-store').json({ error: problem })
      return null
    }
    return parsed.query
  }

  router
    .route(paths.map)
    .get(async (req, res) => {
      const request = readSearchRequest(req.query, search, { paged: false })
      if (request.decision === 'choose place') {
        res.render('pages/search/which-place', presentWhichPlace(request, 'map'))
        return
      }
      const place = request.decision === 'go ahead' ? request.place : null
      const shown = filtersForMap(request.filters, place)
      // The map reaches as far as the list would: the distance chosen, or the radius search reached.
      let mapFilters: SearchFilters = shown
      if (request.decision === 'go ahead' && place && shown.distance === null) {
        const near = await searches.reach(shown, place.point)
        if (isTooBig(near)) {
          res.render('pages/search/too-big', presentSearchTooBig(request))
          return
        }
        if (isBusy(near)) {
          res.status(503).set('Retry-After', String(BUSY_RETRY_SECONDS))
          res.render('pages/search/busy', presentSearchBusy(request, 'map'))
          return
        }
        mapFilters = { ...shown, distance: near.miles as DistanceMiles }
      }
      const view = map.initialView(mapFilters, place?.point ?? null)
      const inView = listFor(mapFilters, view.bbox, place?.point ?? null)
      res
        .status(request.decision === 'problems' ? 400 : 200)
        .render('pages/map/index', presentMapPage(request, mapFilters, view, inView))
    })
    .all(methodNotAllowed('GET'))

  router
    .route(paths.mapMarkers)
    .get((req, res) => {
      const query = readMapQuery(req.query, res)
      if (!query) return
      const { filters, bbox, zoom } = query
      res.set('Cache-Control', ASK_AGAIN)
      sendJson(res, map.markersJson(filters, bbox, zoom))
    })
    .all(methodNotAllowed('GET'))

  router
    .route(paths.mapList)
    .get((req, res) => {
      const query = readMapQuery(req.query, res)
      if (!query) return
      const { filters, bbox } = query
      const location = search.locate(filters)
      const place = location?.kind === 'found' ? location.point : null
      res.set('Cache-Control', ASK_AGAIN)
      res.render('pages/map/list', { layout: false, inView: listFor(filters, bbox, place) })
    })
    .all(methodNotAllowed('GET'))

  router
    .route(paths.mapHubs)
    .get((req, res) => {
      // The hubs in view, simplified to the zoom; with no bbox, every hub as it is (up to a limit).
      let json: string
      if (req.query.bbox === undefined) {
        json = map.hubsJson()
      } else {
        const query = readMapQuery(req.query, res)
        if (!query) return
        json = map.hubsJson(query.bbox, query.zoom)
      }
      res.set('Cache-Control', ASK_AGAIN)
      sendJson(res, json)
    })
    .all(methodNotAllowed('GET'))

  return router
}

/**
 * Browsers may keep the map's answers but must ask again each time (a 304 when nothing has
 * changed, thanks to the ETag), so a listing hidden a moment ago never stays on the map.
 */
const ASK_AGAIN = 'no-cache'

/**
 * GeoJSON the map service wrote (and keeps), sent with an ETag made from its bytes, so a
 * browser that has it already gets a 304. Hashing an answer takes well under a millisecond.
 */
function sendJson(res: Response, json: string): void {
  const body = Buffer.from(json, 'utf8')
  const etag = `"${crypto.createHash('sha1').update(body).digest('base64url')}"`
  res.set('ETag', etag).type('application/geo+json').send(body)
}
