/**
 * Drives one route with autocannon, in its own process so that the load it makes does not
 * share the app's event loop, heap or memory figure. bench/run.ts forks this file, sends one
 * LoadJob and gets one LoadResult back.
 */
import autocannon from 'autocannon'
import { Random } from './random'

export interface LoadJob {
  baseUrl: string
  /** each request picks one of these at random: list a path twice to ask for it twice as often */
  paths: string[]
  connections: number
  /** seconds */
  duration: number
}

export interface LoadResult {
  /** mean requests per second */
  rps: number
  p50Ms: number
  p99Ms: number
  requests: number
  non2xx: number
  errors: number
  timeouts: number
}

async function drive(job: LoadJob): Promise<LoadResult> {
  const random = new Random(job.paths.length)
  const result = await autocannon({
    url: job.baseUrl,
    connections: job.connections,
    duration: job.duration,
    // A random path for every request (the same sequence each run), not the list in turn: ten
    // connections going round one list in step would each find what the first one just cached.
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: random.pick(job.paths) }) }],
  })
  return {
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
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
