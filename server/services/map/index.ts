/**
 * The map (DESIGN.md "Places and search"): clustered markers, the list beside the map, where
 * the map opens, and the hubs' outlines in view. Its parts, each in its own file:
 *
 * - projection.ts: Web Mercator, boxes and zooms
 * - markerIndex.ts: the index of places and their services, and the counts of an answer
 * - markerSource.ts: where the index's services come from (search decides what matches)
 * - hubOutlines.ts: the hubs in view, simplified to the zoom
 *
 * This file keeps them in the answer cache and turns the index's markers into GeoJSON,
 * naming only the services in the answer.
 */
import type { Bbox } from '../../validation/mapQuery'
import { NO_FILTERS, type SearchFilters } from '../../validation/searchQuery'
import { AnswerCache, type DataVersionSource } from '../answerCache'
import { hubOutlinesIn, type HubAreaFinder, type HubOutlineCollection } from './hubOutlines'
import {
  MarkerIndexBuilder,
  countInBox,
  draftMarkers,
  extentOf,
  nearestInBox,
  type Count,
  type DraftMarker,
  type MarkerIndex,
  type TownQuestion,
} from './markerIndex'
import { isUnfiltered, type MarkerSource } from './markerSource'
import {
  MILES_PER_DEGREE_LATITUDE,
  boxAround,
  viewAt,
  viewOf,
  zoomFor,
  type Edges,
  type MapView,
} from './projection'

export type { BoundingBox, MapView } from './projection'
export { CLUSTER_MAX_ZOOM } from './projection'
export type { HubOutlineCollection } from './hubOutlines'
export type { MarkerSource, PointFinder, VisitMeeting } from './markerSource'
export { DirectoryMarkerSource } from './markerSource'

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
  /** set only when the listings share one spot (they never split): up to 20 of them */
  listings?: { id: number; name: string; category: string | null; url: string }[]
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
  /**
   * set while the map's index is still being made (just after start-up, or after a change):
   * the answer is the first thousand or so listings in the area, straight from the database, so
   * `total` may be fewer than there are. Ask again in a moment.
   */
  building?: true
  /**
   * set when more groups match these choices than one answer reads (across a whole country,
   * say): the answer is a share of them from each part of the area, so `total` is fewer than
   * there are. Zooming in shows them all.
   */
  partial?: true
}

export interface InView {
  /** matching listings with a point inside the area (each counted once) */
  total: number
  /** up to `limit` of their ids, nearest the given centre first */
  nearestIds: number[]
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
  /** and together they hold at most about this many bytes; the index just built is always kept */
  maxIndexBytes?: number
  /** ready answers (JSON) kept for repeated requests, at most this many characters in all */
  maxAnswerBytes?: number
  /** the names of the towns clusters are around, at most this many */
  maxCachedPlaceNames?: number
  /**
   * the index of every service is built this many place ids at a time, the event loop free
   * between them (a few milliseconds a step)
   */
  placesPerStep?: number
  /** without an index of the whole area, an answer reads at most this many rows for its view */
  rowsPerView?: number
  /** a filtered index of the whole country reads at most this many rows (else views are answered alone) */
  maxFilteredRows?: number
}

/** A town's streets: where the map opens round a place. */
const PLACE_ZOOM = 13
/** Great Britain, when there is nothing to show. */
const DEFAULT_CENTRE = { latitude: 54.2, longitude: -2.6 }
const DEFAULT_ZOOM = 6
const WORLD: Bbox = [-180, -90, 180, 90]
/**
 * Without an index of the whole area (while the unfiltered one is built, or when too many
 * match some filters), an answer reads at most this many services at places in its view,
 * in 4 x 4 parts of it when there are more, so that a big area shows all of it.
 */
const ROWS_PER_VIEW = 1000
const PARTS_ACROSS = 4
/** A filtered index is kept for the whole country when at most this many services at places match. */
const MAX_FILTERED_ROWS = 20_000
/**
 * ... and in at most this many milliseconds (a rare filter reads many rows for each it keeps):
 * a filtered index of the whole country, and one view's rows (then as much again for its parts).
 */
const FILTERED_INDEX_MS = 250
const VIEW_MS = 100
const WORLD_BOX = { west: -180, south: -90, east: 180, north: 90 }
const UNFILTERED = normaliseFilters()

/**
 * Indexes, ready answers and hub outlines are each kept in an AnswerCache, bounded by what
 * they hold, until the data version moves: after any write, from this app or any other, the
 * next request builds them again.
 */
export class MapService {
  private readonly indexes: AnswerCache<MarkerIndex>
  private readonly answers: AnswerCache<string>
  private readonly outlines: AnswerCache<string>
  /** the towns the clusters of each index are around, kept as long as the index is */
  private readonly placeNames = new WeakMap<MarkerIndex, Map<string, string | null>>()
  private readonly maxPlaceNames: number
  private readonly townsNearby: TownsInMemory
  /** the index of every published service, and the data version it was built from */
  private unfiltered: { version: number; index: MarkerIndex } | null = null
  private building: Promise<void> | null = null
  private readonly placesPerStep: number
  private readonly rowsPerView: number
  private readonly maxFilteredRows: number

  constructor(
    private readonly source: MarkerSource,
    private readonly hubAreas: HubAreaFinder,
    private readonly links: MapLinks,
    private readonly towns: TownFinder,
    private readonly dataVersion: DataVersionSource,
    options: MapServiceOptions = {},
  ) {
    // An index holds about 50 bytes a place and 4 a meeting (markerIndex.ts): at 300,000
    // places and 1,000,000 services the unfiltered one is about 20 MB, so a few filtered ones
    // fit beside it in the app's 256 MB heap (npm start) without crowding search out.
    this.indexes = new AnswerCache(dataVersion, {
      maxEntries: options.maxIndexes ?? 6,
      maxWeight: options.maxIndexBytes ?? 64_000_000,
      weigh: (index) => index.bytes,
    })
    const bytes = (json: string) => json.length
    // A town's view at zoom 10 or 14 is about 100 KB of JSON at 1,000,000 services, and
    // working one out again takes tens of milliseconds: 24 MB keeps a few hundred views.
    this.answers = new AnswerCache(dataVersion, {
      maxEntries: Infinity,
      maxWeight: options.maxAnswerBytes ?? 24_000_000,
      weigh: bytes,
    })
    this.outlines = new AnswerCache(dataVersion, { maxEntries: Infinity, maxWeight: 4_000_000, weigh: bytes })
    // A cluster stays the same view after view (until the data changes), so its town is looked up once.
    this.maxPlaceNames = options.maxCachedPlaceNames ?? 20_000
    this.townsNearby = new TownsInMemory(towns)
    this.placesPerStep = options.placesPerStep ?? 1000
    this.rowsPerView = options.rowsPerView ?? ROWS_PER_VIEW
    this.maxFilteredRows = options.maxFilteredRows ?? MAX_FILTERED_ROWS
  }

  /**
   * Builds the index of every published service (at start-up, and again after the data
   * changes), a few thousand places at a time with the event loop free between them, so the
   * app answers while it is built. Until it is ready, markers come straight from the R*Tree
   * for the area asked about (see `building` on MarkerCollection). Resolves when it is ready.
   */
  warmUp(): Promise<void> {
    if (this.building) return this.building
    const build = this.buildUnfiltered().finally(() => {
      if (this.building === build) this.building = null
    })
    this.building = build
    return build
  }

  /** Whether the index of every published service is ready for the data as it is now. */
  get ready(): boolean {
    return this.unfiltered !== null && this.unfiltered.version === this.dataVersion()
  }

  private async buildUnfiltered(): Promise<void> {
    const steps = this.unfilteredSteps()
    while (!steps.next().done) await new Promise<void>((resolve) => setImmediate(resolve))
  }

  /** Builds the unfiltered index a step (placesPerStep place ids) at a time. */
  private *unfilteredSteps(): Generator<void, void> {
    const version = this.dataVersion()
    const builder = new MarkerIndexBuilder()
    yield* this.source.everyMeetingInSteps(
      (id, latitude, longitude) => builder.add(id, latitude, longitude),
      this.placesPerStep,
    )
    // Built from the data as it was when the build began: a change since then starts another.
    this.unfiltered = { version, index: yield* builder.buildInSteps(keyOf(UNFILTERED)) }
  }

  /**
   * Clusters and single listings inside `bbox` at `zoom`, as GeoJSON. The counts add up to
   * the number of matching listings with a point inside the box.
   */
  markers(filters: SearchFilters, bbox: Bbox, zoom: number): MarkerCollection {
    return JSON.parse(this.markersJson(filters, bbox, zoom)) as MarkerCollection
  }

  /** The same as markers(), as JSON text: repeated views are answered from a cache. */
  markersJson(filters: SearchFilters, bbox: Bbox, zoom: number): string {
    const normalised = normaliseFilters(filters)
    const z = zoomFor(bbox, zoom)
    // Finding the index first keeps it the most recently used, even when the answer is ready.
    const index = this.indexFor(normalised)
    if (!index) {
      // No index of the whole area yet (being built), or too many match to keep one: the view alone.
      const sample = () => {
        const view = this.viewSample(normalised, bbox)
        const collection = this.collection(view.index, bbox, z)
        if (!view.complete) {
          if (isUnfiltered(normalised)) collection.building = true
          else collection.partial = true
        }
        return JSON.stringify(collection)
      }
      // Kept only for filters: the unfiltered index will soon answer better.
      if (isUnfiltered(normalised)) return sample()
      return this.answers.remember(`${keyOf(normalised)}|view|${bbox.join(',')}|${z}`, sample)
    }
    return this.answers.remember(`${index.key}|${bbox.join(',')}|${z}`, () =>
      JSON.stringify(this.collection(index, bbox, z)),
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
    const normalised = normaliseFilters(filters)
    const index = this.indexFor(normalised) ?? this.viewSample(normalised, bbox).index
    return { total: countInBox(index, bbox), nearestIds: nearestInBox(index, bbox, centre, limit) }
  }

  /**
   * Where the map opens: round the place when one is given (showing the chosen distance
   * round it), or else round every matching listing.
   */
  initialView(filters: SearchFilters, place: { latitude: number; longitude: number } | null): MapView {
    if (place) {
      if (filters.distance === null) return viewAt(place.longitude, place.latitude, PLACE_ZOOM)
      const around = viewOf(boxAround(place.latitude, place.longitude, filters.distance), 0, PLACE_ZOOM)
      return viewAt(place.longitude, place.latitude, around.zoom)
    }
    const index = this.indexFor(normaliseFilters(filters))
    const extent = index ? extentOf(index) : null
    if (!extent) return viewAt(DEFAULT_CENTRE.longitude, DEFAULT_CENTRE.latitude, DEFAULT_ZOOM)
    return viewOf(extent, DEFAULT_ZOOM - 1, PLACE_ZOOM)
  }

  /**
   * The hubs' areas in `bbox` (every hub's, when no box is given), as GeoJSON polygons:
   * each its boundary, or else a circle of its radius, simplified to `zoom` when given.
   */
  hubs(bbox: Bbox = WORLD, zoom: number | null = null): HubOutlineCollection {
    return JSON.parse(this.hubsJson(bbox, zoom)) as HubOutlineCollection
  }

  /** The same as hubs(), as JSON text, kept until the data changes. */
  hubsJson(bbox: Bbox = WORLD, zoom: number | null = null): string {
    const z = zoom === null ? null : zoomFor(bbox, zoom)
    return this.outlines.remember(`${bbox.join(',')}|${z}`, () =>
      JSON.stringify(hubOutlinesIn(this.hubAreas, (slug) => this.links.hub(slug), bbox, z)),
    )
  }

  /**
   * The index for these filters: the unfiltered one once it is built (null until then, and
   * while it is built again after a change), or else one built now for the filters.
   */
  private indexFor(filters: SearchFilters): MarkerIndex | null {
    const key = keyOf(filters)
    if (key === keyOf(UNFILTERED)) {
      if (this.ready) return this.unfiltered?.index ?? null
      // A directory that takes one step is indexed at once (a town's, or a test's).
      if (!this.building && this.source.lastPlaceId() <= this.placesPerStep) {
        for (const _ of this.unfilteredSteps());
        return this.unfiltered?.index ?? null
      }
      void this.warmUp().catch(() => {
        // Tried again by the next request; meanwhile the map answers from the R*Tree.
      })
      return null
    }
    const index = this.indexes.remember(key, () => {
      const builder = new MarkerIndexBuilder()
      const read = this.source.eachMeetingMatching(
        filters,
        WORLD_BOX,
        this.maxFilteredRows,
        (id, latitude, longitude) => builder.add(id, latitude, longitude),
        Date.now() + FILTERED_INDEX_MS,
      )
      // Too many to read in one request: kept as an empty index that says so, and views answered alone.
      return read.complete ? builder.build(key) : { ...new MarkerIndexBuilder().build(key), partial: true }
    })
    return index.partial ? null : index
  }

  /**
   * An index of the matching services at places in the view alone, at most rowsPerView of
   * them: all of them when there are no more, else a share from each of 4 x 4 parts of the
   * view (so a big area shows all of it), and `complete` false.
   */
  private viewSample(filters: SearchFilters, bbox: Bbox): { index: MarkerIndex; complete: boolean } {
    const [w, s, e, n] = bbox
    const builder = new MarkerIndexBuilder()
    const add = (id: number, latitude: number, longitude: number) => builder.add(id, latitude, longitude)
    const whole = { west: w, south: s, east: e, north: n }
    if (this.source.eachMeetingMatching(filters, whole, this.rowsPerView, add, Date.now() + VIEW_MS).complete)
      return { index: builder.build('view'), complete: true }
    const parts = new MarkerIndexBuilder()
    const per = Math.ceil(this.rowsPerView / (PARTS_ACROSS * PARTS_ACROSS))
    const dx = (e - w) / PARTS_ACROSS
    const dy = (n - s) / PARTS_ACROSS
    for (let i = 0; i < PARTS_ACROSS; i++) {
      for (let j = 0; j < PARTS_ACROSS; j++) {
        // Each part's own edges (not the next part's) so no place is read twice.
        const part = { west: w + i * dx, south: s + j * dy, east: w + (i + 1) * dx, north: s + (j + 1) * dy }
        this.source.eachMeetingMatching(
          filters,
          part,
          per,
          (id, latitude, longitude) => {
            if (longitude < part.east || i === PARTS_ACROSS - 1)
              if (latitude < part.north || j === PARTS_ACROSS - 1) parts.add(id, latitude, longitude)
          },
          Date.now() + VIEW_MS / (PARTS_ACROSS * PARTS_ACROSS),
        )
      }
    }
    return { index: parts.build('view'), complete: false }
  }

  /** The answer's markers as GeoJSON, naming only the services in it. */
  private collection(index: MarkerIndex, bbox: Bbox, zoom: number): MarkerCollection {
    const drafts = draftMarkers(index, bbox, zoom)
    const wanted = new Set<number>()
    for (const marker of drafts.markers) {
      if (marker.kind === 'service') wanted.add(marker.serviceId)
      else for (const id of marker.listingIds ?? []) wanted.add(id)
    }
    const labels = new Map(this.source.labels([...wanted]).map((row) => [row.id, row]))
    const label = (id: number) => {
      const row = labels.get(id)
      return { id, name: row?.name ?? '', category: row?.category ?? null, url: this.links.service(id) }
    }
    const features = drafts.markers.map((marker) => this.feature(index, marker, label))
    return { type: 'FeatureCollection', total: drafts.total, features }
  }

  private feature(
    index: MarkerIndex,
    marker: DraftMarker,
    label: (id: number) => { id: number; name: string; category: string | null; url: string },
  ): MarkerFeature<ListingMarkerProperties | ClusterMarkerProperties> {
    const geometry = { type: 'Point' as const, coordinates: marker.at }
    if (marker.kind === 'service') {
      const properties: ListingMarkerProperties = { cluster: false, ...label(marker.serviceId) }
      if (marker.alsoCounted) properties.also_counted = true
      return { type: 'Feature', geometry, properties }
    }
    const properties: ClusterMarkerProperties = {
      cluster: true,
      point_count: marker.count.counted,
      near: this.townAround(index, marker.town),
      expansion_zoom: marker.expansionZoom,
    }
    addAlsoCounted(properties, marker.count)
    if (marker.listingIds) properties.listings = marker.listingIds.map(label)
    return {
      type: 'Feature',
      ...(marker.clusterId === null ? {} : { id: marker.clusterId }),
      geometry,
      properties,
    }
  }

  /** The town the whole of a cluster is around (even when only part of it is in view). */
  private townAround(index: MarkerIndex, town: TownQuestion): string | null {
    let names = this.placeNames.get(index)
    if (!names) {
      names = new Map()
      this.placeNames.set(index, names)
    }
    const known = names.get(town.key)
    if (known !== undefined) return known
    const name = townAround(this.townsNearby, town.middle, town.extent())
    if (names.size >= this.maxPlaceNames) names.clear()
    names.set(town.key, name)
    return name
  }
}

function addAlsoCounted(properties: ClusterMarkerProperties, count: Count): void {
  if (count.alsoCounted > 0) properties.also_counted = count.alsoCounted
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
 * The gazetteer's towns of at least TOWN_MIN_POPULATION people (about 4,000 in Great Britain:
 * the gazetteer's size, not the directory's), read once and kept in squares of a degree, so
 * naming a cluster asks no query.
 */
class TownsInMemory implements TownFinder {
  private squares: Map<number, TownRow[]> | null = null

  constructor(private readonly towns: TownFinder) {}

  findWithPopulationInBox(
    minPopulation: number,
    box: { south: number; north: number; west: number; east: number },
  ) {
    const squares = this.load()
    const found: TownRow[] = []
    for (let lat = Math.floor(box.south); lat <= Math.floor(box.north); lat++) {
      for (let lng = Math.floor(box.west); lng <= Math.floor(box.east); lng++) {
        for (const town of squares.get(squareOf(lat, lng)) ?? []) {
          if (
            town.population >= minPopulation &&
            town.latitude >= box.south &&
            town.latitude <= box.north &&
            town.longitude >= box.west &&
            town.longitude <= box.east
          )
            found.push(town)
        }
      }
    }
    return found
  }

  private load(): Map<number, TownRow[]> {
    if (this.squares) return this.squares
    const squares = new Map<number, TownRow[]>()
    const all = this.towns.findWithPopulationInBox(TOWN_MIN_POPULATION, {
      south: -90,
      north: 90,
      west: -180,
      east: 180,
    })
    for (const town of all) {
      const key = squareOf(Math.floor(town.latitude), Math.floor(town.longitude))
      const square = squares.get(key)
      if (square) square.push(town)
      else squares.set(key, [town])
    }
    // An empty gazetteer may be filled later (a first run loads it): ask again next time.
    if (all.length > 0) this.squares = squares
    return squares
  }
}

type TownRow = ReturnType<TownFinder['findWithPopulationInBox']>[number]
const squareOf = (lat: number, lng: number): number => (lat + 90) * 1000 + (lng + 180)

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
function townAround(towns: TownFinder, middle: [number, number], extent: Edges): string | null {
  const [longitude, latitude] = middle
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
