/**
 * Turning what a person typed into a safe SQLite FTS5 query. The person's text never
 * reaches MATCH as it is: it is cut into words of letters and digits (so quotes, stars,
 * brackets, colons, hyphens and words like NEAR or OR lose any meaning), common little words
 * are dropped, and each word is quoted. https://www.sqlite.org/fts5.html#full_text_query_syntax
 */

/** Words that say nothing about what someone wants; an AND query would need every one. */
const STOP_WORDS = new Set([
  'a',
  'about',
  'an',
  'and',
  'any',
  'anything',
  'are',
  'at',
  'by',
  'can',
  'do',
  'for',
  'from',
  'get',
  'i',
  'im',
  'in',
  'is',
  'it',
  'looking',
  'me',
  'my',
  'near',
  'need',
  'of',
  'on',
  'or',
  'our',
  'please',
  'some',
  'something',
  'the',
  'to',
  'want',
  'we',
  'where',
  'with',
  'would',
  'like',
  'you',
  'your',
])

/** At most this many words are searched for; the rest are ignored. */
export const MAX_WORDS = 8

/** Lower case, accents taken off (the index ignores them too). */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
}

/** The letters-and-digits runs in some text, folded, in order. Apostrophes split words as the index does. */
export function tokens(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '')
}

/** The words of a search worth looking for: no little words, no single letters, no repeats. */
export function searchWords(q: string): string[] {
  const words = tokens(q).filter((word) => (word.length > 1 || /\d/.test(word)) && !STOP_WORDS.has(word))
  return [...new Set(words)].slice(0, MAX_WORDS)
}

/** A rough singular, to compare words with a list's: "computers" -> "computer", "classes" -> "class". */
export function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`
  if (word.length > 4 && /(ss|sh|ch|x)es$/.test(word)) return word.slice(0, -2)
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1)
  return word
}

/** One quoted FTS5 string: a word, or a phrase of words. Empty when nothing is left. */
function quoted(text: string): string {
  const words = tokens(text)
  return words.length === 0 ? '' : `"${words.join(' ')}"`
}

/**
 * A word and the other words it should also find. Search passes none: a word widens only
 * through the categories' own words (taxonomy_term_synonyms, in the index's categories column),
 * never to a list of loosely related words.
 */
export interface WordWithSynonyms {
  word: string
  synonyms: string[]
}

/**
 * The FTS5 expression for some words: each word (or any of its synonyms) must match with
 * 'AND', or any one of them with 'OR'. The last word also matches as the start of a longer
 * word ("walk" finds "walking"), since people stop typing early. Null when there are no words.
 */
export function matchExpression(words: WordWithSynonyms[], join: 'AND' | 'OR' = 'AND'): string | null {
  const groups: string[] = []
  words.forEach(({ word, synonyms }, index) => {
    const main = quoted(word)
    if (main === '') return
    const terms = [main]
    if (index === words.length - 1 && word.length >= 2) terms.push(`${main}*`)
    for (const synonym of synonyms) {
      const term = quoted(synonym)
      if (term !== '' && !terms.includes(term)) terms.push(term)
    }
    groups.push(terms.length === 1 ? main : `(${terms.join(' OR ')})`)
  })
  return groups.length === 0 ? null : groups.join(` ${join} `)
}

/** Words that never pick out a skill on their own ("help with forms" is not about "help"). */
const WEAK_SKILL_WORDS = new Set([
  ...STOP_WORDS,
  'after',
  'help',
  'someone',
  'others',
  'things',
  'people',
  'local',
])

/**
 * Does a skill match the search's own words? Each word of the skill's name counts alone
 * ("Tablets and phones" matches "tablet"); a one-word synonym counts alone; a synonym of
 * several words ("dog walking") only when the search has those words together.
 */
export function skillMatches(skill: { name: string; synonyms: string[] }, searched: string[]): boolean {
  const searchedWords = searched.map(singular)
  const searchedText = ` ${searchedWords.join(' ')} `
  const single = new Set(
    tokens(skill.name)
      .filter((word) => word.length > 1 && !WEAK_SKILL_WORDS.has(word))
      .map(singular),
  )
  for (const synonym of skill.synonyms) {
    const words = tokens(synonym).map(singular)
    if (words.length === 1 && words[0] && !WEAK_SKILL_WORDS.has(words[0])) single.add(words[0])
    else if (words.length > 1 && searchedText.includes(` ${words.join(' ')} `)) return true
  }
  return searchedWords.some((word) => single.has(word))
}
