/**
 * Hostile input for property-based tests (fast-check): what a careless or unkind sender can put
 * in a query string or a form (huge text, every kind of unicode, a field sent twice, numbers
 * spelt oddly, keys like __proto__, percent-signs that decode to nothing), and the database's
 * row counts, to show that a refused form kept nothing.
 */
import fc from 'fast-check'
import type { Db } from '../../db/connection'

/**
 * The runs each property makes, and a fixed seed so a failure can be replayed: fast-check
 * prints the seed and the shrunk counterexample when a property fails. FC_SEED=… tries another.
 */
export const PROPERTY_RUNS = {
  numRuns: 30,
  seed: process.env.FC_SEED ? Number(process.env.FC_SEED) : 20261202,
  endOnFailure: true,
} as const

/** Keys that have broken parsers elsewhere: prototype pollution and inherited names. */
export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
]

/** Text a person could never mean, but a sender can send. */
export const oddText = fc.constantFrom(
  '',
  ' ',
  '\t\n',
  '0',
  '-1',
  '00',
  '1.5',
  '1e309',
  '-0',
  'NaN',
  'Infinity',
  '99999999999999999999999',
  '0x1F',
  'true',
  'null',
  'undefined',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '"',
  'NEAR(',
  'a* OR b',
  '\u0000',
  '\u202e',
  '🙂‍↔️',
  'ﬃ',
  'İ',
  '2026-02-30',
  '9999-99-99',
  '51.38, 1.38',
  '200,200',
  '1,2,3,4',
  'CT9 2',
  'thanet',
)

/** A value as a query string or a form carries it: any text, from odd to huge. */
export const aText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 4 },
  { arbitrary: oddText, weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 2 },
  { arbitrary: fc.integer().map(String), weight: 2 },
  { arbitrary: fc.double().map(String), weight: 1 },
  // Huge: more than any field allows, but within the app's 32kb body limit.
  {
    arbitrary: fc
      .tuple(fc.constantFrom('a', 'é', '🙂', ' ', '9'), fc.integer({ min: 500, max: 6000 }))
      .map(([c, n]) => c.repeat(n)),
    weight: 1,
  },
)

/** One field: its text, or the same field sent several times (an array where a string is expected). */
export const aFieldValue: fc.Arbitrary<string | string[]> = fc.oneof(
  { arbitrary: aText, weight: 5 },
  { arbitrary: fc.array(aText, { minLength: 2, maxLength: 4 }), weight: 1 },
)

/** Fields to send: mostly the form's own (`known`), some strangers and prototype keys. */
export function someFields(known: readonly string[]): fc.Arbitrary<[string, string | string[]][]> {
  const key = fc.oneof(
    { arbitrary: known.length > 0 ? fc.constantFrom(...known) : fc.constant('x'), weight: 6 },
    { arbitrary: fc.constantFrom(...PROTOTYPE_KEYS), weight: 1 },
    { arbitrary: fc.string({ maxLength: 12 }).filter((k) => k !== '_csrf'), weight: 1 },
  )
  return fc.array(fc.tuple(key, aFieldValue), { maxLength: Math.max(4, known.length + 2) })
}

/** Garbage a hand-typed address can carry: broken percent-escapes, brackets, bare & and =. */
const rawJunk = fc.constantFrom(
  '',
  '',
  '',
  '%',
  '%zz',
  '%E0%A4%A',
  '&&=&',
  '=x',
  'a[b]=c',
  'a[]=1&a[]=2',
  '+%2B+',
)

/** Fields written out as application/x-www-form-urlencoded (the same shape as a query string). */
export function encoded(fields: readonly [string, string | string[]][], junk = ''): string {
  const pairs: string[] = []
  for (const [key, value] of fields)
    for (const one of Array.isArray(value) ? value : [value])
      pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(one)}`)
  if (junk) pairs.push(junk)
  return pairs.join('&')
}

/** A query string (without the ?) for a page that reads `known` parameters. */
export function aQueryString(known: readonly string[]): fc.Arbitrary<string> {
  return fc.tuple(someFields(known), rawJunk).map(([fields, junk]) => encoded(fields, junk))
}

/** The names of a page's form fields, as its HTML has them (not the CSRF token). */
export function fieldNamesIn(html: string): string[] {
  const names = new Set<string>()
  for (const match of html.matchAll(/name="([^"]+)"/g))
    if (match[1] && match[1] !== '_csrf' && match[1] !== 'viewport') names.add(match[1])
  return [...names]
}

/**
 * Rows in every table but those that record the asking itself (sessions, the audit log): a
 * refused form must leave these exactly as they were.
 */
export function rowCounts(
  db: Db,
  leaveOut: readonly string[] = ['sessions', 'audit_log'],
): Record<string, number> {
  const tables = db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[]
  const counts: Record<string, number> = {}
  for (const table of tables) {
    if (leaveOut.includes(table)) continue
    counts[table] = db
      .prepare(`SELECT count(*) FROM "${table.replaceAll('"', '""')}"`)
      .pluck()
      .get() as number
  }
  return counts
}
