import type { Db } from '../../db/connection'
import { testConfig } from '../../server/config'
import { buildServices } from '../../server/services'
import { fixedClock } from '../../server/services/clock'
import { monthsBefore, needsChecking, warnToCall } from '../../server/services/freshness/rules'
import { NotAllowedError } from '../../server/services/permissions'
import { inOrder, type NearestRow } from '../../server/services/search/ranking'
import type { Viewer } from '../../server/services/viewer'
import { NEEDS_CHECKING_PAGE_SQL } from '../../db/repositories/freshnessRepository'
import { aHub, anOrganisation, aPlace, aService } from '../builders'
import { aDatabase } from '../support/testApp'

const ORIGIN = { ip: null }

describe('when a listing is due to be checked', () => {
  it('counts months back from today, keeping to the end of a shorter month', () => {
    expect(monthsBefore('2026-12-01', 12)).toBe('2025-12-01')
    expect(monthsBefore('2026-12-01', 18)).toBe('2025-06-01')
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28')
    expect(monthsBefore('2024-02-29', 12)).toBe('2023-02-28')
  })

  it('needs checking once not checked in 12 months, to the day', () => {
    expect(needsChecking('2025-11-30', '2026-12-01')).toBe(true)
    expect(needsChecking('2025-12-01', '2026-12-01')).toBe(false)
    expect(needsChecking('2026-11-01', '2026-12-01')).toBe(false)
  })

  it('tells readers to call before they go once not checked for 18 months', () => {
    expect(warnToCall('2025-05-31', '2026-12-01')).toBe(true)
    expect(warnToCall('2025-06-01', '2026-12-01')).toBe(false)
    expect(warnToCall('2025-11-30', '2026-12-01')).toBe(false)
  })
})

describe('ranking: a stale listing sinks only among equals', () => {
  const facts = {
    1: { id: 1, lastChecked: '2025-01-10', name: 'A stale club' },
    2: { id: 2, lastChecked: '2026-11-10', name: 'B fresh club' },
    3: { id: 3, lastChecked: '2026-11-20', name: 'C fresh, further' },
  } as const
  const lookUp = (ids: number[]) => ids.map((id) => facts[id as 1 | 2 | 3])

  it('puts the fresh one first at the same relevance and distance', () => {
    const rows: NearestRow[] = [
      { id: 1, tier: 0, miles: 0.5 },
      { id: 2, tier: 0, miles: 0.5 },
    ]
    expect(inOrder(rows, 10, lookUp).map((row) => row.id)).toEqual([2, 1])
  })

  it('never lifts a fresh one above a nearer or better match', () => {
    const rows: NearestRow[] = [
      { id: 3, tier: 0, miles: 2 },
      { id: 1, tier: 0, miles: 0.5 },
      { id: 2, tier: 1, miles: 0.1 },
    ]
    expect(inOrder(rows, 10, lookUp).map((row) => row.id)).toEqual([1, 3, 2])
  })
})

describe('who may check and archive a hub’s listings', () => {
  let db: Db
  let hubA: number
  let hubB: number
  let inA: number
  let inB: number
  let noHub: number
  const freshness = () => buildServices(db, testConfig(), fixedClock('2026-12-01T10:00:00Z')).freshness

  beforeEach(() => {
    db = aDatabase()
    hubA = aHub(db, { slug: 'thanet', name: 'Thanet' })
    hubB = aHub(db, { slug: 'sheffield', name: 'Sheffield' })
    inA = aService(db, { hubId: hubA, lastChecked: '2025-10-01' })
    inB = aService(db, { hubId: hubB, lastChecked: '2025-10-01' })
    noHub = aService(db, { hubId: null, lastChecked: '2025-10-01' })
  })

  const leadOfA: Viewer = { kind: 'hubLead', role: 'peer-lead', hubIds: [], accountId: undefined }
  const viewers = () => ({
    leadOfA: { ...leadOfA, hubIds: [hubA] } as Viewer,
    member: { kind: 'member', hubIds: [hubA] } as Viewer,
    visitor: { kind: 'visitor' } as Viewer,
    everyHub: { kind: 'hubLead', role: 'coordinator', hubIds: [], allHubs: true } as Viewer,
    admin: { kind: 'admin' } as Viewer,
  })

  it('lets a peer lead of hub A check and list hub A only', () => {
    const { leadOfA } = viewers()
    expect(freshness().mayLookAfter(leadOfA, 'service', inA)).toBe(true)
    expect(freshness().mayLookAfter(leadOfA, 'service', inB)).toBe(false)
    expect(freshness().mayLookAfter(leadOfA, 'service', noHub)).toBe(false)
    expect(freshness().needsChecking(leadOfA, 'thanet', 1)?.found.total).toBe(1)
    expect(() => freshness().needsChecking(leadOfA, 'sheffield', 1)).toThrow(NotAllowedError)
    expect(() => freshness().markChecked(leadOfA, 'service', inB, 'phone', ORIGIN)).toThrow(NotAllowedError)
    expect(() => freshness().archive(leadOfA, 'service', inB, 'Closed', ORIGIN)).toThrow(NotAllowedError)
    expect(() => freshness().needsCheckingIn(leadOfA, [hubA, hubB])).toThrow(NotAllowedError)
    expect(db.prepare('SELECT status FROM services WHERE id = ?').pluck().get(inB)).toBe('published')
  })

  it('refuses members and visitors everything', () => {
    for (const viewer of [viewers().member, viewers().visitor]) {
      expect(freshness().mayLookAfter(viewer, 'service', inA)).toBe(false)
      expect(() => freshness().needsChecking(viewer, 'thanet', 1)).toThrow(NotAllowedError)
      expect(() => freshness().markChecked(viewer, 'service', inA, 'visit', ORIGIN)).toThrow(NotAllowedError)
      expect(() => freshness().archive(viewer, 'service', inA, 'Closed', ORIGIN)).toThrow(NotAllowedError)
    }
  })

  it('leaves a listing with no hub to those who look after every hub', () => {
    const { everyHub, admin } = viewers()
    expect(freshness().mayLookAfter(everyHub, 'service', noHub)).toBe(true)
    expect(freshness().markChecked(admin, 'service', noHub, 'website', ORIGIN)).toBe('checked')
    expect(db.prepare('SELECT last_checked FROM services WHERE id = ?').pluck().get(noHub)).toBe('2026-12-01')
  })

  it('reads a hub’s list through its index of last-checked dates, never every service', () => {
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT COUNT(*) FROM services WHERE hub_id = 1 AND status = 'published' AND last_checked < '2025-12-01'`,
      )
      .all() as { detail: string }[]
    expect(plan.map((row) => row.detail).join(' ')).toContain('services_published_by_hub_checked')
  })
})

describe('who may check and archive a hub’s organisations and places', () => {
  let db: Db
  let hubA: number
  let hubB: number
  const freshness = () => buildServices(db, testConfig(), fixedClock('2026-12-01T10:00:00Z')).freshness
  const leadOf = (hubId: number): Viewer => ({ kind: 'hubLead', role: 'peer-lead', hubIds: [hubId] })
  const everyHub: Viewer = { kind: 'hubLead', role: 'coordinator', hubIds: [], allHubs: true }

  beforeEach(() => {
    db = aDatabase()
    hubA = aHub(db, { slug: 'thanet', name: 'Thanet' })
    hubB = aHub(db, { slug: 'sheffield', name: 'Sheffield' })
  })

  it('lets the leads of any hub an organisation works in look after it, and no one else', () => {
    const inA = anOrganisation(db, { hubIds: [hubA], lastChecked: '2025-10-01' })
    const inBoth = anOrganisation(db, { hubIds: [hubA, hubB], lastChecked: '2025-10-01' })
    const inNone = anOrganisation(db, { hubIds: [], lastChecked: '2025-10-01' })
    expect(freshness().mayLookAfter(leadOf(hubA), 'organisation', inA)).toBe(true)
    expect(freshness().mayLookAfter(leadOf(hubB), 'organisation', inA)).toBe(false)
    expect(freshness().mayLookAfter(leadOf(hubB), 'organisation', inBoth)).toBe(true)
    expect(freshness().mayLookAfter(leadOf(hubA), 'organisation', inNone)).toBe(false)
    expect(freshness().mayLookAfter(everyHub, 'organisation', inNone)).toBe(true)
    expect(freshness().mayLookAfter({ kind: 'member', hubIds: [hubA] }, 'organisation', inA)).toBe(false)
    expect(() => freshness().archive(leadOf(hubB), 'organisation', inA, 'Closed', ORIGIN)).toThrow(
      NotAllowedError,
    )
    // Hub B's lead looks after the shared one through hub B: back to hub B's list.
    expect(freshness().listingToLookAfter(leadOf(hubB), 'organisation', inBoth)?.hubSlug).toBe('sheffield')
    expect(db.prepare('SELECT status FROM organizations WHERE id = ?').pluck().get(inA)).toBe('published')
  })

  it('lets the leads of a place’s own hub look after it', () => {
    const place = aPlace(db, { hubId: hubA, lastChecked: '2025-10-01' })
    expect(freshness().mayLookAfter(leadOf(hubA), 'place', place)).toBe(true)
    expect(() => freshness().markChecked(leadOf(hubB), 'place', place, 'visit', ORIGIN)).toThrow(
      NotAllowedError,
    )
    expect(freshness().markChecked(leadOf(hubA), 'place', place, 'visit', ORIGIN)).toBe('checked')
    expect(db.prepare('SELECT last_checked FROM locations WHERE id = ?').pluck().get(place)).toBe(
      '2026-12-01',
    )
  })

  it('lists a hub’s stale groups, organisations and places together, oldest first, a page at a time', () => {
    const organisation = anOrganisation(db, { hubIds: [hubA], lastChecked: '2025-09-01' })
    const place = aPlace(db, { hubId: hubA, lastChecked: '2025-08-01' })
    const group = aService(db, { hubId: hubA, organisationId: organisation, lastChecked: '2025-10-01' })
    anOrganisation(db, { hubIds: [hubB], lastChecked: '2025-01-01' })
    anOrganisation(db, { hubIds: [hubA], lastChecked: '2025-01-01', status: 'archived' })
    const found = freshness().needsChecking(leadOf(hubA), 'thanet', 1)?.found
    expect(found?.counts).toEqual({ service: 1, organisation: 1, place: 1 })
    expect(found?.listings.map(({ type, id }) => [type, id])).toEqual([
      ['place', place],
      ['organisation', organisation],
      ['service', group],
    ])
    // Twenty more places, checked later: page 1 ends with 17 of them, page 2 has the last 3.
    const later = Array.from({ length: 20 }, () => aPlace(db, { hubId: hubA, lastChecked: '2025-11-15' }))
    const first = freshness().needsChecking(leadOf(hubA), 'thanet', 1)?.found
    const second = freshness().needsChecking(leadOf(hubA), 'thanet', 2)?.found
    expect([first?.total, first?.pageCount, first?.listings.length]).toEqual([23, 2, 20])
    expect(second?.listings.map(({ id }) => id)).toEqual(later.slice(17))
    // Checking it moves its copy on its hub links: it leaves the list.
    freshness().markChecked(leadOf(hubA), 'organisation', organisation, 'phone', ORIGIN)
    expect(freshness().needsChecking(leadOf(hubA), 'thanet', 1)?.found.counts.organisation).toBe(0)
  })

  it('reads a page of the three kinds through their three indexes, each a range of one hub', () => {
    const plan = (
      db
        .prepare(`EXPLAIN QUERY PLAN ${NEEDS_CHECKING_PAGE_SQL}`)
        .all({ hubId: 1, before: '2025-12-01', limit: 20, offset: 0, reach: 20 }) as { detail: string }[]
    ).map((row) => row.detail)
    expect(plan).toContain(
      'SEARCH s USING INDEX services_published_by_hub_checked (hub_id=? AND last_checked<?)',
    )
    expect(plan).toContain(
      'SEARCH oh USING COVERING INDEX organization_hubs_published_by_checked (hub_id=? AND organization_last_checked<?)',
    )
    expect(plan).toContain(
      'SEARCH l USING INDEX locations_published_by_hub_checked (hub_id=? AND last_checked<?)',
    )
    // No kind sorts its rows: each reads them in order from its index, and stops.
    expect(plan.filter((detail) => detail.includes('TEMP B-TREE'))).toHaveLength(1)
  })
})
