/**
 * What the command-line tools share: plain lines to the terminal (these are the commands'
 * own output, not app logs), and opening the configured database with problems a person can
 * fix said in one line.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { loadConfig, ConfigError, type Config } from '../../server/config'
import { openDatabase, type Db } from '../connection'
import { migrate, MigrationError } from '../migrate'

export const say = (line: string): void => {
  process.stdout.write(`${line}\n`)
}

export const complain = (line: string): void => {
  process.stderr.write(`${line}\n`)
}

export interface OpenedDatabase {
  config: Config
  db: Db
  /** migrations applied just now */
  applied: string[]
}

/** The database named by DATABASE_PATH, migrated; null (having said why) when it cannot be. */
export function openConfiguredDatabase(): OpenedDatabase | null {
  let config: Config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      complain(error.message)
      return null
    }
    throw error
  }
  const db = openDatabase(config.databasePath)
  try {
    return { config, db, applied: migrate(db).applied }
  } catch (error) {
    db.close()
    if (error instanceof MigrationError) {
      complain(error.message)
      return null
    }
    throw error
  }
}

/** Where a command writes its lines: the terminal, or a test's lists. */
export interface CommandIo {
  out: (line: string) => void
  err: (line: string) => void
}

/**
 * The command line read strictly (node:util's parseArgs, with npm's `--` left out, over any
 * `args` in `config`); null,
 * having said what was wrong and how to use the command, when it cannot be.
 */
export function readCommandLine<T extends ParseArgsConfig & { strict: true }>(
  args: readonly string[],
  config: T,
  usage: string,
  io: Pick<CommandIo, 'err'>,
): ReturnType<typeof parseArgs<T>> | null {
  try {
    return parseArgs<T>({ ...config, args: args.filter((arg) => arg !== '--') })
  } catch (error) {
    io.err(`${(error as Error).message.split('\n')[0]} ${usage}`)
    return null
  }
}

/** A command: given its arguments and environment, says what it did and gives its exit code. */
export type Command = (args: readonly string[], env: NodeJS.ProcessEnv, io: CommandIo) => Promise<number>

/** Runs a command from the terminal when its file is the one node was started with. */
export function runFromTerminal(module: NodeJS.Module, command: Command): void {
  if (require.main !== module) return
  void command(process.argv.slice(2), process.env, { out: say, err: complain }).then((code) => {
    process.exitCode = code
  })
}
