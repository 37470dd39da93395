import express, { type RequestHandler } from 'express'
import { mayEditHubs } from '../services/permissions'

/** The most a form may send. */
export const BODY_LIMIT = '32kb'
/** The hub editor's form takes a pasted boundary (up to 20,000 points, URL-encoded). */
export const HUB_FORM_BODY_LIMIT = '4mb'

/**
 * Reads form bodies. Forms are short: anything longer than BODY_LIMIT gets the plain 413 page
 * (body-parser refuses by Content-Length before reading). The hub editor's two forms may be
 * longer, but only for a viewer who may make and change hubs: so `bigHubForms` runs after the
 * signed-in viewer is loaded, and `shortForms` leaves those two paths to it. Anyone else
 * sending them gets the short limit, so nobody can make the server read 4 MB before they are
 * known to be allowed.
 */
export function setUpFormBodies(hubFormPaths: readonly string[]): {
  shortForms: RequestHandler
  bigHubForms: RequestHandler
} {
  const short = express.urlencoded({ extended: false, limit: BODY_LIMIT })
  const big = express.urlencoded({ extended: false, limit: HUB_FORM_BODY_LIMIT })
  const hubForms = express.Router()
  hubForms.use([...hubFormPaths], (req, res, next) => (mayEditHubs(req.viewer) ? big : short)(req, res, next))
  const shortForms = express.Router()
  shortForms.use([...hubFormPaths], (_req, _res, next) => next('router'))
  shortForms.use(short)
  return { shortForms, bigHubForms: hubForms }
}
