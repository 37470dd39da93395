import type { Logger } from '../logger'
import type { Services } from '../services'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Daily housekeeping, started by server/index.ts (never by a route): sweeps sessions that
 * have expired, and prunes audit entries older than AUDIT_RETENTION_DAYS, the only delete the
 * audit log allows. Runs once at start and then once a day; returns how to stop it.
 */
export function startHousekeeping(services: Services, logger: Logger): () => void {
  const run = () => {
    const sessions = services.repositories.sessions.deleteExpired(Date.now())
    const audit = services.audit.prune(services.config.auditRetentionDays)
    if (sessions + audit > 0) logger.info({ sessions, audit }, 'Swept expired sessions and old audit entries')
  }
  run()
  const timer = setInterval(run, DAY_MS)
  timer.unref()
  return () => clearInterval(timer)
}
