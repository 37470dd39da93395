/**
 * The map's data queries: /map/markers.json and /map/list?bbox=w,s,e,n&zoom=z plus the
 * search filters. Whatever comes in, the answer is either the parsed query or one plain
 * English message for a 400; never an exception.
 */
import { z } from 'zod'
import { searchQuerySchema, type SearchFilters } from './searchQuery'

/** west, south, east, north in degrees (WGS84) */
export type Bbox = readonly [west: number, south: number, east: number, north: number]

export const MIN_ZOOM = 0
export const MAX_ZOOM = 20

export interface MapQuery {
  bbox: Bbox
  zoom: number
  filters: SearchFilters
}

export type MapQueryResult = { ok: true; query: MapQuery } | { ok: false; message: string }

const BBOX_SHAPE =
  'The map area must be four numbers separated by commas: west, south, east and north, like bbox=-0.5,51.2,0.3,51.7'
const ZOOM_RANGE = `Zoom must be a whole number from ${MIN_ZOOM} to ${MAX_ZOOM}`

/** A decimal number as a browser writes one: 51.5, -0.12, .5, 1e-7. No blanks, no hex. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i

const single = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value)

const bboxField = z.preprocess(
  single,
  z
    .string({ message: 'Give the map area as bbox=west,south,east,north' })
    .max(200, BBOX_SHAPE)
    .transform((text, ctx): Bbox => {
      const parts = text.split(',').map((part) => part.trim())
      if (parts.length !== 4 || !parts.every((part) => DECIMAL.test(part))) {
        ctx.addIssue({ code: 'custom', message: BBOX_SHAPE })
        return z.NEVER
      }
      const [west, south, east, north] = parts.map(Number) as [number, number, number, number]
      const problem = bboxProblem(west, south, east, north)
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem })
        return z.NEVER
      }
      return [west, south, east, north]
    }),
)

function bboxProblem(west: number, south: number, east: number, north: number): string | null {
  if (![west, south, east, north].every(Number.isFinite)) return BBOX_SHAPE
  if (west < -180 || west > 180 || east < -180 || east > 180)
    return 'West and east must be between -180 and 180'
  if (south < -90 || south > 90 || north < -90 || north > 90)
    return 'South and north must be between -90 and 90'
  if (west >= east) return 'In the map area, west must be less than east'
  if (south >= north) return 'In the map area, south must be less than north'
  return null
}

const zoomField = z.preprocess(
  single,
  z
    .string({ message: 'Give the map zoom as zoom=6, a whole number from 0 to 20' })
    .regex(/^\d{1,2}$/, ZOOM_RANGE)
    .transform(Number)
    .refine((zoom) => zoom >= MIN_ZOOM && zoom <= MAX_ZOOM, ZOOM_RANGE),
)

const mapViewSchema = z.object({ bbox: bboxField, zoom: zoomField })

const firstMessage = (error: z.ZodError): string =>
  error.issues[0]?.message ?? 'The map could not understand that request'

/**
 * Parses the query of /map/markers.json. Unknown parameters are ignored (the map sends the
 * page's own query string along); known ones must be valid. Whether each category exists is
 * checked against the database by the caller.
 */
export function parseMapQuery(query: unknown): MapQueryResult {
  const source = typeof query === 'object' && query !== null ? (query as Record<string, unknown>) : {}
  const view = mapViewSchema.safeParse(source)
  if (!view.success) return { ok: false, message: firstMessage(view.error) }
  const filters = searchQuerySchema.safeParse(source)
  if (!filters.success) return { ok: false, message: firstMessage(filters.error) }
  return { ok: true, query: { bbox: view.data.bbox, zoom: view.data.zoom, filters: filters.data } }
}
