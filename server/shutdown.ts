/**
 * Stopping when asked (SIGTERM from a service manager or `docker stop`, SIGINT from Ctrl-C)
 * without cutting anyone off or leaving work in the WAL: stop listening at once, so new
 * connections are refused and the service manager's next app (or the old one restarted) takes
 * them; let the requests in flight finish, for SHUTDOWN_GRACE_MS at most; then stop the timers
 * and the search workers, move the WAL into the database file and close it.
 */
import type { Server } from 'node:http'
import type { Db } from '../db/connection'
import type { Logger } from './logger'

export interface RunningParts {
  server: Server
  /** how long requests in flight may take to finish before their connections are closed */
  graceMs: number
  /** stops the housekeeping timer */
  stopJobs: () => void
  /** the search workers, each with its own connection to the database file */
  searches: { close(): Promise<void> }
  db: Db
  logger: Logger
}

/** Connections whose request has finished are closed this often while stopping (keep-alive ones included). */
const IDLE_SWEEP_MS = 100

/** Resolves once the database is closed: the caller exits. */
export async function shutDown({
  server,
  graceMs,
  stopJobs,
  searches,
  db,
  logger,
}: RunningParts): Promise<void> {
  // Anything still asked on a kept-alive connection is answered, then that connection closes.
  server.prependListener('request', (_request, response) => response.setHeader('Connection', 'close'))
  // close() stops listening now and calls back once every connection has ended.
  const ended = new Promise<void>((resolve) => server.close(() => resolve()))
  // A kept-alive connection waiting for its next request would hold the server open: close
  // each as soon as it is idle, and every one once the grace time is up.
  server.closeIdleConnections()
  const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS)
  const grace = setTimeout(() => {
    logger.warn(`Requests still unfinished after ${graceMs} ms were cut off`)
    server.closeAllConnections()
  }, graceMs)
  await ended
  clearInterval(sweep)
  clearTimeout(grace)

  stopJobs()
  await searches.close()
  // TRUNCATE writes every page of the WAL into the database file and empties the WAL, so the
  // file alone holds everything (a copy of it, or Litestream's next start, needs nothing else).
  const [checkpoint] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; checkpointed: number }[]
  if (checkpoint?.busy)
    logger.warn('The WAL could not be checkpointed; SQLite will do it when the app next starts')
  db.close()
  logger.info('Stopped: every request answered and the database closed')
}
