import type { RequestHandler } from 'express'
import { pinoHttp } from 'pino-http'
import type { Logger } from '../logger'

export function setUpRequestLogging(logger: Logger): RequestHandler {
  return pinoHttp({
    logger,
    // Health checks would drown everything else.
    autoLogging: { ignore: (req) => req.url === '/health' },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
  })
}
