import type { Logger } from '../logger'
import type { Services } from '../services'
import { SWEEP_BATCH } from '../services/introductions/introductionService'
import type { PurgeReport } from '../services/retention/retentionService'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * One run of the daily housekeeping: asks not answered by their day go back to their hub's
 * queue (issue 11; reading a queue or an introduction does this too, so it is right between
 * runs), then the retention purge (issue 13, RetentionService): every kind of data past its
 * period, in bounded batches that let pages be answered in between, then a WAL checkpoint.
 */
export async function runHousekeeping(services: Services, logger: Logger): Promise<PurgeReport> {
  const unanswered = services.introductions.sweepUnanswered(SWEEP_BATCH)
  if (unanswered > 0) logger.info({ unanswered }, 'Sent unanswered introductions back to the queue')
  const report = await services.retention.purge()
  const removed = Object.fromEntries(Object.entries(report.removed).filter(([, count]) => count > 0))
  if (Object.keys(removed).length > 0) logger.info({ removed }, 'Purged data past its retention period')
  if (report.unfinished.length > 0)
    logger.info({ unfinished: report.unfinished }, 'More is past its period: the next run goes on')
  for (const { kind, reason } of report.failed) logger.error({ kind, reason }, 'Could not purge')
  if (!report.checkpointed)
    logger.warn('The write-ahead log could not be emptied (a reader was busy); the next run tries again')
  return report
}

/**
 * Daily housekeeping, started by server/index.ts (never by a route): runs once at start and
 * then once a day; returns how to stop it. A run that fails is logged, and the next day's
 * tries again.
 */
export function startHousekeeping(services: Services, logger: Logger): () => void {
  const run = () => {
    runHousekeeping(services, logger).catch((error: unknown) =>
      logger.error({ err: error }, 'Housekeeping failed; it runs again tomorrow'),
    )
  }
  run()
  const timer = setInterval(run, DAY_MS)
  timer.unref()
  return () => clearInterval(timer)
}
