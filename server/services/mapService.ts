/**
 * The map's markers, clustered on the server so the map stays fast with 100,000 listings
 * (DESIGN.md "Places and search"). One supercluster index is built per distinct set of
 * filters and kept in a small least-recently-used cache; a request then only reads an index.
 *
 * The counts are exact, and count groups the way the list beside the map does: a group that
 * meets at several places has a marker at each, but is counted once, in the first marker of
 * the answer that holds it. A cluster that straddles the edge of the map's area is cut down
 * to the listings inside it. So the counts of what comes back always add up to the number of
 * matching groups with a place in the area: the number the list gives.
 *
 * Each cluster says which town it is around ("16 groups around Ramsgate"): the town or
 * village from the gazetteer that is biggest for how near it is to the cluster's middle
 * (so a cluster over Thanet is around Margate, not the village nearest its middle),
 * remembered for each cluster of each index.
 */
import crypto from 'node:crypto'
import Supercluster from 'supercluster'
import type { HubAreaRow, MapDataRepository } from '../../db/repositories/mapDataRepository'
import { NO_FILTERS, type SearchFilters } from '../validation/searchQuery'
import type { Bbox } from '../validation/mapQuery'
import { MAX_ZOOM } from '../validation/mapQuery'
import { AnswerCache, type DataVersionSource } from './answerCache'

/** One matching listing at one of its places, as search finds them. */
export interface ListingPoint {
  id: number
  name: string
  category: string | null
  latitude: number
  longitude: number
}

export interface BoundingBox {
  west: number
  south: number
  east: number
  north: number
}

/**
 * What the map needs from search: every matching listing's points inside a box, in a new
 * array each time (the map empties it once its index is built, to free the memory early).
 */
export interface PointFinder {
  pointsMatching(filters: SearchFilters, bbox: BoundingBox): ListingPoint[]
}

export interface ListingMarkerProperties {
  cluster: false
  id: number
  name: string
  category: string | null
  url: string
  /**
   * set when this group meets at several places and was counted already, in another marker
   * of the same answer: this marker counts 0 towards the total
   */
  also_counted?: true
}

export interface ClusterMarkerProperties {
  cluster: true
  /** the groups this cluster counts towards the total (a group at several places counts once) */
  point_count: number
  /**
   * how many more groups meet here that were counted already, in another marker of the same
   * answer (they meet at several places); left out when none
   */
  also_counted?: number
  /** the town or village the cluster is around, when there is one near enough; else null */
  near: string | null
  /** the zoom at which this cluster splits up; above CLUSTER_MAX_ZOOM its listings share one spot */
  expansion_zoom: number
  /** set only when the listings share one spot (they never split): up to SAME_SPOT_LISTINGS of them */
  listings?: { id: number; name: string; category: string | null; url: string }[]
}

/** A JSON answer ready to send: its bytes, and an ETag so a browser can ask "has it changed?". */
export interface Answer {
  body: Buffer
  etag: string
}

function answerOf(json: string): Answer {
  const body = Buffer.from(json, 'utf8')
  return { body, etag: `"${crypto.createHash('sha1').update(body).digest('base64url')}"` }
}

export interface MarkerFeature<P> {
  type: 'Feature'
  id?: number
  geometry: { type: 'Point'; coordinates: [number, number] }
  properties: P
}

export interface MarkerCollection {
  type: 'FeatureCollection'
  /**
   * how many matching groups have a place inside the area (each counted once): the sum of
   * the clusters' point_count and of the single listings not marked also_counted
   */
  total: number
  features: MarkerFeature<ListingMarkerProperties | ClusterMarkerProperties>[]
}

export interface HubOutlineCollection {
  type: 'FeatureCollection'
  features: {
    type: 'Feature'
    geometry:
      { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] }
    properties: { slug: string; name: string; url: string }
  }[]
}

export interface InView {
  /** matching listings with a point inside the area (each counted once) */
  total: number
  /** up to `limit` of their ids, nearest the given centre first */
  nearestIds: number[]
}

/** Where the map opens, and the box a map of the usual size shows there. */
export interface MapView {
  latitude: number
  longitude: number
  zoom: number
  bbox: Bbox
}

/** What the map needs to name where a cluster is: the gazetteer's towns in a box. */
export interface TownFinder {
  findWithPopulationInBox(
    minPopulation: number,
    box: { south: number; north: number; west: number; east: number },
  ): { name: string; population: number; latitude: number; longitude: number }[]
}

/** The addresses the map's answers link to, from the address book (server/addresses.ts). */
export interface MapLinks {
  service(id: number): string
  hub(slug: string): string
}

export interface MapServiceOptions {
  /** at most this many filter sets keep an index (the unfiltered one counts too) */
  maxIndexes?: number
  /** and together they hold at most this many points; the index just built is always kept */
  maxCachedPoints?: number
  /** ready answers kept for repeated requests (the same view and filters) */
  maxCachedAnswers?: number
  /** the names of the towns clusters are around, kept for each cluster of each index */
  maxCachedPlaceNames?: number
}

/** Clusters stop at this zoom; above it every listing is its own marker. */
export const CLUSTER_MAX_ZOOM = 17
/** Radius of a cluster, in screen pixels at Leaflet's 256-pixel tiles: more than a 44px target. */
const CLUSTER_RADIUS_PX = 50
const TILE_EXTENT = 256
const SAME_SPOT_LISTINGS = 20

/** The map's usual size on a computer screen, for the list shown before any JavaScript runs. */
const VIEW_WIDTH_PX = 640
const VIEW_HEIGHT_PX = 480
/** A town's streets: where the map opens round a place. */
const PLACE_ZOOM = 13
/** Great Britain, when there is nothing to show. */
const DEFAULT_CENTRE = { latitude: 54.2, longitude: -2.6 }
const DEFAULT_ZOOM = 6

const WORLD: BoundingBox = { west: -180, south: -90, east: 180, north: 90 }

/**
 * Each point's own properties. `at` is the point's [longitude, latitude], the same array as
 * its geometry's coordinates (not a copy): it lets the clusters know their exact extent.
 */
interface PointProps {
  id: number
  name: string
  category: string | null
  at: [number, number]
}

/**
 * What each cluster keeps of its listings: the box round them (its extent in degrees), and
 * the groups among them that meet at more than one place, so that each group is counted once.
 */
interface Extent {
  w: number
  s: number
  e: number
  n: number
  /** the ids of the groups with several places that have a place in this cluster, ascending */
  many: readonly number[]
  /** how many of the cluster's points are places of those groups */
  manyPoints: number
}

const NONE: readonly number[] = Object.freeze([])

type Index = Supercluster<PointProps, Extent>
type Found = Supercluster.ClusterFeature<Extent> | Supercluster.PointFeature<PointProps>
type ClusterFound = Supercluster.ClusterFeature<Extent>

interface CachedIndex {
  /** the filters it was built for, as keyOf gives them */
  key: string
  index: Index
  size: number
  /** the groups that meet at more than one place */
  many: ReadonlySet<number>
}

/**
 * Indexes, ready answers and the hubs' outlines are each kept in an AnswerCache until the
 * data version moves: after any write, from this app or any other, the next request builds
 * them again.
 */
export class MapService {
  private readonly indexes: AnswerCache<CachedIndex>
  private readonly answers: AnswerCache<Answer>
  private readonly hubOutlines: AnswerCache<Answer>
  private readonly placeNames: AnswerCache<string | null>

  constructor(
    private readonly search: PointFinder,
    private readonly mapData: MapDataRepository,
    private readonly links: MapLinks,
    private readonly towns: TownFinder,
    dataVersion: DataVersionSource,
    options: MapServiceOptions = {},
  ) {
    // An index takes about 50 MB per 100,000 points. 160,000 points (about 80 MB) fit in the
    // app's 256 MB heap (npm start) with room to build one more: at 100,000 listings, the
    // unfiltered index (96,000 points) and two common filters such as "free" (43,000) and one
    // category (12,000). The benchmark measured 150,000 as too few: those three were rebuilt
    // over and over.
    this.indexes = new AnswerCache(dataVersion, {
      maxEntries: options.maxIndexes ?? 6,
      maxWeight: options.maxCachedPoints ?? 160_000,
      weigh: (cached) => cached.size,
    })
    this.answers = new AnswerCache(dataVersion, { maxEntries: options.maxCachedAnswers ?? 200 })
    this.hubOutlines = new AnswerCache(dataVersion, { maxEntries: 1 })
    // A cluster stays the same view after view (until the data changes), so its town is looked up once.
    this.placeNames = new AnswerCache(dataVersion, { maxEntries: options.maxCachedPlaceNames ?? 5000 })
  }

  /** Builds the unfiltered index now (at start-up, say) so the first visitor does not wait. */
  warmUp(): void {
    this.indexFor(normaliseFilters())
  }

  /**
   * Clusters and single listings inside `bbox` at `zoom`, as GeoJSON. The counts add up to
   * the number of matching listings with a point inside the box.
   */
  markers(filters: SearchFilters, bbox: Bbox, zoom: number): MarkerCollection {
    return JSON.parse(this.markersAnswer(filters, bbox, zoom).body.toString('utf8')) as MarkerCollection
  }

  /**
   * The same as markers(), ready to send: the JSON as bytes, and an ETag for it. Repeated
   * views are answered from a cache, without writing the JSON or hashing it again.
   */
  markersAnswer(filters: SearchFilters, bbox: Bbox, zoom: number): Answer {
    const normalised = normaliseFilters(filters)
    const z = zoomFor(bbox, zoom)
    // Finding the index first keeps it the most recently used, even when the answer is ready.
    const cached = this.cachedIndexFor(normalised)
    return this.answers.remember(`${keyOf(normalised)}|${bbox.join(',')}|${z}`, () =>
      answerOf(JSON.stringify(this.cluster(cached, bbox, z))),
    )
  }

  /**
   * How many matching listings have a point inside `bbox`, and the ids of up to `limit` of
   * them, nearest `centre` first: the list beside the map.
   */
  inView(
    filters: SearchFilters,
    bbox: Bbox,
    centre: { latitude: number; longitude: number },
    limit: number,
  ): InView {
    const index = this.indexFor(normaliseFilters(filters))
    // Above the clustering zooms supercluster answers with the listings themselves.
    const raw = CLUSTER_MAX_ZOOM + 1
    const found = index.getClusters(searchArea(bbox, raw), raw) as Supercluster.PointFeature<PointProps>[]
    const ids = new Set<number>()
    const cosLat = Math.cos((centre.latitude * Math.PI) / 180)
    const nearest: { id: number; d: number }[] = []
    for (const feature of found) {
      const p = feature.properties
      if (!inside(p.at[0], p.at[1], bbox)) continue
      ids.add(p.id)
      const dx = (p.at[0] - centre.longitude) * cosLat
      const dy = p.at[1] - centre.latitude
      const d = dx * dx + dy * dy
      if (nearest.length < limit * 4 || d < (nearest[nearest.length - 1]?.d ?? Infinity)) {
        nearest.push({ id: p.id, d })
        nearest.sort((a, b) => a.d - b.d)
        // Keep a few spare in case one listing has several places close together.
        if (nearest.length > limit * 4) nearest.pop()
      }
    }
    const nearestIds = [...new Set(nearest.map((n) => n.id))].slice(0, limit)
    return { total: ids.size, nearestIds }
  }

  /**
   * Where the map opens: round the place when one is given (showing the chosen distance
   * round it), or else round every matching listing. `bbox` is what a map of
   * VIEW_WIDTH_PX by VIEW_HEIGHT_PX pixels shows, for the list beside it.
   */
  initialView(filters: SearchFilters, place: { latitude: number; longitude: number } | null): MapView {
    if (place) {
      if (filters.distance === null) return viewAt(place.longitude, place.latitude, PLACE_ZOOM)
      const miles = filters.distance
      const dLat = miles / MILES_PER_DEGREE_LATITUDE
      const dLng = dLat / Math.max(0.01, Math.cos((place.latitude * Math.PI) / 180))
      const zoom = zoomToFit([
        place.longitude - dLng,
        place.latitude - dLat,
        place.longitude + dLng,
        place.latitude + dLat,
      ])
      return viewAt(place.longitude, place.latitude, Math.min(PLACE_ZOOM, zoom))
    }
    const extent = extentOf(this.indexFor(normaliseFilters(filters)))
    if (!extent) return viewAt(DEFAULT_CENTRE.longitude, DEFAULT_CENTRE.latitude, DEFAULT_ZOOM)
    const [w, s, e, n] = extent
    const centreX = (lngX(w) + lngX(e)) / 2
    const centreY = (latY(s) + latY(n)) / 2
    return viewAt(
      xLng(centreX),
      yLat(centreY),
      Math.max(DEFAULT_ZOOM - 1, Math.min(PLACE_ZOOM, zoomToFit(extent))),
    )
  }

  /** Every hub's area as GeoJSON polygons: its boundary, or else a circle of its radius. */
  hubs(): HubOutlineCollection {
    return JSON.parse(this.hubsAnswer().body.toString('utf8')) as HubOutlineCollection
  }

  /** The same as hubs(), ready to send, and kept until the data changes. */
  hubsAnswer(): Answer {
    return this.hubOutlines.remember('hubs', () => this.outlinesOfHubs())
  }

  private outlinesOfHubs(): Answer {
    return answerOf(
      JSON.stringify({
        type: 'FeatureCollection',
        features: this.mapData.hubAreas().flatMap((hub) => {
          const geometry = outlineOf(hub)
          if (!geometry) return []
          return [
            {
              type: 'Feature',
              geometry,
              properties: { slug: hub.slug, name: hub.name, url: this.links.hub(hub.slug) },
            },
          ]
        }),
      }),
    )
  }

  private indexFor(filters: SearchFilters): Index {
    return this.cachedIndexFor(filters).index
  }

  private cachedIndexFor(filters: SearchFilters): CachedIndex {
    const key = keyOf(filters)
    return this.indexes.remember(key, () => buildIndex(key, this.search.pointsMatching(filters, WORLD)))
  }

  /** The town the whole of a cluster is around (even when only part of it is in view). */
  private townAround(key: string, cluster: ClusterFound): string | null {
    const { cluster_id: id } = cluster.properties
    return this.placeNames.remember(`${key}|${id}`, () =>
      townAround(this.towns, cluster.geometry.coordinates, cluster.properties),
    )
  }

  private cluster({ key, index, many }: CachedIndex, bbox: Bbox, zoom: number): MarkerCollection {
    const features: MarkerCollection['features'] = []
    // Counts each group once in the answer, though it may have a marker at each of its places.
    const tally = new Tally(many)
    const clusterAt = (whole: ClusterFound, groups: Count, coordinates: number[]) =>
      clusterFeature(
        index,
        whole.properties.cluster_id,
        groups,
        coordinates,
        this.townAround(key, whole),
        this.links,
      )
    for (const found of index.getClusters(searchArea(bbox, zoom), zoom) as Found[]) {
      const props = found.properties
      if (!isCluster(props)) {
        const p = props
        if (inside(p.at[0], p.at[1], bbox))
          features.push(listingFeature(p, this.links, tally.point(p.id) === 0))
        continue
      }
      if (disjoint(props, bbox)) continue
      const whole = found as ClusterFound
      if (within(props, bbox)) {
        features.push(clusterAt(whole, tally.cluster(props), found.geometry.coordinates))
        continue
      }
      // The cluster straddles the edge: keep only its listings inside the box.
      const part = clip(index, props.cluster_id, bbox, tally)
      if (part.points === 0) continue
      if (part.points === 1 && part.single) {
        features.push(listingFeature(part.single, this.links, part.groups.counted === 0))
      } else {
        const centre: [number, number] = [part.sumLng / part.points, part.sumLat / part.points]
        features.push(clusterAt(whole, part.groups, centre))
      }
    }
    return { type: 'FeatureCollection', total: tally.total, features }
  }
}

/** Groups in a marker: those it counts, and those counted already in an earlier marker. */
interface Count {
  counted: number
  alsoCounted: number
}

/**
 * Counts the groups in an answer's markers, each group once: a group with several places is
 * counted in the first marker that holds one of them.
 */
class Tally {
  total = 0
  /** the groups with several places counted so far */
  private readonly counted = new Set<number>()

  constructor(private readonly many: ReadonlySet<number>) {}

  /** A single listing: 1 if it counts here, 0 if its group was counted already. */
  point(id: number): number {
    if (this.many.has(id)) {
      if (this.counted.has(id)) return 0
      this.counted.add(id)
    }
    this.total += 1
    return 1
  }

  /** A whole cluster. */
  cluster(props: Supercluster.ClusterProperties & Extent): Count {
    let counted = props.point_count - props.manyPoints
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

/**
 * Filters as the index sees them: no page, and a place (Where, or a point) only when a
 * distance limits the listings to those near it; without a distance a place changes nothing.
 */
function normaliseFilters(filters: SearchFilters = NO_FILTERS): SearchFilters {
  const near =
    filters.distance !== null &&
    (filters.where.trim() !== '' || (filters.lat !== null && filters.lng !== null))
  return {
    q: filters.q.trim().replace(/\s+/g, ' ').toLowerCase(),
    where: near ? filters.where.trim().replace(/\s+/g, ' ') : '',
    lat: near ? filters.lat : null,
    lng: near ? filters.lng : null,
    categories: [...filters.categories].sort(),
    day: filters.day,
    free: filters.free,
    access: [...filters.access].sort(),
    home: filters.home,
    distance: near ? filters.distance : null,
    page: 1,
  }
}

function keyOf(f: SearchFilters): string {
  return JSON.stringify([
    f.q,
    f.where.toLowerCase(),
    f.lat,
    f.lng,
    f.categories,
    f.day,
    f.free,
    f.access,
    f.home,
    f.distance,
  ])
}

/**
 * Each point as supercluster keeps it: one object that is both the feature and its own
 * properties, so a point costs one object, its coordinates array and its geometry.
 */
interface PointFeature extends PointProps {
  geometry: { coordinates: [number, number] }
  properties: PointFeature
}

/** Builds the index from the points, emptying the array as it goes so its memory can be freed. */
function buildIndex(key: string, points: ListingPoint[]): CachedIndex {
  // The groups that meet at more than one place: few, so only they are tracked by id.
  const seen = new Set<number>()
  const many = new Set<number>()
  for (const p of points) {
    if (seen.has(p.id)) many.add(p.id)
    else seen.add(p.id)
  }
  seen.clear()
  // One string per category name, however many listings share it.
  const categories = new Map<string, string>()
  const features = points.map((p): PointFeature => {
    let category = p.category
    if (category !== null) {
      const shared = categories.get(category)
      if (shared === undefined) categories.set(category, category)
      else category = shared
    }
    const at: [number, number] = [p.longitude, p.latitude]
    // Only what supercluster reads: no "type" members, and one coordinates array, shared.
    // properties starts empty (but present, so the object keeps all its fields in itself).
    const feature: PointFeature = {
      id: p.id,
      name: p.name,
      category,
      at,
      geometry: { coordinates: at },
      properties: null as unknown as PointFeature,
    }
    feature.properties = feature
    return feature
  })
  // The search's own objects are not needed while the clusters are built.
  points.length = 0
  const index = new Supercluster<PointProps, Extent>({
    maxZoom: CLUSTER_MAX_ZOOM,
    radius: CLUSTER_RADIUS_PX,
    extent: TILE_EXTENT,
    // Each cluster keeps the box round its listings, so the edge of the map can be cut
    // exactly, and its groups with several places, so that each group is counted once.
    map: (p) => {
      const several = many.has(p.id)
      return {
        w: p.at[0],
        s: p.at[1],
        e: p.at[0],
        n: p.at[1],
        many: several ? [p.id] : NONE,
        manyPoints: several ? 1 : 0,
      }
    },
    reduce: (acc, other) => {
      if (other.w < acc.w) acc.w = other.w
      if (other.s < acc.s) acc.s = other.s
      if (other.e > acc.e) acc.e = other.e
      if (other.n > acc.n) acc.n = other.n
      // Always a new array: the one there may be a child's own.
      if (other.many.length > 0) acc.many = acc.many.length === 0 ? other.many : union(acc.many, other.many)
      acc.manyPoints += other.manyPoints
    },
  }).load(features as unknown as Supercluster.PointFeature<PointProps>[])
  return { key, index, size: features.length, many }
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

function isCluster(
  props: PointProps | (Supercluster.ClusterProperties & Extent),
): props is Supercluster.ClusterProperties & Extent {
  return (props as Supercluster.ClusterProperties).cluster === true
}

const inside = (lng: number, lat: number, [w, s, e, n]: Bbox): boolean =>
  lng >= w && lng <= e && lat >= s && lat <= n
type Box = Pick<Extent, 'w' | 's' | 'e' | 'n'>
const within = (x: Box, [w, s, e, n]: Bbox): boolean => x.w >= w && x.e <= e && x.s >= s && x.n <= n
const disjoint = (x: Box, [w, s, e, n]: Bbox): boolean => x.e < w || x.w > e || x.n < s || x.s > n

// Web Mercator in 0..1, as supercluster uses.
const lngX = (lng: number): number => lng / 360 + 0.5
const latY = (lat: number): number => {
  const sin = Math.sin((lat * Math.PI) / 180)
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI
  return y < 0 ? 0 : y > 1 ? 1 : y
}
const xLng = (x: number): number => (x - 0.5) * 360
const yLat = (y: number): number =>
  (360 * Math.atan(Math.exp(((180 - y * 360) * Math.PI) / 180))) / Math.PI - 90

/**
 * The box to ask supercluster about. A cluster's listings lie within four cluster radii of
 * its centre (each zoom's radius is half the last), so a cluster whose centre is outside
 * the map's area by more than that has no listing inside it.
 */
function searchArea([w, s, e, n]: Bbox, zoom: number): [number, number, number, number] {
  // The index keeps 32-bit positions, so a listing on the very edge needs a hair's margin.
  if (zoom > CLUSTER_MAX_ZOOM) {
    const hair = 1e-6
    return [
      Math.max(-180, w - hair),
      Math.max(-90, s - hair),
      Math.min(180, e + hair),
      Math.min(90, n + hair),
    ]
  }
  const margin = (4 * CLUSTER_RADIUS_PX) / (TILE_EXTENT * 2 ** zoom) + 1e-6
  return [
    Math.max(-180, xLng(lngX(w) - margin)),
    Math.max(-90, yLat(Math.min(1, latY(s) + margin))),
    Math.min(180, xLng(lngX(e) + margin)),
    Math.min(90, yLat(Math.max(0, latY(n) - margin))),
  ]
}

/** The widest map, in screen pixels, that is clustered at the zoom asked for. */
const MAX_VIEW_PX = 4096

/**
 * The zoom to cluster at. A box far wider than any screen at the zoom asked for (a whole
 * county at street level) is clustered as at a lower zoom, so that no request can ask for
 * thousands of single markers; the counts still add up.
 */
function zoomFor([w, s, e, n]: Bbox, zoom: number): number {
  let z = Math.max(0, Math.min(MAX_ZOOM, Math.floor(zoom)))
  const span = Math.max(lngX(e) - lngX(w), latY(s) - latY(n))
  while (z > 0 && span * TILE_EXTENT * 2 ** z > MAX_VIEW_PX) z -= 1
  return z
}

/** The box round every listing in the index, or null when it is empty. */
function extentOf(index: Index): Bbox | null {
  let w = Infinity
  let s = Infinity
  let e = -Infinity
  let n = -Infinity
  for (const found of index.getClusters([-180, -90, 180, 90], 0) as Found[]) {
    const p = found.properties
    const x = isCluster(p) ? p : { w: p.at[0], s: p.at[1], e: p.at[0], n: p.at[1] }
    w = Math.min(w, x.w)
    s = Math.min(s, x.s)
    e = Math.max(e, x.e)
    n = Math.max(n, x.n)
  }
  return Number.isFinite(w) ? [w, s, e, n] : null
}

/** The highest zoom at which the box fits in a map of the usual size. */
function zoomToFit([w, s, e, n]: Bbox): number {
  const spanX = Math.max(lngX(e) - lngX(w), 1e-9)
  const spanY = Math.max(latY(s) - latY(n), 1e-9)
  const zoom = Math.floor(Math.log2(Math.min(VIEW_WIDTH_PX / (spanX * 256), VIEW_HEIGHT_PX / (spanY * 256))))
  return Math.max(0, Math.min(CLUSTER_MAX_ZOOM, zoom))
}

/** The view centred on a point at a zoom, with the box a map of the usual size shows. */
function viewAt(longitude: number, latitude: number, zoom: number): MapView {
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

interface Part {
  /** listings (places) inside the box */
  points: number
  /** the groups they count, and those counted already */
  groups: Count
  sumLng: number
  sumLat: number
  single: PointProps | null
}

/** The part of a cluster inside the box: how many listings and groups, and their middle. */
function clip(
  index: Index,
  clusterId: number,
  bbox: Bbox,
  tally: Tally,
  part: Part = { points: 0, groups: { counted: 0, alsoCounted: 0 }, sumLng: 0, sumLat: 0, single: null },
): Part {
  for (const child of index.getChildren(clusterId) as Found[]) {
    const props = child.properties
    if (!isCluster(props)) {
      if (inside(props.at[0], props.at[1], bbox)) {
        part.points += 1
        if (tally.point(props.id) === 1) part.groups.counted += 1
        else part.groups.alsoCounted += 1
        part.sumLng += props.at[0]
        part.sumLat += props.at[1]
        part.single = props
      }
    } else if (within(props, bbox)) {
      const [lng, lat] = child.geometry.coordinates as [number, number]
      const groups = tally.cluster(props)
      part.points += props.point_count
      part.groups.counted += groups.counted
      part.groups.alsoCounted += groups.alsoCounted
      part.sumLng += lng * props.point_count
      part.sumLat += lat * props.point_count
    } else if (!disjoint(props, bbox)) {
      clip(index, props.cluster_id, bbox, tally, part)
    }
  }
  return part
}

function listingFeature(
  p: PointProps,
  links: MapLinks,
  alsoCounted: boolean,
): MarkerFeature<ListingMarkerProperties> {
  const properties: ListingMarkerProperties = {
    cluster: false,
    id: p.id,
    name: p.name,
    category: p.category,
    url: links.service(p.id),
  }
  if (alsoCounted) properties.also_counted = true
  return { type: 'Feature', geometry: { type: 'Point', coordinates: [p.at[0], p.at[1]] }, properties }
}

function clusterFeature(
  index: Index,
  clusterId: number,
  groups: Count,
  coordinates: number[],
  near: string | null,
  links: MapLinks,
): MarkerFeature<ClusterMarkerProperties> {
  const expansion = index.getClusterExpansionZoom(clusterId)
  const properties: ClusterMarkerProperties = {
    cluster: true,
    point_count: groups.counted,
    near,
    expansion_zoom: Math.min(MAX_ZOOM, expansion),
  }
  if (groups.alsoCounted > 0) properties.also_counted = groups.alsoCounted
  if (expansion > CLUSTER_MAX_ZOOM) {
    // These listings share one spot (a hall with several groups): zooming in never parts them.
    properties.listings = index.getLeaves(clusterId, SAME_SPOT_LISTINGS).map(({ properties: p }) => ({
      id: p.id,
      name: p.name,
      category: p.category,
      url: links.service(p.id),
    }))
  }
  return {
    type: 'Feature',
    id: clusterId,
    geometry: { type: 'Point', coordinates: [coordinates[0] ?? 0, coordinates[1] ?? 0] },
    properties,
  }
}

const MILES_PER_DEGREE_LATITUDE = 69.05

/** A cluster is named after a town or village of at least this many people ... */
const TOWN_MIN_POPULATION = 1000
/** ... within this many miles of its middle, or of the edge of its listings if further. */
const TOWN_NEAR_MILES = 3
const TOWN_MAX_MILES = 15

/**
 * The town a cluster is around: among the towns near it, the one with the most people for
 * how far it is from the cluster's middle (a big town a little further off beats a small
 * village in the middle); null when there is none near enough.
 */
function townAround(towns: TownFinder, middle: number[], extent: Extent): string | null {
  const [longitude = 0, latitude = 0] = middle
  const cosLat = Math.max(0.01, Math.cos((latitude * Math.PI) / 180))
  const spread = Math.max(
    Math.abs(extent.n - latitude),
    Math.abs(latitude - extent.s),
    Math.abs(extent.e - longitude) * cosLat,
    Math.abs(longitude - extent.w) * cosLat,
  )
  const miles = Math.min(TOWN_MAX_MILES, Math.max(TOWN_NEAR_MILES, spread * MILES_PER_DEGREE_LATITUDE))
  const dLat = miles / MILES_PER_DEGREE_LATITUDE
  const dLng = dLat / cosLat
  let best: string | null = null
  let bestScore = 0
  for (const town of towns.findWithPopulationInBox(TOWN_MIN_POPULATION, {
    south: latitude - dLat,
    north: latitude + dLat,
    west: longitude - dLng,
    east: longitude + dLng,
  })) {
    const away =
      Math.hypot(town.latitude - latitude, (town.longitude - longitude) * cosLat) * MILES_PER_DEGREE_LATITUDE
    if (away > miles) continue
    // The square root keeps a city from naming the villages round it.
    const score = Math.sqrt(town.population) / (1 + away) ** 2
    if (score > bestScore) {
      best = town.name
      bestScore = score
    }
  }
  return best
}
const CIRCLE_SIDES = 48

/** A hub's outline: its GeoJSON Polygon or MultiPolygon (bare or in a Feature), or else a circle of its radius. */
function outlineOf(hub: HubAreaRow): HubOutlineCollection['features'][number]['geometry'] | null {
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
        return shape as HubOutlineCollection['features'][number]['geometry']
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

const round6 = (n: number): number => Math.round(n * 1e6) / 1e6
const round5 = (n: number): number => Math.round(n * 1e5) / 1e5
