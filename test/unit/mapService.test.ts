import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase, type Db } from '../../db/connection'
import { loadGazetteerIfEmpty } from '../../db/gazetteer'
import { migrate } from '../../db/migrate'
import { addresses } from '../../server/addresses'
import { testConfig } from '../../server/config'
import { buildServices, type Services } from '../../server/services'
import {
  DirectoryMarkerSource,
  MapService,
  type ClusterMarkerProperties,
  type ListingMarkerProperties,
  type MarkerSource,
} from '../../server/services/mapService'
import type { Bbox } from '../../server/validation/mapQuery'
import { NO_FILTERS, type SearchFilters } from '../../server/validation/searchQuery'
import { HUB_OUTLINE_BYTES } from '../../server/services/map/hubOutlines'
import type { HubOutlineCollection } from '../../server/services/mapService'
import { aHub, aPlace, aService, anOrganisation } from '../builders'
import { aDatabase } from '../support/testApp'

const filters = (overrides: Partial<SearchFilters> = {}): SearchFilters => ({ ...NO_FILTERS, ...overrides })

/** A small, repeatable random number generator (mulberry32), so the data is the same every run. */
function randomFrom(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const THANET = { latitude: 51.37, longitude: 1.38 }
const CANTERBURY = { latitude: 51.28, longitude: 1.08 }
const DOVER = { latitude: 51.13, longitude: 1.31 }

/**
 * 300 published groups in three towns of east Kent, thickest in Thanet, with a mix of
 * categories and costs; some groups meet at two places. Also a draft and an archived one.
 */
function eastKent(db: Db): void {
  const random = randomFrom(42)
  const organisationId = anOrganisation(db, { name: 'East Kent Neighbours' })
  const towns = [THANET, THANET, CANTERBURY, DOVER]
  const categories = ['walking-groups', 'lunch-clubs', 'singing']
  for (let i = 0; i < 300; i++) {
    const town = towns[i % towns.length] ?? THANET
    const spot = () => ({
      latitude: town.latitude + (random() - 0.5) * 0.12,
      longitude: town.longitude + (random() - 0.5) * 0.2,
    })
    const placeIds = [aPlace(db, spot())]
    if (i % 25 === 0) placeIds.push(aPlace(db, spot()))
    aService(db, {
      organisationId,
      name: `Group ${i}`,
      categories: [categories[i % categories.length] ?? 'walking-groups'],
      isFree: i % 2 === 0,
      placeIds,
    })
  }
  aService(db, { organisationId, name: 'Not ready yet', status: 'draft', placeIds: [aPlace(db, THANET)] })
  aService(db, { organisationId, name: 'Closed down', status: 'archived', placeIds: [aPlace(db, THANET)] })
}

const boxOf = ([west, south, east, north]: Bbox) => ({ west, south, east, north })

/** The groups the list counts: each matching group with a place in the box, once. */
const groupsListed = (services: Services, f: SearchFilters, bbox: Bbox) =>
  new Set(Array.from(services.search.pointsMatching(f, boxOf(bbox)), (point) => point.id)).size

/** What a marker adds to the count: a cluster its number, a single group 1 (0 if counted in another marker). */
const countOf = (properties: ClusterMarkerProperties | ListingMarkerProperties) =>
  properties.cluster ? properties.point_count : properties.also_counted ? 0 : 1

function countsOf(services: Services, f: SearchFilters, bbox: Bbox, zoom: number) {
  const markers = services.map.markers(f, bbox, zoom)
  const sum = markers.features.reduce((total, feature) => total + countOf(feature.properties), 0)
  return { sum, total: markers.total, features: markers.features.length }
}

describe('map markers: the counts add up', () => {
  let services: Services
  beforeAll(() => {
    const db = aDatabase()
    eastKent(db)
    services = buildServices(db, testConfig())
  })

  const AREAS: [string, Bbox][] = [
    ['all of east Kent', [0.9, 51.0, 1.6, 51.5]],
    ['a box cutting through Thanet and Canterbury', [1.05, 51.25, 1.39, 51.39]],
    ['the middle of Thanet', [1.35, 51.35, 1.42, 51.39]],
    ['the whole world', [-180, -90, 180, 90]],
  ]

  it.each(AREAS)(
    'for %s, the clusters and markers at every zoom add up to the groups in the list, each group once',
    (_name, bbox) => {
      const listed = groupsListed(services, NO_FILTERS, bbox)
      expect(listed).toBeGreaterThan(0)
      for (const zoom of [0, 6, 10, 14, 18]) {
        const counts = countsOf(services, NO_FILTERS, bbox, zoom)
        expect({ zoom, sum: counts.sum, total: counts.total }).toEqual({ zoom, sum: listed, total: listed })
      }
    },
  )

  it('zoomed out, all of east Kent is a handful of clusters; zoomed in, single groups', () => {
    const bbox: Bbox = [0.9, 51.0, 1.6, 51.5]
    expect(countsOf(services, NO_FILTERS, bbox, 6).features).toBeLessThanOrEqual(3)
    const town: Bbox = [1.37, 51.37, 1.39, 51.38]
    const atStreetLevel = services.map.markers(NO_FILTERS, town, 18)
    expect(atStreetLevel.features.length).toBeGreaterThan(0)
    expect(atStreetLevel.features.every((feature) => feature.properties.cluster === false)).toBe(true)
  })

  it('filters change the counts, and they still add up to the list for the same filters', () => {
    const bbox: Bbox = [0.9, 51.0, 1.6, 51.5]
    const all = countsOf(services, NO_FILTERS, bbox, 10).sum
    for (const f of [
      filters({ categories: ['walking-groups'] }),
      filters({ free: true }),
      filters({ categories: ['singing'], free: true }),
      filters({ q: 'Group 1' }),
    ]) {
      const listed = groupsListed(services, f, bbox)
      for (const zoom of [6, 10, 14]) expect(countsOf(services, f, bbox, zoom).sum).toBe(listed)
      expect(listed).toBeLessThan(all)
      expect(listed).toBeGreaterThan(0)
    }
  })

  it('never shows a draft or archived group', () => {
    const bbox: Bbox = [1.37, 51.36, 1.39, 51.38]
    const names = services.map
      .markers(NO_FILTERS, bbox, 18)
      .features.map((feature) => (feature.properties as ListingMarkerProperties).name)
    expect(names).not.toContain('Not ready yet')
    expect(names).not.toContain('Closed down')
  })
})

describe('map markers: what each marker carries', () => {
  let db: Db
  let services: Services
  beforeEach(() => {
    db = aDatabase()
    services = buildServices(db, testConfig())
  })

  it('a single group has its id, name, category and the address of its page', () => {
    const id = aService(db, {
      name: 'Walk and talk',
      categories: ['walking-groups'],
      placeIds: [aPlace(db, { latitude: 51.3813, longitude: 1.3862 })],
    })
    const [feature] = services.map.markers(NO_FILTERS, [1.3, 51.3, 1.5, 51.5], 14).features
    expect(feature?.geometry.type).toBe('Point')
    // Points may come from the R*Tree, which keeps 32-bit numbers: right to a few centimetres.
    const [longitude, latitude] = feature?.geometry.coordinates ?? []
    expect(longitude).toBeCloseTo(1.3862, 5)
    expect(latitude).toBeCloseTo(51.3813, 5)
    expect(feature?.properties).toEqual({
      cluster: false,
      id,
      name: 'Walk and talk',
      category: 'Walking groups',
      url: `/services/${id}`,
    })
  })

  it('groups far apart at street level are a cluster when zoomed out, with the zoom that splits it', () => {
    aService(db, { placeIds: [aPlace(db, { latitude: 51.3813, longitude: 1.3862 })] })
    aService(db, { placeIds: [aPlace(db, { latitude: 51.3813, longitude: 1.3962 })] })
    const [cluster] = services.map.markers(NO_FILTERS, [1.3, 51.3, 1.5, 51.5], 8).features
    const props = cluster?.properties as ClusterMarkerProperties
    expect(props.cluster).toBe(true)
    expect(props.point_count).toBe(2)
    expect(props.expansion_zoom).toBeGreaterThan(8)
    expect(props.listings).toBeUndefined()
    expect(
      services.map.markers(NO_FILTERS, [1.3, 51.3, 1.5, 51.5], props.expansion_zoom).features,
    ).toHaveLength(2)
  })

  it('three groups in one hall stay one cluster that lists them, because zooming in never parts them', () => {
    const hall = aPlace(db, { name: 'Trinity Hall', latitude: 51.3813, longitude: 1.3862 })
    for (const name of ['Lunch club', 'Knit and natter', 'Choir']) aService(db, { name, placeIds: [hall] })
    const [cluster] = services.map.markers(NO_FILTERS, [1.3, 51.3, 1.5, 51.5], 16).features
    const props = cluster?.properties as ClusterMarkerProperties
    expect(props.point_count).toBe(3)
    expect(props.listings?.map((listing) => listing.name).sort()).toEqual([
      'Choir',
      'Knit and natter',
      'Lunch club',
    ])
  })

  it('a group that meets at two places has a marker at each', () => {
    aService(db, {
      name: 'Tea dance',
      placeIds: [
        aPlace(db, { latitude: 51.3813, longitude: 1.3862 }),
        aPlace(db, { latitude: 51.3358, longitude: 1.4196 }),
      ],
    })
    const names = services.map
      .markers(NO_FILTERS, [1.3, 51.3, 1.5, 51.5], 14)
      .features.map((feature) => (feature.properties as ListingMarkerProperties).name)
    expect(names).toEqual(['Tea dance', 'Tea dance'])
  })

  it('a group that meets in two towns is counted once: the second marker says it was counted already', () => {
    const margate = aPlace(db, { latitude: 51.3813, longitude: 1.3862 })
    const ramsgate = aPlace(db, { latitude: 51.3358, longitude: 1.4196 })
    aService(db, { name: 'Benefits check', placeIds: [margate, ramsgate] })
    aService(db, {
      name: 'Margate lunch club',
      placeIds: [aPlace(db, { latitude: 51.382, longitude: 1.387 })],
    })
    aService(db, { name: 'Ramsgate choir', placeIds: [aPlace(db, { latitude: 51.336, longitude: 1.42 })] })
    const bbox: Bbox = [1.3, 51.3, 1.5, 51.5]

    // Zoomed out far enough to see both towns, not so far that they are one cluster.
    const answer = services.map.markers(NO_FILTERS, bbox, 11)
    const clusters = answer.features.map((feature) => feature.properties as ClusterMarkerProperties)
    expect(clusters.map((cluster) => cluster.cluster)).toEqual([true, true])
    expect(clusters.map((cluster) => cluster.point_count).sort()).toEqual([1, 2])
    expect(clusters.map((cluster) => cluster.also_counted ?? 0).sort()).toEqual([0, 1])
    expect(answer.total).toBe(3)

    // Closer in, and in the list beside the map, the group still counts once.
    const close = services.map.markers(NO_FILTERS, bbox, 16)
    expect(close.features.reduce((sum, feature) => sum + countOf(feature.properties), 0)).toBe(3)
    expect(close.total).toBe(3)
    expect(services.map.inView(NO_FILTERS, bbox, { latitude: 51.36, longitude: 1.4 }, 10).total).toBe(3)
  })

  it('a cluster says which town it is around, and a cluster far from any town says none', () => {
    loadGazetteerIfEmpty(db)
    for (const [latitude, longitude] of [
      [51.3358, 1.4196],
      [51.3362, 1.4201],
      [51.3371, 1.4172],
    ] as const) {
      aService(db, { placeIds: [aPlace(db, { latitude, longitude })] })
    }
    aService(db, { placeIds: [aPlace(db, { latitude: 50.0, longitude: -4.0 })] })
    aService(db, { placeIds: [aPlace(db, { latitude: 50.001, longitude: -4.001 })] })

    const [ramsgate] = services.map.markers(NO_FILTERS, [1.3, 51.3, 1.5, 51.5], 10).features
    expect(ramsgate?.properties).toMatchObject({ cluster: true, point_count: 3, near: 'Ramsgate' })
    const [atSea] = services.map.markers(NO_FILTERS, [-4.1, 49.9, -3.9, 50.1], 10).features
    expect(atSea?.properties).toMatchObject({ cluster: true, point_count: 2, near: null })
  })

  it('a map over the sea, with nothing in it, has no markers', () => {
    aService(db, { placeIds: [aPlace(db, { latitude: 51.3813, longitude: 1.3862 })] })
    expect(services.map.markers(NO_FILTERS, [-30, 40, -20, 50], 6)).toEqual({
      type: 'FeatureCollection',
      total: 0,
      features: [],
    })
  })
})

describe('map markers: the index is kept and rebuilt only when needed', () => {
  function counting(db: Db, options = {}) {
    const services = buildServices(db, testConfig())
    const calls: SearchFilters[] = []
    const real = new DirectoryMarkerSource(services.search, services.repositories.mapData)
    const source: MarkerSource = {
      eachMeetingMatching: (f, box, limit, visit) => {
        // An index of the whole country for these filters (a view alone is not an index).
        if (box.west === -180 && box.east === 180) calls.push(f)
        return real.eachMeetingMatching(f, box, limit, visit)
      },
      labels: (ids) => real.labels(ids),
      lastPlaceId: () => real.lastPlaceId(),
      everyMeetingInSteps: (visit, step) => {
        calls.push(NO_FILTERS)
        return real.everyMeetingInSteps(visit, step)
      },
    }
    const links = { service: addresses.service, hub: addresses.hub }
    const version = () => services.repositories.dataVersion.current()
    return {
      map: new MapService(
        source,
        services.repositories.mapData,
        links,
        services.repositories.gazetteer,
        version,
        options,
      ),
      calls,
    }
  }

  it('builds one index per set of filters, whatever the area, zoom or order of the choices', () => {
    const db = aDatabase()
    aService(db, { categories: ['walking-groups', 'singing'], placeIds: [aPlace(db)] })
    const { map, calls } = counting(db)
    map.markers(NO_FILTERS, [1.3, 51.3, 1.5, 51.5], 10)
    map.markers(NO_FILTERS, [0, 50, 2, 52], 6)
    map.markers(filters({ page: 3, where: 'Margate' }), [1.3, 51.3, 1.5, 51.5], 14)
    expect(calls).toHaveLength(1)
    map.markers(filters({ categories: ['walking-groups', 'singing'] }), [1.3, 51.3, 1.5, 51.5], 10)
    map.markers(filters({ categories: ['singing', 'walking-groups'] }), [1.3, 51.3, 1.5, 51.5], 12)
    expect(calls).toHaveLength(2)
  })

  it('drops the least recently used index when it holds too many', () => {
    const db = aDatabase()
    aService(db, { placeIds: [aPlace(db)] })
    const { map, calls } = counting(db, { maxIndexes: 2 })
    const bbox: Bbox = [1.3, 51.3, 1.5, 51.5]
    map.markers(filters({ free: true }), bbox, 10)
    map.markers(filters({ home: true }), bbox, 10)
    map.markers(filters({ free: true }), bbox, 10) // used again, so kept
    map.markers(filters({ day: 'monday' }), bbox, 10) // "home" goes
    expect(calls).toHaveLength(3)
    map.markers(filters({ free: true }), bbox, 10)
    expect(calls).toHaveLength(3)
    map.markers(filters({ home: true }), bbox, 10)
    expect(calls).toHaveLength(4)
  })

  it('shows a newly published group on the next request, with nothing to tell it', () => {
    const db = aDatabase()
    const services = buildServices(db, testConfig())
    const bbox: Bbox = [1.3, 51.3, 1.5, 51.5]
    aService(db, { placeIds: [aPlace(db)] })
    expect(services.map.markers(NO_FILTERS, bbox, 10).total).toBe(1)
    aService(db, { placeIds: [aPlace(db, { latitude: 51.34, longitude: 1.42 })] })
    expect(services.map.markers(NO_FILTERS, bbox, 10).total).toBe(2)
  })

  it('notices when another program (a seed or an import) changes the database', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'map-test-')), 'map.sqlite')
    const db = openDatabase(file)
    migrate(db)
    const other = openDatabase(file)
    try {
      const services = buildServices(db, testConfig())
      const bbox: Bbox = [1.3, 51.3, 1.5, 51.5]
      aService(db, { placeIds: [aPlace(db)] })
      expect(services.map.markers(NO_FILTERS, bbox, 10).total).toBe(1)
      aService(other, { placeIds: [aPlace(other, { latitude: 51.34, longitude: 1.42 })] })
      expect(services.map.markers(NO_FILTERS, bbox, 10).total).toBe(2)
    } finally {
      other.close()
      db.close()
      fs.rmSync(path.dirname(file), { recursive: true, force: true })
    }
  })

  it('keeps its index however long nothing is written, and rebuilds it after a write', () => {
    const db = aDatabase()
    const { map, calls } = counting(db)
    const bbox: Bbox = [1.3, 51.3, 1.5, 51.5]
    expect(map.markers(NO_FILTERS, bbox, 10).total).toBe(0)
    map.markers(NO_FILTERS, bbox, 12)
    map.inView(NO_FILTERS, bbox, { latitude: 51.4, longitude: 1.4 }, 10)
    expect(calls).toHaveLength(1)
    aService(db, { placeIds: [aPlace(db)] })
    expect(map.markers(NO_FILTERS, bbox, 10).total).toBe(1)
    expect(calls).toHaveLength(2)
  })

  it('keeps the outlines of the hubs until a hub changes', () => {
    const db = aDatabase()
    const services = buildServices(db, testConfig())
    aHub(db, { name: 'Thanet' })
    expect(services.map.hubs().features.map((hub) => hub.properties.name)).toEqual(['Thanet'])
    aHub(db, { name: 'Sheffield' })
    expect(services.map.hubs().features.map((hub) => hub.properties.name)).toEqual(['Sheffield', 'Thanet'])
  })
})

describe('map markers while the index of every group is still being built', () => {
  /** The map of east Kent, its index built one place at a time; counts the rows read for answers meanwhile. */
  function eastKentMap(options = {}) {
    const db = aDatabase()
    eastKent(db)
    const services = buildServices(db, testConfig())
    const real = new DirectoryMarkerSource(services.search, services.repositories.mapData)
    const rowsRead: number[] = []
    const source: MarkerSource = {
      eachMeetingMatching: (f, box, limit, visit) => {
        let rows = 0
        const answer = real.eachMeetingMatching(f, box, limit, (id, latitude, longitude) => {
          rows += 1
          visit(id, latitude, longitude)
        })
        rowsRead.push(rows)
        return answer
      },
      labels: (ids) => real.labels(ids),
      lastPlaceId: () => real.lastPlaceId(),
      everyMeetingInSteps: (visit, step) => real.everyMeetingInSteps(visit, step),
    }
    const map = new MapService(
      source,
      services.repositories.mapData,
      { service: addresses.service, hub: addresses.hub },
      services.repositories.gazetteer,
      () => services.repositories.dataVersion.current(),
      { placesPerStep: 5, ...options },
    )
    return { map, services, rowsRead }
  }

  it('a first visitor looking at Thanet gets every group there at once, the same as when the index is ready', async () => {
    const { map, services, rowsRead } = eastKentMap()
    const thanet: Bbox = [1.35, 51.35, 1.42, 51.39]
    const first = map.markers(NO_FILTERS, thanet, 12)
    expect(map.ready).toBe(false)
    expect(rowsRead.length).toBeGreaterThan(0)
    const listed = groupsListed(services, NO_FILTERS, thanet)
    expect(first.building).toBeUndefined()
    expect(first.total).toBe(listed)
    expect(first.features.reduce((sum, f) => sum + countOf(f.properties), 0)).toBe(listed)
    await map.warmUp()
    expect(map.ready).toBe(true)
    const later = map.markers(NO_FILTERS, thanet, 12)
    expect(later.total).toBe(listed)
    expect(later.building).toBeUndefined()
  })

  it('a first visitor looking at all of east Kent gets a bounded part of it, spread over the view, and is told to ask again', async () => {
    const { map, services, rowsRead } = eastKentMap({ rowsPerView: 32 })
    const eastKentBox: Bbox = [0.9, 51.0, 1.6, 51.5]
    const first = map.markers(NO_FILTERS, eastKentBox, 9)
    expect(first.building).toBe(true)
    // At most the rows allowed, in one read of the whole view and one per part (16 parts of 2).
    expect(rowsRead.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(32 + 32)
    expect(first.total).toBeGreaterThan(0)
    expect(first.total).toBeLessThanOrEqual(32)
    // Canterbury, Dover and Thanet all show, not only the first rows the R*Tree gives.
    const longitudes = first.features.map((f) => f.geometry.coordinates[0])
    expect(Math.min(...longitudes)).toBeLessThan(1.2)
    expect(Math.max(...longitudes)).toBeGreaterThan(1.3)
    await map.warmUp()
    const ready = map.markers(NO_FILTERS, eastKentBox, 9)
    expect(ready.building).toBeUndefined()
    expect(ready.total).toBe(groupsListed(services, NO_FILTERS, eastKentBox))
  })

  it('a whole-country map of free groups reads a bounded number of rows, and a town shows all of them', () => {
    const { map, services, rowsRead } = eastKentMap({ maxFilteredRows: 20, rowsPerView: 32 })
    const free = filters({ free: true })
    const everywhere = map.markers(free, [-8, 49.8, 2, 59], 6)
    // 150 free groups match: the index of the whole country stops at 20, the view reads 32 more at most.
    expect(rowsRead.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(20 + 32 + 32)
    expect(everywhere.partial).toBe(true)
    expect(everywhere.total).toBeGreaterThan(0)
    expect(everywhere.total).toBeLessThan(groupsListed(services, free, [-8, 49.8, 2, 59]))

    const corner: Bbox = [1.05, 51.25, 1.1, 51.3]
    const inTown = map.markers(free, corner, 14)
    expect(inTown.partial).toBeUndefined()
    expect(inTown.total).toBe(groupsListed(services, free, corner))
    expect(inTown.total).toBeGreaterThan(0)
  })

  it('the build frees the event loop between steps, so other requests are answered while it runs', async () => {
    const { map } = eastKentMap()
    let turns = 0
    const counter = setInterval(() => {
      turns += 1
    }, 0)
    await map.warmUp()
    clearInterval(counter)
    expect(map.ready).toBe(true)
    expect(turns).toBeGreaterThan(0)
  })
})

describe('the list beside the map', () => {
  it('counts each group once and puts the nearest the middle first', () => {
    const db = aDatabase()
    const services = buildServices(db, testConfig())
    const near = aService(db, {
      name: 'Near',
      placeIds: [aPlace(db, { latitude: 51.381, longitude: 1.386 })],
    })
    const far = aService(db, {
      name: 'Far',
      placeIds: [
        aPlace(db, { latitude: 51.34, longitude: 1.42 }),
        aPlace(db, { latitude: 51.35, longitude: 1.43 }),
      ],
    })
    aService(db, { name: 'Outside', placeIds: [aPlace(db, { latitude: 53.38, longitude: -1.47 })] })
    const view = services.map.inView(
      NO_FILTERS,
      [1.3, 51.3, 1.5, 51.5],
      { latitude: 51.38, longitude: 1.385 },
      10,
    )
    expect(view).toEqual({ total: 2, nearestIds: [near, far] })
  })

  it('opens round every group when no place is given, and round the place when one is', () => {
    const db = aDatabase()
    const services = buildServices(db, testConfig())
    aService(db, { placeIds: [aPlace(db, { latitude: 51.38, longitude: 1.38 })] })
    aService(db, { placeIds: [aPlace(db, { latitude: 51.28, longitude: 1.08 })] })
    const everything = services.map.initialView(NO_FILTERS, null)
    const [w, s, e, n] = everything.bbox
    expect([w <= 1.08, s <= 51.28, e >= 1.38, n >= 51.38]).toEqual([true, true, true, true])

    const nearMargate = services.map.initialView(filters({ distance: 1 }), {
      latitude: 51.38,
      longitude: 1.38,
    })
    expect(nearMargate).toMatchObject({ latitude: 51.38, longitude: 1.38 })
    expect(nearMargate.zoom).toBeGreaterThan(everything.zoom)
  })
})

describe('hub outlines', () => {
  it('draws a hub with a radius as a closed circle of about that radius, and a hub with a boundary as its boundary', () => {
    const db = aDatabase()
    const services = buildServices(db, testConfig())
    aHub(db, { slug: 'margate', name: 'Margate hub', latitude: 51.38, longitude: 1.38, radiusMiles: 2 })
    const square = {
      type: 'Polygon',
      coordinates: [
        [
          [1.0, 51.2],
          [1.1, 51.2],
          [1.1, 51.3],
          [1.0, 51.3],
          [1.0, 51.2],
        ],
      ],
    }
    aHub(db, {
      slug: 'canterbury',
      name: 'Canterbury hub',
      boundaryGeojson: JSON.stringify(square),
      radiusMiles: null,
    })

    const { features } = services.map.hubs()
    const canterbury = features.find((f) => f.properties.slug === 'canterbury')
    expect(canterbury).toEqual({
      type: 'Feature',
      geometry: square,
      properties: { slug: 'canterbury', name: 'Canterbury hub', url: '/hubs/canterbury' },
    })

    const margate = features.find((f) => f.properties.slug === 'margate')
    const ring = (margate?.geometry.coordinates[0] ?? []) as number[][]
    expect(ring.length).toBeGreaterThan(32)
    expect(ring[0]).toEqual(ring[ring.length - 1])
    const top = Math.max(...ring.map((point) => point[1] ?? 0))
    expect((top - 51.38) * 69).toBeCloseTo(2, 1)
  })

  it('a close view over many overlapping hubs stays under a fixed size, keeping the biggest hubs', () => {
    const db = aDatabase()
    const services = buildServices(db, testConfig())
    for (let i = 0; i < 200; i++)
      aHub(db, {
        slug: `hub-${i}`,
        name: `Hub ${i}`,
        latitude: 51.38,
        longitude: 1.38,
        radiusMiles: 2 + i / 10,
      })
    const json = services.map.hubsJson([1.37, 51.37, 1.39, 51.39], 14)
    expect(json.length).toBeLessThan(HUB_OUTLINE_BYTES + 5_000)
    const slugs = (JSON.parse(json) as HubOutlineCollection).features.map((f) => f.properties.slug)
    expect(slugs.length).toBeGreaterThan(10)
    expect(slugs.length).toBeLessThan(200)
    expect(slugs[0]).toBe('hub-199')
  })
})
