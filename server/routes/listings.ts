import { Router } from 'express'
import { paths } from '../addresses'
import { methodNotAllowed } from '../middleware/methodNotAllowed'
import { NotFoundError } from '../middleware/errors'
import { presentOrganisationPage } from '../presenters/organisationPage'
import { presentPlacePage } from '../presenters/placePage'
import { presentServicePage } from '../presenters/servicePage'
import type { Services } from '../services'
import { parseListingId } from '../validation/listingId'
import { parsePageNumber } from '../validation/pageNumber'

/** A page of groups after the last (page 1 always answers, even with none). */
const pastTheEnd = (list: { page: number; pageCount: number }): boolean =>
  list.page > 1 && list.page > list.pageCount

/** One page per published service, organisation and place. Anything else is "page not found". */
export function listingsRouter({ listings }: Services): Router {
  const router = Router()

  router
    .route(paths.service)
    .get((req, res) => {
      const id = parseListingId(req.params.id)
      const service = id === undefined ? undefined : listings.servicePage(id)
      if (!service) throw new NotFoundError()
      res.render('pages/listings/service', presentServicePage(service))
    })
    .all(methodNotAllowed('GET'))

  router
    .route(paths.organisation)
    .get((req, res) => {
      const id = parseListingId(req.params.id)
      const page = parsePageNumber(req.query.page)
      const organisation =
        id === undefined || page === undefined ? undefined : listings.organisationPage(id, page)
      if (!organisation || pastTheEnd(organisation.services)) throw new NotFoundError()
      res.render('pages/listings/organisation', presentOrganisationPage(organisation))
    })
    .all(methodNotAllowed('GET'))

  router
    .route(paths.place)
    .get((req, res) => {
      const id = parseListingId(req.params.id)
      const page = parsePageNumber(req.query.page)
      const place = id === undefined || page === undefined ? undefined : listings.placePage(id, page)
      if (!place || pastTheEnd(place.services)) throw new NotFoundError()
      res.render('pages/listings/place', presentPlacePage(place))
    })
    .all(methodNotAllowed('GET'))

  return router
}
