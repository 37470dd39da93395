import { Router } from 'express'
import { paths } from '../addresses'
import { methodNotAllowed } from '../middleware/methodNotAllowed'
import { presentSearchBusy, presentSearchPage, presentSearchTooBig } from '../presenters/searchPage'
import { presentWhichPlace } from '../presenters/searchWhichPlace'
import type { Services } from '../services'
import { isBusy, isTooBig } from '../services/searchWorker'
import { BUSY_RETRY_SECONDS, readSearchRequest } from './searchRequest'

/**
 * /search: the list of groups and activities, with words, a place and filters, nearest
 * first when a place is given. Bad input is shown on the same page in an error summary
 * (status 400), never as a failure; a place that cannot be found is a message on the
 * Where box, and a name shared by several places asks which one. A search that would take
 * too long says "Try fewer words or a smaller area" (status 200: it is an answer, not a fault).
 * The search itself runs in a worker thread when the database is a file (services/searchWorker).
 */
export function searchRouter({ search, searches }: Services): Router {
  const router = Router()

  router
    .route(paths.search)
    .get(async (req, res) => {
      const request = readSearchRequest(req.query, search, { paged: true })
      switch (request.decision) {
        case 'problems':
          res.status(400).render('pages/search/index', presentSearchPage(request, null))
          return
        case 'choose place':
          res.render('pages/search/which-place', presentWhichPlace(request, 'search'))
          return
        case 'go ahead': {
          const outcome = request.placeProblem
            ? null
            : await searches.search(request.filters, request.location)
          // A search that would take too long stopped itself: a plain page, not a failure.
          if (outcome !== null && isTooBig(outcome)) {
            res.render('pages/search/too-big', presentSearchTooBig(request))
            return
          }
          // Others' searches held it up: the same search will do in a moment.
          if (outcome !== null && isBusy(outcome)) {
            res.status(503).set('Retry-After', String(BUSY_RETRY_SECONDS))
            res.render('pages/search/busy', presentSearchBusy(request, 'search'))
            return
          }
          res.render('pages/search/index', presentSearchPage(request, outcome))
        }
      }
    })
    .all(methodNotAllowed('GET'))

  return router
}
