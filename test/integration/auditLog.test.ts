/**
 * The audit log: what accounts do is written down, and nothing in the app can change or
 * delete an entry; only the pruning job removes entries older than the retention period.
 */
import { AuditLogRepository } from '../../db/repositories/auditLogRepository'
import { AuditTrail } from '../../server/services/accounts/auditTrail'
import { fixedClock } from '../../server/services/clock'
import { aBrowser, anAccount, latestEmailTo } from '../support/accounts'
import { aDatabase, aTestApp } from '../support/testApp'

// Each story hashes passwords with Argon2id (19 MiB each), slow on a busy machine.
jest.setTimeout(60_000)

const actions = (db: ReturnType<typeof aDatabase>) =>
  new AuditLogRepository(db)
    .newest(100)
    .map((entry) => entry.action)
    .reverse()

describe('the audit log', () => {
  it('records sign-ins, failed ones, password changes, sign-outs and signing out everywhere, with who and from where', async () => {
    const testApp = aTestApp()
    const { id, email, password } = await anAccount(testApp.db)
    const browser = aBrowser(testApp.app)
    await browser.signIn(email, 'not my password at all')
    await browser.signIn(email, password)
    await browser.submit('/account/password', '/account/password', {
      currentPassword: password,
      newPassword: 'another long walking password',
    })
    await browser.submit('/account', '/sign-out', {})
    await browser.signIn(email, 'another long walking password')
    await browser.submit('/account/sign-out-everywhere', '/account/sign-out-everywhere', {})

    expect(actions(testApp.db)).toEqual([
      'sign-in-failed',
      'sign-in',
      'password-changed',
      'sign-out',
      'sign-in',
      'sign-out-everywhere',
    ])
    const [latest] = new AuditLogRepository(testApp.db).newest(1)
    expect(latest).toMatchObject({ accountId: id, recordType: 'account', recordId: String(id) })
    expect(latest?.ip).toBeTruthy()
  })

  it('records account creation, confirming, a reset password and a changed email', async () => {
    const testApp = aTestApp()
    const browser = aBrowser(testApp.app)
    await browser.submit('/create-account', '/create-account', {
      email: 'ivy@example.org',
      name: 'Ivy',
      password: 'purple kettle garden bus',
    })
    const token = (link: string) => new URL(link, 'http://x').searchParams.get('token') ?? ''
    const confirm = latestEmailTo(testApp.db, 'ivy@example.org').link
    await browser.submit(confirm, '/confirm-email', { token: token(confirm) })
    await browser.submit('/forgotten-password', '/forgotten-password', { email: 'ivy@example.org' })
    const reset = latestEmailTo(testApp.db, 'ivy@example.org').link
    await browser.submit(reset, '/reset-password', {
      token: token(reset),
      password: 'a new long walking password',
    })
    await browser.submit('/account/email', '/account/email', {
      newEmail: 'ivy.new@example.org',
      password: 'a new long walking password',
    })
    const change = latestEmailTo(testApp.db, 'ivy.new@example.org').link
    await browser.submit(change, '/account/email/confirm', { token: token(change) })

    expect(actions(testApp.db)).toEqual([
      'account-created',
      'email-confirmed',
      'password-reset-asked',
      'password-reset',
      'email-change-asked',
      'email-changed',
    ])
  })

  it('cannot be changed or deleted', () => {
    const db = aDatabase()
    const trail = new AuditTrail(new AuditLogRepository(db), fixedClock('2026-12-01T10:00:00Z'))
    trail.record({
      accountId: 1,
      action: 'sign-in',
      recordType: 'account',
      recordId: 1,
      from: { ip: '192.0.2.1' },
    })

    expect(() => db.prepare("UPDATE audit_log SET action = 'nothing'").run()).toThrow(
      'The audit log cannot be changed',
    )
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(
      'cannot be deleted before its retention period ends',
    )
    expect(() => db.prepare('UPDATE audit_retention SET days = 0').run()).toThrow()
    expect(actions(db)).toEqual(['sign-in'])
  })

  it('loses only entries older than the retention period, and only to the pruning job', () => {
    const db = aDatabase()
    const log = new AuditLogRepository(db)
    const old = new AuditTrail(log, fixedClock('2020-01-01T10:00:00Z'))
    const recent = new AuditTrail(log, fixedClock(new Date().toISOString()))
    old.record({ accountId: 1, action: 'sign-in' })
    recent.record({ accountId: 1, action: 'sign-out' })

    const pruned = recent.prune(365)

    expect(pruned).toBe(1)
    expect(actions(db)).toEqual(['sign-out'])
  })
})
