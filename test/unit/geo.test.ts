import { boxAround, hubCovers, milesBetween, pointInGeoJson } from '../../server/services/geo'

const margate = { latitude: 51.3813, longitude: 1.3862 }
const ramsgate = { latitude: 51.3358, longitude: 1.4196 }
const canterbury = { latitude: 51.2802, longitude: 1.0789 }

// A rough square round Thanet (Margate, Broadstairs, Ramsgate), with a hole cut out round Ramsgate.
const thanet = {
  type: 'Polygon',
  coordinates: [
    [
      [1.2, 51.3],
      [1.5, 51.3],
      [1.5, 51.4],
      [1.2, 51.4],
      [1.2, 51.3],
    ],
  ],
}
const thanetWithoutRamsgate = {
  type: 'Polygon',
  coordinates: [
    ...thanet.coordinates,
    [
      [1.4, 51.32],
      [1.44, 51.32],
      [1.44, 51.35],
      [1.4, 51.35],
      [1.4, 51.32],
    ],
  ],
}

describe('distances and boxes', () => {
  it('measures Margate to Ramsgate as about 3.4 miles', () => {
    expect(milesBetween(margate, ramsgate)).toBeCloseTo(3.45, 1)
  })

  it('draws a box round a point that holds everything within the distance and not much more', () => {
    const box = boxAround(margate, 5)
    expect(box.south).toBeLessThan(margate.latitude)
    expect(box.north).toBeGreaterThan(margate.latitude)
    // a point 5 miles due east and due north are both inside
    expect(box.north - margate.latitude).toBeCloseTo(5 / 69.05, 5)
    const eastEdge = { latitude: margate.latitude, longitude: box.east }
    expect(milesBetween(margate, eastEdge)).toBeGreaterThanOrEqual(4.99)
    expect(milesBetween(margate, eastEdge)).toBeLessThan(5.2)
    expect(milesBetween(margate, ramsgate)).toBeLessThan(5)
    expect(ramsgate.latitude).toBeGreaterThan(box.south)
    expect(ramsgate.longitude).toBeLessThan(box.east)
  })

  it('keeps a box near a pole within the world', () => {
    const box = boxAround({ latitude: 89.99, longitude: 0 }, 25)
    expect(box.north).toBe(90)
    expect(box.west).toBe(-180)
    expect(box.east).toBe(180)
  })
})

describe('whether a hub covers a point', () => {
  it('finds Margate inside a polygon round Thanet and Canterbury outside it', () => {
    expect(pointInGeoJson(margate, thanet)).toBe(true)
    expect(pointInGeoJson(canterbury, thanet)).toBe(false)
  })

  it('leaves out a point inside a hole in the polygon', () => {
    expect(pointInGeoJson(ramsgate, thanetWithoutRamsgate)).toBe(false)
    expect(pointInGeoJson(margate, thanetWithoutRamsgate)).toBe(true)
  })

  it('reads multipolygons and GeoJSON text', () => {
    const farAway = [
      [
        [-2, 53],
        [-1.9, 53],
        [-1.9, 53.1],
        [-2, 53],
      ],
    ]
    const multi = JSON.stringify({ type: 'MultiPolygon', coordinates: [farAway, thanet.coordinates] })
    expect(pointInGeoJson(margate, multi)).toBe(true)
    expect(pointInGeoJson(canterbury, multi)).toBe(false)
  })

  it('treats broken or other shapes as covering nothing, without throwing', () => {
    expect(pointInGeoJson(margate, '{not json')).toBe(false)
    expect(pointInGeoJson(margate, { type: 'Point', coordinates: [1.38, 51.38] })).toBe(false)
    expect(pointInGeoJson(margate, { type: 'Polygon', coordinates: 'nonsense' })).toBe(false)
    expect(pointInGeoJson(margate, null)).toBe(false)
  })

  it('uses the radius round the centre when a hub has no boundary', () => {
    const hub = { ...margate, radiusMiles: 5, boundaryGeojson: null }
    expect(hubCovers(hub, ramsgate)).toBe(true)
    expect(hubCovers(hub, canterbury)).toBe(false)
  })

  it('lets the boundary win when a hub has both', () => {
    const hub = { ...margate, radiusMiles: 50, boundaryGeojson: JSON.stringify(thanet) }
    expect(hubCovers(hub, canterbury)).toBe(false)
    expect(hubCovers(hub, margate)).toBe(true)
  })
})

describe('point in polygon through Turf', () => {
  it('reads a MultiPolygon whose second part has a hole', () => {
    const farAway = [
      [
        [-2, 53],
        [-1.9, 53],
        [-1.9, 53.1],
        [-2, 53],
      ],
    ]
    const multi = { type: 'MultiPolygon', coordinates: [farAway, thanetWithoutRamsgate.coordinates] }
    expect(pointInGeoJson(margate, multi)).toBe(true)
    expect(pointInGeoJson(ramsgate, multi)).toBe(false)
    expect(pointInGeoJson({ latitude: 53.02, longitude: -1.95 }, multi)).toBe(true)
  })

  it('counts a point on the edge as inside', () => {
    expect(pointInGeoJson({ latitude: 51.3, longitude: 1.3 }, thanet)).toBe(true)
  })

  it('covers nothing with a ring that is not closed or too short', () => {
    const open = { type: 'Polygon', coordinates: [thanet.coordinates[0]!.slice(0, 4)] }
    expect(pointInGeoJson(margate, open)).toBe(false)
    const short = {
      type: 'Polygon',
      coordinates: [
        [
          [1.2, 51.3],
          [1.5, 51.4],
          [1.2, 51.3],
        ],
      ],
    }
    expect(pointInGeoJson(margate, short)).toBe(false)
  })
})
