import type { RequestHandler } from 'express'

/**
 * For a page that exists but not for the method asked (a POST to a page that only shows
 * things, say): 405 with the methods it does take, never a 500 or a misleading 404. Mount it
 * after a route's own methods: router.route(paths.search).get(show).all(methodNotAllowed('GET')).
 */
export function methodNotAllowed(...allowed: string[]): RequestHandler {
  const methods = [...new Set([...allowed, ...(allowed.includes('GET') ? ['HEAD'] : [])])]
  return (req, res) => {
    res.status(405).set('Allow', methods.join(', '))
    if (req.accepts(['html', 'json']) === 'json') {
      res.json({ error: `This address only answers ${methods.join(', ')}` })
      return
    }
    res.render('pages/errors/method-not-allowed', { pageTitle: 'You cannot do that on this page' })
  }
}

/**
 * Express paths such as '/hubs/:slug' as one test for a request's path, matched the way Express
 * matches them: whole, in any case, with or without a slash at the end.
 */
export function pathMatcher(patterns: readonly string[]): (path: string) => boolean {
  const sources = patterns.map((pattern) =>
    pattern
      .split('/')
      .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/'),
  )
  const whole = new RegExp(`^(?:${sources.join('|')})/?$`, 'i')
  return (path) => whole.test(path)
}

/**
 * The last word on methods, mounted after every router and before the 404: a request with a
 * method no route took (PUT, DELETE, a POST to a page that only shows things) to an address
 * that shows a page gets 405 with "Allow: GET, HEAD", never a 500 or a misleading 404.
 * Addresses that show nothing are left to the 404. Routes that take forms mount
 * methodNotAllowed(...) themselves, with the methods they take.
 *
 * `refused` narrows the methods it answers: mounted before the routers with ['OPTIONS'], it
 * answers OPTIONS, which the app never takes, before Express's routers answer it with a 200.
 */
export function methodNotAllowedForPages(
  pagePaths: readonly string[],
  refused?: readonly string[],
): RequestHandler {
  const isPage = pathMatcher(pagePaths)
  const refuses = (method: string) =>
    refused ? refused.includes(method) : method !== 'GET' && method !== 'HEAD'
  const onlyLooking = methodNotAllowed('GET')
  return (req, res, next) => {
    if (!refuses(req.method) || !isPage(req.path)) {
      next()
      return
    }
    onlyLooking(req, res, next)
  }
}
