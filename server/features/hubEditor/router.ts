import { type ErrorRequestHandler, type Request, type Response, Router } from 'express'
import { addresses, paths } from '../../addresses'
import type { FieldProblem } from '../../forms'
import { csrfTokenFor } from '../../middleware/csrf'
import { ForbiddenError, NotFoundError } from '../../middleware/errors'
import { methodNotAllowed } from '../../middleware/methodNotAllowed'
import { requireSignedIn } from '../../middleware/signedIn'
import type { Services } from '../../services'
import type { RequestOrigin } from '../../services/accounts/auditTrail'
import type { HubEditorView } from '../../services/hubs/hubEditorService'
import type { PlaceOption } from '../../services/locationService'
import type { HubPartnerRow } from '../../../db/repositories/hubEditingRepository'
import { NotAllowedError } from '../../services/permissions'
import { parseHubSlug } from '../../validation/hubSlug'
import { blankHubForm, hubFormOf, presentAssignments, presentHubForm, presentHubList } from './presenters'
import {
  type AssignTyped,
  type HubFormTyped,
  assignTyped,
  hubFormTyped,
  idFrom,
  parseHubForm,
  parseHubsQuery,
} from './schemas'

const BREADCRUMBS = [
  { href: addresses.start(), text: 'Home' },
  { href: addresses.admin(), text: 'Admin' },
]
const HUBS_BREADCRUMBS = [...BREADCRUMBS, { href: addresses.adminHubs(), text: 'Hubs' }]

/**
 * /admin/hubs: the list of hubs, a new hub, and one hub's editor (its details and area, and
 * on the same page its peer leads, coordinators and partner organisations). The routes only
 * make sure someone is signed in; HubEditorService decides, for the viewer, whether they may
 * (admins and coordinators of all hubs), and a refusal is the 403 page. Every POST carries the
 * CSRF token; nothing changes on GET.
 */
export function hubEditorRouter(services: Services): Router {
  const { hubEditor } = services
  const router = Router()
  const origin = (req: Request): RequestOrigin => ({ ip: req.ip ?? null })

  const takeNotice = (req: Request): string | undefined => {
    const notice = req.session.adminNotice
    delete req.session.adminNotice
    return notice
  }

  /** The hub in the address with its leads and partners, for a viewer who may edit it: 404 for no such hub. */
  const hubIn = (req: Request): HubEditorView => {
    if (!hubEditor.mayEdit(req.viewer)) throw new NotAllowedError()
    const slug = parseHubSlug(req.params.slug)
    const view = slug === undefined ? undefined : hubEditor.editor(req.viewer, slug)
    if (!view) throw new NotFoundError()
    return view
  }

  const renderEditor = (
    req: Request,
    res: Response,
    view: HubEditorView,
    form: {
      typed: HubFormTyped
      problems: readonly FieldProblem[]
      centreChoices: PlaceOption[] | null
    },
    assign: {
      typed: AssignTyped | null
      problems: readonly FieldProblem[]
      partnerChoices: HubPartnerRow[] | null
    },
    status = 200,
  ) => {
    const hubForm = presentHubForm({ ...form, editing: view.hub })
    const assignments = presentAssignments({
      hub: view.hub,
      leads: view.leads,
      partners: view.partners,
      ...assign,
    })
    // One error summary at the top: the form that was sent's.
    const errorSummary = assign.problems.length > 0 ? assignments.assign.errorSummary : hubForm.errorSummary
    res.status(status).render('pages/admin/hub-edit', {
      pageTitle: `Change ${view.hub.name}`,
      breadcrumbs: HUBS_BREADCRUMBS,
      notice: takeNotice(req),
      ...hubForm,
      ...assignments,
      errorSummary,
      csrfToken: csrfTokenFor(req),
    })
  }

  // --- The list of hubs --------------------------------------------------------------------------
  router
    .route(paths.adminHubs)
    .get(requireSignedIn, (req, res) => {
      if (!hubEditor.mayEdit(req.viewer)) throw new NotAllowedError()
      const { q, page } = parseHubsQuery(req.query as Record<string, unknown>)
      if (page === undefined) throw new NotFoundError()
      const found = hubEditor.list(req.viewer, { text: q || null, page })
      if (page > found.pageCount) throw new NotFoundError()
      res.render('pages/admin/hubs', {
        pageTitle: `Hubs${q ? ` with ‘${q}’ in the name` : ''}${found.pageCount > 1 ? ` (page ${found.page} of ${found.pageCount})` : ''}`,
        breadcrumbs: BREADCRUMBS,
        notice: takeNotice(req),
        ...presentHubList(found, q),
      })
    })
    .all(methodNotAllowed('GET'))

  // --- A new hub -----------------------------------------------------------------------------------
  router
    .route(paths.adminHubNew)
    .get(requireSignedIn, (req, res) => {
      if (!hubEditor.mayEdit(req.viewer)) throw new NotAllowedError()
      res.render('pages/admin/hub-new', {
        pageTitle: 'Make a new hub',
        breadcrumbs: HUBS_BREADCRUMBS,
        ...presentHubForm({ typed: blankHubForm(), problems: [], centreChoices: null, editing: null }),
        csrfToken: csrfTokenFor(req),
      })
    })
    .post(requireSignedIn, (req, res) => {
      if (!hubEditor.mayEdit(req.viewer)) throw new NotAllowedError()
      const typed = hubFormTyped((req.body ?? {}) as Record<string, unknown>)
      const again = (problems: readonly FieldProblem[], centreChoices: PlaceOption[] | null) =>
        res.status(400).render('pages/admin/hub-new', {
          pageTitle: 'Make a new hub',
          breadcrumbs: HUBS_BREADCRUMBS,
          ...presentHubForm({ typed, problems, centreChoices, editing: null }),
          csrfToken: csrfTokenFor(req),
        })
      const { details, problems } = parseHubForm(typed, false)
      if (!details) {
        again(problems, null)
        return
      }
      const result = hubEditor.create(req.viewer, details, origin(req))
      if (result.kind === 'problems') {
        again(result.problems, result.centreChoices)
        return
      }
      req.session.adminNotice = `The hub ${details.name} has been made. Its page is at ${addresses.hub(result.slug)}.${result.note ? ` ${result.note}` : ''}`
      res.redirect(303, addresses.adminHubEdit(result.slug))
    })
    .all(methodNotAllowed('GET', 'POST'))

  // --- One hub: its details and area ---------------------------------------------------------------
  router
    .route(paths.adminHubEdit)
    .get(requireSignedIn, (req, res) => {
      const view = hubIn(req)
      renderEditor(
        req,
        res,
        view,
        { typed: hubFormOf(view.hub), problems: [], centreChoices: null },
        { typed: null, problems: [], partnerChoices: null },
      )
    })
    .post(requireSignedIn, (req, res) => {
      const view = hubIn(req)
      const typed = hubFormTyped((req.body ?? {}) as Record<string, unknown>)
      const again = (problems: readonly FieldProblem[], centreChoices: PlaceOption[] | null) =>
        renderEditor(
          req,
          res,
          view,
          { typed, problems, centreChoices },
          { typed: null, problems: [], partnerChoices: null },
          400,
        )
      const { details, problems } = parseHubForm(typed, true)
      if (!details) {
        again(problems, null)
        return
      }
      const result = hubEditor.update(req.viewer, view.hub.slug, details, origin(req))
      if (!result) throw new NotFoundError()
      if (result.kind === 'problems') {
        again(result.problems, result.centreChoices)
        return
      }
      req.session.adminNotice = `${details.name} has been saved.${result.note ? ` ${result.note}` : ''}`
      res.redirect(303, addresses.adminHubEdit(result.slug))
    })
    .all(methodNotAllowed('GET', 'POST'))

  // --- One hub: its leads and partners --------------------------------------------------------------
  router
    .route(paths.adminHubPeople)
    .get(requireSignedIn, (req, res) => {
      const { hub } = hubIn(req)
      res.redirect(303, `${addresses.adminHubEdit(hub.slug)}#leads`)
    })
    .post(requireSignedIn, (req, res) => {
      const view = hubIn(req)
      const { hub } = view
      const typed = assignTyped((req.body ?? {}) as Record<string, unknown>)
      const again = (problems: FieldProblem[], partnerChoices: HubPartnerRow[] | null = null) =>
        renderEditor(
          req,
          res,
          view,
          { typed: hubFormOf(hub), problems: [], centreChoices: null },
          { typed, problems, partnerChoices },
          problems.length > 0 ? 400 : 200,
        )
      const done = (notice: string, anchor: 'leads' | 'partners') => {
        req.session.adminNotice = notice
        res.redirect(303, `${addresses.adminHubEdit(hub.slug)}#${anchor}`)
      }
      switch (typed.action) {
        case 'add-lead': {
          if (typed.leadEmail === '') {
            again([{ field: 'leadEmail', message: 'Enter the email address of a peer lead or coordinator' }])
            return
          }
          const result = hubEditor.addLead(req.viewer, hub, typed.leadEmail, origin(req))
          switch (result.kind) {
            case 'added':
              done(`${result.lead.displayName} now looks after ${hub.name}.`, 'leads')
              return
            case 'no-account':
              again([{ field: 'leadEmail', message: `No account has the email address ${typed.leadEmail}` }])
              return
            case 'not-a-lead':
              again([
                {
                  field: 'leadEmail',
                  message: `${result.displayName} is not a peer lead or coordinator. Change their role on the accounts pages first`,
                },
              ])
              return
            case 'all-hubs':
              again([
                {
                  field: 'leadEmail',
                  message: `${result.displayName} is a coordinator of all hubs, so already looks after ${hub.name}`,
                },
              ])
              return
            case 'already':
              again([
                { field: 'leadEmail', message: `${result.displayName} already looks after ${hub.name}` },
              ])
              return
          }
          return
        }
        case 'remove-lead': {
          const accountId = idFrom(typed.accountId)
          const removed =
            accountId === null ? null : hubEditor.removeLead(req.viewer, hub, accountId, origin(req))
          done(
            removed
              ? `${removed.displayName} no longer looks after ${hub.name}.`
              : 'They did not look after this hub.',
            'leads',
          )
          return
        }
        case 'add-partner': {
          const organisationId = idFrom(typed.partnerId)
          if (organisationId === null && typed.partner === '') {
            again([{ field: 'partner', message: 'Enter the name of an organisation in the directory' }])
            return
          }
          const result = hubEditor.addPartner(
            req.viewer,
            hub,
            { typed: typed.partner, organisationId },
            origin(req),
          )
          switch (result.kind) {
            case 'added':
              done(`${result.partner.name} is now a partner of ${hub.name}.`, 'partners')
              return
            case 'none':
              again([
                {
                  field: 'partner',
                  message: `No organisation in the directory is called ‘${typed.partner}’`,
                },
              ])
              return
            case 'already':
              again([
                { field: 'partner', message: `${result.partner.name} is already a partner of ${hub.name}` },
              ])
              return
            case 'choose':
              again(
                [
                  {
                    field: 'partner',
                    message: `More than one organisation matches ‘${typed.partner}’. Choose one`,
                  },
                ],
                result.choices,
              )
              return
          }
          return
        }
        case 'remove-partner': {
          const organisationId = idFrom(typed.partnerId)
          const removed =
            organisationId === null
              ? null
              : hubEditor.removePartner(req.viewer, hub, organisationId, origin(req))
          done(
            removed
              ? `${removed.name} is no longer a partner of ${hub.name}.`
              : 'It was not a partner of this hub.',
            'partners',
          )
          return
        }
        default:
          again([{ field: 'leadEmail', message: 'Choose what to do: add or remove a lead or a partner' }])
      }
    })
    .all(methodNotAllowed('GET', 'POST'))

  // A service's refusal is the 403 page.
  const refusals: ErrorRequestHandler = (err, _req, _res, next) => {
    next(err instanceof NotAllowedError ? new ForbiddenError(err.message) : err)
  }
  router.use(refusals)
  return router
}
