/**
 * Hubs' areas as GeoJSON outlines: only the hubs in view, each simplified to the zoom (a
 * point every pixel or so is all a map can show), so the answer stays small however many
 * hubs there are. Simplifying is simplify-js (Douglas-Peucker with a radial pre-pass).
 */
import simplify from 'simplify-js'
import type { HubAreaRow } from '../../../db/repositories/mapDataRepository'
import type { Bbox } from '../../validation/mapQuery'
import { MILES_PER_DEGREE_LATITUDE, TILE_EXTENT, round5 } from './projection'

export type HubGeometry =
  { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] }

export interface HubOutlineCollection {
  type: 'FeatureCollection'
  features: {
    type: 'Feature'
    geometry: HubGeometry
    properties: { slug: string; name: string; url: string }
  }[]
}

/** At most this many hubs are drawn in one view (the biggest first) ... */
export const HUBS_IN_VIEW = 300
/** ... in at most about this many bytes of JSON (a hub's boundary may have thousands of points). */
export const HUB_OUTLINE_BYTES = 200_000
/** A hub narrower than this many pixels at the zoom is left out: it would be a dot. */
const SMALLEST_HUB_PX = 4
/** Points closer than this many pixels to the simplified line are dropped. */
const TOLERANCE_PX = 1
const CIRCLE_SIDES = 48

/** How many degrees of longitude one pixel is at a zoom. */
export const degreesPerPixel = (zoom: number): number => 360 / (TILE_EXTENT * 2 ** zoom)

/** What the outlines need: the hubs whose area reaches into a box. */
export interface HubAreaFinder {
  hubAreasIn(
    box: { west: number; south: number; east: number; north: number },
    minSpan: number,
    limit: number,
  ): HubAreaRow[]
}

/**
 * The outlines of the hubs in `bbox` at `zoom`, biggest first: each simplified to the zoom,
 * and none too small to see. With no zoom, every hub in the box as it is (up to HUBS_IN_VIEW).
 */
export function hubOutlinesIn(
  finder: HubAreaFinder,
  hubLink: (slug: string) => string,
  bbox: Bbox,
  zoom: number | null,
  maxBytes = HUB_OUTLINE_BYTES,
): HubOutlineCollection {
  const [west, south, east, north] = bbox
  const perPixel = zoom === null ? 0 : degreesPerPixel(zoom)
  const hubs = finder.hubAreasIn({ west, south, east, north }, perPixel * SMALLEST_HUB_PX, HUBS_IN_VIEW)
  const features: HubOutlineCollection['features'] = []
  let bytes = 0
  for (const hub of hubs) {
    const outline = outlineOf(hub)
    const geometry = outline && perPixel > 0 ? simplified(outline, perPixel * TOLERANCE_PX) : outline
    if (!geometry) continue
    const feature = {
      type: 'Feature' as const,
      geometry,
      properties: { slug: hub.slug, name: hub.name, url: hubLink(hub.slug) },
    }
    // Biggest first, so the hubs left out when the answer is full are the smallest.
    bytes += JSON.stringify(feature).length
    if (bytes > maxBytes && features.length > 0) break
    features.push(feature)
  }
  return { type: 'FeatureCollection', features }
}

/** A hub's outline: its GeoJSON Polygon or MultiPolygon (bare or in a Feature), or else a circle of its radius. */
export function outlineOf(hub: HubAreaRow): HubGeometry | null {
  if (hub.boundaryGeojson) {
    try {
      const parsed = JSON.parse(hub.boundaryGeojson) as {
        type?: unknown
        coordinates?: unknown
        geometry?: unknown
      }
      const shape = (parsed.type === 'Feature' ? parsed.geometry : parsed) as {
        type?: unknown
        coordinates?: unknown
      }
      if ((shape?.type === 'Polygon' || shape?.type === 'MultiPolygon') && Array.isArray(shape.coordinates)) {
        return { type: shape.type, coordinates: shape.coordinates } as HubGeometry
      }
    } catch {
      // A boundary that is not GeoJSON falls back to the radius below.
    }
  }
  if (hub.radiusMiles === null || !(hub.radiusMiles > 0)) return null
  const dLat = hub.radiusMiles / MILES_PER_DEGREE_LATITUDE
  const dLng = dLat / Math.max(0.01, Math.cos((hub.latitude * Math.PI) / 180))
  const ring: number[][] = []
  for (let i = 0; i <= CIRCLE_SIDES; i++) {
    const angle = (2 * Math.PI * (i % CIRCLE_SIDES)) / CIRCLE_SIDES
    // Five decimal places is about a metre: plenty for an outline.
    ring.push([round5(hub.longitude + dLng * Math.sin(angle)), round5(hub.latitude + dLat * Math.cos(angle))])
  }
  return { type: 'Polygon', coordinates: [ring] }
}

/** The outline with each ring simplified; a ring that would lose its shape keeps four points. */
export function simplified(geometry: HubGeometry, tolerance: number): HubGeometry {
  const ring = (points: number[][]): number[][] => {
    const kept = simplify(
      points.map(([x = 0, y = 0]) => ({ x, y })),
      tolerance,
    ).map(({ x, y }) => [round5(x), round5(y)])
    // A ring needs three corners and its first point again at the end.
    if (kept.length >= 4) return kept
    const step = Math.max(1, Math.floor((points.length - 1) / 3))
    return [0, step, 2 * step, 0].map((i) => points[i] ?? points[0] ?? [0, 0])
  }
  if (geometry.type === 'Polygon') return { type: 'Polygon', coordinates: geometry.coordinates.map(ring) }
  return { type: 'MultiPolygon', coordinates: geometry.coordinates.map((polygon) => polygon.map(ring)) }
}
