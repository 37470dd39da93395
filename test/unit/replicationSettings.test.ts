import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { restoreCommand } from '../../db/cli/restore'
import {
  litestreamProgram,
  litestreamSettings,
  loadReplica,
  ReplicationSettingError,
  replicaInWords,
  writeLitestreamSettings,
} from '../../db/replication'

/** What `npm run restore` said, and its exit code. */
async function restoreSaying(args: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = []
  const err: string[] = []
  const code = await restoreCommand(args, env, {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('where the replica is, from REPLICA_URL', () => {
  it('is off when REPLICA_URL is not set, or empty as in .env.example', () => {
    expect(loadReplica({})).toBeNull()
    expect(loadReplica({ REPLICA_URL: '', REPLICA_ENDPOINT: '', AWS_REGION: '' })).toBeNull()
  })

  it('reads a folder as a path, relative to where the command runs, or as a file:// URL', () => {
    expect(loadReplica({ REPLICA_URL: '/srv/replica' })).toEqual({ kind: 'folder', folder: '/srv/replica' })
    expect(loadReplica({ REPLICA_URL: 'replica' })).toEqual({
      kind: 'folder',
      folder: path.resolve('replica'),
    })
    expect(loadReplica({ REPLICA_URL: 'file:///srv/my%20replica' })).toEqual({
      kind: 'folder',
      folder: '/srv/my replica',
    })
  })

  it('reads S3 storage with its endpoint and region', () => {
    const replica = loadReplica({
      REPLICA_URL: 's3://cg-backups/live/',
      REPLICA_ENDPOINT: 'https://s3.example.com',
      AWS_REGION: 'eu-west-2',
    })
    expect(replica).toEqual({
      kind: 's3',
      url: 's3://cg-backups/live',
      bucket: 'cg-backups',
      path: 'live',
      endpoint: 'https://s3.example.com',
      region: 'eu-west-2',
    })
    expect(replicaInWords(replica!)).toBe('s3://cg-backups/live (at https://s3.example.com)')
  })

  it('refuses what it cannot use, in one line naming the setting', () => {
    expect(() => loadReplica({ REPLICA_URL: 'gs://bucket/path' })).toThrow(
      new ReplicationSettingError(
        'REPLICA_URL must be a folder, a file:// URL or s3://bucket/path; other kinds of storage are not set up',
      ),
    )
    expect(() => loadReplica({ REPLICA_URL: 's3://' })).toThrow(/REPLICA_URL must be s3:\/\/bucket\/path/)
    expect(() => loadReplica({ REPLICA_URL: 'file:///' })).toThrow(/REPLICA_URL must name a folder/)
    expect(() => loadReplica({ REPLICA_URL: 's3://b/p', REPLICA_ENDPOINT: 'not an address' })).toThrow(
      /^REPLICA_ENDPOINT must be a full address/,
    )
  })
})

describe("Litestream's settings", () => {
  it('replicate the database to a folder every second, looking at the WAL every 10 ms, keeping 24 hours', () => {
    expect(litestreamSettings('data/cg.sqlite', { kind: 'folder', folder: '/srv/replica' })).toEqual({
      dbs: [
        {
          path: path.resolve('data/cg.sqlite'),
          'monitor-interval': '10ms',
          replicas: [
            {
              type: 'file',
              path: '/srv/replica',
              'sync-interval': '1s',
              // Old generations, erased text and all, are deleted after this (db/replication.ts).
              retention: '24h',
              'retention-check-interval': '5m',
            },
          ],
        },
      ],
    })
  })

  it('address S3-compatible storage by path, and never hold the keys', () => {
    const settings = litestreamSettings('/var/lib/cg.sqlite', {
      kind: 's3',
      url: 's3://cg/live',
      bucket: 'cg',
      path: 'live',
      endpoint: 'https://s3.example.com',
    })
    expect(settings).toEqual({
      dbs: [
        {
          path: '/var/lib/cg.sqlite',
          'monitor-interval': '10ms',
          replicas: [
            {
              type: 's3',
              bucket: 'cg',
              path: 'live',
              endpoint: 'https://s3.example.com',
              'force-path-style': true,
              'sync-interval': '1s',
              retention: '24h',
              'retention-check-interval': '5m',
            },
          ],
        },
      ],
    })
    expect(JSON.stringify(settings)).not.toMatch(/key/i)
  })

  it('are written to a temporary file only its owner can read, removed afterwards', () => {
    const written = writeLitestreamSettings('/var/lib/cg.sqlite', { kind: 'folder', folder: '/srv/replica' })
    expect(written.file.startsWith(os.tmpdir())).toBe(true)
    expect(fs.statSync(written.file).mode & 0o777).toBe(0o600)
    expect(JSON.parse(fs.readFileSync(written.file, 'utf8'))).toHaveProperty(
      'dbs.0.path',
      '/var/lib/cg.sqlite',
    )
    written.remove()
    expect(fs.existsSync(written.file)).toBe(false)
  })

  it('run the program that came inside the npm package, for this machine', () => {
    expect(litestreamProgram()).toMatch(
      /node_modules\/@flydotio\/litestream-[a-z0-9]+-[a-z0-9]+\/litestream$/,
    )
  })
})

describe('npm run restore, asked for a replica', () => {
  it('says how to give a backup or a replica when it has neither', async () => {
    const result = await restoreSaying(['--to', '/tmp/nowhere/cg.sqlite'], {})
    expect(result.code).toBe(1)
    expect(result.err).toMatch(
      /^Give the backup to restore with --from, or set REPLICA_URL to restore from the replica\. Usage:/,
    )
  })

  it('refuses a time it cannot read, and --at with a backup file', async () => {
    const notATime = await restoreSaying(['--to', '/tmp/nowhere/cg.sqlite', '--at', 'yesterday'], {
      REPLICA_URL: '/tmp/nowhere/replica',
    })
    expect(notATime.code).toBe(1)
    expect(notATime.err).toMatch(/^--at must be a date and time such as 2026-12-02T04:30:00Z/)
    const withFile = await restoreSaying(['--from', 'backup.sqlite', '--at', '2026-12-02T04:30:00Z'], {})
    expect(withFile.code).toBe(1)
    expect(withFile.err).toMatch(/^--at is for restoring from the replica/)
  })

  it('says when the replica holds nothing, and changes nothing', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-empty-replica-'))
    try {
      const target = path.join(folder, 'db', 'cg.sqlite')
      const result = await restoreSaying(['--to', target], { REPLICA_URL: path.join(folder, 'replica') })
      expect(result.code).toBe(1)
      expect(result.err).toBe(
        `Nothing was restored: the folder ${path.join(folder, 'replica')} holds no copy of the database.`,
      )
      expect(fs.readdirSync(path.join(folder, 'db'))).toEqual([])
    } finally {
      fs.rmSync(folder, { recursive: true, force: true })
    }
  })
})
