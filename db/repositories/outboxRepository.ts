import type { Db } from '../connection'

export interface OutboxMessage {
  id: number
  to: string
  subject: string
  body: string
  createdAt: string
}

/** The emails the app would have sent, when there is no mail server. */
export class OutboxRepository {
  private readonly insert
  private readonly page
  private readonly count
  private readonly byId
  private readonly removeTo
  private readonly removeOlder

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT INTO outbox (to_address, subject, body, created_at) VALUES (@to, @subject, @body, @createdAt)',
    )
    this.page = db.prepare<[number, number], OutboxMessage>(
      `SELECT id, to_address AS "to", subject, body, created_at AS createdAt
         FROM outbox ORDER BY id DESC LIMIT ? OFFSET ?`,
    )
    this.count = db.prepare<[], { count: number }>('SELECT count(*) AS count FROM outbox')
    this.byId = db.prepare<[number], OutboxMessage>(
      'SELECT id, to_address AS "to", subject, body, created_at AS createdAt FROM outbox WHERE id = ?',
    )
    this.removeTo = db.prepare('DELETE FROM outbox WHERE to_address = ? COLLATE NOCASE')
    this.removeOlder = db.prepare<[string, number]>(
      `DELETE FROM outbox WHERE id IN (
         SELECT id FROM outbox INDEXED BY outbox_by_age WHERE created_at < ? LIMIT ?)`,
    )
  }

  add(message: Omit<OutboxMessage, 'id'>): number {
    return Number(this.insert.run(message).lastInsertRowid)
  }

  /** newest first */
  newest(limit: number, offset = 0): OutboxMessage[] {
    return this.page.all(limit, offset)
  }

  total(): number {
    return this.count.get()?.count ?? 0
  }

  /** Deletes every message to the address, in any case (deleting someone's data). How many went. */
  deleteTo(address: string): number {
    return this.removeTo.run(address.trim()).changes
  }

  /** The retention purge's batch: at most `limit` messages made before `cutoff`. */
  deleteOlderThan(cutoff: string, limit: number): number {
    return this.removeOlder.run(cutoff, limit).changes
  }

  find(id: number): OutboxMessage | null {
    return this.byId.get(id) ?? null
  }
}
