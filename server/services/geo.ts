/**
 * Small geometry for search: boxes around a point (for the R*Tree prefilter) and whether a
 * hub's area covers a point (for services that come to your home). Points are WGS84
 * degrees; distances are miles, as the crow flies.
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import { milesBetween, type Point } from './milesBetween'

export { milesBetween, type Point }

export interface Box {
  west: number
  south: number
  east: number
  north: number
}

const MILES_PER_DEGREE_LATITUDE = 69.05

/**
 * The smallest latitude/longitude box holding every point within `miles` of `centre`. It is
 * a prefilter: points in the box may still be further away, so exact distances come after.
 */
export function boxAround(centre: Point, miles: number): Box {
  const dLat = miles / MILES_PER_DEGREE_LATITUDE
  const south = Math.max(-90, centre.latitude - dLat)
  const north = Math.min(90, centre.latitude + dLat)
  // A degree of longitude shrinks towards the poles; use the widest latitude in the box.
  const widest = Math.max(Math.abs(south), Math.abs(north))
  const cos = Math.cos((widest * Math.PI) / 180)
  if (cos < 1e-6) return { west: -180, south, east: 180, north }
  const dLng = miles / (MILES_PER_DEGREE_LATITUDE * cos)
  if (dLng >= 180) return { west: -180, south, east: 180, north }
  return { west: centre.longitude - dLng, south, east: centre.longitude + dLng, north }
}

type Ring = number[][]
type Polygon = Ring[]

function isPositionList(value: unknown): value is Ring {
  return (
    Array.isArray(value) &&
    value.every(
      (position) =>
        Array.isArray(position) &&
        position.length >= 2 &&
        position.every((n) => typeof n === 'number' && Number.isFinite(n)),
    )
  )
}

/** Rings of four or more positions, the first and last the same: what Turf needs to be given. */
function isPolygon(value: unknown): value is Polygon {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((ring) => {
      if (!isPositionList(ring) || ring.length < 4) return false
      const first = ring[0] ?? []
      const last = ring[ring.length - 1] ?? []
      return first[0] === last[0] && first[1] === last[1]
    })
  )
}

/**
 * Is the point inside a GeoJSON Polygon or MultiPolygon (given as text or parsed)? Inside an
 * outer ring and outside its holes; a point on an edge counts as inside. Anything that is not
 * one of those shapes, or is not well formed, covers nothing. The test itself is Turf's
 * (@turf/boolean-point-in-polygon), which is widely used and tested, rather than our own.
 */
export function pointInGeoJson(point: Point, geojson: unknown): boolean {
  let shape: unknown = geojson
  if (typeof geojson === 'string') {
    try {
      shape = JSON.parse(geojson)
    } catch {
      return false
    }
  }
  if (typeof shape !== 'object' || shape === null) return false
  const { type, coordinates } = shape as { type?: unknown; coordinates?: unknown }
  const position = [point.longitude, point.latitude]
  if (type === 'Polygon' && isPolygon(coordinates)) {
    return booleanPointInPolygon(position, { type: 'Polygon', coordinates })
  }
  if (type === 'MultiPolygon' && Array.isArray(coordinates) && coordinates.every(isPolygon)) {
    return booleanPointInPolygon(position, { type: 'MultiPolygon', coordinates: coordinates as Polygon[] })
  }
  return false
}

/** A hub's area: a GeoJSON boundary, or else a circle of radiusMiles round its centre. */
export interface HubArea {
  latitude: number
  longitude: number
  radiusMiles: number | null
  boundaryGeojson: string | null
}

/** Does the hub's area cover the point? The boundary wins when a hub has both. */
export function hubCovers(hub: HubArea, point: Point): boolean {
  if (hub.boundaryGeojson) return pointInGeoJson(point, hub.boundaryGeojson)
  if (hub.radiusMiles !== null) return milesBetween(hub, point) <= hub.radiusMiles
  return false
}
