/**
 * `npm run replicate -- --app-already-running` (db/cli/replicate.ts, from the TypeScript
 * sources with tsx) in a process of its own, beside an app on the same database file, as on a
 * real machine: the supervisor, and Litestream beneath it in a process group of its own.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { projectPath } from '../../server/paths'

export interface ReplicateCommand {
  child: ChildProcess
  exited: Promise<number | null>
  /** everything it (and Litestream, beneath it) has said so far */
  said: () => string
  /**
   * The machine dies: the supervisor and the Litestream it runs are killed with SIGKILL, with
   * no chance to copy anything more.
   */
  killEverything: () => Promise<void>
}

export function startReplicateCommand(databasePath: string, replicaUrl: string): ReplicateCommand {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', projectPath('db/cli/replicate.ts'), '--app-already-running'],
    {
      cwd: projectPath('.'),
      env: { ...process.env, NODE_ENV: 'test', DATABASE_PATH: databasePath, REPLICA_URL: replicaUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return {
    child,
    exited,
    said: () => output,
    killEverything: async () => {
      // Litestream runs in a process group of its own (so that Ctrl+C reaches the app first),
      // so it is found by its settings file, which the supervisor names when it starts.
      const settings = /Litestream's settings for this run are in (\S+) \(/.exec(output)?.[1]
      child.kill('SIGKILL')
      if (settings) {
        try {
          execFileSync('pkill', ['-KILL', '-f', settings])
        } catch {
          // pkill says 1 when nothing matched: Litestream had already gone.
        }
      }
      await exited
    },
  }
}
