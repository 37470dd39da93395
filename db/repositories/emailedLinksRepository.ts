import type { Db } from '../connection'

export type LinkPurpose = 'confirm-email' | 'reset-password' | 'sign-in' | 'change-email'

export interface EmailedLinkRow {
  id: number
  accountId: number
  purpose: LinkPurpose
  newEmail: string | null
  expiresAt: string
  usedAt: string | null
}

/** Links sent by email, by the SHA-256 of their token (the token itself is never kept). */
export class EmailedLinksRepository {
  private readonly insert
  private readonly byHash
  private readonly markUsed
  private readonly retireOthers
  private readonly newEmails
  private readonly removeStopped

  constructor(db: Db) {
    this.insert = db.prepare(
      `INSERT INTO emailed_links (token_hash, account_id, purpose, new_email, created_at, expires_at)
       VALUES (@tokenHash, @accountId, @purpose, @newEmail, @at, @expiresAt)`,
    )
    this.byHash = db.prepare<[string], EmailedLinkRow>(
      `SELECT id, account_id AS accountId, purpose, new_email AS newEmail, expires_at AS expiresAt,
              used_at AS usedAt
         FROM emailed_links WHERE token_hash = ?`,
    )
    this.newEmails = db
      .prepare<[number], string>(
        'SELECT DISTINCT new_email FROM emailed_links WHERE account_id = ? AND new_email IS NOT NULL',
      )
      .pluck()
    // A change-email link keeps the new address, which erasing an account reads to find the
    // kept emails sent to it (ProfileService.deleteEverything): it stays as long as they may.
    this.removeStopped = db.prepare<[{ cutoff: string; keepEmailsSince: string; limit: number }]>(
      `DELETE FROM emailed_links WHERE id IN (
         SELECT id FROM emailed_links INDEXED BY emailed_links_by_expiry
          WHERE expires_at < @cutoff AND (purpose <> 'change-email' OR created_at < @keepEmailsSince)
          LIMIT @limit)`,
    )
    this.markUsed = db.prepare('UPDATE emailed_links SET used_at = @at WHERE id = @id AND used_at IS NULL')
    this.retireOthers = db.prepare(
      `UPDATE emailed_links SET used_at = @at
        WHERE account_id = @accountId AND purpose = @purpose AND used_at IS NULL`,
    )
  }

  create(link: {
    tokenHash: string
    accountId: number
    purpose: LinkPurpose
    newEmail?: string | null
    at: string
    expiresAt: string
  }): void {
    this.insert.run({ ...link, newEmail: link.newEmail ?? null })
  }

  /** The addresses the account asked to change to, used or not (deleting someone's data finds their emails). */
  newEmailsOf(accountId: number): string[] {
    return this.newEmails.all(accountId)
  }

  findByHash(tokenHash: string): EmailedLinkRow | null {
    return this.byHash.get(tokenHash) ?? null
  }

  /** true only for the first use: a link works once */
  use(id: number, at: string): boolean {
    return this.markUsed.run({ id, at }).changes === 1
  }

  /**
   * The retention purge's batch: at most `limit` links that stopped working before `cutoff`;
   * change-email links only once they were also made before `keepEmailsSince`.
   */
  deleteExpiredBefore(cutoff: string, keepEmailsSince: string, limit: number): number {
    return this.removeStopped.run({ cutoff, keepEmailsSince, limit }).changes
  }

  /** every unused link of one purpose for one account stops working (a newer one was sent, or it was used) */
  retireAll(accountId: number, purpose: LinkPurpose, at: string): void {
    this.retireOthers.run({ accountId, purpose, at })
  }
}
