/**
 * npm run restore -- --from FILE [--to DBFILE] [--force]
 * npm run restore -- [--to DBFILE] [--at TIME] [--force]      (with REPLICA_URL set)
 *
 * Puts a backup (from `npm run backup`, with --from) or the state held by the Litestream
 * replica at REPLICA_URL (its latest, or as it was at --at, without --from) in the place of
 * the database at DBFILE (default: the one named by DATABASE_PATH), after checking it:
 * SQLite's integrity check, each search index's own check, its migrations against the app's,
 * and counts. It is written beside the database and checked there, then renamed into place,
 * so nothing is ever half restored. The database of a running app is replaced only with
 * --force. See db/backup.ts and db/replication.ts.
 */
import { restore } from '../backup'
import {
  loadReplica,
  ReplicationSettingError,
  replicaInWords,
  restoreReplica,
  SYNC_INTERVAL_IN_WORDS,
} from '../replication'
import { configuredDatabasePath, describeCopy, sayingWhyNot, whenInWords } from './backupWords'
import { readCommandLine, runFromTerminal, type Command, type CommandIo } from './terminal'

const USAGE =
  'Usage: npm run restore -- --from FILE [--to DBFILE] [--force], or with REPLICA_URL set: npm run restore -- [--to DBFILE] [--at TIME] [--force]'

/** --at read as a moment: an ISO 8601 time such as 2026-12-02T04:30:00Z; null if it is not one. */
function momentOf(typed: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.test(typed))
    return null
  // A time with no zone is taken as UTC, as the rest of the commands speak UTC.
  const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/.test(typed) || !/[T ]/.test(typed) ? typed : `${typed}Z`
  const moment = new Date(zoned.replace(' ', 'T'))
  return Number.isNaN(moment.getTime()) ? null : moment
}

/** Runs the command; its exit code (0 restored, 1 not). */
export const restoreCommand: Command = async (args, env, io) => {
  const parsed = readCommandLine(
    args,
    {
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        at: { type: 'string' },
        force: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    },
    USAGE,
    io,
  )
  if (!parsed) return 1
  const { from, force, at } = parsed.values
  if (from !== undefined && at !== undefined) {
    io.err(`--at is for restoring from the replica; a backup file holds one moment only. ${USAGE}`)
    return 1
  }
  const to = parsed.values.to ?? configuredDatabasePath(env, io)
  if (!to) return 1
  if (from !== undefined) return fromBackup(from, to, force, io)
  return fromReplica(env, to, at, force, io)
}

async function fromBackup(from: string, to: string, force: boolean | undefined, io: CommandIo) {
  return sayingWhyNot(io, async () => {
    const summary = await restore(from, to, { force })
    io.out(`Restored ${from} to ${summary.to}. It passed every check.`)
    io.out(
      summary.takenAt
        ? `The backup was taken on ${whenInWords(summary.takenAt)}.`
        : `The backup does not say when it was taken; the file was last changed on ${whenInWords(summary.fileChangedAt)}.`,
    )
    describeCopy(summary, io)
    sayOlderBy(summary.olderBy, io)
    io.out('Start the app (or restart it) to use it.')
    return 0
  })
}

async function fromReplica(
  env: NodeJS.ProcessEnv,
  to: string,
  typedAt: string | undefined,
  force: boolean | undefined,
  io: CommandIo,
) {
  let replica
  try {
    replica = loadReplica(env)
  } catch (error) {
    if (error instanceof ReplicationSettingError) {
      io.err(error.message)
      return 1
    }
    throw error
  }
  if (!replica) {
    io.err(`Give the backup to restore with --from, or set REPLICA_URL to restore from the replica. ${USAGE}`)
    return 1
  }
  let at: Date | undefined
  if (typedAt !== undefined) {
    const moment = momentOf(typedAt)
    if (!moment) {
      io.err(
        `--at must be a date and time such as 2026-12-02T04:30:00Z (UTC unless a zone is given). ${USAGE}`,
      )
      return 1
    }
    at = moment
  }
  const where = replicaInWords(replica)
  return sayingWhyNot(io, async () => {
    const summary = await restoreReplica(replica, to, { at, force })
    io.out(
      at
        ? `Restored the database as it was on ${whenInWords(at)} from ${where} to ${summary.to}. It passed every check.`
        : `Restored the latest state held by ${where} to ${summary.to}. It passed every check.`,
    )
    if (!at)
      io.out(
        `It holds every change Litestream copied there: after a clean stop, everything; after a crash, everything but the last ${SYNC_INTERVAL_IN_WORDS} or so.`,
      )
    describeCopy(summary, io)
    sayOlderBy(summary.olderBy, io)
    io.out('Start the app (or restart it) to use it, with npm run replicate to go on replicating.')
    return 0
  })
}

function sayOlderBy(olderBy: string[], io: CommandIo): void {
  if (olderBy.length > 0)
    io.out(
      `It was made by an earlier version of the app: ${olderBy.length} newer migration(s) (${olderBy.join(', ')}) will be applied when the app starts.`,
    )
}

runFromTerminal(module, restoreCommand)
