import type { AuditLogRepository } from '../../../db/repositories/auditLogRepository'
import type { Clock } from '../clock'
import { DAY_MS, isoSecond } from './times'

/** Where a request came from, for the audit log. */
export interface RequestOrigin {
  ip: string | null
}

/** Writes the audit log: who did what, to which record, when, from where, and why. */
export class AuditTrail {
  constructor(
    private readonly log: AuditLogRepository,
    private readonly clock: Clock,
  ) {}

  record(entry: {
    accountId: number | null
    action: string
    recordType?: string
    recordId?: number | string | null
    from?: RequestOrigin
    reason?: string | null
    /** what changed, in words ("from member to admin") */
    detail?: string | null
  }): void {
    this.log.record({
      accountId: entry.accountId,
      action: entry.action,
      recordType: entry.recordType ?? null,
      recordId: entry.recordId ?? null,
      ip: entry.from?.ip ?? null,
      reason: entry.reason ?? null,
      detail: entry.detail ?? null,
      at: isoSecond(this.clock.now()),
    })
  }

  /**
   * The retention purge (never a route): keeps `days` as the retention period and deletes the
   * oldest entries older than it, at most `limit` a call (RetentionService calls it again until
   * none are left). The database refuses to delete anything younger.
   */
  prune(days: number, limit = 500): number {
    this.log.setRetentionDays(days)
    return this.log.pruneBefore(isoSecond(new Date(this.clock.now().getTime() - days * DAY_MS)), limit)
  }
}
