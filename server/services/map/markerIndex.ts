/**
 * The marker index: one point per place (not per service), each with the services that meet
 * there, clustered on a grid. Everything it keeps is a typed array, about 50 bytes a place
 * and 4 a meeting (see the test "the index's memory per place is bounded"), and no names or
 * categories at all: the map looks those up for the markers in an answer only.
 *
 * The places are sorted along a Z-order (Morton) curve of their grid cell at the closest
 * clustering zoom. A cell at a lower zoom is four cells of the next zoom up, so every cell at
 * every zoom is one run of the sorted places: a cluster is a run (found by binary search),
 * and its count, middle and extent come from running totals, with no objects per cluster.
 *
 * Counts are of services, each counted once: a service that meets at several places has a
 * marker at each, but counts in the first marker of an answer that holds one of them. A
 * cluster that straddles the edge of the map is cut down to the places inside it. So the
 * counts of an answer always add up to the services with a place in the area: the number
 * the list beside the map gives.
 */
import type { Bbox } from '../../validation/mapQuery'
import { MAX_ZOOM } from '../../validation/mapQuery'
import {
  CLUSTER_MAX_ZOOM,
  CLUSTER_RADIUS_PX,
  TILE_EXTENT,
  inside,
  latY,
  lngX,
  xLng,
  yLat,
  zoomFor,
  type Edges,
} from './projection'

/** At most this many services are named in a marker for places that never part (one hall). */
export const SAME_SPOT_LISTINGS = 20

/**
 * A grid cell is a cluster's radius across (so clusters' markers are at least about a
 * radius apart, and towns a little further apart stay apart).
 */
const CELLS_PER_TILE = TILE_EXTENT / CLUSTER_RADIUS_PX
const ZC = CLUSTER_MAX_ZOOM
/** Grid cells across the world at the closest clustering zoom (under 2^20, so a key is under 2^40). */
const CELLS_AT_ZC = Math.floor(2 ** ZC * CELLS_PER_TILE)
const BITS = Math.ceil(Math.log2(CELLS_AT_ZC + 1))

/** An index of the places of the services that match one set of filters. */
export interface MarkerIndex {
  /** the filters it was built for, as a key */
  readonly key: string
  /** each place's point, in the index's order */
  readonly longitude: Float64Array
  readonly latitude: Float64Array
  /** each place's cell at zoom CLUSTER_MAX_ZOOM, as a Morton key (ascending) */
  readonly cells: Float64Array
  /** running totals of the places' longitudes and latitudes (n + 1 of each), for the middle of a run */
  readonly sumLongitude: Float64Array
  readonly sumLatitude: Float64Array
  /** the services at place i are services[start[i]] up to (not including) services[start[i + 1]] */
  readonly start: Uint32Array
  readonly services: Int32Array
  /** where in `services` the services with several places are, ascending */
  readonly manyAt: Uint32Array
  /** the services that meet at more than one place */
  readonly many: ReadonlySet<number>
  /** the biggest id among them (0 when none) */
  readonly maxManyId: number
  readonly placeCount: number
  readonly serviceCount: number
  /** the box round every place, or null when there are none */
  readonly extent: Bbox | null
  /** about how many bytes the index holds, for the cache that keeps it */
  readonly bytes: number
  /**
   * set when it holds only some of the matching services (a bounded share from each part of
   * the area: too many matched to read them all in one request), so its counts are too low
   */
  readonly partial?: true
}

/** Building an index yields this often (places), so that a big one holds nothing up for long. */
const PLACES_PER_BUILD_STEP = 20_000

/**
 * Gathers services at places, a meeting at a time, into typed arrays: meetings at the same
 * point in a row are one place (the database gives them place by place).
 */
export class MarkerIndexBuilder {
  private longitude = new Float64Array(1024)
  private latitude = new Float64Array(1024)
  private start = new Uint32Array(1025)
  private services = new Int32Array(1024)
  private places = 0
  private meetings = 0
  /** one bit per service id seen so far (a Set of a million ids would hold tens of megabytes) */
  private seen = new Uint8Array(1024)
  private serviceCount = 0
  private readonly many = new Set<number>()

  /** How many meetings (a service at a place) have been added. */
  get size(): number {
    return this.meetings
  }

  /** One service meeting at one point. */
  add(serviceId: number, latitude: number, longitude: number): void {
    const last = this.places - 1
    if (last < 0 || this.latitude[last] !== latitude || this.longitude[last] !== longitude) {
      if (this.places === this.longitude.length) {
        this.longitude = grown(this.longitude)
        this.latitude = grown(this.latitude)
        this.start = grown(this.start)
      }
      this.longitude[this.places] = longitude
      this.latitude[this.places] = latitude
      this.start[this.places] = this.meetings
      this.places += 1
    }
    if (this.meetings === this.services.length) this.services = grown(this.services)
    this.services[this.meetings] = serviceId
    this.meetings += 1
    const byte = serviceId >>> 3
    const bit = 1 << (serviceId & 7)
    if (byte >= this.seen.length) {
      const bigger = new Uint8Array(Math.max(byte + 1, this.seen.length * 2))
      bigger.set(this.seen)
      this.seen = bigger
    }
    if ((this.seen[byte] ?? 0) & bit) this.many.add(serviceId)
    else {
      this.seen[byte] = (this.seen[byte] ?? 0) | bit
      this.serviceCount += 1
    }
  }

  build(key: string): MarkerIndex {
    const steps = this.buildInSteps(key)
    for (;;) {
      const step = steps.next()
      if (step.done) return step.value
    }
  }

  /** As build(), yielding every PLACES_PER_BUILD_STEP places, so the caller can free the event loop. */
  *buildInSteps(key: string): Generator<void, MarkerIndex> {
    const count = this.places
    this.start[count] = this.meetings
    const serviceCount = this.serviceCount
    this.seen = new Uint8Array(0)
    // Sort the places along the Z-order curve of their cells.
    const cellOf = new Float64Array(count)
    for (let i = 0; i < count; i++) {
      if (i % PLACES_PER_BUILD_STEP === PLACES_PER_BUILD_STEP - 1) yield
      cellOf[i] = morton(cellX(this.longitude[i] ?? 0, ZC), cellY(this.latitude[i] ?? 0, ZC))
    }
    const order = orderByKey(cellOf)

    const longitude = new Float64Array(count)
    const latitude = new Float64Array(count)
    const cells = new Float64Array(count)
    const sumLongitude = new Float64Array(count + 1)
    const sumLatitude = new Float64Array(count + 1)
    const start = new Uint32Array(count + 1)
    const services = new Int32Array(this.meetings)
    const manyAt: number[] = []
    let at = 0
    let w = Infinity
    let s = Infinity
    let e = -Infinity
    let n = -Infinity
    yield
    for (let i = 0; i < count; i++) {
      if (i % PLACES_PER_BUILD_STEP === PLACES_PER_BUILD_STEP - 1) yield
      const from = order[i] ?? 0
      const lng = this.longitude[from] ?? 0
      const lat = this.latitude[from] ?? 0
      longitude[i] = lng
      latitude[i] = lat
      cells[i] = cellOf[from] ?? 0
      sumLongitude[i + 1] = (sumLongitude[i] ?? 0) + lng
      sumLatitude[i + 1] = (sumLatitude[i] ?? 0) + lat
      start[i] = at
      for (let j = this.start[from] ?? 0; j < (this.start[from + 1] ?? 0); j++) {
        const id = this.services[j] ?? 0
        if (this.many.has(id)) manyAt.push(at)
        services[at] = id
        at += 1
      }
      if (lng < w) w = lng
      if (lng > e) e = lng
      if (lat < s) s = lat
      if (lat > n) n = lat
    }
    start[count] = at
    // A builder is used once: what it gathered is let go now, not when the builder is.
    this.longitude = new Float64Array(0)
    this.latitude = new Float64Array(0)
    this.start = new Uint32Array(1)
    this.services = new Int32Array(0)
    const many: ReadonlySet<number> = this.many
    let maxManyId = 0
    for (const id of many) if (id > maxManyId) maxManyId = id
    const manyAtArray = Uint32Array.from(manyAt)
    return {
      key,
      longitude,
      latitude,
      cells,
      sumLongitude,
      sumLatitude,
      start,
      services,
      manyAt: manyAtArray,
      many,
      maxManyId,
      placeCount: count,
      serviceCount,
      extent: count > 0 ? [w, s, e, n] : null,
      bytes: count * 48 + 24 + services.byteLength + manyAtArray.byteLength + many.size * 16,
    }
  }
}

/**
 * The order of the keys (whole numbers under 2^42), smallest first, ties in the order they
 * come: a radix sort, three passes of 14 bits, in a few milliseconds where a sort with a
 * compare function took most of a second at 300,000 places (and held up every request).
 */
function orderByKey(keys: Float64Array): Uint32Array {
  const n = keys.length
  let order = new Uint32Array(n)
  for (let i = 0; i < n; i++) order[i] = i
  let next = new Uint32Array(n)
  const RADIX = 1 << 14
  for (let shift = 0; shift < 42; shift += 14) {
    const div = 2 ** shift
    const counts = new Uint32Array(RADIX + 1)
    for (let i = 0; i < n; i++) counts[(Math.floor((keys[i] ?? 0) / div) % RADIX) + 1]! += 1
    for (let d = 0; d < RADIX; d++) counts[d + 1]! += counts[d] ?? 0
    for (let i = 0; i < n; i++) {
      const from = order[i] ?? 0
      const digit = Math.floor((keys[from] ?? 0) / div) % RADIX
      next[counts[digit] ?? 0] = from
      counts[digit]! += 1
    }
    ;[order, next] = [next, order]
  }
  return order
}

function grown<T extends Float64Array | Uint32Array | Int32Array>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2)
  bigger.set(array)
  return bigger
}

// ---------------------------------------------------------------------------------------
// The grid: cell (x, y) at zoom z holds the points whose Web Mercator position times
// 2^z * CELLS_PER_TILE rounds down to (x, y). A cell's parent is (x >> 1, y >> 1).

const cellsAt = (zoom: number): number => 2 ** zoom * CELLS_PER_TILE
const clampCell = (c: number, zoom: number): number => Math.max(0, Math.min(Math.floor(cellsAt(zoom)) - 1, c))
const cellX = (lng: number, zoom: number): number => clampCell(Math.floor(lngX(lng) * cellsAt(zoom)), zoom)
const cellY = (lat: number, zoom: number): number => clampCell(Math.floor(latY(lat) * cellsAt(zoom)), zoom)

/** The Morton key of a cell: the bits of x and y interleaved (exact in a double: under 2^40). */
function morton(x: number, y: number): number {
  let key = 0
  let bit = 1
  for (let i = 0; i < BITS; i++) {
    key += ((x >>> i) & 1) * bit
    bit *= 2
    key += ((y >>> i) & 1) * bit
    bit *= 2
  }
  return key
}

/** How many keys at zoom CLUSTER_MAX_ZOOM one cell at `zoom` covers. */
const span = (zoom: number): number => 4 ** (ZC - zoom)

/** The first index in cells[from, to) whose key is at least `key`. */
function lowerBound(cells: Float64Array, key: number, from: number, to: number): number {
  let lo = from
  let hi = to
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((cells[mid] ?? 0) < key) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** A cell's box in degrees. */
function cellEdges(x: number, y: number, zoom: number): Edges {
  const size = cellsAt(zoom)
  return { w: xLng(x / size), e: xLng((x + 1) / size), n: yLat(y / size), s: yLat((y + 1) / size) }
}

/** A hair, in degrees: a cell this close to the edge of the map is looked at place by place. */
const HAIR = 1e-9
const cellWithin = (c: Edges, [w, s, e, n]: Bbox): boolean =>
  c.w >= w + HAIR && c.e <= e - HAIR && c.s >= s + HAIR && c.n <= n - HAIR
const cellDisjoint = (c: Edges, [w, s, e, n]: Bbox): boolean =>
  c.e < w - HAIR || c.w > e + HAIR || c.n < s - HAIR || c.s > n + HAIR

/** Each non-empty cell at `zoom` that reaches into the box: its cell and its run of places. */
function eachCellIn(
  index: MarkerIndex,
  [w, s, e, n]: Bbox,
  zoom: number,
  visit: (x: number, y: number, from: number, to: number) => void,
): void {
  const x0 = cellX(w, zoom)
  const x1 = cellX(e, zoom)
  const y0 = cellY(n, zoom)
  const y1 = cellY(s, zoom)
  const width = span(zoom)
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const first = morton(x, y) * width
      const from = lowerBound(index.cells, first, 0, index.placeCount)
      if (from >= index.placeCount || (index.cells[from] ?? 0) >= first + width) continue
      visit(x, y, from, lowerBound(index.cells, first + width, from, index.placeCount))
    }
  }
}

/** The services at place i. */
export function servicesAt(index: MarkerIndex, place: number): number[] {
  return Array.from(index.services.subarray(index.start[place] ?? 0, index.start[place + 1] ?? 0))
}

/** Services in a marker: those it counts, and those counted already in an earlier marker. */
export interface Count {
  counted: number
  alsoCounted: number
}

/**
 * Counts the services in an answer's markers, each service once: a service with several
 * places is counted in the first marker that holds one of them.
 */
class Tally {
  total = 0
  private readonly seen: Seen

  constructor(private readonly index: MarkerIndex) {
    this.seen = seenFor(index.maxManyId)
  }

  /** The places from `from` up to (not including) `to`. */
  places(from: number, to: number): Count {
    const { start, services, manyAt } = this.index
    const first = start[from] ?? 0
    const last = start[to] ?? 0
    let counted = last - first
    let alsoCounted = 0
    for (let k = lowerBound32(manyAt, first); k < manyAt.length && (manyAt[k] ?? 0) < last; k++) {
      const id = services[manyAt[k] ?? 0] ?? 0
      if (this.seen.has(id)) {
        counted -= 1
        alsoCounted += 1
      } else {
        this.seen.add(id)
      }
    }
    this.total += counted
    return { counted, alsoCounted }
  }
}

/** The services counted so far in one answer. */
interface Seen {
  has(id: number): boolean
  add(id: number): void
}

/**
 * One array of stamps for every answer (answers are worked out one at a time): a service
 * was counted in this answer when its stamp is this answer's. Much quicker than a Set when
 * an answer counts hundreds of thousands of services; a Set for ids too big to stamp.
 */
let stamps = new Uint32Array(0)
let answer = 0
const MAX_STAMPED_ID = 50_000_000

function seenFor(maxId: number): Seen {
  if (maxId > MAX_STAMPED_ID) return new Set<number>()
  if (stamps.length <= maxId) {
    stamps = new Uint32Array(Math.max(maxId + 1, stamps.length * 2))
    answer = 0
  }
  answer += 1
  if (answer === 0xffffffff) {
    stamps.fill(0)
    answer = 1
  }
  const now = answer
  const marks = stamps
  return {
    has: (id) => marks[id] === now,
    add: (id) => {
      marks[id] = now
    },
  }
}

function lowerBound32(array: Uint32Array, value: number): number {
  let lo = 0
  let hi = array.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((array[mid] ?? 0) < value) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** What a group marker is named by: a key that stays the same while the index does, its middle and its extent. */
export interface TownQuestion {
  key: string
  middle: [number, number]
  extent: () => Edges
}

/** A marker before its services are named: one service, or a group of them. */
export type DraftMarker =
  | { kind: 'service'; serviceId: number; at: [number, number]; alsoCounted: boolean }
  | {
      kind: 'group'
      /** a number for the cluster, the same each time (null for one place with several services) */
      clusterId: number | null
      at: [number, number]
      count: Count
      expansionZoom: number
      /** set when the services share one spot: up to SAME_SPOT_LISTINGS of their ids */
      listingIds?: number[]
      town: TownQuestion
    }

export interface Drafts {
  total: number
  markers: DraftMarker[]
}

/**
 * The markers inside `bbox` at `zoom` (as zoomFor gives it), with their counts. With
 * `countOnly`, the total alone (no markers are made).
 */
export function draftMarkers(index: MarkerIndex, bbox: Bbox, zoom: number, countOnly = false): Drafts {
  const tally = new Tally(index)
  const markers: DraftMarker[] = []
  if (zoom > ZC) {
    // Closer than the clusters go: every place is its own marker.
    eachCellIn(index, bbox, ZC, (_x, _y, from, to) => {
      for (let p = from; p < to; p++) {
        if (!placeInside(index, p, bbox)) continue
        const count = tally.places(p, p + 1)
        if (!countOnly) markers.push(placeMarker(index, p, count))
      }
    })
    return { total: tally.total, markers }
  }
  eachCellIn(index, bbox, zoom, (x, y, from, to) => {
    const cell = cellEdges(x, y, zoom)
    if (cellDisjoint(cell, bbox)) return
    if (cellWithin(cell, bbox)) {
      const count = tally.places(from, to)
      if (countOnly) return
      if (to - from === 1) markers.push(placeMarker(index, from, count))
      else markers.push(runMarker(index, from, to, zoom, count, middleOf(index, from, to)))
      return
    }
    // The cell straddles the edge: keep only its places inside the box.
    const part: Part = {
      places: 0,
      count: { counted: 0, alsoCounted: 0 },
      sumLng: 0,
      sumLat: 0,
      single: null,
    }
    clip(index, from, to, zoom, [x, y], bbox, tally, part)
    if (part.places === 0 || countOnly) return
    if (part.places === 1 && part.single !== null) {
      markers.push(placeMarker(index, part.single, part.count))
    } else {
      markers.push(
        runMarker(index, from, to, zoom, part.count, [part.sumLng / part.places, part.sumLat / part.places]),
      )
    }
  })
  return { total: tally.total, markers }
}

const placeInside = (index: MarkerIndex, p: number, bbox: Bbox): boolean =>
  inside(index.longitude[p] ?? 0, index.latitude[p] ?? 0, bbox)

const middleOf = (index: MarkerIndex, from: number, to: number): [number, number] => [
  ((index.sumLongitude[to] ?? 0) - (index.sumLongitude[from] ?? 0)) / (to - from),
  ((index.sumLatitude[to] ?? 0) - (index.sumLatitude[from] ?? 0)) / (to - from),
]

/** One place: a marker for its service, or for the services that meet there (they never part). */
function placeMarker(index: MarkerIndex, place: number, count: Count): DraftMarker {
  const at: [number, number] = [index.longitude[place] ?? 0, index.latitude[place] ?? 0]
  const ids = servicesAt(index, place)
  if (ids.length === 1)
    return { kind: 'service', serviceId: ids[0] ?? 0, at, alsoCounted: count.counted === 0 }
  return {
    kind: 'group',
    clusterId: null,
    at,
    count,
    expansionZoom: MAX_ZOOM,
    listingIds: [...new Set(ids)].slice(0, SAME_SPOT_LISTINGS),
    town: {
      key: `p${index.cells[place]}:${at.join(',')}`,
      middle: at,
      extent: () => edgesOf(index, place, place + 1),
    },
  }
}

/** The places of one cell at `zoom` (or the part of them in view, with their own count and middle). */
function runMarker(
  index: MarkerIndex,
  from: number,
  to: number,
  zoom: number,
  count: Count,
  at: [number, number],
): DraftMarker {
  const expansion = expansionZoom(index, from, to, zoom)
  const cell = Math.floor((index.cells[from] ?? 0) / span(zoom))
  const marker: DraftMarker = {
    kind: 'group',
    clusterId: cell * 32 + zoom,
    at,
    count,
    expansionZoom: Math.min(MAX_ZOOM, expansion),
    // Named after the whole cell (even when only part of it is in view).
    town: {
      key: `c${zoom}:${cell}`,
      middle: middleOf(index, from, to),
      extent: () => edgesOf(index, from, to),
    },
  }
  if (expansion > ZC) {
    // These places are so close that zooming in never parts them.
    const ids = new Set<number>()
    for (let p = from; p < to && ids.size < SAME_SPOT_LISTINGS; p++) {
      for (const id of servicesAt(index, p)) if (ids.size < SAME_SPOT_LISTINGS) ids.add(id)
    }
    marker.listingIds = [...ids]
  }
  return marker
}

/** The first zoom at which the run of places parts into more than one cell (past ZC when never). */
function expansionZoom(index: MarkerIndex, from: number, to: number, zoom: number): number {
  const first = index.cells[from] ?? 0
  const last = index.cells[to - 1] ?? 0
  for (let z = zoom + 1; z <= ZC; z++) {
    if (Math.floor(first / span(z)) !== Math.floor(last / span(z))) return z
  }
  return ZC + 1
}

/** The box round places from..to. */
function edgesOf(index: MarkerIndex, from: number, to: number): Edges {
  const edges: Edges = { w: Infinity, s: Infinity, e: -Infinity, n: -Infinity }
  for (let p = from; p < to; p++) {
    const lng = index.longitude[p] ?? 0
    const lat = index.latitude[p] ?? 0
    if (lng < edges.w) edges.w = lng
    if (lng > edges.e) edges.e = lng
    if (lat < edges.s) edges.s = lat
    if (lat > edges.n) edges.n = lat
  }
  return edges
}

interface Part {
  places: number
  count: Count
  sumLng: number
  sumLat: number
  single: number | null
}

/** The part of a cell's places inside the box, cell by smaller cell. The cell is (x, y) at `zoom`. */
function clip(
  index: MarkerIndex,
  from: number,
  to: number,
  zoom: number,
  [x, y]: [number, number],
  bbox: Bbox,
  tally: Tally,
  part: Part,
): void {
  if (zoom >= ZC) {
    for (let p = from; p < to; p++) {
      if (placeInside(index, p, bbox)) addRun(index, p, p + 1, tally, part)
    }
    return
  }
  const child = zoom + 1
  const width = span(child)
  let at = from
  while (at < to) {
    const cell = Math.floor((index.cells[at] ?? 0) / width)
    const end = lowerBound(index.cells, (cell + 1) * width, at, to)
    // The last two bits of a child's key say which quarter of its parent it is.
    const quarter = cell % 4
    const childAt: [number, number] = [2 * x + (quarter & 1), 2 * y + (quarter >> 1)]
    const edges = cellEdges(childAt[0], childAt[1], child)
    if (cellWithin(edges, bbox)) addRun(index, at, end, tally, part)
    else if (!cellDisjoint(edges, bbox)) clip(index, at, end, child, childAt, bbox, tally, part)
    at = end
  }
}

function addRun(index: MarkerIndex, from: number, to: number, tally: Tally, part: Part): void {
  const count = tally.places(from, to)
  part.places += to - from
  part.count.counted += count.counted
  part.count.alsoCounted += count.alsoCounted
  part.sumLng += (index.sumLongitude[to] ?? 0) - (index.sumLongitude[from] ?? 0)
  part.sumLat += (index.sumLatitude[to] ?? 0) - (index.sumLatitude[from] ?? 0)
  part.single = to - from === 1 ? from : null
}

/** How many services have a place inside `bbox` (each once). */
export function countInBox(index: MarkerIndex, bbox: Bbox): number {
  return draftMarkers(index, bbox, Math.min(ZC, zoomFor(bbox, MAX_ZOOM)), true).total
}

/**
 * Up to `limit` services with a place inside `bbox`, nearest `centre` first. Looks in a small
 * circle round the centre first and widens it, so a big area reads only the places it needs.
 */
export function nearestInBox(
  index: MarkerIndex,
  bbox: Bbox,
  centre: { latitude: number; longitude: number },
  limit: number,
): number[] {
  if (limit <= 0 || index.placeCount === 0) return []
  const [w, s, e, n] = bbox
  const cosLat = Math.max(0.01, Math.cos((centre.latitude * Math.PI) / 180))
  const away = (lng: number, lat: number) =>
    Math.hypot((lng - centre.longitude) * cosLat, lat - centre.latitude)
  // The furthest a corner of the box can be from the centre, in degrees of latitude.
  const furthest = Math.max(away(w, s), away(w, n), away(e, s), away(e, n))
  let radius = Math.max(furthest / 64, 1e-4)
  for (;;) {
    const all = radius >= furthest
    const look: Bbox = all
      ? bbox
      : [
          Math.max(w, centre.longitude - radius / cosLat),
          Math.max(s, centre.latitude - radius),
          Math.min(e, centre.longitude + radius / cosLat),
          Math.min(n, centre.latitude + radius),
        ]
    const near: { place: number; d: number }[] = []
    let meetings = 0
    if (look[0] <= look[2] && look[1] <= look[3]) {
      eachCellIn(index, look, Math.min(ZC, zoomFor(look, MAX_ZOOM)), (_x, _y, from, to) => {
        for (let p = from; p < to; p++) {
          if (!placeInside(index, p, look)) continue
          const d = away(index.longitude[p] ?? 0, index.latitude[p] ?? 0)
          // Outside the circle, a place nearer than it may not have been looked at yet.
          if (!all && d > radius) continue
          near.push({ place: p, d })
          meetings += (index.start[p + 1] ?? 0) - (index.start[p] ?? 0)
        }
      })
    }
    if (all || meetings >= limit) {
      near.sort((a, b) => a.d - b.d || a.place - b.place)
      const ids = new Set<number>()
      for (const { place } of near) {
        for (const id of servicesAt(index, place)) {
          ids.add(id)
          if (ids.size >= limit) return [...ids]
        }
      }
      if (all) return [...ids]
    }
    radius *= 4
  }
}

/** The box round every place in the index, or null when it is empty. */
export function extentOf(index: MarkerIndex): Bbox | null {
  return index.extent
}
