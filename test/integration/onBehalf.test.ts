/**
 * Registering someone on their behalf (issue 11), told as stories over the demo data: a peer
 * lead of Thanet registers Mrs Begum, who rang the hub; what she typed stays when something is
 * wrong; the consent is recorded with how and who; the demo's Farida K. is due to be checked
 * again on the coordinator home; a claim link works once and then no more; her data is
 * downloaded and deleted on her behalf, each request in the audit log.
 */
import request from 'supertest'
import { importDemoPostcodesIfEmpty } from '../../db/demoPostcodes'
import { loadGazetteerIfEmpty } from '../../db/gazetteer'
import { aBrowser, anAccount, latestEmailTo } from '../support/accounts'
import { aDemoTestApp, type TestApp } from '../support/testApp'

// Signing in hashes passwords with Argon2id: slow on a busy machine.
jest.setTimeout(60_000)

const FORM = {
  firstName: 'Rukhsana',
  lastName: 'Begum',
  where: 'CT11',
  hub: 'thanet',
  skills: 'cooking',
  skillsInOwnWords: 'Curries for a crowd',
  wouldLikeToShare: 'Cooking lessons at the hub',
  howOften: 'few-hours-month',
  availability: 'Weekday mornings',
  contactWays: 'phone',
  phone: '07700 900777',
  email: '',
  visibility: 'hub',
  method: 'helper',
  helperName: 'Sajid Begum',
  'checkAgainOn-day': '1',
  'checkAgainOn-month': '6',
  'checkAgainOn-year': String(new Date().getUTCFullYear() + 1),
}

describe('registering someone on their behalf', () => {
  let testApp: TestApp
  let thanetLead: ReturnType<typeof aBrowser>
  let sheffieldLead: ReturnType<typeof aBrowser>
  let leadId: number
  let registeredId: number

  const audit = (action: string, personId: number) =>
    testApp.db
      .prepare(
        'SELECT account_id AS accountId, reason, detail FROM audit_log WHERE action = ? AND record_id = ?',
      )
      .all(action, String(personId)) as { accountId: number; reason: string | null; detail: string | null }[]

  beforeAll(async () => {
    testApp = aDemoTestApp()
    await importDemoPostcodesIfEmpty(testApp.db)
    loadGazetteerIfEmpty(testApp.db)
    const hubId = (slug: string) =>
      (testApp.db.prepare('SELECT id FROM hubs WHERE slug = ?').get(slug) as { id: number }).id
    const lead = await anAccount(testApp.db, {
      role: 'peer_lead',
      name: 'Pat Lead',
      hubIds: [hubId('thanet')],
    })
    leadId = lead.id
    const other = await anAccount(testApp.db, { role: 'peer_lead', hubIds: [hubId('sheffield')] })
    thanetLead = aBrowser(testApp.app)
    expect((await thanetLead.signIn(lead.email, lead.password)).status).toBe(303)
    sheffieldLead = aBrowser(testApp.app)
    expect((await sheffieldLead.signIn(other.email, other.password)).status).toBe(303)
  })

  it('offers a peer lead the form from the coordinator home, with their hub chosen and a check-again date a year on', async () => {
    const home = await thanetLead.get('/coordinate')
    expect(home.text).toContain('href="/coordinate/register?hub&#x3D;thanet"')
    const page = await thanetLead.get('/coordinate/register?hub=thanet')
    expect(page.status).toBe(200)
    expect(page.text).toMatch(/<h1[^>]*>Register someone on their behalf<\/h1>/)
    expect(page.text).toMatch(/id="hub" name="hub" type="radio" value="thanet"[^>]* checked/)
    expect(page.text).toContain(`value="${new Date().getUTCFullYear() + 1}"`)
  })

  it('keeps everything typed when something is wrong, with the error summary', async () => {
    const response = await thanetLead.submit('/coordinate/register', '/coordinate/register', {
      ...FORM,
      howOften: '',
      helperName: '',
      'checkAgainOn-year': '2020',
    })
    expect(response.status).toBe(400)
    expect(response.text).toContain('<title>Error: Register someone on their behalf')
    expect(response.text).toContain('There is a problem')
    expect(response.text).toContain('href="#howOften">Choose how often they would like to share')
    expect(response.text).toContain('href="#helperName">Enter the name of the family member or helper')
    expect(response.text).toContain('href="#checkAgainOn-day">The date to check again must be in the future')
    for (const kept of ['Rukhsana', 'Begum', 'CT11', '07700 900777', 'Weekday mornings'])
      expect(response.text).toContain(`value="${kept}"`)
    for (const kept of ['Curries for a crowd', 'Cooking lessons at the hub'])
      expect(response.text).toContain(kept)
    expect(response.text).toMatch(/value="cooking"[^>]* checked/)
    expect(response.text).toMatch(/value="helper"[^>]* checked/)
    expect(response.text).toContain('value="2020"')
  })

  it('refuses a hub the peer lead does not look after, as a problem with the hub', async () => {
    const response = await thanetLead.submit('/coordinate/register', '/coordinate/register', {
      ...FORM,
      hub: 'sheffield',
    })
    expect(response.status).toBe(400)
    expect(response.text).toContain('Choose their hub from the list')
    expect(testApp.db.prepare("SELECT id FROM people WHERE first_name = 'Rukhsana'").get()).toBeUndefined()
  })

  it('registers her with her consent recorded (through her son, by the peer lead) and lands on her page with a banner', async () => {
    const response = await thanetLead.submit('/coordinate/register', '/coordinate/register', FORM)
    expect(response.status).toBe(303)
    const match = /^\/coordinate\/people\/(\d+)\?done=registered$/.exec(response.headers.location as string)
    expect(match).not.toBeNull()
    registeredId = Number(match?.[1])
    const consent = testApp.db
      .prepare(
        `SELECT c.method, c.helper_name AS helperName, c.recorded_by_account_id AS recordedBy, c.check_again_on AS checkAgainOn,
                p.account_id AS accountId, p.email, p.postcode_district AS district
           FROM people p JOIN consents c ON c.id = p.consent_id WHERE p.id = ?`,
      )
      .get(registeredId)
    expect(consent).toEqual({
      method: 'helper',
      helperName: 'Sajid Begum',
      recordedBy: leadId,
      checkAgainOn: `${new Date().getUTCFullYear() + 1}-06-01`,
      accountId: null,
      email: null,
      district: 'CT11',
    })
    expect(audit('registered-on-behalf', registeredId)).toEqual([
      expect.objectContaining({ accountId: leadId }),
    ])

    const page = await thanetLead.get(response.headers.location as string)
    expect(page.status).toBe(200)
    expect(page.text).toContain('Rukhsana B. is registered, and their agreement is recorded.')
    expect(page.text).toContain('Through a family member or helper: Sajid Begum')
    expect(page.text).toContain('Pat Lead')
    expect(page.text).toContain(`1 June ${new Date().getUTCFullYear() + 1}`)
    // Her number stays hidden until someone asks for it with a reason.
    expect(page.text).not.toContain('07700 900777')
  })

  it('shows her only where her visibility allows: not to a visitor, nor to another hub’s peer lead', async () => {
    expect((await request(testApp.app).get('/people?hub=thanet')).text).not.toContain('Rukhsana')
    expect((await sheffieldLead.get(`/coordinate/people/${registeredId}`)).status).toBe(403)
  })

  it('keeps her phone number out of every page that lists or shows her, and out of the audit log', async () => {
    const pages = [
      '/coordinate',
      '/coordinate/expertise?hub=thanet&skill=cooking',
      `/coordinate/people/${registeredId}`,
      '/people?hub=thanet',
      '/hubs/thanet',
    ]
    for (const page of pages) {
      const response = await thanetLead.get(page)
      expect(response.status).toBe(200)
      expect(response.text).not.toContain('07700 900777')
    }
    expect((await thanetLead.get('/coordinate/expertise?hub=thanet&skill=cooking')).text).toContain(
      'Rukhsana B.',
    )
    const logged = testApp.db.prepare('SELECT detail, reason FROM audit_log').all() as {
      detail: string | null
      reason: string | null
    }[]
    for (const row of logged) expect(`${row.detail ?? ''} ${row.reason ?? ''}`).not.toContain('07700 900777')
  })

  it('lists the demo’s Farida K. on the coordinator home as due to be checked again, and not once checked', async () => {
    const farida = testApp.db.prepare("SELECT id FROM people WHERE first_name = 'Farida'").get() as {
      id: number
    }
    const home = await thanetLead.get('/coordinate')
    expect(home.text).toContain('Consents due to be checked again')
    expect(home.text).toContain(`href="/coordinate/people/${farida.id}#consent">Farida K.</a>`)

    const page = await thanetLead.get(`/coordinate/people/${farida.id}`)
    expect(page.text).toContain('By phone')
    expect(page.text).toContain('Demo Coordinator')
    expect(page.text).toContain('Due now')

    const refused = await thanetLead.submit(
      `/coordinate/people/${farida.id}`,
      `/coordinate/people/${farida.id}/consent-checked`,
      { 'checkAgainOn-day': '31', 'checkAgainOn-month': '2', 'checkAgainOn-year': '2030' },
    )
    expect(refused.status).toBe(400)
    expect(refused.text).toContain('The date to check again must be a real date')
    expect(refused.text).toContain('value="31"')

    const year = new Date().getUTCFullYear() + 1
    const checked = await thanetLead.submit(
      `/coordinate/people/${farida.id}`,
      `/coordinate/people/${farida.id}/consent-checked`,
      { 'checkAgainOn-day': '2', 'checkAgainOn-month': '12', 'checkAgainOn-year': String(year) },
    )
    expect(checked.status).toBe(303)
    expect(checked.headers.location).toBe(`/coordinate/people/${farida.id}?done=consent-checked`)
    expect(audit('consent-checked', farida.id)).toEqual([expect.objectContaining({ accountId: leadId })])
    expect((await thanetLead.get('/coordinate')).text).not.toContain(
      `/coordinate/people/${farida.id}#consent`,
    )
  })

  it('sends a claim link that works once: she signs in, says "This is me", and has her profile', async () => {
    const sent = await thanetLead.submit(
      `/coordinate/people/${registeredId}/claim-link`,
      `/coordinate/people/${registeredId}/claim-link`,
      { email: 'rukhsana@example.com' },
    )
    expect(sent.status).toBe(303)
    expect(sent.headers.location).toBe(`/coordinate/people/${registeredId}?done=claim-link-sent`)
    // The address went only into the email: not onto her profile.
    expect(testApp.db.prepare('SELECT email FROM people WHERE id = ?').get(registeredId)).toEqual({
      email: null,
    })
    const { link } = latestEmailTo(testApp.db, 'rukhsana@example.com')
    expect(link).toMatch(/^\/claim-your-profile\?token=/)

    const asVisitor = await request(testApp.app).get(link)
    expect(asVisitor.status).toBe(200)
    expect(asVisitor.text).toContain('Create an account')
    expect(asVisitor.text).toContain(`/sign-in?return&#x3D;${encodeURIComponent(link)}`)

    const account = await anAccount(testApp.db, { email: 'rukhsana@example.com' })
    const her = aBrowser(testApp.app)
    const signedIn = await her.submit(
      `/sign-in?return=${encodeURIComponent(link)}`,
      `/sign-in?return=${encodeURIComponent(link)}`,
      {
        email: account.email,
        password: account.password,
        return: link,
      },
    )
    expect(signedIn.status).toBe(303)
    expect(signedIn.headers.location).toBe(link)
    const confirm = await her.get(link)
    expect(confirm.text).toContain('Is this you?')
    const claimed = await her.submit(link, '/claim-your-profile', {
      token: link.split('token=')[1] as string,
    })
    expect(claimed.status).toBe(303)
    expect(claimed.headers.location).toBe('/your-profile')
    const profile = await her.get('/your-profile')
    expect(profile.status).toBe(200)
    expect(profile.text).toContain('Rukhsana')
    expect(audit('profile-claimed', registeredId)).toEqual([
      expect.objectContaining({ accountId: account.id }),
    ])

    // Used up.
    expect((await request(testApp.app).get(link)).status).toBe(410)
    // And now she has an account, there is no link to send.
    expect((await thanetLead.get(`/coordinate/people/${registeredId}`)).text).not.toContain(
      'Send a link to claim',
    )
  })

  it('says a claim link that has expired does not work', async () => {
    const farida = testApp.db.prepare("SELECT id FROM people WHERE first_name = 'Farida'").get() as {
      id: number
    }
    await thanetLead.submit(
      `/coordinate/people/${farida.id}/claim-link`,
      `/coordinate/people/${farida.id}/claim-link`,
      {
        email: 'farida@example.com',
      },
    )
    const { link } = latestEmailTo(testApp.db, 'farida@example.com')
    expect((await request(testApp.app).get(link)).status).toBe(200)
    testApp.db
      .prepare("UPDATE claim_links SET expires_at = '2020-01-01T00:00:00Z' WHERE person_id = ?")
      .run(farida.id)
    const expired = await request(testApp.app).get(link)
    expect(expired.status).toBe(410)
    expect(expired.text).toContain('This link does not work')
  })

  it('downloads and deletes her data on her behalf, each request audited with who, whom and why', async () => {
    const farida = testApp.db.prepare("SELECT id FROM people WHERE first_name = 'Farida'").get() as {
      id: number
    }
    const other = await sheffieldLead.submit(`/coordinate`, `/coordinate/people/${farida.id}/download`, {})
    expect(other.status).toBe(403)

    const download = await thanetLead.submit(
      `/coordinate/people/${farida.id}`,
      `/coordinate/people/${farida.id}/download`,
      {},
    )
    expect(download.status).toBe(200)
    expect(download.headers['content-disposition']).toMatch(/attachment/)
    const data = JSON.parse(download.text) as { profile: { firstName: string }; consents: unknown[] }
    expect(data.profile.firstName).toBe('Farida')
    expect(data.consents).toHaveLength(1)
    expect(audit('data-downloaded-on-behalf', farida.id)).toEqual([
      expect.objectContaining({ accountId: leadId }),
    ])

    const noReason = await thanetLead.submit(
      `/coordinate/people/${farida.id}/delete`,
      `/coordinate/people/${farida.id}/delete`,
      { reason: '' },
    )
    expect(noReason.status).toBe(400)
    expect(noReason.text).toContain('Enter why their data is being deleted')

    const deleted = await thanetLead.submit(
      `/coordinate/people/${farida.id}/delete`,
      `/coordinate/people/${farida.id}/delete`,
      { reason: 'She rang and asked us to' },
    )
    expect(deleted.status).toBe(200)
    expect(deleted.text).toContain('The data of Farida K. has been deleted')
    expect(testApp.db.prepare('SELECT id FROM people WHERE id = ?').get(farida.id)).toBeUndefined()
    expect(
      testApp.db.prepare('SELECT id FROM claim_links WHERE person_id = ?').get(farida.id),
    ).toBeUndefined()
    expect(audit('data-deleted-on-behalf', farida.id)).toEqual([
      expect.objectContaining({ accountId: leadId, reason: 'She rang and asked us to' }),
    ])
    expect((await thanetLead.get(`/coordinate/people/${farida.id}`)).status).toBe(404)
  })
})
