/**
 * npm run backup -- FILE [--force]
 *
 * Copies the database named by DATABASE_PATH (default data/common-ground.sqlite) into FILE
 * with SQLite's online backup API, while the app runs: a copy of one moment, checked, as a
 * single file. FILE is not replaced unless --force is given. See db/backup.ts.
 */
import { parseArgs } from 'node:util'
import { loadConfig, ConfigError } from '../../server/config'
import { backUp, BackupError } from '../backup'
import { countsInWords, sizeInWords, whenInWords } from './backupWords'
import { complain, say } from './terminal'

const USAGE = 'Usage: npm run backup -- FILE [--force]'

export interface CommandIo {
  out: (line: string) => void
  err: (line: string) => void
}

/** Runs the command; its exit code (0 backed up, 1 not). */
export async function backupCommand(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  io: CommandIo,
): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: args.filter((arg) => arg !== '--'),
      options: { force: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    })
  } catch (error) {
    io.err(`${(error as Error).message.split('\n')[0]} ${USAGE}`)
    return 1
  }
  const [file, ...more] = parsed.positionals
  if (!file || more.length > 0) {
    io.err(`Give the file to write the backup to. ${USAGE}`)
    return 1
  }
  let databasePath: string
  try {
    databasePath = loadConfig(env).databasePath
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message)
      return 1
    }
    throw error
  }
  try {
    const summary = await backUp(databasePath, file, { force: parsed.values.force })
    io.out(`Backed up ${databasePath} to ${summary.file} (${sizeInWords(summary.bytes)}).`)
    io.out(`Taken on ${whenInWords(summary.takenAt)}; it passed its checks.`)
    io.out(`What it holds: ${countsInWords(summary.counts)}.`)
    io.out(`Its newest migration is ${summary.latestMigration ?? 'none'}.`)
    io.out(`To restore it: npm run restore -- --from ${summary.file}`)
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
  void backupCommand(process.argv.slice(2), process.env, { out: say, err: complain }).then((code) => {
    process.exitCode = code
  })
