/**
 * Keeping listings fresh (issue 12), in the coordinators' back office: a hub's groups,
 * organisations and places not checked in 12 months, and for each kind of listing "Mark as
 * checked" (how it was checked) and "Archive" (why). Every page
 * needs someone signed in (a visitor is sent to sign in) who looks after a hub (anyone else
 * gets the 403 page); FreshnessService decides per hub and per listing, and a refusal is the
 * 403 page. Every POST carries the CSRF token. The public side, an archived listing's "This
 * group has closed" page, is the listing's own address (server/routes/listings.ts).
 */
import { type ErrorRequestHandler, type Request, type Response, Router } from 'express'
import { addresses, paths } from '../../addresses'
import { type FieldProblem, problemsOf } from '../../forms'
import { csrfTokenFor } from '../../middleware/csrf'
import { ForbiddenError, NotFoundError } from '../../middleware/errors'
import { methodNotAllowed } from '../../middleware/methodNotAllowed'
import { requireSignedIn } from '../../middleware/signedIn'
import type { Services } from '../../services'
import type { RequestOrigin } from '../../services/accounts/auditTrail'
import type { ListingToLookAfter, ListingType } from '../../services/freshness/freshnessService'
import { NotAllowedError } from '../../services/permissions'
import { parseListingId } from '../../validation/listingId'
import { parsePageNumber } from '../../validation/pageNumber'
import { loadLookingAfter } from '../coordinate/lookingAfter'
import { presentArchivePage, presentCheckedPage, presentNeedsCheckingPage } from './presenters'
import { archiveForm, checkedForm, parseHubSlug } from './schemas'

const withoutCsrf = (body: unknown): Record<string, unknown> => {
  const copy = { ...((body ?? {}) as Record<string, unknown>) }
  delete copy._csrf
  return copy
}

const typedText = (value: unknown, max: number): string =>
  typeof value === 'string' ? value.slice(0, max) : ''

export function freshnessRouter(services: Services): Router {
  const { freshness, listings } = services
  const router = Router()
  const staff = [requireSignedIn, loadLookingAfter(services)]
  const origin = (req: Request): RequestOrigin => ({ ip: req.ip ?? null })

  /** The published listing of this kind in the address, for a viewer who looks after it: 404 for none. */
  const listingIn = (type: ListingType, req: Request): ListingToLookAfter => {
    const id = parseListingId(req.params.id)
    const listing = id === undefined ? null : freshness.listingToLookAfter(req.viewer, type, id)
    if (!listing) throw new NotFoundError()
    return listing
  }

  /** Where to go once done: the hub's list, saying what was done. */
  const doneHref = (listing: ListingToLookAfter, done: 'checked' | 'archived'): string =>
    listing.hubSlug ? addresses.coordinateNeedsChecking(listing.hubSlug, 1, done) : addresses.coordinate()

  // --- A hub's listings that need checking ----------------------------------------------------------
  router
    .route(paths.coordinateNeedsChecking)
    .get(...staff, (req, res) => {
      const slug = parseHubSlug(req.params.slug)
      const page = parsePageNumber(req.query.page)
      if (slug === null || page === undefined) throw new NotFoundError()
      const shown = freshness.needsChecking(req.viewer, slug, page)
      if (!shown || (page > 1 && page > shown.found.pageCount)) throw new NotFoundError()
      res.render(
        'pages/freshness/needs-checking',
        presentNeedsCheckingPage(shown.hub, shown.found, req.query.done),
      )
    })
    .all(methodNotAllowed('GET'))

  // The same two pages for each kind of listing, at its own addresses.
  const kinds = [
    { type: 'service', checked: paths.coordinateServiceChecked, archive: paths.coordinateServiceArchive },
    {
      type: 'organisation',
      checked: paths.coordinateOrganisationChecked,
      archive: paths.coordinateOrganisationArchive,
    },
    { type: 'place', checked: paths.coordinatePlaceChecked, archive: paths.coordinatePlaceArchive },
  ] as const

  for (const { type, checked, archive } of kinds) {
    // --- Mark as checked ----------------------------------------------------------------------------
    const checkedPage = (req: Request, res: Response, how: string, problems: readonly FieldProblem[]) =>
      res.status(problems.length > 0 ? 400 : 200).render('pages/freshness/checked', {
        ...presentCheckedPage(listingIn(type, req), how, problems),
        csrfToken: csrfTokenFor(req),
      })

    router
      .route(checked)
      .get(...staff, (req, res) => {
        checkedPage(req, res, '', [])
      })
      .post(...staff, (req, res) => {
        const listing = listingIn(type, req)
        const body = withoutCsrf(req.body)
        const parsed = checkedForm.safeParse(body)
        if (!parsed.success) {
          checkedPage(req, res, typedText(body.how, 20), problemsOf(parsed.error))
          return
        }
        if (freshness.markChecked(req.viewer, type, listing.id, parsed.data.how, origin(req)) === 'not-found')
          throw new NotFoundError()
        res.redirect(303, doneHref(listing, 'checked'))
      })
      .all(methodNotAllowed('GET', 'POST'))

    // --- Archive ------------------------------------------------------------------------------------
    const archivePage = (req: Request, res: Response, reason: string, problems: readonly FieldProblem[]) => {
      const listing = listingIn(type, req)
      // An organisation's or a place's groups that stay listed, by name, each with its own link.
      const groups = listings.serviceSummaries(listing.groupsStillListed?.ids ?? [])
      res.status(problems.length > 0 ? 400 : 200).render('pages/freshness/archive', {
        ...presentArchivePage(listing, groups, reason, problems),
        csrfToken: csrfTokenFor(req),
      })
    }

    router
      .route(archive)
      .get(...staff, (req, res) => {
        archivePage(req, res, '', [])
      })
      .post(...staff, (req, res) => {
        const listing = listingIn(type, req)
        const body = withoutCsrf(req.body)
        const parsed = archiveForm.safeParse(body)
        if (!parsed.success) {
          archivePage(req, res, typedText(body.reason, 2000), problemsOf(parsed.error))
          return
        }
        if (freshness.archive(req.viewer, type, listing.id, parsed.data.reason, origin(req)) === 'not-found')
          throw new NotFoundError()
        res.redirect(303, doneHref(listing, 'archived'))
      })
      .all(methodNotAllowed('GET', 'POST'))
  }

  // A refusal is the 403 page.
  const refusals: ErrorRequestHandler = (err, _req, _res, next) => {
    next(err instanceof NotAllowedError ? new ForbiddenError(err.message) : err)
  }
  router.use(refusals)
  return router
}
