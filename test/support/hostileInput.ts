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
 * prints the seed and the shrunk counterexample when a property fails. FC_SEED=… tries another
 * seed, FC_RUNS=… more runs (25 keeps the three files well under a minute on two cores).
 */
export const PROPERTY_RUNS = {
  numRuns: process.env.FC_RUNS ? Number(process.env.FC_RUNS) : 25,
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
      .tuple(fc.constantFrom('a', 'é', '🙂', ' ', '9'), fc.integer({ min: 300, max: 2500 }))
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

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#x27': "'",
  '#39': "'",
  '#x3D': '=',
  '#x60': '`',
}
const unescapeHtml = (text: string): string =>
  text.replace(/&(#?\w+);/g, (whole, name: string) => ENTITIES[name] ?? whole)

/**
 * What a page's form would send as it stands: each field's value as the page fills it in (a
 * ticked box or chosen radio first, else the first offered), so a mutation of it reaches the
 * checks past the form's shape.
 */
export function formAsShown(html: string): Record<string, string> {
  const shown: Record<string, string> = {}
  const chosen = new Set<string>()
  for (const match of html.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
    const attributes = match[2] ?? ''
    const name = /\bname="([^"]+)"/.exec(attributes)?.[1]
    if (!name || name === '_csrf') continue
    const type = /\btype="([^"]+)"/.exec(attributes)?.[1] ?? ''
    if (['submit', 'button', 'file'].includes(type)) continue
    let value = /\bvalue="([^"]*)"/.exec(attributes)?.[1] ?? ''
    if (match[1] === 'textarea')
      value = /^([^<]*)<\/textarea>/.exec(html.slice((match.index ?? 0) + match[0].length))?.[1] ?? ''
    if (match[1] === 'select')
      value = /<option[^>]*value="([^"]*)"/.exec(html.slice(match.index ?? 0))?.[1] ?? ''
    const checked = /\bchecked\b/.test(attributes) || /\bselected\b/.test(attributes)
    if (chosen.has(name)) continue
    if (!(name in shown) || checked) shown[name] = unescapeHtml(value.trim())
    if (checked) chosen.add(name)
  }
  return shown
}

/**
 * A form as shown with some of its fields changed into hostile ones, some left out, and
 * sometimes a stranger added: most runs get past the form's shape to what lies behind it.
 */
export function aChangedForm(
  shown: Record<string, string>,
  known: readonly string[],
): fc.Arbitrary<[string, string | string[]][]> {
  const names = [...new Set([...Object.keys(shown), ...known])]
  const change = fc.oneof(
    { arbitrary: fc.constant<'keep'>('keep'), weight: 3 },
    { arbitrary: fc.constant<'drop'>('drop'), weight: 1 },
    { arbitrary: aFieldValue, weight: 2 },
  )
  return fc
    .tuple(
      fc.array(change, { minLength: names.length, maxLength: names.length }),
      fc.option(someFields([]), { freq: 4 }),
    )
    .map(([changes, strangers]) => {
      const fields: [string, string | string[]][] = []
      names.forEach((name, i) => {
        const what = changes[i]
        if (what === 'drop') return
        if (what === 'keep') {
          if (name in shown) fields.push([name, shown[name] ?? ''])
          return
        }
        if (what !== undefined) fields.push([name, what])
      })
      return [...fields, ...(strangers ?? [])]
    })
}

/** The part of a page that is the form sent to `to` (its action), or the whole page if none says so. */
export function formSentTo(html: string, to: string): string {
  const path = to.split('?')[0]
  for (const match of html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)) {
    const action = /\baction="([^"]*)"/.exec(match[0].slice(0, match[0].indexOf('>') + 1))?.[1]
    if (action !== undefined && unescapeHtml(action).split('?')[0] === path) return match[0]
  }
  return html
}

/** The names of a page's form fields, as its HTML has them (not the CSRF token). */
export function fieldNamesIn(html: string): string[] {
  const names = new Set<string>()
  for (const match of html.matchAll(/name="([^"]+)"/g))
    if (match[1] && match[1] !== '_csrf' && match[1] !== 'viewport') names.add(match[1])
  return [...names]
}

/** Tables that record the asking itself, not what was asked: a refused form may write these. */
export const RECORDS_OF_ASKING = ['sessions', 'audit_log']

/**
 * Every write (insert, update or delete) to the database's own tables from now on, counted by
 * table through temporary triggers (they live on this connection only; the schema is not
 * changed). Virtual tables and their shadow tables are left out: their rows follow the tables
 * they index, which are watched.
 */
export function watchWrites(
  db: Db,
  leaveOut: readonly string[] = RECORDS_OF_ASKING,
): { take(): Record<string, number> } {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS watched_writes (name TEXT PRIMARY KEY, writes INTEGER NOT NULL)')
  const tables = db
    .prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
    .all() as { name: string; sql: string }[]
  const virtual = tables.filter((table) => /^CREATE VIRTUAL/i.test(table.sql)).map((table) => table.name)
  const watched = tables
    .map((table) => table.name)
    .filter(
      (name) => !virtual.some((v) => name === v || name.startsWith(`${v}_`)) && !leaveOut.includes(name),
    )
  for (const name of watched)
    for (const operation of ['INSERT', 'UPDATE', 'DELETE'])
      db.exec(
        `CREATE TEMP TRIGGER IF NOT EXISTS "watch_${name}_${operation}" AFTER ${operation} ON main."${name}" BEGIN
           INSERT INTO watched_writes (name, writes) VALUES ('${name}', 1)
             ON CONFLICT (name) DO UPDATE SET writes = writes + 1;
         END`,
      )
  return {
    /** the writes since the last take, by table, and starts counting again */
    take() {
      const rows = db.prepare('SELECT name, writes FROM temp.watched_writes').all() as {
        name: string
        writes: number
      }[]
      db.exec('DELETE FROM temp.watched_writes')
      return Object.fromEntries(rows.map((row) => [row.name, row.writes]))
    },
  }
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
