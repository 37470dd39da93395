import { v5 as nameBasedUuid } from 'uuid'

/**
 * Ids for the parts of a listing that Open Referral UK wants as records of their own but that
 * are not rows here, or whose rows are written again on every edit: a place's address and
 * access facts, a service's times, costs, contact and categories, and our list of categories
 * as a taxonomy. Each is a name-based UUID (version 5) made from the Open Referral id kept on
 * the listing (migrations/0041_open_referral_ids.sql) and what the part is, so it is the same
 * every time it is served and across edits, and never a row number.
 */

/** Common Ground's own namespace for these ids: a random UUID, chosen once. */
const NAMESPACE = '5f0c2a4e-8d3b-4b7a-9e61-2c7d1f9a0b38'

/** The id of a part of a listing: `partId(serviceId, 'cost')`, `partId(placeId, 'access', 'step-free')`. */
export function partId(owner: string, ...what: (string | number)[]): string {
  return nameBasedUuid([owner, ...what].join('/'), NAMESPACE)
}

/** Our list of categories (types of group and activity), the one taxonomy we publish. */
export const CATEGORIES_TAXONOMY_ID = partId('taxonomy', 'categories')
