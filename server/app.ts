import express, { type Express } from 'express'
import type { Logger } from './logger'
import { errorHandler, notFoundHandler } from './middleware/errors'
import { setUpRequestLogging } from './middleware/requestLogging'
import { setUpStaticFiles } from './middleware/staticFiles'
import { setUpWebSecurity } from './middleware/webSecurity'
import { healthRouter } from './routes/health'
import { hubsRouter } from './routes/hubs'
import { infoRouter } from './routes/info'
import { listingsRouter } from './routes/listings'
import { mapRouter } from './routes/map'
import { peopleRouter } from './routes/people'
import { searchRouter } from './routes/search'
import { startRouter } from './routes/start'
import type { Services } from './services'
import { setUpViews } from './views/setUpViews'

export interface AppDeps {
  services: Services
  logger: Logger
  /** Routes only the benchmark adds (its baseline page), mounted after the app's own, before the 404. */
  extraRoutes?: (app: Express) => void
}

/** Builds the app. It never listens: server/index.ts does, and tests hand it to supertest. */
export function createApp({ services, logger, extraRoutes }: AppDeps): Express {
  const { config } = services
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', config.env === 'production' ? 1 : false)
  // Repeated query parameters (?category=a&category=b) arrive as arrays; nothing deeper.
  app.set('query parser', 'simple')

  setUpViews(app, config)
  app.use(setUpWebSecurity(config))
  app.use(setUpStaticFiles(config.env === 'production'))
  app.use(setUpRequestLogging(logger))
  app.use((req, res, next) => {
    res.locals.currentPath = req.path
    next()
  })

  app.use(healthRouter(services))
  app.use(hubsRouter(services))
  app.use(peopleRouter(services))
  app.use(startRouter(services))
  app.use(listingsRouter(services))
  app.use(searchRouter(services))
  app.use(infoRouter(services))
  app.use(mapRouter(services))
  extraRoutes?.(app)

  app.use(notFoundHandler)
  app.use(errorHandler(logger, config.env === 'production'))
  return app
}
