/**
 * The marker index: one point per place (not per service), each with the services there,
 * clustered by supercluster. What it keeps grows with the places, and little per place:
 * the places' points and the services at each are typed arrays (a few bytes a service), the
 * points handed to supercluster are made when it asks for one (a Proxy), and no names or
 * categories are kept at all: the map looks those up for the markers in an answer only.
 *
 * Counts are of services, each counted once: a service that meets at several places has its
 * places' markers, but counts in the first marker of an answer that holds one of them. A
 * cluster that straddles the edge of the map is cut down to the places inside it. So the
 * counts of an answer always add up to the services with a place in the area: the number
 * the list beside the map gives.
 */
import Supercluster from 'supercluster'
import type { Bbox } from '../../validation/mapQuery'
import { MAX_ZOOM } from '../../validation/mapQuery'
import {
  CLUSTER_MAX_ZOOM,
  CLUSTER_RADIUS_PX,
  TILE_EXTENT,
  disjoint,
  inside,
  searchArea,
  within,
  zoomFor,
  type Edges,
} from './projection'

/** At most this many services are named in a marker for places that never part (one hall). */
export const SAME_SPOT_LISTINGS = 20

/** A point as supercluster sees it: only the number of its place. */
interface PlaceRef {
  place: number
}

/**
 * What each cluster keeps of its places: the box round them, how many services meet there
 * (a service at two of its places twice), and the services among them that meet at more
 * than one place, so that each service is counted once.
 */
interface Extent extends Edges {
  services: number
  /** the ids of the services with several places that meet in this cluster, ascending */
  many: readonly number[]
  /** how many of `services` are meetings of those services */
  manyPairs: number
}

type Index = Supercluster<PlaceRef, Extent>
type Found = Supercluster.ClusterFeature<Extent> | Supercluster.PointFeature<PlaceRef>

const NONE: readonly number[] = Object.freeze([])

/** An index of the places of the services that match one set of filters. */
export interface MarkerIndex {
  /** the filters it was built for, as a key */
  readonly key: string
  readonly index: Index
  /** each place's point */
  readonly longitude: Float64Array
  readonly latitude: Float64Array
  /** the services at place i are services[start[i]] up to (not including) services[start[i + 1]] */
  readonly start: Uint32Array
  readonly services: Int32Array
  /** the services that meet at more than one place */
  readonly many: ReadonlySet<number>
  readonly placeCount: number
  readonly serviceCount: number
  /** about how many bytes the index holds, for the cache that keeps it */
  readonly bytes: number
}

/** About what supercluster keeps for each place, over all its zooms (measured: see the tests). */
const BYTES_PER_PLACE = 400
const BYTES_PER_SERVICE = 4

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
  private readonly seen = new Set<number>()
  private readonly many = new Set<number>()
  private readonly wanted: Set<number> | null

  /** `only`: when given, only these services are kept (the rest are passed over). */
  constructor(only: ReadonlySet<number> | null = null) {
    this.wanted = only ? new Set(only) : null
  }

  /** One service meeting at one point. */
  add(serviceId: number, latitude: number, longitude: number): void {
    if (this.wanted && !this.wanted.has(serviceId)) return
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
    if (this.seen.has(serviceId)) this.many.add(serviceId)
    else this.seen.add(serviceId)
  }

  build(key: string): MarkerIndex {
    const count = this.places
    const longitude = this.longitude.slice(0, count)
    const latitude = this.latitude.slice(0, count)
    const start = this.start.slice(0, count + 1)
    start[count] = this.meetings
    const services = this.services.slice(0, this.meetings)
    const serviceCount = this.seen.size
    this.seen.clear()
    const many: ReadonlySet<number> = this.many
    // The points supercluster reads, made as it reads them, so none is kept.
    const features = new Proxy([] as Supercluster.PointFeature<PlaceRef>[], {
      get(target, key) {
        if (key === 'length') return count
        if (typeof key === 'string') {
          const i = Number(key)
          if (Number.isInteger(i) && i >= 0 && i < count) return placeFeature(i, longitude, latitude)
        }
        return Reflect.get(target, key) as unknown
      },
    })
    const index = new Supercluster<PlaceRef, Extent>({
      maxZoom: CLUSTER_MAX_ZOOM,
      radius: CLUSTER_RADIUS_PX,
      extent: TILE_EXTENT,
      map: ({ place }) => {
        const several = severalOf(place, start, services, many)
        return {
          w: longitude[place] ?? 0,
          s: latitude[place] ?? 0,
          e: longitude[place] ?? 0,
          n: latitude[place] ?? 0,
          services: (start[place + 1] ?? 0) - (start[place] ?? 0),
          many: several,
          manyPairs: several.length,
        }
      },
      reduce: (acc, other) => {
        if (other.w < acc.w) acc.w = other.w
        if (other.s < acc.s) acc.s = other.s
        if (other.e > acc.e) acc.e = other.e
        if (other.n > acc.n) acc.n = other.n
        acc.services += other.services
        // Always a new array: the one there may be a child's own.
        if (other.many.length > 0) acc.many = acc.many.length === 0 ? other.many : union(acc.many, other.many)
        acc.manyPairs += other.manyPairs
      },
    }).load(features)
    return {
      key,
      index,
      longitude,
      latitude,
      start,
      services,
      many,
      placeCount: count,
      serviceCount,
      bytes: count * BYTES_PER_PLACE + services.length * BYTES_PER_SERVICE,
    }
  }
}

function grown<T extends Float64Array | Uint32Array | Int32Array>(array: T): T {
  const bigger = new (array.constructor as new (length: number) => T)(array.length * 2)
  bigger.set(array)
  return bigger
}

function placeFeature(
  i: number,
  longitude: Float64Array,
  latitude: Float64Array,
): Supercluster.PointFeature<PlaceRef> {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [longitude[i] ?? 0, latitude[i] ?? 0] },
    properties: { place: i },
  }
}

/** The services at a place that meet at other places too, ascending. */
function severalOf(
  place: number,
  start: Uint32Array,
  services: Int32Array,
  many: ReadonlySet<number>,
): readonly number[] {
  if (many.size === 0) return NONE
  let out: number[] | null = null
  for (let j = start[place] ?? 0; j < (start[place + 1] ?? 0); j++) {
    const id = services[j] ?? 0
    if (many.has(id)) (out ??= []).push(id)
  }
  if (!out) return NONE
  return [...new Set(out)].sort((a, b) => a - b)
}

/** The ids in either of two ascending lists, ascending, each once. */
function union(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    const x = a[i] ?? Infinity
    const y = b[j] ?? Infinity
    if (x <= y) {
      out.push(x)
      i += 1
      if (x === y) j += 1
    } else {
      out.push(y)
      j += 1
    }
  }
  return out
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
  private readonly counted = new Set<number>()

  constructor(private readonly index: MarkerIndex) {}

  place(place: number): Count {
    const { start, services, many } = this.index
    const count: Count = { counted: 0, alsoCounted: 0 }
    for (let j = start[place] ?? 0; j < (start[place + 1] ?? 0); j++) {
      const id = services[j] ?? 0
      if (many.has(id)) {
        if (this.counted.has(id)) {
          count.alsoCounted += 1
          continue
        }
        this.counted.add(id)
      }
      count.counted += 1
    }
    this.total += count.counted
    return count
  }

  cluster(props: Extent): Count {
    let counted = props.services - props.manyPairs
    let alsoCounted = 0
    for (const id of props.many) {
      if (this.counted.has(id)) {
        alsoCounted += 1
      } else {
        this.counted.add(id)
        counted += 1
      }
    }
    this.total += counted
    return { counted, alsoCounted }
  }
}

/** A marker before its services are named: one service, or a group of them. */
export type DraftMarker =
  | { kind: 'service'; serviceId: number; at: [number, number]; alsoCounted: boolean }
  | {
      kind: 'group'
      /** the cluster's id in the index; null for one place with several services */
      clusterId: number | null
      at: [number, number]
      count: Count
      expansionZoom: number
      /** set when the services share one spot: up to SAME_SPOT_LISTINGS of their ids */
      listingIds?: number[]
      /** what to name it by: a key that stays the same while the index does, its middle and its extent */
      town: { key: string; middle: [number, number]; extent: Edges }
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
  const emit = (marker: DraftMarker) => {
    if (!countOnly) markers.push(marker)
  }
  const tree = index.index
  for (const found of tree.getClusters(searchArea(bbox, zoom), zoom) as Found[]) {
    const props = found.properties
    if (!isCluster(props)) {
      const p = props.place
      if (!inside(index.longitude[p] ?? 0, index.latitude[p] ?? 0, bbox)) continue
      emit(placeMarker(index, p, tally.place(p)))
      continue
    }
    if (disjoint(props, bbox)) continue
    if (within(props, bbox)) {
      const count = tally.cluster(props)
      const at = found.geometry.coordinates
      if (!countOnly) emit(clusterMarker(index, props.cluster_id, count, at, at, props))
      continue
    }
    // The cluster straddles the edge: keep only its places inside the box.
    const part = clip(index, props.cluster_id, bbox, tally)
    if (part.places === 0 || countOnly) continue
    if (part.places === 1 && part.single !== null) {
      emit(placeMarker(index, part.single, part.count))
    } else {
      const centre: [number, number] = [part.sumLng / part.places, part.sumLat / part.places]
      emit(clusterMarker(index, props.cluster_id, part.count, centre, found.geometry.coordinates, props))
    }
  }
  return { total: tally.total, markers }
}

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
    town: { key: `p${place}`, middle: at, extent: { w: at[0], s: at[1], e: at[0], n: at[1] } },
  }
}

function clusterMarker(
  index: MarkerIndex,
  clusterId: number,
  count: Count,
  coordinates: number[],
  wholeAt: number[],
  whole: Extent,
): DraftMarker {
  const tree = index.index
  const expansion = tree.getClusterExpansionZoom(clusterId)
  const marker: DraftMarker = {
    kind: 'group',
    clusterId,
    at: [coordinates[0] ?? 0, coordinates[1] ?? 0],
    count,
    expansionZoom: Math.min(MAX_ZOOM, expansion),
    // Named after the whole cluster (even when only part of it is in view).
    town: { key: `c${clusterId}`, middle: [wholeAt[0] ?? 0, wholeAt[1] ?? 0], extent: whole },
  }
  if (expansion > CLUSTER_MAX_ZOOM) {
    // These places share one spot: zooming in never parts them.
    const ids = new Set<number>()
    for (const leaf of tree.getLeaves(clusterId, SAME_SPOT_LISTINGS)) {
      for (const id of servicesAt(index, leaf.properties.place)) {
        if (ids.size < SAME_SPOT_LISTINGS) ids.add(id)
      }
    }
    marker.listingIds = [...ids]
  }
  return marker
}

interface Part {
  places: number
  count: Count
  sumLng: number
  sumLat: number
  single: number | null
}

/** The part of a cluster inside the box: how many places and services, and their middle. */
function clip(
  index: MarkerIndex,
  clusterId: number,
  bbox: Bbox,
  tally: Tally,
  part: Part = { places: 0, count: { counted: 0, alsoCounted: 0 }, sumLng: 0, sumLat: 0, single: null },
): Part {
  for (const child of index.index.getChildren(clusterId) as Found[]) {
    const props = child.properties
    if (!isCluster(props)) {
      const p = props.place
      const lng = index.longitude[p] ?? 0
      const lat = index.latitude[p] ?? 0
      if (inside(lng, lat, bbox)) {
        const count = tally.place(p)
        part.places += 1
        part.count.counted += count.counted
        part.count.alsoCounted += count.alsoCounted
        part.sumLng += lng
        part.sumLat += lat
        part.single = p
      }
    } else if (within(props, bbox)) {
      const [lng = 0, lat = 0] = child.geometry.coordinates
      const count = tally.cluster(props)
      part.places += props.point_count
      part.count.counted += count.counted
      part.count.alsoCounted += count.alsoCounted
      part.sumLng += lng * props.point_count
      part.sumLat += lat * props.point_count
    } else if (!disjoint(props, bbox)) {
      clip(index, props.cluster_id, bbox, tally, part)
    }
  }
  return part
}

function isCluster(
  props: PlaceRef | (Supercluster.ClusterProperties & Extent),
): props is Supercluster.ClusterProperties & Extent {
  return (props as Supercluster.ClusterProperties).cluster === true
}

/** How many services have a place inside `bbox` (each once). */
export function countInBox(index: MarkerIndex, bbox: Bbox): number {
  return draftMarkers(index, bbox, zoomFor(bbox, MAX_ZOOM), true).total
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
  const raw = CLUSTER_MAX_ZOOM + 1
  // The furthest a corner of the box can be from the centre, in degrees of latitude.
  const furthest = Math.max(
    Math.hypot((e - centre.longitude) * cosLat, n - centre.latitude),
    Math.hypot((w - centre.longitude) * cosLat, s - centre.latitude),
    Math.hypot((e - centre.longitude) * cosLat, s - centre.latitude),
    Math.hypot((w - centre.longitude) * cosLat, n - centre.latitude),
  )
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
      for (const found of index.index.getClusters(searchArea(look, raw), raw) as Found[]) {
        const props = found.properties
        if (isCluster(props)) continue
        const p = props.place
        const lng = index.longitude[p] ?? 0
        const lat = index.latitude[p] ?? 0
        if (!inside(lng, lat, bbox)) continue
        const d = Math.hypot((lng - centre.longitude) * cosLat, lat - centre.latitude)
        // Outside the circle, a place nearer than it may not have been looked at yet.
        if (!all && d > radius) continue
        near.push({ place: p, d })
        meetings += (index.start[p + 1] ?? 0) - (index.start[p] ?? 0)
      }
    }
    if (all || meetings >= limit * 4 || (meetings >= limit && index.many.size === 0)) {
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
  if (index.placeCount === 0) return null
  let w = Infinity
  let s = Infinity
  let e = -Infinity
  let n = -Infinity
  for (const found of index.index.getClusters([-180, -90, 180, 90], 0) as Found[]) {
    const p = found.properties
    const x: Edges = isCluster(p)
      ? p
      : {
          w: index.longitude[p.place] ?? 0,
          s: index.latitude[p.place] ?? 0,
          e: index.longitude[p.place] ?? 0,
          n: index.latitude[p.place] ?? 0,
        }
    w = Math.min(w, x.w)
    s = Math.min(s, x.s)
    e = Math.max(e, x.e)
    n = Math.max(n, x.n)
  }
  return Number.isFinite(w) ? [w, s, e, n] : null
}
