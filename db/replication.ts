/**
 * Continuous replication with Litestream (https://litestream.io): it reads the database's WAL
 * and copies each change to a replica within the sync interval (1 s), so a machine that dies
 * loses at most the last second of writes. The replica is a folder in development and tests,
 * S3-compatible storage for real use. `npm run replicate` runs it beside the app and
 * `npm run restore -- --to FILE` brings a replica back (db/cli/); the README's "Running it for
 * real" says how.
 *
 * What Litestream asks of the app (https://litestream.io/tips/), and how db/connection.ts
 * meets it: WAL mode; busy_timeout (5 s), because Litestream takes short write locks when it
 * checkpoints; and no checkpoint that resets the WAL behind its back. Litestream holds a read
 * transaction open all the time for that reason, so the app's own `wal_checkpoint(TRUNCATE)`
 * (after a person deletes their data, and at shutdown) cannot reset the WAL while Litestream
 * runs: it waits up to busy_timeout for readers, then gives up having copied what it could,
 * and says so (`busy`). That is safe (no change is lost from the replica), but while
 * Litestream runs the WAL is emptied by Litestream's own checkpoints, not the app's.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { z } from 'zod'
import {
  BackupError,
  putCheckedCopyInPlace,
  refuseIfInUse,
  restoringBeside,
  type DatabaseCheck,
} from './backup'

/** How often Litestream copies new changes to the replica: what a crash can lose at most. */
export const SYNC_INTERVAL_SECONDS = 1

/** The sync interval in words: "every second", "within a second". */
export const SYNC_INTERVAL_IN_WORDS =
  SYNC_INTERVAL_SECONDS === 1 ? 'second' : `${SYNC_INTERVAL_SECONDS} seconds`

/**
 * How often Litestream looks at the WAL for new changes (its default is 1 s). A change waits
 * for this look before the next copy picks it up, so with the default a crash could lose up to
 * 2 s; looking every 10 ms (a read of the WAL's header) keeps the loss within the sync interval.
 */
const MONITOR_INTERVAL = '10ms'

/** Where the replica is, read from REPLICA_URL. */
export type Replica =
  | { kind: 'folder'; folder: string }
  | { kind: 's3'; url: string; bucket: string; path: string; endpoint?: string; region?: string }

/** A setting a person can fix, said in one line. */
export class ReplicationSettingError extends Error {}

/** An empty setting (as in .env.example) is taken as not set. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    schema.optional(),
  )

const settingsSchema = z.object({
  REPLICA_URL: optional(z.string().trim()),
  REPLICA_ENDPOINT: optional(z.url({ message: 'must be a full address such as https://s3.example.com' })),
  AWS_REGION: optional(z.string().trim()),
})

/**
 * The replica named by REPLICA_URL: a folder (a path, or a file:// URL) or s3://bucket/path,
 * with REPLICA_ENDPOINT for S3-compatible storage other than Amazon's and AWS_REGION. Null when
 * REPLICA_URL is not set: replication is off. Credentials are never read here: Litestream
 * takes AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY from its environment itself, so they are
 * never written into its settings file.
 */
export function loadReplica(source: NodeJS.ProcessEnv = process.env): Replica | null {
  const parsed = settingsSchema.safeParse(source)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new ReplicationSettingError(`${String(issue?.path[0])} ${issue?.message ?? 'is not right'}`)
  }
  const { REPLICA_URL: url, REPLICA_ENDPOINT: endpoint, AWS_REGION: region } = parsed.data
  if (!url) return null
  if (url.startsWith('file://')) {
    const folder = new URL(url).pathname
    if (!folder || folder === '/')
      throw new ReplicationSettingError(
        'REPLICA_URL must name a folder, such as file:///var/backups/common-ground',
      )
    return { kind: 'folder', folder: decodeURIComponent(folder) }
  }
  if (url.startsWith('s3://')) {
    const found = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url)
    if (!found?.[1])
      throw new ReplicationSettingError('REPLICA_URL must be s3://bucket/path, with a valid bucket name')
    const objectPath = (found[2] ?? '').replace(/\/+$/, '')
    return {
      kind: 's3',
      url: `s3://${found[1]}${objectPath ? `/${objectPath}` : ''}`,
      bucket: found[1],
      path: objectPath,
      ...(endpoint ? { endpoint } : {}),
      ...(region ? { region } : {}),
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url))
    throw new ReplicationSettingError(
      'REPLICA_URL must be a folder, a file:// URL or s3://bucket/path; other kinds of storage are not set up',
    )
  return { kind: 'folder', folder: path.resolve(url) }
}

/** "the folder /srv/replica" or "s3://bucket/path (at https://...)" */
export function replicaInWords(replica: Replica): string {
  if (replica.kind === 'folder') return `the folder ${replica.folder}`
  return `${replica.url}${replica.endpoint ? ` (at ${replica.endpoint})` : ''}`
}

/**
 * Litestream's settings for one database and its replica. YAML is a superset of JSON, so the
 * file is written as JSON: nothing in a path can be read as YAML syntax.
 * https://litestream.io/reference/config/
 */
export function litestreamSettings(databasePath: string, replica: Replica): object {
  const sync = { 'sync-interval': `${SYNC_INTERVAL_SECONDS}s` }
  const target =
    replica.kind === 'folder'
      ? { type: 'file', path: replica.folder, ...sync }
      : {
          type: 's3',
          bucket: replica.bucket,
          path: replica.path,
          ...(replica.region ? { region: replica.region } : {}),
          // Storage other than Amazon's (MinIO, Tigris, R2...) is addressed by path, not by
          // a bucket's own host name.
          ...(replica.endpoint ? { endpoint: replica.endpoint, 'force-path-style': true } : {}),
          ...sync,
        }
  return {
    dbs: [{ path: path.resolve(databasePath), 'monitor-interval': MONITOR_INTERVAL, replicas: [target] }],
  }
}

/**
 * Writes Litestream's settings to a file of their own in a new temporary folder; `remove`
 * deletes it again.
 */
export function writeLitestreamSettings(
  databasePath: string,
  replica: Replica,
): { file: string; remove: () => void } {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'common-ground-litestream-'))
  const file = path.join(folder, 'litestream.yml')
  fs.writeFileSync(file, `${JSON.stringify(litestreamSettings(databasePath, replica), null, 2)}\n`, {
    mode: 0o600,
  })
  return { file, remove: () => fs.rmSync(folder, { recursive: true, force: true }) }
}

/**
 * The Litestream program from @flydotio/litestream's platform package for this machine
 * (@flydotio/litestream-linux-x64, an optional dependency: the registry has no other platforms'
 * packages, and @flydotio/litestream itself would need them all in the lock file), which carries
 * the binary, so nothing is downloaded. The wrapper's own `litestream` script is not used: it runs the binary with
 * spawnSync, so signals sent to it (a stop, or a kill) would not reach Litestream.
 */
export function litestreamProgram(): string {
  const name = `@flydotio/litestream-${process.platform}-${process.arch}`
  try {
    return require.resolve(`${name}/litestream`)
  } catch {
    throw new ReplicationSettingError(
      `Litestream is not installed for this machine (${process.platform}, ${process.arch}): the package ${name} is missing. Run npm ci.`,
    )
  }
}

/**
 * Starts `litestream replicate` on the database at `databasePath`, beside the app (which may
 * be running already, or start later). Its log lines go to `output`. `stop()` asks it to stop
 * (it copies what is left first) and resolves with its exit code.
 */
export function startReplicating(
  databasePath: string,
  replica: Replica,
  output: 'inherit' | 'pipe' = 'inherit',
): { child: ChildProcess; settingsFile: string; stop: () => Promise<number | null> } {
  const settings = writeLitestreamSettings(databasePath, replica)
  const child = spawn(litestreamProgram(), ['replicate', '-config', settings.file, '-no-expand-env'], {
    stdio: ['ignore', output, output],
    // In a process group of its own, so that Ctrl+C in a terminal (which signals the whole
    // foreground group) does not stop it before the app: the caller stops it last.
    detached: true,
  })
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      settings.remove()
      resolve(code)
    }),
  )
  return {
    child,
    settingsFile: settings.file,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      return exited
    },
  }
}

/** What `litestream` printed and its exit code. */
function runLitestream(args: string[]): Promise<{ code: number | null; said: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(litestreamProgram(), args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let said = ''
    child.stdout.on('data', (chunk: Buffer) => (said += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (said += chunk.toString()))
    child.once('error', reject)
    child.once('exit', (code) => resolve({ code, said: said.trim() }))
  })
}

/**
 * Writes the state of the database at `databasePath` held by `replica` (its latest, or as it
 * was at `at`) to `work`, a file that must not exist yet, with `litestream restore`. Throws a
 * BackupError saying why, having written nothing, when it cannot.
 */
export async function restoreFromReplica(
  databasePath: string,
  replica: Replica,
  work: string,
  at?: Date,
): Promise<void> {
  const settings = writeLitestreamSettings(databasePath, replica)
  try {
    const result = await runLitestream([
      'restore',
      '-config',
      settings.file,
      '-no-expand-env',
      '-o',
      work,
      ...(at ? ['-timestamp', at.toISOString()] : []),
      path.resolve(databasePath),
    ])
    if (result.code === 0 && fs.existsSync(work)) return
    const where = replicaInWords(replica)
    if (/no matching backups|no generations|no snapshots/i.test(result.said))
      throw new BackupError(
        at
          ? `Nothing was restored: ${where} holds no copy of the database from ${at.toISOString()} or before.`
          : `Nothing was restored: ${where} holds no copy of the database.`,
      )
    throw new BackupError(
      `Nothing was restored: Litestream could not restore from ${where}. It said: ${result.said || `exit code ${result.code}`}`,
    )
  } finally {
    settings.remove()
  }
}

export interface ReplicaRestoreSummary extends DatabaseCheck {
  to: string
  /** the moment asked for, or null for the latest state the replica holds */
  at: Date | null
}

/**
 * Puts the state held by `replica` (its latest, or as it was at `at`) in the place of the
 * database at `to`: Litestream writes it beside `to`, it passes the same checks as a backup
 * (db/backup.ts), and only then is it renamed into place. A database that is open (the app
 * running) is replaced only with `force`. Throws a BackupError, having changed nothing, when
 * it cannot.
 */
export async function restoreReplica(
  replica: Replica,
  to: string,
  options: { at?: Date; force?: boolean; migrationsDir?: string } = {},
): Promise<ReplicaRestoreSummary> {
  refuseIfInUse(to, options.force)
  const work = restoringBeside(to)
  try {
    // The replica is found through Litestream's settings, which name a database: `to` serves,
    // so a new machine needs nothing but REPLICA_URL.
    await restoreFromReplica(to, replica, work, options.at)
    const check = putCheckedCopyInPlace(
      work,
      to,
      `the copy from ${replicaInWords(replica)}`,
      options.migrationsDir,
    )
    return { ...check, to, at: options.at ?? null }
  } finally {
    for (const file of [work, `${work}-wal`, `${work}-shm`, `${work}.tmp`]) fs.rmSync(file, { force: true })
  }
}
