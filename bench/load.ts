/**
 * Drives one route with autocannon, in its own process so that the load it makes does not
 * share the app's event loop, heap or memory figure. bench/run.ts forks this file, sends one
 * LoadJob and gets one LoadResult back.
 */
import autocannon from 'autocannon'
import { neverAskedPath, type NeverAskedKind, type QueryPlaces } from './queries'
import { Random } from './random'

export interface LoadJob {
  baseUrl: string
  /** each request picks one of these at random: list a path twice to ask for it twice as often */
  paths?: string[]
  /** or: every request a search never asked before, numbered on from `first` */
  neverAsked?: { kind: NeverAskedKind; places: QueryPlaces; first: number }
  connections: number
  /** seconds */
  duration: number
}

export interface LoadResult {
  /** mean requests per second */
  rps: number
  p50Ms: number
  p99Ms: number
  /** the slowest single request */
  maxMs: number
  requests: number
  non2xx: number
  errors: number
  timeouts: number
  /** for never-asked searches: the number after the last one asked */
  next: number
}

async function drive(job: LoadJob): Promise<LoadResult> {
  const random = new Random(job.paths?.length ?? 1)
  let n = job.neverAsked?.first ?? 0
  const nextPath = (): string => {
    if (job.neverAsked) return neverAskedPath(job.neverAsked.kind, job.neverAsked.places, n++)
    // A random path for every request (the same sequence each run), not the list in turn: ten
    // connections going round one list in step would each find what the first one just cached.
    return random.pick(job.paths ?? ['/'])
  }
  const result = await autocannon({
    url: job.baseUrl,
    connections: job.connections,
    duration: job.duration,
    // A request that takes longer than this counts as a timeout (an error), not a wait.
    timeout: 10,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: nextPath() }) }],
  })
  return {
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    next: n,
  }
}

process.once('message', (job: LoadJob) => {
  drive(job).then(
    (result) => process.send?.(result, () => process.exit(0)),
    (error: unknown) => {
      console.error(error)
      process.exit(1)
    },
  )
})
