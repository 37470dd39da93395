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
  /** what changed, in words, where that is not plain from the action ("from member to admin") */
  detail?: string | null
  at: string
}

/** Which entries to show: every field optional; `from` and `to` are ISO times, `to` not included. */
export interface AuditFilter {
  accountId?: number | null
  action?: string | null
  recordType?: string | null
  recordId?: string | null
  from?: string | null
  to?: string | null
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
  detail: string | null
}

const ROW_COLUMNS = `id, at, account_id AS accountId, action, record_type AS recordType,
  record_id AS recordId, ip, reason, detail`

/**
 * The audit log. It only ever adds: the database refuses any UPDATE, and any DELETE of an
 * entry younger than the retention period (migration 0021), so prune() is the only delete.
 */
export class AuditLogRepository {
  private readonly insert
  private readonly latest
  private readonly setDays
  private readonly removeBefore

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT INTO audit_log (at, account_id, action, record_type, record_id, ip, reason, detail)
       VALUES (@at, @accountId, @action, @recordType, @recordId, @ip, @reason, @detail)`,
    )
    this.latest = db.prepare<[number], AuditRow>(
      `SELECT ${ROW_COLUMNS} FROM audit_log ORDER BY id DESC LIMIT ?`,
    )
    this.setDays = db.prepare('UPDATE audit_retention SET days = ? WHERE id = 1')
    this.removeBefore = db.prepare<[string, number]>(
      `DELETE FROM audit_log WHERE id IN (
         SELECT id FROM audit_log INDEXED BY audit_log_by_time WHERE at < ? ORDER BY at LIMIT ?)`,
    )
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
      detail: entry.detail ?? null,
    })
  }

  /** the newest entries first, at most `limit` */
  newest(limit: number): AuditRow[] {
    return this.latest.all(limit)
  }

  /**
   * The entries that pass the filter, newest first: at most `limit` (100) from `offset`, and
   * whether there are more after them. No count of them all: a filter wide enough to match a
   * year of sign-ins still reads only a page (and the pages before it).
   */
  find(filter: AuditFilter, window: { offset: number; limit: number }): { rows: AuditRow[]; more: boolean } {
    const where: string[] = []
    const values: Record<string, string | number> = {}
    const add = (condition: string, name: string, value: string | number | null | undefined) => {
      if (value === null || value === undefined || value === '') return
      where.push(condition)
      values[name] = value
    }
    add('account_id = @accountId', 'accountId', filter.accountId)
    add('action = @action', 'action', filter.action)
    add('record_type = @recordType', 'recordType', filter.recordType)
    add('record_id = @recordId', 'recordId', filter.recordId)
    add('at >= @from', 'from', filter.from)
    add('at < @to', 'to', filter.to)
    const limit = Math.min(100, Math.max(1, Math.floor(window.limit)))
    const rows = this.db
      .prepare<[Record<string, string | number>], AuditRow>(
        `SELECT ${ROW_COLUMNS} FROM audit_log ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY at DESC, id DESC LIMIT @limit OFFSET @offset`,
      )
      .all({ ...values, limit: limit + 1, offset: Math.max(0, Math.floor(window.offset)) })
    return { rows: rows.slice(0, limit), more: rows.length > limit }
  }

  /** how many days entries are kept (30 or more) */
  setRetentionDays(days: number): void {
    this.setDays.run(days)
  }

  /**
   * The pruning job's delete: the oldest entries from before `cutoff` (an ISO time), at most
   * `limit` of them (one batch of the retention purge); how many went.
   */
  pruneBefore(cutoff: string, limit: number): number {
    return this.removeBefore.run(cutoff, limit).changes
  }
}
