/**
 * Map maths: Web Mercator (as Leaflet uses it), boxes, the zoom a box is
 * clustered at, and the view a map of the usual size shows. Pure functions, no data.
 */
import type { Bbox } from '../../validation/mapQuery'
import { MAX_ZOOM } from '../../validation/mapQuery'

export interface BoundingBox {
  west: number
  south: number
  east: number
  north: number
}

/** Where the map opens, and the box a map of the usual size shows there. */
export interface MapView {
  latitude: number
  longitude: number
  zoom: number
  bbox: Bbox
}

/** Clusters stop at this zoom; above it every place is its own marker. */
export const CLUSTER_MAX_ZOOM = 17
/** Radius of a cluster, in screen pixels at Leaflet's 256-pixel tiles: more than a 44px target. */
export const CLUSTER_RADIUS_PX = 50
/** Leaflet's tiles are 256 pixels across. */
export const TILE_EXTENT = 256

/** The map's usual size on a computer screen, for the list shown before any JavaScript runs. */
const VIEW_WIDTH_PX = 640
const VIEW_HEIGHT_PX = 480
/** The widest map, in screen pixels, that is clustered at the zoom asked for. */
const MAX_VIEW_PX = 4096

export const MILES_PER_DEGREE_LATITUDE = 69.05

// Web Mercator in 0..1: x from west to east, y from north to south.
export const lngX = (lng: number): number => lng / 360 + 0.5
export const latY = (lat: number): number => {
  const sin = Math.sin((lat * Math.PI) / 180)
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI
  return y < 0 ? 0 : y > 1 ? 1 : y
}
export const xLng = (x: number): number => (x - 0.5) * 360
export const yLat = (y: number): number =>
  (360 * Math.atan(Math.exp(((180 - y * 360) * Math.PI) / 180))) / Math.PI - 90

/** A box with west, south, east and north edges, as a degrees box. */
export interface Edges {
  w: number
  s: number
  e: number
  n: number
}

export const inside = (lng: number, lat: number, [w, s, e, n]: Bbox): boolean =>
  lng >= w && lng <= e && lat >= s && lat <= n
/**
 * The zoom to cluster at. A box far wider than any screen at the zoom asked for (a whole
 * county at street level) is clustered as at a lower zoom, so that no request can ask for
 * thousands of single markers; the counts still add up.
 */
export function zoomFor([w, s, e, n]: Bbox, zoom: number): number {
  let z = Math.max(0, Math.min(MAX_ZOOM, Math.floor(zoom)))
  const span = Math.max(lngX(e) - lngX(w), latY(s) - latY(n))
  while (z > 0 && span * TILE_EXTENT * 2 ** z > MAX_VIEW_PX) z -= 1
  return z
}

/** The highest zoom at which the box fits in a map of the usual size. */
export function zoomToFit([w, s, e, n]: Bbox): number {
  const spanX = Math.max(lngX(e) - lngX(w), 1e-9)
  const spanY = Math.max(latY(s) - latY(n), 1e-9)
  const zoom = Math.floor(Math.log2(Math.min(VIEW_WIDTH_PX / (spanX * 256), VIEW_HEIGHT_PX / (spanY * 256))))
  return Math.max(0, Math.min(CLUSTER_MAX_ZOOM, zoom))
}

/** The view centred on a point at a zoom, with the box a map of the usual size shows. */
export function viewAt(longitude: number, latitude: number, zoom: number): MapView {
  const scale = 256 * 2 ** zoom
  const x = lngX(longitude)
  const y = latY(latitude)
  const halfX = VIEW_WIDTH_PX / 2 / scale
  const halfY = VIEW_HEIGHT_PX / 2 / scale
  const bbox: Bbox = [
    Math.max(-180, xLng(x - halfX)),
    Math.max(-85, yLat(Math.min(1, y + halfY))),
    Math.min(180, xLng(x + halfX)),
    Math.min(85, yLat(Math.max(0, y - halfY))),
  ]
  return {
    latitude: round6(latitude),
    longitude: round6(longitude),
    zoom,
    bbox: bbox.map(round6) as unknown as Bbox,
  }
}

/** The view that shows a whole box, centred on it, no closer than `maxZoom` nor further than `minZoom`. */
export function viewOf(box: Bbox, minZoom: number, maxZoom: number): MapView {
  const [w, s, e, n] = box
  const centreX = (lngX(w) + lngX(e)) / 2
  const centreY = (latY(s) + latY(n)) / 2
  return viewAt(xLng(centreX), yLat(centreY), Math.max(minZoom, Math.min(maxZoom, zoomToFit(box))))
}

/** The box `miles` round a point, in degrees. */
export function boxAround(latitude: number, longitude: number, miles: number): Bbox {
  const dLat = miles / MILES_PER_DEGREE_LATITUDE
  const dLng = dLat / Math.max(0.01, Math.cos((latitude * Math.PI) / 180))
  return [longitude - dLng, latitude - dLat, longitude + dLng, latitude + dLat]
}

export const round6 = (n: number): number => Math.round(n * 1e6) / 1e6
export const round5 = (n: number): number => Math.round(n * 1e5) / 1e5
