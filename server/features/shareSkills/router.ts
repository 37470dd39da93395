/**
 * "Share your skills" (issue 10): the start page, one question per page, "Check your answers"
 * and the confirmation. Answers are kept on the server in the account's draft (SharingService)
 * from the first page, so they survive Back, Change, a refresh and a session that timed out;
 * a person with a profile who changes one answer saves it straight to their profile.
 *
 * The start page is for anyone. A person who is not signed in and opens a question page is
 * offered "Create an account" or "Sign in", each of which brings them back to that page.
 */
import { type Request, type Response, Router } from 'express'
import { addresses, paths } from '../../addresses'
import { formErrors, problemsOf, type FieldProblem } from '../../forms'
import { csrfTokenFor } from '../../middleware/csrf'
import { methodNotAllowed } from '../../middleware/methodNotAllowed'
import { safeReturnPath } from '../../middleware/signedIn'
import type { Services } from '../../services'
import type { RequestOrigin } from '../../services/accounts/auditTrail'
import type { SharingAnswers, SharingStep } from '../../services/sharing/contract'
import {
  exampleOfProfile,
  presentAccountNeeded,
  presentAgreementPage,
  presentCheckPage,
  presentContactPage,
  presentDonePage,
  presentHubPage,
  presentNamePage,
  presentSharingPage,
  presentSkillsPage,
  presentStartPage,
  presentWherePage,
  presentWhoCanSeePage,
  skillNames,
  type From,
  type StepContext,
} from './presenters'
import { NONE_OF_THESE } from './schemas'
import { STEPS, isLater, isStep, stepAfter, type FormValues } from './steps'

const VIEWS = 'pages/share-skills'

const fromOf = (req: Request): From => {
  const from = req.query.from
  return from === 'check' || from === 'profile' ? from : undefined
}

/** What a form sent, as the page shows it again: strings, and lists of ticked boxes. */
function typedValues(body: Record<string, unknown>): FormValues {
  const values: FormValues = {}
  for (const [name, value] of Object.entries(body)) {
    if (name === '_csrf') continue
    if (typeof value === 'string') values[name] = value
    else if (Array.isArray(value))
      values[name] = value.filter((item): item is string => typeof item === 'string')
  }
  for (const list of ['skills', 'contactWays'])
    if (typeof values[list] === 'string') values[list] = [values[list] as string]
  return values
}

export function shareSkillsRouter(services: Services): Router {
  const { sharing, people } = services
  const router = Router()
  const origin = (req: Request): RequestOrigin => ({ ip: req.ip ?? null })

  /** The hub whose page the person started from (?hub=), when there is such a hub. */
  const carriedHub = (req: Request): string | undefined => {
    const slug = req.query.hub
    return typeof slug === 'string' && slug.length <= 100 && people.findHub(slug) ? slug : undefined
  }

  const hubName = (slug: string | null | undefined): string | null =>
    slug ? (people.findHub(slug)?.name ?? null) : null

  /**
   * A question page, shown with the answers so far or with what was typed and its problems.
   * Each page gets what it needs from the services here, so the presenters stay plain.
   */
  const showStep = (
    req: Request,
    res: Response,
    step: SharingStep,
    state: {
      answers: SharingAnswers
      values?: FormValues
      problems?: readonly FieldProblem[]
      where?: Parameters<typeof presentWherePage>[1]
    },
  ) => {
    const definition = STEPS[step]
    const hub = carriedHub(req)
    const values = state.values ?? definition.toValues(state.answers)
    // Started from a hub's page: that hub is chosen on "Your hub" until the person chooses.
    if (step === 'hub' && hub && state.values === undefined && state.answers.hubSlug === undefined)
      values.hub = hub
    const context: StepContext = {
      step,
      from: fromOf(req),
      hub,
      answers: state.answers,
      values,
      form: state.problems ? formErrors(state.problems, definition.fieldIds) : undefined,
      csrfToken: csrfTokenFor(req),
    }
    const status = state.problems && state.problems.length > 0 ? 400 : 200
    const render = (model: object) => res.status(status).render(`${VIEWS}/${definition.page}`, model)
    const { answers } = state
    switch (step) {
      case 'name':
        return render(presentNamePage(context))
      case 'where':
        return render(presentWherePage(context, state.where))
      case 'hub':
        return render(presentHubPage(context, sharing.hubChoices(answers.postcodeDistrict ?? '')))
      case 'skills':
        return render(presentSkillsPage(context, sharing.skillGroups()))
      case 'sharing':
        return render(presentSharingPage(context))
      case 'contact':
        return render(presentContactPage(context))
      case 'who-can-see':
        return render(
          presentWhoCanSeePage(
            context,
            exampleOfProfile(
              answers,
              hubName(answers.hubSlug),
              skillNames(sharing.skillGroups(), answers.skills ?? []),
            ),
          ),
        )
      case 'agreement':
        return render(presentAgreementPage(context, sharing.consentStatement()))
      case 'check':
        return render(
          presentCheckPage(context, {
            hubName: hubName(answers.hubSlug),
            skillNames: skillNames(sharing.skillGroups(), answers.skills ?? []),
            consentVersion: answers.agreedVersion ?? null,
          }),
        )
    }
  }

  /** Where to go after a page is saved: on through the journey, back to check, or to the profile. */
  const nextAfter = (step: SharingStep, from: From, hasProfile: boolean, hub?: string): string => {
    if (hasProfile) {
      // A new place may mean a new hub: ask that next, then go back.
      if (step === 'where') return addresses.shareSkillsStep('hub', { from: 'profile' })
      return addresses.yourProfile()
    }
    if (from === 'check') {
      if (step === 'where') return addresses.shareSkillsStep('hub', { from: 'check' })
      return addresses.shareSkillsStep('check')
    }
    return addresses.shareSkillsStep(stepAfter(step), { hub })
  }

  // --- The start page -------------------------------------------------------------------------
  router
    .route(paths.shareSkills)
    .get((req, res) => {
      const accountId = req.account?.id
      const state =
        accountId === undefined
          ? { signedIn: false, hasProfile: false, resumeAt: null }
          : (() => {
              const { hasProfile } = sharing.answersOf(accountId)
              return {
                signedIn: true,
                hasProfile,
                resumeAt: hasProfile ? null : sharing.nextUnanswered(accountId),
              }
            })()
      res.render(`${VIEWS}/start`, presentStartPage({ ...state, hub: carriedHub(req) }))
    })
    .all(methodNotAllowed('GET'))

  // --- The confirmation (before /:step, which would take "done" for a step) -------------------
  router
    .route(paths.shareSkillsDone)
    .get((req, res) => {
      if (!req.account) {
        res.redirect(303, addresses.signIn({ returnTo: addresses.shareSkillsDone() }))
        return
      }
      if (!sharing.answersOf(req.account.id).hasProfile) {
        res.redirect(303, addresses.shareSkills())
        return
      }
      res.render(`${VIEWS}/done`, presentDonePage())
    })
    .all(methodNotAllowed('GET'))

  // --- The question pages and "Check your answers" --------------------------------------------
  /**
   * Who may use a question page: a signed-in account. Anyone else is offered an account (or,
   * when their session just timed out, sent to sign in again), and comes back to this page.
   * A page later than the first one still to answer sends the person to that one.
   */
  const openStep = (req: Request, res: Response): { step: SharingStep; accountId: number } | null => {
    const step = String(req.params.step ?? '')
    if (!isStep(step)) {
      res.status(404).render('pages/errors/not-found', { pageTitle: 'Page not found' })
      return null
    }
    if (!req.account) {
      const returnTo = safeReturnPath(req.originalUrl) ?? addresses.shareSkillsStep(step)
      if (req.session.timedOut) {
        res.redirect(303, addresses.signIn({ returnTo, timedOut: true }))
        return null
      }
      res.render(
        `${VIEWS}/account-needed`,
        presentAccountNeeded(req.method === 'GET' ? returnTo : addresses.shareSkillsStep(step)),
      )
      return null
    }
    return { step, accountId: req.account.id }
  }

  router
    .route(paths.shareSkillsStep)
    .get((req, res) => {
      const opened = openStep(req, res)
      if (!opened) return
      const { step, accountId } = opened
      const { answers, hasProfile } = sharing.answersOf(accountId)
      if (hasProfile && step === 'check') {
        res.redirect(303, addresses.yourProfile())
        return
      }
      if (!hasProfile) {
        const first = sharing.nextUnanswered(accountId)
        if (isLater(step, first)) {
          res.redirect(303, addresses.shareSkillsStep(first, { hub: carriedHub(req) }))
          return
        }
      }
      showStep(req, res, step, { answers })
    })
    .post((req, res) => {
      const opened = openStep(req, res)
      if (!opened) return
      const { step, accountId } = opened
      const from = fromOf(req)
      const { answers, hasProfile } = sharing.answersOf(accountId)
      const body = { ...((req.body ?? {}) as Record<string, unknown>) }
      delete body._csrf
      const values = typedValues(body)
      const again = (problems: readonly FieldProblem[], where?: Parameters<typeof presentWherePage>[1]) =>
        showStep(req, res, step, { answers, values, problems, where })

      if (step === 'check') {
        if (hasProfile) {
          res.redirect(303, addresses.yourProfile())
          return
        }
        const finished = sharing.finish(accountId, origin(req))
        res.redirect(
          303,
          finished.kind === 'finished'
            ? addresses.shareSkillsDone()
            : addresses.shareSkillsStep(finished.step),
        )
        return
      }

      const definition = STEPS[step]
      const parsed = definition.schema.safeParse(body)
      if (!parsed.success) {
        again(problemsOf(parsed.error))
        return
      }

      let toSave: SharingAnswers = definition.toAnswers(parsed.data)
      // Checks that need the services: where the place is, which hubs and skills are offered.
      if (step === 'where') {
        const { where, choosing } = parsed.data as { where: string; choosing?: string }
        if (where === '' && choosing) {
          const asked = sharing.findWhere(choosing)
          const choose = asked.kind === 'choose' ? { name: asked.name, options: asked.options } : undefined
          again([{ field: 'where', message: `Choose which ${choosing} you mean` }], { choose })
          return
        }
        if (where === '') {
          again([{ field: 'where', message: 'Enter your postcode, or the name of your town or village' }])
          return
        }
        const found = sharing.findWhere(where)
        if (found.kind === 'choose') {
          showStep(req, res, step, {
            answers,
            values: {},
            where: { choose: { name: found.name, options: found.options } },
          })
          return
        }
        if (found.kind === 'not-found') {
          again([{ field: 'where', message: found.message }], { suggestions: found.suggestions })
          return
        }
        toSave = { postcodeDistrict: found.postcodeDistrict, placeLabel: found.placeLabel }
      }
      if (step === 'hub') {
        const { hub } = parsed.data as { hub: string }
        const offered = sharing.hubChoices(answers.postcodeDistrict ?? '').map((choice) => choice.slug)
        if (hub !== NONE_OF_THESE && !offered.includes(hub)) {
          again([{ field: 'hub', message: 'Choose your hub, or "None of these"' }])
          return
        }
      }
      if (step === 'skills') {
        const { skills, skillsInOwnWords } = parsed.data as { skills: string[]; skillsInOwnWords: string }
        const known = new Set(
          sharing.skillGroups().flatMap((group) => group.skills.map((skill) => skill.code)),
        )
        if (skills.some((code) => !known.has(code))) {
          again([{ field: 'skills', message: 'Choose skills from the list' }])
          return
        }
        if (skills.length === 0 && skillsInOwnWords === '') {
          again([
            {
              field: 'skills',
              message:
                'Choose at least one thing you are good at, or say in your own words what you are good at',
            },
          ])
          return
        }
      }
      if (step === 'agreement') {
        const { version } = sharing.consentStatement()
        if ((parsed.data as { version: string }).version !== version) {
          again([
            {
              field: 'agree',
              message: 'The words have changed since the page was opened. Read them again, then tick the box',
            },
          ])
          return
        }
      }

      const saved = sharing.saveAnswers(accountId, step, toSave, origin(req))
      if (saved.kind === 'problems') {
        again(saved.problems)
        return
      }
      res.redirect(303, nextAfter(step, from, hasProfile, carriedHub(req)))
    })
    .all(methodNotAllowed('GET', 'POST'))

  return router
}
