import session, { type SessionData, Store } from 'express-session'
import type { RequestHandler } from 'express'
import type { SessionsRepository } from '../../db/repositories/sessionsRepository'
import type { Config } from '../config'
import { DAY_MS, MINUTE_MS } from '../services/accounts/times'

declare module 'express-session' {
  interface SessionData {
    /** the signed-in account */
    accountId?: number
    /** when the signed-in account last asked for a page (milliseconds), for the idle time-out */
    lastActiveAt?: number
    /** set when a session ended because nobody used it, so the sign-in page can say why */
    timedOut?: boolean
  }
}

/**
 * How long a signed-in session lasts without use. Members stay signed in for 30 days (each
 * visit starts the 30 days again) unless they sign out: many are older people on their own
 * device, for whom signing in is the hard part. Peer leads, coordinators and admins see other
 * people's details, so they are signed out after 30 minutes without activity (OWASP ASVS 5.0, 7.3).
 */
export const MEMBER_IDLE_MS = 30 * DAY_MS
export const STAFF_IDLE_MS = 30 * MINUTE_MS

/**
 * express-session's store in SQLite, on the app's own database (the sessions table,
 * migration 0021), through SessionsRepository. A small Store subclass rather than a package:
 * the npm stores for better-sqlite3 are unmaintained or GPL, and this one also records each
 * session's account so "Sign out everywhere" can end them all.
 */
export class SqliteSessionStore extends Store {
  constructor(private readonly sessions: SessionsRepository) {
    super()
  }

  private expiryOf(data: SessionData): number {
    const expires = data.cookie.expires
    return expires ? new Date(expires).getTime() : Date.now() + DAY_MS
  }

  override get(sid: string, callback: (err: unknown, session?: SessionData | null) => void): void {
    try {
      const data = this.sessions.find(sid, Date.now())
      callback(null, data ? (JSON.parse(data) as SessionData) : null)
    } catch (error) {
      callback(error)
    }
  }

  override set(sid: string, data: SessionData, callback?: (err?: unknown) => void): void {
    try {
      this.sessions.save({
        sid,
        accountId: data.accountId ?? null,
        data: JSON.stringify(data),
        expiresAt: this.expiryOf(data),
      })
      callback?.()
    } catch (error) {
      callback?.(error)
    }
  }

  override touch(sid: string, data: SessionData, callback?: () => void): void {
    this.sessions.touch(sid, this.expiryOf(data))
    callback?.()
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    try {
      this.sessions.delete(sid)
      callback?.()
    } catch (error) {
      callback?.(error)
    }
  }
}

/** The session cookie's name: with the __Host- prefix in production (Secure, whole site, no Domain). */
export function sessionCookieName(config: Config): string {
  return config.env === 'production' ? '__Host-cg_session' : 'cg_session'
}

/**
 * Server-side sessions. No session (and no cookie) until one is needed: a form's CSRF token
 * or signing in. Rolling, so the idle time-out counts from the last request.
 */
export function setUpSessions(config: Config, sessions: SessionsRepository): RequestHandler {
  const production = config.env === 'production'
  return session({
    name: sessionCookieName(config),
    secret: config.sessionSecret,
    store: new SqliteSessionStore(sessions),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    unset: 'destroy',
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      secure: production,
      path: '/',
      // A visitor's session (a form's token, before signing in) lasts a day; signing in sets
      // the member's or staff member's time-out.
      maxAge: DAY_MS,
    },
  })
}
