import { type Request, type Response, Router } from 'express'
import { paths } from '../addresses'
import { csrfTokenFor } from '../middleware/csrf'
import { methodNotAllowed } from '../middleware/methodNotAllowed'
import type { Services } from '../services'
import type { AnswerLinkState, AnswerResult } from '../services/introductions/introductionService'
import { whenInWords } from '../presenters/adminPages'
import { linkAnswerForm } from '../features/coordinate/introductionSchemas'

const NOT_WORKING: Record<Exclude<AnswerLinkState['kind'], 'open'>, string> = {
  used: 'This link has already been used. Links in our emails work once. Thank you for answering.',
  expired:
    'The time to answer has passed, or the hub has already found someone else. Nothing more is needed from you. Thank you.',
  unknown:
    'This link does not work. It may not have been copied in full. Try opening it from the email again.',
}

/**
 * /introductions/answer?token=... (issue 11): the person a hub asked to help answers, with no
 * sign-in, through the one-use link emailed to them. The page says what the help is and which
 * hub asks, never who asked or how to reach them; Accept and Decline are a POST with the
 * page's CSRF token. A used or expired link says so plainly (410).
 */
export function introductionAnswerRouter(services: Services): Router {
  const { introductions } = services
  const router = Router()

  const notWorking = (res: Response, kind: Exclude<AnswerLinkState['kind'], 'open'>) =>
    res.status(410).render('pages/introductions/answer-not-working', {
      pageTitle: kind === 'used' ? 'You have already answered' : 'That link does not work',
      message: NOT_WORKING[kind],
    })

  router
    .route(paths.introductionAnswer)
    .get((req: Request, res: Response) => {
      const token = typeof req.query.token === 'string' ? req.query.token : ''
      const state = introductions.answerLinkState(token)
      if (state.kind !== 'open') {
        notWorking(res, state.kind)
        return
      }
      res.set('Cache-Control', 'no-store')
      res.render('pages/introductions/answer', {
        pageTitle: `Can you help someone in ${state.hubName}?`,
        name: state.name,
        hubName: state.hubName,
        helpWanted: state.helpWanted,
        dueAt: whenInWords(state.dueAt),
        action: paths.introductionAnswer,
        token,
        csrfToken: csrfTokenFor(req),
      })
    })
    .post(async (req: Request, res: Response) => {
      const parsed = linkAnswerForm.safeParse(req.body ?? {})
      if (!parsed.success) {
        notWorking(res, 'unknown')
        return
      }
      const result: AnswerResult = await introductions.answerByLink(parsed.data.token, parsed.data.answer, {
        ip: req.ip ?? null,
      })
      if (result.kind !== 'accepted' && result.kind !== 'declined') {
        notWorking(res, result.kind)
        return
      }
      res.render('pages/introductions/answered', {
        pageTitle: result.kind === 'accepted' ? 'Thank you for saying yes' : 'Thank you for letting us know',
        accepted: result.kind === 'accepted',
        detailsByEmail: result.kind === 'accepted' && result.detailsByEmail,
      })
    })
    .all(methodNotAllowed('GET', 'POST'))

  return router
}
