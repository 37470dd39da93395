/**
 * How far a search with a place reaches: the radius, widened through 10, 25 and 50 miles only
 * when nothing is closer, and the growing circles nearest-first looks in.
 */

/** The steps a search with a place widens through, after the setting's radius, when nothing is closer. */
export const WIDER_STEPS_MILES = [10, 25, 50]
/** The default radius, when SearchService is built without one (config: SEARCH_RADIUS_MILES). */
export const DEFAULT_RADIUS_MILES = 10
/** Nearest first without words looks first within this many miles, then twice as far, and so on. */
export const FIRST_CIRCLE_MILES = 2

/**
 * How far a search with a place reaches. Without a distance chosen, the list holds what is
 * within the radius (SEARCH_RADIUS_MILES), or, only when nothing is, within the first of
 * 10, 25 and 50 miles that holds something; beyond 50 miles nothing is shown.
 */
export interface NearDecision {
  /** nothing further than this is in the list */
  miles: number
  /** the person chose this distance (it is never widened) */
  chosen: boolean
  /** "Nothing within 10 miles": the step before `miles`, when the list was widened */
  nothingWithin: number | null
  /**
   * The radius a search with words would have used, when the place is so crowded that the
   * list was kept to fewer miles (CROWDED_PLACES): null when it was not.
   */
  narrowedFrom: number | null
}

/**
 * A search with words near a place reads every place within reach: in a crowded city that is
 * tens of thousands (75,000 service-at-place rows within 10 miles of a London suburb at
 * 1,000,000 services, taking up to a third of a second). So where more than this many places
 * are within the radius, the list keeps to the widest of NARROWER_MILES that holds fewer.
 */
export const CROWDED_PLACES = 5000
/** The smaller reaches a search with words keeps to in a crowded place, widest first. */
export const NARROWER_MILES = [5, 3, 2, 1]

/** Service-at-place rows near a point: each one's service id and exact distance, side by side. */
export interface PlacesNear {
  ids: Int32Array
  miles: Float64Array
  /** each one's service's categories, as bits (service_points.category_mask, migrations/0016) */
  categories: Float64Array
}

/** The radius, then the wider steps beyond it: 10, 25, 50 miles. */
export function radiusSteps(radiusMiles: number): number[] {
  return [radiusMiles, ...WIDER_STEPS_MILES.filter((miles) => miles > radiusMiles)]
}
