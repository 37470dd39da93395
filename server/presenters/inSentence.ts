/**
 * A name from one of our lists (a skill, a kind of group) as a word inside a sentence: "help
 * with a listening ear", not "help with A listening ear". The lists write their names as
 * labels, with a capital; inside a sentence only proper nouns and acronyms keep theirs.
 */

/**
 * Words that keep their capital wherever they are: languages, peoples, products and
 * services people name. Acronyms ("NHS", "GP") and words with a capital inside ("WhatsApp",
 * "YouTube") are kept without being listed.
 */
const PROPER_NOUNS = new Set(
  [
    'English',
    'Welsh',
    'Scottish',
    'Irish',
    'British',
    'Gaelic',
    'Punjabi',
    'Urdu',
    'Bengali',
    'Polish',
    'Gujarati',
    'Hindi',
    'Arabic',
    'Somali',
    'Cantonese',
    'Mandarin',
    'Chinese',
    'French',
    'German',
    'Spanish',
    'Italian',
    'Portuguese',
    'Zoom',
    'Skype',
    'Facebook',
    'Google',
    'Android',
    'Apple',
    'Microsoft',
    'Windows',
    'Excel',
    'Christmas',
    'Easter',
    'Bible',
  ].map((word) => word.toLowerCase()),
)

/** True when a word keeps its capital in a sentence: an acronym, a proper noun, or "WhatsApp". */
function keepsItsCapital(word: string): boolean {
  const letters = word.replace(/[^A-Za-z]/g, '')
  if (letters.length === 0) return true
  if (letters.length > 1 && letters === letters.toUpperCase()) return true
  if (/[a-z][A-Z]/.test(letters)) return true
  return PROPER_NOUNS.has(letters.toLowerCase())
}

/** "A listening ear" -> "a listening ear"; "NHS help" and "English conversation" stay as they are. */
export function inSentence(name: string): string {
  const trimmed = name.trim()
  const firstWord = trimmed.split(/\s+/)[0] ?? ''
  if (keepsItsCapital(firstWord)) return trimmed
  return trimmed.charAt(0).toLowerCase() + trimmed.slice(1)
}

/** Several names in one sentence: "a listening ear, gardening and NHS forms". */
export function listInSentence(names: string[]): string {
  const words = names.map(inSentence)
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] ?? ''}`
}
