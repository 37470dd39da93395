import type { Db } from '../connection'

export interface SessionRow {
  sid: string
  accountId: number | null
  /** express-session's data, as JSON */
  data: string
  /** milliseconds since 1970 */
  expiresAt: number
}

/** The signed-in sessions (express-session's store keeps them here). */
export class SessionsRepository {
  private readonly byId
  private readonly upsert
  private readonly extend
  private readonly remove
  private readonly removeForAccount
  private readonly removeExpired
  private readonly countForAccount

  constructor(db: Db) {
    this.byId = db.prepare<[string, number], { data: string }>(
      'SELECT data FROM sessions WHERE sid = ? AND expires_at > ?',
    )
    this.upsert = db.prepare(
      `INSERT INTO sessions (sid, account_id, data, expires_at) VALUES (@sid, @accountId, @data, @expiresAt)
       ON CONFLICT (sid) DO UPDATE SET account_id = excluded.account_id, data = excluded.data,
         expires_at = excluded.expires_at`,
    )
    this.extend = db.prepare('UPDATE sessions SET expires_at = ? WHERE sid = ?')
    this.remove = db.prepare('DELETE FROM sessions WHERE sid = ?')
    this.removeForAccount = db.prepare('DELETE FROM sessions WHERE account_id = ?')
    this.removeExpired = db.prepare<[number, number]>(
      `DELETE FROM sessions WHERE sid IN (
         SELECT sid FROM sessions INDEXED BY sessions_by_expiry WHERE expires_at <= ? LIMIT ?)`,
    )
    this.countForAccount = db.prepare<[number], { count: number }>(
      'SELECT count(*) AS count FROM sessions WHERE account_id = ?',
    )
  }

  /** the session's data, unless it has expired by `nowMs` */
  find(sid: string, nowMs: number): string | null {
    return this.byId.get(sid, nowMs)?.data ?? null
  }

  save(row: SessionRow): void {
    this.upsert.run(row)
  }

  touch(sid: string, expiresAt: number): void {
    this.extend.run(expiresAt, sid)
  }

  delete(sid: string): void {
    this.remove.run(sid)
  }

  /** "Sign out everywhere": every session of one account; how many there were */
  deleteAllFor(accountId: number): number {
    return this.removeForAccount.run(accountId).changes
  }

  /** The retention purge's batch: at most `limit` sessions whose time-out is at or before `nowMs`. */
  deleteExpired(nowMs: number, limit: number): number {
    return this.removeExpired.run(nowMs, limit).changes
  }

  countFor(accountId: number): number {
    return this.countForAccount.get(accountId)?.count ?? 0
  }
}
