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
 *
 * Erasure (issue 13): text a person erased is gone from the database file at once, but the
 * replica's current generation (its snapshot and the WAL segments copied before) still holds
 * it. So `npm run replicate` runs Litestream through keepReplicating, which starts it again on a
 * fresh generation after each erasure or purge, and the older generations are deleted by
 * Litestream's retention (REPLICA_RETENTION_HOURS) within ERASED_KEPT_IN_REPLICA_IN_WORDS.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { z } from 'zod'
import {
  BackupError,
  putCheckedCopyInPlace,
  refuseIfInUse,
  restoringBeside,
  type DatabaseCheck,
} from './backup'
import { erasureNoteOf } from './erasureNote'

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

/**
 * How long the replica keeps history, Litestream's `retention` (its default, written out so
 * that it is a decision): `npm run restore -- --at` reaches back this far, and erased text kept
 * in the replica's older generations is deleted after it (below, and keepReplicating).
 */
export const REPLICA_RETENTION_HOURS = 24

/**
 * How often Litestream applies the retention (its `retention-check-interval`; its default is an
 * hour). Litestream 0.3.13 deletes a whole generation at a check when every snapshot in it is
 * older than the retention, so a generation that stopped at an erasure (its newest snapshot no
 * later than that) is gone at most REPLICA_RETENTION_HOURS and this long after it. The checks
 * are counted from Litestream's start, so they are kept short: Litestream is started again
 * after each erasure (keepReplicating), and an hour's interval could then never come round on a
 * day with many erasures. A check lists the replica's snapshots, which costs little.
 */
const RETENTION_CHECK_MINUTES = 5

/** "24 hours and 5 minutes": the longest erased text stays in the replica's older generations. */
export const ERASED_KEPT_IN_REPLICA_IN_WORDS = `${REPLICA_RETENTION_HOURS} hours and ${RETENTION_CHECK_MINUTES} minutes`

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
  const sync = {
    'sync-interval': `${SYNC_INTERVAL_SECONDS}s`,
    retention: `${REPLICA_RETENTION_HOURS}h`,
    'retention-check-interval': `${RETENTION_CHECK_MINUTES}m`,
  }
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

/** How often keepReplicating looks for the erasure note (a stat of one file). */
const NOTE_POLL_MS = 250

/** How long keepReplicating waits for Litestream, started again, to begin its new generation. */
const NEW_GENERATION_WAIT_MS = 15_000

/** How often a fresh generation is tried for one note, and the wait between tries. */
const RENEW_TRIES = 3
const RENEW_RETRY_MS = 5_000

/**
 * The name of the generation Litestream is replicating, from the "generation" file in the
 * folder it keeps beside the database (`.<file>-litestream`); null before it has one.
 */
export function currentGeneration(databasePath: string): string | null {
  const file = path.resolve(databasePath)
  const named = path.join(path.dirname(file), `.${path.basename(file)}-litestream`, 'generation')
  try {
    return fs.readFileSync(named, 'utf8').trim() || null
  } catch {
    return null
  }
}

/**
 * `wal_checkpoint(TRUNCATE)` on a connection of its own, while Litestream is stopped: with its
 * read transaction gone, everything in the WAL reaches the file and the WAL is reset. Any
 * connection may do this for all of them. True when the WAL was reset (or there is no
 * database yet); false when a reader held it past the busy timeout.
 */
function emptyWal(databasePath: string): boolean {
  if (!fs.existsSync(databasePath)) return true
  let db: Database.Database | null = null
  try {
    db = new Database(databasePath, { fileMustExist: true })
    db.pragma('busy_timeout = 5000')
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[]
    return result === undefined || result.busy === 0
  } catch {
    return false
  } finally {
    db?.close()
  }
}

/** How often the supervisor asks whether the app has written (PRAGMA data_version). */
const HEARTBEAT_POLL_MS = 250

/**
 * A lone write can wait in the WAL, uncopied, until the next one. Litestream 0.3.13 reads the
 * WAL's size and then copies up to it; a commit that lands between the two is left for its next
 * look, and that look only copies again when the WAL has grown since. Under a steady stream of
 * writes the next write comes soon; a write that is the last for a while (a volunteer's consent
 * at a quiet hour) could then sit uncopied for as long as the app stays quiet, past the sync
 * interval that a crash is promised to lose at most.
 *
 * So the supervisor watches for the app's writes with `PRAGMA data_version` (which changes when
 * another connection commits, never for its own) and, once a burst of them has been followed by
 * one quiet look, rewrites the one row of replica_heartbeat (migrations/0043). That grows the
 * WAL, and Litestream's next look copies everything, the lone write included. It writes once
 * per burst, not on a timer, so an idle database stays idle: its own beat does not count as a
 * write of the app's, nor does Litestream's own write after a checkpoint (below). The extra delay for the lone write is at most two looks (HEARTBEAT_POLL_MS
 * each) on top of the sync interval. A beat that finds the database busy, or the table not yet
 * made (the app has not started on a new file), is skipped: the next write of the app's does
 * the same job.
 */
export function watchForLoneWrites(databasePath: string): { look: () => boolean; close: () => void } {
  let db: Database.Database | null = null
  let lastVersion: number | null = null
  let lastLitestreamSeq: number | null = null
  let wroteSinceLastLook = false
  // Litestream writes too: after each of its checkpoints (once a minute while the WAL holds
  // anything) it adds one to _litestream_seq, so that the WAL starts again. That write is
  // copied by Litestream itself, straight after, and is not the app's: counting it would beat
  // after every checkpoint, and each beat would leave something for the next checkpoint, a beat
  // a minute on a database nobody uses. So a change that came with a new seq is taken as
  // Litestream's. An app write in the same quarter second goes without its beat; the copy
  // Litestream makes after its checkpoint, from where its last copy ended, takes it too.
  const litestreamSeq = (connection: Database.Database): number | null => {
    try {
      const row = connection.prepare('SELECT seq FROM _litestream_seq WHERE id = 1').get() as
        { seq: number } | undefined
      return row?.seq ?? null
    } catch {
      return null
    }
  }
  const open = (): Database.Database | null => {
    if (db) return db
    if (!fs.existsSync(databasePath)) return null
    try {
      db = new Database(databasePath, { fileMustExist: true })
      // Never long: the supervisor has a note to watch and signals to pass on.
      db.pragma('busy_timeout = 200')
      return db
    } catch {
      db = null
      return null
    }
  }
  return {
    /** One look; true when it wrote a beat. */
    look: () => {
      const connection = open()
      if (!connection) return false
      try {
        const version = connection.pragma('data_version', { simple: true }) as number
        const seq = litestreamSeq(connection)
        if (lastVersion !== null && version !== lastVersion) {
          if (seq === lastLitestreamSeq) wroteSinceLastLook = true
          lastVersion = version
          lastLitestreamSeq = seq
          return false
        }
        lastVersion = version
        lastLitestreamSeq = seq
        if (!wroteSinceLastLook) return false
        wroteSinceLastLook = false
        connection
          .prepare(
            `INSERT INTO replica_heartbeat (id, beat_at) VALUES (1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
             ON CONFLICT (id) DO UPDATE SET beat_at = excluded.beat_at`,
          )
          .run()
        return true
      } catch {
        // Busy, or no table yet: skipped, as above.
        return false
      }
    },
    close: () => {
      db?.close()
      db = null
    },
  }
}

export interface KeepReplicatingOptions {
  /** Where Litestream's own log lines go: the terminal, or a function (tests). */
  output?: 'inherit' | ((text: string) => void)
  /** Where what this supervisor does is said. */
  io?: { out: (line: string) => void; err: (line: string) => void }
}

export interface Replicating {
  /** Litestream's settings file, kept for as long as it runs. */
  settingsFile: string
  /** Resolves with Litestream's exit code if it stops without being asked: nothing is replicated then. */
  stoppedByItself: Promise<number | null>
  /** How many times the replica was started on a fresh generation after an erasure. */
  readonly renewals: number
  /** How many times a lone write was followed by a beat (watchForLoneWrites). */
  readonly beats: number
  /** Stops Litestream (it copies what is left first), once any fresh start under way is done; its exit code. */
  stop: () => Promise<number | null>
}

/**
 * Runs `litestream replicate` on the database at `databasePath`, as startReplicating does, and
 * gives the replica a fresh generation after each erasure (issue 13). When an erasure or a purge
 * has removed personal data, the app leaves a note beside the database (db/erasureNote.ts). The
 * file no longer holds the text, but the replica's current generation does (its snapshot and the
 * WAL segments copied before), and Litestream's read transaction keeps the app's checkpoint from
 * resetting the WAL. So, on finding the note, this removes it and then:
 *
 * 1. stops Litestream with SIGTERM: it copies the last of the WAL to the replica and releases
 *    its read transaction;
 * 2. checkpoints with TRUNCATE on its own connection (emptyWal): the file now holds every
 *    write, the erasure's zeroed pages too, and the WAL is reset;
 * 3. starts Litestream again. Its shadow WAL no longer matches the reset WAL, so it begins a new
 *    generation, whose snapshot is the file as it is now, and removes the old generation's
 *    shadow WAL from its own folder beside the database. This is checked: the generation's name
 *    must change, or it is tried again (a search holding a read can stop step 2 resetting the
 *    WAL), RENEW_TRIES times in all.
 *
 * Notes that come while a fresh start is under way are taken together in one more afterwards;
 * only one runs at a time. The app goes on writing throughout, and nothing is lost: writes
 * before step 1 are copied by it; writes after it are in the file or the WAL, and so in the new
 * generation's snapshot or its first WAL segment. What a crash of the machine could lose is the
 * writes made from step 1 until the new snapshot has reached the replica (usually well under a
 * second for a folder; for S3, the time to upload the compressed database) and the sync
 * interval after it; the replica still holds everything up to step 1.
 *
 * The old generation, with the erased text in it, stays in the replica until Litestream's
 * retention deletes it: within ERASED_KEPT_IN_REPLICA_IN_WORDS (REPLICA_RETENTION_HOURS). A
 * restore of a moment before the erasure (`--at`) comes from it until then.
 */
export function keepReplicating(
  databasePath: string,
  replica: Replica,
  options: KeepReplicatingOptions = {},
): Replicating {
  const { output = 'inherit', io = { out: () => undefined, err: () => undefined } } = options
  const note = erasureNoteOf(databasePath)
  const settings = writeLitestreamSettings(databasePath, replica)
  const asked = new Set<ChildProcess>()
  let stopping = false
  let renewals = 0
  let stoppedByItselfWith: (code: number | null) => void = () => undefined
  const stoppedByItself = new Promise<number | null>((resolve) => (stoppedByItselfWith = resolve))

  const launch = (): { child: ChildProcess; exited: Promise<number | null> } => {
    const child = spawn(litestreamProgram(), ['replicate', '-config', settings.file, '-no-expand-env'], {
      stdio: ['ignore', output === 'inherit' ? 'inherit' : 'pipe', output === 'inherit' ? 'inherit' : 'pipe'],
      // A process group of its own, as in startReplicating.
      detached: true,
    })
    if (typeof output === 'function') {
      child.stdout?.on('data', (chunk: Buffer) => output(chunk.toString()))
      child.stderr?.on('data', (chunk: Buffer) => output(chunk.toString()))
    }
    const exited = new Promise<number | null>((resolve) => {
      const done = (code: number | null) => {
        if (!asked.has(child)) stoppedByItselfWith(code)
        resolve(code)
      }
      child.once('exit', done)
      child.once('error', () => done(null))
    })
    return { child, exited }
  }
  const stopOne = (running: { child: ChildProcess; exited: Promise<number | null> }) => {
    asked.add(running.child)
    if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGTERM')
    return running.exited
  }

  /** One fresh start; true when Litestream began a new generation. */
  const renewOnce = async (): Promise<boolean> => {
    fs.rmSync(note, { force: true })
    const before = currentGeneration(databasePath)
    await stopOne(litestream)
    const emptied = emptyWal(databasePath)
    litestream = launch()
    const until = Date.now() + NEW_GENERATION_WAIT_MS
    let after = currentGeneration(databasePath)
    while ((after === null || after === before) && Date.now() < until && !stopping) {
      if (litestream.child.exitCode !== null || litestream.child.signalCode !== null) return false
      await new Promise((resolve) => setTimeout(resolve, 20))
      after = currentGeneration(databasePath)
    }
    if (after === null || after === before) {
      if (!stopping)
        io.err(
          `Litestream did not start a fresh generation after an erasure${emptied ? '' : ' (the write-ahead log could not be emptied: a search was reading)'}; the replica's newest generation still holds what was erased.`,
        )
      return false
    }
    renewals++
    io.out(
      `Something was erased, so the replica now starts from a fresh copy without it (generation ${after}). Earlier copies are deleted within ${ERASED_KEPT_IN_REPLICA_IN_WORDS}.`,
    )
    return true
  }

  let wanted = false
  let renewing: Promise<void> | null = null
  const renew = (): void => {
    wanted = true
    renewing ??= (async () => {
      let tries = 0
      while (wanted && !stopping) {
        wanted = false
        if (await renewOnce()) tries = 0
        else if (++tries < RENEW_TRIES && !stopping) {
          io.err(`Trying again in ${RENEW_RETRY_MS / 1000} seconds.`)
          await new Promise((resolve) => setTimeout(resolve, RENEW_RETRY_MS))
          wanted = true
        } else tries = 0
      }
    })()
      .catch((error: unknown) =>
        io.err(
          `A fresh generation could not be started: ${error instanceof Error ? error.message : String(error)}`,
        ),
      )
      .finally(() => {
        renewing = null
        // A note that came after the last check of `wanted` still gets its fresh start.
        if (wanted && !stopping) renew()
      })
  }

  // A note left while nothing was replicating (the app under plain `npm start`, say): the WAL
  // is emptied before Litestream starts, so that it begins on a fresh generation.
  if (fs.existsSync(note)) {
    fs.rmSync(note, { force: true })
    emptyWal(databasePath)
  }
  let litestream = launch()
  fs.watchFile(note, { interval: NOTE_POLL_MS }, (now) => {
    if (now.mtimeMs > 0) renew()
  })
  const loneWrites = watchForLoneWrites(databasePath)
  let beats = 0
  const beating = setInterval(() => {
    // Not while Litestream is being started again: the fresh generation's snapshot is taken
    // then, and a beat would only make its checkpoint wait.
    if (!renewing && loneWrites.look()) beats++
  }, HEARTBEAT_POLL_MS)

  let stopped: Promise<number | null> | null = null
  return {
    settingsFile: settings.file,
    stoppedByItself,
    get renewals() {
      return renewals
    },
    get beats() {
      return beats
    },
    stop: () =>
      (stopped ??= (async () => {
        stopping = true
        fs.unwatchFile(note)
        clearInterval(beating)
        loneWrites.close()
        await renewing
        const code = await stopOne(litestream)
        settings.remove()
        return code
      })()),
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
