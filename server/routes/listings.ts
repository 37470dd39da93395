import { Router } from 'express'
import { addresses, paths } from '../addresses'
import { presentHistory } from '../features/suggestions/presenters'
import { methodNotAllowed } from '../middleware/methodNotAllowed'
import { NotFoundError } from '../middleware/errors'
import { presentOrganisationPage } from '../presenters/organisationPage'
import { presentPlacePage } from '../presenters/placePage'
import { presentServicePage } from '../presenters/servicePage'
import type { Services } from '../services'
import { parseListingId } from '../validation/listingId'
import { pageAsked, pageThatExists } from './pageAsked'

/** One page per published service, organisation and place. Anything else is "page not found". */
export function listingsRouter({ listings, suggestions }: Services): Router {
  const router = Router()
  // "Suggest a change" and "Changes to this listing" (issue 12), on every listing's page.
  const suggestion = (type: 'service' | 'organisation' | 'place', id: number, name: string) => ({
    suggestion: {
      href: addresses.suggestChange(type, id),
      name,
      changes: presentHistory(suggestions.history(type, id)),
    },
  })

  router
    .route(paths.service)
    .get((req, res) => {
      const id = parseListingId(req.params.id)
      const service = id === undefined ? undefined : listings.servicePage(id)
      if (!service) throw new NotFoundError()
      res.render('pages/listings/service', {
        ...presentServicePage(service),
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
      if (!organisation) throw new NotFoundError()
      pageThatExists(organisation.services, 'groups')
      res.render('pages/listings/organisation', {
        ...presentOrganisationPage(organisation),
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
      if (!place) throw new NotFoundError()
      pageThatExists(place.services, 'groups')
      res.render('pages/listings/place', {
        ...presentPlacePage(place),
        ...suggestion('place', place.id, place.name),
      })
    })
    .all(methodNotAllowed('GET'))

  return router
}
