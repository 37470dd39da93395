import { setImmediate as nextTurn } from 'node:timers/promises'
import { checkpointWal, clearErasedTraces, type Db } from '../../../db/connection'
import type { Repositories } from '../../../db/repositories'
import type { Config } from '../../config'
import type { AuditTrail } from '../accounts/auditTrail'
import { DAY_MS, isoSecond } from '../accounts/times'
import type { Clock } from '../clock'

/** Each kind of data the purge looks after, in the order it runs them. */
export const PURGE_KINDS = [
  'sessions',
  'emailedLinks',
  'claimLinks',
  'answerLinks',
  'outbox',
  'drafts',
  'withdrawnProfiles',
  'introductions',
  'audit',
  'importUploads',
] as const
export type PurgeKind = (typeof PURGE_KINDS)[number]

/**
 * How long an uploaded CSV file's checked rows are kept for its import: a day (as
 * DirectoryImportService keeps an upload), and once imported not at all.
 */
export const IMPORT_UPLOAD_DAYS = 1

/** Rows one batch deletes (or introductions it anonymises) at most: one short write each. */
export const PURGE_BATCH = 500
/**
 * Batches of one kind in one run at most (50,000 rows). Between batches the purge waits for
 * the event loop's next turn, so pages keep being answered while it runs; what is left over the
 * cap waits for the next run (the next day, or `npm run purge` again), which says so.
 */
export const PURGE_BATCHES_PER_RUN = 100

/** How long each kind is kept, from the configuration (the privacy notice states these). */
export interface RetentionPeriods {
  /** days a one-use link is kept after it stops working */
  expiredLinkDays: number
  /** days a kept copy of an email is kept */
  outboxDays: number
  /** days an unfinished "Share your skills" draft is kept after it was last changed */
  sharingDraftDays: number
  /** days a profile whose consent was withdrawn (and not given again) is kept */
  withdrawnProfileDays: number
  /** months after closing that an introduction is anonymised */
  introductionMonths: number
  /** days an audit entry is kept */
  auditDays: number
}

export function retentionPeriods(config: Config): RetentionPeriods {
  return {
    expiredLinkDays: config.expiredLinkRetentionDays,
    outboxDays: config.outboxRetentionDays,
    sharingDraftDays: config.sharingDraftRetentionDays,
    withdrawnProfileDays: config.withdrawnProfileRetentionDays,
    introductionMonths: config.introductionRetentionMonths,
    auditDays: config.auditRetentionDays,
  }
}

/** What one run did: rows removed (introductions: anonymised) of each kind. */
export interface PurgeReport {
  removed: Record<PurgeKind, number>
  /** kinds with more past their period than one run's cap: the next run goes on with them */
  unfinished: PurgeKind[]
  /** kinds whose batch failed (the others still ran), with the database's reason */
  failed: { kind: PurgeKind; reason: string }[]
  /** whether the write-ahead log was emptied into the database file afterwards */
  checkpointed: boolean
}

export interface PurgeOptions {
  batch?: number
  maxBatches?: number
}

/** What RetentionService reads and writes. */
export interface RetentionStores {
  db: Db
  repositories: Pick<
    Repositories,
    | 'sessions'
    | 'emailedLinks'
    | 'claimLinks'
    | 'introductions'
    | 'outbox'
    | 'sharingDrafts'
    | 'importUploads'
  >
  audit: AuditTrail
  /** IntroductionService.anonymiseClosed: at most `limit` closed introductions past their months */
  anonymiseIntroductions: (limit: number) => number
  /**
   * ProfileService.deleteWithdrawnBefore: at most `limit` people whose consent was withdrawn
   * before the ISO time and not given again, deleted as a coordinator's delete for them does
   */
  deleteWithdrawnProfiles: (before: string, limit: number) => number
}

/**
 * The retention purge (issue 13): for each kind of data, what has passed its period goes, in
 * bounded batches, and then the write-ahead log is checkpointed into the file, so that with
 * secure_delete (db/connection.ts) the removed text is left neither in the file nor in the
 * -wal file. Run by the daily housekeeping job in the app and by `npm run purge`. Idempotent:
 * what is left is what is inside its period, so a second run removes nothing.
 *
 * - sessions: once past their time-out (express-session's expiry, set by the idle time-outs)
 * - emailed links (sign-in, set a password, confirm or change an email address), claim links
 *   and introduction answer links: `expiredLinkDays` after they stop working
 * - kept copies of emails (the outbox): after `outboxDays`
 * - "Share your skills" drafts: `sharingDraftDays` after they were last changed
 * - profiles whose consent was withdrawn and not given again: `withdrawnProfileDays` after it
 *   was withdrawn, deleted completely (profile, skills, consents, claim links, kept emails to
 *   them, and a member's account) as ProfileService deletes a person, with an audit entry each
 * - introductions: anonymised `introductionMonths` after they were closed (IntroductionService)
 * - audit entries: after `auditDays` (the database refuses any younger)
 * - uploaded CSV files' checked rows (listings, not people): once imported (the import lets
 *   them go itself, after answering; this finishes the job should that stop half way) or
 *   IMPORT_UPLOAD_DAYS after the upload, and then the upload's record
 */
export class RetentionService {
  private running: Promise<PurgeReport> | null = null

  constructor(
    private readonly stores: RetentionStores,
    private readonly periods: RetentionPeriods,
    private readonly clock: Clock,
  ) {}

  /** One run; a second call while one is running waits for that one rather than starting another. */
  purge(options: PurgeOptions = {}): Promise<PurgeReport> {
    this.running ??= this.run(options).finally(() => {
      this.running = null
    })
    return this.running
  }

  private async run({
    batch = PURGE_BATCH,
    maxBatches = PURGE_BATCHES_PER_RUN,
  }: PurgeOptions): Promise<PurgeReport> {
    const removed = Object.fromEntries(PURGE_KINDS.map((kind) => [kind, 0])) as Record<PurgeKind, number>
    const unfinished: PurgeKind[] = []
    const failed: PurgeReport['failed'] = []
    const batchOf = this.batches()
    for (const kind of PURGE_KINDS) {
      try {
        for (let batches = 1; ; batches++) {
          const count = batchOf[kind](batch)
          removed[kind] += count
          if (count < batch) break
          if (batches >= maxBatches) {
            unfinished.push(kind)
            break
          }
          await nextTurn()
        }
      } catch (error) {
        // One kind's problem (a locked database, the audit log refusing) must not keep the
        // others past their period: it is reported, and the next run tries again.
        failed.push({ kind, reason: messageOf(error) })
      }
      await nextTurn()
    }
    // Having removed something, the replica is asked for a fresh generation without it too
    // (db/erasureNote.ts); a run that removed nothing only checkpoints.
    const removedAny = Object.values(removed).some((count) => count > 0)
    const checkpointed = removedAny ? clearErasedTraces(this.stores.db) : checkpointWal(this.stores.db)
    return { removed, unfinished, failed, checkpointed }
  }

  /** One batch of each kind, with its cut-off taken once, when the run starts. */
  private batches(): Record<PurgeKind, (limit: number) => number> {
    const now = this.clock.now().getTime()
    const daysAgo = (days: number) => isoSecond(new Date(now - days * DAY_MS))
    const linksStoppedBefore = daysAgo(this.periods.expiredLinkDays)
    const outboxBefore = daysAgo(this.periods.outboxDays)
    const draftsBefore = daysAgo(this.periods.sharingDraftDays)
    const withdrawnBefore = daysAgo(this.periods.withdrawnProfileDays)
    const { repositories: stored, audit } = this.stores
    return {
      sessions: (limit) => stored.sessions.deleteExpired(now, limit),
      emailedLinks: (limit) =>
        stored.emailedLinks.deleteExpiredBefore(linksStoppedBefore, outboxBefore, limit),
      claimLinks: (limit) => stored.claimLinks.deleteExpiredBefore(linksStoppedBefore, limit),
      answerLinks: (limit) => stored.introductions.deleteAnswerLinksExpiredBefore(linksStoppedBefore, limit),
      outbox: (limit) => stored.outbox.deleteOlderThan(outboxBefore, limit),
      drafts: (limit) => stored.sharingDrafts.deleteUnchangedSince(draftsBefore, limit),
      withdrawnProfiles: (limit) => this.stores.deleteWithdrawnProfiles(withdrawnBefore, limit),
      introductions: (limit) => this.stores.anonymiseIntroductions(limit),
      audit: (limit) => audit.prune(this.periods.auditDays, limit),
      importUploads: (limit) => stored.importUploads.deleteFinished(daysAgo(IMPORT_UPLOAD_DAYS), limit),
    }
  }
}

/** The words of what was thrown: SQLite's errors may come from another realm (a worker, or a
 * test runner's sandbox), where `instanceof Error` is false, so the message is read by shape. */
function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string')
    return error.message
  return String(error)
}
