import { Router } from 'express'
import { NotFoundError } from '../middleware/errors'
import type { Services } from '../services'
import { parseListingId } from '../validation/listingId'

const HOME = { href: '/', text: 'Home' }
const FIND_HELP = { href: '/search', text: 'Find help' }

/** One page per published service, organisation and place. Anything else is "page not found". */
export function listingsRouter({ listings }: Services): Router {
  const router = Router()

  router.get('/services/:id', (req, res) => {
    const id = parseListingId(req.params.id)
    const service = id === undefined ? undefined : listings.servicePage(id)
    if (!service) throw new NotFoundError()
    res.render('pages/listings/service', {
      pageTitle: service.name,
      metaDescription: service.description,
      breadcrumbs: [HOME, FIND_HELP],
      service,
    })
  })

  router.get('/organisations/:id', (req, res) => {
    const id = parseListingId(req.params.id)
    const organisation = id === undefined ? undefined : listings.organisationPage(id)
    if (!organisation) throw new NotFoundError()
    res.render('pages/listings/organisation', {
      pageTitle: organisation.name,
      metaDescription: organisation.description,
      breadcrumbs: [HOME, FIND_HELP],
      organisation,
    })
  })

  router.get('/places/:id', (req, res) => {
    const id = parseListingId(req.params.id)
    const place = id === undefined ? undefined : listings.placePage(id)
    if (!place) throw new NotFoundError()
    res.render('pages/listings/place', {
      pageTitle: place.name,
      metaDescription: place.description,
      breadcrumbs: place.hub ? [HOME, { href: '/hubs', text: 'Local hubs' }, place.hub] : [HOME, FIND_HELP],
      place,
    })
  })

  return router
}
