import {
  MOST_BOUNDARY_POINTS,
  SIMPLIFY_OVER_POINTS,
  checkBoundary,
} from '../../server/services/hubs/hubBoundary'
import { pointInGeoJson } from '../../server/services/geo'

const square = [
  [1.2, 51.3],
  [1.5, 51.3],
  [1.5, 51.4],
  [1.2, 51.4],
  [1.2, 51.3],
]
const hole = [
  [1.4, 51.32],
  [1.44, 51.32],
  [1.44, 51.35],
  [1.4, 51.35],
  [1.4, 51.32],
]

const messageOf = (value: unknown): string => {
  const result = checkBoundary(typeof value === 'string' ? value : JSON.stringify(value))
  if (result.kind !== 'problem') throw new Error('expected a problem')
  return result.message
}

/** A circle of `n` points round Margate, closed. */
function circle(n: number) {
  const ring = Array.from({ length: n }, (_, i) => {
    const angle = (2 * Math.PI * i) / n
    return [1.38 + 0.1 * Math.cos(angle), 51.38 + 0.06 * Math.sin(angle)]
  })
  ring.push(ring[0]!)
  return { type: 'Polygon', coordinates: [ring] }
}

describe('checking a pasted boundary', () => {
  it('takes a Polygon with a hole, a MultiPolygon and a Feature holding one', () => {
    const polygon = checkBoundary(JSON.stringify({ type: 'Polygon', coordinates: [square, hole] }))
    expect(polygon).toMatchObject({ kind: 'ok', points: 10, simplifiedFrom: null })
    const far = [
      [-2, 53],
      [-1.9, 53],
      [-1.9, 53.1],
      [-2, 53],
    ]
    expect(
      checkBoundary(JSON.stringify({ type: 'MultiPolygon', coordinates: [[square], [far]] })),
    ).toMatchObject({
      kind: 'ok',
      geometry: { type: 'MultiPolygon' },
    })
    const feature = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [square] } }
    expect(checkBoundary(JSON.stringify(feature))).toMatchObject({
      kind: 'ok',
      geometry: { type: 'Polygon' },
    })
  })

  it('says plainly when it is not JSON', () => {
    expect(messageOf('type: Polygon')).toBe(
      'The boundary is not GeoJSON. Paste the whole GeoJSON text, starting with { and ending with }',
    )
    expect(messageOf('[1, 2]')).toMatch(/^The boundary is not GeoJSON/)
  })

  it('names the wrong type', () => {
    expect(messageOf({ type: 'Point', coordinates: [1.38, 51.38] })).toBe(
      'The boundary must be a Polygon or MultiPolygon, but this is a Point',
    )
    expect(messageOf({ type: 'LineString', coordinates: square })).toMatch(/but this is a LineString$/)
  })

  it('says when a ring is not closed, or too short, or the coordinates are the wrong shape', () => {
    expect(messageOf({ type: 'Polygon', coordinates: [square.slice(0, 4)] })).toBe(
      "The boundary's outline is not closed. Its last point must be the same as its first",
    )
    expect(messageOf({ type: 'Polygon', coordinates: [square, hole.slice(0, 4)] })).toBe(
      "The boundary's hole 1 is not closed. Its last point must be the same as its first",
    )
    expect(
      messageOf({
        type: 'Polygon',
        coordinates: [
          [
            [1.2, 51.3],
            [1.5, 51.4],
            [1.2, 51.3],
          ],
        ],
      }),
    ).toMatch(/has too few points/)
    expect(messageOf({ type: 'Polygon', coordinates: [[['a', 'b']]] })).toMatch(/not in the right shape/)
    expect(messageOf({ type: 'MultiPolygon', coordinates: [[square], [square.slice(0, 4)]] })).toBe(
      "The boundary's outline (in part 2) is not closed. Its last point must be the same as its first",
    )
  })

  it('catches latitude and longitude the wrong way round when it puts a point off the map', () => {
    expect(
      messageOf({
        type: 'Polygon',
        coordinates: [
          [
            [51.3, 181],
            [51.3, 1.5],
            [51.4, 1.5],
            [51.3, 181],
          ],
        ],
      }),
    ).toMatch(/^The boundary has a point that is not on the map: \[51.3, 181\]/)
  })

  it('finds edges that cross (a bow tie), and says where', () => {
    const bowTie = [
      [1.2, 51.3],
      [1.5, 51.4],
      [1.5, 51.3],
      [1.2, 51.4],
      [1.2, 51.3],
    ]
    expect(messageOf({ type: 'Polygon', coordinates: [bowTie] })).toBe(
      'The boundary crosses over itself near longitude 1.35, latitude 51.35. Draw it so that no two edges cross',
    )
  })

  it('refuses a hole outside its outline', () => {
    const outside = hole.map(([lng, lat]) => [lng! + 1, lat!])
    expect(messageOf({ type: 'Polygon', coordinates: [square, outside] })).toMatch(/each hole must be inside/)
  })

  it('refuses too many points', () => {
    expect(messageOf(circle(MOST_BOUNDARY_POINTS + 10))).toMatch(
      /^The boundary has too many points \(20,011\)/,
    )
  })

  it('simplifies a detailed boundary to at most the limit, keeping its shape', () => {
    const result = checkBoundary(JSON.stringify(circle(5000)))
    if (result.kind !== 'ok') throw new Error(result.message)
    expect(result.simplifiedFrom).toBe(5001)
    expect(result.points).toBeLessThanOrEqual(SIMPLIFY_OVER_POINTS)
    expect(result.points).toBeGreaterThan(10)
    expect(pointInGeoJson({ latitude: 51.38, longitude: 1.38 }, result.geometry)).toBe(true)
    expect(pointInGeoJson({ latitude: 51.38, longitude: 1.6 }, result.geometry)).toBe(false)
  })
})
