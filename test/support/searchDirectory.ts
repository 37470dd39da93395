/**
 * A directory big enough to show whether search grows with the data: the benchmark's own
 * generator (bench/generate.ts, every write through the repositories), at a size the suite
 * can afford, and a way to count the rows search reads out of SQLite.
 */
import { generateDataset } from '../../bench/generate'
import type { Db } from '../../db/connection'
import type { SearchRepository } from '../../db/repositories/searchRepository'
import { aDatabase } from './testApp'

/** A migrated in-memory database holding `size` generated services (a few seconds for 20,000). */
export function aSearchDirectory(size = 20_000): Db {
  const db = aDatabase()
  generateDataset(db, { size })
  return db
}

export interface CountingRepository {
  repository: SearchRepository
  /** every row handed back since the last reset: list items, rows read one at a time, single rows */
  rowsRead(): number
  reset(): void
}

/** The search repository, counting every row it hands back to the search service. */
export function countingRows(repository: SearchRepository): CountingRepository {
  let rows = 0
  const counted = (value: unknown): unknown => {
    if (Array.isArray(value)) rows += value.length
    else if (value instanceof Map || value instanceof Set) rows += value.size
    else if (isIterator(value)) return countEach(value)
    else rows += 1
    return value
  }
  function* countEach(iterator: IterableIterator<unknown>): IterableIterator<unknown> {
    for (const row of iterator) {
      rows += 1
      yield row
    }
  }
  const proxy = new Proxy(repository, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => counted((value as (...a: unknown[]) => unknown).apply(target, args))
    },
  })
  return {
    repository: proxy,
    rowsRead: () => rows,
    reset: () => {
      rows = 0
    },
  }
}

function isIterator(value: unknown): value is IterableIterator<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { next?: unknown }).next === 'function' &&
    Symbol.iterator in value
  )
}
