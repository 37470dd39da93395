/**
 * The app as `npm start` runs it (production settings, npm start's heap cap), for the
 * benchmark: bench/run.ts starts it in a process of its own, so that when the app runs out of
 * memory or crashes, the benchmark sees it stop, says so in its table and carries on. It adds
 * one page with no database behind it, the baseline. It tells run.ts its port when it is
 * listening, then its memory every 100 ms.
 *
 *   node --max-old-space-size=256 dist/bench/app.js FILE
 */
import crypto from 'node:crypto'
import type { AddressInfo } from 'node:net'
import type { Express } from 'express'
import { openDatabase } from '../db/connection'
import { loadGazetteerIfEmpty } from '../db/gazetteer'
import { migrate } from '../db/migrate'
import { refreshPlannerStatistics } from '../db/optimize'
import { createApp } from '../server/app'
import { loadConfig } from '../server/config'
import { createLogger } from '../server/logger'
import { projectPath } from '../server/paths'
import { buildServices } from '../server/services'
import { startSearches } from '../server/services/searchWorker'

export const BASELINE_PATH = '/__bench/baseline'

/** What the app tells bench/run.ts. */
export type AppMessage =
  { type: 'listening'; port: number } | { type: 'memory'; rssMb: number; peakMb: number }

function addBaseline(app: Express): void {
  const view = projectPath('bench', 'views', 'baseline.hbs')
  app.get(BASELINE_PATH, (req, res) => {
    res.render(view, { layout: false, title: 'Baseline', message: 'A page with no database behind it.' })
  })
}

async function main(): Promise<void> {
  const file = process.argv[2]
  if (!file) throw new Error('Give the database file: node dist/bench/app.js FILE')
  // As in production: the view cache on, a real session secret, quiet logs.
  const config = loadConfig({
    NODE_ENV: 'production',
    SESSION_SECRET: crypto.randomBytes(32).toString('hex'),
    DATABASE_PATH: file,
    PORT: '0',
    LOG_LEVEL: 'silent',
    // The load comes from one address, far past the open data API's limit for one reader.
    OPEN_DATA_REQUESTS_PER_MINUTE: '0',
  })
  const db = openDatabase(config.databasePath)
  // As server/index.ts does at start-up, but never the demo data: the database is the benchmark's.
  migrate(db)
  loadGazetteerIfEmpty(db)
  refreshPlannerStatistics(db)
  const built = buildServices(db, config)
  // As server/index.ts: searches in worker threads, with npm start's time limit.
  const searches = await startSearches(config, built.searches)
  const services = { ...built, searches }
  const app = createApp({ services, logger: createLogger(config.logLevel), extraRoutes: addBaseline })
  const server = app.listen(0, '127.0.0.1', () => {
    const send = (message: AppMessage) => process.send?.(message)
    send({ type: 'listening', port: (server.address() as AddressInfo).port })
    // As server/index.ts does: the map's index is built while the app answers.
    void services.map.warmUp().catch(() => {
      // The next markers request tries again.
    })
    const mb = (bytes: number) => bytes / (1024 * 1024)
    setInterval(() => {
      send({
        type: 'memory',
        rssMb: mb(process.memoryUsage.rss()),
        peakMb: process.resourceUsage().maxRSS / 1024,
      })
    }, 100).unref()
  })
  // Stops when run.ts goes, whichever way it goes.
  process.on('disconnect', () => process.exit(0))
}

// Only when run as the app's own process: bench/routes.ts imports BASELINE_PATH from here, and
// importing must not start a second app on whatever the importer's first argument names.
if (require.main === module) void main()
