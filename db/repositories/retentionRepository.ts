import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'

/**
 * The retention purge's deletes (issue 13), one bounded batch each: every statement deletes at
 * most `limit` rows, found through an index on the time that decides (migration 0040 and the
 * tables' own), so a batch never reads a whole table. Each returns how many rows went; 0 once
 * nothing is left, so running them again changes nothing. What is old enough is decided by
 * RetentionService; these only take the cut-off.
 */
export class RetentionRepository {
  private readonly sessions: Statement<[number, number]>
  private readonly emailedLinks: Statement<[{ cutoff: string; keepEmailsSince: string; limit: number }]>
  private readonly claimLinks: Statement<[string, number]>
  private readonly answerLinks: Statement<[string, number]>
  private readonly outbox: Statement<[string, number]>
  private readonly drafts: Statement<[string, number]>

  constructor(db: Db) {
    this.sessions = db.prepare(
      `DELETE FROM sessions WHERE sid IN (
         SELECT sid FROM sessions INDEXED BY sessions_by_expiry WHERE expires_at <= ? LIMIT ?)`,
    )
    // A change-email link keeps the new address, which erasing an account reads to find the
    // kept emails sent to it (ProfileService.deleteEverything): it stays as long as they may.
    this.emailedLinks = db.prepare(
      `DELETE FROM emailed_links WHERE id IN (
         SELECT id FROM emailed_links INDEXED BY emailed_links_by_expiry
          WHERE expires_at < @cutoff AND (purpose <> 'change-email' OR created_at < @keepEmailsSince)
          LIMIT @limit)`,
    )
    this.claimLinks = db.prepare(
      `DELETE FROM claim_links WHERE id IN (
         SELECT id FROM claim_links INDEXED BY claim_links_by_expiry WHERE expires_at < ? LIMIT ?)`,
    )
    this.answerLinks = db.prepare(
      `DELETE FROM introduction_answer_links WHERE token_hash IN (
         SELECT token_hash FROM introduction_answer_links INDEXED BY introduction_answer_links_by_expiry
          WHERE expires_at < ? LIMIT ?)`,
    )
    this.outbox = db.prepare(
      `DELETE FROM outbox WHERE id IN (
         SELECT id FROM outbox INDEXED BY outbox_by_age WHERE created_at < ? LIMIT ?)`,
    )
    this.drafts = db.prepare(
      `DELETE FROM sharing_drafts WHERE account_id IN (
         SELECT account_id FROM sharing_drafts INDEXED BY sharing_drafts_by_age WHERE updated_at < ? LIMIT ?)`,
    )
  }

  /** Sessions whose time-out (milliseconds since 1970) is at or before `nowMs`. */
  deleteSessionsExpiredBy(nowMs: number, limit: number): number {
    return this.sessions.run(nowMs, limit).changes
  }

  /**
   * Emailed links that stopped working before `cutoff`; change-email links only once they
   * were also made before `keepEmailsSince`.
   */
  deleteEmailedLinksExpiredBefore(cutoff: string, keepEmailsSince: string, limit: number): number {
    return this.emailedLinks.run({ cutoff, keepEmailsSince, limit }).changes
  }

  deleteClaimLinksExpiredBefore(cutoff: string, limit: number): number {
    return this.claimLinks.run(cutoff, limit).changes
  }

  deleteAnswerLinksExpiredBefore(cutoff: string, limit: number): number {
    return this.answerLinks.run(cutoff, limit).changes
  }

  /** Kept copies of emails made before `cutoff`. */
  deleteOutboxBefore(cutoff: string, limit: number): number {
    return this.outbox.run(cutoff, limit).changes
  }

  /** "Share your skills" drafts last changed before `cutoff`. */
  deleteDraftsUnchangedSince(cutoff: string, limit: number): number {
    return this.drafts.run(cutoff, limit).changes
  }
}
