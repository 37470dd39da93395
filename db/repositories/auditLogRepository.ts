import type { Db } from '../connection'

export interface AuditEntry {
  /** who did it: an account, or null for someone not signed in (a failed sign-in) */
  accountId: number | null
  /** what, such as 'sign-in' or 'password-changed' */
  action: string
  /** to which record: 'account' and its id */
  recordType?: string | null
  recordId?: string | number | null
  /** from which address */
  ip?: string | null
  /** why, where a reason was asked */
  reason?: string | null
  at: string
}

export interface AuditRow {
  id: number
  at: string
  accountId: number | null
  action: string
  recordType: string | null
  recordId: string | null
  ip: string | null
  reason: string | null
}

/**
 * The audit log. It only ever adds: the database refuses any UPDATE, and any DELETE of an
 * entry younger than the retention period (migration 0021), so prune() is the only delete.
 */
export class AuditLogRepository {
  private readonly insert
  private readonly latest
  private readonly setDays
  private readonly removeBefore

  constructor(db: Db) {
    this.insert = db.prepare(
      `INSERT INTO audit_log (at, account_id, action, record_type, record_id, ip, reason)
       VALUES (@at, @accountId, @action, @recordType, @recordId, @ip, @reason)`,
    )
    this.latest = db.prepare<[number], AuditRow>(
      `SELECT id, at, account_id AS accountId, action, record_type AS recordType, record_id AS recordId,
              ip, reason
         FROM audit_log ORDER BY id DESC LIMIT ?`,
    )
    this.setDays = db.prepare('UPDATE audit_retention SET days = ? WHERE id = 1')
    this.removeBefore = db.prepare('DELETE FROM audit_log WHERE at < ?')
  }

  record(entry: AuditEntry): void {
    this.insert.run({
      at: entry.at,
      accountId: entry.accountId,
      action: entry.action,
      recordType: entry.recordType ?? null,
      recordId: entry.recordId === undefined || entry.recordId === null ? null : String(entry.recordId),
      ip: entry.ip ?? null,
      reason: entry.reason ?? null,
    })
  }

  /** the newest entries first, at most `limit` */
  newest(limit: number): AuditRow[] {
    return this.latest.all(limit)
  }

  /** how many days entries are kept (30 or more) */
  setRetentionDays(days: number): void {
    this.setDays.run(days)
  }

  /** The pruning job's delete: entries from before `cutoff` (an ISO time); how many went. */
  pruneBefore(cutoff: string): number {
    return this.removeBefore.run(cutoff).changes
  }
}
