/** What `npm run purge` prints, apart from the command itself so tests can read it. */
import {
  PURGE_BATCH,
  PURGE_BATCHES_PER_RUN,
  PURGE_KINDS,
  type PurgeKind,
  type PurgeReport,
} from '../../server/services/retention/retentionService'

/** Each kind in words, for "removed 3 expired sign-in and email links". */
export const KIND_WORDS: Record<PurgeKind, { what: string; done: string }> = {
  sessions: { what: 'sessions past their time-out', done: 'removed' },
  emailedLinks: { what: 'expired sign-in, set-password and email links', done: 'removed' },
  claimLinks: { what: 'expired claim-your-profile links', done: 'removed' },
  answerLinks: { what: 'expired introduction answer links', done: 'removed' },
  outbox: { what: 'old kept copies of emails', done: 'removed' },
  drafts: { what: 'old unfinished "Share your skills" drafts', done: 'removed' },
  withdrawnProfiles: { what: 'profiles whose consent was withdrawn long enough ago', done: 'deleted' },
  introductions: { what: 'closed introductions', done: 'anonymised' },
  audit: { what: 'old audit log entries', done: 'removed' },
  importUploads: { what: 'rows of imported or day-old CSV uploads', done: 'removed' },
}

/** The report in plain lines: one a kind, then anything left over or that failed. */
export function purgeLines(databasePath: string, report: PurgeReport): string[] {
  const lines = [`Purged ${databasePath}:`]
  for (const kind of PURGE_KINDS) {
    const { what, done } = KIND_WORDS[kind]
    const failed = report.failed.some((failure) => failure.kind === kind)
    lines.push(`  ${what}: ${report.removed[kind]} ${done}${failed ? ', then it stopped (see below)' : ''}`)
  }
  for (const kind of report.unfinished)
    lines.push(
      `More ${KIND_WORDS[kind].what} are past their period than one run takes ` +
        `(${PURGE_BATCH * PURGE_BATCHES_PER_RUN}): run it again.`,
    )
  lines.push(
    report.checkpointed
      ? 'The write-ahead log was emptied into the database file.'
      : 'The write-ahead log could not be emptied, because the app was reading: run it again.',
  )
  return lines
}
