import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'

export interface DraftRow {
  /** the answers so far, as JSON */
  answers: string
  updatedAt: string
}

/**
 * Answers to "Share your skills" not yet finished, one draft per account (as JSON), so that
 * they survive Back, a refresh and a session that times out. The draft goes when the profile
 * is made, and with the account (ON DELETE CASCADE).
 */
export class SharingDraftsRepository {
  private readonly byAccount: Statement<[number], DraftRow>
  private readonly upsert: Statement<[{ accountId: number; answers: string; at: string }]>
  private readonly remove: Statement<[number]>
  private readonly removeUnchanged: Statement<[string, number]>

  constructor(db: Db) {
    this.byAccount = db.prepare(
      'SELECT answers, updated_at AS updatedAt FROM sharing_drafts WHERE account_id = ?',
    )
    this.upsert = db.prepare(
      `INSERT INTO sharing_drafts (account_id, answers, updated_at) VALUES (@accountId, @answers, @at)
       ON CONFLICT (account_id) DO UPDATE SET answers = excluded.answers, updated_at = excluded.updated_at`,
    )
    this.remove = db.prepare('DELETE FROM sharing_drafts WHERE account_id = ?')
    this.removeUnchanged = db.prepare(
      `DELETE FROM sharing_drafts WHERE account_id IN (
         SELECT account_id FROM sharing_drafts INDEXED BY sharing_drafts_by_age WHERE updated_at < ? LIMIT ?)`,
    )
  }

  find(accountId: number): DraftRow | null {
    return this.byAccount.get(accountId) ?? null
  }

  save(accountId: number, answers: string, at: string): void {
    this.upsert.run({ accountId, answers, at })
  }

  /** The retention purge's batch: at most `limit` drafts last changed before `cutoff`. */
  deleteUnchangedSince(cutoff: string, limit: number): number {
    return this.removeUnchanged.run(cutoff, limit).changes
  }

  /** False when there was no draft. */
  delete(accountId: number): boolean {
    return this.remove.run(accountId).changes === 1
  }
}
