/**
 * Searches, as the routes ask for them: one async interface, whichever way they run. With a
 * database file, in worker threads (pool.ts), each with its own read-only connection, so a
 * heavy search never holds up /health or another page, and one that takes longer than
 * SEARCH_TIME_LIMIT_MS says "Try fewer words or a smaller area". With an in-memory database
 * (tests), or the limit set to 0, on the main thread as SearchService always ran.
 */
import type { Config } from '../../config'
import type { Point } from '../geo'
import type { LocationResult } from '../locationService'
import type { NearDecision, SearchOutcome } from '../searchService'
import type { SearchFilters } from '../../validation/searchQuery'
import { SearchWorkerPool } from './pool'
import { answer, BUSY, TOO_BIG, type Busy, type SearchAnswerer, type TooBig } from './protocol'

export { BUSY, TOO_BIG, type Busy, type TooBig } from './protocol'
export { SearchWorkerPool, type SearchWorkerPoolOptions } from './pool'

export interface Searches {
  /**
   * The page of results for the filters; 'too-big' when the search needed more time or work
   * than it may have; 'busy' when it waited too long behind other searches to be answered in time.
   */
  search(filters: SearchFilters, location: LocationResult | null): Promise<SearchOutcome | TooBig | Busy>
  /** How far a search near `point` reaches (the distance chosen, or the radius it widened to), or 'too-big' or 'busy'. */
  reach(filters: SearchFilters, point: Point): Promise<NearDecision | TooBig | Busy>
  /** Lets go of the workers (nothing to do on the main thread). */
  close(): Promise<void>
}

/** Searches on the main thread: stopped only by SearchService's own work budget. */
export function searchesInProcess(search: SearchAnswerer): Searches {
  return {
    search: async (filters, location) =>
      answer(search, { kind: 'search', filters, location }) as SearchOutcome | TooBig,
    reach: async (filters, point) => answer(search, { kind: 'reach', filters, point }) as NearDecision,
    close: async () => {},
  }
}

/**
 * The searches the app runs with: in workers over the database file (ready once each has
 * opened its connection), or `inProcess` when the database is in memory or the limit is 0.
 */
export async function startSearches(
  config: Config,
  inProcess: Searches,
  options: { onProblem?: (message: string) => void } = {},
): Promise<Searches> {
  if (config.databasePath === ':memory:' || config.searchTimeLimitMs === 0) return inProcess
  const pool = new SearchWorkerPool({
    databasePath: config.databasePath,
    config,
    limitMs: config.searchTimeLimitMs,
    onProblem: options.onProblem,
  })
  try {
    await pool.ready()
  } catch (error) {
    await pool.close()
    throw error
  }
  return pool
}

/** Whether an answer is the "Try fewer words or a smaller area" one. */
export function isTooBig<T>(answer: T | TooBig | Busy): answer is TooBig {
  return answer === TOO_BIG
}

/** Whether an answer is the "Lots of people are searching" one. */
export function isBusy<T>(answer: T | TooBig | Busy): answer is Busy {
  return answer === BUSY
}
