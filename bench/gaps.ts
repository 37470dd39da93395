/**
 * The gaps report at size (issue 12): how long GapsService takes to make a hub's report, with
 * its page's view model and its CSV, for 50 hubs spread through the generated directory. Each
 * hub is timed first just after the data has changed (the other hubs' counts are read again
 * for the medians: the slowest a coordinator ever waits) and then as its coordinators read it
 * again. bench/run.ts runs it on the generated database once the routes are timed; the report
 * needs someone signed in, which the routes' load cannot be.
 *
 *   node dist/bench/gaps.js FILE
 */
import type { Db } from '../db/connection'
import { openDatabase } from '../db/connection'
import { testConfig } from '../server/config'
import { GAPS_CSV_COLUMNS, gapsCsvRows, presentGaps } from '../server/features/coordinate/gapsPresenters'
import { safeCsv } from '../server/presenters/safeCsv'
import { buildServices } from '../server/services'
import type { Viewer } from '../server/services/viewer'
import { GAPS_TARGET_MS } from './targets'

export interface GapsTiming {
  hubs: number
  /** each hub's report just after a write (the spreads read again), in ms */
  afterAWriteMs: number[]
  /** the slowest of the reports read again, in ms */
  againWorstMs: number
}

const ADMIN: Viewer = { kind: 'admin', accountId: 0 }

/** Times the gaps report of up to `most` hubs spread through `db` (left unchanged but for its data version). */
export function timeGapsReports(db: Db, most = 50): GapsTiming {
  const services = buildServices(db, testConfig())
  const hubCount = db.prepare<[], number>('SELECT count(*) FROM hubs').pluck().get() ?? 0
  const slugs = db
    .prepare<[number, number], string>('SELECT slug FROM hubs WHERE id % ? = 0 ORDER BY id LIMIT ?')
    .pluck()
    .all(Math.max(1, Math.floor(hubCount / most)), most)
  const reportOf = (slug: string) => {
    const report = services.gaps.report(ADMIN, slug)
    if (!report) throw new Error(`No hub ${slug}`)
    presentGaps(report)
    safeCsv(GAPS_CSV_COLUMNS, gapsCsvRows(report))
  }
  const timed = (work: () => void) => {
    const started = performance.now()
    work()
    return performance.now() - started
  }
  const afterAWriteMs = slugs.map((slug) => {
    // As any write does: the data version moves, and the kept medians are forgotten.
    services.repositories.dataVersion.bump()
    return timed(() => reportOf(slug))
  })
  let againWorstMs = 0
  for (let round = 0; round < 4; round++)
    for (const slug of slugs)
      againWorstMs = Math.max(
        againWorstMs,
        timed(() => reportOf(slug)),
      )
  return { hubs: slugs.length, afterAWriteMs, againWorstMs }
}

/** The lines bench/run.ts prints. */
export function describeGapsTiming(timing: GapsTiming): string[] {
  const sorted = [...timing.afterAWriteMs].sort((a, b) => a - b)
  const worst = sorted.at(-1) ?? 0
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0
  const met = worst <= GAPS_TARGET_MS && timing.againWorstMs <= GAPS_TARGET_MS
  return [
    `gaps report (${timing.hubs} hubs, report, page and CSV, no HTTP): after a write median ${median.toFixed(1)} ms, worst ${worst.toFixed(1)} ms; read again worst ${timing.againWorstMs.toFixed(1)} ms (target <= ${GAPS_TARGET_MS} ms): ${met ? 'met' : 'NOT met'}`,
  ]
}

function main(): void {
  const file = process.argv[2]
  if (!file) throw new Error('Give the database file: node dist/bench/gaps.js FILE')
  const db = openDatabase(file)
  try {
    for (const line of describeGapsTiming(timeGapsReports(db))) console.log(line)
  } finally {
    db.close()
  }
}

if (require.main === module) main()
