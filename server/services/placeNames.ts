import { distance } from 'fastest-levenshtein'

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

/** A place name as SimilarPlaceNames needs it: as written, folded, and how many live there. */
export interface NamedPlace {
  name: string
  searchName: string
  /** 0 when not known */
  population: number
}

/** At most this many names are offered for one misspelling. */
export const MAX_SUGGESTIONS = 3

/** Names this short or shorter (in letters, once folded) are let off one wrong letter; longer ones two. */
export const SHORT_NAME_LETTERS = 5

/** What was typed counts as the start of a longer name from this many letters ("Middlesbro"). */
export const NAME_START_LETTERS = 6

/**
 * How many letters may be wrong (added, left out or changed) for a name to be offered: 1 for
 * names of up to 5 letters ("Crwe", "Lees") and 2 for longer ones ("Scarborugh",
 * "Nantwhich"). Two wrong letters in a short name would offer most other short names.
 */
export function allowedEdits(folded: string): number {
  return letterCount(folded) <= SHORT_NAME_LETTERS ? 1 : 2
}

/**
 * Names that look like one a person mistyped: "Margat" -> Margate, "Shefield" -> Sheffield,
 * "Bognor" -> Bognor Regis, "Middlesbro" -> Middlesbrough. Only the closest are offered (the fewest wrong letters; a name
 * whose first words were typed counts as one), largest first, so a large town comes before a
 * hamlet and a name one letter out is not followed by others two letters out. One name per
 * spelling, however many places share it: "Newport" then asks which one.
 *
 * The names are loaded once, the first time they are needed (they do not change while the
 * app runs), so a suggestion reads no rows and takes about a millisecond: fastest-levenshtein
 * compares the typed name with each name of a similar length.
 */
export class SimilarPlaceNames {
  private names: NamedPlace[] | undefined

  constructor(private readonly load: () => NamedPlace[]) {}

  similarTo(typed: string, limit = MAX_SUGGESTIONS): NamedPlace[] {
    const folded = normalisePlaceName(typed)
    if (letterCount(folded) < 3) return []
    const allowed = allowedEdits(folded)
    const near: { place: NamedPlace; edits: number }[] = []
    for (const place of this.all()) {
      const edits = editsBetween(folded, place.searchName, allowed)
      if (edits !== undefined) near.push({ place, edits })
    }
    const fewest = Math.min(...near.map(({ edits }) => edits))
    return near
      .filter(({ edits }) => edits === fewest)
      .map(({ place }) => place)
      .sort((a, b) => b.population - a.population || a.name.localeCompare(b.name, 'en-GB'))
      .slice(0, limit)
  }

  /** One entry per folded name (the largest place of that name), loaded on first use. */
  private all(): NamedPlace[] {
    if (this.names) return this.names
    const largest = new Map<string, NamedPlace>()
    for (const place of this.load()) {
      const known = largest.get(place.searchName)
      if (!known || place.population > known.population) largest.set(place.searchName, { ...place })
    }
    const names = [...largest.values()]
    // An empty gazetteer (a test, or the moment before the first start has filled it) is not kept.
    if (names.length > 0) this.names = names
    return names
  }
}

/** How far a folded name is from what was typed, when it is near enough to offer; else undefined. */
function editsBetween(typed: string, name: string, allowed: number): number | undefined {
  if (name === typed) return undefined
  // The first words of a name ("Bognor" for Bognor Regis), or the start of a long one
  // ("Middlesbro", "Scarbor"): as near as one wrong letter.
  if (name.startsWith(`${typed} `) || (typed.length >= NAME_START_LETTERS && name.startsWith(typed))) return 1
  if (Math.abs(name.length - typed.length) > allowed) return undefined
  let edits = distance(typed, name)
  // Levenshtein counts two neighbouring letters typed the wrong way round ("Cerwe") as two
  // changes; it is one slip of the fingers, so it counts as one.
  if (edits === 2 && isOneSwap(typed, name)) edits = 1
  return edits > 0 && edits <= allowed ? edits : undefined
}

/** True when `b` is `a` with two neighbouring letters swapped: "cerwe" and "crewe". */
function isOneSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  const first = [...a].findIndex((letter, i) => letter !== b[i])
  return (
    first >= 0 &&
    a[first] === b[first + 1] &&
    a[first + 1] === b[first] &&
    a.slice(first + 2) === b.slice(first + 2)
  )
}

function letterCount(folded: string): number {
  return folded.replace(/ /g, '').length
}
