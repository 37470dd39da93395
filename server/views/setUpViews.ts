import fs from 'node:fs'
import path from 'node:path'
import type { Express } from 'express'
import { create } from 'express-handlebars'
import type { Config } from '../config'
import { projectPath } from '../paths'
import { assetHelper, helpers, type AssetAddresses } from './helpers'
import { describePage } from './pageDescriptions'

export const SERVICE_NAME = 'Common Ground'

const PARTIALS = projectPath('views', 'partials')

export function setUpViews(app: Express, config: Config, assets: AssetAddresses): void {
  const development = config.env === 'development'
  const views = create({
    extname: '.hbs',
    defaultLayout: 'main',
    layoutsDir: projectPath('views', 'layouts'),
    // In development partials are read afresh on every render, so edits show at once.
    // Elsewhere they are compiled once, below: looking every partial up again on each render
    // cost the busiest pages about a tenth of their time.
    partialsDir: development ? PARTIALS : [],
    helpers: { ...helpers, asset: assetHelper(assets) },
  })
  // Our own Handlebars environment, so partials registered here belong to this app alone.
  const handlebars = (views.handlebars as unknown as typeof Handlebars).create()
  views.handlebars = handlebars as unknown as typeof views.handlebars
  if (!development) registerPartials(handlebars, PARTIALS)
  const VIEWS = projectPath('views')
  // Every page's meta description is worked out here, from its name and view model.
  app.engine('hbs', (file, options, callback) => {
    const view = path.relative(VIEWS, file).replace(/\.hbs$/, '').split(path.sep).join('/')
    const model = options as Record<string, unknown>
    const described = { ...model, pageDescription: describePage(view, model) }
    views.engine(file, described as typeof options, callback)
  })
  app.set('view engine', 'hbs')
  app.set('views', VIEWS)
  // Without the cache express-handlebars reads and compiles every template on every request.
  app.set('view cache', config.cacheViews)
  app.locals.serviceName = SERVICE_NAME
  app.locals.tileUrl = config.tileUrl
  app.locals.tileAttribution = config.tileAttribution
}

/** Every .hbs file under `folder`, compiled and named by its path there: "forms/textInput". */
function registerPartials(handlebars: typeof Handlebars, folder: string): void {
  for (const entry of fs.readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.hbs')) continue
    const file = path.join(entry.parentPath, entry.name)
    const name = path.relative(folder, file).slice(0, -'.hbs'.length).split(path.sep).join('/')
    handlebars.registerPartial(name, handlebars.compile(fs.readFileSync(file, 'utf8')))
  }
}
