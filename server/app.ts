import express, { type Express } from 'express'
import { claimProfileRouter } from './features/claimProfile/router'
import { onBehalfRouter } from './features/coordinate/onBehalfRouter'
import { formPaths, paths, uploadPaths } from './addresses'
import { coordinateRouter } from './features/coordinate/router'
import { coordinateIntroductionsRouter } from './features/coordinate/introductionsRouter'
import { freshnessRouter } from './features/freshness/router'
import type { Logger } from './logger'
import { setUpCsrf } from './middleware/csrf'
import { errorHandler, notFoundHandler } from './middleware/errors'
import { setUpFormBodies } from './middleware/formBodies'
import { methodNotAllowedForPages } from './middleware/methodNotAllowed'
import { buildRateLimits } from './middleware/rateLimits'
import { setUpRequestLogging } from './middleware/requestLogging'
import { setUpSessions } from './middleware/sessions'
import { loadSignedIn } from './middleware/signedIn'
import { SITE_FILES, StaticAssets, setUpStaticFiles } from './middleware/staticFiles'
import { setUpWebSecurity } from './middleware/webSecurity'
import { hubEditorRouter } from './features/hubEditor/router'
import { putInTouchRouter } from './features/putInTouch/router'
import { directoryImportRouter } from './features/directoryImport/router'
import { openReferralRouter } from './features/openReferral/router'
import { shareSkillsRouter } from './features/shareSkills/router'
import { suggestionsRouter } from './features/suggestions/router'
import { yourProfileRouter } from './features/yourProfile/router'
import { accountRouter } from './routes/account'
import { adminRouter } from './routes/admin'
import { devOutboxRouter } from './routes/devOutbox'
import { downloadRouter } from './routes/download'
import { healthRouter } from './routes/health'
import { hubsRouter } from './routes/hubs'
import { infoRouter } from './routes/info'
import { introductionAnswerRouter } from './routes/introductionAnswer'
import { listingsRouter } from './routes/listings'
import { mapRouter } from './routes/map'
import { peopleRouter } from './routes/people'
import { searchRouter } from './routes/search'
import { startRouter } from './routes/start'
import { twoStepRouter } from './routes/twoStep'
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
  const production = config.env === 'production'
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', production ? 1 : false)
  // Repeated query parameters (?category=a&category=b) arrive as arrays; nothing deeper.
  app.set('query parser', 'simple')

  const assets = new StaticAssets(SITE_FILES, { rehashOnChange: !production })
  setUpViews(app, config, assets)
  app.use(setUpWebSecurity(config))
  app.use(setUpStaticFiles(assets, production))
  app.use(setUpRequestLogging(logger))
  // Forms are short (413 beyond the limit); the hub editor's two forms are read once the viewer is known.
  const formBodies = setUpFormBodies([paths.adminHubNew, paths.adminHubEdit])
  app.use(formBodies.shortForms)
  app.use((req, res, next) => {
    res.locals.currentPath = req.path
    next()
  })
  // The open data API (issue 14) answers before sessions, sign-in and CSRF: it is open to
  // anyone, reads no session and sets no cookie.
  app.use(openReferralRouter(services, logger))
  // Accounts (issue 9): sessions only once one is needed, the signed-in viewer, CSRF tokens.
  app.use(setUpSessions(config, services.repositories.sessions))
  app.use(loadSignedIn(services))
  app.use(formBodies.bigHubForms)
  app.use(
    setUpCsrf(
      formPaths.map((name) => paths[name]),
      uploadPaths.map((name) => paths[name]),
    ),
  )

  const pagePaths = Object.values(paths)
  // The app takes no requests from other sites, so it answers no OPTIONS (Express would say 200).
  app.use(methodNotAllowedForPages(pagePaths, ['OPTIONS']))
  app.use(healthRouter(services))
  app.use(hubsRouter(services))
  app.use(peopleRouter(services))
  app.use(startRouter(services))
  app.use(listingsRouter(services))
  app.use(searchRouter(services))
  app.use(infoRouter(services))
  app.use(mapRouter(services))
  app.use(downloadRouter(services))
  const limits = buildRateLimits()
  app.use(accountRouter(services, limits))
  app.use(twoStepRouter(services, limits))
  app.use(devOutboxRouter(services))
  app.use(adminRouter(services))
  app.use(directoryImportRouter(services))
  app.use(hubEditorRouter(services))
  app.use(shareSkillsRouter(services))
  app.use(yourProfileRouter(services))
  app.use(coordinateRouter(services))
  app.use(coordinateIntroductionsRouter(services))
  app.use(introductionAnswerRouter(services))
  app.use(putInTouchRouter(services, limits))
  app.use(onBehalfRouter(services))
  app.use(claimProfileRouter(services))
  app.use(freshnessRouter(services))
  app.use(suggestionsRouter(services))
  extraRoutes?.(app)

  app.use(methodNotAllowedForPages(pagePaths))
  app.use(notFoundHandler)
  app.use(errorHandler(logger, { showDetails: config.showErrorDetails }))
  return app
}
