import crypto from 'node:crypto'
import type { AccountRow, AccountsRepository } from '../../../db/repositories/accountsRepository'
import type { TwoStepRepository } from '../../../db/repositories/twoStepRepository'
import type { Clock } from '../clock'
import { type Viewer, isStaff } from '../viewer'
import type { AuditTrail, RequestOrigin } from './auditTrail'
import { passwordMatches } from './passwords'
import { isoSecond } from './times'
import {
  fromBase32,
  groupedInFours,
  matchingTimeStep,
  newSecret,
  otpauthAddress,
  timeStepAt,
  toBase32,
} from './totp'

/** The name an authenticator app shows beside the codes. */
export const TWO_STEP_ISSUER = 'Common Ground'
export const RECOVERY_CODE_COUNT = 10

/** What a person needs to add the account to their app. */
export interface TwoStepSecret {
  /** base32, as the app takes it */
  secret: string
  /** the same, in groups of four for typing */
  grouped: string
  /** the otpauth:// address the QR code holds */
  otpauth: string
}

export interface TwoStepStatus {
  on: boolean
  /** recovery codes not used yet */
  recoveryCodesLeft: number
  /** staff must keep it on */
  required: boolean
}

// Letters and digits that cannot be mistaken for each other (no 0/o, 1/l/i).
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

const normalRecoveryCode = (typed: string): string => typed.toLowerCase().replace(/[^a-z0-9]/g, '')
const recoveryHash = (typed: string): string =>
  crypto.createHash('sha256').update(normalRecoveryCode(typed)).digest('hex')

function newRecoveryCode(): string {
  let code = ''
  for (let i = 0; i < 10; i++) code += RECOVERY_ALPHABET[crypto.randomInt(RECOVERY_ALPHABET.length)]
  return `${code.slice(0, 5)}-${code.slice(5)}`
}

/**
 * Seals secrets with AES-256-GCM under a key derived (HKDF-SHA-256) from SESSION_SECRET, so a
 * copy of the database without the app's settings does not give the secrets away.
 */
class SecretBox {
  private readonly key: Buffer
  constructor(sessionSecret: string) {
    this.key = Buffer.from(
      crypto.hkdfSync('sha256', sessionSecret, 'common-ground', 'two-step sign-in secrets', 32),
    )
  }

  seal(secret: Uint8Array): string {
    const iv = crypto.randomBytes(12)
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv)
    const sealed = Buffer.concat([cipher.update(secret), cipher.final()])
    return ['v1', iv, cipher.getAuthTag(), sealed]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.')
  }

  /** the secret, or null when it was sealed under another key (SESSION_SECRET changed) */
  open(sealed: string): Uint8Array | null {
    const [version, iv, tag, body] = sealed.split('.')
    if (version !== 'v1' || !iv || !tag || !body) return null
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'))
      decipher.setAuthTag(Buffer.from(tag, 'base64url'))
      return new Uint8Array(
        Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]),
      )
    } catch {
      return null
    }
  }
}

/**
 * Two-step sign-in with an authenticator app: setting it up, the codes asked at sign-in,
 * recovery codes, and turning it off. Staff (peer leads, coordinators, admins) must have it;
 * members may. Every change, every recovery code used and every wrong code is audited.
 */
export class TwoStepService {
  private readonly box: SecretBox

  constructor(
    private readonly twoStep: TwoStepRepository,
    private readonly accounts: AccountsRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    sessionSecret: string,
  ) {
    this.box = new SecretBox(sessionSecret)
  }

  private now(): string {
    return isoSecond(this.clock.now())
  }

  /** Whether this viewer must set up two-step sign-in before anything else. */
  requiredFor(viewer: Viewer): boolean {
    return isStaff(viewer)
  }

  isOn(accountId: number): boolean {
    return this.twoStep.find(accountId) !== null
  }

  status(accountId: number, viewer: Viewer): TwoStepStatus {
    return {
      on: this.isOn(accountId),
      recoveryCodesLeft: this.twoStep.unusedRecoveryCodes(accountId),
      required: this.requiredFor(viewer),
    }
  }

  /**
   * The secret to add to the app while setting up, sealed for the session to keep until a
   * code proves it: the one already shown when the session has it (the person may have
   * scanned it), or a new one. Nothing is stored. Null once two-step is on.
   */
  secretForSetUp(
    account: AccountRow,
    sealedBefore: string | undefined,
  ): { sealed: string; shown: TwoStepSecret } | null {
    if (this.isOn(account.id)) return null
    const before = sealedBefore ? this.box.open(sealedBefore) : null
    const secret = before ?? newSecret()
    const sealed = before && sealedBefore ? sealedBefore : this.box.seal(secret)
    return { sealed, shown: this.describe(secret, account.email) }
  }

  /** Finishes set-up with a code from the app: the ten recovery codes to show once. */
  confirmSetUp(
    account: AccountRow,
    sealed: string,
    code: string,
    from: RequestOrigin,
  ): { kind: 'on'; recoveryCodes: string[] } | { kind: 'wrong' } | { kind: 'already-on' } {
    if (this.isOn(account.id)) return { kind: 'already-on' }
    const secret = this.box.open(sealed)
    const step = secret ? matchingTimeStep(secret, code, this.clock.now()) : null
    if (step === null) {
      this.record(account.id, 'two-step-set-up-wrong-code', from)
      return { kind: 'wrong' }
    }
    this.twoStep.setSecret(account.id, sealed, this.now(), step)
    const recoveryCodes = this.replaceCodes(account.id)
    this.record(account.id, 'two-step-set-up', from)
    return { kind: 'on', recoveryCodes }
  }

  /** Checks a code from the app at sign-in; a code works once (its time step is remembered). */
  checkCode(accountId: number, code: string, from: RequestOrigin): 'right' | 'wrong' {
    const found = this.twoStep.find(accountId)
    const secret = found ? this.box.open(found.secretSealed) : null
    const step = secret ? matchingTimeStep(secret, code, this.clock.now()) : null
    if (step === null || !this.twoStep.useTimeStep(accountId, step)) {
      this.record(accountId, 'two-step-wrong-code', from)
      return 'wrong'
    }
    return 'right'
  }

  /** Checks a recovery code at sign-in; each works once. */
  useRecoveryCode(accountId: number, code: string, from: RequestOrigin): 'right' | 'wrong' {
    const on = this.isOn(accountId)
    if (
      !on ||
      normalRecoveryCode(code).length !== 10 ||
      !this.twoStep.useRecoveryCode(accountId, recoveryHash(code), this.now())
    ) {
      this.record(accountId, 'two-step-wrong-recovery-code', from)
      return 'wrong'
    }
    this.record(accountId, 'two-step-recovery-code-used', from)
    return 'right'
  }

  /** Ten new recovery codes, replacing all the old ones; null when two-step is not on. */
  newRecoveryCodes(accountId: number, from: RequestOrigin): string[] | null {
    if (!this.isOn(accountId)) return null
    const codes = this.replaceCodes(accountId)
    this.record(accountId, 'two-step-recovery-codes-replaced', from)
    return codes
  }

  /** Turns two-step off with the account's password; staff may not. */
  async turnOff(
    accountId: number,
    viewer: Viewer,
    password: string,
    from: RequestOrigin,
  ): Promise<'off' | 'wrong-password' | 'required' | 'not-on'> {
    if (this.requiredFor(viewer)) return 'required'
    if (!this.isOn(accountId)) return 'not-on'
    const hash = this.accounts.passwordHashOf(accountId)
    if (!hash || !(await passwordMatches(hash, password))) {
      this.record(accountId, 'two-step-turn-off-wrong-password', from)
      return 'wrong-password'
    }
    this.twoStep.removeAll(accountId)
    this.record(accountId, 'two-step-turned-off', from)
    return 'off'
  }

  /**
   * For the command line (npm run user:create): a new secret, already on, for a staff account
   * to add to its app; any earlier secret and recovery codes go. Audited by the caller.
   */
  setUpForCommandLine(account: AccountRow): TwoStepSecret {
    const secret = newSecret()
    this.twoStep.removeAll(account.id)
    this.twoStep.setSecret(account.id, this.box.seal(secret), this.now())
    return this.describe(secret, account.email)
  }

  /**
   * For the demo data and tests: a known secret (base32), already on, so the README's demo
   * accounts and the test stories can make codes.
   */
  setUpWithKnownSecret(accountId: number, base32: string): void {
    const secret = fromBase32(base32)
    if (!secret) throw new Error('Not a base32 secret')
    this.twoStep.setSecret(accountId, this.box.seal(secret), this.now())
  }

  /** The time step codes are checked against now (for tests of one-use codes). */
  currentTimeStep(): number {
    return timeStepAt(this.clock.now())
  }

  private describe(secret: Uint8Array, email: string): TwoStepSecret {
    const base32 = toBase32(secret)
    return {
      secret: base32,
      grouped: groupedInFours(base32),
      otpauth: otpauthAddress(secret, TWO_STEP_ISSUER, email),
    }
  }

  private replaceCodes(accountId: number): string[] {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode)
    this.twoStep.replaceRecoveryCodes(accountId, codes.map(recoveryHash), this.now())
    return codes
  }

  private record(accountId: number, action: string, from: RequestOrigin): void {
    this.audit.record({ accountId, action, recordType: 'account', recordId: accountId, from })
  }
}
