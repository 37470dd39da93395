/**
 * Accounts in tests: a builder that writes through AccountsRepository, a browser-like agent
 * that keeps its cookies and reads each form's CSRF token, a clock that can be moved on, and
 * the links in the outbox.
 */
import request from 'supertest'
import type { Express } from 'express'
import type { Db } from '../../db/connection'
import { AccountsRepository, type Role } from '../../db/repositories/accountsRepository'
import { AuditLogRepository } from '../../db/repositories/auditLogRepository'
import { OutboxRepository } from '../../db/repositories/outboxRepository'
import { TwoStepRepository } from '../../db/repositories/twoStepRepository'
import { testConfig } from '../../server/config'
import { AuditTrail } from '../../server/services/accounts/auditTrail'
import { hashPassword } from '../../server/services/accounts/passwords'
import { codeAt, fromBase32, timeStepAt, TIME_STEP_SECONDS } from '../../server/services/accounts/totp'
import { TwoStepService } from '../../server/services/accounts/twoStepService'
import { type Clock, systemClock } from '../../server/services/clock'

/** A password good enough for every check. */
export const GOOD_PASSWORD = 'purple kettle garden bus'

/** The authenticator secret (base32) of every test account with two-step sign-in. */
export const TEST_TWO_STEP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'

const STAFF_ROLES: readonly Role[] = ['peer_lead', 'coordinator', 'admin']

/** Recovery codes of test accounts with two-step sign-in, by email address, not used yet. */
const recoveryCodesLeft = new Map<string, string[]>()

/**
 * Two-step sign-in turned on with a known secret, written through the app's own service; its
 * ten recovery codes are kept for the sign-in helper.
 */
export function withTwoStep(db: Db, accountId: number, secret = TEST_TWO_STEP_SECRET): void {
  const clock = systemClock
  const service = new TwoStepService(
    new TwoStepRepository(db),
    new AccountsRepository(db),
    new AuditTrail(new AuditLogRepository(db), clock),
    clock,
    testConfig().sessionSecret,
  )
  service.setUpWithKnownSecret(accountId, secret)
  const email = new AccountsRepository(db).find(accountId)?.email.toLowerCase()
  const codes = service.newRecoveryCodes(accountId, { ip: null })
  if (email && codes) recoveryCodesLeft.set(email, codes)
  // A new account (or the same address in a new database) has used no step yet.
  if (email) lastStepUsed.delete(email)
}

/** The code an authenticator app with this secret shows at this moment. */
export function codeFor(secret: string, at: Date): string {
  return codeAt(fromBase32(secret) as Uint8Array, at)
}

// The app takes a code for the step before now, now or the step after, and only for a later
// step than the account's last (each code works once). So the helper keeps each account's last
// step and uses the earliest step the app will still take: the step before now (three sign-ins
// a step), but only with STEP_MARGIN_MS of this step left, as the app checks the code a moment
// later and by then the step may have moved on, which would leave the step before two behind;
// then now, then the step after, which the app still takes after one such move. Past those it
// uses the account's recovery codes.
const STEP_MARGIN_MS = 5_000
const lastStepUsed = new Map<string, number>()
function nextTestCode(email: string, at: Date): { code: string } | { recoveryCode: string } {
  const key = email.toLowerCase()
  const now = timeStepAt(at)
  const leftInStep = (now + 1) * TIME_STEP_SECONDS * 1000 - at.getTime()
  const last = lastStepUsed.get(key) ?? -Infinity
  const step = [leftInStep > STEP_MARGIN_MS ? now - 1 : now, now, now + 1].find(
    (candidate) => candidate > last,
  )
  if (step === undefined) {
    const recoveryCode = recoveryCodesLeft.get(key)?.shift()
    if (recoveryCode) return { recoveryCode }
    throw new Error(`The test signed ${email} in too often for its codes: wait for the next time step`)
  }
  lastStepUsed.set(key, step)
  return { code: codeFor(TEST_TWO_STEP_SECRET, new Date(step * TIME_STEP_SECONDS * 1000)) }
}

let sequence = 0

/** An account with a confirmed email address and GOOD_PASSWORD (or its own); returns its id. */
export async function anAccount(
  db: Db,
  input: {
    email?: string
    name?: string
    password?: string
    role?: Role
    hubIds?: number[]
    allHubs?: boolean
    /**
     * two-step sign-in with TEST_TWO_STEP_SECRET: on for peer leads, coordinators and admins
     * (who must have it) unless false, off for members unless true
     */
    twoStep?: boolean
  } = {},
): Promise<{ id: number; email: string; password: string; twoStepSecret?: string }> {
  const n = ++sequence
  const email = input.email ?? `person${n}@example.org`
  const password = input.password ?? GOOD_PASSWORD
  const accounts = new AccountsRepository(db)
  const at = '2026-11-01T10:00:00Z'
  const id = accounts.create({
    email,
    displayName: input.name ?? `Person ${n}`,
    passwordHash: await hashPassword(password),
    role: input.role ?? 'member',
    at,
  })
  accounts.confirmEmail(id, at)
  if (input.role || input.hubIds || input.allHubs)
    accounts.setRole(
      id,
      input.role ?? 'member',
      { allHubs: input.allHubs ?? false, hubIds: input.hubIds ?? [] },
      at,
    )
  const staff = STAFF_ROLES.includes(input.role ?? 'member')
  if (!(input.twoStep ?? staff)) return { id, email, password }
  withTwoStep(db, id)
  return { id, email, password, twoStepSecret: TEST_TWO_STEP_SECRET }
}

/** The CSRF token in a page's form. */
export function csrfIn(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html)
  if (!match?.[1]) throw new Error('The page has no form token')
  return match[1]
}

/**
 * A visitor with a browser: keeps cookies, and posts a form as its page would, with the
 * token from the page it was on (`from`).
 */
export function aBrowser(app: Express, options: { clock?: Clock } = {}) {
  const clock = options.clock ?? systemClock
  const agent = request.agent(app)
  return {
    agent,
    get: (path: string) => agent.get(path),
    /** opens `from`, then sends its form to `to` with these fields and the page's token */
    async submit(from: string, to: string, fields: Record<string, string | string[]>) {
      const page = await agent.get(from)
      return agent
        .post(to)
        .type('form')
        .send({ ...fields, _csrf: csrfIn(page.text) })
    },
    /**
     * signs in with a password through the sign-in page and, when the account has two-step
     * sign-in with TEST_TWO_STEP_SECRET, types the app's code (at the app's clock) as well;
     * `{ code: false }` stops at the code page
     */
    async signIn(email: string, password: string, signInOptions: { code?: boolean } = {}) {
      const response = await this.submit('/sign-in', '/sign-in', { email, password })
      if (response.headers.location !== '/sign-in/code' || signInOptions.code === false) return response
      // The code is worked out once the code page has come, just before it is sent: on a busy
      // machine the page can take long enough for the 30-second step to move on, and a code
      // worked out before it could then be too old for the app by the time it arrives.
      const page = await agent.get('/sign-in/code')
      const next = nextTestCode(email, clock.now())
      if ('code' in next)
        return agent
          .post('/sign-in/code')
          .type('form')
          .send({ ...next, _csrf: csrfIn(page.text) })
      return this.submit('/sign-in/recovery-code', '/sign-in/recovery-code', next)
    },
    /** the session cookie's value, or null */
    sessionId(response: { headers: Record<string, unknown> }): string | null {
      const cookies = (response.headers['set-cookie'] as string[] | undefined) ?? []
      const found = cookies.find((cookie) => cookie.startsWith('cg_session='))
      return found ? (found.split(';')[0]?.slice('cg_session='.length) ?? null) : null
    },
  }
}

/** The newest email to `to` and the first link in it (a local path). */
export function latestEmailTo(db: Db, to: string): { subject: string; body: string; link: string } {
  const message = new OutboxRepository(db).newest(50).find((m) => m.to.toLowerCase() === to.toLowerCase())
  if (!message) throw new Error(`No email to ${to}`)
  const link = /https?:\/\/[^/\s]+(\/[^\s]+)/.exec(message.body)?.[1] ?? ''
  return { subject: message.subject, body: message.body, link }
}

/** How many emails went to `to`. */
export function emailsTo(db: Db, to: string): number {
  return new OutboxRepository(db).newest(1000).filter((m) => m.to.toLowerCase() === to.toLowerCase()).length
}

/** A clock a story can move on: clock.advance(16 * 60 * 1000). */
export function aMovableClock(iso = '2026-12-01T10:00:00Z'): Clock & { advance(ms: number): void } {
  let now = new Date(iso).getTime()
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms
    },
  }
}
