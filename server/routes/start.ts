import { Router } from 'express'
import type { Services } from '../services'

/** The start page: what Common Ground is, a search box, and ways in by category and by hub. */
export function startRouter({ listings }: Services): Router {
  const router = Router()
  router.get('/', (_req, res) => {
    res.render('pages/start/index', {
      pageTitle: 'Find help, groups and activities near you',
      metaDescription:
        'Common Ground lists groups, activities and places for people in later life, and the skills neighbours share.',
      start: listings.startPage(),
    })
  })
  return router
}
