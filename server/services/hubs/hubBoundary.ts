/**
 * A hub's boundary as an admin pastes it: GeoJSON text, checked and put in words when it is
 * not a shape we can use. The checks are Turf's (@turf/kinks for edges that cross,
 * @turf/boolean-valid for holes outside their outline, @turf/simplify for boundaries with more
 * points than a map or a point-in-polygon test needs), so the geometry is well-kept code
 * rather than our own.
 */
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon'
import { booleanValid } from '@turf/boolean-valid'
import { kinks } from '@turf/kinks'
import { simplify } from '@turf/simplify'
import type { MultiPolygon, Polygon } from 'geojson'

/** More points than this cannot be pasted at all. */
export const MOST_BOUNDARY_POINTS = 20_000
/** Boundaries with more points than this are simplified until they have at most this many. */
export const SIMPLIFY_OVER_POINTS = 1_000
/** The longest boundary text taken (about 20,000 points written to 6 decimal places). */
export const BOUNDARY_MAX_LENGTH = 1_000_000

export type BoundaryCheck =
  | {
      kind: 'ok'
      geometry: Polygon | MultiPolygon
      /** how many points it has, after any simplifying */
      points: number
      /** how many it had as pasted, when it was simplified */
      simplifiedFrom: number | null
    }
  | { kind: 'problem'; message: string }

const problem = (message: string): BoundaryCheck => ({ kind: 'problem', message })

type Position = number[]

/** The geometry inside a Feature, or a FeatureCollection of one Feature, or the geometry itself. */
function geometryOf(value: unknown): { type: unknown; coordinates: unknown } | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const shape = value as Record<string, unknown>
  if (shape.type === 'Feature') return geometryOf(shape.geometry)
  if (shape.type === 'FeatureCollection') {
    const features = shape.features
    if (Array.isArray(features) && features.length === 1) return geometryOf(features[0])
    return { type: 'FeatureCollection', coordinates: undefined }
  }
  return { type: shape.type, coordinates: shape.coordinates }
}

const isPosition = (value: unknown): value is Position =>
  Array.isArray(value) &&
  value.length >= 2 &&
  value.length <= 3 &&
  value.every((n) => typeof n === 'number' && Number.isFinite(n))

/** Checks one polygon's rings; null when they are well formed, else the problem in words. */
function ringsProblem(polygon: unknown, where: string): string | null {
  if (!Array.isArray(polygon) || polygon.length === 0) {
    return `The boundary's coordinates are not in the right shape${where}. A Polygon's coordinates are a list of rings, each a list of [longitude, latitude] points`
  }
  for (const [index, ring] of polygon.entries()) {
    const which = index === 0 ? 'outline' : `hole ${index}`
    if (!Array.isArray(ring) || !ring.every(isPosition)) {
      return `The boundary's coordinates are not in the right shape${where}. Each point must be [longitude, latitude], two numbers`
    }
    const positions = ring as Position[]
    for (const [longitude = 0, latitude = 0] of positions) {
      if (longitude < -180 || longitude > 180 || latitude < -90 || latitude > 90) {
        return `The boundary has a point that is not on the map${where}: [${longitude}, ${latitude}]. Each point must be [longitude, latitude], longitude first`
      }
    }
    if (positions.length < 4) {
      return `The boundary's ${which}${where} has too few points. A ring needs at least 4 points, the last the same as the first`
    }
    const first = positions[0] as Position
    const last = positions[positions.length - 1] as Position
    if (first[0] !== last[0] || first[1] !== last[1]) {
      return `The boundary's ${which}${where} is not closed. Its last point must be the same as its first`
    }
  }
  return null
}

function countPoints(geometry: Polygon | MultiPolygon): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  return polygons.reduce((sum, polygon) => sum + polygon.reduce((n, ring) => n + ring.length, 0), 0)
}

const round = (n: number): string => String(Math.round(n * 10_000) / 10_000)

function crossingProblem(geometry: Polygon | MultiPolygon): string | null {
  const crossings = kinks(geometry).features
  const first = crossings[0]
  if (!first) return null
  const [longitude = 0, latitude = 0] = first.geometry.coordinates
  return `The boundary crosses over itself near longitude ${round(longitude)}, latitude ${round(latitude)}. Draw it so that no two edges cross`
}

/** Whether any hole has a corner outside its polygon's outline. */
function holeOutside(geometry: Polygon | MultiPolygon): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
  return polygons.some(([outline, ...holes]) =>
    holes.some((hole) =>
      hole.some(
        (position) =>
          !booleanPointInPolygon(
            position,
            { type: 'Polygon', coordinates: [outline ?? []] },
            { ignoreBoundary: false },
          ),
      ),
    ),
  )
}

/** Fewer points, by Turf's simplify with a growing tolerance, keeping the shape valid; null if it cannot. */
function simplified(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon | null {
  for (let tolerance = 0.00005; tolerance < 0.1; tolerance *= 2) {
    const smaller = simplify(geometry, { tolerance, highQuality: false, mutate: false })
    if (
      countPoints(smaller) <= SIMPLIFY_OVER_POINTS &&
      crossingProblem(smaller) === null &&
      booleanValid(smaller)
    ) {
      return smaller
    }
  }
  return null
}

/** Checks pasted GeoJSON text and gives back the boundary to keep, or what is wrong with it in words. */
export function checkBoundary(text: string): BoundaryCheck {
  if (text.length > BOUNDARY_MAX_LENGTH) {
    return problem(
      `The boundary has too many points. Paste one with at most ${MOST_BOUNDARY_POINTS.toLocaleString('en-GB')} points`,
    )
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return problem(
      'The boundary is not GeoJSON. Paste the whole GeoJSON text, starting with { and ending with }',
    )
  }
  const geometry = geometryOf(parsed)
  if (!geometry) {
    return problem(
      'The boundary is not GeoJSON. Paste the whole GeoJSON text, starting with { and ending with }',
    )
  }
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
    const what = typeof geometry.type === 'string' ? `a ${geometry.type}` : 'not a shape'
    return problem(`The boundary must be a Polygon or MultiPolygon, but this is ${what}`)
  }
  if (geometry.type === 'Polygon') {
    const found = ringsProblem(geometry.coordinates, '')
    if (found) return problem(found)
  } else {
    if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0) {
      return problem(
        "The boundary's coordinates are not in the right shape. A MultiPolygon's coordinates are a list of polygons",
      )
    }
    for (const [index, polygon] of geometry.coordinates.entries()) {
      const found = ringsProblem(polygon, ` (in part ${index + 1})`)
      if (found) return problem(found)
    }
  }
  const shape = { type: geometry.type, coordinates: geometry.coordinates } as Polygon | MultiPolygon
  const points = countPoints(shape)
  if (points > MOST_BOUNDARY_POINTS) {
    return problem(
      `The boundary has too many points (${points.toLocaleString('en-GB')}). Paste one with at most ${MOST_BOUNDARY_POINTS.toLocaleString('en-GB')} points`,
    )
  }
  if (holeOutside(shape) || !booleanValid(shape)) {
    return problem(
      'The boundary is not a shape we can use: each hole must be inside its outline, and no two parts may overlap',
    )
  }
  // Finding crossings takes time that grows with the square of the points, so a detailed
  // boundary is simplified first and the simpler shape (the one kept) is checked.
  if (points <= SIMPLIFY_OVER_POINTS) {
    const crossing = crossingProblem(shape)
    if (crossing) return problem(crossing)
    return { kind: 'ok', geometry: shape, points, simplifiedFrom: null }
  }
  const smaller = simplified(shape)
  if (!smaller) {
    return problem(
      `The boundary has too many points (${points.toLocaleString('en-GB')}) and could not be made simpler. Paste one with at most ${SIMPLIFY_OVER_POINTS.toLocaleString('en-GB')} points`,
    )
  }
  return { kind: 'ok', geometry: smaller, points: countPoints(smaller), simplifiedFrom: points }
}
