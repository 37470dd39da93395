/**
 * The benchmark: `npm run bench -- --size 100000 --duration 10`.
 *
 * Generates a dataset into a temporary database (in a child process, so its memory is not
 * counted), starts the app in this process as in production (with npm start's heap cap,
 * --max-old-space-size=256: it runs itself again with it when started without), and drives
 * each route with autocannon (10 connections, from a child process) after checking that every
 * URL it will ask for answers 200. Prints a table and writes bench/results/latest.json.
 *
 * Other options: --connections N, --warmup S (seconds per route before timing, default 2),
 * --db FILE (use an existing generated database instead of generating one; it is kept),
 * --keep (keep the generated database and print where it is), --only TEXT (time only the routes
 * whose name contains TEXT, for profiling one of them).
 */
import { fork } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { Express } from 'express'
import { openDatabase, type Db } from '../db/connection'
import { loadGazetteerIfEmpty } from '../db/gazetteer'
import { migrate } from '../db/migrate'
import { refreshPlannerStatistics } from '../db/optimize'
import { createApp } from '../server/app'
import { loadConfig } from '../server/config'
import { createLogger } from '../server/logger'
import { projectPath } from '../server/paths'
import { buildServices } from '../server/services'
import { parseSize } from './generate'
import type { LoadJob, LoadResult } from './load'
import { Random } from './random'

interface Options {
  size: number
  duration: number
  connections: number
  warmup: number
  db: string | null
  keep: boolean
  only: string | null
}

interface Route {
  name: string
  paths: string[]
  /** what the body must contain, beyond a 200, for the route to count as working */
  check: (body: string) => boolean
  /** the p99 this route must stay under, in milliseconds */
  p99TargetMs?: number
}

interface Measured extends LoadResult {
  name: string
  ratio: number
  p99TargetMs?: number
}

const BASELINE_PATH = '/__bench/baseline'
const MIN_RATIO = 0.25
const MEMORY_TARGET_MB = 300

function numberOption(args: readonly string[], name: string, fallback: number): number {
  const at = args.indexOf(name)
  if (at === -1) return fallback
  const value = Number(args[at + 1])
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a number above 0`)
  return value
}

function parseOptions(args: readonly string[]): Options {
  const dbAt = args.indexOf('--db')
  return {
    size: parseSize(args),
    duration: numberOption(args, '--duration', 10),
    connections: numberOption(args, '--connections', 10),
    warmup: args.includes('--warmup') ? Number(args[args.indexOf('--warmup') + 1]) || 0 : 2,
    db: dbAt === -1 ? null : (args[dbAt + 1] ?? null),
    keep: args.includes('--keep'),
    only: args.includes('--only') ? (args[args.indexOf('--only') + 1] ?? null) : null,
  }
}

/** Runs a compiled bench script in a child process and waits for it to finish. */
function runChild(script: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, script), args, { stdio: 'inherit' })
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${script} stopped with code ${code}`)),
    )
  })
}

function drive(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'load.js'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    let result: LoadResult | undefined
    child.on('message', (message: LoadResult) => {
      result = message
    })
    child.on('error', reject)
    child.on('exit', (code) =>
      result && code === 0 ? resolve(result) : reject(new Error(`autocannon stopped with code ${code}`)),
    )
    child.send(job)
  })
}

/** Picks n items spread evenly through a list. */
function spread<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items]
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)] as T)
}

const q = encodeURIComponent

/** Less common searches, each also with an ending ("yoga class"): about 130 in all. */
const TAIL_WORDS = [
  'walking group',
  'lunch club',
  'tablet help',
  'choir',
  'tai chi',
  'yoga',
  'befriending',
  'lonely',
  'money advice',
  'pension',
  'benefits',
  'transport',
  'minibus',
  'dementia',
  'carers',
  'art',
  'painting',
  'sewing',
  'garden',
  'allotment',
  'mens shed',
  'woodwork',
  'book club',
  'local history',
  'french',
  'bingo',
  'tea dance',
  'friendship',
  'phone',
  'internet',
  'email',
  'hearing',
  'falls',
  'balance',
  'exercise',
  'dance',
  'quiz',
  'craft',
  'crochet',
  'ukulele',
  'repair',
  'blood pressure',
  'wellbeing',
  'soup',
  'dinner',
  'hot meal',
  'bus',
  'lifts',
  'forms',
  'reminiscence',
  'pilates',
  'strollers',
  'health walk',
  'smartphone',
  'video call',
  'knit and natter',
  'watercolour',
  'family history',
  'creative writing',
  'talks',
  'memory cafe',
  'respite',
  'cuppa',
  'chat',
  'fish and chips',
]
const TAIL_ENDINGS = ['group', 'club', 'class', 'help', 'for beginners', 'free']

/** Realistic URLs for each route, from what is in the generated database. */
function buildRoutes(db: Db): { baseline: Route; routes: Route[] } {
  // Towns and cities with a name no other GB place has (so "where" never asks "Which one?"),
  // from the biggest cities down to market towns.
  const unambiguousTowns = db
    .prepare<[], { name: string; latitude: number; longitude: number }>(
      `SELECT g.name, g.latitude, g.longitude FROM gazetteer_places g
        WHERE g.country <> 'NIR' AND g.population >= 20000
          AND (SELECT count(*) FROM gazetteer_places h WHERE h.search_name = g.search_name) = 1
        ORDER BY g.population DESC, g.id`,
    )
    .all()
  const towns = spread(unambiguousTowns, 12)
  const mapTowns = spread(unambiguousTowns, 60)
  const districts = spread(
    db
      .prepare<[], { district: string }>(
        'SELECT district FROM postcode_districts ORDER BY postcode_count DESC, district LIMIT 300',
      )
      .all()
      .map((row) => row.district),
    12,
  )
  const serviceIds = spread(
    db
      .prepare<[], { id: number }>("SELECT id FROM services WHERE status = 'published' ORDER BY id")
      .all()
      .map((row) => row.id),
    50,
  )
  const hubSlugs = spread(
    db
      .prepare<[], { slug: string }>('SELECT slug FROM hubs ORDER BY id')
      .all()
      .map((row) => row.slug),
    50,
  )
  if (towns.length === 0 || districts.length === 0 || serviceIds.length === 0 || hubSlugs.length === 0) {
    throw new Error('The generated database has no towns, postcode districts, services or hubs to ask for')
  }

  // What people search for: a few popular words asked for again and again, and a long tail
  // asked for now and then. Half the requests are popular words, half from the tail, so any
  // cache of search results sees both hits and misses.
  const popular = [
    'walking',
    'lunch',
    'computer',
    'singing',
    'coffee morning',
    'chair exercise',
    'knitting',
    'memory',
  ]
  const tail = TAIL_WORDS.flatMap((word, i) => [word, `${word} ${TAIL_ENDINGS[i % TAIL_ENDINGS.length]}`])
  const halfPopular = (build: (words: string, i: number) => string) => [
    ...tail.map((_, i) => build(popular[i % popular.length] ?? 'lunch', i)),
    ...tail.map((words, i) => build(words, i)),
  ]
  const twoFilters = ['free=yes&day=tuesday', 'access=step-free&day=tuesday', 'free=yes&access=step-free']
  const isJson = (body: string) => {
    try {
      const parsed = JSON.parse(body) as { type?: string; features?: unknown[] }
      return parsed.type === 'FeatureCollection' && Array.isArray(parsed.features)
    } catch {
      return false
    }
  }
  // A page of results (or a plain "none found" at small sizes), not an error or "Which one?" page.
  const results = (body: string) =>
    !body.includes('govuk-error-summary') &&
    !body.includes('do you mean?') &&
    (body.includes('href="/services/') || body.includes('We could not find any groups'))
  // With a place, results say how far away they are, or how they reach you from its area.
  const nearResults = (body: string) =>
    results(body) &&
    (!body.includes('href="/services/') ||
      ['miles away', 'Comes to your home', 'By phone', 'Online'].some((words) => body.includes(words)))
  // Map views: people pan, so most views differ a little. The map's answer cache holds 200, so
  // these go round more views than that; a quarter of the England views are its opening view,
  // which everyone sees first. A zoom-14 view on a 1280 by 800 pixel screen is about 0.11
  // degrees of longitude wide.
  const random = new Random(14)
  const pan = (most: number) => (random.next() - 0.5) * 2 * most
  const bbox = (west: number, south: number, east: number, north: number) =>
    [west, south, east, north].map((n) => n.toFixed(4)).join(',')
  const englandViews = Array.from({ length: 240 }, (_, i) => {
    const [dx, dy] = i % 4 === 0 ? [0, 0] : [pan(1), pan(0.6)]
    const filter = i % 40 === 1 ? '&category=walking-groups' : i % 40 === 21 ? '&free=yes' : ''
    return `/map/markers.json?bbox=${bbox(-6 + dx, 49.8 + dy, 2 + dx, 55.9 + dy)}&zoom=6${filter}`
  })
  const townViews = mapTowns.flatMap((town) =>
    Array.from({ length: 10 }, () => {
      const [x, y] = [town.longitude + pan(0.03), town.latitude + pan(0.012)]
      return `/map/markers.json?bbox=${bbox(x - 0.055, y - 0.0215, x + 0.055, y + 0.0215)}&zoom=14`
    }),
  )
  return {
    baseline: {
      name: 'baseline (no database)',
      paths: Array.from({ length: 10 }, (_, i) => `${BASELINE_PATH}?n=${i}`),
      check: (body) => body.includes('<h1>'),
    },
    routes: [
      {
        name: 'text search',
        paths: halfPopular((words) => `/search?q=${q(words)}`),
        check: results,
      },
      {
        name: 'text search near a place',
        paths: halfPopular(
          (words, i) => `/search?q=${q(words)}&where=${q(towns[i % towns.length]?.name ?? '')}`,
        ),
        check: nearResults,
        p99TargetMs: 50,
      },
      {
        name: 'near a postcode district, 2 filters',
        paths: districts.map(
          (district, i) => `/search?where=${q(district)}&${twoFilters[i % twoFilters.length]}`,
        ),
        check: nearResults,
      },
      {
        name: 'markers.json England zoom 6',
        paths: englandViews,
        check: isJson,
        p99TargetMs: 30,
      },
      {
        name: 'markers.json town zoom 14',
        paths: townViews,
        check: isJson,
        p99TargetMs: 30,
      },
      {
        name: 'service page',
        paths: serviceIds.map((id) => `/services/${id}`),
        check: (body) => body.includes('<h1'),
      },
      {
        name: 'hub page',
        paths: hubSlugs.map((slug) => `/hubs/${slug}`),
        check: (body) => body.includes('<h1'),
      },
    ],
  }
}

/** Asks for every URL once; any answer but a working 200 stops the benchmark, naming the route. */
async function checkAnswers(baseUrl: string, route: Route): Promise<void> {
  for (const urlPath of route.paths) {
    const response = await fetch(`${baseUrl}${urlPath}`)
    const body = await response.text()
    if (response.status !== 200) {
      throw new Error(
        `Route "${route.name}" answered ${response.status} for ${urlPath}: ${body.slice(0, 300)}`,
      )
    }
    if (!route.check(body)) {
      throw new Error(
        `Route "${route.name}" answered 200 for ${urlPath} without what it should show: ${body.slice(0, 300)}`,
      )
    }
  }
}

function addBaseline(app: Express): void {
  const view = projectPath('bench', 'views', 'baseline.hbs')
  app.get(BASELINE_PATH, (req, res) => {
    res.render(view, { layout: false, title: 'Baseline', message: 'A page with no database behind it.' })
  })
}

const fixed = (n: number, digits = 1) => n.toFixed(digits)

function printTable(baselineRps: number, measured: Measured[], rssMb: number): boolean {
  const header = ['route', 'rps', 'p50 ms', 'p99 ms', 'ratio', 'target met?']
  const rows = measured.map((m) => {
    const problems: string[] = []
    if (m.ratio < MIN_RATIO) problems.push(`ratio < ${MIN_RATIO}`)
    if (m.p99TargetMs !== undefined && m.p99Ms > m.p99TargetMs) problems.push(`p99 > ${m.p99TargetMs} ms`)
    const target = `>= ${MIN_RATIO} x baseline${m.p99TargetMs === undefined ? '' : `, p99 <= ${m.p99TargetMs} ms`}`
    return {
      cells: [
        m.name,
        fixed(m.rps, 0),
        fixed(m.p50Ms),
        fixed(m.p99Ms),
        fixed(m.ratio, 2),
        problems.length === 0 ? `yes (${target})` : `NO: ${problems.join(', ')}`,
      ],
      met: problems.length === 0,
    }
  })
  const all = [
    header,
    ['baseline (no database)', fixed(baselineRps, 0), '', '', '1.00', ''],
    ...rows.map((r) => r.cells),
  ]
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)))
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === 0 || i === 5 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
  console.log('')
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const row of all.slice(1)) console.log(line(row))
  const memoryMet = rssMb <= MEMORY_TARGET_MB
  console.log('')
  console.log(
    `peak memory: ${fixed(rssMb)} MB (target <= ${MEMORY_TARGET_MB} MB): ${memoryMet ? 'met' : 'NOT met'}`,
  )
  const allMet = memoryMet && rows.every((r) => r.met)
  console.log(allMet ? 'Every target is met.' : 'Some targets are NOT met (see above).')
  return allMet
}

/** The app's heap cap, as package.json's start script runs it in production. */
const HEAP_CAP_MB = 256

/**
 * Runs this script again under the production heap cap when it was started without one
 * (`node dist/bench/run.js`), so the app is always timed and measured as it runs for real.
 */
function rerunWithHeapCap(): boolean {
  if (process.execArgv.some((arg) => arg.startsWith('--max-old-space-size'))) return false
  const child = fork(__filename, process.argv.slice(2), {
    execArgv: [...process.execArgv, `--max-old-space-size=${HEAP_CAP_MB}`],
    stdio: 'inherit',
  })
  process.on('SIGINT', () => undefined)
  child.on('exit', (code) => process.exit(code ?? 1))
  return true
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2))
  const tempDir = options.db ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'common-ground-bench-'))
  const file = options.db ?? path.join(tempDir as string, 'bench.sqlite')
  const cleanUp = () => {
    if (tempDir && !options.keep) fs.rmSync(tempDir, { recursive: true, force: true })
  }
  process.once('SIGINT', () => {
    cleanUp()
    process.exit(130)
  })

  try {
    if (!options.db) {
      const started = performance.now()
      await runChild('generate.js', ['--size', String(options.size), '--out', file])
      console.log(`Data ready in ${fixed((performance.now() - started) / 1000)} s\n`)
    }

    // As in production: the view cache on, a real session secret, quiet logs.
    const config = loadConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: crypto.randomBytes(32).toString('hex'),
      DATABASE_PATH: file,
      PORT: '0',
      LOG_LEVEL: 'silent',
    })
    let peakRss = process.memoryUsage().rss
    // The peak while each route runs, to show which route needs the memory.
    let routePeakRss = 0
    const sampler = setInterval(() => {
      const rss = process.memoryUsage().rss
      peakRss = Math.max(peakRss, rss)
      routePeakRss = Math.max(routePeakRss, rss)
    }, 100)
    sampler.unref()

    const db = openDatabase(config.databasePath)
    migrate(db)
    loadGazetteerIfEmpty(db)
    // As server/index.ts does at start-up: the planner's statistics (a full ANALYZE the first time).
    refreshPlannerStatistics(db)
    // With --db the database decides the size.
    const size = options.db
      ? (db.prepare<[], { n: number }>('SELECT count(*) AS n FROM services').get()?.n ?? 0)
      : options.size
    const services = buildServices(db, config)
    const app = createApp({ services, logger: createLogger(config.logLevel), extraRoutes: addBaseline })
    const server = app.listen(0, '127.0.0.1')
    await new Promise<void>((resolve) => server.once('listening', () => resolve()))
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    console.log(`App running at ${baseUrl} on ${file} (NODE_ENV=production, view cache on)`)

    const { baseline, routes } = buildRoutes(db)
    const time = async (route: Route): Promise<LoadResult> => {
      routePeakRss = process.memoryUsage().rss
      await checkAnswers(baseUrl, route)
      const job = { baseUrl, paths: route.paths, connections: options.connections }
      if (options.warmup > 0) await drive({ ...job, duration: options.warmup })
      const result = await drive({ ...job, duration: options.duration })
      if (result.non2xx > 0 || result.errors > 0) {
        throw new Error(
          `Route "${route.name}" failed under load: ${result.non2xx} answers other than 2xx, ${result.errors} errors`,
        )
      }
      console.log(
        `  ${route.name.padEnd(38)} ${fixed(result.rps, 0).padStart(6)} rps  p50 ${fixed(result.p50Ms)} ms  p99 ${fixed(result.p99Ms)} ms  (peak memory ${fixed(routePeakRss / (1024 * 1024), 0)} MB)`,
      )
      return result
    }

    console.log(`Driving each route for ${options.duration} s with ${options.connections} connections:`)
    const baselineFirst = await time(baseline)
    const results: { route: Route; result: LoadResult }[] = []
    for (const route of routes) {
      if (options.only && !route.name.includes(options.only)) continue
      results.push({ route, result: await time(route) })
    }
    // The baseline again at the end, so a machine that got busier during the run does not
    // flatter or punish the routes timed in between.
    const baselineLast = await time(baseline)
    const baselineRps = (baselineFirst.rps + baselineLast.rps) / 2

    server.close()
    clearInterval(sampler)
    db.close()
    const maxRssMb = process.resourceUsage().maxRSS / 1024
    const rssMb = Math.max(peakRss / (1024 * 1024), maxRssMb)

    const measured: Measured[] = results.map(({ route, result }) => ({
      ...result,
      name: route.name,
      ratio: result.rps / baselineRps,
      p99TargetMs: route.p99TargetMs,
    }))
    console.log(
      `\n${size.toLocaleString('en-GB')} services; baseline ${fixed(baselineFirst.rps, 0)} rps at the start, ${fixed(baselineLast.rps, 0)} at the end`,
    )
    printTable(baselineRps, measured, rssMb)

    const round = (n: number, digits: number) => Number(n.toFixed(digits))
    const report = {
      size,
      baseline: { rps: round(baselineRps, 1) },
      routes: measured.map((m) => ({
        name: m.name,
        rps: round(m.rps, 1),
        p50_ms: round(m.p50Ms, 2),
        p99_ms: round(m.p99Ms, 2),
        ratio_to_baseline: round(m.ratio, 3),
      })),
      rss_mb: round(rssMb, 1),
    }
    if (options.only) {
      console.log('\nOnly some routes were timed (--only), so bench/results/latest.json is left as it was.')
    } else {
      const resultsDir = projectPath('bench', 'results')
      fs.mkdirSync(resultsDir, { recursive: true })
      fs.writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`)
      console.log(`\nWrote ${path.relative(process.cwd(), path.join(resultsDir, 'latest.json'))}`)
    }
    if (options.keep && tempDir) console.log(`Kept the database: ${file}`)
  } finally {
    cleanUp()
  }
}

if (!rerunWithHeapCap()) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`\nThe benchmark stopped: ${error instanceof Error ? error.message : String(error)}`)
      process.exit(1)
    },
  )
}
