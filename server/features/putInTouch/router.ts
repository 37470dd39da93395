/**
 * "Ask to be put in touch" (issue 11): anyone, with or without an account, asks a hub to put
 * them in touch with someone who can help, from search results, a hub page, a service page or
 * a public profile. The form says what happens next and how long it usually takes; problems
 * are shown on the same page with everything typed kept, and nothing is kept until the form is
 * right. A robot that fills in the hidden "Leave this empty" box is answered exactly as if its
 * request were sent, and nothing is kept. Each address may send PUT_ME_IN_TOUCH_PER_HOUR
 * requests an hour. The confirmation comes after a redirect, with what it shows held in the
 * session: nothing personal ever goes into an address (or so into a log).
 */
import { type Request, type Response, Router } from 'express'
import { addresses, paths } from '../../addresses'
import { type FieldProblem, problemsOf } from '../../forms'
import { csrfTokenFor } from '../../middleware/csrf'
import { NotFoundError } from '../../middleware/errors'
import { methodNotAllowed } from '../../middleware/methodNotAllowed'
import { addressKey, type RateLimits, takeTry, TooManyTriesError } from '../../middleware/rateLimits'
import type { Services } from '../../services'
import type { AskedFrom, IntroductionRequestInput, RequestStart } from '../../services/introductions/contract'
import { presentChooseHub, presentForm, presentSent, presentTooMany, type SentNote } from './presenters'
import { HONEYPOT_FIELD, type PutMeInTouchTyped, parseAskedFrom, putMeInTouchForm, typedIn } from './schemas'

declare module 'express-session' {
  interface SessionData {
    /** the last request sent from this browser, for its confirmation page: no personal details */
    putMeInTouchSent?: SentNote
  }
}

const VIEWS = 'pages/put-in-touch'

const NOTHING_TYPED: PutMeInTouchTyped = {
  helpWanted: '',
  name: '',
  route: '',
  email: '',
  phone: '',
  area: '',
  hub: '',
}

export function putInTouchRouter(services: Services, limits: RateLimits): Router {
  const { introductionRequests, people, config } = services
  const router = Router()

  /** The page the form was asked from, and what the form says for it: the 404 page for a page that is not there. */
  const askedFrom = (req: Request): { from: AskedFrom; start: RequestStart } => {
    const from = parseAskedFrom(req.query as Record<string, unknown>)
    const start = from ? introductionRequests.start(from) : null
    if (!from || !start) throw new NotFoundError()
    return { from, start }
  }

  /** The form's own address: it is sent back to where it was asked from (the query says which page). */
  const actionFor = (req: Request): string => req.originalUrl.slice(0, 600)

  const showForm = (
    req: Request,
    res: Response,
    start: RequestStart,
    typed: PutMeInTouchTyped,
    problems: readonly FieldProblem[],
  ) => {
    const hubId = start.hub ? (people.findHub(start.hub.slug)?.id ?? null) : null
    res
      .status(problems.length > 0 ? 400 : 200)
      .set('Cache-Control', 'no-store')
      .render(
        `${VIEWS}/form`,
        presentForm({
          start,
          usualWait: introductionRequests.usualWait(hubId),
          retentionMonths: config.introductionRetentionMonths,
          typed,
          problems,
          action: actionFor(req),
          csrfToken: csrfTokenFor(req),
        }),
      )
  }

  const showChooseHub = (
    req: Request,
    res: Response,
    hubs: Parameters<typeof presentChooseHub>[0]['hubs'],
    typed: PutMeInTouchTyped,
    problems: readonly FieldProblem[],
  ) => {
    res
      .status(problems.length > 0 ? 400 : 200)
      .set('Cache-Control', 'no-store')
      .render(
        `${VIEWS}/choose-hub`,
        presentChooseHub({ hubs, typed, problems, action: actionFor(req), csrfToken: csrfTokenFor(req) }),
      )
  }

  const tooMany = (res: Response, error: TooManyTriesError) => {
    res
      .status(429)
      .set('Retry-After', String(error.retryAfterSeconds))
      .render(`${VIEWS}/too-many`, presentTooMany(error.retryAfterSeconds))
  }

  /** Has this address used up its requests? Checked before anything else, taking nothing. */
  const usedUp = async (req: Request): Promise<TooManyTriesError | null> => {
    const state = await limits.putMeInTouchPerAddress.get(addressKey(req))
    return state && state.consumedPoints > limits.putMeInTouchPerAddress.points
      ? new TooManyTriesError(Math.ceil(state.msBeforeNext / 1000))
      : null
  }

  router
    .route(paths.putMeInTouch)
    .get((req, res) => {
      const { from, start } = askedFrom(req)
      // From search results, the place searched near is the area, until the person says otherwise.
      const typed = from.kind === 'search' ? { ...NOTHING_TYPED, area: from.where } : NOTHING_TYPED
      showForm(req, res, start, typed, [])
    })
    .post(async (req, res) => {
      const { from, start } = askedFrom(req)
      const blocked = await usedUp(req)
      if (blocked) {
        tooMany(res, blocked)
        return
      }
      const body = (req.body ?? {}) as Record<string, unknown>
      const { _csrf: _token, ...fields } = body
      const typed = typedIn(fields)
      const parsed = putMeInTouchForm.safeParse(fields)
      if (!parsed.success) {
        const problems = problemsOf(parsed.error)
        // A problem with the hub chosen is put right on "Which hub?", the rest on the form.
        if (problems.every((problem) => problem.field === 'hub')) {
          const again = introductionRequests.answerWithoutKeeping(inputOf(from, typed, null))
          if (again.kind === 'choose-hub') {
            showChooseHub(req, res, again.hubs, typed, problems)
            return
          }
        }
        showForm(req, res, start, typed, problems)
        return
      }
      const form = parsed.data
      const input = inputOf(from, typed, form.hub || null)
      const robot = form[HONEYPOT_FIELD] !== ''

      // One of this address's requests an hour, taken before anything is kept.
      try {
        await takeTry([limits.putMeInTouchPerAddress, addressKey(req)])
      } catch (error) {
        if (error instanceof TooManyTriesError) {
          tooMany(res, error)
          return
        }
        throw error
      }
      const result = robot
        ? introductionRequests.answerWithoutKeeping(input)
        : introductionRequests.request(input, { ip: req.ip ?? null })
      if (result.kind !== 'sent') {
        // Nothing was sent: the try is given back.
        await limits.putMeInTouchPerAddress.reward(addressKey(req), 1)
        if (result.kind === 'choose-hub') showChooseHub(req, res, result.hubs, typed, [])
        else showForm(req, res, start, typed, result.problems)
        return
      }
      req.session.putMeInTouchSent = {
        reference: result.introductionId,
        hubName: result.hub.name,
        hubSlug: result.hub.slug,
        waitPhrase: result.usualWait.phrase,
        route: input.route,
      }
      res.redirect(303, addresses.putMeInTouchSent())
    })
    .all(methodNotAllowed('GET', 'POST'))

  router
    .route(paths.putMeInTouchSent)
    .get((req, res) => {
      const note = req.session.putMeInTouchSent
      if (!note) {
        res.redirect(303, addresses.putMeInTouch())
        return
      }
      res.set('Cache-Control', 'no-store').render(`${VIEWS}/sent`, presentSent(note))
    })
    .all(methodNotAllowed('GET'))

  return router
}

/** The form as the service takes it: only the way to reply that was chosen is kept. */
function inputOf(
  from: AskedFrom,
  typed: PutMeInTouchTyped,
  hubSlug: string | null,
): IntroductionRequestInput {
  const route = typed.route === 'phone' ? 'phone' : 'email'
  return {
    from,
    helpWanted: typed.helpWanted.trim(),
    name: typed.name.trim(),
    route,
    email: route === 'email' ? typed.email.trim() : null,
    phone: route === 'phone' ? typed.phone.trim() : null,
    area: typed.area.trim(),
    hubSlug,
  }
}
