import { type ErrorRequestHandler, type Request, type Response, Router } from 'express'
import { addresses, paths } from '../../addresses'
import { type FieldProblem, problemsOf } from '../../forms'
import { csrfTokenFor } from '../../middleware/csrf'
import { ForbiddenError, NotFoundError } from '../../middleware/errors'
import { methodNotAllowed } from '../../middleware/methodNotAllowed'
import { requireSignedIn } from '../../middleware/signedIn'
import type { Services } from '../../services'
import type { RequestOrigin } from '../../services/accounts/auditTrail'
import type { ExpertisePage, ExpertPerson } from '../../services/coordinate/coordinatorService'
import { NotAllowedError } from '../../services/permissions'
import { addGapsRoutes } from './gapsRoutes'
import { loadLookingAfter, lookingAfterOf } from './lookingAfter'
import { personPage } from './onBehalfRouter'
import { presentContactForm, presentContactShown, presentExpertise, presentHome } from './presenters'
import { contactForm, parseExpertiseQuery, parsePersonId } from './schemas'
import { parseId as parseIntroductionId } from './introductionSchemas'
import { parsePageNumber } from '../../validation/pageNumber'
import { presentHubNeedsChecking } from '../freshness/presenters'
import { presentWaitingSuggestions } from '../suggestions/presenters'

/**
 * /coordinate: the back office of coordinators and peer leads (issue 11). Every page needs
 * someone signed in (a visitor is sent to sign in) who looks after at least one hub (anyone
 * else gets the 403 page); CoordinatorService decides per hub and per person, for the viewer,
 * and a refusal is the 403 page. Contact details are shown only in answer to the POST that
 * gives a reason (written to the audit log), and never kept by the browser (no-store).
 */
/** "3 listings have gone from the directories they came from", linking to them; null when none (or not the viewer's to see). */
function presentGoneFromFeeds(count: number): { text: string; href: string } | null {
  if (count === 0) return null
  return {
    text: `${count.toLocaleString('en-GB')} ${count === 1 ? 'listing has' : 'listings have'} gone from the directories they came from`,
    href: addresses.adminImportGone(),
  }
}

export function coordinateRouter(services: Services): Router {
  const { coordinator, location, introductions, clock, freshness } = services
  const router = Router()
  const staff = [requireSignedIn, loadLookingAfter(services)]
  const origin = (req: Request): RequestOrigin => ({ ip: req.ip ?? null })
  const showPerson = personPage(services)

  /** The person in the address, for a viewer who may coordinate their hub: 404 for none. */
  const personIn = (req: Request): ExpertPerson => {
    const id = parsePersonId(req.params.id)
    const person = id === null ? null : coordinator.person(req.viewer, id)
    if (!person) throw new NotFoundError()
    return person
  }

  // --- Coordinator home -------------------------------------------------------------------------
  router
    .route(paths.coordinate)
    .get(...staff, (req, res) => {
      const page = parsePageNumber(req.query.page)
      if (page === undefined) throw new NotFoundError()
      const lookingAfter = lookingAfterOf(req)
      const home = coordinator.home(req.viewer, lookingAfter, page)
      if (home.hubs.length === 0 && page > 1) throw new NotFoundError()
      const waiting = introductions.waitingIn(
        req.viewer,
        home.hubs.map(({ hub }) => hub.id),
      )
      const view = presentHome(home, lookingAfter, waiting, clock.now())
      // Keeping listings fresh (issue 12): each hub's listings not checked in 12 months.
      const toCheck = freshness.needsCheckingIn(
        req.viewer,
        home.hubs.map(({ hub }) => hub.id),
      )
      const hubs = view.hubs.map((hubView, i) => {
        const hub = home.hubs[i]?.hub
        return hub ? { ...hubView, ...presentHubNeedsChecking(hub, toCheck.get(hub.id)) } : hubView
      })
      // Suggestions to review (issue 12), per hub on this page of hubs.
      const suggestionsWaiting = presentWaitingSuggestions(
        services.suggestions.waitingIn(
          req.viewer,
          home.hubs.map(({ hub }) => hub.id),
        ),
        new Map(home.hubs.map(({ hub }) => [hub.id, hub.name])),
      )
      res.render('pages/coordinate/index', {
        ...view,
        hubs,
        suggestionsWaiting,
        suggestionsHref: addresses.coordinateSuggestions(),
        // Coordinators of every hub (and admins) may import listings (issue 12).
        importHref: services.directoryImport.mayImport(req.viewer) ? addresses.adminImport() : null,
        // ... and look after the listings gone from the directories they were imported from (issue 14).
        goneFromFeeds: presentGoneFromFeeds(
          services.openReferralImport.mayImport(req.viewer)
            ? services.openReferralImport.countGone(req.viewer)
            : 0,
        ),
        // ... and make and change hubs.
        hubsHref: services.hubEditor.mayEdit(req.viewer) ? addresses.adminHubs() : null,
      })
    })
    .all(methodNotAllowed('GET'))

  // --- Find local expertise ---------------------------------------------------------------------
  router
    .route(paths.coordinateExpertise)
    .get(...staff, (req, res) => {
      const lookingAfter = lookingAfterOf(req)
      const parsed = parseExpertiseQuery(req.query as Record<string, unknown>)
      if (parsed.page === undefined) throw new NotFoundError()
      const { typed, asked } = parsed
      // Choosing someone for an introduction: a waiting one of a hub the viewer looks after.
      const introductionId = parseIntroductionId(req.query.introduction)
      const choosing = introductionId === null ? null : introductions.choosingFor(req.viewer, introductionId)
      if (req.query.introduction !== undefined && !choosing) throw new NotFoundError()
      const problems: FieldProblem[] = [...parsed.problems]
      if (typed.skill !== '' && !coordinator.isSkill(typed.skill))
        problems.push({ field: 'skill', message: 'Choose a skill from the list' })
      let hub: { id: number; slug: string; name: string } | null = null
      if (asked?.hub) {
        const named = coordinator.hubNamed(req.viewer, asked.hub)
        if (named.kind === 'hub') hub = named.hub
        else
          problems.push({
            field: 'hub',
            message: lookingAfter.everyHub
              ? 'No hub has that name. Check the spelling, or leave it empty and enter a place'
              : 'Choose a hub from the list',
          })
      }
      let near: { point: { latitude: number; longitude: number }; label: string } | null = null
      const placeOptions: { text: string; href: string }[] = []
      if (asked?.where) {
        const found = location.resolve(asked.where)
        switch (found.kind) {
          case 'found':
            near = { point: found.point, label: found.label }
            break
          case 'choose':
            problems.push({
              field: 'where',
              message: `There is more than one ${found.name}. Choose one below`,
            })
            for (const option of found.options.slice(0, 10))
              placeOptions.push({
                text: `${option.name}, ${option.hint}`,
                href: addresses.coordinateExpertise({ ...typed, where: option.where, miles: asked.miles }),
              })
            break
          default:
            problems.push({ field: 'where', message: found.message })
        }
      }
      let found: ExpertisePage | null = null
      let searchedFor: string | null = null
      if (asked && problems.length === 0) {
        found = coordinator.findExpertise(req.viewer, {
          skillCode: asked.skill,
          words: asked.q,
          hubId: hub?.id ?? null,
          near: near ? { point: near.point, miles: asked.miles } : null,
          page: asked.page,
        })
        searchedFor = near
          ? `within ${asked.miles === 1 ? '1 mile' : `${asked.miles} miles`} of ${near.label}${hub ? ` in ${hub.name}` : ''}`
          : hub
            ? `in ${hub.name}`
            : null
      }
      res.status(problems.length > 0 ? 400 : 200).render(
        'pages/coordinate/expertise',
        presentExpertise({
          typed,
          problems,
          lookingAfter,
          skills: coordinator.skills(),
          found,
          searchedFor,
          placeOptions,
          recentIntroductions: introductions.recentlyIntroduced(
            found?.people.map((person) => person.id) ?? [],
          ),
          choosing: choosing ? { ...choosing, csrfToken: csrfTokenFor(req) } : null,
          gapsOf: found ? hub : null,
        }),
      )
    })
    .all(methodNotAllowed('GET'))

  // --- One person --------------------------------------------------------------------------------
  router
    .route(paths.coordinatePerson)
    .get(...staff, (req, res) => {
      showPerson(req, res, personIn(req))
    })
    .all(methodNotAllowed('GET'))

  // --- Show contact details ----------------------------------------------------------------------
  const contactFormPage = (
    req: Request,
    res: Response,
    person: ExpertPerson,
    reason: string,
    problems: FieldProblem[],
  ) =>
    res.status(problems.length > 0 ? 400 : 200).render('pages/coordinate/contact', {
      ...presentContactForm(person, reason, problems),
      csrfToken: csrfTokenFor(req),
    })

  router
    .route(paths.coordinatePersonContact)
    .get(...staff, (req, res) => {
      contactFormPage(req, res, personIn(req), '', [])
    })
    .post(...staff, (req, res) => {
      const person = personIn(req)
      const body = (req.body ?? {}) as Record<string, unknown>
      const parsed = contactForm.safeParse(body)
      if (!parsed.success) {
        const typed = typeof body.reason === 'string' ? body.reason.slice(0, 2000) : ''
        contactFormPage(req, res, person, typed, problemsOf(parsed.error))
        return
      }
      const details = coordinator.revealContactDetails(req.viewer, person.id, parsed.data.reason, origin(req))
      if (!details) throw new NotFoundError()
      // The details are for this page only: no browser or proxy may keep them.
      res.set('Cache-Control', 'no-store')
      res.render('pages/coordinate/contact-shown', presentContactShown(person, details))
    })
    .all(methodNotAllowed('GET', 'POST'))

  // --- What is missing in a hub (the gaps report) ------------------------------------------------
  addGapsRoutes(router, services, staff)

  // A service's refusal is the 403 page.
  const refusals: ErrorRequestHandler = (err, _req, _res, next) => {
    next(err instanceof NotAllowedError ? new ForbiddenError(err.message) : err)
  }
  router.use(refusals)

  return router
}
