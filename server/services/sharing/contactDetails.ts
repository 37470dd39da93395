/**
 * Contact details in free text (privacy rule 6, DESIGN.md): people get in touch through the
 * hub, so "in your own words", "what you would like to share" and "when you are free" may
 * not hold a phone number or an email address. The check is made when the words are saved
 * (SharingService) and the same check filters them when shown (PeopleService), so the two
 * always agree. Before looking, the text is normalised: full-width and other Unicode digits
 * become 0-9, and "[at]", "(dot)", " at ... dot com" spellings become @ and dots.
 */

export const CONTACT_DETAILS_MESSAGE =
  'Please leave out phone numbers and email addresses: people get in touch through the hub'

/** One thing in the text that looks like contact details: where it is in the original text. */
interface Found {
  start: number
  end: number
}

/** Any decimal digit of any script as 0-9 (Unicode keeps each script's digits as a run of ten from zero). */
function asciiDigit(char: string): string {
  const code = char.codePointAt(0) ?? 0
  let start = code
  while (start > code - 9 && /\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--
  return String((code - start) % 10)
}

/**
 * The text as the checks read it, character for character with the original where it can
 * be, and a map from each checked character back to where it came from in the original.
 */
function normalised(text: string): { chars: string[]; from: number[] } {
  const chars: string[] = []
  const from: number[] = []
  let index = 0
  for (const original of text) {
    for (const char of original.normalize('NFKC')) {
      const read = /\p{Nd}/u.test(char) ? asciiDigit(char) : char.toLowerCase()
      // One entry per UTF-16 unit, so positions in the joined text are positions in the lists.
      for (let unit = 0; unit < read.length; unit++) {
        chars.push(read[unit] as string)
        from.push(index)
      }
    }
    index += original.length
  }
  return { chars, from }
}

/** The spellings of "@" and "." people use to hide an address from robots, as regular expressions. */
const BRACKETED_AT = /\s*[[({<]\s*(?:at|@)\s*[\])}>]\s*/g
const BRACKETED_DOT = /\s*[[({<]\s*(?:dot|\.)\s*[\])}>]\s*/g
const SPOKEN_DOT = /(?<=[a-z0-9])\s+dot\s+(?=[a-z0-9])/g
const SPACED_AT = /(?<=[a-z0-9._%+-])\s*@\s*(?=[a-z0-9])/g
/** "pauline at example.com": " at " only when a domain name with a dot follows. */
const SPOKEN_AT = /(?<=[a-z0-9._%+-])\s+at\s+(?=[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b)/g
const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*/g

/** Digits with the separators people put between them: spaces, dots, dashes, slashes, brackets, a plus. */
const NUMBER_RUN = /[+(]?[0-9](?:[\s.\-/()[\]]*[0-9])*/g

/**
 * Replaces every match of `pattern` in the checked text, keeping the map back to the original:
 * a replacement takes the place of the first character matched.
 */
function replaceKeepingMap(
  text: { chars: string[]; from: number[] },
  pattern: RegExp,
  by: string,
): { chars: string[]; from: number[] } {
  const joined = text.chars.join('')
  const chars: string[] = []
  const from: number[] = []
  let last = 0
  for (const match of joined.matchAll(pattern)) {
    const at = match.index ?? 0
    for (let i = last; i < at; i++) {
      chars.push(text.chars[i] as string)
      from.push(text.from[i] as number)
    }
    for (const char of by) {
      chars.push(char)
      from.push(text.from[at] as number)
    }
    last = at + match[0].length
  }
  for (let i = last; i < text.chars.length; i++) {
    chars.push(text.chars[i] as string)
    from.push(text.from[i] as number)
  }
  return { chars, from }
}

/** Whether the digits of a run (and how it was written) look like a UK or international phone number. */
function looksLikePhone(run: string, digits: string): boolean {
  if (digits.length < 10) return false
  if (digits.length >= 14) return true
  if (digits.startsWith('0')) return true
  if (run.trimStart().startsWith('+')) return true
  if (digits.startsWith('44') && digits.length >= 11) return true
  if (digits.startsWith('7') && digits.length <= 11) return true
  // Ten or more digits written together are not a year, a time or an amount.
  return /^[0-9]+$/.test(run.trim())
}

/** Where the text holds something like a phone number or an email address, in the original text. */
function findContactDetails(text: string): Found[] {
  let checked = normalised(text)
  for (const [pattern, by] of [
    [BRACKETED_AT, '@'],
    [BRACKETED_DOT, '.'],
    [SPOKEN_DOT, '.'],
    [SPACED_AT, '@'],
    [SPOKEN_AT, '@'],
  ] as const) {
    checked = replaceKeepingMap(checked, pattern, by)
  }
  const joined = checked.chars.join('')
  const endOf = (i: number) => {
    const start = checked.from[i] as number
    const next = checked.from.find((at) => at > start)
    return next ?? text.length
  }
  const found: Found[] = []
  for (const match of joined.matchAll(EMAIL)) {
    const at = match.index ?? 0
    found.push({ start: checked.from[at] as number, end: endOf(at + match[0].length - 1) })
  }
  for (const match of joined.matchAll(NUMBER_RUN)) {
    const digits = match[0].replace(/[^0-9]/g, '')
    if (!looksLikePhone(match[0], digits)) continue
    const at = match.index ?? 0
    found.push({ start: checked.from[at] as number, end: endOf(at + match[0].length - 1) })
  }
  return found.sort((a, b) => a.start - b.start)
}

/** Whether the text holds something like a phone number or an email address. */
export function holdsContactDetails(text: string): boolean {
  return findContactDetails(text).length > 0
}

/** The plain reason to show when the text holds contact details, else null. */
export function contactDetailsProblem(text: string): string | null {
  return holdsContactDetails(text) ? CONTACT_DETAILS_MESSAGE : null
}

/** The text with anything like a phone number or email address replaced by `instead`. */
export function withContactDetailsReplaced(text: string, instead: string): string {
  const found = findContactDetails(text)
  if (found.length === 0) return text
  let result = ''
  let last = 0
  for (const { start, end } of found) {
    if (start < last) {
      last = Math.max(last, end)
      continue
    }
    result += text.slice(last, start) + instead
    last = end
  }
  return result + text.slice(last)
}
