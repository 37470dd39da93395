/**
 * "Claim your profile" (issue 11): a person registered on their behalf opens the emailed link.
 * Not signed in, they are asked to create an account or sign in, each of which brings them back
 * to the link; signed in, they confirm "This is me" and the profile becomes their account's.
 * The token rides in the query string (which the logs never keep) and, on the button, in the form.
 */
import { type Request, type Response, Router } from 'express'
import { addresses, paths } from '../../addresses'
import { csrfTokenFor } from '../../middleware/csrf'
import { methodNotAllowed } from '../../middleware/methodNotAllowed'
import type { Services } from '../../services'
import type { RequestOrigin } from '../../services/accounts/auditTrail'
import { presentClaimPage } from '../coordinate/onBehalfPresenters'
import { claimForm } from '../coordinate/onBehalfSchemas'

export function claimProfileRouter(services: Services): Router {
  const { onBehalf } = services
  const router = Router()
  const origin = (req: Request): RequestOrigin => ({ ip: req.ip ?? null })

  const show = (req: Request, res: Response, token: string) => {
    const link = onBehalf.claimLink(token)
    const returnTo = addresses.claimProfile(token)
    // The page holds the token: no browser or proxy may keep it.
    res.set('Cache-Control', 'no-store')
    if (link.kind === 'invalid') {
      res
        .status(410)
        .render('pages/claim-profile/claim', presentClaimPage({ state: 'invalid', token: '', returnTo }))
      return
    }
    const state = !req.account ? 'sign-in' : onBehalf.hasProfile(req.account.id) ? 'has-profile' : 'confirm'
    res.render('pages/claim-profile/claim', {
      ...presentClaimPage({ state, token, displayName: link.displayName, hubName: link.hubName, returnTo }),
      csrfToken: csrfTokenFor(req),
    })
  }

  router
    .route(paths.claimProfile)
    .get((req, res) => {
      const token = typeof req.query.token === 'string' ? req.query.token.slice(0, 200) : ''
      show(req, res, token)
    })
    .post((req, res) => {
      const body = { ...((req.body ?? {}) as Record<string, unknown>) }
      delete body._csrf
      const parsed = claimForm.safeParse(body)
      const token = parsed.success ? parsed.data.token : ''
      if (!req.account) {
        res.redirect(303, addresses.signIn({ returnTo: addresses.claimProfile(token) }))
        return
      }
      const claimed = onBehalf.claim(token, req.account.id, origin(req))
      if (claimed.kind === 'claimed') {
        res.redirect(303, addresses.yourProfile())
        return
      }
      show(req, res, token)
    })
    .all(methodNotAllowed('GET', 'POST'))

  return router
}
