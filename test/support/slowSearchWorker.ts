/**
 * A search worker for tests: the app's own search (serve.ts), made slow on purpose through
 * the pool's one seam, the worker's script. Searching for STUCK first runs one SQLite
 * statement that takes seconds and cannot be interrupted, as a very heavy search at national
 * size would; searching for BROKEN fails, as a bug would. Everything else is the real search.
 *
 *   new SearchWorkerPool({ ..., entry: SLOW_SEARCH_WORKER })
 */
import { isMainThread } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { openSearchService, serveSearches } from '../../server/services/searchWorker/serve'

export const SLOW_SEARCH_WORKER = __filename
export const STUCK = 'stuck in one long statement'
export const BROKEN = 'broken on purpose'

/** About two seconds of SQLite counting on this machine: far past any search's limit. */
const LONG_STATEMENT = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6000000)
  SELECT count(*) FROM n`

// Tests import the names above; only the worker thread the pool starts serves searches.
if (!isMainThread) {
  serveSearches((data) => {
    const real = openSearchService(data)
    const db = new Database(data.databasePath, { readonly: true })
    const longStatement = db.prepare(LONG_STATEMENT).pluck()
    return {
      answerer: {
        search: (filters, location) => {
          if (filters.q === STUCK) longStatement.get()
          if (filters.q === BROKEN) throw new Error('A search that fails, for the test')
          return real.answerer.search(filters, location)
        },
        reach: (filters, point) => {
          if (filters.q === STUCK) longStatement.get()
          return real.answerer.reach(filters, point)
        },
      },
      close: () => {
        db.close()
        real.close()
      },
    }
  })
}
