import { Router } from 'express'
import { paths } from '../addresses'
import { NotFoundError } from '../middleware/errors'
import { methodNotAllowed } from '../middleware/methodNotAllowed'
import { presentHubPage } from '../presenters/hubPage'
import { presentHubPrintSheet } from '../presenters/hubPrintSheet'
import { presentHubsList } from '../presenters/hubsList'
import type { Services } from '../services'
import type { HubPage } from '../services/hubsService'
import { VISITOR } from '../services/viewer'
import { parseHubSlug } from '../validation/hubSlug'

/** /hubs, /hubs/:slug and /hubs/:slug/print. Everyone who sees them is a visitor for now. */
export function hubsRouter({ hubs, people, listings, config, clock }: Services): Router {
  const router = Router()

  /** The hub, or the page-not-found page for a slug that is malformed or names no hub. */
  const hubOr404 = (slug: unknown): HubPage => {
    const valid = parseHubSlug(slug)
    const hub = valid === undefined ? undefined : hubs.hubPage(valid)
    if (!hub) throw new NotFoundError(`No hub called ${String(slug).slice(0, 100)}`)
    return hub
  }

  router
    .route(paths.hubs)
    .get((_req, res) => {
      res.render('pages/hubs/index', presentHubsList(hubs.listHubs(VISITOR)))
    })
    .all(methodNotAllowed('GET'))

  router
    .route(paths.hub)
    .get((req, res) => {
      const hub = hubOr404(req.params.slug)
      res.render(
        'pages/hubs/show',
        presentHubPage(
          hub,
          hubs.searchesNear(hub),
          listings.serviceSummaries(hub.serviceIds),
          people.visibleTo(VISITOR).peopleSharing({ hubIds: [hub.id] }),
        ),
      )
    })
    .all(methodNotAllowed('GET'))

  router
    .route(paths.hubPrint)
    .get((req, res) => {
      const hub = hubOr404(req.params.slug)
      const sheet = hubs.printSheet(hub.id, listings.serviceSummaries(hubs.printSheetServiceIds(hub.id)))
      res.render(
        'pages/hubs/print',
        presentHubPrintSheet(hub, sheet, { baseUrl: config.baseUrl, today: clock.now() }),
      )
    })
    .all(methodNotAllowed('GET'))

  return router
}
