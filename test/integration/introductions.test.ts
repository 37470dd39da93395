/**
 * Being put in touch, end to end (issue 11), over the demo data: a resident's request waits in
 * Thanet's queue; the hub's peer lead finds Pauline H. (tablets), chooses her and asks her by
 * email; she opens the link from the outbox and says yes; each side's details reach only the
 * other side (read from the outbox), and no page, other email or answer holds them. Then the
 * phone path, a "no" that sends the request back to the queue, a used link, and how it went.
 */
import request from 'supertest'
import { aWaitingRequest } from '../builders'
import { aBrowser, anAccount, csrfIn } from '../support/accounts'
import { aDemoTestApp, type TestApp } from '../support/testApp'

// Signing in hashes passwords with Argon2id: slow on a busy machine.
jest.setTimeout(60_000)

/** Links as the page holds them, with Handlebars' escapes undone. */
const unescaped = (html: string): string => html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&')

interface PersonRow {
  id: number
  email: string | null
  phone: string | null
}

describe('an introduction from request to how it went', () => {
  let testApp: TestApp
  let thanet: number
  let lead: ReturnType<typeof aBrowser>
  let sheffieldCoordinator: ReturnType<typeof aBrowser>
  const rosa = {
    requesterName: 'Rosa Requester',
    requesterEmail: 'rosa.requester@example.net',
    requesterPhone: '01632 961234',
    requesterArea: 'Cliftonville',
  }

  const person = (first: string, last: string): PersonRow =>
    testApp.db
      .prepare('SELECT id, email, phone FROM people WHERE first_name = ? AND last_name = ?')
      .get(first, last) as PersonRow
  const outbox = () => testApp.services.repositories.outbox.newest(1000)
  const auditCount = (action: string, id: number) =>
    (
      testApp.db
        .prepare('SELECT COUNT(*) AS n FROM audit_log WHERE action = ? AND record_id = ?')
        .get(action, String(id)) as { n: number }
    ).n

  beforeAll(async () => {
    testApp = aDemoTestApp()
    const hubId = (slug: string) =>
      (testApp.db.prepare('SELECT id FROM hubs WHERE slug = ?').get(slug) as { id: number }).id
    thanet = hubId('thanet')
    const accounts = {
      lead: await anAccount(testApp.db, { role: 'peer_lead', hubIds: [thanet], name: 'Lena Lead' }),
      other: await anAccount(testApp.db, { role: 'coordinator', hubIds: [hubId('sheffield')] }),
    }
    lead = aBrowser(testApp.app)
    expect((await lead.signIn(accounts.lead.email, accounts.lead.password)).status).toBe(303)
    sheffieldCoordinator = aBrowser(testApp.app)
    expect((await sheffieldCoordinator.signIn(accounts.other.email, accounts.other.password)).status).toBe(
      303,
    )
  })

  it('shows the demo request on the coordinator home, with how long it has waited, linking to it', async () => {
    const home = await lead.get('/coordinate')
    expect(home.status).toBe(200)
    expect(home.text).toContain('Introductions waiting')
    expect(home.text).toMatch(/My daughter gave me a tablet[^<]*<\/a> \(waiting \d+ days\)/)
    expect(home.text).toContain('href="/coordinate/introductions/1"')
    expect(unescaped(home.text)).toContain('href="/coordinate/introductions?hub=thanet"')
    expect(home.text).not.toContain('joan.demo@example.net')
    expect(home.text).not.toContain('01632 960777')
  })

  it('takes a request through choosing, asking by email, "yes" by the link, and how it went: the details reach only the two sides', async () => {
    const pauline = person('Pauline', 'Harker')
    const id = aWaitingRequest(testApp.db, { hubId: thanet, ...rosa })
    const page = `/coordinate/introductions/${id}`

    // The introduction: what is wanted, never the requester's contact details.
    const first = await lead.get(page)
    expect(first.status).toBe(200)
    expect(first.text).toContain('Rosa Requester asked to be put in touch')
    expect(first.text).not.toContain(rosa.requesterEmail)
    expect(first.text).not.toContain(rosa.requesterPhone)
    const findSomeone = /href="(\/coordinate\/expertise\?introduction=[^"]+)"/.exec(
      unescaped(first.text),
    )?.[1]
    expect(findSomeone).toBeDefined()
    const expertiseLink = findSomeone as string
    expect(expertiseLink).toContain('skill=tablets-and-phones')
    expect(expertiseLink).toContain('hub=thanet')

    // Find local expertise, pre-filled, with "Choose" on each result.
    const found = await lead.get(expertiseLink)
    expect(found.status).toBe(200)
    expect(found.text).toContain('You are choosing someone for introduction')
    expect(found.text).toMatch(/Choose Pauline H\./)
    expect(found.text).toMatch(/Not introduced in the last 90 days|Introduced/)
    expect(found.text).not.toContain(pauline.email as string)
    const chose = await lead.submit(expertiseLink, `${page}/choose`, { personId: String(pauline.id) })
    expect(chose.status).toBe(303)
    expect(chose.headers.location).toBe(page)

    // Ask by email: only what the help is and the hub, and a one-use link.
    const before = outbox().length
    const asked = await lead.submit(page, `${page}/ask`, {})
    expect(asked.status).toBe(303)
    const ask = outbox()[0]
    expect(outbox().length).toBe(before + 1)
    expect(ask?.to).toBe(pauline.email)
    for (const secret of [rosa.requesterEmail, rosa.requesterPhone, rosa.requesterName])
      expect(ask?.body).not.toContain(secret)
    const link = /https?:\/\/[^/\s]+(\/introductions\/answer\?token=[^\s]+)/.exec(
      ask?.body ?? '',
    )?.[1] as string
    expect(link).toBeDefined()
    expect((await lead.get(page)).text).toContain('Asked')

    // Pauline opens the link, signed out: the help and the hub, none of Rosa's details.
    const helper = aBrowser(testApp.app)
    const answerPage = await helper.get(link)
    expect(answerPage.status).toBe(200)
    expect(answerPage.text).toContain('video call my grandson')
    expect(answerPage.text).toContain('Thanet')
    for (const secret of [rosa.requesterEmail, rosa.requesterPhone, rosa.requesterName])
      expect(answerPage.text).not.toContain(secret)
    const token = decodeURIComponent(link.split('token=')[1] as string)
    const yes = await helper.agent
      .post('/introductions/answer')
      .type('form')
      .send({ token, answer: 'accept', _csrf: csrfIn(answerPage.text) })
    expect(yes.status).toBe(200)
    expect(yes.text).toContain('Thank you for saying yes')
    for (const secret of [rosa.requesterEmail, rosa.requesterPhone]) expect(yes.text).not.toContain(secret)

    // Exactly two more emails: each side's details, to the other side only.
    const sent = outbox().slice(0, outbox().length - before - 1)
    expect(sent.map((message) => message.to).sort()).toEqual([pauline.email, rosa.requesterEmail].sort())
    const toRosa = sent.find((message) => message.to === rosa.requesterEmail)
    const toPauline = sent.find((message) => message.to === pauline.email)
    expect(toRosa?.body).toContain(pauline.phone as string)
    expect(toRosa?.body).toContain(pauline.email as string)
    expect(toPauline?.body).toContain(rosa.requesterEmail)
    expect(toPauline?.body).toContain('Rosa Requester')
    // Nowhere else in the outbox.
    for (const message of outbox()) {
      if (message.id !== toPauline?.id) expect(message.body).not.toContain(rosa.requesterEmail)
      if (message.id !== toRosa?.id) expect(message.body).not.toContain(pauline.phone as string)
    }
    expect(auditCount('introduction-accepted', id)).toBe(1)

    // The link works once.
    const again = await helper.get(link)
    expect(again.status).toBe(410)
    expect(again.text).toContain('You have already answered')

    // The introduction page: accepted, with its timeline, and still no one's contact details.
    const accepted = await lead.get(page)
    expect(accepted.text).toContain('Accepted')
    for (const secret of [
      rosa.requesterEmail,
      rosa.requesterPhone,
      pauline.email as string,
      pauline.phone as string,
    ])
      expect(accepted.text).not.toContain(secret)
    expect(accepted.text).not.toContain('What to say, or a letter')

    // How it went.
    const went = await lead.submit(`${page}/how-it-went`, `${page}/how-it-went`, {
      outcome: 'helped',
      note: 'They video call on Sundays now',
    })
    expect(went.status).toBe(303)
    const closed = await lead.get(page)
    expect(closed.text).toContain('Closed')
    expect(closed.text).toContain('It helped: They video call on Sundays now')
    // Each step on the timeline, with its time.
    for (const step of [
      'Asked to be put in touch',
      'Person chosen',
      'Asked by email',
      'Said yes',
      'Details passed on',
      'How it went',
      'Closed',
    ])
      expect(closed.text).toContain(`<strong>${step}</strong>`)
    expect((closed.text.match(/<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ">/g) ?? []).length).toBe(7)
    expect(closed.text).toContain('by Lena Lead')

    // Pauline's download lists it, without Rosa's details.
    const download = testApp.services.repositories.introductions.ofHelper(pauline.id, 10)
    expect(download.map((row) => row.id)).toContain(id)
  })

  it('records a "yes" given on the phone: nothing is emailed, and the coordinator’s "What to say" page (audited) holds both sides’ details', async () => {
    const colin = person('Colin', 'Reade')
    const id = aWaitingRequest(testApp.db, {
      hubId: thanet,
      ...rosa,
      requesterRoute: 'phone',
      requesterEmail: null,
    })
    const page = `/coordinate/introductions/${id}`
    expect((await lead.submit(page, `${page}/choose`, { personId: String(colin.id) })).status).toBe(303)
    const withPerson = await lead.get(page)
    expect(withPerson.text).not.toContain('Ask by email')
    const before = outbox().length
    const none = await lead.submit(`${page}/answer`, `${page}/answer`, {})
    expect(none.status).toBe(400)
    expect(none.text).toContain('Choose what they said')
    const yes = await lead.submit(`${page}/answer`, `${page}/answer`, { answer: 'accepted' })
    expect(yes.status).toBe(303)
    expect(outbox().length).toBe(before)
    const accepted = await lead.get(page)
    expect(accepted.text).toContain('What to say, or a letter')
    expect(accepted.text).not.toContain(rosa.requesterPhone)
    const passOn = await lead.get(`${page}/pass-on`)
    expect(passOn.status).toBe(200)
    expect(passOn.headers['cache-control']).toBe('no-store')
    expect(passOn.text).toContain(rosa.requesterPhone)
    expect(passOn.text).toContain(colin.phone as string)
    expect(auditCount('introduction-details-shown', id)).toBe(1)
    // Another hub's coordinator can neither see it, choose for it, nor see its details.
    expect((await sheffieldCoordinator.get(page)).status).toBe(403)
    expect(
      (await sheffieldCoordinator.get(`/coordinate/expertise?hub=sheffield&introduction=${id}`)).status,
    ).toBe(403)
    expect(
      (await sheffieldCoordinator.submit('/coordinate', `${page}/choose`, { personId: String(colin.id) }))
        .status,
    ).toBe(403)
    expect((await sheffieldCoordinator.get(`${page}/pass-on`)).status).toBe(403)
    expect(auditCount('introduction-details-shown', id)).toBe(1)
  })

  it('sends a "no" back to the queue, where it keeps its place', async () => {
    const pauline = person('Pauline', 'Harker')
    const id = aWaitingRequest(testApp.db, { hubId: thanet, createdAt: '2026-01-02T09:00:00Z' })
    const page = `/coordinate/introductions/${id}`
    await lead.submit(page, `${page}/choose`, { personId: String(pauline.id) })
    const no = await lead.submit(`${page}/answer`, `${page}/answer`, { answer: 'declined' })
    expect(no.status).toBe(303)
    const after = await lead.get(page)
    expect(after.text).toContain('Said no')
    expect(after.text).toContain('Waiting')
    const queue = await lead.get('/coordinate/introductions?state=waiting&hub=thanet')
    expect(queue.status).toBe(200)
    // The oldest waiting first.
    expect(queue.text.indexOf(`href="${page}"`)).toBeGreaterThan(-1)
    expect(queue.text.indexOf(`href="${page}"`)).toBeLessThan(
      queue.text.indexOf('href="/coordinate/introductions/1"'),
    )
  })

  it('closes a request with nobody suitable, and refuses a step it is no longer ready for', async () => {
    const id = aWaitingRequest(testApp.db, { hubId: thanet })
    const page = `/coordinate/introductions/${id}`
    const missing = await lead.submit(`${page}/close`, `${page}/close`, { note: 'Tried everyone' })
    expect(missing.status).toBe(400)
    expect(missing.text).toContain('Tried everyone')
    expect(missing.text).toContain('Choose why it is being closed')
    expect(
      (await lead.submit(`${page}/close`, `${page}/close`, { outcome: 'no-match', note: '' })).status,
    ).toBe(303)
    expect((await lead.get(page)).text).toContain('Nobody suitable was found')
    const late = await lead.get(`${page}/close`)
    expect(late.status).toBe(409)
    expect(late.text).toContain('This introduction has moved on')
  })

  it('shows how to reach the person who asked only with a reason, writing one audit entry each time', async () => {
    const id = aWaitingRequest(testApp.db, { hubId: thanet, ...rosa })
    const page = `/coordinate/introductions/${id}`
    expect((await lead.get(page)).text).toContain('Show how to reach them')
    const refused = await lead.submit(`${page}/contact`, `${page}/contact`, { reason: '  ' })
    expect(refused.status).toBe(400)
    expect(refused.text).not.toContain(rosa.requesterEmail)
    expect(auditCount('requester-contact-shown', id)).toBe(0)
    const shown = await lead.submit(`${page}/contact`, `${page}/contact`, {
      reason: 'To ask which tablet she has',
    })
    expect(shown.status).toBe(200)
    expect(shown.headers['cache-control']).toBe('no-store')
    expect(shown.text).toContain(rosa.requesterEmail)
    expect(shown.text).toContain(rosa.requesterPhone)
    expect(auditCount('requester-contact-shown', id)).toBe(1)
    const other = await sheffieldCoordinator.submit('/coordinate', `${page}/contact`, { reason: 'Curious' })
    expect(other.status).toBe(403)
    expect(other.text).not.toContain(rosa.requesterEmail)
    expect(auditCount('requester-contact-shown', id)).toBe(1)
  })

  it('says plainly when an answer link is unknown', async () => {
    const response = await request(testApp.app).get(
      '/introductions/answer?token=not-a-real-token-at-all-xxxxxxxx',
    )
    expect(response.status).toBe(410)
    expect(response.text).toContain('That link does not work')
  })
})
