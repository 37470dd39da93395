/**
 * Stopping when asked: the server, in a process of its own on a database file, is sent SIGTERM
 * (as a service manager or `docker stop` does) while someone is part-way through a request.
 */
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { csrfIn } from '../support/accounts'
import { aSlowPost, connectionRefused, startServer } from '../support/runningServer'

// The first start loads the demo data, from the TypeScript sources, on a busy machine.
jest.setTimeout(120_000)

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

let folder: string
let databasePath: string

beforeAll(() => {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-shutdown-'))
  databasePath = path.join(folder, 'common-ground.sqlite')
})

afterAll(() => fs.rmSync(folder, { recursive: true, force: true }))

/** The sign-in page's session cookie and form token, for a POST the app will answer. */
async function aSignInForm(port: number): Promise<{ cookie: string; body: string }> {
  const page = await fetch(`http://127.0.0.1:${port}/sign-in`)
  const cookie = page.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ')
  const fields = new URLSearchParams({
    email: 'nobody@example.org',
    password: 'not the right one',
    _csrf: csrfIn(await page.text()),
  })
  return { cookie, body: fields.toString() }
}

describe('stopping the server with SIGTERM', () => {
  it('answers the visitor whose request is under way, refuses new connections, empties the WAL and exits 0', async () => {
    const server = await startServer(databasePath, { SHUTDOWN_GRACE_MS: '20000' })
    const form = await aSignInForm(server.port)
    // The start-up wrote the demo data, so the WAL has something in it to move into the file.
    expect(fs.statSync(`${databasePath}-wal`).size).toBeGreaterThan(0)

    const signingIn = aSlowPost(server.port, '/sign-in', form.body, form.cookie)
    await signingIn.started
    await sleep(300) // the server has the request and waits for the rest of its body
    server.child.kill('SIGTERM')
    await sleep(300)

    expect(await connectionRefused(server.port)).toBe(true)
    signingIn.finish()
    const answer = await signingIn.answer
    expect(answer).toMatch(/^HTTP\/1\.1 400 /) // the form again, saying what was wrong
    expect(answer).toContain('The email address or password is not right')
    expect(await server.exited).toBe(0)
    const wal = `${databasePath}-wal`
    expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0)
    expect(server.output()).toContain('Stopped: every request answered and the database closed')
  })

  it('is not held open by a browser keeping its connection alive', async () => {
    const server = await startServer(databasePath, { SHUTDOWN_GRACE_MS: '20000' })
    const agent = new http.Agent({ keepAlive: true })
    const status = await new Promise<number | undefined>((resolve, reject) =>
      http
        .get({ host: '127.0.0.1', port: server.port, path: '/', agent }, (response) => {
          response.resume()
          response.once('end', () => resolve(response.statusCode))
        })
        .once('error', reject),
    )
    expect(status).toBe(200)
    expect(agent.freeSockets).not.toEqual({}) // the connection is open, waiting for the next page

    const asked = Date.now()
    server.child.kill('SIGTERM')

    expect(await server.exited).toBe(0)
    expect(Date.now() - asked).toBeLessThan(10_000) // well inside the 20 s grace
    agent.destroy()
  })

  it('cuts off a request still unfinished when the grace time is up, and still exits 0', async () => {
    const server = await startServer(databasePath, { SHUTDOWN_GRACE_MS: '500' })
    const form = await aSignInForm(server.port)
    const stuck = aSlowPost(server.port, '/sign-in', form.body, form.cookie)
    await stuck.started
    await sleep(300)

    const asked = Date.now()
    server.child.kill('SIGTERM')

    expect(await stuck.answer).toBe('') // its connection was closed with nothing sent
    expect(await server.exited).toBe(0)
    expect(Date.now() - asked).toBeLessThan(10_000)
    expect(server.output()).toContain('Requests still unfinished after 500 ms were cut off')
  })
})
