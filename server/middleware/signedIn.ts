import type { RequestHandler } from 'express'
import type { AccountRow } from '../../db/repositories/accountsRepository'
import { addresses, paths } from '../addresses'
import type { Services } from '../services'
import { VISITOR, type Viewer, isStaff } from '../services/viewer'
import { MEMBER_IDLE_MS, STAFF_IDLE_MS } from './sessions'

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** who is asking: the signed-in account's viewer, or a visitor */
      viewer: Viewer
      /** the signed-in account, or null */
      account: AccountRow | null
    }
  }
}

/** How long this viewer's session lasts without use. */
export const idleLimitFor = (viewer: Viewer): number => (isStaff(viewer) ? STAFF_IDLE_MS : MEMBER_IDLE_MS)

/**
 * What a staff account that has not set up two-step sign-in may still reach: the set-up page,
 * signing out, and the time-out warning's "Stay signed in". Everything else sends it to set-up.
 */
const BEFORE_TWO_STEP: ReadonlySet<string> = new Set([
  paths.twoStepSetUp,
  paths.signOut,
  paths.signedOut,
  paths.keepAlive,
])

/**
 * Loads the signed-in account once per request, as req.viewer (for the services) and
 * req.account, and ends a session that has been idle too long, on the server, whatever the
 * browser did: members after 30 days, staff after 30 minutes. An account that has been
 * disabled is signed out at its next request. A peer lead, coordinator or admin without
 * two-step sign-in reaches only its set-up page until it has set it up.
 */
export function loadSignedIn(services: Pick<Services, 'accounts' | 'clock' | 'twoStep'>): RequestHandler {
  return (req, res, next) => {
    req.viewer = VISITOR
    req.account = null
    const accountId = req.session.accountId
    if (accountId === undefined) {
      next()
      return
    }
    const now = services.clock.now().getTime()
    const found = services.accounts.viewerFor(accountId)
    const idle = found && now - (req.session.lastActiveAt ?? 0) > idleLimitFor(found.viewer)
    if (!found || idle) {
      // A new, empty session: nothing of the old one can be used again.
      req.session.regenerate((error) => {
        if (error) {
          next(error)
          return
        }
        if (idle) req.session.timedOut = true
        next()
      })
      return
    }
    req.session.lastActiveAt = now
    req.session.cookie.maxAge = idleLimitFor(found.viewer)
    req.viewer = found.viewer
    req.account = found.account
    res.locals.signedIn = {
      name: found.account.displayName,
      staff: isStaff(found.viewer),
      idleMinutes: Math.round(idleLimitFor(found.viewer) / 60000),
      accountHref: addresses.account(),
      signOutAction: addresses.signOut(),
      keepAliveAction: addresses.keepAlive(),
      signInHref: addresses.signIn({ timedOut: true }),
      // The header's "Admin" link, for admins only.
      adminHref: found.viewer.kind === 'admin' ? addresses.admin() : null,
      // The header's "Coordinate" link, for peer leads, coordinators and admins.
      coordinateHref: isStaff(found.viewer) ? addresses.coordinate() : null,
    }
    if (
      services.twoStep.requiredFor(found.viewer) &&
      !BEFORE_TWO_STEP.has(req.path) &&
      !services.twoStep.isOn(accountId)
    ) {
      res.redirect(303, addresses.twoStepSetUp())
      return
    }
    next()
  }
}

/** Only a local path: never another site (an open redirect), never '//' or a backslash trick. */
export function safeReturnPath(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 500) return null
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null
  if ([...value].some((character) => character.charCodeAt(0) < 32)) return null
  return value
}

/** Pages for signed-in people: anyone else goes to the sign-in page, which brings them back. */
export const requireSignedIn: RequestHandler = (req, res, next) => {
  if (req.account) {
    next()
    return
  }
  res.redirect(303, addresses.signIn({ returnTo: safeReturnPath(req.originalUrl) ?? undefined }))
}
