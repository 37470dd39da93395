/**
 * Backups you can hold: `npm run backup` copies the live database while the app writes, and
 * `npm run restore` checks a copy before it takes the database's place, refusing what it
 * cannot trust and saying plainly what it restored.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import request from 'supertest'
import { backupCommand } from '../../db/cli/backup'
import { restoreCommand } from '../../db/cli/restore'
import { openDatabase, type Db } from '../../db/connection'
import { appMigrations, migrate } from '../../db/migrate'
import { OutboxRepository } from '../../db/repositories/outboxRepository'
import { seedDemoData } from '../../db/seed'
import { projectPath } from '../../server/paths'
import { aTestApp } from '../support/testApp'

jest.setTimeout(120_000)

let folder: string
let livePath: string
let live: Db
/** one backup of the demo data, taken while nothing else writes, for the stories that spoil it */
let demoBackup: string

/** What a command said, and its exit code. */
async function run(
  command: typeof backupCommand,
  args: string[],
  env: NodeJS.ProcessEnv = { DATABASE_PATH: livePath },
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = []
  const err: string[] = []
  const code = await command(args, env, { out: (line) => out.push(line), err: (line) => err.push(line) })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

/** A copy of the demo backup, changed by `spoil` through SQL as a damaged or odd file would be. */
function aSpoiledBackup(name: string, spoil: (db: Db) => void): string {
  const file = path.join(folder, name)
  fs.copyFileSync(demoBackup, file)
  const db = openDatabase(file)
  spoil(db)
  db.pragma('journal_mode = DELETE')
  db.close()
  return file
}

/** The files in a folder, so a story can see that nothing was left half done. */
const filesIn = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [])

/** A page's main part, without what differs on every request (the scripts' nonce). */
async function mainOf(app: Parameters<typeof request>[0], url: string): Promise<string> {
  const response = await request(app).get(url)
  expect(response.status).toBe(200)
  const main = /<main[^]*<\/main>/.exec(response.text)?.[0] ?? ''
  expect(main.length).toBeGreaterThan(500)
  return main.replace(/nonce="[^"]*"/g, '')
}

beforeAll(async () => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-backup-'))
  livePath = path.join(folder, 'live', 'common-ground.sqlite')
  live = openDatabase(livePath)
  migrate(live)
  seedDemoData(live)
  demoBackup = path.join(folder, 'demo-backup.sqlite')
  expect((await run(backupCommand, [demoBackup])).code).toBe(0)
})

afterAll(() => {
  live.close()
  fs.rmSync(folder, { recursive: true, force: true })
})

describe('backing up and restoring', () => {
  it('backs up the demo data while the app writes, and the restored copy answers the same pages', async () => {
    const outboxBefore = new OutboxRepository(live).total()
    const writer = spawn(
      process.execPath,
      ['--import', 'tsx', projectPath('test/support/busyWriter.ts'), livePath],
      {
        cwd: projectPath('.'),
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    )
    await new Promise<void>((resolve) => writer.stdout?.once('data', () => resolve()))
    const backupFile = path.join(folder, 'while-writing.sqlite')
    let backedUp
    try {
      backedUp = await run(backupCommand, ['--', backupFile])
    } finally {
      writer.kill('SIGKILL')
      await new Promise((resolve) => writer.once('exit', resolve))
    }
    const outboxAfter = new OutboxRepository(live).total()
    expect(outboxAfter).toBeGreaterThan(outboxBefore) // the writes went on around the backup

    expect(backedUp.code).toBe(0)
    expect(backedUp.out).toContain(`Backed up ${livePath} to ${backupFile}`)
    expect(backedUp.out).toMatch(/Taken on \w+, \d+ \w+ 20\d\d at \d\d:\d\d:\d\d UTC; it passed its checks/)
    expect(backedUp.out).toMatch(/What it holds: hubs: 6, organisations: \d+, groups and services: \d+/)
    expect(fs.existsSync(`${backupFile}-wal`)).toBe(false) // one file, whole

    const restoredPath = path.join(folder, 'new-machine', 'common-ground.sqlite')
    const restored = await run(restoreCommand, ['--from', backupFile, '--to', restoredPath])
    expect(restored.err).toBe('')
    expect(restored.code).toBe(0)
    expect(restored.out).toContain(`Restored ${backupFile} to ${restoredPath}. It passed every check.`)
    expect(restored.out).toMatch(/The backup was taken on \w+, \d+ \w+ 20\d\d at \d\d:\d\d:\d\d UTC\./)
    expect(restored.out).toMatch(/What it holds: hubs: 6, /)
    expect(restored.out).toContain(`Its newest migration is ${appMigrations().at(-1)?.name}.`)
    expect(filesIn(path.dirname(restoredPath))).toEqual(['common-ground.sqlite'])

    const copy = openDatabase(restoredPath)
    try {
      expect(migrate(copy).applied).toEqual([])
      // The copy is of one moment: it has the writes up to then, and none half made.
      const outboxInCopy = new OutboxRepository(copy).total()
      expect(outboxInCopy).toBeGreaterThanOrEqual(outboxBefore)
      expect(outboxInCopy).toBeLessThanOrEqual(outboxAfter)
      const walk = copy
        .prepare<[string], { id: number }>('SELECT id FROM services WHERE name = ?')
        .get('Porter Brook morning walk')
      expect(walk).toBeDefined()

      const before = aTestApp({ db: live }).app
      const after = aTestApp({ db: copy }).app
      for (const url of [
        '/',
        '/search?q=walk',
        '/search?q=lunch&where=Sheffield',
        `/services/${walk?.id}`,
        '/hubs/thanet',
      ])
        expect(await mainOf(after, url)).toEqual(await mainOf(before, url))
    } finally {
      copy.close()
    }
  })

  it('refuses a file that is not a SQLite database, in plain words and with exit code 1', async () => {
    const notes = path.join(folder, 'notes.txt')
    fs.writeFileSync(notes, 'These are not the droids you are looking for.\n')
    const target = path.join(folder, 'from-notes', 'common-ground.sqlite')

    // The real command, in a process of its own, for its exit code.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', projectPath('db/cli/restore.ts'), '--from', notes, '--to', target],
      { cwd: projectPath('.'), stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let stderr = ''
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))

    expect(code).toBe(1)
    expect(stderr.trim()).toBe(
      `Nothing was restored. ${notes} is not a SQLite database, so it cannot be a backup of Common Ground.`,
    )
    expect(filesIn(path.dirname(target))).toEqual([])
  })

  it('refuses a damaged backup and leaves the database it would have replaced as it was', async () => {
    const damaged = path.join(folder, 'damaged.sqlite')
    const bytes = fs.readFileSync(demoBackup)
    const pageSize = bytes.readUInt16BE(16)
    // Pages 20 to 29 overwritten with noise, as a failing disk might.
    bytes.fill(0x5a, pageSize * 20, pageSize * 30)
    fs.writeFileSync(damaged, bytes)
    const target = path.join(folder, 'kept', 'common-ground.sqlite')
    fs.mkdirSync(path.dirname(target))
    fs.copyFileSync(demoBackup, target)
    const targetBefore = fs.readFileSync(target)

    const result = await run(restoreCommand, ['--from', damaged, '--to', target])

    expect(result.code).toBe(1)
    expect(result.err).toMatch(/^Nothing was restored/)
    expect(result.err).toMatch(/integrity check found damage|cannot read/)
    expect(fs.readFileSync(target).equals(targetBefore)).toBe(true)
    expect(filesIn(path.dirname(target))).toEqual(['common-ground.sqlite'])
  })

  it('refuses a backup missing a migration older than its newest, naming it', async () => {
    const gap = aSpoiledBackup('gap.sqlite', (db) =>
      db.prepare('DELETE FROM schema_migrations WHERE name = ?').run('0010_hub_contact.sql'),
    )

    const result = await run(restoreCommand, ['--from', gap, '--to', path.join(folder, 'gap', 'db.sqlite')])

    expect(result.code).toBe(1)
    expect(result.err).toContain(
      'It is missing migrations older than its newest one (0010_hub_contact.sql), so no version of the app made it.',
    )
    expect(filesIn(path.join(folder, 'gap'))).toEqual([])
  })

  it('refuses a backup from a newer version of the app, naming the migrations it does not know', async () => {
    const newer = aSpoiledBackup('newer.sqlite', (db) =>
      db
        .prepare('INSERT INTO schema_migrations (name, checksum) VALUES (?, ?)')
        .run('0099_from_the_future.sql', 'abc'),
    )

    const result = await run(restoreCommand, [
      '--from',
      newer,
      '--to',
      path.join(folder, 'newer', 'db.sqlite'),
    ])

    expect(result.code).toBe(1)
    expect(result.err).toContain(
      'It has migrations this version of the app does not know: 0099_from_the_future.sql.',
    )
  })

  it('restores a backup made by an earlier version, and says which migrations the app will add', async () => {
    const migrations = fs
      .readdirSync(projectPath('migrations'))
      .filter((file) => file.endsWith('.sql'))
      .sort()
    const newest = migrations.at(-1) as string
    const earlierDir = path.join(folder, 'earlier-migrations')
    fs.mkdirSync(earlierDir)
    for (const file of migrations.slice(0, -1))
      fs.copyFileSync(projectPath('migrations', file), path.join(earlierDir, file))
    const earlierPath = path.join(folder, 'earlier', 'common-ground.sqlite')
    const earlier = openDatabase(earlierPath)
    migrate(earlier, earlierDir)
    earlier.close()
    const earlierBackup = path.join(folder, 'earlier-backup.sqlite')
    expect((await run(backupCommand, [earlierBackup], { DATABASE_PATH: earlierPath })).code).toBe(0)

    const target = path.join(folder, 'from-earlier', 'common-ground.sqlite')
    const result = await run(restoreCommand, ['--from', earlierBackup, '--to', target])

    expect(result.code).toBe(0)
    expect(result.out).toContain(
      `It was made by an earlier version of the app: 1 newer migration(s) (${newest}) will be applied when the app starts.`,
    )
    const restored = openDatabase(target)
    expect(migrate(restored).applied).toEqual([newest])
    restored.close()
  })

  it('will not replace the database of a running app unless told to with --force', async () => {
    const target = path.join(folder, 'running', 'common-ground.sqlite')
    const app = openDatabase(target)
    migrate(app)

    const refused = await run(restoreCommand, ['--from', demoBackup, '--to', target])
    expect(refused.code).toBe(1)
    expect(refused.err).toContain(`${target} is open in a running app. Stop the app first, then restore.`)
    expect(app.prepare<[], { hubs: number }>('SELECT COUNT(*) AS hubs FROM hubs').get()?.hubs).toBe(0)

    const forced = await run(restoreCommand, ['--from', demoBackup, '--to', target, '--force'])
    app.close()
    expect(forced.code).toBe(0)
    const restored = openDatabase(target)
    expect(restored.prepare<[], { hubs: number }>('SELECT COUNT(*) AS hubs FROM hubs').get()?.hubs).toBe(6)
    restored.close()
  })

  it('will not write a backup over an existing file unless told to with --force', async () => {
    const result = await run(backupCommand, [demoBackup])

    expect(result.code).toBe(1)
    expect(result.err).toBe(
      `${demoBackup} already exists. Choose another name, or add --force to replace it.`,
    )
  })
})
