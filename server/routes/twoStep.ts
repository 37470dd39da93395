import { type Request, type Response, Router } from 'express'
import QRCode from 'qrcode'
import { addresses, paths } from '../addresses'
import { methodNotAllowed } from '../middleware/methodNotAllowed'
import {
  type RateLimits,
  addressKey,
  checkNotBlocked,
  emailKey,
  takeTry,
  withRateLimitPage,
} from '../middleware/rateLimits'
import { requireSignedIn } from '../middleware/signedIn'
// Every account page renders, and shows its form again, the same way.
import { accountPage as page, accountPageAgain as again } from './accountPages'
import type { Services } from '../services'
import type { RequestOrigin } from '../services/accounts/auditTrail'
import type { Viewer } from '../services/viewer'

declare module 'express-session' {
  interface SessionData {
    /**
     * A right password (or emailed link) for an account with two-step sign-in: the code is
     * still to come. The session is not signed in until it does.
     */
    twoStepPending?: { accountId: number; next: string; notice?: string; since: number }
    /** the sealed secret being set up, until a code from the app proves it */
    twoStepSetUpSecret?: string
  }
}

/** How long the code page waits after the password before starting again. */
const PENDING_MS = 10 * 60 * 1000

const origin = (req: Request): RequestOrigin => ({ ip: req.ip ?? null })

const saved = (req: Request) =>
  new Promise<void>((resolve, reject) => {
    req.session.save((error) => (error ? reject(error as Error) : resolve()))
  })

/**
 * After a right password or link for an account with two-step sign-in: remember who is part
 * way through signing in, and ask for the code. The session id changes only when the code is
 * right (signInFully).
 */
export async function askForTwoStepCode(
  req: Request,
  res: Response,
  services: Pick<Services, 'clock'>,
  accountId: number,
  next: string,
  notice?: string,
): Promise<void> {
  delete req.session.accountId
  req.session.twoStepPending = { accountId, next, notice, since: services.clock.now().getTime() }
  await saved(req)
  res.redirect(303, addresses.signInCode())
}

/** The account page's two-step section. */
export function twoStepSection(services: Pick<Services, 'twoStep'>, accountId: number, viewer: Viewer) {
  const status = services.twoStep.status(accountId, viewer)
  return {
    ...status,
    recoveryCodesLeftText:
      status.recoveryCodesLeft === 1
        ? '1 recovery code left'
        : `${status.recoveryCodesLeft} recovery codes left`,
    setUpHref: addresses.twoStepSetUp(),
    recoveryCodesHref: addresses.twoStepRecoveryCodes(),
    turnOffHref: addresses.twoStepTurnOff(),
  }
}

const CODE_FIELDS = { code: 'code' }
const RECOVERY_FIELDS = { recoveryCode: 'recoveryCode' }
const PASSWORD_FIELDS = { password: 'password' }

const fieldOf = (req: Request, name: string): string => {
  const value = ((req.body ?? {}) as Record<string, unknown>)[name]
  return typeof value === 'string' ? value.slice(0, 100) : ''
}

/** What is wrong with a typed 6-digit code before it is checked, or null. */
function codeShapeProblem(typed: string): string | null {
  const code = typed.replace(/\s/g, '')
  if (code === '') return 'Enter the 6-digit code from your authenticator app'
  if (!/^\d+$/.test(code)) return 'The code must be numbers only, like 123456'
  if (code.length !== 6) return 'The code must be 6 numbers'
  return null
}

/**
 * Two-step sign-in: setting it up (QR code, the secret as text, a code to confirm, then ten
 * recovery codes shown once), the code asked after the password, a recovery code instead,
 * new recovery codes, and turning it off (members only, with their password).
 */
export function twoStepRouter(services: Services, limits: RateLimits): Router {
  const { twoStep, accounts, clock } = services
  const router = Router()

  /** The account part way through signing in, or null (nobody, too long ago, or turned off since). */
  const pendingOf = (req: Request) => {
    const pending = req.session.twoStepPending
    if (!pending) return null
    const account = accounts.find(pending.accountId)
    if (!account || account.disabledAt || clock.now().getTime() - pending.since > PENDING_MS) return null
    return { pending, account }
  }

  const startAgain = (req: Request, res: Response) => {
    delete req.session.twoStepPending
    res.redirect(303, addresses.signIn())
  }

  /** The code was right: a new session id, signed in, on to where they were going. */
  const signInFully = async (
    req: Request,
    res: Response,
    accountId: number,
    next: string,
    notice?: string,
  ) => {
    await new Promise<void>((resolve, reject) => {
      req.session.regenerate((error) => (error ? reject(error as Error) : resolve()))
    })
    req.session.accountId = accountId
    req.session.lastActiveAt = clock.now().getTime()
    if (notice) req.session.notice = notice
    await saved(req)
    res.redirect(303, next)
  }

  // --- The code asked after the password ------------------------------------------------------
  const codeView = () => ({
    pageTitle: 'Enter the code from your authenticator app',
    recoveryHref: addresses.signInRecoveryCode(),
    values: {},
  })
  router
    .route(paths.signInCode)
    .get((req, res) => {
      if (!pendingOf(req)) {
        startAgain(req, res)
        return
      }
      page(req, res, 'sign-in-code', codeView())
    })
    .post(
      withRateLimitPage(async (req, res) => {
        const found = pendingOf(req)
        if (!found) {
          startAgain(req, res)
          return
        }
        const { pending, account } = found
        const accountKey = emailKey(account.email)
        const typed = fieldOf(req, 'code')
        const shape = codeShapeProblem(typed)
        if (shape) {
          again(req, res, 'sign-in-code', [{ field: 'code', message: shape }], CODE_FIELDS, {
            ...codeView(),
            values: { code: typed },
          })
          return
        }
        await takeTry([limits.signInPerAddress, addressKey(req)])
        await checkNotBlocked(limits.signInPerAccount, accountKey)
        if (twoStep.checkCode(account.id, typed, origin(req)) === 'wrong') {
          await takeTry([limits.signInPerAccount, accountKey])
          again(
            req,
            res,
            'sign-in-code',
            [
              {
                field: 'code',
                message: 'That code is not right. Enter the code your app shows now (a code works only once)',
              },
            ],
            CODE_FIELDS,
            codeView(),
          )
          return
        }
        await limits.signInPerAccount.delete(accountKey)
        await signInFully(req, res, account.id, pending.next, pending.notice)
      }),
    )
    .all(methodNotAllowed('GET', 'POST'))

  // --- A recovery code instead ----------------------------------------------------------------
  const recoveryView = () => ({
    pageTitle: 'Enter a recovery code',
    codeHref: addresses.signInCode(),
    values: {},
  })
  router
    .route(paths.signInRecoveryCode)
    .get((req, res) => {
      if (!pendingOf(req)) {
        startAgain(req, res)
        return
      }
      page(req, res, 'sign-in-recovery-code', recoveryView())
    })
    .post(
      withRateLimitPage(async (req, res) => {
        const found = pendingOf(req)
        if (!found) {
          startAgain(req, res)
          return
        }
        const { account } = found
        const accountKey = emailKey(account.email)
        const typed = fieldOf(req, 'recoveryCode')
        if (typed.trim() === '') {
          again(
            req,
            res,
            'sign-in-recovery-code',
            [{ field: 'recoveryCode', message: 'Enter one of your recovery codes' }],
            RECOVERY_FIELDS,
            recoveryView(),
          )
          return
        }
        await takeTry([limits.signInPerAddress, addressKey(req)])
        await checkNotBlocked(limits.signInPerAccount, accountKey)
        if (twoStep.useRecoveryCode(account.id, typed, origin(req)) === 'wrong') {
          await takeTry([limits.signInPerAccount, accountKey])
          again(
            req,
            res,
            'sign-in-recovery-code',
            [
              {
                field: 'recoveryCode',
                message: 'That recovery code is not right, or it has been used already. Each code works once',
              },
            ],
            RECOVERY_FIELDS,
            { ...recoveryView(), values: { recoveryCode: typed } },
          )
          return
        }
        await limits.signInPerAccount.delete(accountKey)
        const left = twoStep.status(account.id, { kind: 'visitor' }).recoveryCodesLeft
        await signInFully(
          req,
          res,
          account.id,
          addresses.account(),
          left === 1
            ? 'You used a recovery code. You have 1 left. You can get new recovery codes below.'
            : `You used a recovery code. You have ${left} left. You can get new recovery codes below.`,
        )
      }),
    )
    .all(methodNotAllowed('GET', 'POST'))

  // --- Setting it up ------------------------------------------------------------------------
  const setUpView = async (req: Request) => {
    const account = req.account!
    const found = twoStep.secretForSetUp(account, req.session.twoStepSetUpSecret)
    if (!found) return null
    req.session.twoStepSetUpSecret = found.sealed
    const secret = found.shown
    const svg = await QRCode.toString(secret.otpauth, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })
    return {
      pageTitle: 'Set up two-step sign-in',
      required: twoStep.requiredFor(req.viewer),
      qrCodeSrc: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
      secretGrouped: secret.grouped,
      backHref: addresses.account(),
      values: {},
    }
  }
  router
    .route(paths.twoStepSetUp)
    .get(requireSignedIn, async (req, res) => {
      const view = await setUpView(req)
      if (!view) {
        res.redirect(303, addresses.account())
        return
      }
      page(req, res, 'two-step-set-up', view)
    })
    .post(
      requireSignedIn,
      withRateLimitPage(async (req, res) => {
        const account = req.account!
        const typed = fieldOf(req, 'code')
        const shape = codeShapeProblem(typed)
        const view = await setUpView(req)
        if (!view) {
          res.redirect(303, addresses.account())
          return
        }
        if (shape) {
          again(req, res, 'two-step-set-up', [{ field: 'code', message: shape }], CODE_FIELDS, {
            ...view,
            values: { code: typed },
          })
          return
        }
        await takeTry([limits.signInPerAccount, emailKey(account.email)])
        const done = twoStep.confirmSetUp(account, req.session.twoStepSetUpSecret ?? '', typed, origin(req))
        if (done.kind === 'wrong') {
          again(
            req,
            res,
            'two-step-set-up',
            [
              {
                field: 'code',
                message:
                  'That code is not right. Check the app shows Common Ground and enter the code it shows now',
              },
            ],
            CODE_FIELDS,
            view,
          )
          return
        }
        if (done.kind === 'already-on') {
          res.redirect(303, addresses.account())
          return
        }
        delete req.session.twoStepSetUpSecret
        await limits.signInPerAccount.delete(emailKey(account.email))
        page(req, res, 'two-step-recovery-codes', {
          pageTitle: 'Two-step sign-in is set up: save your recovery codes',
          heading: 'Two-step sign-in is set up',
          codes: done.recoveryCodes,
          continueHref: addresses.account(),
        })
      }),
    )
    .all(methodNotAllowed('GET', 'POST'))

  // --- New recovery codes ---------------------------------------------------------------------
  router
    .route(paths.twoStepRecoveryCodes)
    .get(requireSignedIn, (req, res) => {
      if (!twoStep.isOn(req.account!.id)) {
        res.redirect(303, addresses.twoStepSetUp())
        return
      }
      page(req, res, 'two-step-new-codes', {
        pageTitle: 'Get new recovery codes',
        backHref: addresses.account(),
      })
    })
    .post(requireSignedIn, (req, res) => {
      const codes = twoStep.newRecoveryCodes(req.account!.id, origin(req))
      if (!codes) {
        res.redirect(303, addresses.twoStepSetUp())
        return
      }
      page(req, res, 'two-step-recovery-codes', {
        pageTitle: 'Your new recovery codes',
        heading: 'Your new recovery codes',
        replaced: true,
        codes,
        continueHref: addresses.account(),
      })
    })
    .all(methodNotAllowed('GET', 'POST'))

  // --- Turning it off (members only) ------------------------------------------------------------
  const turnOffView = () => ({ pageTitle: 'Turn off two-step sign-in', backHref: addresses.account() })
  router
    .route(paths.twoStepTurnOff)
    .get(requireSignedIn, (req, res) => {
      const status = twoStep.status(req.account!.id, req.viewer)
      if (!status.on || status.required) {
        res.redirect(303, addresses.account())
        return
      }
      page(req, res, 'two-step-turn-off', turnOffView())
    })
    .post(
      requireSignedIn,
      withRateLimitPage(async (req, res) => {
        const account = req.account!
        const password = fieldOf(req, 'password')
        if (password === '') {
          again(
            req,
            res,
            'two-step-turn-off',
            [{ field: 'password', message: 'Enter your password' }],
            PASSWORD_FIELDS,
            turnOffView(),
          )
          return
        }
        await takeTry([limits.signInPerAddress, addressKey(req)])
        await checkNotBlocked(limits.signInPerAccount, emailKey(account.email))
        const result = await twoStep.turnOff(account.id, req.viewer, password, origin(req))
        if (result === 'wrong-password') {
          await takeTry([limits.signInPerAccount, emailKey(account.email)])
          again(
            req,
            res,
            'two-step-turn-off',
            [{ field: 'password', message: 'Your password is not right' }],
            PASSWORD_FIELDS,
            turnOffView(),
          )
          return
        }
        if (result === 'off') req.session.notice = 'Two-step sign-in is turned off.'
        res.redirect(303, addresses.account())
      }),
    )
    .all(methodNotAllowed('GET', 'POST'))

  return router
}
