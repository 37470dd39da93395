/**
 * The map at national size: what its index holds per place, what it reads for an answer,
 * and the hub outlines it sends for a view.
 */
import v8 from 'node:v8'
import vm from 'node:vm'
import type { Statement } from 'better-sqlite3'
import { testConfig } from '../../server/config'
import { buildServices } from '../../server/services'
import { MarkerIndexBuilder, countInBox, draftMarkers } from '../../server/services/map/markerIndex'
import { hubOutlinesIn } from '../../server/services/map/hubOutlines'
import type { Bbox } from '../../server/validation/mapQuery'
import { NO_FILTERS } from '../../server/validation/searchQuery'
import { aHub, aPlace, aService } from '../builders'
import { aDatabase } from '../support/testApp'

/** A small, repeatable random number generator (mulberry32). */
function randomFrom(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The garbage collector, asked for by name (jest does not start node with --expose-gc). */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc')
  return vm.runInNewContext('gc') as () => void
}

const GREAT_BRITAIN: Bbox = [-8, 49.8, 2, 59]

describe('the marker index at national size', () => {
  it('holds 100,000 places (300,000 services) in under 12 MB, and answers for England with a few markers whose counts add up', () => {
    const gc = collector()
    const random = randomFrom(7)
    // 2,000 towns across Great Britain, each with places round it; a few services meet in two places.
    const towns = Array.from({ length: 2000 }, () => [50.2 + random() * 8, -5 + random() * 6.5] as const)
    const used = () => {
      const memory = process.memoryUsage()
      return memory.heapUsed + memory.arrayBuffers
    }
    gc()
    const before = used()
    const builder = new MarkerIndexBuilder()
    let id = 1
    for (let place = 0; place < 100_000; place++) {
      const [lat, lng] = towns[Math.floor(random() * random() * towns.length)] ?? [52, -1]
      const latitude = lat + (random() - 0.5) * 0.1
      const longitude = lng + (random() - 0.5) * 0.15
      for (let k = 0; k < 3; k++) {
        builder.add(random() < 0.02 ? 1 + Math.floor(random() * id) : id++, latitude, longitude)
      }
    }
    const index = builder.build('everything')
    gc()
    const grown = used() - before
    expect(index.placeCount).toBe(100_000)
    expect(grown).toBeLessThan(12_000_000)

    const england: Bbox = [-6, 49.9, 2, 55.9]
    const answer = draftMarkers(index, england, 6)
    expect(answer.markers.length).toBeGreaterThan(10)
    expect(answer.markers.length).toBeLessThan(500)
    const sum = answer.markers.reduce(
      (total, marker) =>
        total + (marker.kind === 'service' ? (marker.alsoCounted ? 0 : 1) : marker.count.counted),
      0,
    )
    expect(sum).toBe(answer.total)
    expect(countInBox(index, england)).toBe(answer.total)
    expect(countInBox(index, GREAT_BRITAIN)).toBe(index.serviceCount)
  })
})

/** Counts the rows every statement of the database hands back while `work` runs. */
function rowsReadDuring(
  db: ReturnType<typeof aDatabase>,
  work: () => void,
): { rows: number; largest: number } {
  const prototype = Object.getPrototypeOf(db.prepare('SELECT 1')) as Statement
  const all = jest.spyOn(prototype, 'all')
  const iterate = jest.spyOn(prototype, 'iterate')
  try {
    work()
    const counts = [
      ...all.mock.results.map((result) => (Array.isArray(result.value) ? result.value.length : 0)),
      // An iterator read to the end: what it gave is not kept, so count the calls (each a table's worth at most).
      ...iterate.mock.calls.map(() => Infinity),
    ]
    return { rows: counts.reduce((a, b) => a + b, 0), largest: Math.max(0, ...counts) }
  } finally {
    all.mockRestore()
    iterate.mockRestore()
  }
}

describe('a map that matches nothing reads next to nothing', () => {
  it('a resident asking the map for "zzzqqq" among 300 groups gets an empty map, and no statement reads more rows than the list of categories', () => {
    const db = aDatabase()
    const random = randomFrom(3)
    for (let i = 0; i < 300; i++) {
      aService(db, {
        name: `Group ${i}`,
        categories: ['walking-groups'],
        placeIds: [aPlace(db, { latitude: 51 + random(), longitude: -1 + random() })],
      })
    }
    const services = buildServices(db, testConfig())
    const filters = { ...NO_FILTERS, q: 'zzzqqq' }
    let total = -1
    const read = rowsReadDuring(db, () => {
      total = services.map.markers(filters, GREAT_BRITAIN, 6).total
      services.map.inView(filters, GREAT_BRITAIN, { latitude: 51.5, longitude: -0.5 }, 10)
      services.map.initialView(filters, null)
    })
    expect(total).toBe(0)
    // The most any statement reads is the list of categories (16): nothing that grows with the groups.
    expect(read.largest).toBeLessThan(30)
    expect(read.rows).toBeLessThan(60)
  })

  it('names only the groups in the answer: a street-level view of 300 groups reads a few labels', () => {
    const db = aDatabase()
    for (let i = 0; i < 300; i++) {
      aService(db, {
        name: `Group ${i}`,
        placeIds: [aPlace(db, { latitude: 51 + (i % 20) * 0.05, longitude: -1 + Math.floor(i / 20) * 0.05 })],
      })
    }
    const services = buildServices(db, testConfig())
    services.map.warmUp()
    const labels = jest.spyOn(services.repositories.mapData, 'serviceLabels')
    const answer = services.map.markers(NO_FILTERS, [-1.01, 50.99, -0.94, 51.06], 16)
    expect(answer.features.length).toBeGreaterThan(0)
    expect(answer.features.length).toBeLessThan(20)
    const asked = labels.mock.calls.flatMap(([ids]) => [...ids])
    expect(asked.length).toBe(answer.features.length)
  })
})

describe('hub outlines for the view', () => {
  /** A hub with a detailed boundary: a 200-point ring round its centre. */
  const detailedBoundary = (latitude: number, longitude: number, degrees: number) => {
    const ring = Array.from({ length: 201 }, (_, i) => {
      const angle = (2 * Math.PI * (i % 200)) / 200
      const wobble = 1 + 0.05 * Math.sin(angle * 13)
      return [longitude + degrees * wobble * Math.sin(angle), latitude + degrees * wobble * Math.cos(angle)]
    })
    return JSON.stringify({ type: 'Polygon', coordinates: [ring] })
  }

  function hubsOfEngland() {
    const db = aDatabase()
    aHub(db, {
      slug: 'thanet',
      name: 'Thanet',
      latitude: 51.36,
      longitude: 1.38,
      radiusMiles: null,
      boundaryGeojson: detailedBoundary(51.36, 1.38, 0.08),
    })
    aHub(db, { slug: 'canterbury', name: 'Canterbury', latitude: 51.28, longitude: 1.08, radiusMiles: 4 })
    aHub(db, { slug: 'sheffield', name: 'Sheffield', latitude: 53.38, longitude: -1.47, radiusMiles: 6 })
    aHub(db, { slug: 'torbay', name: 'Torbay', latitude: 50.46, longitude: -3.53, radiusMiles: 5 })
    return { db, services: buildServices(db, testConfig()) }
  }

  const pointsOf = (geometry: { type: string; coordinates: unknown }) =>
    JSON.stringify(geometry.coordinates).split('],[').length

  it('a map of east Kent gets only the hubs in view', () => {
    const { services } = hubsOfEngland()
    const kent = services.map.hubs([0.9, 51.1, 1.6, 51.5], 11)
    expect(kent.features.map((hub) => hub.properties.slug).sort()).toEqual(['canterbury', 'thanet'])
    const sheffield = services.map.hubs([-1.6, 53.3, -1.3, 53.45], 11)
    expect(sheffield.features.map((hub) => hub.properties.slug)).toEqual(['sheffield'])
    expect(services.map.hubs([-30, 40, -20, 45], 8).features).toEqual([])
  })

  it('zoomed out, a hub outline has fewer points; zoomed in, its detail', () => {
    const { services } = hubsOfEngland()
    const thanet = (zoom: number) =>
      services.map.hubs([0.9, 51.1, 1.6, 51.5], zoom).features.find((hub) => hub.properties.slug === 'thanet')
    const close = thanet(14)
    const far = thanet(8)
    expect(close && far).toBeTruthy()
    if (!close || !far) return
    expect(pointsOf(far.geometry)).toBeLessThan(pointsOf(close.geometry))
    expect(pointsOf(far.geometry)).toBeGreaterThanOrEqual(4)
    expect(pointsOf(close.geometry)).toBeGreaterThan(100)
  })

  it('over all of Great Britain, hubs too small to see are left out and the answer stays small', () => {
    const db = aDatabase()
    for (let i = 0; i < 400; i++) {
      aHub(db, {
        slug: `hub-gb-${i}`,
        latitude: 50.5 + (i % 20) * 0.35,
        longitude: -4.5 + Math.floor(i / 20) * 0.3,
        radiusMiles: 1 + (i % 3),
      })
    }
    aHub(db, { slug: 'big', name: 'A whole county', latitude: 52.5, longitude: -1.5, radiusMiles: 40 })
    const services = buildServices(db, testConfig())
    const national = services.map.hubs(GREAT_BRITAIN, 5)
    expect(national.features.map((hub) => hub.properties.slug)).toEqual(['big'])
    const outlines = hubOutlinesIn(
      services.repositories.mapData,
      (slug) => `/hubs/${slug}`,
      GREAT_BRITAIN,
      12,
    )
    expect(outlines.features.length).toBeLessThanOrEqual(300)
    expect(outlines.features.length).toBeGreaterThan(100)
  })
})
