import { addresses } from '../addresses'
import type { LinkView } from './links'

/**
 * "Directions to Trinity Hall (OpenStreetMap)": a plain link in the same tab to OpenStreetMap's
 * directions, which asks where from. Its words say where it goes, so no icon is needed.
 */
export const directionsLink = (name: string, point: { latitude: number; longitude: number }): LinkView => ({
  href: addresses.directions(point),
  text: `Directions to ${name} (OpenStreetMap)`,
})
