/**
 * GapsService (issue 12): only someone who may coordinate a hub gets its report; the other
 * hubs' counts are read once per data version, never the services or people themselves.
 */
import { aHub, aPerson, aService } from '../../builders'
import { aDatabase } from '../../support/testApp'
import { buildServices } from '../../../server/services'
import { testConfig } from '../../../server/config'
import { NotAllowedError } from '../../../server/services/permissions'
import type { Viewer } from '../../../server/services/viewer'

describe('GapsService', () => {
  const db = aDatabase()
  const services = buildServices(db, testConfig({ privacyMinCount: 3 }))
  const thanet = aHub(db, { slug: 'thanet-gaps', name: 'Thanet' })
  const dover = aHub(db, { slug: 'dover-gaps', name: 'Dover' })
  const deal = aHub(db, { slug: 'deal-gaps', name: 'Deal' })
  for (const hub of [dover, deal]) {
    aService(db, { hubId: hub, categories: ['money-advice'] })
    for (let i = 0; i < 3; i++) aPerson(db, { hubId: hub, skills: ['driving'] })
  }
  aPerson(db, { hubId: thanet, skills: ['driving'] })
  const leadOfThanet: Viewer = { kind: 'hubLead', accountId: 1, role: 'peer-lead', hubIds: [thanet] }
  const leadOfDover: Viewer = { kind: 'hubLead', accountId: 2, role: 'peer-lead', hubIds: [dover] }
  const everyHub: Viewer = { kind: 'hubLead', accountId: 3, role: 'coordinator', hubIds: [], allHubs: true }
  const member: Viewer = { kind: 'member', accountId: 4, hubIds: [thanet] }

  it('gives Thanet’s peer lead Thanet’s report, with the privacy threshold of the config', () => {
    const report = services.gaps.report(leadOfThanet, 'thanet-gaps')
    expect(report?.hub.name).toBe('Thanet')
    expect(report?.otherHubs).toBe(2)
    expect(report?.privacyMinCount).toBe(3)
    expect(report?.services.find((line) => line.code === 'money-advice')).toMatchObject({
      here: { shown: true, count: 0 },
      median: { shown: true, count: 1 },
      comparison: 'none-here',
    })
    expect(report?.skills.find((line) => line.code === 'driving')).toMatchObject({
      here: { shown: true, count: 1 },
      median: { shown: true, count: 3 },
      comparison: 'fewer',
    })
  })

  it('refuses a peer lead of another hub and a member, and gives a coordinator of every hub any hub', () => {
    expect(() => services.gaps.report(leadOfDover, 'thanet-gaps')).toThrow(NotAllowedError)
    expect(() => services.gaps.report(member, 'thanet-gaps')).toThrow(NotAllowedError)
    expect(() => services.gaps.report({ kind: 'visitor' }, 'thanet-gaps')).toThrow(NotAllowedError)
    expect(services.gaps.report(everyHub, 'deal-gaps')?.hub.name).toBe('Deal')
    expect(services.gaps.report(everyHub, 'no-such-hub')).toBeNull()
  })

  it('reads the other hubs’ counts again only when the data has changed', () => {
    const spread = jest.spyOn(services.repositories.gaps, 'spread')
    services.gaps.report(leadOfThanet, 'thanet-gaps')
    services.gaps.report(everyHub, 'dover-gaps')
    expect(spread).not.toHaveBeenCalled()
    aService(db, { hubId: thanet, categories: ['money-advice'] })
    const report = services.gaps.report(leadOfThanet, 'thanet-gaps')
    expect(spread).toHaveBeenCalledTimes(2)
    expect(report?.services.find((line) => line.code === 'money-advice')?.comparison).toBe('same')
    spread.mockRestore()
  })

  it('reads per-hub counts through their indexes, never the services or people', () => {
    const plan = (sql: string) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((row) => row.detail)
        .join(' | ')
    const one = plan('SELECT term_id, services FROM hub_category_counts WHERE hub_id = 1 AND services > 0')
    expect(one).toMatch(/SEARCH hub_category_counts USING PRIMARY KEY \(hub_id=\?\)/)
    const spread = plan(
      `SELECT term_id, people, COUNT(*) FROM hub_skill_counts INDEXED BY hub_skill_counts_by_term
        WHERE people > 0 GROUP BY term_id, people`,
    )
    expect(spread).toMatch(/hub_skill_counts USING COVERING INDEX hub_skill_counts_by_term/)
    expect(spread).not.toMatch(/TEMP B-TREE/)
    expect(`${one} ${spread}`).not.toMatch(
      /\b(services|people|person_skills|service_categories)\b USING|SCAN (services|people)\b/,
    )
  })
})
