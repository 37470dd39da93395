/**
 * npm run restore -- --from FILE [--to DBFILE] [--force]
 *
 * Puts a backup (from `npm run backup`) in the place of the database at DBFILE (default: the
 * one named by DATABASE_PATH), after checking it: SQLite's integrity check, each search
 * index's own check, its migrations against the app's, and counts. It is copied beside the
 * database and checked there, then renamed into place, so nothing is ever half restored. The
 * database of a running app is replaced only with --force. See db/backup.ts.
 */
import { restore } from '../backup'
import { configuredDatabasePath, describeCopy, sayingWhyNot, whenInWords } from './backupWords'
import { readCommandLine, runFromTerminal, type Command } from './terminal'

const USAGE = 'Usage: npm run restore -- --from FILE [--to DBFILE] [--force]'

/** Runs the command; its exit code (0 restored, 1 not). */
export const restoreCommand: Command = async (args, env, io) => {
  const parsed = readCommandLine(
    args,
    {
      options: { from: { type: 'string' }, to: { type: 'string' }, force: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    },
    USAGE,
    io,
  )
  if (!parsed) return 1
  const { from, force } = parsed.values
  if (!from) {
    io.err(`Give the backup to restore with --from. ${USAGE}`)
    return 1
  }
  const to = parsed.values.to ?? configuredDatabasePath(env, io)
  if (!to) return 1
  return sayingWhyNot(io, async () => {
    const summary = await restore(from, to, { force })
    io.out(`Restored ${from} to ${summary.to}. It passed every check.`)
    io.out(
      summary.takenAt
        ? `The backup was taken on ${whenInWords(summary.takenAt)}.`
        : `The backup does not say when it was taken; the file was last changed on ${whenInWords(summary.fileChangedAt)}.`,
    )
    describeCopy(summary, io)
    if (summary.olderBy.length > 0)
      io.out(
        `It was made by an earlier version of the app: ${summary.olderBy.length} newer migration(s) (${summary.olderBy.join(', ')}) will be applied when the app starts.`,
      )
    io.out('Start the app (or restart it) to use it.')
    return 0
  })
}

runFromTerminal(module, restoreCommand)
