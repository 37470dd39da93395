import type { Request, RequestHandler, Router } from 'express'
import { paths } from '../../addresses'
import { NotFoundError } from '../../middleware/errors'
import { methodNotAllowed } from '../../middleware/methodNotAllowed'
import { safeCsv } from '../../presenters/safeCsv'
import type { Services } from '../../services'
import type { GapsReport } from '../../services/coordinate/gapsService'
import { GAPS_CSV_COLUMNS, gapsCsvFileName, gapsCsvRows, presentGaps } from './gapsPresenters'

/**
 * What is missing in a hub (issue 12): the gaps report as a page and as a CSV file, on the
 * coordinate router (after its sign-in and looking-after middleware, `staff`). GapsService
 * decides who may see which hub; its refusal is the router's 403 page.
 */
export function addGapsRoutes(
  router: Router,
  services: Pick<Services, 'gaps' | 'clock'>,
  staff: RequestHandler[],
) {
  const { gaps, clock } = services

  const reportFor = (req: Request): GapsReport => {
    const slug = req.params.slug
    const report = typeof slug === 'string' ? gaps.report(req.viewer, slug) : null
    if (!report) throw new NotFoundError()
    return report
  }

  router
    .route(paths.coordinateGaps)
    .get(...staff, (req, res) => {
      res.render('pages/coordinate/gaps', presentGaps(reportFor(req)))
    })
    .all(methodNotAllowed('GET'))

  router
    .route(paths.coordinateGapsCsv)
    .get(...staff, (req, res) => {
      const report = reportFor(req)
      res
        .status(200)
        .set({
          'Content-Type': 'text/csv; charset=utf-8',
          'Content-Disposition': `attachment; filename="${gapsCsvFileName(report.hub.slug, clock.now())}"`,
          // Exact counts of the hub's people: for this coordinator, not for a shared cache.
          'Cache-Control': 'private, no-store',
        })
        .send(safeCsv(GAPS_CSV_COLUMNS, gapsCsvRows(report)))
    })
    .all(methodNotAllowed('GET'))
}
