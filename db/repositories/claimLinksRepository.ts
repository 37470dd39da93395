import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'

/** A "claim your profile" link (migrations/0028_assisted_registration.sql), found by its token's hash. */
export interface ClaimLinkRow {
  id: number
  personId: number
  createdByAccountId: number | null
  createdAt: string
  expiresAt: string
  usedAt: string | null
}

/**
 * Links with which a person registered on their behalf claims their profile. Kept by the
 * SHA-256 of their token (the token itself is never kept), as emailed_links are.
 */
export class ClaimLinksRepository {
  private readonly insert: Statement<
    [
      {
        tokenHash: string
        personId: number
        createdByAccountId: number | null
        at: string
        expiresAt: string
      },
    ]
  >
  private readonly byHash: Statement<[string], ClaimLinkRow>
  private readonly markUsed: Statement<[{ id: number; at: string; accountId: number }]>
  private readonly retire: Statement<[{ personId: number; at: string }]>
  private readonly removeStopped: Statement<[string, number]>

  constructor(db: Db) {
    this.insert = db.prepare(
      `INSERT INTO claim_links (token_hash, person_id, created_by_account_id, created_at, expires_at)
       VALUES (@tokenHash, @personId, @createdByAccountId, @at, @expiresAt)`,
    )
    this.byHash = db.prepare(
      `SELECT id, person_id AS personId, created_by_account_id AS createdByAccountId, created_at AS createdAt,
              expires_at AS expiresAt, used_at AS usedAt
         FROM claim_links WHERE token_hash = ?`,
    )
    this.markUsed = db.prepare(
      'UPDATE claim_links SET used_at = @at, used_by_account_id = @accountId WHERE id = @id AND used_at IS NULL',
    )
    this.removeStopped = db.prepare(
      `DELETE FROM claim_links WHERE id IN (
         SELECT id FROM claim_links INDEXED BY claim_links_by_expiry WHERE expires_at < ? LIMIT ?)`,
    )
    this.retire = db.prepare(
      'UPDATE claim_links SET used_at = @at WHERE person_id = @personId AND used_at IS NULL',
    )
  }

  create(link: {
    tokenHash: string
    personId: number
    createdByAccountId: number | null
    at: string
    expiresAt: string
  }): number {
    return Number(this.insert.run(link).lastInsertRowid)
  }

  findByHash(tokenHash: string): ClaimLinkRow | null {
    return this.byHash.get(tokenHash) ?? null
  }

  /** True only for the first use: a link works once. */
  use(id: number, at: string, accountId: number): boolean {
    return this.markUsed.run({ id, at, accountId }).changes === 1
  }

  /** The retention purge's batch: at most `limit` links that stopped working before `cutoff`. */
  deleteExpiredBefore(cutoff: string, limit: number): number {
    return this.removeStopped.run(cutoff, limit).changes
  }

  /** Every unused link for the person stops working (a newer one was sent, or one was used). */
  retireAll(personId: number, at: string): void {
    this.retire.run({ personId, at })
  }
}
