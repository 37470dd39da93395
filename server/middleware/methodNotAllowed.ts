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
