import { type Request, type Response, Router } from 'express'
import { addresses, paths } from '../addresses'
import { type FieldProblem, problemsOf } from '../forms'
import { methodNotAllowed } from '../middleware/methodNotAllowed'
import { sessionCookieName } from '../middleware/sessions'
import {
  type RateLimits,
  addressKey,
  checkNotBlocked,
  emailKey,
  takeTry,
  withRateLimitPage,
} from '../middleware/rateLimits'
import { requireSignedIn, safeReturnPath } from '../middleware/signedIn'
// Every account page renders, and shows its form again, the same way.
import { accountPage as page, accountPageAgain as again } from './accountPages'
import { askForTwoStepCode, twoStepSection } from './twoStep'
import {
  alreadyHaveAnAccountEmail,
  changeEmailEmail,
  confirmEmailEmail,
  emailChangedEmail,
  passwordChangedEmail,
  resetPasswordEmail,
  signInLinkEmail,
} from '../presenters/accountEmails'
import type { Services } from '../services'
import type { RequestOrigin } from '../services/accounts/auditTrail'
import {
  changeEmailForm,
  changePasswordForm,
  createAccountForm,
  emailOnlyForm,
  resetPasswordForm,
  signInForm,
  tokenForm,
} from '../validation/accountForms'

declare module 'express-session' {
  interface SessionData {
    /** one line for the account page to show once ("Your password has been changed") */
    notice?: string
  }
}

const IF_IT_HAS_AN_ACCOUNT = 'If that address has an account, we have sent it an email with a link.'

/**
 * Accounts: create one, confirm its email, sign in (with a password or an emailed link), a
 * forgotten password, sign out, and the account page. Every POST carries the CSRF token
 * (checked in server/middleware/csrf.ts before it gets here). No page says whether an email
 * address has an account.
 */
export function accountRouter(services: Services, limits: RateLimits): Router {
  const { accounts, mailer, config } = services
  const router = Router()
  const absolute = (address: string) => addresses.absolute(config.baseUrl, address)
  const origin = (req: Request): RequestOrigin => ({ ip: req.ip ?? null })

  /**
   * A new session for the account (a new id, so an old one cannot be reused), then on to `next`.
   * An account with two-step sign-in is asked for its code first (server/routes/twoStep.ts),
   * whichever way it got here: a password, an emailed link or a new password.
   */
  const signInAs = async (req: Request, res: Response, accountId: number, next: string, notice?: string) => {
    if (services.twoStep.isOn(accountId)) {
      await askForTwoStepCode(req, res, services, accountId, next, notice)
      return
    }
    await new Promise<void>((resolve, reject) => {
      req.session.regenerate((error) => (error ? reject(error as Error) : resolve()))
    })
    req.session.accountId = accountId
    req.session.lastActiveAt = services.clock.now().getTime()
    if (notice) req.session.notice = notice
    await new Promise<void>((resolve, reject) => {
      req.session.save((error) => (error ? reject(error as Error) : resolve()))
    })
    res.redirect(303, next)
  }

  const tokenOf = (req: Request): string => {
    const token = req.query.token
    return typeof token === 'string' ? token : ''
  }

  const linkNotWorking = (
    req: Request,
    res: Response,
    what: string,
    again: { href: string; text: string },
  ) => {
    page(req, res, 'link-not-working', { pageTitle: 'That link does not work', what, again }, 410)
  }

  // --- Create an account -------------------------------------------------------------------
  const createFields = { email: 'email', name: 'name', password: 'password' }
  router
    .route(paths.createAccount)
    .get((req, res) => {
      page(req, res, 'create', {
        pageTitle: 'Create an account',
        values: {},
        returnTo: safeReturnPath(req.query.return) ?? '',
        signInHref: addresses.signIn({ returnTo: safeReturnPath(req.query.return) ?? undefined }),
      })
    })
    .post(
      withRateLimitPage(async (req, res) => {
        await takeTry([limits.createPerAddress, addressKey(req)])
        const body = (req.body ?? {}) as Record<string, unknown>
        const values = { email: body.email, name: body.name }
        // Where confirming the email address goes on to: a page of this site only.
        const returnTo = safeReturnPath(body.return) ?? undefined
        const view = {
          pageTitle: 'Create an account',
          values,
          returnTo: returnTo ?? '',
          signInHref: addresses.signIn({ returnTo }),
        }
        const parsed = createAccountForm.safeParse(body)
        const problems: FieldProblem[] = parsed.success ? [] : problemsOf(parsed.error)
        const password = typeof body.password === 'string' ? body.password : ''
        const weak = accounts.passwordProblem(password, [String(body.email ?? ''), String(body.name ?? '')])
        if (weak) problems.push({ field: 'password', message: weak })
        if (!parsed.success || problems.length > 0) {
          again(req, res, 'create', problems, createFields, view)
          return
        }
        const { email, name } = parsed.data
        const created = await accounts.create({ email, displayName: name, password }, origin(req))
        if (created.kind === 'created') {
          const { confirm } = created
          await mailer.send(
            confirmEmailEmail({
              to: confirm.to,
              name: confirm.displayName,
              link: absolute(addresses.confirmEmail(confirm.token, { returnTo })),
              minutes: confirm.minutes,
            }),
          )
        } else {
          await mailer.send(
            alreadyHaveAnAccountEmail({
              to: created.account.email,
              name: created.account.displayName,
              signIn: absolute(addresses.signIn({ returnTo })),
              forgottenPassword: absolute(addresses.forgottenPassword()),
            }),
          )
        }
        page(req, res, 'check-email', {
          pageTitle: 'Check your email',
          email,
          message: 'We have sent you an email with a link to confirm your email address.',
          linkLasts: '24 hours',
        })
      }),
    )
    .all(methodNotAllowed('GET', 'POST'))

  // --- Confirm the email address (a link from the email; the button does it, not the GET) ---
  router
    .route(paths.confirmEmail)
    .get((req, res) => {
      const token = tokenOf(req)
      if (!accounts.linkWorks(token, 'confirm-email')) {
        linkNotWorking(req, res, 'confirm your email address', {
          href: addresses.signInLink(),
          text: 'Sign in with a link sent to your email',
        })
        return
      }
      page(req, res, 'use-link', {
        pageTitle: 'Confirm your email address',
        intro: 'Confirm your email address to finish creating your account. You will then be signed in.',
        action: paths.confirmEmail,
        token,
        returnTo: safeReturnPath(req.query.return) ?? '',
        button: 'Confirm my email address',
      })
    })
    .post(async (req, res) => {
      const { token } = tokenForm.parse(req.body ?? {})
      const used = accounts.useConfirmEmailLink(token, origin(req))
      if (used.kind === 'invalid') {
        linkNotWorking(req, res, 'confirm your email address', {
          href: addresses.signInLink(),
          text: 'Sign in with a link sent to your email',
        })
        return
      }
      const returnTo = safeReturnPath((req.body as Record<string, unknown> | undefined)?.return)
      await signInAs(
        req,
        res,
        used.value.id,
        returnTo ?? addresses.account(),
        // The account page says so; a page they return to carries on with what they were doing.
        returnTo ? undefined : 'Your email address is confirmed. You are signed in.',
      )
    })
    .all(methodNotAllowed('GET', 'POST'))

  // --- Sign in -------------------------------------------------------------------------------
  const signInFields = { email: 'email', password: 'password' }
  router
    .route(paths.signIn)
    .get((req, res) => {
      const timedOut = req.query['timed-out'] === 'yes' || req.session.timedOut === true
      if (req.session.timedOut) delete req.session.timedOut
      page(req, res, 'sign-in', {
        pageTitle: 'Sign in to your account',
        values: {},
        returnTo: safeReturnPath(req.query.return) ?? '',
        timedOut,
        ...signInLinks(safeReturnPath(req.query.return) ?? undefined),
      })
    })
    .post(
      withRateLimitPage(async (req, res) => {
        const body = (req.body ?? {}) as Record<string, unknown>
        const returnTo = safeReturnPath(body.return) ?? ''
        const view = {
          pageTitle: 'Sign in to your account',
          values: { email: body.email },
          returnTo,
          ...signInLinks(returnTo || undefined),
        }
        const parsed = signInForm.safeParse(body)
        if (!parsed.success) {
          again(req, res, 'sign-in', parsed.error, signInFields, view)
          return
        }
        const { email, password } = parsed.data
        const accountKey = emailKey(email)
        await takeTry([limits.signInPerAddress, addressKey(req)])
        await checkNotBlocked(limits.signInPerAccount, accountKey)
        const result = await accounts.signIn(email, password, origin(req))
        if (result.kind === 'wrong') {
          // Only wrong passwords count against the account, and only for 15 minutes.
          await takeTry([limits.signInPerAccount, accountKey])
          again(
            req,
            res,
            'sign-in',
            [
              {
                field: 'email',
                message: 'The email address or password is not right. Check them and try again',
              },
            ],
            signInFields,
            view,
          )
          return
        }
        if (result.kind === 'disabled') {
          page(req, res, 'disabled', { pageTitle: 'Your account has been turned off' }, 403)
          return
        }
        // With two-step sign-in, wrong codes count against the account until the right one.
        if (!services.twoStep.isOn(result.account.id)) await limits.signInPerAccount.delete(accountKey)
        await signInAs(req, res, result.account.id, returnTo || addresses.account())
      }),
    )
    .all(methodNotAllowed('GET', 'POST'))

  /** The sign-in page's other ways in; creating an account keeps where to go back to. */
  function signInLinks(returnTo?: string) {
    return {
      createAccountHref: addresses.createAccount({ returnTo }),
      forgottenPasswordHref: addresses.forgottenPassword(),
      signInLinkHref: addresses.signInLink(),
    }
  }

  // --- Sign in with an emailed link ------------------------------------------------------------
  /**
   * A page that asks for an email address and sends a link to it, counted per address and per
   * email: the form again on a problem, and always the same answer after, so no page says
   * whether the address has an account.
   */
  const emailALinkPage = (
    path: string,
    pageTitle: string,
    intro: string,
    makeLink: (email: string, req: Request) => Promise<void>,
  ) =>
    router
      .route(path)
      .get((req, res) => {
        page(req, res, 'email-only', { pageTitle, intro, values: {} })
      })
      .post(
        withRateLimitPage(async (req, res) => {
          const parsed = emailOnlyForm.safeParse(req.body ?? {})
          if (!parsed.success) {
            const body = (req.body ?? {}) as Record<string, unknown>
            again(
              req,
              res,
              'email-only',
              parsed.error,
              { email: 'email' },
              { pageTitle, intro, values: { email: body.email } },
            )
            return
          }
          const { email } = parsed.data
          await takeTry([limits.linksPerAddress, addressKey(req)], [limits.linksPerAccount, emailKey(email)])
          await makeLink(email, req)
          page(req, res, 'check-email', {
            pageTitle: 'Check your email',
            email,
            message: IF_IT_HAS_AN_ACCOUNT,
          })
        }),
      )
      .all(methodNotAllowed('GET', 'POST'))

  emailALinkPage(
    paths.signInLink,
    'Sign in with a link sent to your email',
    'We will email you a link. Open it on this device to sign in without your password. The link works for 15 minutes.',
    async (email, req) => {
      const link = accounts.signInLink(email, origin(req))
      if (!link) return
      await mailer.send(
        signInLinkEmail({
          to: link.to,
          name: link.displayName,
          link: absolute(addresses.signInWithLink(link.token)),
          minutes: link.minutes,
        }),
      )
    },
  )

  router
    .route(paths.signInWithLink)
    .get((req, res) => {
      const token = tokenOf(req)
      if (!accounts.linkWorks(token, 'sign-in')) {
        linkNotWorking(req, res, 'sign in', { href: addresses.signInLink(), text: 'Ask for a new link' })
        return
      }
      page(req, res, 'use-link', {
        pageTitle: 'Sign in to your account',
        intro: 'Press the button to sign in.',
        action: paths.signInWithLink,
        token,
        button: 'Sign in',
      })
    })
    .post(
      withRateLimitPage(async (req, res) => {
        await takeTry([limits.signInPerAddress, addressKey(req)])
        const { token } = tokenForm.parse(req.body ?? {})
        const used = accounts.useSignInLink(token, origin(req))
        if (used.kind === 'invalid') {
          linkNotWorking(req, res, 'sign in', { href: addresses.signInLink(), text: 'Ask for a new link' })
          return
        }
        await signInAs(req, res, used.value.id, addresses.account())
      }),
    )
    .all(methodNotAllowed('GET', 'POST'))

  // --- Forgotten password --------------------------------------------------------------------
  emailALinkPage(
    paths.forgottenPassword,
    'Forgotten your password?',
    'We will email you a link to set a new password. The link works for 1 hour.',
    async (email, req) => {
      const link = accounts.passwordResetLink(email, origin(req))
      if (!link) return
      await mailer.send(
        resetPasswordEmail({
          to: link.to,
          name: link.displayName,
          link: absolute(addresses.resetPassword(link.token)),
          minutes: link.minutes,
        }),
      )
    },
  )

  const resetFields = { password: 'password' }
  const resetNotWorking = (req: Request, res: Response) =>
    linkNotWorking(req, res, 'set a new password', {
      href: addresses.forgottenPassword(),
      text: 'Ask for a new link to set your password',
    })
  router
    .route(paths.resetPassword)
    .get((req, res) => {
      const token = tokenOf(req)
      if (!accounts.linkWorks(token, 'reset-password')) {
        resetNotWorking(req, res)
        return
      }
      page(req, res, 'reset-password', { pageTitle: 'Set a new password', token })
    })
    .post(async (req, res) => {
      const parsed = resetPasswordForm.parse(req.body ?? {})
      if (!accounts.linkWorks(parsed.token, 'reset-password')) {
        resetNotWorking(req, res)
        return
      }
      const weak = accounts.passwordProblem(parsed.password, [])
      if (weak) {
        again(req, res, 'reset-password', [{ field: 'password', message: weak }], resetFields, {
          pageTitle: 'Set a new password',
          token: parsed.token,
        })
        return
      }
      const reset = await accounts.resetPassword(parsed.token, parsed.password, origin(req))
      if (reset.kind === 'invalid') {
        resetNotWorking(req, res)
        return
      }
      await mailer.send(passwordChangedEmail({ to: reset.value.email, name: reset.value.displayName }))
      await signInAs(
        req,
        res,
        reset.value.id,
        addresses.account(),
        'Your new password is set. You are signed in.',
      )
    })
    .all(methodNotAllowed('GET', 'POST'))

  // --- Sign out --------------------------------------------------------------------------------
  /** Ends this session: the data goes from the store and the cookie from the browser. */
  const endSession = async (req: Request, res: Response, next: string) => {
    await new Promise<void>((resolve, reject) => {
      req.session.destroy((error) => (error ? reject(error as Error) : resolve()))
    })
    res.clearCookie(sessionCookieName(config), { path: '/' })
    res.redirect(303, next)
  }
  router
    .route(paths.signOut)
    .get((req, res) => {
      page(req, res, 'sign-out', { pageTitle: 'Sign out', signedIn: res.locals.signedIn as unknown })
    })
    .post(async (req, res) => {
      if (req.account) accounts.signedOut(req.account.id, origin(req))
      await endSession(req, res, addresses.signedOut())
    })
    .all(methodNotAllowed('GET', 'POST'))

  router
    .route(paths.signedOut)
    .get((req, res) => {
      res.render('pages/account/signed-out', {
        pageTitle: 'You have signed out',
        everywhere: req.query.everywhere === 'yes',
        signInHref: addresses.signIn(),
      })
    })
    .all(methodNotAllowed('GET'))

  // --- The account page and its changes --------------------------------------------------------
  router
    .route(paths.account)
    .get(requireSignedIn, (req, res) => {
      const account = req.account!
      const notice = req.session.notice
      delete req.session.notice
      page(req, res, 'account', {
        pageTitle: 'Your account',
        account,
        notice,
        changePasswordHref: addresses.changePassword(),
        changeEmailHref: addresses.changeEmail(),
        signOutEverywhereHref: addresses.signOutEverywhere(),
        yourSuggestionsHref: addresses.yourSuggestions(),
        twoStep: twoStepSection(services, account.id, req.viewer),
        // "Your profile" once they have shared their skills; until then, the way to start.
        profileLink: services.profiles.profileOf(account.id)
          ? { hasProfile: true, href: addresses.yourProfile() }
          : { hasProfile: false, href: addresses.shareSkills(), dataHref: addresses.yourProfile() },
      })
    })
    .all(methodNotAllowed('GET'))

  const changePasswordFields = { currentPassword: 'currentPassword', newPassword: 'newPassword' }
  const changePasswordView = () => ({ pageTitle: 'Change your password', backHref: addresses.account() })
  router
    .route(paths.changePassword)
    .get(requireSignedIn, (req, res) => {
      page(req, res, 'change-password', changePasswordView())
    })
    .post(
      requireSignedIn,
      withRateLimitPage(async (req, res) => {
        const account = req.account!
        const parsed = changePasswordForm.safeParse(req.body ?? {})
        const problems: FieldProblem[] = parsed.success ? [] : problemsOf(parsed.error)
        const body = (req.body ?? {}) as Record<string, unknown>
        const next = typeof body.newPassword === 'string' ? body.newPassword : ''
        const weak = accounts.passwordProblem(next, [account.email, account.displayName])
        if (weak) problems.push({ field: 'newPassword', message: weak })
        if (!parsed.success || problems.length > 0) {
          again(req, res, 'change-password', problems, changePasswordFields, changePasswordView())
          return
        }
        await takeTry([limits.signInPerAddress, addressKey(req)])
        const changed = await accounts.changePassword(
          account.id,
          parsed.data.currentPassword,
          next,
          origin(req),
        )
        if (changed === 'wrong-current') {
          await takeTry([limits.signInPerAccount, emailKey(account.email)])
          again(
            req,
            res,
            'change-password',
            [{ field: 'currentPassword', message: 'Your current password is not right' }],
            changePasswordFields,
            changePasswordView(),
          )
          return
        }
        await mailer.send(passwordChangedEmail({ to: account.email, name: account.displayName }))
        req.session.notice = 'Your password has been changed.'
        res.redirect(303, addresses.account())
      }),
    )
    .all(methodNotAllowed('GET', 'POST'))

  const changeEmailFields = { newEmail: 'newEmail', password: 'password' }
  const changeEmailView = (values: Record<string, unknown>) => ({
    pageTitle: 'Change your email address',
    backHref: addresses.account(),
    values,
  })
  router
    .route(paths.changeEmail)
    .get(requireSignedIn, (req, res) => {
      page(req, res, 'change-email', changeEmailView({}))
    })
    .post(
      requireSignedIn,
      withRateLimitPage(async (req, res) => {
        const account = req.account!
        const body = (req.body ?? {}) as Record<string, unknown>
        const parsed = changeEmailForm.safeParse(body)
        if (!parsed.success) {
          again(
            req,
            res,
            'change-email',
            parsed.error,
            changeEmailFields,
            changeEmailView({ newEmail: body.newEmail }),
          )
          return
        }
        const { newEmail, password } = parsed.data
        await takeTry(
          [limits.linksPerAddress, addressKey(req)],
          [limits.linksPerAccount, emailKey(account.email)],
        )
        const asked = await accounts.requestEmailChange(account.id, newEmail, password, origin(req))
        if (asked.kind === 'wrong-password') {
          await takeTry([limits.signInPerAccount, emailKey(account.email)])
          again(
            req,
            res,
            'change-email',
            [{ field: 'password', message: 'Your password is not right' }],
            changeEmailFields,
            changeEmailView({ newEmail }),
          )
          return
        }
        if (asked.kind === 'sent') {
          const { link } = asked
          await mailer.send(
            changeEmailEmail({
              to: link.to,
              name: link.displayName,
              link: absolute(addresses.confirmNewEmail(link.token)),
              minutes: link.minutes,
            }),
          )
        }
        // The same page whether or not the new address already has an account.
        page(req, res, 'check-email', {
          pageTitle: 'Check your email',
          email: newEmail,
          message:
            'We have sent a link to your new email address. Open it to finish the change. Until then, your account keeps its old email address.',
          linkLasts: '24 hours',
        })
      }),
    )
    .all(methodNotAllowed('GET', 'POST'))

  const changeEmailNotWorking = (req: Request, res: Response) =>
    linkNotWorking(req, res, 'change your email address', {
      href: addresses.changeEmail(),
      text: 'Change your email address again',
    })
  router
    .route(paths.confirmNewEmail)
    .get((req, res) => {
      const token = tokenOf(req)
      if (!accounts.linkWorks(token, 'change-email')) {
        changeEmailNotWorking(req, res)
        return
      }
      page(req, res, 'use-link', {
        pageTitle: 'Confirm your new email address',
        intro: 'Press the button to use this email address for your account from now on.',
        action: paths.confirmNewEmail,
        token,
        button: 'Use my new email address',
      })
    })
    .post(async (req, res) => {
      const { token } = tokenForm.parse(req.body ?? {})
      const before = req.account
      const used = accounts.useChangeEmailLink(token, origin(req))
      if (used.kind === 'invalid') {
        changeEmailNotWorking(req, res)
        return
      }
      const account = used.value
      const oldEmail = before?.id === account.id ? before.email : null
      if (oldEmail)
        await mailer.send(
          emailChangedEmail({ to: oldEmail, name: account.displayName, newEmail: account.email }),
        )
      if (req.account?.id === account.id) {
        req.session.notice = `Your email address is now ${account.email}.`
        res.redirect(303, addresses.account())
        return
      }
      page(req, res, 'email-changed', {
        pageTitle: 'Your email address has changed',
        email: account.email,
        signInHref: addresses.signIn(),
      })
    })
    .all(methodNotAllowed('GET', 'POST'))

  router
    .route(paths.signOutEverywhere)
    .get(requireSignedIn, (req, res) => {
      page(req, res, 'sign-out-everywhere', {
        pageTitle: 'Sign out everywhere',
        backHref: addresses.account(),
      })
    })
    .post(requireSignedIn, async (req, res) => {
      accounts.signOutEverywhere(req.account!.id, origin(req))
      await endSession(req, res, addresses.signedOut({ everywhere: true }))
    })
    .all(methodNotAllowed('GET', 'POST'))

  // The time-out warning's "Stay signed in": any signed-in request starts the idle time again.
  router
    .route(paths.keepAlive)
    .post((req, res) => {
      res.status(req.account ? 204 : 401).end()
    })
    .all(methodNotAllowed('POST'))

  return router
}
