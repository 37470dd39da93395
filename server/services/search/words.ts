/** The words of a search: as typed, as a match expression's words, and the categories they name. */
import type { TermRow } from '../../../db/repositories/searchRepository'
import { searchWords, singular, tokens, type WordWithSynonyms } from '../searchWords'

/** The words searched for: each as typed (synonyms come only through the categories' own words). */
export function wordsOf(q: string): WordWithSynonyms[] {
  return searchWords(q).map((word) => ({ word, synonyms: [] }))
}

/** The words of a match expression, and whether each is also matched as the start of a longer word. */
export function matchWords(match: string): { word: string; prefix: boolean }[] {
  return [...match.matchAll(/"([^"]+)"(\*)?/g)].map((found) => ({
    word: found[1] ?? '',
    prefix: found[2] === '*',
  }))
}

/**
 * The codes of the categories whose own names hold a word of the match expression ("lunch" is
 * in "Lunch clubs and meals"); the last word also as the start of a longer one.
 */
export function categoriesNamed(match: string, terms: TermRow[]): string[] {
  const searched = matchWords(match)
  return terms
    .filter((term) => {
      const named = tokens(term.name).map(singular)
      return searched.some(
        ({ word, prefix }) =>
          named.includes(singular(word)) ||
          (prefix && word.length >= 3 && named.some((name) => name.startsWith(word))),
      )
    })
    .map((term) => term.code)
}
