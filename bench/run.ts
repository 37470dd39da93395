/**
 * The benchmark: `npm run bench -- --size 100000 --duration 10`.
 *
 * Generates a dataset into a temporary database (in a child process), starts the app in a
 * process of its own as `npm start` runs it (production settings, npm start's heap cap), and
 * drives each route with autocannon (10 connections, from another child process) after
 * checking that a sample of the URLs it will ask for answers 200. Prints a table with each
 * route's numbers and which targets it met (bench/targets.ts) and writes
 * bench/results/latest.json.
 *
 * It always runs to the end: when the app stops (out of memory, say) the route's row says so
 * and the app is started again for the next route; a route that answers with errors says so;
 * nothing waits for ever. It exits with 1 when any route failed, 0 otherwise (targets missed
 * are in the table, not the exit code).
 *
 * Then the mixed load (issue 13, bench/mixed.ts): MIXED_CONNECTIONS connections for
 * --mixed-duration seconds (default 60), reads and writes together (searches, pages, map
 * markers, sign-ins, suggestions, introductions), with a table of each kind's p50, p95 and p99
 * and its errors; any error or 5xx there counts as a failure too.
 *
 * Other options: --connections N, --warmup S (seconds per route before timing, default 2),
 * --db FILE (use an existing generated database instead of generating one; it is kept),
 * --keep (keep the generated database and print where it is), --only TEXT (time only the routes
 * whose name contains TEXT, for profiling one of them).
 */
import { fork, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { projectPath } from '../server/paths'
import type { AppMessage } from './app'
import { parseSize } from './generate'
import type { LoadJob, LoadResult } from './load'
import { neverAskedPath, type QueryPlaces } from './queries'
import type { ImportTiming } from './importTiming'
import { openDatabase } from '../db/connection'
import type { MixedJob, MixedResult } from './mixed'
import { benchAccounts } from './mixedAccounts'
import { formatMixedTable, formatTable, type BenchReport, type MixedReport, type RouteReport } from './report'
import { buildRoutes, type Route } from './routes'
import { IMPORT_ROWS, judgeImport, MIXED_ACCOUNTS, MIXED_CONNECTIONS, MIXED_SECONDS } from './targets'

interface Options {
  size: number
  duration: number
  connections: number
  warmup: number
  db: string | null
  keep: boolean
  only: string | null
  /** seconds of the mixed load */
  mixedDuration: number
}

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
    mixedDuration: numberOption(args, '--mixed-duration', MIXED_SECONDS),
  }
}

const fixed = (n: number, digits = 1) => n.toFixed(digits)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The app's heap cap, read from package.json's start script so the two cannot differ. */
function startHeapCapMb(): number {
  const pkg = JSON.parse(fs.readFileSync(projectPath('package.json'), 'utf8')) as {
    scripts?: { start?: string }
  }
  const match = /--max-old-space-size=(\d+)/.exec(pkg.scripts?.start ?? '')
  return match ? Number(match[1]) : 256
}

/** Runs a compiled bench script in a child process and waits for it to finish. */
function runChild(script: string, args: string[], execArgv: string[] = []): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, script), args, { stdio: 'inherit', execArgv })
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${script} stopped with code ${code}`)),
    )
  })
}

/** The app, in a process of its own, and what it tells us about its memory. */
class AppProcess {
  private child: ChildProcess | null = null
  private stderrTail = ''
  /** why the app stopped, once it has */
  stopped: string | null = null
  baseUrl = ''
  /** the highest memory seen over the whole run, in MB */
  peakMb = 0
  /** the highest memory since resetRoutePeak(), in MB */
  routePeakMb = 0
  private sampler: NodeJS.Timeout | null = null

  constructor(
    private readonly file: string,
    private readonly heapCapMb: number,
  ) {}

  get alive(): boolean {
    return this.child !== null && this.stopped === null
  }

  /** Starts the app and waits until it listens; rejects with the reason it did not. */
  start(timeoutMs = 15 * 60 * 1000): Promise<void> {
    this.stopped = null
    this.stderrTail = ''
    const child = fork(path.join(__dirname, 'app.js'), [this.file], {
      execArgv: [`--max-old-space-size=${this.heapCapMb}`],
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    })
    this.child = child
    child.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk)
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-4000)
    })
    child.on('message', (message: AppMessage) => {
      if (message.type === 'memory') this.notePeak(Math.max(message.rssMb, message.peakMb), message.rssMb)
    })
    child.on('exit', (code, signal) => {
      this.stopped = this.describeStop(code, signal)
      if (this.sampler) clearInterval(this.sampler)
    })
    // Read from /proc as well where there is one: it answers even while the app's event loop is busy.
    this.sampler = setInterval(() => this.readProc(child.pid), 100)
    this.sampler.unref()
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL')
        reject(new Error(`the app did not start within ${timeoutMs / 1000} s`))
      }, timeoutMs)
      child.on('message', (message: AppMessage) => {
        if (message.type !== 'listening') return
        clearTimeout(timer)
        this.baseUrl = `http://127.0.0.1:${message.port}`
        resolve()
      })
      child.on('exit', () => {
        clearTimeout(timer)
        reject(new Error(this.stopped ?? 'the app stopped'))
      })
    })
  }

  resetRoutePeak(): void {
    this.routePeakMb = 0
  }

  private notePeak(peakMb: number, nowMb: number): void {
    this.peakMb = Math.max(this.peakMb, peakMb)
    this.routePeakMb = Math.max(this.routePeakMb, nowMb)
  }

  private readProc(pid: number | undefined): void {
    if (pid === undefined || this.stopped !== null) return
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
      const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)
      this.notePeak(kb('VmHWM') / 1024, kb('VmRSS') / 1024)
    } catch {
      // No /proc here (or the app just stopped): its own reports are enough.
    }
  }

  private describeStop(code: number | null, signal: NodeJS.Signals | null): string {
    if (/heap out of memory|Allocation failed/i.test(this.stderrTail)) return 'the app stopped: out of memory'
    if (signal) return `the app stopped: ${signal}`
    return `the app stopped with code ${code}`
  }

  /** Stops the app and waits for it to go. */
  async stop(): Promise<void> {
    const child = this.child
    if (!child || this.stopped !== null) return
    const gone = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await Promise.race([gone, sleep(5000)])
    if (this.stopped === null) child.kill('SIGKILL')
  }
}

/** Drives one route from a child process; rejects when it does not finish in good time. */
const drive = (job: LoadJob) => driveFrom<LoadJob, LoadResult>('load.js', job)

/** Runs a load script in a child process with one job; rejects when it does not finish in good time. */
function driveFrom<Job extends { duration: number }, Result>(script: string, job: Job): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, script), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    let result: Result | undefined
    // Requests give up after 10 s; a minute over is more than enough.
    const timer = setTimeout(() => child.kill('SIGKILL'), (job.duration + 60) * 1000)
    child.on('message', (message: Result) => {
      result = message
    })
    child.on('error', reject)
    child.on('exit', (code) => {
      clearTimeout(timer)
      if (result && code === 0) resolve(result)
      else
        reject(
          new Error(
            code === null ? 'the load did not finish in time' : `${script} stopped with code ${code}`,
          ),
        )
    })
    child.send(job)
  })
}

/** Asks for each URL once, one at a time; the first that does not work is the route's failure. */
async function checkAnswers(baseUrl: string, route: Route, urls: string[]): Promise<string | null> {
  for (const url of urls) {
    let response: Response
    let body: string
    try {
      response = await fetch(`${baseUrl}${url}`, { signal: AbortSignal.timeout(30_000) })
      body = await response.text()
    } catch (error) {
      const reason =
        error instanceof Error && error.name === 'TimeoutError' ? 'no answer in 30 s' : 'no answer'
      return `${reason} for ${url}`
    }
    if (response.status !== 200) return `answered ${response.status} for ${url}`
    if (!route.check(body)) return `answered 200 without what it should show for ${url}`
  }
  return null
}

/** Up to n of a route's fixed URLs, spread through its list. */
function sample(paths: readonly string[], n: number): string[] {
  if (paths.length <= n) return [...paths]
  return Array.from({ length: n }, (_, i) => paths[Math.floor((i * paths.length) / n)] as string)
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2))
  const tempDir = options.db ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'common-ground-bench-'))
  const file = options.db ?? path.join(tempDir as string, 'bench.sqlite')
  const app = new AppProcess(file, startHeapCapMb())
  const cleanUp = () => {
    if (tempDir && !options.keep) fs.rmSync(tempDir, { recursive: true, force: true })
  }
  process.once('SIGINT', () => {
    void app.stop().finally(() => {
      cleanUp()
      process.exit(130)
    })
  })

  try {
    if (!options.db) {
      const started = performance.now()
      await runChild('generate.js', ['--size', String(options.size), '--out', file])
      console.log(`Data ready in ${fixed((performance.now() - started) / 1000)} s\n`)
    }

    const starting = performance.now()
    await app.start()
    console.log(
      `App running at ${app.baseUrl} on ${file} (NODE_ENV=production, view cache on, heap cap ${startHeapCapMb()} MB), started in ${fixed((performance.now() - starting) / 1000)} s`,
    )

    // Read the database for the routes only once the app has migrated it.
    const db = new Database(file, { readonly: true })
    const size = db.prepare<[], number>('SELECT count(*) FROM services').pluck().get() ?? 0
    const { baseline, routes, places, writeTargets } = buildRoutes(db)
    db.close()

    // Never-asked searches are numbered on through the run, so none is asked twice.
    const nextQuery = new Map<string, number>()
    const timeRoute = async (route: Route): Promise<RouteReport> => {
      const report: RouteReport = { name: route.name, kind: route.kind }
      if (!app.alive) {
        console.log(`  (starting the app again after: ${app.stopped})`)
        try {
          await app.start()
        } catch (error) {
          return { ...report, failure: `the app did not start again: ${(error as Error).message}` }
        }
      }
      app.resetRoutePeak()
      const whenStopped = async (failure: string) => {
        // A refused connection comes a moment before the news that the app has stopped.
        await sleep(500)
        return app.stopped ?? failure
      }
      let first = nextQuery.get(route.name) ?? 0
      const checked = route.neverAsked
        ? Array.from({ length: 5 }, (_, i) => neverAskedPath(route.neverAsked!, places, first + i))
        : sample(route.paths ?? [], 20)
      first += checked.length
      const wrong = await checkAnswers(app.baseUrl, route, checked)
      if (wrong !== null) {
        const failure = await whenStopped(wrong)
        // An app that no longer answers is stopped, so the next route starts it again.
        if (wrong.startsWith('no answer in')) await app.stop()
        return { ...report, failure, peakMb: app.routePeakMb }
      }
      const job = (duration: number): LoadJob => ({
        baseUrl: app.baseUrl,
        connections: options.connections,
        duration,
        ...(route.neverAsked
          ? { neverAsked: { kind: route.neverAsked, places: places as QueryPlaces, first } }
          : { paths: route.paths ?? [] }),
      })
      try {
        if (options.warmup > 0) first = (await drive(job(options.warmup))).next
        const result = await drive(job(options.duration))
        nextQuery.set(route.name, result.next)
        const timing = { rps: result.rps, p50Ms: result.p50Ms, p99Ms: result.p99Ms, maxMs: result.maxMs }
        console.log(
          `  ${route.name.padEnd(38)} ${fixed(result.rps, 0).padStart(6)} rps  p50 ${fixed(result.p50Ms)} ms  p99 ${fixed(result.p99Ms)} ms  worst ${fixed(result.maxMs, 0)} ms  (peak memory ${fixed(app.routePeakMb, 0)} MB)`,
        )
        const failure =
          result.requests === 0
            ? await whenStopped('no request answered within 10 s')
            : result.non2xx > 0 || result.errors > 0 || result.timeouts > 0
              ? await whenStopped(
                  `${result.non2xx} answers other than 2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
                )
              : app.stopped
        return { ...report, timing, peakMb: app.routePeakMb, ...(failure ? { failure } : {}) }
      } catch (error) {
        const failure = await whenStopped((error as Error).message)
        // The load did not finish: do not time the next route against the same stuck app.
        if (app.alive) await app.stop()
        return { ...report, failure, peakMb: app.routePeakMb }
      }
    }
    const say = (report: RouteReport) => {
      if (report.failure) console.log(`  ${report.name.padEnd(38)} FAILED: ${report.failure}`)
      return report
    }

    console.log(`Driving each route for ${options.duration} s with ${options.connections} connections:`)
    const baselineFirst = say(await timeRoute(baseline))
    const timed: RouteReport[] = []
    for (const route of routes) {
      if (options.only && !route.name.includes(options.only)) continue
      timed.push(say(await timeRoute(route)))
    }
    // The baseline again at the end, so a machine that got busier during the run does not
    // flatter or punish the routes timed in between.
    const baselineLast = say(await timeRoute(baseline))
    // The routes' memory target is for the routes, each on its own: the mixed load (with its
    // Argon2 password checks) has its own figure.
    const routesPeakMb = app.peakMb

    // The mixed load (issue 13): reads and writes together, on the app as the routes left it.
    const runMixed = async (): Promise<MixedReport> => {
      const report: MixedReport = { connections: MIXED_CONNECTIONS, seconds: 0, kinds: [], peakMb: null }
      if (!app.alive) {
        console.log(`  (starting the app again after: ${app.stopped})`)
        try {
          await app.start()
        } catch (error) {
          return { ...report, failure: `the app did not start again: ${(error as Error).message}` }
        }
      }
      const writable = openDatabase(file)
      const accounts = await benchAccounts(writable, MIXED_ACCOUNTS).finally(() => writable.close())
      // Each route's paths equally often, however many each has.
      const evenly = (kind: Route['kind']) =>
        routes
          .filter((route) => route.kind === kind && route.paths)
          .flatMap((route) =>
            Array.from({ length: 60 }, (_, i) => route.paths?.[i % route.paths.length] ?? '/'),
          )
      const job: MixedJob = {
        baseUrl: app.baseUrl,
        connections: MIXED_CONNECTIONS,
        duration: options.mixedDuration,
        searchPaths: evenly('search'),
        neverAsked: {
          kinds: routes.flatMap((route) => (route.neverAsked ? [route.neverAsked] : [])),
          places,
          // After every number the routes asked, so none of these was asked before either.
          first: Math.max(0, ...nextQuery.values()),
        },
        pagePaths: evenly('page'),
        markerPaths: evenly('markers'),
        accounts,
        ...writeTargets,
      }
      app.resetRoutePeak()
      try {
        const result = await driveFrom<MixedJob, MixedResult>('mixed.js', job)
        return {
          ...report,
          seconds: result.seconds,
          kinds: result.kinds,
          peakMb: app.routePeakMb,
          ...(app.stopped ? { failure: app.stopped } : {}),
        }
      } catch (error) {
        await sleep(500)
        return { ...report, peakMb: app.routePeakMb, failure: app.stopped ?? (error as Error).message }
      }
    }
    const mixedWanted = !options.only || 'mixed load'.includes(options.only)
    let mixed: MixedReport | null = null
    if (mixedWanted) {
      console.log(
        `\nThe mixed load: ${MIXED_CONNECTIONS} connections for ${options.mixedDuration} s, reads and writes together:`,
      )
      mixed = await runMixed()
    }
    await app.stop()

    const baselines = [baselineFirst, baselineLast].flatMap((b) => (b.timing ? [b.timing.rps] : []))
    const report: BenchReport = {
      size,
      baselineRps: baselines.length === 0 ? null : baselines.reduce((a, b) => a + b, 0) / baselines.length,
      routes: timed,
      peakMb: routesPeakMb > 0 ? routesPeakMb : null,
    }
    console.log(
      `\n${size.toLocaleString('en-GB')} services; baseline ${baselineFirst.timing ? fixed(baselineFirst.timing.rps, 0) : '-'} rps at the start, ${baselineLast.timing ? fixed(baselineLast.timing.rps, 0) : '-'} at the end`,
    )
    // The import (issue 12): its own fresh directory, with npm start's heap cap.
    let importTiming: ImportTiming | null = null
    if (!options.only) {
      const timingFile = path.join(tempDir ?? os.tmpdir(), `import-timing-${process.pid}.json`)
      try {
        await runChild(
          'importTiming.js',
          ['--rows', String(IMPORT_ROWS), '--out', timingFile],
          [`--max-old-space-size=${startHeapCapMb()}`],
        )
        importTiming = JSON.parse(fs.readFileSync(timingFile, 'utf8')) as ImportTiming
      } catch (error) {
        console.log(`  The import stopped: ${(error as Error).message}`)
      } finally {
        fs.rmSync(timingFile, { force: true })
      }
    }

    const { lines } = formatTable(report)
    console.log('')
    for (const line of lines) console.log(line)
    if (!options.only) console.log(judgeImport(importTiming?.importS ?? null).says)
    const mixedTable = mixed ? formatMixedTable(mixed) : null
    if (mixed && mixedTable) {
      console.log(`\nThe mixed load, ${mixed.connections} connections for ${fixed(mixed.seconds)} s:\n`)
      for (const line of mixedTable.lines) console.log(line)
    }

    // The gaps report needs someone signed in, so it is timed in a process of its own.
    if (!options.only || 'gaps report'.includes(options.only)) {
      console.log('')
      await runChild('gaps.js', [file]).catch((error: unknown) =>
        console.log(`gaps report: FAILED: ${(error as Error).message}`),
      )
    }

    const failures = [baselineFirst, baselineLast, ...timed].filter((r) => r.failure)
    if (options.only) {
      console.log('\nOnly some routes were timed (--only), so bench/results/latest.json is left as it was.')
    } else {
      const resultsDir = projectPath('bench', 'results')
      fs.mkdirSync(resultsDir, { recursive: true })
      const round = (n: number | undefined, digits: number) =>
        n === undefined ? null : Number(n.toFixed(digits))
      const json = {
        size,
        baseline: { rps: round(report.baselineRps ?? undefined, 1) },
        routes: timed.map((r) => ({
          name: r.name,
          kind: r.kind,
          rps: round(r.timing?.rps, 1),
          p50_ms: round(r.timing?.p50Ms, 2),
          p99_ms: round(r.timing?.p99Ms, 2),
          worst_ms: round(r.timing?.maxMs, 0),
          ratio_to_baseline:
            r.timing && report.baselineRps ? round(r.timing.rps / report.baselineRps, 3) : null,
          peak_mb: round(r.peakMb, 0),
          failure: r.failure ?? null,
        })),
        rss_mb: round(report.peakMb ?? undefined, 1),
        mixed: mixed && {
          connections: mixed.connections,
          seconds: round(mixed.seconds, 1),
          met: mixedTable?.met ?? false,
          peak_mb: round(mixed.peakMb ?? undefined, 0),
          failure: mixed.failure ?? null,
          kinds: mixed.kinds.map((k) => ({
            kind: k.kind,
            requests: k.requests,
            rps: mixed.seconds > 0 ? round(k.requests / mixed.seconds, 1) : null,
            p50_ms: round(k.p50Ms, 2),
            p95_ms: round(k.p95Ms, 2),
            p99_ms: round(k.p99Ms, 2),
            worst_ms: round(k.maxMs, 0),
            not_2xx_3xx: k.non2xx3xx,
            status_5xx: k.serverErrors,
            errors: k.errors,
          })),
        },
        import: importTiming && {
          rows: importTiming.rows,
          file_mb: round(importTiming.fileMb, 1),
          dry_run_s: round(importTiming.dryRunS, 2),
          import_s: round(importTiming.importS, 2),
          peak_rss_mb: round(importTiming.peakRssMb, 0),
        },
      }
      fs.writeFileSync(path.join(resultsDir, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`)
      console.log(`\nWrote ${path.relative(process.cwd(), path.join(resultsDir, 'latest.json'))}`)
    }
    if (options.keep && tempDir) console.log(`Kept the database: ${file}`)
    if (failures.length > 0) console.log(`${failures.length} route(s) failed (see above).`)
    const mixedFailed = mixedTable !== null && !mixedTable.met
    if (mixedFailed) console.log('The mixed load had errors (see above).')
    return failures.length > 0 || mixedFailed ? 1 : 0
  } finally {
    await app.stop()
    cleanUp()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`\nThe benchmark stopped: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  },
)
