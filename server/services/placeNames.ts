/**
 * Folds a place name to the form we search on, so that what people type matches the
 * gazetteer whatever its case, accents, punctuation or way of writing "Saint":
 *
 *   "St. Albans", "Saint Albans", "st albans"  -> "st albans"
 *   "Stoke-on-Trent"                            -> "stoke on trent"
 *   "King's Lynn", "Kings Lynn"                 -> "kings lynn"
 *   "Ynys Môn"                                  -> "ynys mon"
 *
 * Apostrophes are dropped rather than turned into spaces, because people often leave them
 * out ("Kings Lynn"); every other run of punctuation, hyphens and spaces becomes one space.
 * The same function fills gazetteer_places.search_name, so both sides always fold alike.
 */
export function normalisePlaceName(name: string): string {
  return (
    name
      .normalize('NFKD')
      // combining accents left by NFKD: "ô" becomes "o" + U+0302, which we drop
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/['\u2018\u2019\u02bc`]/g, '')
      .replace(/&/g, ' and ')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
      .split(' ')
      .map((word) => (word === 'saint' ? 'st' : word))
      .join(' ')
  )
}
