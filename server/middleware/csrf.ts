import type { RequestHandler } from 'express'
import { csrfSync } from 'csrf-sync'
import { pathMatcher } from './methodNotAllowed'

/**
 * CSRF tokens for every form that changes anything (OWASP's synchroniser token pattern, with
 * csrf-sync): the token is kept in the session and sent back in each form's hidden `_csrf`
 * field ({{> forms/csrf}}), or in an X-CSRF-Token header by the time-out warning's script.
 */
const { generateToken, isRequestValid } = csrfSync({
  getTokenFromRequest: (req) => {
    const body = req.body as Record<string, unknown> | undefined
    const field = body?._csrf
    if (typeof field === 'string') return field
    const header = req.headers['x-csrf-token']
    return typeof header === 'string' ? header : undefined
  },
})

/** The page's CSRF token, made (and the session started) if there is none yet. */
export const csrfTokenFor = generateToken

/** Whether the request carries the session's token: for routes that read their own body (file uploads). */
export const csrfTokenIsValid = isRequestValid

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Every request that could change something (any method but GET, HEAD and OPTIONS) to an
 * address that takes forms must carry the session's token, or it gets the plain 403 page and
 * nothing happens. Addresses that take no forms answer such requests with 405 anyway.
 * Signed-in pages get res.locals.csrfToken for the header's "Sign out" form.
 */
export function setUpCsrf(formPaths: readonly string[], uploadPaths: readonly string[] = []): RequestHandler {
  const takesForms = pathMatcher(formPaths)
  const takesFiles = pathMatcher(uploadPaths)
  return (req, res, next) => {
    // A file upload's token is in its multipart body, which is not read yet: its route checks
    // it with csrfTokenIsValid once the upload handler has read the body, before keeping anything.
    const checkedByRoute = takesFiles(req.path) && typeof req.is('multipart/form-data') === 'string'
    if (!SAFE_METHODS.has(req.method) && takesForms(req.path) && !checkedByRoute && !isRequestValid(req)) {
      res.status(403).render('pages/errors/form-expired', { pageTitle: 'Sorry, that did not work' })
      return
    }
    if (req.session.accountId !== undefined) res.locals.csrfToken = generateToken(req)
    next()
  }
}
