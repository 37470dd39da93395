/**
 * IntroductionService (issue 11), the coordinators' side of being put in touch, as stories: a
 * peer lead of one hub can neither list, see nor act on another hub's introductions; each step
 * moves the introduction on and leaves a timestamped step; a decline or an unanswered ask goes
 * back to the queue near the top; "yes" sends each side the other's details and nobody else
 * anything; closed introductions are anonymised after the set months.
 */
import { aHub, aPerson, aWaitingRequest } from '../../builders'
import { aMovableClock, anAccount } from '../../support/accounts'
import { runHousekeeping } from '../../../server/jobs/housekeeping'
import { createLogger } from '../../../server/logger'
import { aDatabase } from '../../support/testApp'
import { buildServices } from '../../../server/services'
import { testConfig } from '../../../server/config'
import { NotAllowedError } from '../../../server/services/permissions'
import type { Viewer } from '../../../server/services/viewer'
import { IntroductionStateError } from '../../../server/services/introductions/introductionService'

const DAY = 86_400_000

describe('IntroductionService', () => {
  const db = aDatabase()
  const clock = aMovableClock('2026-12-01T10:00:00Z')
  const services = buildServices(
    db,
    testConfig({ introductionAnswerDays: 7, introductionRetentionMonths: 12 }),
    clock,
  )
  const { introductions } = services
  const hubA = aHub(db, { slug: 'hub-a', name: 'Hub A' })
  const hubB = aHub(db, { slug: 'hub-b', name: 'Hub B' })
  const leadOfA: Viewer = { kind: 'hubLead', accountId: undefined, role: 'peer-lead', hubIds: [hubA] }
  const leadOfB: Viewer = { kind: 'hubLead', role: 'peer-lead', hubIds: [hubB] }
  const member: Viewer = { kind: 'member', hubIds: [hubA] }
  const lookingAfterA = { everyHub: false as const, hubs: services.repositories.people.hubsNamed([hubA]) }
  const lookingAfterB = { everyHub: false as const, hubs: services.repositories.people.hubsNamed([hubB]) }
  const helper = aPerson(db, {
    firstName: 'Pauline',
    lastName: 'Harker',
    hubId: hubA,
    email: 'pauline.helper@example.com',
    phone: '07700 900555',
    contactWays: ['through-hub', 'phone', 'email'],
    skills: ['tablets-and-phones'],
  })
  const outbox = () => services.repositories.outbox.newest(100)
  const kinds = (id: number) => introductions.introduction(leadOfA, id)?.timeline.map((step) => step.kind)

  it('keeps a peer lead of hub B out of hub A’s introductions: no list, no page, no step', async () => {
    const id = aWaitingRequest(db, { hubId: hubA })
    expect(
      introductions
        .list(leadOfA, lookingAfterA, { status: 'waiting', hubId: null, page: 1 })
        .introductions.map((i) => i.id),
    ).toContain(id)
    expect(
      introductions
        .list(leadOfB, lookingAfterB, { status: 'waiting', hubId: null, page: 1 })
        .introductions.map((i) => i.id),
    ).not.toContain(id)
    expect(() =>
      introductions.list(leadOfB, lookingAfterB, { status: 'waiting', hubId: hubA, page: 1 }),
    ).toThrow(NotAllowedError)
    expect(() => introductions.introduction(leadOfB, id)).toThrow(NotAllowedError)
    expect(() => introductions.introduction(member, id)).toThrow(NotAllowedError)
    expect(() => introductions.waitingIn(leadOfB, [hubA])).toThrow(NotAllowedError)
    expect(() => introductions.choosePerson(leadOfB, id, helper)).toThrow(NotAllowedError)
    await expect(introductions.askByEmail(leadOfB, id)).rejects.toThrow(NotAllowedError)
    await expect(introductions.recordPhoneAnswer(leadOfB, id, 'accepted', { ip: null })).rejects.toThrow(
      NotAllowedError,
    )
    expect(() => introductions.closeWithout(leadOfB, id, 'no-match', '')).toThrow(NotAllowedError)
    expect(() => introductions.detailsToPassOn(leadOfB, id, { ip: null })).toThrow(NotAllowedError)
    expect(introductions.introduction(leadOfA, id)?.status).toBe('waiting')
  })

  it('will not let a peer lead of hub A choose someone of hub B', () => {
    const id = aWaitingRequest(db, { hubId: hubA })
    const fromB = aPerson(db, { hubId: hubB })
    expect(() => introductions.choosePerson(leadOfA, id, fromB)).toThrow(NotAllowedError)
  })

  it('shows the home’s waiting introductions per hub: how many, and the oldest first', () => {
    const hub = aHub(db)
    const lead: Viewer = { kind: 'hubLead', role: 'peer-lead', hubIds: [hub] }
    const newer = aWaitingRequest(db, { hubId: hub, createdAt: '2026-11-30T09:00:00Z' })
    const oldest = aWaitingRequest(db, { hubId: hub, createdAt: '2026-11-20T09:00:00Z' })
    const waiting = introductions.waitingIn(lead, [hub]).get(hub)
    expect(waiting?.count).toBe(2)
    expect(waiting?.oldest.map((row) => row.id)).toEqual([oldest, newer])
  })

  it('takes a request through choosing, asking by email and a "yes" by the link: each side gets one email with the other’s details', async () => {
    const id = aWaitingRequest(db, {
      hubId: hubA,
      requesterName: 'Rita Requester',
      requesterEmail: 'rita@example.net',
      requesterPhone: '01632 961999',
    })
    introductions.choosePerson(leadOfA, id, helper)
    expect(introductions.introduction(leadOfA, id)?.person?.displayName).toBe('Pauline H.')
    const before = outbox().length
    await introductions.askByEmail(leadOfA, id)
    const asked = introductions.introduction(leadOfA, id)
    expect(asked?.status).toBe('asked')
    expect(asked?.answerDueAt).toBe('2026-12-08T10:00:00Z')
    const ask = outbox()[0]
    expect(ask?.to).toBe('pauline.helper@example.com')
    expect(ask?.body).toContain('video call')
    expect(ask?.body).not.toContain('rita@example.net')
    expect(ask?.body).not.toContain('Rita')
    const token = /token=([^\s&]+)/.exec(ask?.body ?? '')?.[1] as string
    expect(introductions.answerLinkState(decodeURIComponent(token)).kind).toBe('open')

    const answer = await introductions.answerByLink(decodeURIComponent(token), 'accept', { ip: null })
    expect(answer.kind).toBe('accepted')
    expect(introductions.introduction(leadOfA, id)?.status).toBe('accepted')
    const sent = outbox().slice(0, outbox().length - before - 1)
    expect(sent.map((m) => m.to).sort()).toEqual(['pauline.helper@example.com', 'rita@example.net'])
    const toRita = sent.find((m) => m.to === 'rita@example.net')
    const toPauline = sent.find((m) => m.to === 'pauline.helper@example.com')
    expect(toRita?.body).toContain('07700 900555')
    expect(toRita?.body).toContain('pauline.helper@example.com')
    expect(toPauline?.body).toContain('rita@example.net')
    expect(toPauline?.body).not.toContain('01632 961999')
    expect(kinds(id)).toEqual(['requested', 'person-chosen', 'asked-by-email', 'accepted', 'details-sent'])
    // The link works once.
    expect(introductions.answerLinkState(decodeURIComponent(token)).kind).toBe('used')
    expect((await introductions.answerByLink(decodeURIComponent(token), 'decline', { ip: null })).kind).toBe(
      'used',
    )
    const audited = db
      .prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'introduction-accepted' AND record_id = ?")
      .get(String(id)) as { n: number }
    expect(audited.n).toBe(1)
  })

  it('sends a decline on the phone back to the queue, near the top, with nobody chosen', async () => {
    const id = aWaitingRequest(db, { hubId: hubA, createdAt: '2026-11-01T09:00:00Z' })
    introductions.choosePerson(leadOfA, id, helper)
    await introductions.recordPhoneAnswer(leadOfA, id, 'declined', { ip: null })
    const back = introductions.introduction(leadOfA, id)
    expect(back?.status).toBe('waiting')
    expect(back?.person).toBeNull()
    expect(back?.waitingSince).toBe('2026-11-01T09:00:00Z')
    expect(kinds(id)).toEqual(['requested', 'person-chosen', 'asked-by-phone', 'declined'])
  })

  it('sends an ask not answered by its day back to the queue, when read and by the job, and the link stops working', async () => {
    const id = aWaitingRequest(db, { hubId: hubA })
    introductions.choosePerson(leadOfA, id, helper)
    await introductions.askByEmail(leadOfA, id)
    const token = decodeURIComponent(/token=([^\s&]+)/.exec(outbox()[0]?.body ?? '')?.[1] as string)
    const other = aWaitingRequest(db, { hubId: hubA })
    introductions.choosePerson(leadOfA, other, helper)
    await introductions.askByEmail(leadOfA, other)
    clock.advance(8 * DAY)
    try {
      // Read: this one goes back at once.
      expect(introductions.introduction(leadOfA, id)?.status).toBe('waiting')
      expect(kinds(id)?.at(-1)).toBe('no-answer')
      expect(introductions.answerLinkState(token).kind).not.toBe('open')
      // The job: the rest, in a bounded batch.
      introductions.sweepUnanswered(100)
      expect(services.repositories.introductions.find(other)?.status).toBe('waiting')
    } finally {
      clock.advance(-8 * DAY)
    }
  })

  it('refuses a step the introduction is not ready for', async () => {
    const id = aWaitingRequest(db, { hubId: hubA })
    await expect(introductions.askByEmail(leadOfA, id)).rejects.toThrow(IntroductionStateError)
    expect(() => introductions.recordHowItWent(leadOfA, id, 'helped', '')).toThrow(IntroductionStateError)
    expect(() => introductions.detailsToPassOn(leadOfA, id, { ip: null })).toThrow(IntroductionStateError)
  })

  it('records how it went and closes; closes a request with nobody suitable; both show on the timeline', async () => {
    const id = aWaitingRequest(db, { hubId: hubA, requesterRoute: 'phone' })
    introductions.choosePerson(leadOfA, id, helper)
    await introductions.recordPhoneAnswer(leadOfA, id, 'accepted', { ip: null })
    const accepted = introductions.introduction(leadOfA, id)
    expect(accepted?.passOn).toEqual({ toRequester: true, toHelper: false })
    const details = introductions.detailsToPassOn(leadOfA, id, { ip: null })
    expect(details.helper.phone).toBe('07700 900555')
    introductions.recordHowItWent(leadOfA, id, 'helped', 'They meet on Tuesdays')
    const closed = introductions.introduction(leadOfA, id)
    expect(closed?.status).toBe('closed')
    expect(closed?.outcome).toBe('helped')
    expect(kinds(id)?.slice(-2)).toEqual(['how-it-went', 'closed'])

    const nobody = aWaitingRequest(db, { hubId: hubA })
    introductions.closeWithout(leadOfA, nobody, 'no-match', 'Nobody near enough')
    expect(introductions.introduction(leadOfA, nobody)?.outcome).toBe('no-match')
  })

  it('anonymises introductions closed more than the set months ago, and only those', () => {
    const old = aWaitingRequest(db, {
      hubId: hubA,
      requesterName: 'Old Request',
      requesterEmail: 'old@example.net',
    })
    introductions.closeWithout(leadOfA, old, 'withdrawn', 'Rang to say her son helped')
    const recent = aWaitingRequest(db, { hubId: hubA })
    clock.advance(200 * DAY)
    introductions.closeWithout(leadOfA, recent, 'withdrawn', 'No longer needed')
    clock.advance(200 * DAY)
    try {
      expect(introductions.anonymiseClosed(500)).toBeGreaterThanOrEqual(1)
      const row = services.repositories.introductions.find(old)
      expect(row?.requesterName).toBe('[removed]')
      expect(row?.requesterEmail).toBeNull()
      expect(row?.requesterPhone).toBeNull()
      expect(row?.helpWanted).toBe('[removed]')
      expect(row?.outcomeNote).toBeNull()
      expect(row?.anonymisedAt).not.toBeNull()
      const notes = db
        .prepare('SELECT note FROM introduction_events WHERE introduction_id = ? AND note IS NOT NULL')
        .all(old)
      expect(notes).toEqual([])
      expect(kinds(old)?.at(-1)).toBe('anonymised')
      expect(services.repositories.introductions.find(recent)?.anonymisedAt).toBeNull()
    } finally {
      clock.advance(-400 * DAY)
    }
  })

  it('counts a person’s accepted introductions in the last 90 days, for the page’s people only', async () => {
    const someone = aPerson(db, { hubId: hubA, email: 'counted@example.com' })
    const id = aWaitingRequest(db, { hubId: hubA })
    introductions.choosePerson(leadOfA, id, someone)
    await introductions.recordPhoneAnswer(leadOfA, id, 'accepted', { ip: null })
    expect(introductions.recentlyIntroduced([someone]).get(someone)).toBe(1)
    expect(introductions.recentlyIntroduced([]).size).toBe(0)
  })

  it('has the daily housekeeping job send overdue asks back and anonymise old closed introductions', async () => {
    const overdue = aWaitingRequest(db, { hubId: hubA })
    introductions.choosePerson(leadOfA, overdue, helper)
    await introductions.askByEmail(leadOfA, overdue)
    const old = aWaitingRequest(db, { hubId: hubA, requesterName: 'Housekept Person' })
    introductions.closeWithout(leadOfA, old, 'no-match', 'Nobody near')
    clock.advance(400 * DAY)
    try {
      await runHousekeeping(services, createLogger('silent'))
      expect(services.repositories.introductions.find(overdue)?.status).toBe('waiting')
      expect(services.repositories.introductions.find(old)?.requesterName).toBe('[removed]')
    } finally {
      clock.advance(-400 * DAY)
    }
  })

  it('lists in a person’s own download the introductions they helped with: the date, hub and state, never who asked', async () => {
    const account = await anAccount(db, { email: 'helper.download@example.org' })
    const own = aPerson(db, { hubId: hubA, accountId: account.id, email: 'own.helper@example.com' })
    const id = aWaitingRequest(db, {
      hubId: hubA,
      requesterName: 'Private Requester',
      requesterEmail: 'private.requester@example.net',
    })
    introductions.choosePerson(leadOfA, id, own)
    await introductions.recordPhoneAnswer(leadOfA, id, 'accepted', { ip: null })
    const file = services.profiles.download(account.id)
    expect(file.introductions).toEqual([
      expect.objectContaining({ id, hub: 'Hub A', status: 'accepted', askedFor: '2026-11-28T09:00:00Z' }),
    ])
    const text = JSON.stringify(file)
    expect(text).not.toContain('Private Requester')
    expect(text).not.toContain('private.requester@example.net')
  })

  it('reads queues, unanswered asks, old closed ones and recent counts through their indexes (the job’s batches as the repository names them), never every introduction', () => {
    const plan = (sql: string, ...params: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
        .map((row) => row.detail)
        .join('; ')
    const plans = {
      inHubs: plan(
        `SELECT i.id FROM json_each(?) wanted CROSS JOIN introductions i ON i.hub_id = wanted.value AND i.status = 'waiting'
          ORDER BY i.waiting_since, i.id LIMIT 20`,
        '[1]',
      ),
      everyHub: plan(
        `SELECT i.id FROM introductions i WHERE i.status = 'closed' ORDER BY i.waiting_since, i.id LIMIT 20`,
      ),
      due: plan(
        `SELECT id FROM introductions INDEXED BY introductions_answer_due WHERE status = 'asked' AND answer_due_at <= ? ORDER BY answer_due_at LIMIT 100`,
        '2026-12-01T00:00:00Z',
      ),
      old: plan(
        `SELECT id FROM introductions INDEXED BY introductions_to_anonymise WHERE status = 'closed' AND anonymised_at IS NULL AND closed_at < ? ORDER BY closed_at LIMIT 500`,
        '2026-12-01T00:00:00Z',
      ),
      recent: plan(
        `SELECT i.person_id, COUNT(*) FROM json_each(?) wanted
          CROSS JOIN introductions i ON i.person_id = wanted.value AND i.accepted_at >= ? GROUP BY i.person_id`,
        '[1]',
        '2026-09-01T00:00:00Z',
      ),
    }
    for (const detail of Object.values(plans)) expect(detail).not.toMatch(/SCAN i\b|SCAN introductions\b/)
    expect(plans.inHubs).toContain('introductions_by_hub_status')
    expect(plans.everyHub).toContain('introductions_by_status')
    expect(plans.due).toContain('introductions_answer_due')
    expect(plans.old).toContain('introductions_to_anonymise')
    expect(plans.recent).toContain('introductions_by_person')
  })
})
