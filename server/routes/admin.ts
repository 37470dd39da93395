import { type ErrorRequestHandler, type Request, type Response, Router } from 'express'
import { addresses, paths } from '../addresses'
import { type FieldProblem, problemsOf } from '../forms'
import { csrfTokenFor } from '../middleware/csrf'
import { ForbiddenError, NotFoundError } from '../middleware/errors'
import { methodNotAllowed } from '../middleware/methodNotAllowed'
import { requireSignedIn } from '../middleware/signedIn'
import {
  ACTION_WORDS,
  presentAccountPage,
  presentAccountsPage,
  presentAuditLog,
  presentReasonForm,
  presentRoleForm,
} from '../presenters/adminPages'
import type { Role } from '../../db/repositories/accountsRepository'
import type { Services } from '../services'
import type { RequestOrigin } from '../services/accounts/auditTrail'
import { type AccountDetails, MOST_HUBS } from '../services/admin/accountAdminService'
import { NotAllowedError } from '../services/permissions'
import {
  disableForm,
  enableForm,
  parseAccountId,
  parseAccountsFilter,
  parseAuditFilter,
  roleForm,
  roleFormValues,
} from '../validation/adminForms'

declare module 'express-session' {
  interface SessionData {
    /** one line for an admin page to show once ("Role changed") */
    adminNotice?: string
  }
}

const BREADCRUMBS = [
  { href: addresses.start(), text: 'Home' },
  { href: addresses.admin(), text: 'Admin' },
]

/**
 * /admin: accounts (find, one account, its role and hubs, disable and re-enable) and the
 * audit log. The routes only make sure someone is signed in; AccountAdminService decides,
 * for the viewer, whether they may (admins only), and a refusal is the 403 page. Every POST
 * carries the CSRF token (checked before it gets here); nothing changes on GET.
 */
/** A role rule's problem, in words by the field it is about. */
function roleProblemInWords(
  kind: 'own-admin-role' | 'needs-a-hub' | 'too-many-hubs' | 'unknown-hubs' | 'no-change',
  role: Role | undefined,
): FieldProblem {
  switch (kind) {
    case 'own-admin-role':
      return {
        field: 'role',
        message: 'You cannot take away your own admin role. Ask another admin to do it',
      }
    case 'needs-a-hub':
      return {
        field: 'hub',
        message:
          role === 'peer_lead'
            ? 'Choose at least one hub for a peer lead'
            : 'Choose at least one hub, or all hubs, for a coordinator',
      }
    case 'too-many-hubs':
      return {
        field: 'hub',
        message: `Choose ${MOST_HUBS} hubs or fewer, or make them a coordinator of all hubs`,
      }
    case 'unknown-hubs':
      return { field: 'hub', message: 'Choose hubs from the list' }
    case 'no-change':
      return {
        field: 'role',
        message: 'That is the role and hubs they have now. Choose a different role or hubs',
      }
  }
}

export function adminRouter(services: Services): Router {
  const { accountAdmin } = services
  const router = Router()
  const origin = (req: Request): RequestOrigin => ({ ip: req.ip ?? null })

  const render = (
    req: Request,
    res: Response,
    view: string,
    model: Record<string, unknown>,
    status = 200,
  ) => {
    res.status(status).render(`pages/admin/${view}`, {
      breadcrumbs: BREADCRUMBS,
      ...model,
      csrfToken: csrfTokenFor(req),
    })
  }

  /** The account in the address, for a viewer who may see it: 404 for no such account. */
  const accountIn = (req: Request): AccountDetails => {
    const id = parseAccountId(req.params.id)
    // The service decides first, so someone who may not look never learns which accounts exist.
    if (!accountAdmin.mayAdminister(req.viewer)) throw new NotAllowedError()
    const details = id === null ? null : accountAdmin.details(req.viewer, id)
    if (!details) throw new NotFoundError()
    return details
  }

  const takeNotice = (req: Request): string | undefined => {
    const notice = req.session.adminNotice
    delete req.session.adminNotice
    return notice
  }

  // --- Admin home ----------------------------------------------------------------------------
  router
    .route(paths.admin)
    .get(requireSignedIn, (req, res) => {
      if (!accountAdmin.mayAdminister(req.viewer)) throw new NotAllowedError()
      res.render('pages/admin/index', {
        pageTitle: 'Admin',
        breadcrumbs: [{ href: addresses.start(), text: 'Home' }],
        accountsHref: addresses.adminAccounts(),
        auditLogHref: addresses.adminAuditLog(),
        importHref: addresses.adminImport(),
        hubsHref: addresses.adminHubs(),
      })
    })
    .all(methodNotAllowed('GET'))

  // --- Accounts: find them ---------------------------------------------------------------------
  router
    .route(paths.adminAccounts)
    .get(requireSignedIn, (req, res) => {
      if (!accountAdmin.mayAdminister(req.viewer)) throw new NotAllowedError()
      const { filter, problems, typed } = parseAccountsFilter(req.query as Record<string, unknown>)
      if (!filter) throw new NotFoundError()
      const found =
        problems.length > 0
          ? null
          : accountAdmin.list(req.viewer, { text: filter.q, role: filter.role, page: filter.page })
      const view = presentAccountsPage(found, typed, problems)
      res.status(problems.length > 0 ? 400 : 200).render('pages/admin/accounts', {
        pageTitle: `Accounts${typed.q ? ` matching ‘${typed.q}’` : ''}${
          found && found.pageCount > 1 ? ` (page ${found.page} of ${found.pageCount})` : ''
        }`,
        breadcrumbs: BREADCRUMBS,
        ...view,
      })
    })
    .all(methodNotAllowed('GET'))

  // --- One account ------------------------------------------------------------------------------
  router
    .route(paths.adminAccount)
    .get(requireSignedIn, (req, res) => {
      const details = accountIn(req)
      const self = req.viewer.kind === 'admin' && req.viewer.accountId === details.account.id
      render(req, res, 'account', {
        pageTitle: `${details.account.displayName} – Accounts`,
        notice: takeNotice(req),
        ...presentAccountPage(details, { self }),
      })
    })
    .all(methodNotAllowed('GET'))

  // --- Change role and hubs ----------------------------------------------------------------------
  const roleTitle = (details: AccountDetails) => `Change the role of ${details.account.displayName}`
  router
    .route(paths.adminAccountRole)
    .get(requireSignedIn, (req, res) => {
      const details = accountIn(req)
      const { account } = details
      render(req, res, 'role', {
        pageTitle: roleTitle(details),
        ...presentRoleForm({
          account,
          chosen: { role: account.role, allHubs: account.allHubs, find: '', reason: '' },
          hubs: details.hubs,
          found: null,
          problems: [],
        }),
      })
    })
    .post(requireSignedIn, (req, res) => {
      const details = accountIn(req)
      const { account } = details
      const body = (req.body ?? {}) as Record<string, unknown>
      const typed = roleFormValues(body)
      const parsed = roleForm.safeParse(body)
      const ticked = accountAdmin.hubsBySlug(req.viewer, typed.hubs)
      const again = (
        problems: readonly FieldProblem[],
        found: ReturnType<typeof accountAdmin.findHubs> | null,
      ) =>
        render(
          req,
          res,
          'role',
          {
            pageTitle: roleTitle(details),
            ...presentRoleForm({ account, chosen: typed, hubs: ticked, found, problems }),
          },
          problems.length > 0 ? 400 : 200,
        )

      // "Find hub": look for hubs to add, keep everything else as it was typed, change nothing.
      if (body.action === 'find') {
        if (typed.find.trim() === '') {
          again([{ field: 'find', message: 'Enter a hub name or a town to find a hub' }], null)
          return
        }
        const found = accountAdmin.findHubs(req.viewer, typed.find.slice(0, 100))
        again(
          found.length === 0 ? [{ field: 'find', message: `No hubs found for ‘${typed.find}’` }] : [],
          found,
        )
        return
      }
      // Every problem at once: the form's own, and what the role rules say of the choice.
      const chosenRole = roleForm.shape.role.safeParse(body.role)
      const ruleProblem = chosenRole.success
        ? accountAdmin.roleChangeProblem(req.viewer, account.id, {
            role: chosenRole.data,
            allHubs: typed.allHubs,
            hubSlugs: typed.hubs,
          })
        : null
      const problems = [
        ...(parsed.success ? [] : problemsOf(parsed.error).filter((problem) => problem.field !== 'action')),
        ...(ruleProblem ? [roleProblemInWords(ruleProblem.kind, chosenRole.data)] : []),
      ]
      if (!parsed.success || problems.length > 0) {
        again(problems, null)
        return
      }
      const { role, allHubs, hub, reason } = parsed.data
      const result = accountAdmin.changeRole(
        req.viewer,
        account.id,
        { role, allHubs, hubSlugs: hub },
        reason,
        origin(req),
      )
      switch (result.kind) {
        case 'own-admin-role':
        case 'needs-a-hub':
        case 'too-many-hubs':
        case 'unknown-hubs':
        case 'no-change':
          again([roleProblemInWords(result.kind, role)], null)
          return
        case 'changed':
          req.session.adminNotice = `${result.account.displayName}’s role has been changed.`
          res.redirect(303, addresses.adminAccount(account.id))
      }
    })
    .all(methodNotAllowed('GET', 'POST'))

  // --- Disable and re-enable ---------------------------------------------------------------------
  router
    .route(paths.adminAccountDisable)
    .get(requireSignedIn, (req, res) => {
      const { account } = accountIn(req)
      render(req, res, 'disable', {
        pageTitle: `Disable the account of ${account.displayName}`,
        alreadyDisabled: account.disabledAt !== null,
        ...presentReasonForm({
          account,
          action: addresses.adminAccountDisable(account.id),
          reason: '',
          problems: [],
        }),
      })
    })
    .post(requireSignedIn, (req, res) => {
      const { account } = accountIn(req)
      const body = (req.body ?? {}) as Record<string, unknown>
      const reasonTyped = typeof body.reason === 'string' ? body.reason.slice(0, 2000) : ''
      const again = (problems: readonly FieldProblem[]) =>
        render(
          req,
          res,
          'disable',
          {
            pageTitle: `Disable the account of ${account.displayName}`,
            ...presentReasonForm({
              account,
              action: addresses.adminAccountDisable(account.id),
              reason: reasonTyped,
              problems,
            }),
          },
          400,
        )
      const parsed = disableForm.safeParse(body)
      if (!parsed.success) {
        again(problemsOf(parsed.error))
        return
      }
      const result = accountAdmin.disable(req.viewer, account.id, parsed.data.reason, origin(req))
      if (result === 'self') {
        again([
          { field: 'reason', message: 'You cannot disable your own account. Ask another admin to do it' },
        ])
        return
      }
      req.session.adminNotice =
        result === 'disabled'
          ? `${account.displayName}’s account has been disabled, and they have been signed out everywhere.`
          : `${account.displayName}’s account was already disabled.`
      res.redirect(303, addresses.adminAccount(account.id))
    })
    .all(methodNotAllowed('GET', 'POST'))

  router
    .route(paths.adminAccountEnable)
    .get(requireSignedIn, (req, res) => {
      const { account } = accountIn(req)
      render(req, res, 'enable', {
        pageTitle: `Turn the account of ${account.displayName} back on`,
        notDisabled: account.disabledAt === null,
        ...presentReasonForm({
          account,
          action: addresses.adminAccountEnable(account.id),
          reason: '',
          problems: [],
        }),
      })
    })
    .post(requireSignedIn, (req, res) => {
      const { account } = accountIn(req)
      const body = (req.body ?? {}) as Record<string, unknown>
      const parsed = enableForm.safeParse(body)
      if (!parsed.success) {
        render(
          req,
          res,
          'enable',
          {
            pageTitle: `Turn the account of ${account.displayName} back on`,
            ...presentReasonForm({
              account,
              action: addresses.adminAccountEnable(account.id),
              reason: typeof body.reason === 'string' ? body.reason.slice(0, 2000) : '',
              problems: problemsOf(parsed.error),
            }),
          },
          400,
        )
        return
      }
      const result = accountAdmin.enable(req.viewer, account.id, parsed.data.reason, origin(req))
      req.session.adminNotice =
        result === 'enabled'
          ? `${account.displayName}’s account has been turned back on. They can sign in again.`
          : `${account.displayName}’s account was not disabled.`
      res.redirect(303, addresses.adminAccount(account.id))
    })
    .all(methodNotAllowed('GET', 'POST'))

  // --- The audit log -----------------------------------------------------------------------------
  router
    .route(paths.adminAuditLog)
    .get(requireSignedIn, (req, res) => {
      if (!accountAdmin.mayAdminister(req.viewer)) throw new NotAllowedError()
      const parsed = parseAuditFilter(req.query as Record<string, unknown>, Object.keys(ACTION_WORDS))
      if (parsed.noSuchPage) throw new NotFoundError()
      const problems: FieldProblem[] = [...parsed.problems]
      let found: { entries: Parameters<typeof presentAuditLog>[0]['entries']; page: number; more: boolean } =
        {
          entries: null,
          page: 1,
          more: false,
        }
      if (parsed.filter) {
        const { who, what, record, fromDate, toDate, page } = parsed.filter
        const result = accountAdmin.auditPage(req.viewer, {
          who,
          action: what,
          record,
          fromDate,
          toDate,
          page,
        })
        if (result.kind === 'unknown-account') {
          problems.push({
            field: result.field,
            message:
              result.field === 'who'
                ? 'No account has that email address or number. Check who did it'
                : 'No account has that email address or number. Check which account it was about',
          })
        } else {
          found = { entries: result.entries, page: result.page, more: result.more }
        }
      }
      res.status(problems.length > 0 ? 400 : 200).render('pages/admin/audit-log', {
        pageTitle: `Audit log${found.page > 1 ? ` (page ${found.page})` : ''}`,
        breadcrumbs: BREADCRUMBS,
        ...presentAuditLog({ typed: parsed.typed, ...found, problems }),
      })
    })
    .all(methodNotAllowed('GET'))

  // A service's refusal is the 403 page.
  const refusals: ErrorRequestHandler = (err, _req, _res, next) => {
    next(err instanceof NotAllowedError ? new ForbiddenError(err.message) : err)
  }
  router.use(refusals)

  return router
}
