/**
 * Accounts, as people use them: creating one and confirming it by the emailed link, signing
 * in and out, a forgotten password, signing in with an emailed link, changing the email
 * address, and the rules that keep accounts safe.
 */
import { aTestApp, type TestApp } from '../support/testApp'
import {
  GOOD_PASSWORD,
  aBrowser,
  aMovableClock,
  anAccount,
  emailsTo,
  latestEmailTo,
} from '../support/accounts'

// Each story hashes passwords with Argon2id (19 MiB each), slow on a busy machine.
jest.setTimeout(60_000)

describe('a volunteer creating an account', () => {
  let testApp: TestApp
  beforeEach(() => {
    testApp = aTestApp()
  })

  it('creates it, confirms the address by the emailed link and is signed in', async () => {
    const browser = aBrowser(testApp.app)
    const created = await browser.submit('/create-account', '/create-account', {
      email: 'Maureen.Able@Example.org',
      name: 'Maureen',
      password: GOOD_PASSWORD,
    })
    expect(created.status).toBe(200)
    expect(created.text).toContain('Check your email')

    const email = latestEmailTo(testApp.db, 'maureen.able@example.org')
    expect(email.subject).toBe('Confirm your email address for Common Ground')
    expect(email.body).toContain('for the next 24 hours')

    const confirmPage = await browser.get(email.link)
    expect(confirmPage.text).toContain('Confirm my email address')
    const confirmed = await browser.submit(email.link, '/confirm-email', {
      token: new URL(email.link, 'http://x').searchParams.get('token') ?? '',
    })
    expect(confirmed.status).toBe(303)
    expect(confirmed.headers.location).toBe('/account')

    const account = await browser.get('/account')
    expect(account.text).toContain('Your email address is confirmed')
    expect(account.text).toContain('Maureen')
    // The header shows who is signed in, and how to sign out.
    expect(account.text).toContain('Your account')
    expect(account.text).toMatch(/<form action="\/sign-out" method="post"/)
  })

  it('keeps the password only as an Argon2id hash', async () => {
    const browser = aBrowser(testApp.app)
    await browser.submit('/create-account', '/create-account', {
      email: 'len@example.org',
      name: 'Len',
      password: GOOD_PASSWORD,
    })
    const row = testApp.db
      .prepare('SELECT password_hash AS hash FROM accounts WHERE email = ?')
      .get('len@example.org') as {
      hash: string
    }
    expect(row.hash.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true)
    expect(row.hash).not.toContain(GOOD_PASSWORD)
  })

  it.each([
    ['a short password', 'walk12', 'at least 8 characters'],
    ['a common password', 'password123', 'too common'],
    ['their own email address', 'MAUREEN@EXAMPLE.ORG', 'must not be your name or email address'],
    ['a password that is their name', 'maureen1946', 'must not be your name or email address'],
  ])('is told plainly why %s will not do, with what they typed kept', async (_story, password, reason) => {
    const browser = aBrowser(testApp.app)
    const response = await browser.submit('/create-account', '/create-account', {
      email: 'maureen@example.org',
      name: 'Maureen',
      password,
    })
    expect(response.status).toBe(400)
    expect(response.text).toContain('<title>Error: Create an account')
    expect(response.text).toContain('There is a problem')
    expect(response.text).toContain(reason)
    expect(response.text).toContain('value="maureen@example.org"')
    // The password is never put back into the page.
    expect(response.text).not.toContain(password)
  })

  it('with an address that already has an account is told the same, and the owner gets an email', async () => {
    const owner = await anAccount(testApp.db, { email: 'taken@example.org' })
    const browser = aBrowser(testApp.app)
    const response = await browser.submit('/create-account', '/create-account', {
      email: owner.email,
      name: 'Someone',
      password: 'another fine long password',
    })
    expect(response.status).toBe(200)
    expect(response.text).toContain('Check your email')
    expect(latestEmailTo(testApp.db, owner.email).subject).toBe('You already have a Common Ground account')
    expect(testApp.db.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual({ n: 1 })
  })

  it('cannot give itself a role or a hub by adding them to the form', async () => {
    const browser = aBrowser(testApp.app)
    const page = await browser.get('/create-account')
    await browser.agent
      .post('/create-account')
      .type('form')
      .send({
        email: 'sneaky@example.org',
        name: 'Sneaky',
        password: GOOD_PASSWORD,
        role: 'admin',
        allHubs: '1',
        hub: '1',
        hubIds: '1',
        _csrf: /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '',
      })
    const row = testApp.db
      .prepare('SELECT id, role, all_hubs AS allHubs FROM accounts WHERE email = ?')
      .get('sneaky@example.org') as { id: number; role: string; allHubs: number }
    expect(row).toMatchObject({ role: 'member', allHubs: 0 })
    expect(testApp.db.prepare('SELECT count(*) AS n FROM account_hubs').get()).toEqual({ n: 0 })
  })
})

describe('signing in and out', () => {
  let testApp: TestApp
  beforeEach(() => {
    testApp = aTestApp()
  })

  it('a member signs in with a new session id, sees their name, and signs out', async () => {
    const { email, password } = await anAccount(testApp.db, { name: 'Dorothy' })
    const browser = aBrowser(testApp.app)
    const before = await browser.get('/sign-in')
    const visitorSession = browser.sessionId(before)
    expect(visitorSession).not.toBeNull()

    const signedIn = await browser.signIn(email, password)
    expect(signedIn.status).toBe(303)
    const signedInSession = browser.sessionId(signedIn)
    expect(signedInSession).not.toBeNull()
    expect(signedInSession).not.toBe(visitorSession)
    expect(signedIn.headers['set-cookie']?.[0]).toMatch(/HttpOnly/)
    expect(signedIn.headers['set-cookie']?.[0]).toMatch(/SameSite=Lax/)

    const start = await browser.get('/')
    expect(start.text).toContain('Dorothy')
    expect(start.text).not.toContain('>Sign in</a>')

    const signedOut = await browser.submit('/account', '/sign-out', {})
    expect(signedOut.status).toBe(303)
    expect(signedOut.headers.location).toBe('/signed-out')
    const account = await browser.get('/account')
    expect(account.status).toBe(303)
    expect(account.headers.location).toBe('/sign-in')
    expect(
      testApp.db.prepare('SELECT count(*) AS n FROM sessions WHERE account_id IS NOT NULL').get(),
    ).toEqual({ n: 0 })
  })

  it('a wrong password and an unknown address get the same answer', async () => {
    const { email } = await anAccount(testApp.db)
    const browser = aBrowser(testApp.app)
    const wrongPassword = await browser.signIn(email, 'not the password at all')
    const unknown = await browser.signIn('nobody@example.org', 'not the password at all')
    expect(wrongPassword.status).toBe(400)
    expect(unknown.status).toBe(400)
    const message = 'The email address or password is not right'
    expect(wrongPassword.text).toContain(message)
    expect(unknown.text).toContain(message)
    expect(wrongPassword.text).toContain(`value="${email}"`)
  })

  it('returns to the page asked for, but only to a page on this site', async () => {
    const { email, password } = await anAccount(testApp.db)
    const browser = aBrowser(testApp.app)
    const asked = await browser.get('/account/password')
    expect(asked.headers.location).toBe('/sign-in?return=%2Faccount%2Fpassword')
    const back = await browser.submit(asked.headers.location as string, '/sign-in', {
      email,
      password,
      return: '/account/password',
    })
    expect(back.headers.location).toBe('/account/password')

    const other = aBrowser(testApp.app)
    const away = await other.submit('/sign-in', '/sign-in', { email, password, return: '//evil.example/' })
    expect(away.headers.location).toBe('/account')
  })

  it('"Sign out everywhere" ends the sessions on every device', async () => {
    const { email, password } = await anAccount(testApp.db)
    const phone = aBrowser(testApp.app)
    const laptop = aBrowser(testApp.app)
    await phone.signIn(email, password)
    await laptop.signIn(email, password)
    expect((await phone.get('/account')).status).toBe(200)

    const done = await laptop.submit('/account/sign-out-everywhere', '/account/sign-out-everywhere', {})
    expect(done.headers.location).toBe('/signed-out?everywhere=yes')
    expect((await phone.get('/account')).status).toBe(303)
    expect((await laptop.get('/account')).status).toBe(303)
  })

  it('repeated wrong passwords for one account give 429, while another account still signs in', async () => {
    const target = await anAccount(testApp.db)
    const other = await anAccount(testApp.db)
    const attacker = aBrowser(testApp.app)
    const statuses: number[] = []
    for (let i = 0; i < 7; i++)
      statuses.push((await attacker.signIn(target.email, `wrong guess ${i}`)).status)
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400])
    expect(statuses.slice(5)).toEqual([429, 429])
    const blocked = await attacker.signIn(target.email, target.password)
    expect(blocked.status).toBe(429)
    expect(blocked.text).toContain('You have tried too many times')
    expect(blocked.text).toContain('try again in 15 minutes')
    expect(blocked.headers['retry-after']).toBeDefined()

    // From the same address, another person's account is not locked.
    const neighbour = await aBrowser(testApp.app).signIn(other.email, other.password)
    expect(neighbour.status).toBe(303)
  })
})

describe('emailed links', () => {
  it('a forgotten password is set again through a link that works once', async () => {
    const testApp = aTestApp()
    const { email } = await anAccount(testApp.db)
    const browser = aBrowser(testApp.app)
    const asked = await browser.submit('/forgotten-password', '/forgotten-password', { email })
    expect(asked.text).toContain('If that address has an account, we have sent it an email with a link')

    const sent = latestEmailTo(testApp.db, email)
    expect(sent.body).toContain('for the next 1 hour')
    const token = new URL(sent.link, 'http://x').searchParams.get('token') ?? ''
    const reset = await browser.submit(sent.link, '/reset-password', {
      token,
      password: 'a brand new walking password',
    })
    expect(reset.status).toBe(303)
    expect((await aBrowser(testApp.app).signIn(email, 'a brand new walking password')).status).toBe(303)
    expect((await aBrowser(testApp.app).signIn(email, GOOD_PASSWORD)).status).toBe(400)

    const again = await browser.get(sent.link)
    expect(again.status).toBe(410)
    expect(again.text).toContain('That link does not work')
  })

  it('an address with no account gets the same answer and no email', async () => {
    const testApp = aTestApp()
    const browser = aBrowser(testApp.app)
    const asked = await browser.submit('/forgotten-password', '/forgotten-password', {
      email: 'nobody@example.org',
    })
    expect(asked.status).toBe(200)
    expect(asked.text).toContain('If that address has an account, we have sent it an email with a link')
    expect(emailsTo(testApp.db, 'nobody@example.org')).toBe(0)
  })

  it('"Email me a link to sign in" signs in once, and the link stops working after 15 minutes', async () => {
    const clock = aMovableClock()
    const testApp = aTestApp({ clock })
    const { email } = await anAccount(testApp.db)
    const browser = aBrowser(testApp.app)

    await browser.submit('/sign-in/email-link', '/sign-in/email-link', { email })
    const first = latestEmailTo(testApp.db, email)
    expect(first.subject).toBe('Your link to sign in to Common Ground')
    expect(first.body).toContain('for the next 15 minutes')
    const token = (link: string) => new URL(link, 'http://x').searchParams.get('token') ?? ''
    const used = await browser.submit(first.link, '/sign-in/link', { token: token(first.link) })
    expect(used.status).toBe(303)
    expect((await browser.get('/account')).status).toBe(200)

    // Once used, never again.
    const other = aBrowser(testApp.app)
    const reused = await other.submit('/sign-in', '/sign-in/link', { token: token(first.link) })
    expect(reused.status).toBe(410)

    // A new link, opened too late.
    await other.submit('/sign-in/email-link', '/sign-in/email-link', { email })
    const second = latestEmailTo(testApp.db, email)
    clock.advance(16 * 60 * 1000)
    expect((await other.get(second.link)).status).toBe(410)
    const late = await other.submit('/sign-in', '/sign-in/link', { token: token(second.link) })
    expect(late.status).toBe(410)
    expect((await other.get('/account')).status).toBe(303)
  })

  it('changing the email address needs the password and a link sent to the new address', async () => {
    const testApp = aTestApp()
    const { email, password } = await anAccount(testApp.db, { email: 'old@example.org' })
    const browser = aBrowser(testApp.app)
    await browser.signIn(email, password)

    const wrong = await browser.submit('/account/email', '/account/email', {
      newEmail: 'new@example.org',
      password: 'nope nope nope',
    })
    expect(wrong.status).toBe(400)
    expect(wrong.text).toContain('Your password is not right')
    expect(wrong.text).toContain('value="new@example.org"')

    const asked = await browser.submit('/account/email', '/account/email', {
      newEmail: 'new@example.org',
      password,
    })
    expect(asked.text).toContain('Check your email')
    // Nothing changes until the link is used.
    expect((await browser.get('/account')).text).toContain('old@example.org')

    const link = latestEmailTo(testApp.db, 'new@example.org')
    const token = new URL(link.link, 'http://x').searchParams.get('token') ?? ''
    const changed = await browser.submit(link.link, '/account/email/confirm', { token })
    expect(changed.status).toBe(303)
    expect((await browser.get('/account')).text).toContain('Your email address is now new@example.org')
    expect(latestEmailTo(testApp.db, 'old@example.org').subject).toBe(
      'Your Common Ground email address has changed',
    )
    expect((await aBrowser(testApp.app).signIn('new@example.org', password)).status).toBe(303)
  })

  it('a GET of a link changes nothing: only the button does', async () => {
    const testApp = aTestApp()
    const { email } = await anAccount(testApp.db)
    const browser = aBrowser(testApp.app)
    await browser.submit('/sign-in/email-link', '/sign-in/email-link', { email })
    const { link } = latestEmailTo(testApp.db, email)
    await browser.get(link)
    await browser.get(link)
    expect((await browser.get('/account')).status).toBe(303)
    expect((await browser.get(link)).status).toBe(200)
  })
})

describe('forms from elsewhere', () => {
  let testApp: TestApp
  beforeAll(() => {
    testApp = aTestApp()
  })

  it.each(['/sign-in', '/create-account', '/forgotten-password', '/sign-out', '/account/password'])(
    'a POST to %s with no token gets the plain 403 page and changes nothing',
    async (path) => {
      const response = await aBrowser(testApp.app)
        .agent.post(path)
        .type('form')
        .send({ email: 'a@example.org' })
      expect(response.status).toBe(403)
      expect(response.text).toContain('Sorry, that did not work')
      expect(response.text.match(/<h1[ >]/g)).toHaveLength(1)
    },
  )

  it('a POST with a token from another session gets 403', async () => {
    const { email, password } = await anAccount(testApp.db)
    const mine = aBrowser(testApp.app)
    const theirs = aBrowser(testApp.app)
    await theirs.get('/sign-in')
    const page = await mine.get('/sign-in')
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? ''
    const response = await theirs.agent.post('/sign-in').type('form').send({ email, password, _csrf: token })
    expect(response.status).toBe(403)
    const wrong = await mine.agent
      .post('/sign-in')
      .type('form')
      .send({ email, password, _csrf: `${token}x` })
    expect(wrong.status).toBe(403)
  })
})

describe('the idle time-out', () => {
  it('signs a coordinator out after 30 minutes without activity, on the server', async () => {
    const clock = aMovableClock()
    const testApp = aTestApp({ clock })
    const coordinator = await anAccount(testApp.db, { role: 'coordinator', allHubs: true })
    const browser = aBrowser(testApp.app, { clock })
    await browser.signIn(coordinator.email, coordinator.password)
    clock.advance(29 * 60 * 1000)
    expect((await browser.get('/account')).status).toBe(200)
    clock.advance(29 * 60 * 1000)
    expect((await browser.get('/account')).status).toBe(200)
    clock.advance(31 * 60 * 1000)
    const after = await browser.get('/account')
    expect(after.status).toBe(303)
    const signIn = await browser.get(after.headers.location as string)
    expect(signIn.text).toContain('You were signed out because you had not done anything for a while')
  })

  it('keeps a member signed in for days', async () => {
    const clock = aMovableClock()
    const testApp = aTestApp({ clock })
    const member = await anAccount(testApp.db)
    const browser = aBrowser(testApp.app)
    await browser.signIn(member.email, member.password)
    clock.advance(3 * 24 * 60 * 60 * 1000)
    expect((await browser.get('/account')).status).toBe(200)
  })

  it('gives staff pages the time-out warning, and members none', async () => {
    const testApp = aTestApp()
    const admin = await anAccount(testApp.db, { role: 'admin' })
    const member = await anAccount(testApp.db)
    const adminBrowser = aBrowser(testApp.app)
    await adminBrowser.signIn(admin.email, admin.password)
    const memberBrowser = aBrowser(testApp.app)
    await memberBrowser.signIn(member.email, member.password)
    const staffPage = await adminBrowser.get('/account')
    expect(staffPage.text).toContain('You are about to be signed out')
    expect(staffPage.text).toContain('data-idle-minutes="30"')
    expect((await memberBrowser.get('/account')).text).not.toContain('You are about to be signed out')

    const kept = await adminBrowser.agent
      .post('/account/keep-alive')
      .type('form')
      .send({ _csrf: /data-csrf="([^"]+)"/.exec(staffPage.text)?.[1] ?? '' })
    expect(kept.status).toBe(204)
  })
})

describe('in production', () => {
  const testApp = aTestApp({ config: { env: 'production' } })

  it('the session cookie is Secure, HttpOnly, SameSite=Lax and has the __Host- prefix', async () => {
    const response = await aBrowser(testApp.app).get('/sign-in').set('X-Forwarded-Proto', 'https')
    const cookie = (response.headers['set-cookie'] as unknown as string[])[0] ?? ''
    expect(cookie).toMatch(/^__Host-cg_session=/)
    expect(cookie).toMatch(/; Path=\//)
    expect(cookie).toMatch(/; HttpOnly/)
    expect(cookie).toMatch(/; Secure/)
    expect(cookie).toMatch(/; SameSite=Lax/)
    expect(cookie).not.toMatch(/Domain=/)
  })

  it('has no /dev/outbox', async () => {
    expect((await aBrowser(testApp.app).get('/dev/outbox')).status).toBe(404)
  })
})

describe('the outbox, outside production', () => {
  it('shows the newest email first, with its link to open', async () => {
    const testApp = aTestApp()
    const { email } = await anAccount(testApp.db)
    const browser = aBrowser(testApp.app)
    await browser.submit('/forgotten-password', '/forgotten-password', { email })
    await browser.submit('/sign-in/email-link', '/sign-in/email-link', { email })
    const outbox = await browser.get('/dev/outbox')
    expect(outbox.status).toBe(200)
    const signIn = outbox.text.indexOf('Your link to sign in to Common Ground')
    const reset = outbox.text.indexOf('Set a new password for Common Ground')
    expect(signIn).toBeGreaterThan(-1)
    expect(signIn).toBeLessThan(reset)
    expect(outbox.text).toContain('<a class="govuk-link" href="http://localhost:3000/sign-in/link?token')
  })
})

describe('the start page', () => {
  it('says what an account is for, and that nobody needs one to find help', async () => {
    const response = await aBrowser(aTestApp().app).get('/')
    expect(response.text).toContain('Share your skills with your local hub')
    expect(response.text).toContain('You do not need an account to find help')
    expect(response.headers['set-cookie']).toBeUndefined()
  })
})
