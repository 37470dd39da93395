/**
 * Registering someone on their behalf (issue 11), and acting for them later from their
 * coordinator page: record that their consent was checked, send them a link to claim their
 * profile, download their data, delete it. Every page needs a signed-in coordinator or peer
 * lead (a visitor is sent to sign in; anyone else gets the 403 page); OnBehalfService decides
 * per hub and person, and a refusal is the 403 page. Every POST carries the CSRF token.
 */
import { type ErrorRequestHandler, type Request, type Response, Router } from 'express'
import { addresses, paths } from '../../addresses'
import { type FieldProblem, problemsOf } from '../../forms'
import { csrfTokenFor } from '../../middleware/csrf'
import { ForbiddenError, NotFoundError } from '../../middleware/errors'
import { methodNotAllowed } from '../../middleware/methodNotAllowed'
import { requireSignedIn } from '../../middleware/signedIn'
import { claimLinkEmail } from '../../presenters/claimEmails'
import type { Services } from '../../services'
import type { RequestOrigin } from '../../services/accounts/auditTrail'
import type { ExpertPerson } from '../../services/coordinate/coordinatorService'
import type { SharingAnswers } from '../../services/sharing/contract'
import { NotAllowedError } from '../../services/permissions'
import { downloadFileName } from '../yourProfile/presenters'
import { loadLookingAfter, lookingAfterOf } from './lookingAfter'
import {
  presentClaimLinkPage,
  presentDeletedPage,
  presentDeletePage,
  presentOnBehalf,
  presentRegisterPage,
  type Typed,
} from './onBehalfPresenters'
import {
  claimLinkForm,
  consentCheckedForm,
  dayTyped,
  deleteForm,
  registerForm,
  registerFormProblems,
} from './onBehalfSchemas'
import { presentPerson } from './presenters'
import { parsePersonId } from './schemas'

/** What a form sent, as the page shows it again: strings, and lists of ticked boxes (each cut short). */
export function typedOf(body: unknown): Typed {
  const typed: Typed = {}
  if (typeof body !== 'object' || body === null) return typed
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (name === '_csrf') continue
    if (typeof value === 'string') typed[name] = value.slice(0, 2000)
    else if (Array.isArray(value))
      typed[name] = value.filter((item): item is string => typeof item === 'string').slice(0, 200)
  }
  return typed
}

const withoutCsrf = (body: unknown): Record<string, unknown> => {
  const copy = { ...((body ?? {}) as Record<string, unknown>) }
  delete copy._csrf
  return copy
}

/**
 * A person's coordinator page: who they are (never their contact details), their consent,
 * and what can be done for them. Shared with coordinateRouter, whose address it is.
 */
export function personPage(services: Services) {
  const { onBehalf } = services
  return (
    req: Request,
    res: Response,
    person: ExpertPerson,
    check: { typed: Typed | null; problems: readonly FieldProblem[] } = { typed: null, problems: [] },
  ) => {
    const acting = onBehalf.person(req.viewer, person.id)
    if (!acting) throw new NotFoundError()
    const done = typeof req.query.done === 'string' ? req.query.done : undefined
    res.status(check.problems.length > 0 ? 400 : 200).render('pages/coordinate/person', {
      ...presentPerson(person),
      ...presentOnBehalf({
        personId: person.id,
        displayName: person.displayName,
        consent: onBehalf.consentOf(req.viewer, person.id),
        onBehalf: acting,
        done,
        checkTyped: check.typed,
        checkProblems: check.problems,
        defaultCheckAgainOn: onBehalf.defaultCheckAgainOn(),
      }),
      csrfToken: csrfTokenFor(req),
    })
  }
}

export function onBehalfRouter(services: Services): Router {
  const { coordinator, onBehalf, sharing, mailer, config, clock } = services
  const router = Router()
  const staff = [requireSignedIn, loadLookingAfter(services)]
  const origin = (req: Request): RequestOrigin => ({ ip: req.ip ?? null })
  const showPerson = personPage(services)

  /** The person in the address, shown to coordinators of their hub: 404 for none, 403 for another hub's. */
  const shownPerson = (req: Request): ExpertPerson => {
    const id = parsePersonId(req.params.id)
    const person = id === null ? null : coordinator.person(req.viewer, id)
    if (!person) throw new NotFoundError()
    return person
  }
  /** The person in the address, shown or not (paused, or consent taken back): for download and delete. */
  const anyPerson = (req: Request) => {
    const id = parsePersonId(req.params.id)
    const person = id === null ? null : onBehalf.person(req.viewer, id)
    if (!person) throw new NotFoundError()
    return person
  }

  // --- Register someone on their behalf -------------------------------------------------------------
  const registerPage = (req: Request, res: Response, typed: Typed, problems: readonly FieldProblem[]) =>
    res.status(problems.length > 0 ? 400 : 200).render('pages/coordinate/register', {
      ...presentRegisterPage({
        typed,
        problems,
        lookingAfter: lookingAfterOf(req),
        groups: sharing.skillGroups(),
        statement: sharing.consentStatement(),
        defaultCheckAgainOn: onBehalf.defaultCheckAgainOn(),
      }),
      csrfToken: csrfTokenFor(req),
    })

  router
    .route(paths.coordinateRegister)
    .get(...staff, (req, res) => {
      const lookingAfter = lookingAfterOf(req)
      const hub = typeof req.query.hub === 'string' ? req.query.hub.slice(0, 100) : ''
      const chosen = lookingAfter.everyHub
        ? hub
        : lookingAfter.hubs.length === 1
          ? (lookingAfter.hubs[0]?.slug ?? '')
          : lookingAfter.hubs.some((one) => one.slug === hub)
            ? hub
            : ''
      registerPage(req, res, chosen ? { hub: chosen } : {}, [])
    })
    .post(...staff, (req, res) => {
      const lookingAfter = lookingAfterOf(req)
      const body = withoutCsrf(req.body)
      const typed = typedOf(body)
      const parsed = registerForm.safeParse(body)
      const problems: FieldProblem[] = [
        ...(parsed.success ? [] : problemsOf(parsed.error)),
        ...registerFormProblems(body),
      ]
      const day = dayTyped(body)
      if (!problems.some((problem) => problem.field.startsWith('checkAgainOn')))
        problems.push(...(day.problem ? [day.problem] : onBehalf.checkAgainProblems(day.day)))
      // Where they live: the postcode district of what was typed (privacy rule 1: never more).
      let where: { postcodeDistrict: string; placeLabel: string } | null = null
      const typedWhere = typeof typed.where === 'string' ? typed.where.trim() : ''
      if (typedWhere !== '' && typedWhere.length <= 100) {
        const found = sharing.findWhere(typedWhere)
        if (found.kind === 'found') where = found
        else if (found.kind === 'choose')
          problems.push({
            field: 'where',
            message: `There is more than one ${found.name}. Enter the first part of their postcode instead, like CT11`,
          })
        else problems.push({ field: 'where', message: found.message })
      }
      // The hub: one of theirs, by its slug (or, for those who look after every hub, by name).
      let hubSlug: string | null = null
      const typedHub = typeof typed.hub === 'string' ? typed.hub.trim() : ''
      if (typedHub !== '') {
        if (lookingAfter.everyHub) {
          const named = coordinator.hubNamed(req.viewer, typedHub)
          if (named.kind === 'hub') hubSlug = named.hub.slug
          else problems.push({ field: 'hub', message: 'No hub has that name. Check the spelling' })
        } else if (lookingAfter.hubs.some((hub) => hub.slug === typedHub)) hubSlug = typedHub
        else problems.push({ field: 'hub', message: 'Choose their hub from the list' })
      }
      if (!parsed.success || problems.length > 0 || !where || !hubSlug) {
        registerPage(req, res, typed, problems)
        return
      }
      const form = parsed.data
      const answers: SharingAnswers = {
        firstName: form.firstName,
        lastName: form.lastName,
        postcodeDistrict: where.postcodeDistrict,
        placeLabel: where.placeLabel,
        hubSlug,
        skills: form.skills,
        skillsInOwnWords: form.skillsInOwnWords,
        wouldLikeToShare: form.wouldLikeToShare,
        howOften: form.howOften,
        availability: form.availability,
        contactWays: ['through-hub', ...form.contactWays],
        phone: form.contactWays.includes('phone') ? form.phone : undefined,
        email: form.contactWays.includes('email') ? form.email : undefined,
        visibility: form.visibility,
      }
      const registered = onBehalf.register(
        req.viewer,
        answers,
        { method: form.method, helperName: form.helperName, checkAgainOn: day.day },
        origin(req),
      )
      if (registered.kind === 'problems') {
        registerPage(req, res, typed, registered.problems)
        return
      }
      res.redirect(303, addresses.coordinatePersonDone(registered.personId, 'registered'))
    })
    .all(methodNotAllowed('GET', 'POST'))

  // --- Record that consent was checked ----------------------------------------------------------------
  router
    .route(paths.coordinatePersonConsentChecked)
    .post(...staff, (req, res) => {
      const person = shownPerson(req)
      const body = withoutCsrf(req.body)
      const typed = typedOf(body)
      const parsed = consentCheckedForm.safeParse(body)
      const day = dayTyped(body)
      const problems: FieldProblem[] = parsed.success ? [] : problemsOf(parsed.error)
      if (day.problem) problems.push(day.problem)
      if (problems.length === 0) {
        const checked = onBehalf.recordConsentChecked(req.viewer, person.id, day.day, origin(req))
        if (checked.kind === 'checked') {
          res.redirect(303, addresses.coordinatePersonDone(person.id, 'consent-checked'))
          return
        }
        if (checked.kind === 'no-consent') throw new NotFoundError()
        problems.push(...checked.problems)
      }
      showPerson(req, res, person, { typed, problems })
    })
    .all(methodNotAllowed('POST'))

  // --- Send a link to claim their profile ---------------------------------------------------------------
  const claimLinkPage = (req: Request, res: Response, email: string, problems: readonly FieldProblem[]) => {
    const person = anyPerson(req)
    if (person.hasAccount) {
      res.redirect(303, addresses.coordinatePerson(person.id))
      return
    }
    res.status(problems.length > 0 ? 400 : 200).render('pages/coordinate/claim-link', {
      ...presentClaimLinkPage(person, email, problems),
      csrfToken: csrfTokenFor(req),
    })
  }

  router
    .route(paths.coordinatePersonClaimLink)
    .get(...staff, (req, res) => {
      claimLinkPage(req, res, '', [])
    })
    .post(...staff, async (req, res) => {
      const person = anyPerson(req)
      const body = withoutCsrf(req.body)
      const parsed = claimLinkForm.safeParse(body)
      const typed = typeof body.email === 'string' ? body.email.slice(0, 300) : ''
      if (!parsed.success) {
        claimLinkPage(req, res, typed, problemsOf(parsed.error))
        return
      }
      const made = onBehalf.createClaimLink(req.viewer, person.id, parsed.data.email, origin(req))
      if (made.kind === 'problems') {
        claimLinkPage(req, res, typed, made.problems)
        return
      }
      if (made.kind === 'has-account') {
        res.redirect(303, addresses.coordinatePerson(person.id))
        return
      }
      await mailer.send(
        claimLinkEmail({
          to: made.to,
          name: made.displayName,
          link: addresses.absolute(config.baseUrl, addresses.claimProfile(made.token)),
          days: made.days,
        }),
      )
      res.redirect(303, addresses.coordinatePersonDone(person.id, 'claim-link-sent'))
    })
    .all(methodNotAllowed('GET', 'POST'))

  // --- Download their data ------------------------------------------------------------------------------
  router
    .route(paths.coordinatePersonDownload)
    .post(...staff, (req, res) => {
      const person = anyPerson(req)
      const data = onBehalf.download(req.viewer, person.id, origin(req))
      if (!data) throw new NotFoundError()
      res
        .status(200)
        .set({
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Disposition': `attachment; filename="${downloadFileName(clock.now()).replace('your-data', `person-${person.id}`)}"`,
          'Cache-Control': 'no-store',
        })
        .send(`${JSON.stringify(data, null, 2)}\n`)
    })
    .all(methodNotAllowed('POST'))

  // --- Delete their data --------------------------------------------------------------------------------
  const deletePage = (req: Request, res: Response, reason: string, problems: readonly FieldProblem[]) =>
    res.status(problems.length > 0 ? 400 : 200).render('pages/coordinate/delete', {
      ...presentDeletePage(anyPerson(req), reason, problems),
      csrfToken: csrfTokenFor(req),
    })

  router
    .route(paths.coordinatePersonDelete)
    .get(...staff, (req, res) => {
      deletePage(req, res, '', [])
    })
    .post(...staff, (req, res) => {
      const person = anyPerson(req)
      const body = withoutCsrf(req.body)
      const typed = typeof body.reason === 'string' ? body.reason.slice(0, 2000) : ''
      const parsed = deleteForm.safeParse(body)
      if (!parsed.success) {
        deletePage(req, res, typed, problemsOf(parsed.error))
        return
      }
      const deleted = onBehalf.delete(req.viewer, person.id, parsed.data.reason, origin(req))
      if (deleted.kind === 'problems') {
        deletePage(req, res, typed, deleted.problems)
        return
      }
      if (deleted.kind === 'not-found') throw new NotFoundError()
      // Nothing of what was deleted may be kept by the browser.
      res.set('Cache-Control', 'no-store')
      res.render('pages/coordinate/deleted', presentDeletedPage(person.displayName))
    })
    .all(methodNotAllowed('GET', 'POST'))

  // A service's refusal is the 403 page.
  const refusals: ErrorRequestHandler = (err, _req, _res, next) => {
    next(err instanceof NotAllowedError ? new ForbiddenError(err.message) : err)
  }
  router.use(refusals)
  return router
}
