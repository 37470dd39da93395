import { type ErrorRequestHandler, type Request, type Response, Router } from 'express'
import { addresses, paths } from '../../addresses'
import { type FieldProblem, problemsOf } from '../../forms'
import { csrfTokenFor } from '../../middleware/csrf'
import { ForbiddenError, NotFoundError } from '../../middleware/errors'
import { methodNotAllowed } from '../../middleware/methodNotAllowed'
import { requireSignedIn } from '../../middleware/signedIn'
import type { Services } from '../../services'
import type { RequestOrigin } from '../../services/accounts/auditTrail'
import {
  type ClosedWithout,
  type HowItWent,
  type Introduction,
  IntroductionStateError,
} from '../../services/introductions/introductionService'
import { NotAllowedError } from '../../services/permissions'
import {
  presentAnswerForm,
  presentIntroduction,
  presentIntroductions,
  presentOutcomeForm,
  presentPassOn,
  presentRequesterContactForm,
  presentRequesterContactShown,
} from './introductionPresenters'
import {
  answerForm,
  askForm,
  chooseForm,
  closeForm,
  howItWentForm,
  parseId,
  parseIntroductionsQuery,
} from './introductionSchemas'
import { loadLookingAfter, lookingAfterOf } from './lookingAfter'
import { coordinateBreadcrumbs } from './presenters'
import { contactForm } from './schemas'

declare module 'express-session' {
  interface SessionData {
    /** one line for the introduction page to show once ("Pauline H. has been asked by email") */
    introductionNotice?: string
  }
}

/**
 * /coordinate/introductions (issue 11): a hub's queue and each introduction's steps, for its
 * coordinators and peer leads. IntroductionService decides per introduction, for the viewer;
 * a refusal is the 403 page, a step the introduction is not ready for says so (409).
 */
export function coordinateIntroductionsRouter(services: Services): Router {
  const { introductions, coordinator, clock } = services
  const router = Router()
  const staff = [requireSignedIn, loadLookingAfter(services)]
  const origin = (req: Request): RequestOrigin => ({ ip: req.ip ?? null })

  /** The introduction in the address, for a viewer who looks after its hub: 404 for none. */
  const introductionIn = (req: Request): Introduction => {
    const id = parseId(req.params.id)
    const found = id === null ? null : introductions.introduction(req.viewer, id)
    if (!found) throw new NotFoundError()
    return found
  }
  const backTo = (req: Request, res: Response, id: number, notice: string) => {
    req.session.introductionNotice = notice
    res.redirect(303, addresses.coordinateIntroduction(id))
  }

  // --- The queue ---------------------------------------------------------------------------------
  router
    .route(paths.coordinateIntroductions)
    .get(...staff, (req, res) => {
      const query = parseIntroductionsQuery(req.query as Record<string, unknown>)
      if (!query) throw new NotFoundError()
      const lookingAfter = lookingAfterOf(req)
      let hub: { id: number; slug: string; name: string } | null = null
      if (query.hub) {
        const named = coordinator.hubNamed(req.viewer, query.hub)
        if (named.kind !== 'hub') throw new NotFoundError()
        hub = named.hub
      }
      const found = introductions.list(req.viewer, lookingAfter, {
        status: query.status,
        hubId: hub?.id ?? null,
        page: query.page,
      })
      if (found.page < query.page) throw new NotFoundError()
      res.render(
        'pages/coordinate/introductions',
        presentIntroductions({ found, hub, lookingAfter, now: clock.now() }),
      )
    })
    .all(methodNotAllowed('GET'))

  // --- One introduction --------------------------------------------------------------------------
  router
    .route(paths.coordinateIntroduction)
    .get(...staff, (req, res) => {
      const introduction = introductionIn(req)
      const notice = req.session.introductionNotice ?? null
      if (notice) delete req.session.introductionNotice
      res.render(
        'pages/coordinate/introduction',
        presentIntroduction(introduction, {
          now: clock.now(),
          csrfToken: csrfTokenFor(req),
          skillCode: coordinator.skillSuggestedBy(introduction.helpWanted),
          notice,
        }),
      )
    })
    .all(methodNotAllowed('GET'))

  // --- Choose someone (from Find local expertise) -----------------------------------------------
  router
    .route(paths.coordinateIntroductionChoose)
    .post(...staff, (req, res) => {
      const introduction = introductionIn(req)
      const parsed = chooseForm.safeParse(req.body ?? {})
      if (!parsed.success) throw new NotFoundError()
      introductions.choosePerson(req.viewer, introduction.id, parsed.data.personId)
      const chosen = introductions.introduction(req.viewer, introduction.id)
      backTo(
        req,
        res,
        introduction.id,
        `You chose ${chosen?.person?.displayName ?? 'someone'}. Now ask them.`,
      )
    })
    .all(methodNotAllowed('POST'))

  // --- Ask by email ------------------------------------------------------------------------------
  router
    .route(paths.coordinateIntroductionAsk)
    .post(...staff, async (req, res) => {
      const introduction = introductionIn(req)
      if (!askForm.safeParse(req.body ?? {}).success) throw new NotFoundError()
      await introductions.askByEmail(req.viewer, introduction.id)
      backTo(
        req,
        res,
        introduction.id,
        `${introduction.person?.displayName ?? 'They'} has been asked by email, with a link to say yes or no.`,
      )
    })
    .all(methodNotAllowed('POST'))

  // --- Record their answer from the phone -------------------------------------------------------
  const answerPage = (
    req: Request,
    res: Response,
    introduction: Introduction,
    answer: string,
    problems: FieldProblem[],
  ) =>
    res
      .status(problems.length > 0 ? 400 : 200)
      .render(
        'pages/coordinate/introduction-answer',
        presentAnswerForm(introduction, { answer, problems, csrfToken: csrfTokenFor(req) }),
      )
  router
    .route(paths.coordinateIntroductionAnswer)
    .get(...staff, (req, res) => {
      const introduction = introductionIn(req)
      if (!introduction.person || !['waiting', 'asked'].includes(introduction.status))
        throw new IntroductionStateError('Choose someone first')
      answerPage(req, res, introduction, '', [])
    })
    .post(...staff, async (req, res) => {
      const introduction = introductionIn(req)
      const parsed = answerForm.safeParse(req.body ?? {})
      if (!parsed.success) {
        answerPage(req, res, introduction, '', problemsOf(parsed.error))
        return
      }
      await introductions.recordPhoneAnswer(req.viewer, introduction.id, parsed.data.answer, origin(req))
      const name = introduction.person?.displayName ?? 'They'
      backTo(
        req,
        res,
        introduction.id,
        parsed.data.answer === 'accepted'
          ? `${name} said yes. Details have gone by email where each side chose email.`
          : `${name} said no. The request is back in the queue.`,
      )
    })
    .all(methodNotAllowed('GET', 'POST'))

  // --- How it went, and closing without an introduction -----------------------------------------
  const outcomePage = (
    req: Request,
    res: Response,
    introduction: Introduction,
    kind: 'how-it-went' | 'close',
    typed: { outcome: string; note: string },
    problems: FieldProblem[],
  ) =>
    res
      .status(problems.length > 0 ? 400 : 200)
      .render(
        'pages/coordinate/introduction-outcome',
        presentOutcomeForm(introduction, { kind, ...typed, problems, csrfToken: csrfTokenFor(req) }),
      )
  const typedOutcome = (req: Request) => {
    const body = (req.body ?? {}) as Record<string, unknown>
    return {
      outcome: typeof body.outcome === 'string' ? body.outcome.slice(0, 50) : '',
      note: typeof body.note === 'string' ? body.note.slice(0, 2000) : '',
    }
  }
  /**
   * One outcome page: shown only while the introduction `isOpen` (else the state error page);
   * its form is checked with `form`, saved with `save`, and said done with `done`.
   */
  const outcomeRoute = <Outcome extends string>(
    path: string,
    kind: 'how-it-went' | 'close',
    isOpen: (introduction: Introduction) => boolean,
    form: typeof howItWentForm | typeof closeForm,
    save: (viewer: Request['viewer'], id: number, outcome: Outcome, note: string) => void,
    done: string,
  ) =>
    router
      .route(path)
      .get(...staff, (req, res) => {
        const introduction = introductionIn(req)
        if (!isOpen(introduction)) throw new IntroductionStateError(`Not open for ${kind}`)
        outcomePage(req, res, introduction, kind, { outcome: '', note: '' }, [])
      })
      .post(...staff, (req, res) => {
        const introduction = introductionIn(req)
        const parsed = form.safeParse(req.body ?? {})
        if (!parsed.success) {
          outcomePage(req, res, introduction, kind, typedOutcome(req), problemsOf(parsed.error))
          return
        }
        save(req.viewer, introduction.id, parsed.data.outcome as Outcome, parsed.data.note)
        backTo(req, res, introduction.id, done)
      })
      .all(methodNotAllowed('GET', 'POST'))
  outcomeRoute<HowItWent>(
    paths.coordinateIntroductionHowItWent,
    'how-it-went',
    (introduction) => introduction.status === 'accepted',
    howItWentForm,
    (viewer, id, outcome, note) => introductions.recordHowItWent(viewer, id, outcome, note),
    'How it went is saved, and the introduction is closed.',
  )
  outcomeRoute<ClosedWithout>(
    paths.coordinateIntroductionClose,
    'close',
    (introduction) => ['waiting', 'asked'].includes(introduction.status),
    closeForm,
    (viewer, id, outcome, note) => introductions.closeWithout(viewer, id, outcome, note),
    'The request is closed without an introduction.',
  )

  // --- What to say, or a letter (print-friendly; an audited reveal) ------------------------------
  router
    .route(paths.coordinateIntroductionPassOn)
    .get(...staff, (req, res) => {
      const introduction = introductionIn(req)
      const details = introductions.detailsToPassOn(req.viewer, introduction.id, origin(req))
      // The details are for this page only: no browser or proxy may keep them.
      res.set('Cache-Control', 'no-store')
      res.render('pages/coordinate/introduction-pass-on', presentPassOn(details))
    })
    .all(methodNotAllowed('GET'))

  // --- How to reach the person who asked (an audited reveal, with a reason) ----------------------
  const contactPage = (
    req: Request,
    res: Response,
    introduction: Introduction,
    reason: string,
    problems: FieldProblem[],
  ) =>
    res
      .status(problems.length > 0 ? 400 : 200)
      .render(
        'pages/coordinate/contact',
        presentRequesterContactForm(introduction, { reason, problems, csrfToken: csrfTokenFor(req) }),
      )
  router
    .route(paths.coordinateIntroductionContact)
    .get(...staff, (req, res) => {
      const introduction = introductionIn(req)
      if (introduction.anonymised) throw new NotFoundError()
      contactPage(req, res, introduction, '', [])
    })
    .post(...staff, (req, res) => {
      const introduction = introductionIn(req)
      const body = (req.body ?? {}) as Record<string, unknown>
      const parsed = contactForm.safeParse(body)
      if (!parsed.success) {
        const typed = typeof body.reason === 'string' ? body.reason.slice(0, 2000) : ''
        contactPage(req, res, introduction, typed, problemsOf(parsed.error))
        return
      }
      const details = introductions.revealRequesterContact(
        req.viewer,
        introduction.id,
        parsed.data.reason,
        origin(req),
      )
      if (!details) throw new NotFoundError()
      res.set('Cache-Control', 'no-store')
      res.render('pages/coordinate/contact-shown', presentRequesterContactShown(introduction, details))
    })
    .all(methodNotAllowed('GET', 'POST'))

  // A service's refusal is the 403 page; a step the introduction is not ready for, the 409 page.
  const refusals: ErrorRequestHandler = (err, req, res, next) => {
    if (err instanceof IntroductionStateError) {
      const id = parseId(/^\/coordinate\/introductions\/([0-9]+)/.exec(req.path)?.[1])
      res.status(409).render('pages/coordinate/introduction-moved-on', {
        pageTitle: 'This introduction has moved on',
        breadcrumbs: coordinateBreadcrumbs(),
        backHref: id === null ? addresses.coordinateIntroductions() : addresses.coordinateIntroduction(id),
      })
      return
    }
    next(err instanceof NotAllowedError ? new ForbiddenError(err.message) : err)
  }
  router.use(refusals)

  return router
}
