/**
 * The real server (server/index.ts, as `npm run dev` runs it: TypeScript through tsx, so
 * nothing needs building first) in a process of its own over one database file, started,
 * waited for until /health answers, and killed with SIGKILL: no handler runs, nothing is
 * flushed or closed, as when the process crashes or is killed by the kernel.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import { PROJECT_ROOT } from '../../server/paths'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A port nobody is listening on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

export class AppProcess {
  private child: ChildProcess | null = null
  private exited: Promise<void> = Promise.resolve()
  private output = ''
  port = 0

  constructor(
    private readonly databasePath: string,
    /** how long a start may take before the test gives up: generous, for a slow shared machine */
    /** run searches in worker threads, as npm start does (slower to start) */
    private readonly searchWorkers = true,
    private readonly startTimeoutMs = 180_000,
  ) {}

  /** Starts the app and waits until /health answers 200. */
  async start(): Promise<void> {
    this.port = await freePort()
    this.output = ''
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        PORT: String(this.port),
        DATABASE_PATH: this.databasePath,
        // Searches write nothing; their worker threads (on by default) take seconds to start.
        ...(this.searchWorkers ? {} : { SEARCH_TIME_LIMIT_MS: '0' }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.child = child
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-4000)
    }
    child.stdout?.on('data', keep)
    child.stderr?.on('data', keep)
    let gone = false
    this.exited = new Promise((resolve) =>
      child.once('exit', () => {
        gone = true
        resolve()
      }),
    )
    const deadline = Date.now() + this.startTimeoutMs
    while (Date.now() < deadline) {
      if (gone) throw new Error(`The app stopped while starting:\n${this.output}`)
      try {
        const health = await fetch(`http://127.0.0.1:${this.port}/health`, {
          signal: AbortSignal.timeout(5000),
        })
        await health.text()
        if (health.status === 200) return
      } catch {
        // Not listening yet.
      }
      await sleep(100)
    }
    await this.kill()
    throw new Error(`The app did not answer /health within ${this.startTimeoutMs / 1000} s:\n${this.output}`)
  }

  /** SIGKILL, and wait until the process is gone (its file locks and all). */
  async kill(): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null)
      this.child.kill('SIGKILL')
    await this.exited
    this.child = null
  }
}
