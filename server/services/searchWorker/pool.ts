/**
 * Searches in worker threads, so the main thread only reads requests, renders pages and
 * answers /health while a search runs. better-sqlite3 is synchronous and one SQLite statement
 * cannot be interrupted, so a search that has not answered within its limit gets "Try fewer
 * words or a smaller area", and a worker still busy with it is terminated and replaced, so the
 * next visitor does not queue behind it. The pool follows better-sqlite3's own example
 * (https://github.com/WiseLibs/better-sqlite3/blob/master/docs/threads.md): each worker opens
 * its own connection, and the pool keeps a queue and respawns workers that are lost.
 */
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import type { Config } from '../../config'
import type { Point } from '../geo'
import type { LocationResult } from '../locationService'
import type { NearDecision, SearchOutcome } from '../searchService'
import type { SearchFilters } from '../../validation/searchQuery'
import {
  BUSY,
  TOO_BIG,
  type Busy,
  type FromWorker,
  type SearchQuestion,
  type SearchWorkerData,
  type ToWorker,
  type TooBig,
} from './protocol'

export interface SearchWorkerPoolOptions {
  databasePath: string
  /** the app's config, for the worker's own services */
  config: Config
  /** how long a search may run in a worker, in milliseconds, once a worker has taken it */
  limitMs: number
  /**
   * how long a search may wait for a free worker, in milliseconds, before it is answered "Lots
   * of people are searching" (WAIT_MS unless given)
   */
  waitMs?: number
  /**
   * how long one search may run in a worker before the worker is taken as stuck and replaced
   * (STUCK_AFTER_LIMITS times limitMs unless given)
   */
  stuckAfterMs?: number
  /** how many searches run at once (each worker has its own connection and caches) */
  workers?: number
  /** the worker's script; a test may give its own (for example one made slow on purpose) */
  entry?: string
  /** SQLite's page cache for each worker's connection, in KiB */
  cacheKiB?: number
  /** each worker's JavaScript heap, in MB: a worker that needs more is lost and replaced */
  heapMb?: number
  /** told when a worker is replaced or lost, for the log */
  onProblem?: (message: string) => void
}

/**
 * Two cores: one worker each, with the main thread between them. Measured at 1,000,000
 * services with npm start's heap cap: the app starts at 123 MB with both workers (86 MB with
 * none), and peaks at 256 MB with the map's index built and 16 heavy searches at once.
 */
const WORKERS = 2
/** SQLite's page cache per worker (the main connection has 32 MB); the OS keeps the file cached too. */
const CACHE_KIB = 8 * 1024
/** Each worker's heap: its answer caches are a few MB (SearchService weighs them); a worker past this is replaced. */
const HEAP_MB = 64
/**
 * A terminated worker stops only when its statement ends, and meanwhile holds its memory and
 * a core. At most this many may be finishing at once: past it, a stuck worker's place stays
 * empty until one has stopped (searches wait, and say "Try fewer words" when their time is
 * up), so a flood of heavy searches cannot fill the machine with threads.
 */
const STOPPING_AT_MOST = 2
/**
 * A worker is replaced when one search has run this many times the limit. The visitor has had
 * "Try fewer words" at the limit already; most searches past it end soon after (their own
 * work budget stops them at 700 ms, between rows), and replacing a worker costs about a second
 * of a core and 60 MB while the old one finishes. Replacing at the limit itself, the benchmark
 * at 1,000,000 services saw workers replaced again and again under load, and memory past
 * 400 MB.
 */
const STUCK_AFTER_LIMITS = 3
/**
 * How long a search may wait for a free worker. At a busy moment (the benchmark's 50 people at
 * once, a third of them searching) searches queue for a second or two behind each other: a
 * resident would rather have their results a little late than a page asking them to try again,
 * and waiting costs no work (the main thread answers other pages meanwhile). Past this, or with
 * WAITING_AT_MOST searches queued already, the machine is past what it can answer in good time,
 * and "Lots of people are searching" says so plainly (503, try again in a few seconds).
 */
const WAIT_MS = 4000
/** Searches that may wait at once; the next is answered "Lots of people are searching" at once. */
const WAITING_AT_MOST = 100
/** A worker that could not start is tried again after this long, not in a tight loop. */
const RESTART_DELAY_MS = 1000
/** How long a worker asked to close may take before it is terminated. */
const CLOSE_WAIT_MS = 1000

type Answer = SearchOutcome | NearDecision | TooBig | Busy

interface Job {
  id: number
  question: SearchQuestion
  settled: boolean
  /** while it waits for a worker, when it stops waiting; once a worker has it, when its time is up */
  deadline: NodeJS.Timeout
  resolve(value: Answer): void
  reject(error: Error): void
}

interface Slot {
  /** null while its place waits for a stopping worker to stop, or for a failed start to be tried again */
  worker: Worker | null
  ready: boolean
  job: Job | null
  /** fires when the job has run far past the limit (STUCK_AFTER_LIMITS): the worker is then stuck, and replaced */
  stuck: NodeJS.Timeout | null
}

export class SearchWorkerPool {
  private readonly slots: Slot[] = []
  private readonly queue: Job[] = []
  private lastId = 0
  private closing = false
  /** terminated workers still finishing the statement they were stuck in */
  private stopping = 0
  /** callers of ready() waiting for every worker to be ready */
  private waiting: { resolve(): void; reject(error: Error): void }[] = []
  /** how many workers have been replaced since the pool started (stuck, or lost) */
  replacements = 0

  constructor(private readonly options: SearchWorkerPoolOptions) {
    for (let i = 0; i < (options.workers ?? WORKERS); i++) {
      const slot: Slot = { worker: null, ready: false, job: null, stuck: null }
      this.slots.push(slot)
      this.spawn(slot)
    }
  }

  /**
   * Resolves when every worker is ready for a search (they open their connections when the
   * pool starts, and again after one is replaced); rejects when one cannot start.
   */
  ready(): Promise<void> {
    if (this.slots.every((slot) => slot.ready)) return Promise.resolve()
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }))
  }

  /**
   * The page of results; 'too-big' when the search itself ran past the limit, or 'busy' when
   * it waited too long for a worker (or too many were waiting already).
   */
  search(filters: SearchFilters, location: LocationResult | null): Promise<SearchOutcome | TooBig | Busy> {
    return this.ask({ kind: 'search', filters, location }) as Promise<SearchOutcome | TooBig | Busy>
  }

  /** How far a search near `point` reaches; 'too-big' or 'busy' as for search(). */
  reach(filters: SearchFilters, point: Point): Promise<NearDecision | TooBig | Busy> {
    return this.ask({ kind: 'reach', filters, point }) as Promise<NearDecision | TooBig | Busy>
  }

  /** Asks each worker to close its connection and stop; any still busy after a second is terminated. */
  async close(): Promise<void> {
    this.closing = true
    for (const job of this.queue.splice(0)) this.settle(job, BUSY)
    await Promise.all(
      this.slots.map(async (slot) => {
        if (slot.stuck) clearTimeout(slot.stuck)
        if (slot.job) this.settle(slot.job, BUSY)
        const worker = slot.worker
        if (!worker) return
        let waiting: NodeJS.Timeout | undefined
        await new Promise<void>((resolve) => {
          worker.once('exit', () => resolve())
          waiting = setTimeout(resolve, CLOSE_WAIT_MS)
          worker.postMessage({ type: 'close' } satisfies ToWorker)
        })
        clearTimeout(waiting)
        // Resolves at once for a worker that has stopped already.
        await worker.terminate()
      }),
    )
  }

  private ask(question: SearchQuestion): Promise<Answer> {
    if (this.closing) return Promise.reject(new Error('The search workers have been closed'))
    if (this.queue.length >= WAITING_AT_MOST) return Promise.resolve(BUSY)
    return new Promise<Answer>((resolve, reject) => {
      const job: Job = {
        id: ++this.lastId,
        question,
        settled: false,
        resolve,
        reject,
        deadline: setTimeout(() => this.stopWaiting(job), this.options.waitMs ?? WAIT_MS),
      }
      this.queue.push(job)
      this.dispatch()
    })
  }

  /** Hands waiting searches to free workers that are ready. */
  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.worker || !slot.ready || slot.job) continue
      let job = this.queue.shift()
      while (job?.settled) job = this.queue.shift()
      if (!job) return
      slot.job = job
      // Its time starts now: past the limit, "Try fewer words or a smaller area".
      clearTimeout(job.deadline)
      job.deadline = setTimeout(() => this.settle(job, TOO_BIG), this.options.limitMs)
      slot.worker.postMessage({ type: 'ask', id: job.id, ...job.question } satisfies ToWorker)
      // Only a search that has itself run far past the limit makes a worker stuck, not one
      // that waited in the queue first.
      slot.stuck = setTimeout(
        () => this.replace(slot, 'a search ran far past its time limit'),
        this.options.stuckAfterMs ?? this.options.limitMs * STUCK_AFTER_LIMITS,
      )
    }
  }

  /**
   * A search waited its time for a worker: "Lots of people are searching", since fewer words
   * would not have helped. (One that a worker has taken gets "Try fewer words" at its limit; a
   * worker still on it is replaced only when it is stuck.)
   */
  private stopWaiting(job: Job): void {
    const waiting = this.queue.indexOf(job)
    if (waiting < 0) return
    this.queue.splice(waiting, 1)
    this.settle(job, BUSY)
  }

  private settle(job: Job, value: Answer | Error): void {
    if (job.settled) return
    job.settled = true
    clearTimeout(job.deadline)
    if (value instanceof Error) job.reject(value)
    else job.resolve(value)
  }

  /** Starts a worker in the slot's place. */
  private spawn(slot: Slot): void {
    const entry = this.options.entry ?? path.join(__dirname, `worker${path.extname(__filename)}`)
    const data: SearchWorkerData = {
      databasePath: this.options.databasePath,
      config: this.options.config,
      cacheKiB: this.options.cacheKiB ?? CACHE_KIB,
    }
    const worker = new Worker(entry, {
      workerData: data,
      // TypeScript sources (tests, `npm run dev`) are loaded through tsx; the built app runs JavaScript.
      execArgv: entry.endsWith('.ts') ? ['--require', require.resolve('tsx/cjs')] : [],
      resourceLimits: { maxOldGenerationSizeMb: this.options.heapMb ?? HEAP_MB },
    })
    // The pool never keeps the process alive on its own: the web server does.
    worker.unref()
    slot.worker = worker
    slot.ready = false
    let everReady = false
    worker.on('message', (message: FromWorker) => {
      if (slot.worker !== worker) return
      if (message.type === 'ready') {
        everReady = true
        slot.ready = true
        if (this.slots.every((each) => each.ready))
          for (const waiter of this.waiting.splice(0)) waiter.resolve()
        this.dispatch()
        return
      }
      const job = slot.job
      if (!job || job.id !== message.id) return
      if (slot.stuck) clearTimeout(slot.stuck)
      slot.stuck = null
      slot.job = null
      if (message.ok) this.settle(job, message.value)
      else this.settle(job, Object.assign(new Error(message.error.message), { stack: message.error.stack }))
      this.dispatch()
    })
    const lost = (reason: string, stopped: boolean) => {
      if (slot.worker !== worker || this.closing) return
      if (everReady) {
        this.replace(slot, reason, stopped)
        return
      }
      // It never opened its connection: say why at start-up, and try again a little later.
      const failed = new Error(`A search worker could not start: ${reason}`)
      for (const waiter of this.waiting.splice(0)) waiter.reject(failed)
      slot.worker = null
      setTimeout(() => this.refill(), RESTART_DELAY_MS).unref()
    }
    // An error (out of memory, say) is followed by an exit.
    worker.on('error', (error) => lost(error.message, false))
    worker.on('exit', (code) => lost(`it stopped (exit code ${String(code)})`, true))
  }

  /** Terminates a stuck or broken worker and starts a fresh one in its place (or later: STOPPING_AT_MOST). */
  private replace(slot: Slot, reason: string, stopped = false): void {
    if (this.closing || !slot.worker) return
    const old = slot.worker
    old.removeAllListeners()
    if (!stopped) {
      old.on('error', () => {})
      this.stopping++
      old.once('exit', () => {
        this.stopping--
        this.refill()
      })
      void old.terminate()
    }
    if (slot.stuck) clearTimeout(slot.stuck)
    slot.stuck = null
    if (slot.job) this.settle(slot.job, TOO_BIG)
    slot.job = null
    slot.worker = null
    slot.ready = false
    this.replacements++
    this.options.onProblem?.(`A search worker was replaced: ${reason}`)
    this.refill()
  }

  /** Starts workers in empty places, while fewer than STOPPING_AT_MOST terminated ones are still finishing. */
  private refill(): void {
    for (const slot of this.slots) {
      if (this.closing || this.stopping >= STOPPING_AT_MOST) return
      if (!slot.worker) this.spawn(slot)
    }
  }
}
