/**
 * Nothing lost with Litestream: the real server, in a process of its own, takes suggestions
 * from visitors while `npm run replicate -- --app-already-running` copies its database to a
 * replica folder; after the stream of writes comes one lone write, the last before a quiet
 * spell (db/replication.ts, watchForLoneWrites). The app, the supervisor and Litestream are
 * killed with SIGKILL, as a machine dying would; `npm run restore -- --to FILE` brings the
 * replica back in a new folder, and every suggestion the app acknowledged more than the sync
 * interval (1 s) before the kill is there, the lone one too, and the app starts on it.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { whenInWords } from '../../db/cli/backupWords'
import { restoreCommand } from '../../db/cli/restore'
import { SYNC_INTERVAL_SECONDS } from '../../db/replication'
import { csrfIn } from '../support/accounts'
import { startReplicateCommand } from '../support/replicateCommand'
import { startServer, type RunningServer } from '../support/runningServer'

// The first start loads the demo data, from the TypeScript sources, on a busy machine.
jest.setTimeout(120_000)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** How long the visitors go on writing before the kill. */
const WRITING_MS = 5_000

let folder: string
const running: RunningServer[] = []

beforeAll(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-replication-'))
})

afterAll(() => {
  for (const server of running) server.child.kill('SIGKILL')
  fs.rmSync(folder, { recursive: true, force: true })
})

/** A visitor on the "Suggest a new group or place" page: its session cookie and form token. */
async function aVisitorOnTheSuggestPage(port: number): Promise<{ cookie: string; token: string }> {
  const page = await fetch(`http://127.0.0.1:${port}/suggest-a-new-group`)
  expect(page.status).toBe(200)
  const cookie = page.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ')
  return { cookie, token: csrfIn(await page.text()) }
}

/** Sends suggestion number `n`; the time the app acknowledged it (its redirect), or null. */
async function suggest(port: number, visitor: { cookie: string; token: string }, n: number) {
  const response = await fetch(`http://127.0.0.1:${port}/suggest-a-new-group`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: visitor.cookie },
    body: new URLSearchParams({
      name: `Replicated walking group ${n}`,
      description: 'A gentle walk along the front, then tea.',
      runBy: 'Margate Walkers',
      venue: 'The Clock Tower',
      address: 'Marine Drive',
      town: 'Margate',
      postcode: 'CT9 1AA',
      days: 'WE',
      opensAt: '10:00',
      closesAt: '11:30',
      cost: 'Free',
      phone: '',
      email: '',
      website: '',
      note: `replication check ${n}`,
      replyEmail: `walker${n}@example.org`,
      _csrf: visitor.token,
    }).toString(),
  })
  await response.arrayBuffer()
  return response.status === 303 ? Date.now() : null
}

/** What `npm run restore` said, and its exit code, with REPLICA_URL set to `replica`. */
async function run(args: string[], replica: string) {
  const out: string[] = []
  const err: string[] = []
  const code = await restoreCommand(
    args,
    { REPLICA_URL: replica },
    { out: (line) => out.push(line), err: (line) => err.push(line) },
  )
  return { code, out: out.join('\n'), err: err.join('\n') }
}

/** The notes of the test's suggestions in the database at `file`. */
function notesIn(file: string): Set<string> {
  const db = new Database(file, { readonly: true })
  try {
    return new Set(
      db
        .prepare<[], { note: string }>("SELECT note FROM suggestions WHERE note LIKE 'replication check %'")
        .all()
        .map((row) => row.note),
    )
  } finally {
    db.close()
  }
}

describe('replicating with Litestream and restoring after the machine dies', () => {
  it('restores every suggestion acknowledged more than the sync interval before both were killed', async () => {
    const databasePath = path.join(folder, 'live', 'common-ground.sqlite')
    const replicaFolder = path.join(folder, 'replica')
    const startedAt = Date.now()
    const server = await startServer(databasePath)
    running.push(server)
    const supervisor = startReplicateCommand(databasePath, replicaFolder)
    const by = Date.now() + 30_000
    while (!supervisor.said().includes('replicating to') && Date.now() < by) await sleep(50)
    expect(supervisor.said()).toContain('replicating to')

    const visitor = await aVisitorOnTheSuggestPage(server.port)
    const acknowledged: { n: number; sentAt: number; at: number }[] = []
    const writingFrom = Date.now()
    const until = writingFrom + WRITING_MS
    for (let n = 1; Date.now() < until; n++) {
      const sentAt = Date.now()
      const at = await suggest(server.port, visitor, n)
      if (at !== null) acknowledged.push({ n, sentAt, at })
      await sleep(20)
    }

    // A quiet spell, then one lone write, the last before the machine dies: no later write of
    // the app's makes Litestream copy the WAL again; only the supervisor's beat does.
    await sleep(1_500)
    const lone = acknowledged.length + 1_000
    const loneAt = await suggest(server.port, visitor, lone)
    expect(loneAt).not.toBeNull()
    acknowledged.push({ n: lone, sentAt: loneAt!, at: loneAt! })
    await sleep(SYNC_INTERVAL_SECONDS * 1000 + 500)

    // The machine dies: neither the app nor Litestream has a chance to do anything more.
    server.child.kill('SIGKILL')
    const killing = supervisor.killEverything()
    const killedAt = Date.now()
    await server.exited
    await killing

    const promised = acknowledged.filter((write) => write.at < killedAt - SYNC_INTERVAL_SECONDS * 1000)
    // Enough writes for the story to mean something.
    expect(promised.length).toBeGreaterThan(20)

    const restoredPath = path.join(folder, 'new-machine', 'common-ground.sqlite')
    const latest = await run(['--to', restoredPath], replicaFolder)
    expect(latest.err).toBe('')
    expect(latest.code).toBe(0)
    expect(latest.out).toContain(`Restored the latest state held by the folder ${replicaFolder}`)
    expect(latest.out).toMatch(/What it holds: hubs: \d+.*suggestions: [\d,]+/)

    const notes = notesIn(restoredPath)
    const missing = promised.filter((write) => !notes.has(`replication check ${write.n}`))
    expect(missing).toEqual([])

    // The database as it was in the middle of the writing: what was sent after that moment is
    // not there, and what was acknowledged well before it is.
    const middle = new Date(writingFrom + WRITING_MS * 0.7)
    const earlierPath = path.join(folder, 'earlier', 'common-ground.sqlite')
    const earlier = await run(['--to', earlierPath, '--at', middle.toISOString()], replicaFolder)
    expect(earlier.code).toBe(0)
    expect(earlier.out).toContain(`Restored the database as it was on ${whenInWords(middle)}`)
    const earlierNotes = notesIn(earlierPath)
    const sentAfter = acknowledged.filter((write) => write.sentAt > middle.getTime())
    expect(sentAfter.filter((write) => earlierNotes.has(`replication check ${write.n}`))).toEqual([])
    const wellBefore = acknowledged.filter((write) => write.at < middle.getTime() - 2_000)
    expect(wellBefore.length).toBeGreaterThan(3)
    expect(wellBefore.filter((write) => !earlierNotes.has(`replication check ${write.n}`))).toEqual([])

    // A moment before replication began: the replica has nothing from then, and says so.
    const tooEarly = new Date(startedAt - 60_000)
    const refused = await run(
      ['--to', path.join(folder, 'too-early', 'common-ground.sqlite'), '--at', tooEarly.toISOString()],
      replicaFolder,
    )
    expect(refused.code).toBe(1)
    expect(refused.err).toContain(`the folder ${replicaFolder} holds no copy of the database from`)
    expect(fs.existsSync(path.join(folder, 'too-early', 'common-ground.sqlite'))).toBe(false)

    // The app starts on the restored database and answers.
    const again = await startServer(restoredPath)
    running.push(again)
    expect((await fetch(`http://127.0.0.1:${again.port}/suggest-a-new-group`)).status).toBe(200)
    again.child.kill('SIGTERM')
    expect(await again.exited).toBe(0)
  })
})
