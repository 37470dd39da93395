/**
 * Searches "never asked before": the nth request of a route gets its own query, so no answer
 * cache can help. Each address is worked out from n alone (the load runs in another process),
 * with every part (the words, the town or postcode district, the filters) changing from one
 * request to the next, and the same n always giving the same address, so two runs compare.
 */
import * as words from './words'

export type NeverAskedKind = 'text' | 'text near a place' | 'near a postcode district'

/** What the addresses are made from: towns and postcode districts in the generated data. */
export interface QueryPlaces {
  towns: readonly string[]
  districts: readonly string[]
}

const q = encodeURIComponent

/** Every phrase a person might type: the popular words, the tail and the tail with endings. */
export const PHRASES: readonly string[] = [
  ...words.POPULAR_WORDS,
  ...words.TAIL_WORDS,
  ...words.TAIL_WORDS.map((word, i) => `${word} ${words.TAIL_ENDINGS[i % words.TAIL_ENDINGS.length]}`),
]

/** Pairs of filters from different groups (two days at once would find nothing). */
const FILTER_PAIRS: readonly string[] = words.FILTERS.flatMap((first, i) =>
  words.FILTERS.slice(i + 1)
    .filter((second) => second.split('=')[0] !== first.split('=')[0])
    .map((second) => `${first}&${second}`),
)

/**
 * Splits n into digits of the given sizes (the first changes fastest), after scrambling it
 * so that neighbouring requests differ in every part, not only the first. The scramble is
 * one to one below the product of the sizes, so n below that product never repeats.
 */
export function digitsOf(n: number, sizes: readonly number[]): number[] {
  const total = sizes.reduce((product, size) => product * size, 1)
  // A multiplier with no factor in common with the total: its multiples of n go round every
  // number below the total once.
  let step = 7_919
  while (gcd(step, total) !== 1) step += 2
  let rest = Number((BigInt(n % total) * BigInt(step)) % BigInt(total))
  return sizes.map((size) => {
    const digit = rest % size
    rest = Math.floor(rest / size)
    return digit
  })
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b)
}

/** The nth never-asked address of a kind of search. */
export function neverAskedPath(kind: NeverAskedKind, places: QueryPlaces, n: number): string {
  const { towns, districts } = places
  if (towns.length === 0 || districts.length === 0)
    throw new Error('No towns or postcode districts to ask for')
  switch (kind) {
    case 'text': {
      // Words alone, or words with a filter, or words with a town's name ("lunch club leeds").
      const [phrase, town, filter] = digitsOf(n, [PHRASES.length, towns.length + 1, words.FILTERS.length + 1])
      const typedWords = PHRASES[phrase as number] ?? ''
      const typed = town === towns.length ? typedWords : `${typedWords} ${towns[town as number]}`
      const filtered = filter === words.FILTERS.length ? '' : `&${words.FILTERS[filter as number]}`
      return `/search?q=${q(typed)}${filtered}`
    }
    case 'text near a place': {
      const [phrase, town, filter, distance] = digitsOf(n, [
        PHRASES.length,
        towns.length,
        words.FILTERS.length + 1,
        words.DISTANCES.length + 1,
      ])
      const filtered = filter === words.FILTERS.length ? '' : `&${words.FILTERS[filter as number]}`
      const miles =
        distance === words.DISTANCES.length ? '' : `&distance=${words.DISTANCES[distance as number]}`
      return `/search?q=${q(PHRASES[phrase as number] ?? '')}&where=${q(towns[town as number] ?? '')}${filtered}${miles}`
    }
    case 'near a postcode district': {
      const [district, pair, distance] = digitsOf(n, [
        districts.length,
        FILTER_PAIRS.length,
        words.DISTANCES.length + 1,
      ])
      const miles =
        distance === words.DISTANCES.length ? '' : `&distance=${words.DISTANCES[distance as number]}`
      return `/search?where=${q(districts[district as number] ?? '')}&${FILTER_PAIRS[pair as number]}${miles}`
    }
  }
}

/** How many different addresses a kind of search has before they repeat. */
export function neverAskedCount(kind: NeverAskedKind, places: QueryPlaces): number {
  const filters = words.FILTERS.length + 1
  const distances = words.DISTANCES.length + 1
  switch (kind) {
    case 'text':
      return PHRASES.length * (places.towns.length + 1) * filters
    case 'text near a place':
      return PHRASES.length * places.towns.length * filters * distances
    case 'near a postcode district':
      return places.districts.length * FILTER_PAIRS.length * distances
  }
}
