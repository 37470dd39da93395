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
    this.remove = db.prepare(`DELETE FROM ${table} WHERE id = ?`) // allow-listed identifier, as above
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
