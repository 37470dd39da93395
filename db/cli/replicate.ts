/**
 * npm run replicate [-- --app-already-running]
 *
 * Runs the app and Litestream together, Litestream copying every change to the database named
 * by DATABASE_PATH to the replica at REPLICA_URL within a second. With --app-already-running,
 * only Litestream starts, beside an app already running on the same database file. Stopping
 * (SIGTERM or Ctrl-C) stops the app first, so its last writes are in the WAL, then Litestream,
 * which copies them before it exits. If either stops by itself, the other is stopped too: an
 * app that runs on without its replica would break the promise that nothing is lost.
 * After an erasure or a purge the app leaves a note beside the database (db/erasureNote.ts),
 * and Litestream is started again on a fresh generation without what was erased; the note is
 * a file, so this works with --app-already-running and with `npm run purge` too.
 * See db/replication.ts (keepReplicating).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { projectPath } from '../../server/paths'
import {
  loadReplica,
  ReplicationSettingError,
  keepReplicating,
  replicaInWords,
  SYNC_INTERVAL_IN_WORDS,
} from '../replication'
import { configuredDatabasePath } from './backupWords'
import { complain, readCommandLine, say } from './terminal'

const USAGE = 'Usage: npm run replicate [-- --app-already-running]'

const exitedOf = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode)
    else child.once('exit', (code) => resolve(code))
  })

async function main(): Promise<number> {
  const io = { out: say, err: complain }
  const parsed = readCommandLine(
    process.argv.slice(2),
    { options: { 'app-already-running': { type: 'boolean' } }, strict: true, allowPositionals: false },
    USAGE,
    io,
  )
  if (!parsed) return 1
  const databasePath = configuredDatabasePath(process.env, io)
  if (!databasePath) return 1
  let replica
  try {
    replica = loadReplica(process.env)
  } catch (error) {
    if (error instanceof ReplicationSettingError) {
      complain(error.message)
      return 1
    }
    throw error
  }
  if (!replica) {
    complain(
      'Replication is off: set REPLICA_URL to a folder (or file:// URL), or to s3://bucket/path with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. npm start runs the app without it.',
    )
    return 1
  }

  let litestream
  try {
    litestream = keepReplicating(databasePath, replica, { io })
  } catch (error) {
    if (error instanceof ReplicationSettingError) {
      complain(error.message)
      return 1
    }
    throw error
  }
  say(
    `Replicating ${databasePath} to ${replicaInWords(replica)}, copying new changes every ${SYNC_INTERVAL_IN_WORDS}.`,
  )
  say(`Litestream's settings for this run are in ${litestream.settingsFile} (removed when it stops).`)

  const app = parsed.values['app-already-running']
    ? null
    : spawn(process.execPath, ['--max-old-space-size=256', projectPath('dist/server/index.js')], {
        stdio: 'inherit',
        // Its own process group, like Litestream's: only this command signals it.
        detached: true,
      })
  if (app) say('Starting the app beside it.')
  else say('The app is not started: Litestream runs beside the one already running on that file.')

  let stopping: Promise<void> | null = null
  // The app first: it finishes its requests and closes the database; then Litestream copies
  // the last of its changes and stops. Asked twice (a signal, then the app's exit), it is done once.
  const stopAll = (): Promise<void> =>
    (stopping ??= (async () => {
      if (app && app.exitCode === null && app.signalCode === null) app.kill('SIGTERM')
      if (app) await exitedOf(app)
      await litestream.stop()
    })())
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stopAll())

  const appExit = app ? exitedOf(app) : new Promise<never>(() => undefined)
  const first = await Promise.race([
    appExit.then((code) => ({ who: 'app', code })),
    litestream.stoppedByItself.then((code) => ({ who: 'litestream', code })),
  ])
  const asked = stopping !== null
  if (!asked)
    complain(
      first.who === 'app'
        ? `The app stopped (exit code ${first.code}), so Litestream is stopped too.`
        : `Litestream stopped (exit code ${first.code}), so nothing is being replicated${app ? '; the app is stopped too' : ''}.`,
    )
  await stopAll()
  const appCode = app ? await appExit : 0
  say(`Stopped. The replica at ${replicaInWords(replica)} holds every change copied until now.`)
  // Asked to stop, the app's own exit code; stopped by itself, a failure.
  return asked ? (appCode ?? 1) : 1
}

if (require.main === module)
  void main().then((code) => {
    process.exitCode = code
  })
