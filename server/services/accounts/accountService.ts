import crypto from 'node:crypto'
import type { AccountRow, AccountsRepository } from '../../../db/repositories/accountsRepository'
import type { EmailedLinksRepository, LinkPurpose } from '../../../db/repositories/emailedLinksRepository'
import type { SessionsRepository } from '../../../db/repositories/sessionsRepository'
import type { Clock } from '../clock'
import { type Viewer, viewerOfAccount } from '../viewer'
import type { AuditTrail, RequestOrigin } from './auditTrail'
import { checkAgainstDecoy, hashPassword, newPasswordProblem, passwordMatches } from './passwords'
import { MINUTE_MS, isoSecond } from './times'

/** How long each emailed link works for, in minutes; the email says so. */
export const LINK_LIFETIME_MINUTES: Record<LinkPurpose, number> = {
  'confirm-email': 24 * 60,
  'change-email': 24 * 60,
  'reset-password': 60,
  'sign-in': 15,
}

/** A link to email: the token goes in the link and is never kept; its hash is. */
export interface LinkToSend {
  token: string
  to: string
  displayName: string
  minutes: number
}

export type SignInResult =
  | { kind: 'signed-in'; account: AccountRow }
  /** wrong address or wrong password: the person is told the same either way */
  | { kind: 'wrong'; accountId: number | null }
  /** right password, but the account has been turned off */
  | { kind: 'disabled'; account: AccountRow }

export type CreateResult =
  | { kind: 'created'; account: AccountRow; confirm: LinkToSend }
  /** the address has an account already: its owner is told, the person asking is not */
  | { kind: 'exists'; account: AccountRow }

export type LinkUse<T> = { kind: 'ok'; value: T } | { kind: 'invalid' }

/** The SHA-256 of a link's token, as kept in emailed_links. */
export const tokenHash = (token: string): string => crypto.createHash('sha256').update(token).digest('hex')

/**
 * Accounts: creating them, signing in and out, passwords, emailed links, and the viewer an
 * account is. Every change is written to the audit log. It returns tokens and decisions; the
 * routes build the links and the emails.
 */
export class AccountService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly links: EmailedLinksRepository,
    private readonly sessions: SessionsRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  private now(): string {
    return isoSecond(this.clock.now())
  }

  find(id: number): AccountRow | null {
    return this.accounts.find(id)
  }

  /** The viewer a signed-in account is, or null when it no longer may be signed in. */
  viewerFor(accountId: number): { account: AccountRow; viewer: Viewer } | null {
    const account = this.accounts.find(accountId)
    if (!account || account.disabledAt) return null
    const viewer = viewerOfAccount({ ...account, hubIds: this.accounts.hubIdsOf(account.id) })
    return { account, viewer }
  }

  /** What is wrong with a new password, in words for the person, or null. */
  passwordProblem(password: string, aboutThem: readonly string[]): string | null {
    return newPasswordProblem(password, aboutThem)
  }

  /** A new member's account (never any other role: roles are given by admins). */
  async create(
    details: { email: string; displayName: string; password: string },
    from: RequestOrigin,
  ): Promise<CreateResult> {
    const existing = this.accounts.findByEmail(details.email)
    if (existing) {
      // As long as making a new account takes, so the time does not tell that this one exists.
      await hashPassword(details.password)
      this.audit.record({
        accountId: null,
        action: 'account-create-for-existing-address',
        recordType: 'account',
        recordId: existing.id,
        from,
      })
      return { kind: 'exists', account: existing }
    }
    const passwordHash = await hashPassword(details.password)
    const id = this.accounts.create({
      email: details.email,
      displayName: details.displayName,
      passwordHash,
      role: 'member',
      at: this.now(),
    })
    const account = this.accounts.find(id) as AccountRow
    this.audit.record({ accountId: id, action: 'account-created', recordType: 'account', recordId: id, from })
    return { kind: 'created', account, confirm: this.newLink(account, 'confirm-email') }
  }

  async signIn(email: string, password: string, from: RequestOrigin): Promise<SignInResult> {
    const account = this.accounts.findByEmail(email)
    const hash = account ? this.accounts.passwordHashOf(account.id) : null
    if (!account || !hash) {
      await checkAgainstDecoy(password)
      this.audit.record({
        accountId: null,
        action: 'sign-in-failed',
        recordType: 'account',
        recordId: account?.id ?? null,
        from,
      })
      return { kind: 'wrong', accountId: account?.id ?? null }
    }
    if (!(await passwordMatches(hash, password))) {
      this.audit.record({
        accountId: null,
        action: 'sign-in-failed',
        recordType: 'account',
        recordId: account.id,
        from,
      })
      return { kind: 'wrong', accountId: account.id }
    }
    if (account.disabledAt) {
      this.audit.record({
        accountId: null,
        action: 'sign-in-refused-disabled',
        recordType: 'account',
        recordId: account.id,
        from,
      })
      return { kind: 'disabled', account }
    }
    this.audit.record({
      accountId: account.id,
      action: 'sign-in',
      recordType: 'account',
      recordId: account.id,
      from,
    })
    return { kind: 'signed-in', account }
  }

  signedOut(accountId: number, from: RequestOrigin): void {
    this.audit.record({ accountId, action: 'sign-out', recordType: 'account', recordId: accountId, from })
  }

  /** Ends every session of the account, on every device; how many there were. */
  signOutEverywhere(accountId: number, from: RequestOrigin): number {
    const ended = this.sessions.deleteAllFor(accountId)
    this.audit.record({
      accountId,
      action: 'sign-out-everywhere',
      recordType: 'account',
      recordId: accountId,
      from,
    })
    return ended
  }

  /** A link to sign in without a password, or null for an address with no account that may sign in. */
  signInLink(email: string, from: RequestOrigin): LinkToSend | null {
    const account = this.accounts.findByEmail(email)
    this.audit.record({
      accountId: null,
      action: 'sign-in-link-asked',
      recordType: 'account',
      recordId: account?.id ?? null,
      from,
    })
    if (!account || account.disabledAt) return null
    return this.newLink(account, 'sign-in')
  }

  /** A link to set a new password, or null for an address with no account that may sign in. */
  passwordResetLink(email: string, from: RequestOrigin): LinkToSend | null {
    const account = this.accounts.findByEmail(email)
    this.audit.record({
      accountId: null,
      action: 'password-reset-asked',
      recordType: 'account',
      recordId: account?.id ?? null,
      from,
    })
    if (!account || account.disabledAt) return null
    return this.newLink(account, 'reset-password')
  }

  /** Whether a link would work, without using it (the page a link opens asks before it acts). */
  linkWorks(token: string, purpose: LinkPurpose): boolean {
    return this.validLink(token, purpose) !== null
  }

  /** Uses an emailed sign-in link: the account to sign in, once. */
  useSignInLink(token: string, from: RequestOrigin): LinkUse<AccountRow> {
    const used = this.useLink(token, 'sign-in')
    if (!used) return { kind: 'invalid' }
    const { account } = used
    // Getting the link proves they have the address.
    this.accounts.confirmEmail(account.id, this.now())
    this.audit.record({
      accountId: account.id,
      action: 'sign-in-by-link',
      recordType: 'account',
      recordId: account.id,
      from,
    })
    return { kind: 'ok', value: account }
  }

  useConfirmEmailLink(token: string, from: RequestOrigin): LinkUse<AccountRow> {
    const used = this.useLink(token, 'confirm-email')
    if (!used) return { kind: 'invalid' }
    this.accounts.confirmEmail(used.account.id, this.now())
    this.audit.record({
      accountId: used.account.id,
      action: 'email-confirmed',
      recordType: 'account',
      recordId: used.account.id,
      from,
    })
    return { kind: 'ok', value: used.account }
  }

  /** Sets a new password through an emailed link, and signs the account out everywhere. */
  async resetPassword(token: string, password: string, from: RequestOrigin): Promise<LinkUse<AccountRow>> {
    if (!this.validLink(token, 'reset-password')) return { kind: 'invalid' }
    const passwordHash = await hashPassword(password)
    const used = this.useLink(token, 'reset-password')
    if (!used) return { kind: 'invalid' }
    const { account } = used
    this.accounts.setPasswordHash(account.id, passwordHash, this.now())
    this.accounts.confirmEmail(account.id, this.now())
    this.sessions.deleteAllFor(account.id)
    this.audit.record({
      accountId: account.id,
      action: 'password-reset',
      recordType: 'account',
      recordId: account.id,
      from,
    })
    return { kind: 'ok', value: account }
  }

  /** Changes the password when the current one is right. */
  async changePassword(
    accountId: number,
    current: string,
    next: string,
    from: RequestOrigin,
  ): Promise<'changed' | 'wrong-current'> {
    const hash = this.accounts.passwordHashOf(accountId)
    if (!hash || !(await passwordMatches(hash, current))) {
      this.audit.record({
        accountId,
        action: 'password-change-failed',
        recordType: 'account',
        recordId: accountId,
        from,
      })
      return 'wrong-current'
    }
    this.accounts.setPasswordHash(accountId, await hashPassword(next), this.now())
    this.audit.record({
      accountId,
      action: 'password-changed',
      recordType: 'account',
      recordId: accountId,
      from,
    })
    return 'changed'
  }

  /**
   * Asks to change the email address: a link goes to the new address, and nothing changes
   * until it is used. 'taken' is never shown as such (the page says the same either way).
   */
  async requestEmailChange(
    accountId: number,
    newEmail: string,
    password: string,
    from: RequestOrigin,
  ): Promise<{ kind: 'sent'; link: LinkToSend } | { kind: 'taken' } | { kind: 'wrong-password' }> {
    const account = this.accounts.find(accountId)
    const hash = this.accounts.passwordHashOf(accountId)
    if (!account || !hash || !(await passwordMatches(hash, password))) return { kind: 'wrong-password' }
    this.audit.record({
      accountId,
      action: 'email-change-asked',
      recordType: 'account',
      recordId: accountId,
      from,
    })
    if (this.accounts.findByEmail(newEmail)) return { kind: 'taken' }
    return { kind: 'sent', link: this.newLink(account, 'change-email', newEmail.trim()) }
  }

  useChangeEmailLink(token: string, from: RequestOrigin): LinkUse<AccountRow> {
    const used = this.useLink(token, 'change-email')
    if (!used?.newEmail) return { kind: 'invalid' }
    if (this.accounts.findByEmail(used.newEmail)) return { kind: 'invalid' }
    this.accounts.changeEmail(used.account.id, used.newEmail, this.now())
    this.audit.record({
      accountId: used.account.id,
      action: 'email-changed',
      recordType: 'account',
      recordId: used.account.id,
      from,
    })
    return { kind: 'ok', value: this.accounts.find(used.account.id) as AccountRow }
  }

  private newLink(account: AccountRow, purpose: LinkPurpose, newEmail?: string): LinkToSend {
    const now = this.clock.now()
    // A newer link of the same kind replaces any older one.
    this.links.retireAll(account.id, purpose, isoSecond(now))
    const token = crypto.randomBytes(32).toString('base64url')
    const minutes = LINK_LIFETIME_MINUTES[purpose]
    this.links.create({
      tokenHash: tokenHash(token),
      accountId: account.id,
      purpose,
      newEmail: newEmail ?? null,
      at: isoSecond(now),
      expiresAt: isoSecond(new Date(now.getTime() + minutes * MINUTE_MS)),
    })
    return { token, to: newEmail ?? account.email, displayName: account.displayName, minutes }
  }

  private validLink(token: string, purpose: LinkPurpose) {
    if (token.length < 20 || token.length > 100) return null
    const link = this.links.findByHash(tokenHash(token))
    if (!link || link.purpose !== purpose || link.usedAt) return null
    if (link.expiresAt <= this.now()) return null
    const account = this.accounts.find(link.accountId)
    if (!account || account.disabledAt) return null
    return { link, account }
  }

  /** Marks the link used (only the first use wins) and gives its account. */
  private useLink(token: string, purpose: LinkPurpose) {
    const valid = this.validLink(token, purpose)
    if (!valid || !this.links.use(valid.link.id, this.now())) return null
    return { account: valid.account, newEmail: valid.link.newEmail }
  }
}
