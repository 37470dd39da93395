/**
 * npm run backup -- FILE [--force]
 *
 * Copies the database named by DATABASE_PATH (default data/common-ground.sqlite) into FILE
 * with SQLite's online backup API, while the app runs: a copy of one moment, checked, as a
 * single file. FILE is not replaced unless --force is given. See db/backup.ts.
 */
import { backUp } from '../backup'
import { configuredDatabasePath, describeCopy, sayingWhyNot, sizeInWords, whenInWords } from './backupWords'
import { readCommandLine, runFromTerminal, type Command } from './terminal'

const USAGE = 'Usage: npm run backup -- FILE [--force]'

/** Runs the command; its exit code (0 backed up, 1 not). */
export const backupCommand: Command = async (args, env, io) => {
  const parsed = readCommandLine(
    args,
    { options: { force: { type: 'boolean' } }, strict: true, allowPositionals: true },
    USAGE,
    io,
  )
  if (!parsed) return 1
  const [file, ...more] = parsed.positionals
  if (!file || more.length > 0) {
    io.err(`Give the file to write the backup to. ${USAGE}`)
    return 1
  }
  const databasePath = configuredDatabasePath(env, io)
  if (!databasePath) return 1
  return sayingWhyNot(io, async () => {
    const summary = await backUp(databasePath, file, { force: parsed.values.force })
    io.out(`Backed up ${databasePath} to ${summary.file} (${sizeInWords(summary.bytes)}).`)
    io.out(`Taken on ${whenInWords(summary.takenAt)}; it passed its checks.`)
    describeCopy(summary, io)
    io.out(`To restore it: npm run restore -- --from ${summary.file}`)
    return 0
  })
}

runFromTerminal(module, backupCommand)
