/**
 * Two-step sign-in, as people use it: a member turning it on from the account page, signing
 * in with a code from their app (or a recovery code when the phone is lost), getting new
 * recovery codes and turning it off again; and staff, who must set it up before anything else.
 */
import type { Db } from '../../db/connection'
import { aTestApp, type TestApp } from '../support/testApp'
import {
  TEST_TWO_STEP_SECRET,
  aBrowser,
  aMovableClock,
  anAccount,
  codeFor,
  csrfIn,
  latestEmailTo,
} from '../support/accounts'

// Each story hashes passwords with Argon2id (19 MiB each), slow on a busy machine.
jest.setTimeout(60_000)

const MINUTE = 60 * 1000

const auditActions = (db: Db, accountId: number): string[] =>
  (
    db
      .prepare("SELECT action FROM audit_log WHERE record_type = 'account' AND record_id = ? ORDER BY id")
      .all(String(accountId)) as { action: string }[]
  ).map((row) => row.action)

/** The key the set-up page shows, without its spaces. */
const keyOn = (html: string): string => {
  const grouped = /id="secret-key"[^>]*><code>([A-Z2-7 ]+)<\/code>/.exec(html)?.[1]
  if (!grouped) throw new Error('The set-up page shows no key')
  return grouped.replace(/ /g, '')
}

const recoveryCodesOn = (html: string): string[] =>
  [...html.matchAll(/<li><code>([a-z2-9]{5}-[a-z2-9]{5})<\/code><\/li>/g)].map((match) => match[1] as string)

describe('a member turning on two-step sign-in', () => {
  it('scans the QR code or types the key, confirms with a code, and gets ten recovery codes once', async () => {
    const clock = aMovableClock()
    const testApp = aTestApp({ clock })
    const member = await anAccount(testApp.db)
    const browser = aBrowser(testApp.app, { clock })
    await browser.signIn(member.email, member.password)

    const account = await browser.get('/account')
    expect(account.text).toContain('Set up two-step sign-in')

    const setUp = await browser.get('/account/two-step')
    expect(setUp.status).toBe(200)
    expect(setUp.text).toContain('<img class="cg-qr-code" src="data:image/svg+xml;base64,')
    expect(setUp.text).toMatch(/<code>([A-Z2-7]{4} ){7}[A-Z2-7]{4}<\/code>/)
    const key = keyOn(setUp.text)
    // Coming back to the page shows the same key: they may have scanned it already.
    expect(keyOn((await browser.get('/account/two-step')).text)).toBe(key)

    const empty = await browser.submit('/account/two-step', '/account/two-step', { code: '' })
    expect(empty.status).toBe(400)
    expect(empty.text).toContain('Enter the 6-digit code from your authenticator app')
    const letters = await browser.submit('/account/two-step', '/account/two-step', { code: 'abcdef' })
    expect(letters.text).toContain('The code must be numbers only')
    const wrongCode = codeFor(key, new Date(clock.now().getTime() - 10 * MINUTE))
    const wrong = await browser.submit('/account/two-step', '/account/two-step', { code: wrongCode })
    expect(wrong.status).toBe(400)
    expect(wrong.text).toContain('That code is not right')

    const done = await browser.submit('/account/two-step', '/account/two-step', {
      code: codeFor(key, clock.now()),
    })
    expect(done.status).toBe(200)
    expect(done.text).toContain('Two-step sign-in is set up')
    expect(done.text).toContain('Keep these codes safe')
    const codes = recoveryCodesOn(done.text)
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)

    // Stored sealed and hashed: the database holds neither the key nor the codes.
    const stored = JSON.stringify(testApp.db.prepare('SELECT * FROM two_step').all())
    const storedCodes = JSON.stringify(testApp.db.prepare('SELECT * FROM recovery_codes').all())
    expect(stored).not.toContain(key)
    for (const code of codes) expect(storedCodes).not.toContain(code)

    const after = await browser.get('/account')
    expect(after.text).toContain('On. 10 recovery codes left')
    expect(after.text).toContain('Turn off two-step sign-in')
    // The set-up page is not shown again once it is on.
    expect((await browser.get('/account/two-step')).status).toBe(303)
    expect(auditActions(testApp.db, member.id)).toEqual(
      expect.arrayContaining(['two-step-set-up-wrong-code', 'two-step-set-up']),
    )
  })
})

describe('signing in with two-step sign-in', () => {
  let clock: ReturnType<typeof aMovableClock>
  let testApp: TestApp
  let member: { id: number; email: string; password: string }
  beforeEach(async () => {
    clock = aMovableClock()
    testApp = aTestApp({ clock })
    member = await anAccount(testApp.db, { twoStep: true })
  })

  it('asks for the code after the password, and signs in only when it is right', async () => {
    const browser = aBrowser(testApp.app, { clock })
    await browser.get('/sign-in')
    const password = await browser.signIn(member.email, member.password, { code: false })
    expect(password.status).toBe(303)
    expect(password.headers.location).toBe('/sign-in/code')
    const before = browser.sessionId(password)

    // Not signed in yet.
    expect((await browser.get('/account')).headers.location).toMatch(/^\/sign-in/)

    const codePage = await browser.get('/sign-in/code')
    expect(codePage.text).toContain('Enter the code from your authenticator app')
    expect(codePage.text).toContain('autocomplete="one-time-code"')
    expect(codePage.text).toContain('Use a recovery code instead')

    const wrong = await browser.submit('/sign-in/code', '/sign-in/code', {
      code: codeFor(TEST_TWO_STEP_SECRET, new Date(clock.now().getTime() - 5 * MINUTE)),
    })
    expect(wrong.status).toBe(400)
    expect(wrong.text).toContain('That code is not right')
    const short = await browser.submit('/sign-in/code', '/sign-in/code', { code: '123' })
    expect(short.text).toContain('The code must be 6 numbers')

    const code = codeFor(TEST_TWO_STEP_SECRET, clock.now())
    const right = await browser.submit('/sign-in/code', '/sign-in/code', { code })
    expect(right.status).toBe(303)
    expect(right.headers.location).toBe('/account')
    const after = browser.sessionId(right)
    expect(after).not.toBeNull()
    expect(after).not.toBe(before)
    expect((await browser.get('/account')).status).toBe(200)
    expect(auditActions(testApp.db, member.id)).toContain('two-step-wrong-code')

    // The same code cannot be used again, even from another browser.
    const thief = aBrowser(testApp.app, { clock })
    await thief.signIn(member.email, member.password, { code: false })
    const again = await thief.submit('/sign-in/code', '/sign-in/code', { code })
    expect(again.status).toBe(400)
  })

  it('accepts a code from a phone whose clock is 30 seconds out, but not 2 minutes', async () => {
    const browser = aBrowser(testApp.app, { clock })
    await browser.signIn(member.email, member.password, { code: false })
    const late = codeFor(TEST_TWO_STEP_SECRET, new Date(clock.now().getTime() + 2 * MINUTE))
    expect((await browser.submit('/sign-in/code', '/sign-in/code', { code: late })).status).toBe(400)
    const slow = codeFor(TEST_TWO_STEP_SECRET, new Date(clock.now().getTime() - 30 * 1000))
    expect((await browser.submit('/sign-in/code', '/sign-in/code', { code: slow })).status).toBe(303)
  })

  it('gives the 429 page after five wrong codes, while another account still signs in', async () => {
    const browser = aBrowser(testApp.app, { clock })
    await browser.signIn(member.email, member.password, { code: false })
    const statuses: number[] = []
    for (let i = 0; i < 6; i++) {
      const wrong = await browser.submit('/sign-in/code', '/sign-in/code', { code: '000000' })
      statuses.push(wrong.status)
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400])
    expect(statuses[5]).toBe(429)
    // A right password does not start the count again.
    const fresh = aBrowser(testApp.app, { clock })
    expect((await fresh.signIn(member.email, member.password, { code: false })).status).toBe(429)

    const other = await anAccount(testApp.db, { twoStep: true })
    const otherBrowser = aBrowser(testApp.app, { clock })
    expect((await otherBrowser.signIn(other.email, other.password)).headers.location).toBe('/account')
  })

  it('lets a recovery code in once, and new recovery codes replace the old ones', async () => {
    const browser = aBrowser(testApp.app, { clock })
    await browser.signIn(member.email, member.password)
    const made = await browser.submit(
      '/account/two-step/recovery-codes',
      '/account/two-step/recovery-codes',
      {},
    )
    expect(made.text).toContain('Your new recovery codes')
    const codes = recoveryCodesOn(made.text)
    expect(codes).toHaveLength(10)

    const phoneLost = aBrowser(testApp.app, { clock })
    await phoneLost.signIn(member.email, member.password, { code: false })
    const recoveryPage = await phoneLost.get('/sign-in/recovery-code')
    expect(recoveryPage.text).toContain('Enter a recovery code')
    const blank = await phoneLost.submit('/sign-in/recovery-code', '/sign-in/recovery-code', {
      recoveryCode: '',
    })
    expect(blank.text).toContain('Enter one of your recovery codes')
    const used = await phoneLost.submit('/sign-in/recovery-code', '/sign-in/recovery-code', {
      recoveryCode: ` ${(codes[0] as string).toUpperCase()} `,
    })
    expect(used.status).toBe(303)
    expect((await phoneLost.get('/account')).text).toContain('You used a recovery code. You have 9 left.')
    expect(auditActions(testApp.db, member.id)).toEqual(
      expect.arrayContaining(['two-step-recovery-codes-replaced', 'two-step-recovery-code-used']),
    )

    const twice = aBrowser(testApp.app, { clock })
    await twice.signIn(member.email, member.password, { code: false })
    const again = await twice.submit('/sign-in/recovery-code', '/sign-in/recovery-code', {
      recoveryCode: codes[0] as string,
    })
    expect(again.status).toBe(400)
    expect(again.text).toContain('it has been used already')

    // New codes: the old ones stop working.
    clock.advance(MINUTE)
    const newer = await phoneLost.submit(
      '/account/two-step/recovery-codes',
      '/account/two-step/recovery-codes',
      {},
    )
    const newCodes = recoveryCodesOn(newer.text)
    const old = await twice.submit('/sign-in/recovery-code', '/sign-in/recovery-code', {
      recoveryCode: codes[1] as string,
    })
    expect(old.status).toBe(400)
    const fresh = await twice.submit('/sign-in/recovery-code', '/sign-in/recovery-code', {
      recoveryCode: newCodes[0] as string,
    })
    expect(fresh.status).toBe(303)
  })

  it('asks for the code after an emailed sign-in link too', async () => {
    const browser = aBrowser(testApp.app, { clock })
    await browser.submit('/sign-in/email-link', '/sign-in/email-link', { email: member.email })
    const { link } = latestEmailTo(testApp.db, member.email)
    const used = await browser.submit(link, '/sign-in/link', {
      token: new URL(link, 'http://x').searchParams.get('token') ?? '',
    })
    expect(used.headers.location).toBe('/sign-in/code')
    expect((await browser.get('/account')).status).toBe(303)
    const right = await browser.submit('/sign-in/code', '/sign-in/code', {
      code: codeFor(TEST_TWO_STEP_SECRET, clock.now()),
    })
    expect(right.headers.location).toBe('/account')
  })

  it('sends someone back to sign in when they wait too long at the code page', async () => {
    const browser = aBrowser(testApp.app, { clock })
    await browser.signIn(member.email, member.password, { code: false })
    const codePage = await browser.get('/sign-in/code')
    clock.advance(11 * MINUTE)
    const late = await browser.agent
      .post('/sign-in/code')
      .type('form')
      .send({ code: codeFor(TEST_TWO_STEP_SECRET, clock.now()), _csrf: csrfIn(codePage.text) })
    expect(late.status).toBe(303)
    expect(late.headers.location).toBe('/sign-in')
    expect((await browser.get('/account')).status).toBe(303)
  })
})

describe('turning two-step sign-in off', () => {
  it('needs the member’s password', async () => {
    const clock = aMovableClock()
    const testApp = aTestApp({ clock })
    const member = await anAccount(testApp.db, { twoStep: true })
    const browser = aBrowser(testApp.app, { clock })
    await browser.signIn(member.email, member.password)

    const blank = await browser.submit('/account/two-step/turn-off', '/account/two-step/turn-off', {
      password: '',
    })
    expect(blank.status).toBe(400)
    expect(blank.text).toContain('Enter your password')
    const wrong = await browser.submit('/account/two-step/turn-off', '/account/two-step/turn-off', {
      password: 'not my password at all',
    })
    expect(wrong.status).toBe(400)
    expect(wrong.text).toContain('Your password is not right')
    expect(testApp.db.prepare('SELECT count(*) AS n FROM two_step').get()).toEqual({ n: 1 })

    const off = await browser.submit('/account/two-step/turn-off', '/account/two-step/turn-off', {
      password: member.password,
    })
    expect(off.headers.location).toBe('/account')
    expect((await browser.get('/account')).text).toContain('Two-step sign-in is turned off.')
    expect(testApp.db.prepare('SELECT count(*) AS n FROM two_step').get()).toEqual({ n: 0 })
    expect(auditActions(testApp.db, member.id)).toEqual(
      expect.arrayContaining(['two-step-turn-off-wrong-password', 'two-step-turned-off']),
    )
    // Signing in again needs only the password.
    const next = aBrowser(testApp.app, { clock })
    expect((await next.signIn(member.email, member.password, { code: false })).headers.location).toBe(
      '/account',
    )
  })

  it('is not offered to a coordinator, who must keep it', async () => {
    const testApp = aTestApp()
    const coordinator = await anAccount(testApp.db, { role: 'coordinator', allHubs: true })
    const browser = aBrowser(testApp.app)
    await browser.signIn(coordinator.email, coordinator.password)
    const account = await browser.get('/account')
    expect(account.text).toContain('two-step sign-in stays on')
    expect(account.text).not.toContain('Turn off two-step sign-in')
    expect((await browser.get('/account/two-step/turn-off')).headers.location).toBe('/account')
  })
})

describe('staff without two-step sign-in', () => {
  it('reach nothing but its set-up page until it is set up', async () => {
    const clock = aMovableClock()
    const testApp = aTestApp({ clock })
    const admin = await anAccount(testApp.db, { role: 'admin', twoStep: false })
    const browser = aBrowser(testApp.app, { clock })
    const signedIn = await browser.signIn(admin.email, admin.password)
    expect(signedIn.status).toBe(303)

    const pages = [
      '/account',
      '/account/password',
      '/account/email',
      '/account/sign-out-everywhere',
      '/account/two-step/recovery-codes',
      '/account/two-step/turn-off',
      '/',
      '/search?q=walking',
      '/hubs',
      '/people',
      '/help',
      '/dev/outbox',
      '/admin',
    ]
    for (const path of pages) {
      const response = await browser.get(path)
      expect({ path, status: response.status, to: response.headers.location }).toEqual({
        path,
        status: 303,
        to: '/account/two-step',
      })
    }
    // Forms elsewhere are not taken either.
    const changed = await browser.submit('/account/two-step', '/account/password', {
      currentPassword: admin.password,
      newPassword: 'a completely new password here',
    })
    expect(changed.headers.location).toBe('/account/two-step')

    const setUp = await browser.get('/account/two-step')
    expect(setUp.status).toBe(200)
    expect(setUp.text).toContain('you need to set up two-step sign-in before you can use your account')
    expect((await browser.get('/sign-out')).status).toBe(200)

    const done = await browser.submit('/account/two-step', '/account/two-step', {
      code: codeFor(keyOn(setUp.text), clock.now()),
    })
    expect(done.status).toBe(200)
    expect(recoveryCodesOn(done.text)).toHaveLength(10)
    expect((await browser.get('/account')).status).toBe(200)
  })
})
