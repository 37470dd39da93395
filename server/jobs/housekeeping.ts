import type { Logger } from '../logger'
import type { Services } from '../services'
import { ANONYMISE_BATCH, SWEEP_BATCH } from '../services/introductions/introductionService'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Daily housekeeping, started by server/index.ts (never by a route): sweeps sessions that
 * have expired, and prunes audit entries older than AUDIT_RETENTION_DAYS, the only delete the
 * audit log allows. Introductions (issue 11): asks not answered by their day go back to their
 * hub's queue (reading a queue or an introduction does this too, so it is right between runs),
 * and introductions closed more than INTRODUCTION_RETENTION_MONTHS ago are anonymised; each in
 * a bounded batch. Runs once at start and then once a day; returns how to stop it.
 */
export function startHousekeeping(services: Services, logger: Logger): () => void {
  const run = () => {
    const sessions = services.repositories.sessions.deleteExpired(Date.now())
    const audit = services.audit.prune(services.config.auditRetentionDays)
    if (sessions + audit > 0) logger.info({ sessions, audit }, 'Swept expired sessions and old audit entries')
    const unanswered = services.introductions.sweepUnanswered(SWEEP_BATCH)
    const anonymised = services.introductions.anonymiseClosed(ANONYMISE_BATCH)
    if (unanswered + anonymised > 0)
      logger.info(
        { unanswered, anonymised },
        'Sent unanswered introductions back to the queue, anonymised old ones',
      )
  }
  run()
  const timer = setInterval(run, DAY_MS)
  timer.unref()
  return () => clearInterval(timer)
}
