import { Router } from 'express'
import type { Services } from '../services'

export function healthRouter({ health }: Services): Router {
  const router = Router()
  router.get('/health', (_req, res) => {
    if (health.databaseAnswers()) {
      res.json({ status: 'ok' })
    } else {
      res.status(503).json({ status: 'unavailable', reason: 'The database is not answering' })
    }
  })
  return router
}
