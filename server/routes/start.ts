import { Router } from 'express'
import { paths } from '../addresses'
import { methodNotAllowed } from '../middleware/methodNotAllowed'
import { presentStartPage } from '../presenters/startPage'
import type { Services } from '../services'

/** The start page: what Common Ground is, a search box, and ways in by category and by hub. */
export function startRouter({ listings }: Services): Router {
  const router = Router()
  router
    .route(paths.start)
    .get((_req, res) => {
      res.render('pages/start/index', presentStartPage(listings.startPage()))
    })
    .all(methodNotAllowed('GET'))
  return router
}
