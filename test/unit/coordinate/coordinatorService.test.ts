/**
 * CoordinatorService decides per hub and per person (issue 11): peer leads in their own hubs
 * only, coordinators in theirs or every hub, admins everywhere, members and visitors nowhere;
 * only people with consent in force who have not paused; every reveal audited. And the
 * searches read only what they need (their query plans never scan every person).
 */
import { aHub, aPerson, writers } from '../../builders'
import { aDatabase } from '../../support/testApp'
import { buildServices } from '../../../server/services'
import { testConfig } from '../../../server/config'
import { NotAllowedError } from '../../../server/services/permissions'
import type { Viewer } from '../../../server/services/viewer'
import { importDemoPostcodesIfEmpty } from '../../../db/demoPostcodes'

describe('CoordinatorService', () => {
  const db = aDatabase()
  const services = buildServices(db, testConfig())
  const { coordinator } = services
  const thanet = aHub(db, { slug: 'thanet-test', name: 'Thanet test' })
  const sheffield = aHub(db, {
    slug: 'sheffield-test',
    name: 'Sheffield test',
    latitude: 53.38,
    longitude: -1.47,
  })
  const knitter = aPerson(db, {
    firstName: 'Margaret',
    lastName: 'Lilley',
    hubId: thanet,
    skills: ['knitting'],
    visibility: 'coordinators',
  })
  const farAway = aPerson(db, {
    firstName: 'Christine',
    lastName: 'Bagshaw',
    hubId: sheffield,
    postcodeDistrict: 'S11',
    skills: ['knitting'],
  })
  const leadOfThanet: Viewer = { kind: 'hubLead', accountId: 1, role: 'peer-lead', hubIds: [thanet] }
  const everyHub: Viewer = { kind: 'hubLead', accountId: 2, role: 'coordinator', hubIds: [], allHubs: true }
  const member: Viewer = { kind: 'member', accountId: 3, hubIds: [thanet] }

  beforeAll(async () => {
    await importDemoPostcodesIfEmpty(db)
  })

  it('lets a member, a visitor or a peer lead of no hub coordinate nothing', () => {
    expect(coordinator.mayCoordinate(member)).toBe(false)
    expect(coordinator.mayCoordinate({ kind: 'visitor' })).toBe(false)
    expect(coordinator.mayCoordinate({ kind: 'hubLead', role: 'peer-lead', hubIds: [] })).toBe(false)
    expect(() => coordinator.person(member, knitter)).toThrow(NotAllowedError)
    expect(() => coordinator.hubsLookedAfter(member)).toThrow(NotAllowedError)
  })

  it('shows a peer lead the people of their own hub and refuses the people of another', () => {
    expect(coordinator.person(leadOfThanet, knitter)?.displayName).toBe('Margaret L.')
    expect(() => coordinator.person(leadOfThanet, farAway)).toThrow(NotAllowedError)
    expect(() =>
      coordinator.findExpertise(leadOfThanet, {
        skillCode: null,
        words: '',
        hubId: sheffield,
        near: null,
        page: 1,
      }),
    ).toThrow(NotAllowedError)
    expect(() =>
      coordinator.revealContactDetails(leadOfThanet, farAway, 'A resident asked', { ip: null }),
    ).toThrow(NotAllowedError)
  })

  it('finds, near Sheffield, only the people of hubs the viewer looks after', () => {
    const near = { point: { latitude: 53.36, longitude: -1.5 }, miles: 10 as const }
    const lead = coordinator.findExpertise(leadOfThanet, {
      skillCode: null,
      words: 'knitting',
      hubId: null,
      near,
      page: 1,
    })
    expect(lead.total).toBe(0)
    const all = coordinator.findExpertise(everyHub, {
      skillCode: null,
      words: 'knitting',
      hubId: null,
      near,
      page: 1,
    })
    expect(all.people.map((person) => person.displayName)).toEqual(['Christine B.'])
    expect(all.people[0]?.miles).toBeLessThan(10)
  })

  it('hides someone who has paused, and writes one audit entry for each reveal', () => {
    const paused = aPerson(db, { firstName: 'Resting', hubId: thanet })
    writers(db).people.setPausedAt(paused, '2026-11-20T10:00:00Z')
    expect(coordinator.person(leadOfThanet, paused)).toBeNull()
    expect(coordinator.revealContactDetails(leadOfThanet, paused, 'To check', { ip: null })).toBeNull()
    const count = () =>
      db.prepare("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'contact-details-shown'").get() as {
        n: number
      }
    const before = count().n
    coordinator.revealContactDetails(leadOfThanet, knitter, 'A resident asked', { ip: '127.0.0.1' })
    expect(count().n).toBe(before + 1)
  })

  it('reads people near a place through the districts and people of a hub through its index, never scanning every person', () => {
    const plans = [
      'EXPLAIN QUERY PLAN SELECT 1 FROM postcode_districts d CROSS JOIN people p ON p.postcode_district = d.district AND p.consent_id IS NOT NULL AND p.paused_at IS NULL WHERE d.latitude BETWEEN 1 AND 2',
      'EXPLAIN QUERY PLAN SELECT 1 FROM json_each(?) w CROSS JOIN people p ON p.hub_id = w.value AND p.created_at >= ?',
      'EXPLAIN QUERY PLAN SELECT COUNT(*) FROM json_each(?) w CROSS JOIN people p ON p.hub_id = w.value AND (p.consent_id IS NULL OR p.paused_at IS NOT NULL)',
    ]
    const details = plans.map((sql) =>
      (
        db.prepare(sql).all(...(sql.includes('?') ? (sql.match(/\?/g) ?? []).map(() => '[1]') : [])) as {
          detail: string
        }[]
      )
        .map((row) => row.detail)
        .join('; '),
    )
    for (const detail of details) expect(detail).not.toMatch(/SCAN p\b/)
    expect(details[1]).toContain('people_by_hub_joined')
    expect(details[2]).toContain('people_to_check_by_hub')
    expect(details[0]).toContain('people_shown_by_district')
  })
})
