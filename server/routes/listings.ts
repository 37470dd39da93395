import { Router } from 'express'
import { paths } from '../addresses'
import { methodNotAllowed } from '../middleware/methodNotAllowed'
import { NotFoundError } from '../middleware/errors'
import { presentOrganisationPage } from '../presenters/organisationPage'
import { presentPlacePage } from '../presenters/placePage'
import { presentServicePage } from '../presenters/servicePage'
import type { Services } from '../services'
import { parseListingId } from '../validation/listingId'
import { pageAsked, pageThatExists } from './pageAsked'

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
      const page = pageAsked(req, 'groups')
      const organisation = id === undefined ? undefined : listings.organisationPage(id, page)
      if (!organisation) throw new NotFoundError()
      pageThatExists(organisation.services, 'groups')
      res.render('pages/listings/organisation', presentOrganisationPage(organisation))
    })
    .all(methodNotAllowed('GET'))

  router
    .route(paths.place)
    .get((req, res) => {
      const id = parseListingId(req.params.id)
      const page = pageAsked(req, 'groups')
      const place = id === undefined ? undefined : listings.placePage(id, page)
      if (!place) throw new NotFoundError()
      pageThatExists(place.services, 'groups')
      res.render('pages/listings/place', presentPlacePage(place))
    })
    .all(methodNotAllowed('GET'))

  return router
}
