import { Router } from 'express'
import { addresses, paths } from '../addresses'
import { NotFoundError } from '../middleware/errors'
import { methodNotAllowed } from '../middleware/methodNotAllowed'
import { presentHubOrganisations, presentHubPlaces } from '../presenters/hubListPages'
import { presentHubPage } from '../presenters/hubPage'
import { presentHubPrintSheet } from '../presenters/hubPrintSheet'
import { presentHubsList, presentHubsWhichPlace } from '../presenters/hubsList'
import type { Services } from '../services'
import type { HubPage } from '../services/hubsService'
import { VISITOR } from '../services/viewer'
import { parseHubSlug } from '../validation/hubSlug'
import { pageAsked, pageThatExists } from './pageAsked'

/** The first value of a query parameter as typed, trimmed, at most 200 characters. */
function typedValue(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value
  return typeof first === 'string' ? first.trim().slice(0, 200) : ''
}

/** /hubs, /hubs/:slug and /hubs/:slug/print. Everyone who sees them is a visitor for now. */
export function hubsRouter({ hubs, hubEditor, people, listings, config, clock }: Services): Router {
  const router = Router()

  /** The hub, or the page-not-found page for a slug that is malformed or names no hub. */
  const hubOr404 = (slug: unknown): HubPage => {
    const valid = parseHubSlug(slug)
    const hub = valid === undefined ? undefined : hubs.hubPage(valid)
    if (!hub) throw new NotFoundError(`No hub called ${String(slug).slice(0, 100)}`)
    return hub
  }

  // A hub whose slug was changed (issue 12): its old address, and every page under it, moves
  // to the new one for good.
  router.use('/hubs/:slug', (req, res, next) => {
    const slug = parseHubSlug(req.params.slug)
    const now =
      slug === undefined || !['GET', 'HEAD'].includes(req.method) ? undefined : hubEditor.slugNowFor(slug)
    if (now === undefined || now === slug) {
      next()
      return
    }
    const rest = req.url === '/' ? '' : req.url.startsWith('/?') ? req.url.slice(1) : req.url
    res.redirect(301, `${addresses.hub(now)}${rest}`)
  })

  router
    .route(paths.hubs)
    .get((req, res) => {
      const page = pageAsked(req, 'hubs')
      const typed = typedValue(req.query.where)
      // Back from "Which Newport do you mean?" with nothing chosen: ask again.
      const choosing = typedValue(req.query.choosing)
      if (typed === '' && choosing !== '') {
        const again = hubs.findPlace(choosing)
        if (again.kind === 'choose') {
          res.render('pages/hubs/which-place', presentHubsWhichPlace(again, true))
          return
        }
      }
      const place = typed === '' ? null : hubs.findPlace(typed)
      if (place?.kind === 'choose') {
        res.render('pages/hubs/which-place', presentHubsWhichPlace(place, false))
        return
      }
      const near = place?.kind === 'found' ? place.point : null
      const list = pageThatExists(hubs.listHubs(VISITOR, { page, near }), 'hubs')
      res.render('pages/hubs/index', presentHubsList(list, { typed, place }))
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

  router
    .route(paths.hubPlaces)
    .get((req, res) => {
      const slug = parseHubSlug(req.params.slug)
      const page = pageAsked(req, 'places')
      const list = pageThatExists(slug === undefined ? undefined : hubs.hubPlaces(slug, page), 'places')
      res.render('pages/hubs/places', presentHubPlaces(list))
    })
    .all(methodNotAllowed('GET'))

  router
    .route(paths.hubOrganisations)
    .get((req, res) => {
      const slug = parseHubSlug(req.params.slug)
      const page = pageAsked(req, 'organisations')
      const list = pageThatExists(
        slug === undefined ? undefined : hubs.hubOrganisations(slug, page),
        'organisations',
      )
      res.render('pages/hubs/organisations', presentHubOrganisations(list))
    })
    .all(methodNotAllowed('GET'))

  return router
}
