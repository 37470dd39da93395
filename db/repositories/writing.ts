/** What the repositories' writes share. */
import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'

/** Where a listing (organisation, place or service) stands: only published ones are public. */
export type ListingStatus = 'draft' | 'pending' | 'published' | 'archived'

/** A write named a category or skill that is not on the list; nothing of that write is kept. */
export class UnknownTermError extends Error {
  constructor(
    readonly vocabulary: 'category' | 'skill',
    readonly code: string,
  ) {
    super(`There is no ${vocabulary} with the code "${code}"`)
  }
}

/** The same values once each, in their first order. */
export function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)]
}

/** The tables of listings. A closed list of fixed names, so they may be written into SQL. */
const LISTING_TABLES = ['organizations', 'locations', 'services'] as const
export type ListingTable = (typeof LISTING_TABLES)[number]

/**
 * What every listing's repository does the same way: publish or hold it back, record that
 * it was checked, delete it (the database takes its child rows with it). Each returns false
 * when there is no such listing.
 */
export class ListingLifecycle {
  private readonly statusOf: Statement<[{ id: number; status: ListingStatus }]>
  private readonly checkedOn: Statement<[{ id: number; date: string | null }]>
  private readonly remove: Statement<[number]>

  constructor(db: Db, table: ListingTable) {
    // An allow-listed identifier: `table` is one of LISTING_TABLES' three fixed names, checked
    // here as well as by its type, never anything a person typed.
    if (!LISTING_TABLES.includes(table)) throw new Error(`${String(table)} is not a table of listings`)
    this.statusOf = db.prepare(
      `UPDATE ${table} SET status = @status, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = @id`,
    )
    this.checkedOn = db.prepare(
      `UPDATE ${table} SET last_checked = COALESCE(@date, date('now')),
              updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
        WHERE id = @id`,
    )
    // `table` is allow-listed (LISTING_TABLES, checked above); the id is a placeholder.
    this.remove = db.prepare(`DELETE FROM ${table} WHERE id = ?`)
  }

  setStatus(id: number, status: ListingStatus): boolean {
    return this.statusOf.run({ id, status }).changes === 1
  }

  /** on `date` (YYYY-MM-DD), or today */
  markChecked(id: number, date?: string): boolean {
    return this.checkedOn.run({ id, date: date ?? null }).changes === 1
  }

  delete(id: number): boolean {
    return this.remove.run(id).changes === 1
  }
}

/**
 * Writes some of a listing's own columns, as a reviewed suggestion changes them: only the
 * columns named in `allowed` (fixed names in the repository's code, never anything typed),
 * each bound to a placeholder. One prepared statement per set of columns, kept.
 */
export class ListingDetails<Column extends string> {
  private readonly statements = new Map<string, Statement>()

  constructor(
    private readonly db: Db,
    private readonly table: ListingTable,
    private readonly allowed: readonly Column[],
  ) {
    if (!LISTING_TABLES.includes(table)) throw new Error(`${String(table)} is not a table of listings`)
  }

  /** Sets these columns of one listing; false when there is no such listing. */
  update(id: number, values: Partial<Record<Column, string | number | null>>): boolean {
    const columns = (Object.keys(values) as Column[]).filter((column) => this.allowed.includes(column)).sort()
    if (columns.length === 0) return false
    const key = columns.join(',')
    let statement = this.statements.get(key)
    if (!statement) {
      // allow-listed identifiers only, as ListingLifecycle's table
      const sets = columns.map((column) => `${column} = @${column}`).join(', ')
      statement = this.db.prepare(
        `UPDATE ${this.table} SET ${sets}, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = @id`,
      )
      this.statements.set(key, statement)
    }
    const bound: Record<string, string | number | null> = { id }
    for (const column of columns) bound[column] = values[column] ?? null
    return statement.run(bound).changes === 1
  }
}
