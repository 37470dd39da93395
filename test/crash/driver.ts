/**
 * The crash test's driver (issue 13, "Crash safety, proven"). Over a temporary database with
 * the demo data, it starts the real server in a process of its own, lets writers of every kind
 * (requests to be put in touch, suggestions, members sharing their skills, changing their
 * profile, withdrawing and giving consent) write through the app's pages with several requests
 * in flight, kills the server with SIGKILL after a random moment, starts it again on the same
 * file, and checks the file (./checks.ts): whole, every acknowledged write there, nothing half
 * written. `npm run test:crash` runs it 50 times; `npm test` runs it a few times
 * (test/integration/crashSafety.test.ts).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { openDatabase } from '../../db/connection'
import { importDemoPostcodesIfEmpty } from '../../db/demoPostcodes'
import { loadGazetteerIfEmpty } from '../../db/gazetteer'
import { migrate } from '../../db/migrate'
import { seedIfEmpty } from '../../db/seed'
import { testConfig } from '../../server/config'
import { buildServices } from '../../server/services'
import { anAccount } from '../support/accounts'
import { shareSkills, someAnswers } from '../support/sharing'
import { AppProcess } from './appProcess'
import { checkDatabase } from './checks'
import {
  introductionWriter,
  JOURNEY,
  JOURNEY_SHARE,
  type Ledger,
  type Member,
  memberWriter,
  suggestionWriter,
  type Writer,
} from './writers'

export interface CrashOptions {
  kills: number
  /** each kill comes a random time in this range after the first form is sent (milliseconds) */
  runMs?: [number, number]
  /** members sharing their skills, each with their own account */
  members?: number
  /** searches in worker threads, as `npm start` runs them; off, the app starts twice as fast */
  searchWorkers?: boolean
  introductionWriters?: number
  suggestionWriters?: number
  /** where progress lines go */
  log?: (line: string) => void
}

export interface CrashReport {
  kills: number
  sent: number
  acknowledged: number
  lookedFor: number
  found: number
  byKind: { kind: string; sent: number; acknowledged: number }[]
  problems: string[]
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const between = ([low, high]: [number, number]) => low + Math.random() * (high - low)

/**
 * Runs a writer until the app is killed. A request cut off by the kill is expected; anything
 * else while the app runs is a problem, except a refused connection, which never reached the
 * app (so wrote nothing): on a busy shared machine one now and then is tried again, for up to
 * ten seconds.
 */
async function keepWriting(writer: Writer, running: () => boolean, ledger: Ledger): Promise<void> {
  let refusedSince: number | null = null
  while (running()) {
    try {
      await writer(running)
      return
    } catch (error) {
      if (!running()) return
      const refused = (error as NodeJS.ErrnoException).code === 'ECONNREFUSED'
      refusedSince = refused ? (refusedSince ?? Date.now()) : null
      if (refusedSince === null || Date.now() - refusedSince > 10_000) {
        ledger.unexpected.push(`a writer stopped: ${(error as Error).message}`)
        return
      }
      await sleep(200)
    }
  }
}

/** The demo data, as a first `npm start` loads it, and the members' accounts. */
async function prepare(file: string, members: number): Promise<Member[]> {
  const db = openDatabase(file)
  try {
    migrate(db)
    loadGazetteerIfEmpty(db)
    seedIfEmpty(db)
    await importDemoPostcodesIfEmpty(db)
    const { sharing } = buildServices(db, testConfig())
    const made: Member[] = []
    for (let i = 1; i <= members; i++) {
      const account = await anAccount(db, { email: `crash-member-${i}@example.org`, role: 'member' })
      // Half of them shared their skills before: they change their profile and consent from
      // the start. The others go through every question page while the app is killed.
      const shared = i % 2 === 0
      if (shared)
        shareSkills(
          sharing,
          account.id,
          someAnswers('thanet', { wouldLikeToShare: JOURNEY_SHARE, skills: ['tablets-and-phones'] }),
        )
      made.push({
        accountId: account.id,
        email: account.email,
        password: account.password,
        pagesAnswered: shared ? JOURNEY.length : 0,
        profileAcknowledged: shared,
        share: { acknowledged: null, sentSince: [] },
        consent: { acknowledged: shared ? 'given' : null, sentSince: [] },
        sent: 0,
        acknowledged: 0,
      })
    }
    return made
  } finally {
    db.close()
  }
}

export async function runCrashTest(options: CrashOptions): Promise<CrashReport> {
  const log = options.log ?? (() => undefined)
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'common-ground-crash-'))
  const file = path.join(folder, 'crash.sqlite')
  const app = new AppProcess(file, options.searchWorkers ?? true)
  const problems: string[] = []
  try {
    const ledger: Ledger = {
      introductions: [],
      suggestions: [],
      members: await prepare(file, options.members ?? 4),
      sending: () => firstSent?.(),
      unexpected: [],
    }
    // Set for each run of the app: resolves when its first form is on its way.
    let firstSent: (() => void) | undefined
    let lookedFor = 0
    let found = 0
    await app.start()
    for (let kill = 1; kill <= options.kills && problems.length === 0; kill++) {
      let running = true
      const writers: Writer[] = [
        ...Array.from({ length: options.introductionWriters ?? 3 }, () =>
          introductionWriter(app.port, ledger),
        ),
        ...Array.from({ length: options.suggestionWriters ?? 2 }, () => suggestionWriter(app.port, ledger)),
        ...ledger.members.map((member) => memberWriter(app.port, ledger, member)),
      ]
      const writing = writers.map((writer) => keepWriting(writer, () => running, ledger))
      // The kill comes a random moment after the first form is sent (pages the app shows for
      // the first time take a second or more on a busy machine), while writes are in flight.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 120_000)
        firstSent = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      firstSent = undefined
      await sleep(between(options.runMs ?? [100, 4000]))
      running = false
      await app.kill()
      await Promise.all(writing)
      await app.start()

      const db = new Database(file)
      db.pragma('busy_timeout = 10000')
      let result
      try {
        result = checkDatabase(db, ledger)
      } finally {
        db.close()
      }
      lookedFor = result.lookedFor
      found = result.found
      problems.push(
        ...ledger.unexpected.splice(0),
        ...result.problems.map((problem) => `after kill ${kill}: ${problem}`),
      )
      log(
        `kill ${kill}: ${result.found} of ${result.lookedFor} acknowledged writes found${result.problems.length > 0 ? `, ${result.problems.length} problems` : ''}`,
      )
    }
    const introductions = ledger.introductions
    const suggestions = ledger.suggestions
    const byKind = [
      {
        kind: 'requests to be put in touch',
        sent: introductions.length,
        acknowledged: introductions.filter((write) => write.acknowledged).length,
      },
      {
        kind: 'suggestions',
        sent: suggestions.length,
        acknowledged: suggestions.filter((write) => write.acknowledged).length,
      },
      {
        kind: 'profiles and consent changes',
        sent: ledger.members.reduce((sum, member) => sum + member.sent, 0),
        acknowledged: ledger.members.reduce((sum, member) => sum + member.acknowledged, 0),
      },
    ]
    return {
      kills: options.kills,
      sent: byKind.reduce((sum, kind) => sum + kind.sent, 0),
      acknowledged: byKind.reduce((sum, kind) => sum + kind.acknowledged, 0),
      lookedFor,
      found,
      byKind,
      problems,
    }
  } finally {
    await app.kill()
    fs.rmSync(folder, { recursive: true, force: true })
  }
}

/** The summary, in plain lines. */
export function summaryOf(report: CrashReport): string {
  const lines = [
    `Killed the app with SIGKILL ${report.kills} times while it was writing.`,
    ...report.byKind.map((kind) => `  ${kind.kind}: ${kind.sent} sent, ${kind.acknowledged} acknowledged`),
    `Writes acknowledged: ${report.acknowledged} of ${report.sent} sent.`,
    `After the last restart: ${report.found} of ${report.lookedFor} found (each acknowledged request and suggestion; each profile as its last acknowledged change left it, or a later change that was cut off).`,
    report.problems.length === 0
      ? 'All found; integrity_check and every FTS5 integrity-check ok after every restart; nothing half-written.'
      : `PROBLEMS (${report.problems.length}):\n${report.problems.map((problem) => `  ${problem}`).join('\n')}`,
  ]
  return lines.join('\n')
}
