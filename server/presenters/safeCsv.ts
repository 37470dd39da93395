import { stringify } from 'csv-stringify/sync'

/**
 * A CSV file that is safe to open in a spreadsheet: csv-stringify quotes and escapes each
 * field, and a text cell that starts with = + - @ (or a tab or carriage return) gets a ' in
 * front, so a spreadsheet shows it as text and never runs it as a formula
 * (https://owasp.org/www-community/attacks/CSV_Injection). Numbers are left as numbers.
 */
export function safeCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return stringify([header.map(safeCell), ...rows.map((row) => row.map(safeCell))], {
    // Lines end with CR LF (RFC 4180); a field holding a line break of either kind is quoted.
    record_delimiter: 'windows',
    quoted_match: /[\r\n]/,
  })
}

const FORMULA_START = /^[=+\-@\t\r]/

/** A cell as it should be written: text that a spreadsheet would take for a formula gets a ' first. */
export function safeCell(value: string | number): string | number {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value
}
