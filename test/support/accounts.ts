/**
 * Accounts in tests: a builder that writes through AccountsRepository, a browser-like agent
 * that keeps its cookies and reads each form's CSRF token, a clock that can be moved on, and
 * the links in the outbox.
 */
import request from 'supertest'
import type { Express } from 'express'
import type { Db } from '../../db/connection'
import { AccountsRepository, type Role } from '../../db/repositories/accountsRepository'
import { OutboxRepository } from '../../db/repositories/outboxRepository'
import { hashPassword } from '../../server/services/accounts/passwords'
import type { Clock } from '../../server/services/clock'

/** A password good enough for every check. */
export const GOOD_PASSWORD = 'purple kettle garden bus'

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
  } = {},
): Promise<{ id: number; email: string; password: string }> {
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
  return { id, email, password }
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
export function aBrowser(app: Express) {
  const agent = request.agent(app)
  return {
    agent,
    get: (path: string) => agent.get(path),
    /** opens `from`, then sends its form to `to` with these fields and the page's token */
    async submit(from: string, to: string, fields: Record<string, string>) {
      const page = await agent.get(from)
      return agent
        .post(to)
        .type('form')
        .send({ ...fields, _csrf: csrfIn(page.text) })
    },
    /** signs in with a password through the sign-in page */
    signIn(email: string, password: string) {
      return this.submit('/sign-in', '/sign-in', { email, password })
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
