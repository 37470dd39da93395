/**
 * npm run restore -- --from FILE [--to DBFILE] [--force]
 *
 * Puts a backup (from `npm run backup`) in the place of the database at DBFILE (default: the
 * one named by DATABASE_PATH), after checking it: SQLite's integrity check, each search
 * index's own check, its migrations against the app's, and counts. It is copied beside the
 * database and checked there, then renamed into place, so nothing is ever half restored. The
 * database of a running app is replaced only with --force. See db/backup.ts.
 */
import { parseArgs } from 'node:util'
import { loadConfig, ConfigError } from '../../server/config'
import { restore, BackupError } from '../backup'
import type { CommandIo } from './backup'
import { countsInWords, whenInWords } from './backupWords'
import { complain, say } from './terminal'

const USAGE = 'Usage: npm run restore -- --from FILE [--to DBFILE] [--force]'

/** Runs the command; its exit code (0 restored, 1 not). */
export async function restoreCommand(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  io: CommandIo,
): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: args.filter((arg) => arg !== '--'),
      options: { from: { type: 'string' }, to: { type: 'string' }, force: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }).values
  } catch (error) {
    io.err(`${(error as Error).message.split('\n')[0]} ${USAGE}`)
    return 1
  }
  if (!parsed.from) {
    io.err(`Give the backup to restore with --from. ${USAGE}`)
    return 1
  }
  let to = parsed.to
  if (!to) {
    try {
      to = loadConfig(env).databasePath
    } catch (error) {
      if (error instanceof ConfigError) {
        io.err(error.message)
        return 1
      }
      throw error
    }
  }
  try {
    const summary = await restore(parsed.from, to, { force: parsed.force })
    io.out(`Restored ${parsed.from} to ${summary.to}. It passed every check.`)
    io.out(
      summary.takenAt
        ? `The backup was taken on ${whenInWords(summary.takenAt)}.`
        : `The backup does not say when it was taken; the file was last changed on ${whenInWords(summary.fileChangedAt)}.`,
    )
    io.out(`What it holds: ${countsInWords(summary.counts)}.`)
    io.out(`Its newest migration is ${summary.latestMigration ?? 'none'}.`)
    if (summary.olderBy.length > 0)
      io.out(
        `It was made by an earlier version of the app: ${summary.olderBy.length} newer migration(s) (${summary.olderBy.join(', ')}) will be applied when the app starts.`,
      )
    io.out('Start the app (or restart it) to use it.')
    return 0
  } catch (error) {
    if (error instanceof BackupError) {
      io.err(error.message)
      return 1
    }
    throw error
  }
}

if (require.main === module)
  void restoreCommand(process.argv.slice(2), process.env, { out: say, err: complain }).then((code) => {
    process.exitCode = code
  })
