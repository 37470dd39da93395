export interface Point {
  latitude: number
  longitude: number
}

const EARTH_RADIUS_MILES = 3958.8

/** Straight-line ("as the crow flies") distance in miles, by the haversine formula. */
export function milesBetween(a: Point, b: Point): number {
  const toRadians = (degrees: number) => (degrees * Math.PI) / 180
  const dLat = toRadians(b.latitude - a.latitude)
  const dLon = toRadians(b.longitude - a.longitude)
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(a.latitude)) * Math.cos(toRadians(b.latitude)) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(h)))
}
