/**
 * The real server (server/index.ts, run from the TypeScript sources with tsx) in a process of
 * its own, on a database file: for stories about starting and stopping it.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'
import { projectPath } from '../../server/paths'

export interface RunningServer {
  child: ChildProcess
  port: number
  /** resolves with the exit code once the process has ended */
  exited: Promise<number | null>
  /** everything the server wrote to standard output and error so far */
  output(): string
}

/** Starts the server on `databasePath` with any free port and waits until it listens. */
export async function startServer(
  databasePath: string,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', projectPath('server/index.ts')], {
    cwd: projectPath('.'),
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      PORT: '0',
      DATABASE_PATH: databasePath,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const port = await new Promise<number>((resolve, reject) => {
    const check = () => {
      const found = /Common Ground is running at http:\/\/localhost:(\d+)/.exec(output)
      if (found?.[1]) resolve(Number(found[1]))
    }
    child.stdout?.on('data', check)
    void exited.then((code) => reject(new Error(`The server stopped (${code}) before listening:\n${output}`)))
  })
  return { child, port, exited, output: () => output }
}

/** Whether a new connection to the port is refused. */
export function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'))
  })
}

/**
 * A POST whose body arrives slowly, as from a visitor on a poor connection: the headers and the
 * first part of the body are sent at once, the rest when `finish()` is called. `answer` resolves
 * with everything the server sent once it closes the connection.
 */
export function aSlowPost(port: number, path: string, body: string, cookie: string) {
  const socket = net.connect(port, '127.0.0.1')
  let received = ''
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()))
  const answer = new Promise<string>((resolve) => socket.once('close', () => resolve(received)))
  const half = Math.floor(body.length / 2)
  const started = new Promise<void>((resolve) =>
    socket.once('connect', () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: localhost\r\nCookie: ${cookie}\r\n` +
          `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n` +
          body.slice(0, half),
      )
      resolve()
    }),
  )
  return {
    started,
    answer,
    finish: () => socket.write(body.slice(half)),
  }
}
