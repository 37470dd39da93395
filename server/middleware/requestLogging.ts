import type { RequestHandler } from 'express'
import { pinoHttp } from 'pino-http'
import type { Logger } from '../logger'

/** An address without its query string, which can hold a visitor's postcode, location or search words. */
export const pathOnly = (url: string | undefined): string => (url ?? '').split('?')[0] ?? ''

/**
 * One line per request with its method, path, status and time taken, and nothing else: no
 * query string, headers (a Referer holds the last page's query) or IP address.
 * Privacy rule 6 in DESIGN.md: logs hold no visitor's location or search words.
 */
export function setUpRequestLogging(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    // Health checks would drown everything else.
    autoLogging: { ignore: (req) => pathOnly(req.url) === '/health' },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    serializers: {
      req: (req: { id?: unknown; method?: string; url?: string }) => ({
        id: req.id,
        method: req.method,
        path: pathOnly(req.url),
      }),
      res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
    },
  })
}
