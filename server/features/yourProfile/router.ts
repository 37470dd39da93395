import { type Request, type Response, Router } from 'express'
import { addresses, paths } from '../../addresses'
import { csrfTokenFor } from '../../middleware/csrf'
import { methodNotAllowed } from '../../middleware/methodNotAllowed'
import { sessionCookieName } from '../../middleware/sessions'
import { requireSignedIn } from '../../middleware/signedIn'
import type { Services } from '../../services'
import type { RequestOrigin } from '../../services/accounts/auditTrail'
import {
  downloadFileName,
  presentDeletedPage,
  presentDeletePage,
  presentNoProfile,
  presentPausePage,
  presentWithdrawPage,
  presentYourProfile,
  type WithdrawnKeeping,
} from './presenters'
import { deleteForm, parseForm, pauseForm, withdrawForm } from './schemas'

declare module 'express-session' {
  interface SessionData {
    /** one line for "Your profile" to show once ("Your profile is paused ...") */
    profileNotice?: string
  }
}

export const PAUSED_NOTICE = 'Your profile is paused. Nobody else can see it.'
export const RESUMED_NOTICE = 'Your profile is shown again.'
export const WITHDRAWN_NOTICE = 'You have withdrawn your consent. Nobody else can see your profile.'

/**
 * "Your profile" (issue 10): the person's own profile beside what others see of it, pause and
 * show again, withdraw consent, download their data, delete it. Only ever the signed-in
 * account's own profile: its id comes from the session (req.account), never from a form or an
 * address, so nobody can reach anyone else's. Every POST carries the CSRF token (checked in
 * server/middleware/csrf.ts before it gets here); nothing changes on GET. Pages with personal
 * data are never kept by the browser or anything between (Cache-Control: no-store), so Back
 * after deleting shows nothing of what was deleted.
 */
export function yourProfileRouter(services: Services): Router {
  const { profiles, clock, config } = services
  const router = Router()
  const origin = (req: Request): RequestOrigin => ({ ip: req.ip ?? null })
  const accountIdOf = (req: Request): number => req.account!.id
  /** How long a withdrawn profile is kept, and whether the signed-in account goes with it. */
  const keepingOf = (req: Request): WithdrawnKeeping => ({
    days: config.withdrawnProfileRetentionDays,
    accountGoes: req.account!.role === 'member',
  })

  const render = (req: Request, res: Response, view: string, model: object, status = 200) => {
    res
      .status(status)
      .set('Cache-Control', 'no-store')
      .render(`pages/your-profile/${view}`, { ...model, csrfToken: csrfTokenFor(req) })
  }

  /** Back to "Your profile", with a line for it to show once. */
  const backToProfile = (req: Request, res: Response, notice?: string) => {
    if (notice) req.session.profileNotice = notice
    res.redirect(303, addresses.yourProfile())
  }

  router
    .route(paths.yourProfile)
    .get(requireSignedIn, (req, res) => {
      const accountId = accountIdOf(req)
      const notice = req.session.profileNotice ?? null
      delete req.session.profileNotice
      const profile = profiles.profileOf(accountId)
      if (!profile) {
        render(req, res, 'no-profile', presentNoProfile(notice))
        return
      }
      render(
        req,
        res,
        'show',
        presentYourProfile(profile, profiles.previews(accountId), notice, keepingOf(req)),
      )
    })
    .all(methodNotAllowed('GET'))

  router
    .route(paths.yourProfilePause)
    .get(requireSignedIn, (req, res) => {
      const profile = profiles.profileOf(accountIdOf(req))
      if (!profile || profile.status === 'withdrawn') {
        backToProfile(req, res)
        return
      }
      render(req, res, 'pause', presentPausePage(profile.status))
    })
    .post(requireSignedIn, (req, res) => {
      const { action } = parseForm(pauseForm, req.body)
      const accountId = accountIdOf(req)
      if (action === 'pause') {
        backToProfile(req, res, profiles.pause(accountId, origin(req)) ? PAUSED_NOTICE : undefined)
      } else {
        backToProfile(req, res, profiles.resume(accountId, origin(req)) ? RESUMED_NOTICE : undefined)
      }
    })
    .all(methodNotAllowed('GET', 'POST'))

  router
    .route(paths.yourProfileWithdraw)
    .get(requireSignedIn, (req, res) => {
      const profile = profiles.profileOf(accountIdOf(req))
      if (!profile || profile.status === 'withdrawn') {
        backToProfile(req, res)
        return
      }
      render(req, res, 'withdraw', presentWithdrawPage(keepingOf(req)))
    })
    .post(requireSignedIn, (req, res) => {
      parseForm(withdrawForm, req.body)
      const withdrawn = profiles.withdrawConsent(accountIdOf(req), origin(req))
      backToProfile(req, res, withdrawn ? WITHDRAWN_NOTICE : undefined)
    })
    .all(methodNotAllowed('GET', 'POST'))

  router
    .route(paths.yourProfileDownload)
    .get(requireSignedIn, (req, res) => {
      const data = profiles.download(accountIdOf(req))
      res
        .status(200)
        .set({
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Disposition': `attachment; filename="${downloadFileName(clock.now())}"`,
          'Cache-Control': 'no-store',
        })
        .send(`${JSON.stringify(data, null, 2)}\n`)
    })
    .all(methodNotAllowed('GET'))

  router
    .route(paths.yourProfileDelete)
    .get(requireSignedIn, (req, res) => {
      render(req, res, 'delete', presentDeletePage(profiles.profileOf(accountIdOf(req)) !== null))
    })
    .post(requireSignedIn, async (req, res) => {
      parseForm(deleteForm, req.body)
      profiles.deleteEverything(accountIdOf(req), origin(req))
      // The account and its sessions are gone from the database; this browser's session and
      // cookie go too, so nothing of the account is left signed in here.
      await new Promise<void>((resolve, reject) => {
        req.session.destroy((error) => (error ? reject(error as Error) : resolve()))
      })
      res.clearCookie(sessionCookieName(config), { path: '/' })
      res.redirect(303, addresses.yourProfileDeleted())
    })
    .all(methodNotAllowed('GET', 'POST'))

  router
    .route(paths.yourProfileDeleted)
    .get((_req, res) => {
      res.set('Cache-Control', 'no-store').render('pages/your-profile/deleted', presentDeletedPage())
    })
    .all(methodNotAllowed('GET'))

  return router
}
