import { type ErrorRequestHandler, type Request, type Response, Router } from 'express'
import { addresses, paths } from '../../addresses'
import type { FieldProblem } from '../../forms'
import { csrfTokenFor } from '../../middleware/csrf'
import { ForbiddenError, NotFoundError } from '../../middleware/errors'
import { methodNotAllowed } from '../../middleware/methodNotAllowed'
import { requireSignedIn } from '../../middleware/signedIn'
import type { Services } from '../../services'
import type { RequestOrigin } from '../../services/accounts/auditTrail'
import { NotAllowedError } from '../../services/permissions'
import { FIELDS_OF, type FieldValues } from '../../services/suggestions/fields'
import type { SuggestionForReview } from '../../services/suggestions/suggestionService'
import type { SuggestionListingType } from '../../../db/repositories/suggestionsRepository'
import { parseListingId } from '../../validation/listingId'
import { parsePageNumber } from '../../validation/pageNumber'
import { loadLookingAfter, lookingAfterOf } from '../coordinate/lookingAfter'
import {
  presentQueue,
  presentReview,
  presentSuggestForm,
  presentSuggestionSent,
  presentYours,
} from './presenters'
import { parseReviewForm, parseSuggestForm, typedIn } from './schemas'

/**
 * Suggest a change, and review it (issue 12). Anyone may open "Suggest a change" on a
 * listing's page, or "Suggest a new group or place"; a visitor leaves an email address for
 * the reply, or signs in and comes back. The review pages are the coordinator back office's:
 * SuggestionService decides per suggestion whether the viewer looks after its hub, and a
 * refusal is the 403 page.
 */
export function suggestionsRouter(services: Services): Router {
  const { suggestions } = services
  const router = Router()
  const staff = [requireSignedIn, loadLookingAfter(services)]
  const origin = (req: Request): RequestOrigin => ({ ip: req.ip ?? null })
  const visitorOf = (req: Request) => req.viewer.kind === 'visitor'
  const body = (req: Request) => (req.body ?? {}) as Record<string, unknown>

  // --- Suggest a change to a listing ------------------------------------------------------------
  const changeRoutes: [SuggestionListingType, string, (id: number) => string][] = [
    ['service', paths.suggestServiceChange, addresses.service],
    ['organisation', paths.suggestOrganisationChange, (id) => addresses.organisation(id)],
    ['place', paths.suggestPlaceChange, (id) => addresses.place(id)],
  ]
  for (const [type, path, listingHref] of changeRoutes) {
    const listingIn = (req: Request) => {
      const id = parseListingId(req.params.id)
      const listing = id === undefined ? undefined : suggestions.listingToChange(type, id)
      if (!listing) throw new NotFoundError()
      return listing
    }
    const form = (
      req: Request,
      res: Response,
      listing: ReturnType<typeof listingIn>,
      values: FieldValues & { note?: string; replyEmail?: string },
      problems: FieldProblem[],
    ) =>
      res.status(problems.length > 0 ? 400 : 200).render(
        'pages/suggestions/suggest',
        presentSuggestForm({
          fields: listing.fields,
          listing: { type, id: listing.id, name: listing.name },
          values,
          problems,
          visitor: visitorOf(req),
          action: addresses.suggestChange(type, listing.id),
          csrfToken: csrfTokenFor(req),
          backHref: listingHref(listing.id),
        }),
      )
    router
      .route(path)
      .get((req, res) => {
        const listing = listingIn(req)
        form(req, res, listing, listing.current, [])
      })
      .post((req, res) => {
        const listing = listingIn(req)
        const typed = typedIn(listing.fields, body(req))
        const parsed = parseSuggestForm(type, listing.fields, body(req), visitorOf(req))
        if ('problems' in parsed) return form(req, res, listing, typed, parsed.problems)
        const outcome = suggestions.suggestChange(
          req.viewer,
          { type, id: listing.id },
          parsed.values,
          parsed.note,
          parsed.replyEmail,
        )
        if (outcome.kind === 'nothing-changed')
          return form(req, res, listing, typed, [
            { field: 'name', message: 'Change at least one thing, or write a note about what is wrong' },
          ])
        if (outcome.kind === 'problem')
          return form(req, res, listing, typed, [{ field: outcome.field, message: outcome.message }])
        res.redirect(303, addresses.suggestionSent())
      })
      .all(methodNotAllowed('GET', 'POST'))
  }

  // --- Suggest a new group or place ---------------------------------------------------------------
  const hubSlugOf = (req: Request): string | undefined =>
    typeof req.query.hub === 'string' && /^[a-z0-9-]{1,80}$/.test(req.query.hub) ? req.query.hub : undefined
  const newForm = (
    req: Request,
    res: Response,
    values: FieldValues & { note?: string; replyEmail?: string },
    problems: FieldProblem[],
  ) => {
    const hub = hubSlugOf(req)
    res.status(problems.length > 0 ? 400 : 200).render(
      'pages/suggestions/suggest',
      presentSuggestForm({
        fields: FIELDS_OF.new,
        listing: null,
        values,
        problems,
        visitor: visitorOf(req),
        action: addresses.suggestNew({ hub }),
        csrfToken: csrfTokenFor(req),
        backHref: hub ? addresses.hub(hub) : addresses.search(),
      }),
    )
  }
  router
    .route(paths.suggestNew)
    .get((req, res) => {
      newForm(req, res, {}, [])
    })
    .post((req, res) => {
      const typed = typedIn(FIELDS_OF.new, body(req))
      const parsed = parseSuggestForm('new', FIELDS_OF.new, body(req), visitorOf(req))
      if ('problems' in parsed) return newForm(req, res, typed, parsed.problems)
      const outcome = suggestions.suggestNew(req.viewer, parsed.values, parsed.note, parsed.replyEmail)
      if (outcome.kind === 'problem')
        return newForm(req, res, typed, [{ field: outcome.field, message: outcome.message }])
      res.redirect(303, addresses.suggestionSent())
    })
    .all(methodNotAllowed('GET', 'POST'))

  router
    .route(paths.suggestionSent)
    .get((req, res) => {
      res.render('pages/suggestions/sent', presentSuggestionSent(!visitorOf(req)))
    })
    .all(methodNotAllowed('GET'))

  // --- Your suggestions -----------------------------------------------------------------------------
  router
    .route(paths.yourSuggestions)
    .get(requireSignedIn, (req, res) => {
      const page = parsePageNumber(req.query.page)
      if (page === undefined) throw new NotFoundError()
      const yours = suggestions.yours(req.viewer, page)
      if (page > yours.pageCount) throw new NotFoundError()
      res.render('pages/suggestions/yours', presentYours(yours))
    })
    .all(methodNotAllowed('GET'))

  // --- The review queue -----------------------------------------------------------------------------
  router
    .route(paths.coordinateSuggestions)
    .get(...staff, (req, res) => {
      const page = parsePageNumber(req.query.page)
      if (page === undefined) throw new NotFoundError()
      const lookingAfter = lookingAfterOf(req)
      const queue = suggestions.queue(
        req.viewer,
        lookingAfter.everyHub
          ? { everyHub: true }
          : { everyHub: false, hubIds: lookingAfter.hubs.map((h) => h.id) },
        page,
      )
      if (page > queue.pageCount) throw new NotFoundError()
      res.render('pages/coordinate/suggestions', presentQueue(queue))
    })
    .all(methodNotAllowed('GET'))

  // --- One suggestion: side by side, edit, approve or reject --------------------------------------------
  const reviewIn = (req: Request): SuggestionForReview => {
    const id = parseListingId(req.params.id)
    const review = id === undefined ? undefined : suggestions.forReview(req.viewer, id)
    if (!review) throw new NotFoundError()
    return review
  }
  const reviewPage = (
    req: Request,
    res: Response,
    review: SuggestionForReview,
    typed: FieldValues | null,
    reason: string,
    problems: FieldProblem[],
  ) =>
    res
      .status(problems.length > 0 ? 400 : 200)
      .render(
        'pages/coordinate/suggestion',
        presentReview(review, typed, reason, problems, csrfTokenFor(req)),
      )

  router
    .route(paths.coordinateSuggestion)
    .get(...staff, (req, res) => {
      reviewPage(req, res, reviewIn(req), null, '', [])
    })
    .post(...staff, async (req, res) => {
      const review = reviewIn(req)
      const typed = typedIn(review.fields, body(req))
      const reason = typeof body(req).reason === 'string' ? (body(req).reason as string).slice(0, 1000) : ''
      const parsed = parseReviewForm(review.fields, body(req))
      if ('problems' in parsed) return reviewPage(req, res, review, typed, reason, parsed.problems)
      const id = review.suggestion.id
      const outcome =
        parsed.decision === 'approve'
          ? await suggestions.approve(req.viewer, id, parsed.values, origin(req))
          : await suggestions.reject(req.viewer, id, parsed.reason, origin(req))
      if (outcome.kind === 'problem')
        return reviewPage(req, res, review, typed, reason, [
          { field: outcome.field, message: outcome.message },
        ])
      res.redirect(303, addresses.coordinateSuggestion(id))
    })
    .all(methodNotAllowed('GET', 'POST'))

  // A service's refusal is the 403 page.
  const refusals: ErrorRequestHandler = (err, _req, _res, next) => {
    next(err instanceof NotAllowedError ? new ForbiddenError(err.message) : err)
  }
  router.use(refusals)

  return router
}
