/**
 * The codes of two-step sign-in: the RFC 6238 test vector, one step of clock drift either
 * way, each code once, recovery codes once, and secrets kept sealed, with the injectable clock.
 */
import { AccountsRepository } from '../../db/repositories/accountsRepository'
import { AuditLogRepository } from '../../db/repositories/auditLogRepository'
import { TwoStepRepository } from '../../db/repositories/twoStepRepository'
import { AuditTrail } from '../../server/services/accounts/auditTrail'
import {
  codeAt,
  fromBase32,
  groupedInFours,
  matchingTimeStep,
  otpauthAddress,
  toBase32,
} from '../../server/services/accounts/totp'
import { TwoStepService } from '../../server/services/accounts/twoStepService'
import { aMovableClock, anAccount } from '../support/accounts'
import { aDatabase } from '../support/testApp'

const RFC_SECRET = new TextEncoder().encode('12345678901234567890')

describe('codes from an authenticator app', () => {
  it('match RFC 6238’s test vector (SHA-1, six digits)', () => {
    // RFC 6238 appendix B gives 94287082 at 59 seconds; six digits are its last six.
    expect(codeAt(RFC_SECRET, new Date(59 * 1000))).toBe('287082')
    expect(codeAt(RFC_SECRET, new Date(1111111109 * 1000))).toBe('081804')
  })

  it('allow one 30-second step of drift either way, and no more', () => {
    const now = new Date('2026-12-01T10:00:15Z')
    const at = (seconds: number) => codeAt(RFC_SECRET, new Date(now.getTime() + seconds * 1000))
    const step = Math.floor(now.getTime() / 30000)
    expect(matchingTimeStep(RFC_SECRET, at(0), now)).toBe(step)
    expect(matchingTimeStep(RFC_SECRET, at(-30), now)).toBe(step - 1)
    expect(matchingTimeStep(RFC_SECRET, at(30), now)).toBe(step + 1)
    expect(matchingTimeStep(RFC_SECRET, at(-90), now)).toBeNull()
    expect(matchingTimeStep(RFC_SECRET, at(90), now)).toBeNull()
  })

  it('take a code typed with a space, and refuse anything that is not six digits', () => {
    const now = new Date('2026-12-01T10:00:00Z')
    const code = codeAt(RFC_SECRET, now)
    expect(matchingTimeStep(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, now)).not.toBeNull()
    expect(matchingTimeStep(RFC_SECRET, '12345', now)).toBeNull()
    expect(matchingTimeStep(RFC_SECRET, 'abcdef', now)).toBeNull()
  })

  it('show the secret in base32, grouped in fours, and as an otpauth address', () => {
    const base32 = toBase32(RFC_SECRET)
    expect(base32).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')
    expect(fromBase32(base32.toLowerCase())).toEqual(RFC_SECRET)
    expect(fromBase32('not base32!')).toBeNull()
    expect(groupedInFours(base32)).toBe('GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ')
    expect(otpauthAddress(RFC_SECRET, 'Common Ground', 'ann@example.org')).toBe(
      'otpauth://totp/Common%20Ground:ann%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Common%20Ground',
    )
  })
})

describe('the two-step service', () => {
  const setUp = async () => {
    const db = aDatabase()
    const clock = aMovableClock('2026-12-01T10:00:00Z')
    const service = new TwoStepService(
      new TwoStepRepository(db),
      new AccountsRepository(db),
      new AuditTrail(new AuditLogRepository(db), clock),
      clock,
      'a session secret for this test',
    )
    const account = await anAccount(db)
    return { db, clock, service, account: new AccountsRepository(db).find(account.id)! }
  }
  const from = { ip: '192.0.2.1' }

  it('turns on only with a right code, and then takes each code once', async () => {
    const { db, clock, service, account } = await setUp()
    const offered = service.secretForSetUp(account, undefined)!
    const secret = fromBase32(offered.shown.secret)!
    // The same sealed secret is offered again while setting up.
    expect(service.secretForSetUp(account, offered.sealed)!.shown.secret).toBe(offered.shown.secret)
    expect(service.confirmSetUp(account, offered.sealed, '000000', from).kind).toBe('wrong')
    expect(service.isOn(account.id)).toBe(false)
    const on = service.confirmSetUp(account, offered.sealed, codeAt(secret, clock.now()), from)
    expect(on.kind).toBe('on')
    expect(service.isOn(account.id)).toBe(true)

    // The code that turned it on cannot sign in; the next step's can, once.
    expect(service.checkCode(account.id, codeAt(secret, clock.now()), from)).toBe('wrong')
    clock.advance(30 * 1000)
    const next = codeAt(secret, clock.now())
    expect(service.checkCode(account.id, next, from)).toBe('right')
    expect(service.checkCode(account.id, next, from)).toBe('wrong')
    // An older code, still inside the drift, is refused after a newer one was used.
    expect(service.checkCode(account.id, codeAt(secret, new Date(clock.now().getTime() - 30000)), from)).toBe(
      'wrong',
    )
    expect(JSON.stringify(db.prepare('SELECT * FROM two_step').all())).not.toContain(offered.shown.secret)
  })

  it('cannot open a secret sealed under another SESSION_SECRET', async () => {
    const { db, clock, service, account } = await setUp()
    const offered = service.secretForSetUp(account, undefined)!
    const other = new TwoStepService(
      new TwoStepRepository(db),
      new AccountsRepository(db),
      new AuditTrail(new AuditLogRepository(db), clock),
      clock,
      'another secret',
    )
    const code = codeAt(fromBase32(offered.shown.secret)!, clock.now())
    expect(other.confirmSetUp(account, offered.sealed, code, from).kind).toBe('wrong')
  })

  it('takes each recovery code once, in any case and with spaces', async () => {
    const { service, account } = await setUp()
    service.setUpWithKnownSecret(account.id, 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')
    const codes = service.newRecoveryCodes(account.id, from)!
    expect(codes).toHaveLength(10)
    expect(service.useRecoveryCode(account.id, ` ${codes[3]!.toUpperCase()} `, from)).toBe('right')
    expect(service.useRecoveryCode(account.id, codes[3]!, from)).toBe('wrong')
    expect(service.status(account.id, { kind: 'member', hubIds: [] })).toEqual({
      on: true,
      recoveryCodesLeft: 9,
      required: false,
    })
  })

  it('is required of peer leads, coordinators and admins, not members', async () => {
    const { service } = await setUp()
    expect(service.requiredFor({ kind: 'member', hubIds: [] })).toBe(false)
    expect(service.requiredFor({ kind: 'hubLead', role: 'peer-lead', hubIds: [1] })).toBe(true)
    expect(service.requiredFor({ kind: 'hubLead', role: 'coordinator', hubIds: [1] })).toBe(true)
    expect(service.requiredFor({ kind: 'admin' })).toBe(true)
  })
})
