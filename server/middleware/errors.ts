import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express'
import type { Logger } from '../logger'

/** Thrown by routes when an id or slug names nothing; gives the plain 404 page. */
export class NotFoundError extends Error {
  constructor(message = 'Not found') {
    super(message)
  }
}

/**
 * Thrown by routes when the viewer may not see or do this (a permission problem, not a
 * validation error); gives the plain 403 page, or `{ error }` to a JSON request.
 */
export class ForbiddenError extends Error {
  constructor(message = 'Forbidden') {
    super(message)
  }
}

const wantsJson = (req: Request): boolean => req.accepts(['html', 'json']) === 'json'

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404)
  if (wantsJson(req)) {
    res.json({ error: 'Not found' })
    return
  }
  res.render('pages/errors/not-found', { pageTitle: 'Page not found' })
}

function forbidden(req: Request, res: Response): void {
  res.status(403)
  if (wantsJson(req)) {
    res.json({ error: 'Forbidden' })
    return
  }
  res.render('pages/errors/forbidden', { pageTitle: 'You cannot see this page' })
}

export interface ErrorPageOptions {
  /** Show the error's stack on the page: only when NODE_ENV=development is set on purpose. */
  showDetails: boolean
}

export function errorHandler(logger: Logger, { showDetails }: ErrorPageOptions): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    const status = statusOf(err)
    // The path only: a query string can hold a visitor's postcode, location or search words.
    if (status >= 500) logger.error({ err, method: req.method, path: req.path }, 'Request failed')
    if (res.headersSent) {
      next(err)
      return
    }
    if (status === 404) {
      notFoundHandler(req, res, next)
      return
    }
    if (status === 403) {
      forbidden(req, res)
      return
    }
    // Malformed or over-long request bodies or addresses are the visitor's problem, not a
    // server failure: they get a 4xx page that says what to do.
    res.status(status)
    const tooLong = status === 413
    if (wantsJson(req)) {
      res.json({
        error:
          status >= 500 ? 'Something went wrong' : tooLong ? 'What you sent was too long' : 'Bad request',
      })
      return
    }
    const detail = showDetails && err instanceof Error ? err.stack : undefined
    if (tooLong) {
      res.render('pages/errors/too-long', { pageTitle: 'What you sent was too long', detail })
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
  if (err instanceof NotFoundError) return 404
  if (err instanceof ForbiddenError) return 403
  if (typeof err === 'object' && err !== null) {
    const candidate =
      (err as { status?: unknown; statusCode?: unknown }).status ??
      (err as { statusCode?: unknown }).statusCode
    if (typeof candidate === 'number' && candidate >= 400 && candidate < 600) return candidate
  }
  return 500
}
