import type { Express } from 'express'
import { engine } from 'express-handlebars'
import type { Config } from '../config'
import { projectPath } from '../paths'
import { assetHelper, helpers, type AssetAddresses } from './helpers'

export const SERVICE_NAME = 'Common Ground'

export function setUpViews(app: Express, config: Config, assets: AssetAddresses): void {
  app.engine(
    'hbs',
    engine({
      extname: '.hbs',
      defaultLayout: 'main',
      layoutsDir: projectPath('views', 'layouts'),
      partialsDir: projectPath('views', 'partials'),
      helpers: { ...helpers, asset: assetHelper(assets) },
    }),
  )
  app.set('view engine', 'hbs')
  app.set('views', projectPath('views'))
  // Without the cache express-handlebars reads and compiles every template on every request.
  app.set('view cache', config.env === 'production')
  app.locals.serviceName = SERVICE_NAME
  app.locals.tileUrl = config.tileUrl
  app.locals.tileAttribution = config.tileAttribution
}
