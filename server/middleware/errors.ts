import type { ErrorRequestHandler, RequestHandler } from 'express'
import type { Logger } from '../logger'

/** Thrown by routes when an id or slug names nothing; gives the plain 404 page. */
export class NotFoundError extends Error {
  constructor(message = 'Not found') {
    super(message)
  }
}

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404)
  if (req.accepts(['html', 'json']) === 'json') {
    res.json({ error: 'Not found' })
    return
  }
  res.render('pages/errors/not-found', { pageTitle: 'Page not found' })
}

export function errorHandler(logger: Logger, production: boolean): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    if (err instanceof NotFoundError) {
      notFoundHandler(req, res, _next)
      return
    }
    // Malformed request bodies or URIs are the visitor's problem, not a server failure.
    const status = statusOf(err)
    if (status >= 500) logger.error({ err, url: req.originalUrl }, 'Request failed')
    if (res.headersSent) {
      _next(err)
      return
    }
    res.status(status)
    const detail = production || !(err instanceof Error) ? undefined : err.stack
    if (req.accepts(['html', 'json']) === 'json') {
      res.json({ error: status >= 500 ? 'Something went wrong' : 'Bad request' })
      return
    }
    res.render('pages/errors/problem', {
      pageTitle:
        status >= 500 ? 'Sorry, there is a problem with this service' : 'Sorry, we could not understand that',
      badRequest: status < 500,
      detail,
    })
  }
}

function statusOf(err: unknown): number {
  if (typeof err === 'object' && err !== null) {
    const candidate =
      (err as { status?: unknown; statusCode?: unknown }).status ??
      (err as { statusCode?: unknown }).statusCode
    if (typeof candidate === 'number' && candidate >= 400 && candidate < 600) return candidate
  }
  return 500
}
