/**
 * Stories of asking to be put in touch (issue 11), told to IntroductionRequestService: the
 * request goes to the hub of the page it came from (a hub page, a public profile, a service
 * page), or else the hub for the area typed; several close hubs are offered to choose from; an
 * area we cannot place is said plainly and nothing is kept; the usual wait comes from the hub's
 * recent introductions when there are enough of them, else from the set number of days.
 */
import { importDemoPostcodesIfEmpty } from '../../../db/demoPostcodes'
import type { Db } from '../../../db/connection'
import { testConfig } from '../../../server/config'
import { buildServices, type Services } from '../../../server/services'
import { fixedClock } from '../../../server/services/clock'
import type { IntroductionRequestInput } from '../../../server/services/introductions/contract'
import {
  INTRODUCTION_REQUESTED_ACTION,
  UNKNOWN_AREA_MESSAGE,
  withinDays,
} from '../../../server/services/introductions/introductionRequestService'
import { RECENT_WAITS_SQL } from '../../../db/repositories/introductionRequestsRepository'
import { aHub, aPerson, aPlace, aService } from '../../builders'
import { aDatabase } from '../../support/testApp'
import { withTowns } from '../../support/towns'

const MARGATE = { latitude: 51.3813, longitude: 1.3862 }
const FROM_HOME = { ip: '203.0.113.9' }
const NOW = '2026-12-01T10:00:00Z'

/** A request as the form sends it, from the form on its own, by email. */
const aRequest = (input: Partial<IntroductionRequestInput> = {}): IntroductionRequestInput => ({
  from: { kind: 'direct' },
  helpWanted: 'Someone to help me set up my new tablet',
  name: 'Rosalind Pettigrew',
  route: 'email',
  email: 'rosalind.p@example.com',
  phone: null,
  area: 'Margate',
  hubSlug: null,
  ...input,
})

const count = (db: Db, table: string): number =>
  (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n

async function aWorld(): Promise<{ db: Db; services: Services }> {
  const db = withTowns(aDatabase())
  await importDemoPostcodesIfEmpty(db)
  const services = buildServices(db, testConfig({ introductionAnswerDays: 7 }), fixedClock(NOW))
  return { db, services }
}

describe('where a request goes', () => {
  let db: Db
  let services: Services
  let thanet: number
  let sheffield: number

  beforeAll(async () => {
    ;({ db, services } = await aWorld())
    thanet = aHub(db, { slug: 'thanet', name: 'Thanet', ...MARGATE, radiusMiles: 6 })
    sheffield = aHub(db, { slug: 'sheffield', name: 'Sheffield', latitude: 53.3811, longitude: -1.4701 })
  })

  it('from a hub page goes to that hub, whatever area is typed', () => {
    expect(services.introductionRequests.start({ kind: 'hub', slug: 'sheffield' })).toEqual({
      hub: { slug: 'sheffield', name: 'Sheffield', miles: null },
      about: null,
    })
    const sent = services.introductionRequests.request(
      aRequest({ from: { kind: 'hub', slug: 'sheffield' }, area: 'Near the big church' }),
      FROM_HOME,
    )
    expect(sent).toMatchObject({ kind: 'sent', hub: { slug: 'sheffield' } })
    const kept = db
      .prepare(
        'SELECT hub_id, asked_from, asked_from_ref, requester_area, status FROM introductions WHERE id = ?',
      )
      .get(sent.kind === 'sent' ? sent.introductionId : 0)
    expect(kept).toEqual({
      hub_id: sheffield,
      asked_from: 'hub',
      asked_from_ref: 'sheffield',
      requester_area: 'Near the big church',
      status: 'waiting',
    })
  })

  it('says there is no such page for a hub that does not exist', () => {
    expect(services.introductionRequests.start({ kind: 'hub', slug: 'atlantis' })).toBeNull()
  })

  it('from a public profile goes to the person’s hub, and names them by first name and initial only', () => {
    const person = aPerson(db, {
      firstName: 'Pauline',
      lastName: 'Hart',
      hubId: sheffield,
      visibility: 'public',
    })
    const start = services.introductionRequests.start({ kind: 'person', personId: person })
    expect(start).toEqual({
      hub: { slug: 'sheffield', name: 'Sheffield', miles: null },
      about: 'to Pauline H.',
    })
    expect(JSON.stringify(start)).not.toMatch(/Hart|@|07700/)
    const sent = services.introductionRequests.request(
      aRequest({ from: { kind: 'person', personId: person } }),
      FROM_HOME,
    )
    expect(sent).toMatchObject({ kind: 'sent', hub: { slug: 'sheffield' } })
  })

  it('treats a person who is not shown to everyone exactly as one who does not exist', () => {
    const hubOnly = aPerson(db, { hubId: thanet, visibility: 'hub' })
    const coordinatorsOnly = aPerson(db, { hubId: thanet, visibility: 'coordinators' })
    const noConsent = aPerson(db, { hubId: thanet, visibility: 'public', consent: 'none' })
    for (const personId of [hubOnly, coordinatorsOnly, noConsent, 999_999])
      expect(services.introductionRequests.start({ kind: 'person', personId })).toBeNull()
  })

  it('from a service page goes to the service’s own hub', () => {
    const service = aService(db, { name: 'Tuesday Lunch Club', hubId: sheffield })
    expect(services.introductionRequests.start({ kind: 'service', serviceId: service })).toEqual({
      hub: { slug: 'sheffield', name: 'Sheffield', miles: null },
      about: 'about Tuesday Lunch Club',
    })
    expect(
      services.introductionRequests.request(
        aRequest({ from: { kind: 'service', serviceId: service } }),
        FROM_HOME,
      ),
    ).toMatchObject({ kind: 'sent', hub: { slug: 'sheffield' } })
  })

  it('from a service page with no hub goes to the hub whose area holds its place', () => {
    const hall = aPlace(db, { ...MARGATE })
    const service = aService(db, { name: 'Knit and natter', placeIds: [hall] })
    expect(services.introductionRequests.start({ kind: 'service', serviceId: service })?.hub?.slug).toBe(
      'thanet',
    )
  })

  it('says there is no such page for a service that is not published', () => {
    const draft = aService(db, { status: 'draft' })
    expect(services.introductionRequests.start({ kind: 'service', serviceId: draft })).toBeNull()
  })

  it('from search results or the form on its own goes to the hub whose area holds the town or postcode typed', () => {
    expect(services.introductionRequests.request(aRequest({ area: 'Margate' }), FROM_HOME)).toMatchObject({
      kind: 'sent',
      hub: { slug: 'thanet' },
    })
    expect(
      services.introductionRequests.request(
        aRequest({ from: { kind: 'search', words: 'tablets', where: 'Margate' }, area: 'CT9' }),
        FROM_HOME,
      ),
    ).toMatchObject({ kind: 'sent', hub: { slug: 'thanet' } })
    expect(
      services.introductionRequests.start({ kind: 'search', words: 'tablets', where: 'Margate' }),
    ).toEqual({ hub: { slug: 'thanet', name: 'Thanet', miles: 0 }, about: 'about ‘tablets’' })
  })

  it('says plainly when it does not know the area, and keeps nothing', () => {
    const before = [count(db, 'introductions'), count(db, 'introduction_events'), count(db, 'audit_log')]
    const answer = services.introductionRequests.request(aRequest({ area: 'Atlantis' }), FROM_HOME)
    expect(answer).toEqual({ kind: 'invalid', problems: [{ field: 'area', message: UNKNOWN_AREA_MESSAGE }] })
    expect(UNKNOWN_AREA_MESSAGE).toBe('Enter a town or postcode we know, such as Ramsgate or CT11')
    expect([count(db, 'introductions'), count(db, 'introduction_events'), count(db, 'audit_log')]).toEqual(
      before,
    )
  })

  it('asks which one for a town name shared by several places, and keeps nothing', () => {
    const before = count(db, 'introductions')
    const answer = services.introductionRequests.request(aRequest({ area: 'Newport' }), FROM_HOME)
    expect(answer).toMatchObject({ kind: 'invalid', problems: [{ field: 'area' }] })
    expect(count(db, 'introductions')).toBe(before)
  })

  it('keeps nothing when something the form must have is missing', () => {
    const before = count(db, 'introductions')
    const answer = services.introductionRequests.request(
      aRequest({ helpWanted: ' ', route: 'phone', phone: null }),
      FROM_HOME,
    )
    expect(answer).toMatchObject({
      kind: 'invalid',
      problems: [{ field: 'helpWanted' }, { field: 'phone' }],
    })
    expect(count(db, 'introductions')).toBe(before)
  })

  it('keeps the request, its first step and one audit entry that holds nothing about the person asking', () => {
    const sent = services.introductionRequests.request(
      aRequest({ name: 'Ottilie Framboise', email: 'ottilie@example.com', phone: '07700 900111' }),
      FROM_HOME,
    )
    if (sent.kind !== 'sent') throw new Error('not sent')
    expect(
      db
        .prepare('SELECT kind, at FROM introduction_events WHERE introduction_id = ?')
        .all(sent.introductionId),
    ).toEqual([{ kind: 'requested', at: NOW }])
    const row = db
      .prepare(
        'SELECT requester_name, requester_email, requester_phone, requester_route, created_at, waiting_since FROM introductions WHERE id = ?',
      )
      .get(sent.introductionId)
    expect(row).toEqual({
      requester_name: 'Ottilie Framboise',
      requester_email: 'ottilie@example.com',
      requester_phone: '07700 900111',
      requester_route: 'email',
      created_at: NOW,
      waiting_since: NOW,
    })
    const audit = db
      .prepare('SELECT * FROM audit_log WHERE action = ? AND record_id = ?')
      .all(INTRODUCTION_REQUESTED_ACTION, String(sent.introductionId))
    expect(audit).toHaveLength(1)
    const written = JSON.stringify(audit)
    for (const secret of ['Ottilie', 'ottilie@example.com', '07700', 'Margate', 'tablet', FROM_HOME.ip])
      expect(written).not.toContain(secret)
  })

  it('keeps nothing when a robot filled in the hidden box, and answers just the same', () => {
    const before = [count(db, 'introductions'), count(db, 'introduction_events'), count(db, 'audit_log')]
    const answer = services.introductionRequests.answerWithoutKeeping(aRequest())
    expect(answer).toMatchObject({
      kind: 'sent',
      hub: { slug: 'thanet' },
      usualWait: { phrase: 'within a week' },
    })
    if (answer.kind === 'sent') expect(answer.introductionId).toBe(before[0]! + 1)
    expect([count(db, 'introductions'), count(db, 'introduction_events'), count(db, 'audit_log')]).toEqual(
      before,
    )
  })
})

describe('when several hubs are close', () => {
  let db: Db
  let services: Services

  beforeAll(async () => {
    ;({ db, services } = await aWorld())
    // Two hubs whose areas both hold Margate.
    aHub(db, {
      slug: 'cliftonville',
      name: 'Cliftonville',
      latitude: 51.389,
      longitude: 1.405,
      radiusMiles: 3,
    })
    aHub(db, { slug: 'westbrook', name: 'Westbrook', latitude: 51.382, longitude: 1.365, radiusMiles: 3 })
  })

  it('offers the hubs whose areas hold the place, nearest first, and keeps nothing', () => {
    const before = count(db, 'introductions')
    const answer = services.introductionRequests.request(aRequest({ area: 'Margate' }), FROM_HOME)
    expect(answer.kind).toBe('choose-hub')
    if (answer.kind !== 'choose-hub') return
    expect(answer.hubs.map((hub) => hub.slug)).toEqual(['westbrook', 'cliftonville'])
    expect(answer.hubs.every((hub) => typeof hub.miles === 'number')).toBe(true)
    expect(count(db, 'introductions')).toBe(before)
  })

  it('keeps the request in the hub chosen from the list', () => {
    expect(
      services.introductionRequests.request(
        aRequest({ area: 'Margate', hubSlug: 'cliftonville' }),
        FROM_HOME,
      ),
    ).toMatchObject({ kind: 'sent', hub: { slug: 'cliftonville' } })
  })

  it('refuses a hub that is not there, in plain words', () => {
    expect(services.introductionRequests.request(aRequest({ hubSlug: 'nowhere' }), FROM_HOME)).toEqual({
      kind: 'invalid',
      problems: [{ field: 'hub', message: 'Choose a hub from the list' }],
    })
  })

  it('sends a service page’s request to the one of its hubs whose area holds the area typed', () => {
    // The hall is in both hubs; Broadstairs (CT10) is in Cliftonville's area only.
    const hall = aPlace(db, { ...MARGATE })
    const service = aService(db, { placeIds: [hall] })
    expect(services.introductionRequests.start({ kind: 'service', serviceId: service })?.hub).toBeNull()
    expect(
      services.introductionRequests.request(
        aRequest({ from: { kind: 'service', serviceId: service }, area: 'CT10' }),
        FROM_HOME,
      ),
    ).toMatchObject({ kind: 'sent', hub: { slug: 'cliftonville' } })
    // An area it cannot place leaves the choice to the person asking.
    const answer = services.introductionRequests.request(
      aRequest({ from: { kind: 'service', serviceId: service }, area: 'Atlantis' }),
      FROM_HOME,
    )
    expect(answer.kind).toBe('choose-hub')
  })
})

describe('when no hub holds the place', () => {
  it('sends it to the one clear nearest hub, or offers the close ones', async () => {
    const { db, services } = await aWorld()
    // Small hubs near Margate whose areas do not reach it.
    aHub(db, {
      slug: 'broadstairs',
      name: 'Broadstairs',
      latitude: 51.3597,
      longitude: 1.4394,
      radiusMiles: 1,
    })
    aHub(db, { slug: 'canterbury', name: 'Canterbury', latitude: 51.2802, longitude: 1.0789, radiusMiles: 1 })
    expect(services.introductionRequests.request(aRequest({ area: 'Margate' }), FROM_HOME)).toMatchObject({
      kind: 'sent',
      hub: { slug: 'broadstairs' },
    })
    aHub(db, {
      slug: 'birchington',
      name: 'Birchington',
      latitude: 51.3766,
      longitude: 1.3068,
      radiusMiles: 1,
    })
    const answer = services.introductionRequests.request(aRequest({ area: 'Margate' }), FROM_HOME)
    expect(answer.kind).toBe('choose-hub')
    if (answer.kind === 'choose-hub')
      expect(answer.hubs.map((hub) => hub.slug).sort()).toEqual(['birchington', 'broadstairs'])
  })

  it('says so when no hub is near at all', async () => {
    const { db, services } = await aWorld()
    aHub(db, { slug: 'sheffield', name: 'Sheffield', latitude: 53.3811, longitude: -1.4701 })
    expect(services.introductionRequests.request(aRequest({ area: 'Margate' }), FROM_HOME)).toEqual({
      kind: 'invalid',
      problems: [
        { field: 'area', message: expect.stringContaining('There is no local hub near Margate yet') },
      ],
    })
  })
})

describe('how long it usually takes', () => {
  it('says the set number of days until the hub has three recent accepted introductions, then the median', async () => {
    const { db, services } = await aWorld()
    const hub = aHub(db, { slug: 'thanet', name: 'Thanet', ...MARGATE })
    expect(services.introductionRequests.usualWait(null)).toEqual({ phrase: 'within a week', answerDays: 7 })
    expect(services.introductionRequests.usualWait(hub)).toEqual({ phrase: 'within a week', answerDays: 7 })

    // Accepted after 1, 2 and 3 days (the coordinators' side does this; written directly here).
    const accepted = (createdAt: string, acceptedAt: string) => {
      const sent = services.introductionRequests.request(aRequest(), FROM_HOME)
      if (sent.kind !== 'sent') throw new Error('not sent')
      db.prepare(
        "UPDATE introductions SET status = 'accepted', created_at = ?, accepted_at = ? WHERE id = ?",
      ).run(createdAt, acceptedAt, sent.introductionId)
    }
    accepted('2026-11-01T10:00:00Z', '2026-11-02T10:00:00Z')
    accepted('2026-11-03T10:00:00Z', '2026-11-05T10:00:00Z')
    expect(services.introductionRequests.usualWait(hub).phrase).toBe('within a week')
    accepted('2026-11-10T10:00:00Z', '2026-11-13T09:00:00Z')
    expect(services.introductionRequests.usualWait(hub)).toEqual({ phrase: 'within 2 days', answerDays: 7 })
    // Ones from more than 180 days ago do not count.
    accepted('2025-01-01T10:00:00Z', '2025-01-20T10:00:00Z')
    expect(services.introductionRequests.usualWait(hub).phrase).toBe('within 2 days')
  })

  it('reads only a range of the hub’s recent introductions through its index, never every introduction', () => {
    const db = aDatabase()
    const plan = (
      db
        .prepare(`EXPLAIN QUERY PLAN ${RECENT_WAITS_SQL}`)
        .all({ hubId: 1, since: '2026-06-01', waitingSince: '2026-01-01', limit: 20 }) as { detail: string }[]
    )
      .map((row) => row.detail)
      .join('; ')
    expect(plan).toContain('introductions_by_hub_status (hub_id=? AND status=? AND waiting_since>?)')
    expect(plan).not.toMatch(/SCAN introductions\b/)
  })

  it('puts days in plain words', () => {
    expect([1, 3, 7, 10, 14, 30].map(withinDays)).toEqual([
      'within a day',
      'within 3 days',
      'within a week',
      'within 10 days',
      'within 2 weeks',
      'within 5 weeks',
    ])
  })
})
