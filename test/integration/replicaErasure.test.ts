/**
 * Nothing erased lives on in the replica's newest generation (issue 13). The app runs over a
 * real database file, and `npm run replicate -- --app-already-running` in a process of its own
 * runs Litestream beside it (db/replication.ts, keepReplicating); a person shares her skills in words found nowhere else, and the replica's
 * files are seen to hold them (so the check can fail). She deletes her data through "Your
 * profile", and a coordinator erases another person straight after; Litestream is started again
 * on a fresh generation, and every file of that generation, decompressed (lz4), holds none of
 * their words, nor does Litestream's own folder beside the database. What was written before
 * and after the erasures is still restored by `npm run restore -- --to FILE`.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { decompress } from 'lz4js'
import request from 'supertest'
import { openDatabase } from '../../db/connection'
import { erasureNoteOf } from '../../db/erasureNote'
import { migrate } from '../../db/migrate'
import { restoreCommand } from '../../db/cli/restore'
import { currentGeneration } from '../../db/replication'
import { DAY_MS, isoSecond } from '../../server/services/accounts/times'
import { aHub, aPerson } from '../builders'
import { aBrowser, anAccount } from '../support/accounts'
import { shareSkills } from '../support/sharing'
import { startReplicateCommand, type ReplicateCommand } from '../support/replicateCommand'
import { aTestApp, type TestApp } from '../support/testApp'

// Signing in hashes a password with Argon2id; Litestream starts twice or three times.
jest.setTimeout(90_000)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits (up to `ms`) until `check` is true; whether it became true. */
async function until(check: () => boolean, ms = 15_000): Promise<boolean> {
  const by = Date.now() + ms
  while (!check()) {
    if (Date.now() > by) return false
    await sleep(50)
  }
  return true
}

let folder: string
let file: string
let replicaFolder: string
let testApp: TestApp
let supervisor: ReplicateCommand | null = null

beforeEach(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-replica-erasure-'))
  file = path.join(folder, 'live', 'common-ground.sqlite')
  replicaFolder = path.join(folder, 'replica')
  const db = openDatabase(file)
  migrate(db)
  testApp = aTestApp({ db })
})

afterEach(async () => {
  if (supervisor && supervisor.child.exitCode === null) {
    supervisor.child.kill('SIGTERM')
    await supervisor.exited
  }
  supervisor = null
  if (testApp.db.open) testApp.db.close()
  fs.rmSync(folder, { recursive: true, force: true })
})

/** What the command says each time it has started the replica on a fresh generation. */
const FRESH_START = 'so the replica now starts from a fresh copy without it'

/** The name of every file of one generation in the replica folder, inside the generation. */
function filesOfGeneration(generation: string): string[] {
  const root = path.join(replicaFolder, 'generations', generation)
  // Litestream names a generation beside the database a moment before its first file is copied.
  if (!fs.existsSync(root)) return []
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
}

/** The replica's generations, newest first (by when each one's first snapshot was written). */
function generationsNewestFirst(): string[] {
  const root = path.join(replicaFolder, 'generations')
  if (!fs.existsSync(root)) return []
  const startedAt = (generation: string) => {
    const snapshots = path.join(root, generation, 'snapshots')
    if (!fs.existsSync(snapshots)) return 0
    return Math.min(
      ...fs.readdirSync(snapshots).map((name) => fs.statSync(path.join(snapshots, name)).mtimeMs),
    )
  }
  return fs.readdirSync(root).sort((a, b) => startedAt(b) - startedAt(a))
}

/**
 * What one generation holds, as text: each file decompressed (Litestream 0.3 writes its
 * snapshots and WAL segments as lz4 frames), in lower case. A file Litestream is still writing
 * (`.tmp`, renamed when whole) is left out while it runs; once it has stopped there is none.
 */
function textOfGeneration(generation: string): string {
  const root = path.join(replicaFolder, 'generations', generation)
  return filesOfGeneration(generation)
    .filter((name) => !name.endsWith('.tmp'))
    .map((name) => {
      if (!name.endsWith('.lz4')) throw new Error(`An unexpected file in the replica: ${name}`)
      const bytes = fs.readFileSync(path.join(root, name))
      return Buffer.from(decompress(bytes)).toString('latin1').toLowerCase()
    })
    .join('\n')
}

/** Every file in Litestream's folder beside the database (its shadow WAL), as text. */
function textOfLitestreamFolder(): string {
  const root = path.join(path.dirname(file), `.${path.basename(file)}-litestream`)
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name)).toString('latin1').toLowerCase())
    .join('\n')
}

const holding = (text: string, words: readonly string[]) =>
  words.filter((word) => text.includes(word.toLowerCase()))

const HERS = ['Quillithorne', 'Marbleswoop', 'Tinkerhollow', 'quillithorne.own@example.com']
const HIS = ['Brambleducket', 'Fernwhistlewick', 'brambleducket@example.net']

describe('erasing a person while Litestream replicates', () => {
  it('leaves none of their words in the replica’s newest generation, and loses no other write', async () => {
    const { db, services, app } = testApp
    const hubId = aHub(db, {
      slug: 'thanet',
      name: 'Thanet',
      latitude: 51.36,
      longitude: 1.4,
      radiusMiles: 6,
    })
    aHub(db, { slug: 'written-before', name: 'Written before the erasures' })
    const account = await anAccount(db, { email: 'quill.account@example.org', name: 'Quillithorne' })
    shareSkills(services.sharing, account.id, {
      firstName: 'Ottilie',
      lastName: 'Quillithorne',
      postcodeDistrict: 'CT9',
      placeLabel: 'Margate',
      hubSlug: 'thanet',
      skills: ['gardening'],
      skillsInOwnWords: 'I mend Marbleswoop clocks and grow beans.',
      wouldLikeToShare: 'Showing people how to tie Tinkerhollow knots.',
      howOften: 'few-hours-month',
      availability: 'Weekday mornings',
      contactWays: ['through-hub', 'email'],
      email: 'quillithorne.own@example.com',
      visibility: 'public',
      agreedVersion: services.sharing.consentStatement().version,
    })
    const hisId = aPerson(db, {
      hubId,
      firstName: 'Bertram',
      lastName: 'Brambleducket',
      skillsInOwnWords: 'I tune Fernwhistlewick pianos.',
      email: 'brambleducket@example.net',
    })
    expect((await request(app).get('/people?hub=thanet')).text).toContain('Ottilie Q.')

    supervisor = startReplicateCommand(file, replicaFolder)
    const { said } = supervisor
    /** Waits for `check`; if it is not true in time, the failure says what the command said. */
    const waitFor = async (what: string, check: () => boolean) => {
      if (!(await until(check)))
        throw new Error(`${what} did not happen in time. The command said:\n${said()}`)
    }
    const renewals = () => said().split(FRESH_START).length - 1

    // The replica holds their words (in the first generation's snapshot), so the check below
    // can fail.
    await waitFor('A first generation', () => currentGeneration(file) !== null)
    const first = currentGeneration(file) as string
    await waitFor(
      'Their words in the replica',
      () => holding(textOfGeneration(first), [...HERS, ...HIS]).length === 7,
    )

    // She deletes her data through "Your profile"; a coordinator erases him straight after.
    const browser = aBrowser(app)
    expect((await browser.signIn(account.email, account.password)).status).toBe(303)
    const deleted = await browser.submit('/your-profile/delete', '/your-profile/delete', {})
    expect(deleted.headers.location).toBe('/your-profile/deleted')
    expect(services.profiles.deletePersonOnBehalf(hisId, () => undefined)).toBe(true)

    // Litestream starts again on a fresh generation; the two requests are taken in one fresh
    // start or two, one at a time, and then it settles.
    await waitFor('A fresh generation', () => !fs.existsSync(erasureNoteOf(file)) && renewals() > 0)
    let seen = -1
    while (seen !== renewals()) {
      seen = renewals()
      await sleep(1_500)
    }
    expect(seen === 1 || seen === 2).toBe(true)
    expect(said()).not.toContain('did not start a fresh generation')
    expect(said()).toContain('"sync: new generation"')

    aHub(db, { slug: 'written-after', name: 'Written after the erasures' })
    const newest = currentGeneration(file) as string
    expect(newest).not.toBe(first)
    expect(generationsNewestFirst()[0]).toBe(newest)
    // Not waited for in the replica while Litestream runs: Litestream 0.3 can copy a lone
    // write into its shadow WAL without waking its upload (it compares the WAL's size before it
    // copies), and the write then reaches the replica with the next one, or at a clean stop,
    // as here.

    supervisor.child.kill('SIGTERM')
    expect(await supervisor.exited).toBe(0)
    db.close()

    // Every byte of the newest generation (its snapshot and every WAL segment, all whole now
    // that Litestream has stopped), and of Litestream's own folder, is free of them.
    const files = filesOfGeneration(newest)
    expect(files.some((name) => name.startsWith('snapshots'))).toBe(true)
    expect(files.filter((name) => !name.endsWith('.lz4'))).toEqual([])
    expect(holding(textOfGeneration(newest), [...HERS, ...HIS])).toEqual([])
    expect(holding(textOfLitestreamFolder(), [...HERS, ...HIS])).toEqual([])
    // The first generation still holds them, until the retention deletes it (24 hours).
    expect(holding(textOfGeneration(first), HERS).length).toBeGreaterThan(0)

    // Restored on a new machine: what was written before and after is there, and they are not.
    const restored = path.join(folder, 'new-machine', 'common-ground.sqlite')
    const out: string[] = []
    const err: string[] = []
    const code = await restoreCommand(
      ['--to', restored],
      { REPLICA_URL: replicaFolder },
      { out: (line) => out.push(line), err: (line) => err.push(line) },
    )
    expect(err).toEqual([])
    expect(code).toBe(0)
    const copy = new Database(restored, { readonly: true })
    try {
      const hubs = copy.prepare<[], { slug: string }>('SELECT slug FROM hubs ORDER BY slug').all()
      expect(hubs.map((hub) => hub.slug)).toEqual(['thanet', 'written-after', 'written-before'])
      expect(copy.prepare('SELECT COUNT(*) AS n FROM people').get()).toEqual({ n: 0 })
    } finally {
      copy.close()
    }
    const restoredBytes = fs.readFileSync(restored).toString('latin1').toLowerCase()
    expect(holding(restoredBytes, [...HERS, ...HIS])).toEqual([])
  })
})

describe('the note that asks for a fresh generation', () => {
  it('is left by a purge that removed something, and not by one that removed nothing', async () => {
    const { services } = testApp
    const note = erasureNoteOf(file)
    expect((await services.retention.purge()).checkpointed).toBe(true)
    expect(fs.existsSync(note)).toBe(false)

    services.repositories.outbox.add({
      to: 'old@example.org',
      subject: 'An old letter',
      body: 'Kept past its 30 days.',
      createdAt: isoSecond(new Date(Date.now() - 31 * DAY_MS)),
    })
    expect((await services.retention.purge()).removed.outbox).toBe(1)
    expect(fs.existsSync(note)).toBe(true)
  })
})
