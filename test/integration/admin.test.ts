/**
 * The admin pages, as an admin uses them: finding accounts, changing a role and its hubs,
 * disabling an account (which signs it out everywhere) and turning it back on, and reading
 * the audit log through its filters. Everyone else gets the 403 page, and no other form can
 * give anyone a role or a hub.
 */
import fs from 'node:fs'
import { AccountsRepository } from '../../db/repositories/accountsRepository'
import { AuditLogRepository } from '../../db/repositories/auditLogRepository'
import { DEMO_TWO_STEP_SECRET } from '../../db/seed/accounts'
import { GOOD_PASSWORD, aBrowser, anAccount, codeFor, csrfIn } from '../support/accounts'
import { projectPath } from '../../server/paths'
import { aDemoTestApp, type TestApp } from '../support/testApp'

// Stories sign in, hashing passwords with Argon2id: slow on a busy machine.
jest.setTimeout(60_000)

const hubId = (testApp: TestApp, slug: string): number =>
  (testApp.db.prepare('SELECT id FROM hubs WHERE slug = ?').get(slug) as { id: number }).id

async function anAdminSignedIn(testApp: TestApp) {
  const admin = await anAccount(testApp.db, { role: 'admin', name: 'Ada Admin' })
  const browser = aBrowser(testApp.app)
  expect((await browser.signIn(admin.email, admin.password)).status).toBe(303)
  return { admin, browser }
}

const latestAudit = (testApp: TestApp) => new AuditLogRepository(testApp.db).newest(1)[0]

describe('an admin looking after accounts', () => {
  let testApp: TestApp
  beforeEach(() => {
    testApp = aDemoTestApp()
  })

  it('sees the Admin link in the header, which others do not', async () => {
    const { browser } = await anAdminSignedIn(testApp)
    expect((await browser.get('/')).text).toContain('href="/admin"')
    const member = await anAccount(testApp.db)
    const memberBrowser = aBrowser(testApp.app)
    await memberBrowser.signIn(member.email, member.password)
    const page = await memberBrowser.get('/')
    expect(page.text).toContain('Your account')
    expect(page.text).not.toContain('href="/admin"')
  })

  it('finds an account by part of its name or email, by role, and a page at a time', async () => {
    const accounts = new AccountsRepository(testApp.db)
    for (let n = 1; n <= 30; n++) {
      accounts.create({
        email: `walker${String(n).padStart(2, '0')}@example.net`,
        displayName: `Walker ${String(n).padStart(2, '0')}`,
        passwordHash: null,
        at: '2026-11-01T10:00:00Z',
      })
    }
    accounts.create({
      email: 'bea@example.net',
      displayName: 'Beatrice Okafor',
      passwordHash: null,
      at: '2026-11-01T10:00:00Z',
    })
    const { browser } = await anAdminSignedIn(testApp)

    const byName = await browser.get('/admin/accounts?q=okaf')
    expect(byName.status).toBe(200)
    expect(byName.text).toContain('Beatrice Okafor')
    expect(byName.text).toContain('1 account found.')
    expect(byName.text).not.toContain('Walker 01')

    const byEmail = await browser.get('/admin/accounts?q=BEA%40EXAMPLE')
    expect(byEmail.text).toContain('Beatrice Okafor')

    const firstPage = await browser.get('/admin/accounts?q=walker')
    expect(firstPage.text).toContain('30 accounts found.')
    expect(firstPage.text).toContain('Walker 01')
    expect(firstPage.text).not.toContain('Walker 26')
    expect(firstPage.text).toMatch(/href="\/admin\/accounts\?q(=|&#x3D;)walker&amp;page(=|&#x3D;)2"/)
    const secondPage = await browser.get('/admin/accounts?q=walker&page=2')
    expect(secondPage.text).toContain('Walker 26')
    expect(secondPage.text).not.toContain('Walker 01')

    const admins = await browser.get('/admin/accounts?role=admin')
    expect(admins.text).toContain('Ada Admin')
    expect(admins.text).toContain('Demo Admin')
    expect(admins.text).not.toContain('Demo Member')

    // What a search box takes literally: a % is a letter, not "anything".
    expect((await browser.get('/admin/accounts?q=%25')).text).toContain('No accounts found.')
  })

  it('makes a member a coordinator of two hubs found by typing, with a reason, and it is audited', async () => {
    const volunteer = await anAccount(testApp.db, { name: 'Gwen Parry' })
    const { admin, browser } = await anAdminSignedIn(testApp)
    const rolePage = `/admin/accounts/${volunteer.id}/role`

    // Finding a hub by part of its name offers it to tick; nothing changes yet.
    const form = await browser.get(rolePage)
    const found = await browser.agent
      .post(rolePage)
      .type('form')
      .send({
        _csrf: csrfIn(form.text),
        role: 'coordinator',
        find: 'Sheff',
        reason: 'Runs the Sheffield hub',
        action: 'find',
      })
    expect(found.status).toBe(200)
    expect(found.text).toMatch(/<input[^>]+name="hub"[^>]+value="sheffield"/)
    expect(found.text).toContain('Runs the Sheffield hub')
    expect(new AccountsRepository(testApp.db).find(volunteer.id)?.role).toBe('member')

    // Finding another by a town near it.
    const more = await browser.agent
      .post(rolePage)
      .type('form')
      .send(
        `_csrf=${encodeURIComponent(csrfIn(found.text))}&role=coordinator&hub=sheffield&find=Margate&reason=Runs+two+hubs&action=find`,
      )
    expect(more.text).toMatch(/<input[^>]+name="hub"[^>]+value="sheffield"[^>]*checked/)
    expect(more.text).toMatch(/<input[^>]+name="hub"[^>]+value="thanet"/)

    const saved = await browser.agent
      .post(rolePage)
      .type('form')
      .send(
        `_csrf=${encodeURIComponent(csrfIn(more.text))}&role=coordinator&hub=sheffield&hub=thanet&reason=Runs+two+hubs&action=save`,
      )
    expect(saved.status).toBe(303)
    expect(saved.headers.location).toBe(`/admin/accounts/${volunteer.id}`)
    const accountPage = await browser.get(saved.headers.location as string)
    expect(accountPage.text).toContain('role has been changed')
    expect(accountPage.text).toMatch(/Coordinator of (Sheffield, Thanet|Thanet, Sheffield)/)

    const accounts = new AccountsRepository(testApp.db)
    expect(accounts.find(volunteer.id)?.role).toBe('coordinator')
    expect(accounts.hubIdsOf(volunteer.id).sort()).toEqual(
      [hubId(testApp, 'sheffield'), hubId(testApp, 'thanet')].sort(),
    )
    expect(latestAudit(testApp)).toMatchObject({
      accountId: admin.id,
      action: 'role-changed',
      recordType: 'account',
      recordId: String(volunteer.id),
      reason: 'Runs two hubs',
      detail: 'From member of no hub to coordinator of Sheffield and Thanet: Margate, Ramsgate, Broadstairs',
    })
  })

  it('is asked again, with what they typed kept, when the reason or a peer lead’s hub is missing', async () => {
    const volunteer = await anAccount(testApp.db)
    const { browser } = await anAdminSignedIn(testApp)
    const rolePage = `/admin/accounts/${volunteer.id}/role`
    const noReason = await browser.submit(rolePage, rolePage, {
      role: 'peer_lead',
      hub: 'thanet',
      action: 'save',
    })
    expect(noReason.status).toBe(400)
    expect(noReason.text).toContain('Error: ')
    expect(noReason.text).toContain('There is a problem')
    expect(noReason.text).toContain('Say why you are changing the role')
    expect(noReason.text).toMatch(/value="peer_lead"[^>]*checked/)

    const noHub = await browser.submit(rolePage, rolePage, {
      role: 'peer_lead',
      reason: 'Leads walks',
      action: 'save',
    })
    expect(noHub.status).toBe(400)
    expect(noHub.text).toContain('Choose at least one hub for a peer lead')
    expect(noHub.text).toContain('Leads walks')

    const noRole = await browser.submit(rolePage, rolePage, { reason: 'Leads walks', action: 'save' })
    expect(noRole.text).toContain('Choose a role')

    const madeUpHub = await browser.submit(rolePage, rolePage, {
      role: 'coordinator',
      hub: 'atlantis',
      reason: 'x',
      action: 'save',
    })
    expect(madeUpHub.status).toBe(400)
    expect(new AccountsRepository(testApp.db).find(volunteer.id)?.role).toBe('member')
  })

  it('cannot take away their own admin role or disable themselves, and is told plainly', async () => {
    const { admin, browser } = await anAdminSignedIn(testApp)
    const own = `/admin/accounts/${admin.id}/role`
    const demoted = await browser.submit(own, own, {
      role: 'member',
      reason: 'Stepping down',
      action: 'save',
    })
    expect(demoted.status).toBe(400)
    expect(demoted.text).toContain('You cannot take away your own admin role')
    const disablePage = await browser.get(`/admin/accounts/${admin.id}/disable`)
    const disabled = await browser.agent
      .post(`/admin/accounts/${admin.id}/disable`)
      .type('form')
      .send({ _csrf: csrfIn(disablePage.text), reason: 'Leaving' })
    expect(disabled.status).toBe(400)
    expect(disabled.text).toContain('You cannot disable your own account')
    expect(new AccountsRepository(testApp.db).find(admin.id)).toMatchObject({
      role: 'admin',
      disabledAt: null,
    })
    // Their own account page offers no "Disable".
    expect((await browser.get(`/admin/accounts/${admin.id}`)).text).not.toContain(
      `/admin/accounts/${admin.id}/disable`,
    )
  })

  it('disables an account with a reason: its owner is signed out everywhere and cannot sign in until it is turned back on', async () => {
    const volunteer = await anAccount(testApp.db, { name: 'Owen Price' })
    const owner = aBrowser(testApp.app)
    await owner.signIn(volunteer.email, volunteer.password)
    expect((await owner.get('/account')).status).toBe(200)
    const { admin, browser } = await anAdminSignedIn(testApp)
    const disablePage = `/admin/accounts/${volunteer.id}/disable`

    const noReason = await browser.submit(disablePage, disablePage, { reason: '  ' })
    expect(noReason.status).toBe(400)
    expect(noReason.text).toContain('Say why you are disabling the account')

    const disabled = await browser.submit(disablePage, disablePage, { reason: 'Asked us to close it' })
    expect(disabled.status).toBe(303)
    expect((await browser.get(`/admin/accounts/${volunteer.id}`)).text).toContain('signed out everywhere')
    expect(latestAudit(testApp)).toMatchObject({
      accountId: admin.id,
      action: 'account-disabled',
      recordId: String(volunteer.id),
      reason: 'Asked us to close it',
    })
    // Their own browser is signed out, and their password no longer lets them in.
    expect((await owner.get('/account')).status).toBe(303)
    expect((await aBrowser(testApp.app).signIn(volunteer.email, GOOD_PASSWORD)).status).toBe(403)

    const enablePage = `/admin/accounts/${volunteer.id}/enable`
    const noEnableReason = await browser.submit(enablePage, enablePage, {})
    expect(noEnableReason.status).toBe(400)
    expect(noEnableReason.text).toContain('Say why you are turning the account back on')
    const enabled = await browser.submit(enablePage, enablePage, { reason: 'Came back' })
    expect(enabled.status).toBe(303)
    expect(latestAudit(testApp)).toMatchObject({ action: 'account-enabled', reason: 'Came back' })
    expect((await aBrowser(testApp.app).signIn(volunteer.email, GOOD_PASSWORD)).status).toBe(303)
  })

  it('reads the audit log newest first, filtered by who, what, which account and dates', async () => {
    const volunteer = await anAccount(testApp.db, { name: 'Nia Evans', email: 'nia@example.net' })
    const { admin, browser } = await anAdminSignedIn(testApp)
    const disablePage = `/admin/accounts/${volunteer.id}/disable`
    await browser.submit(disablePage, disablePage, { reason: 'Duplicate account' })
    const enablePage = `/admin/accounts/${volunteer.id}/enable`
    await browser.submit(enablePage, enablePage, { reason: 'Not a duplicate after all' })

    const all = await browser.get('/admin/audit-log')
    expect(all.status).toBe(200)
    // Newest first: turning it back on comes before disabling it.
    const turnedBackOn = all.text.indexOf('Not a duplicate after all')
    expect(turnedBackOn).toBeGreaterThan(-1)
    expect(turnedBackOn).toBeLessThan(all.text.indexOf('Duplicate account'))

    const byWhoAndWhat = await browser.get(
      `/admin/audit-log?who=${encodeURIComponent(admin.email)}&what=account-disabled`,
    )
    expect(byWhoAndWhat.text).toContain('Duplicate account')
    expect(byWhoAndWhat.text).not.toContain('Not a duplicate after all')
    expect(byWhoAndWhat.text).toContain('Nia Evans (nia@example.net)')

    const aboutHer = await browser.get('/admin/audit-log?record=nia%40example.net')
    expect(aboutHer.text).toContain('Duplicate account')
    expect(aboutHer.text).toContain('Not a duplicate after all')
    // Only the two entries about her: not the admin's own sign-in.
    expect(aboutHer.text.match(/<h2 class="govuk-heading-s/g)).toHaveLength(2)

    const today = new Date()
    const day = String(today.getUTCDate())
    const month = String(today.getUTCMonth() + 1)
    const year = String(today.getUTCFullYear())
    const inRange = await browser.get(
      `/admin/audit-log?record=${volunteer.id}&from-day=${day}&from-month=${month}&from-year=${year}&to-day=${day}&to-month=${month}&to-year=${year}`,
    )
    expect(inRange.text).toContain('Duplicate account')
    const longAgo = await browser.get(
      `/admin/audit-log?record=${volunteer.id}&from-day=1&from-month=1&from-year=2020&to-day=31&to-month=12&to-year=2020`,
    )
    expect(longAgo.text).toContain('Nothing in the audit log matches.')

    const badDate = await browser.get(
      '/admin/audit-log?from-day=31&from-month=2&from-year=2026&who=nobody%40example.net',
    )
    expect(badDate.status).toBe(400)
    expect(badDate.text).toContain('The date from must be a real date')
    expect(badDate.text).toContain('value="31"')
    expect(badDate.text).toContain('value="nobody@example.net"')

    const unknownWho = await browser.get('/admin/audit-log?who=nobody%40example.net')
    expect(unknownWho.status).toBe(400)
    expect(unknownWho.text).toContain('No account has that email address or number')

    const backwards = await browser.get(
      '/admin/audit-log?from-day=2&from-month=1&from-year=2026&to-day=1&to-month=1&to-year=2026',
    )
    expect(backwards.text).toContain('The date to must be the same as or after the date from')
  })

  it('pages the audit log: older entries are a link away', async () => {
    const log = new AuditLogRepository(testApp.db)
    for (let n = 0; n < 30; n++) {
      log.record({
        accountId: null,
        action: 'sign-in-failed',
        at: `2026-11-0${1 + (n % 9)}T10:${String(n).padStart(2, '0')}:00Z`,
      })
    }
    const { browser } = await anAdminSignedIn(testApp)
    const first = await browser.get('/admin/audit-log?what=sign-in-failed')
    expect(first.text).toContain('Older entries')
    expect(first.text).not.toContain('Newer entries')
    const second = await browser.get('/admin/audit-log?what=sign-in-failed&page=2')
    expect(second.status).toBe(200)
    expect(second.text).toContain('Newer entries')
    expect(second.text).not.toContain('Older entries')
  })
})

describe('anyone but an admin', () => {
  const ADMIN_PAGES = [
    '/admin',
    '/admin/accounts',
    '/admin/accounts?q=demo',
    '/admin/accounts/1',
    '/admin/accounts/1/role',
    '/admin/accounts/1/disable',
    '/admin/accounts/1/enable',
    '/admin/audit-log',
    '/admin/accounts/99999',
  ]

  it('a member gets the 403 page on every admin page, and their forms change nothing', async () => {
    const testApp = aDemoTestApp()
    const member = await anAccount(testApp.db)
    const browser = aBrowser(testApp.app)
    await browser.signIn(member.email, member.password)
    for (const path of ADMIN_PAGES) {
      const response = await browser.get(path)
      expect({ path, status: response.status }).toEqual({ path, status: 403 })
      expect(response.text).toContain('You cannot see this page')
    }
    const token = csrfIn((await browser.get('/account')).text)
    const sent = [
      ['/admin/accounts/1/role', { role: 'admin', reason: 'me', action: 'save' }],
      ['/admin/accounts/1/disable', { reason: 'me' }],
      [`/admin/accounts/${member.id}/role`, { role: 'admin', reason: 'me', action: 'save' }],
    ] as const
    for (const [path, fields] of sent) {
      const response = await browser.agent
        .post(path)
        .type('form')
        .send({ ...fields, _csrf: token })
      expect({ path, status: response.status }).toEqual({ path, status: 403 })
    }
    const accounts = new AccountsRepository(testApp.db)
    expect(accounts.find(member.id)?.role).toBe('member')
    expect(accounts.find(1)?.disabledAt).toBeNull()
  })

  it('a visitor is sent to sign in, and comes back to the admin page after', async () => {
    const testApp = aDemoTestApp()
    const response = await aBrowser(testApp.app).get('/admin/accounts')
    expect(response.status).toBe(303)
    expect(response.headers.location).toBe('/sign-in?return=%2Fadmin%2Faccounts')
  })
})

describe('a role or hub sent in any other form', () => {
  it('is ignored when creating an account, and when changing a password', async () => {
    const testApp = aDemoTestApp()
    const browser = aBrowser(testApp.app)
    await browser.submit('/create-account', '/create-account', {
      email: 'sly@example.net',
      name: 'Sly',
      password: GOOD_PASSWORD,
      role: 'admin',
      hub: 'thanet',
      allHubs: 'yes',
    })
    const accounts = new AccountsRepository(testApp.db)
    const created = accounts.findByEmail('sly@example.net')
    expect(created).toMatchObject({ role: 'member', allHubs: false })
    expect(accounts.hubIdsOf(created?.id ?? 0)).toEqual([])

    const member = await anAccount(testApp.db)
    const signedIn = aBrowser(testApp.app)
    await signedIn.signIn(member.email, member.password)
    await signedIn.submit('/account/password', '/account/password', {
      currentPassword: member.password,
      newPassword: 'orange lantern meadow tram',
      role: 'coordinator',
      hub: 'sheffield',
    })
    expect(accounts.find(member.id)).toMatchObject({ role: 'member', allHubs: false })
    expect(accounts.hubIdsOf(member.id)).toEqual([])
  })
})

describe('the demo accounts', () => {
  it('are one for each role, with the hubs the README says', () => {
    const testApp = aDemoTestApp()
    const accounts = new AccountsRepository(testApp.db)
    const slugsOf = (id: number) =>
      accounts
        .hubIdsOf(id)
        .map(
          (hub) =>
            (testApp.db.prepare('SELECT slug FROM hubs WHERE id = ?').get(hub) as { slug: string }).slug,
        )
        .sort()
    const demo = (email: string) => {
      const account = accounts.findByEmail(email)
      if (!account) throw new Error(`No demo account ${email}`)
      return { role: account.role, hubs: slugsOf(account.id), confirmed: account.emailConfirmedAt !== null }
    }
    expect(demo('member@example.org')).toEqual({ role: 'member', hubs: ['thanet'], confirmed: true })
    expect(demo('peer-lead@example.org')).toEqual({ role: 'peer_lead', hubs: ['thanet'], confirmed: true })
    expect(demo('coordinator@example.org')).toEqual({
      role: 'coordinator',
      hubs: ['sheffield', 'thanet'],
      confirmed: true,
    })
    expect(demo('admin@example.org')).toEqual({ role: 'admin', hubs: [], confirmed: true })
  })

  it('sign in with the shared demo password and, for staff, the demo two-step code from the README', async () => {
    const testApp = aDemoTestApp()
    const admin = aBrowser(testApp.app)
    const password = await admin.signIn('admin@example.org', 'common ground demo', { code: false })
    expect(password.headers.location).toBe('/sign-in/code')
    // What `npm run demo:code` prints, from the secret the README gives.
    expect(fs.readFileSync(projectPath('README.md'), 'utf8')).toContain(DEMO_TWO_STEP_SECRET)
    const code = codeFor(DEMO_TWO_STEP_SECRET, new Date())
    expect((await admin.submit('/sign-in/code', '/sign-in/code', { code })).status).toBe(303)
    expect((await admin.get('/admin/accounts')).status).toBe(200)
    // A member signs in with the password alone.
    const member = aBrowser(testApp.app)
    expect((await member.signIn('member@example.org', 'common ground demo')).headers.location).not.toBe(
      '/sign-in/code',
    )
    expect((await member.get('/account')).status).toBe(200)
  })
})
