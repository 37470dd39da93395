import { type Response, Router } from 'express'
import { addresses, paths } from '../addresses'
import { presentHistory } from '../features/suggestions/presenters'
import { methodNotAllowed } from '../middleware/methodNotAllowed'
import { NotFoundError } from '../middleware/errors'
import { presentOrganisationPage } from '../presenters/organisationPage'
import { presentPlacePage } from '../presenters/placePage'
import { presentServicePage } from '../presenters/servicePage'
import type { Services } from '../services'
import type { ListingType } from '../services/freshness/freshnessService'
import type { Viewer } from '../services/viewer'
import { parseListingId } from '../validation/listingId'
import { presentClosedPage, presentLookingAfter } from '../features/freshness/presenters'
import { pageAsked, pageThatExists } from './pageAsked'

/** One page per published service, organisation and place. Anything else is "page not found". */
export function listingsRouter({ listings, freshness, suggestions }: Services): Router {
  const router = Router()
  // "Suggest a change" and "Changes to this listing" (issue 12), on every listing's page.
  const suggestion = (type: 'service' | 'organisation' | 'place', id: number, name: string) => ({
    suggestion: {
      href: addresses.suggestChange(type, id),
      name,
      changes: presentHistory(suggestions.history(type, id)),
    },
  })

  /**
   * An archived listing's address: 410 with plain words ("This group has closed") and groups
   * nearby; any other unpublished or unknown listing is "page not found".
   */
  const closedPage = (res: Response, type: ListingType, id: number | undefined): void => {
    const closed = id === undefined ? undefined : freshness.closedListing(type, id)
    if (!closed) throw new NotFoundError()
    const distances = new Map(closed.similar.map((group) => [group.id, group.miles]))
    const similar = listings.serviceSummaries(
      closed.similar.map((group) => group.id),
      closed.from ? { from: closed.from, distanceMilesById: distances } : {},
    )
    res.status(410).render('pages/freshness/closed', presentClosedPage(closed, similar))
  }

  // Those who look after a listing's hub can mark it as checked or archive it from its page.
  const lookingAfter = (viewer: Viewer, type: ListingType, id: number) =>
    freshness.mayLookAfter(viewer, type, id) ? presentLookingAfter(type, id) : null

  router
    .route(paths.service)
    .get((req, res) => {
      const id = parseListingId(req.params.id)
      const service = id === undefined ? undefined : listings.servicePage(id)
      if (!service) {
        // An archived group: 410, "This group has closed", with similar groups nearby.
        closedPage(res, 'service', id)
        return
      }
      res.render('pages/listings/service', {
        ...presentServicePage(service),
        lookingAfter: lookingAfter(req.viewer, 'service', service.id),
        ...suggestion('service', service.id, service.name),
      })
    })
    .all(methodNotAllowed('GET'))

  router
    .route(paths.organisation)
    .get((req, res) => {
      const id = parseListingId(req.params.id)
      const page = pageAsked(req, 'groups')
      const organisation = id === undefined ? undefined : listings.organisationPage(id, page)
      if (!organisation) {
        closedPage(res, 'organisation', id)
        return
      }
      pageThatExists(organisation.services, 'groups')
      res.render('pages/listings/organisation', {
        ...presentOrganisationPage(organisation),
        lookingAfter: lookingAfter(req.viewer, 'organisation', organisation.id),
        ...suggestion('organisation', organisation.id, organisation.name),
      })
    })
    .all(methodNotAllowed('GET'))

  router
    .route(paths.place)
    .get((req, res) => {
      const id = parseListingId(req.params.id)
      const page = pageAsked(req, 'groups')
      const place = id === undefined ? undefined : listings.placePage(id, page)
      if (!place) {
        closedPage(res, 'place', id)
        return
      }
      pageThatExists(place.services, 'groups')
      res.render('pages/listings/place', {
        ...presentPlacePage(place),
        lookingAfter: lookingAfter(req.viewer, 'place', place.id),
        ...suggestion('place', place.id, place.name),
      })
    })
    .all(methodNotAllowed('GET'))

  return router
}
