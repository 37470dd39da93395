import type { Db } from '../../../db/connection'
import { aHub, aPerson, aService, writers } from '../../builders'
import { aDatabase } from '../../support/testApp'

/**
 * The gaps report's per-hub counts are kept as services and people are written
 * (migrations/0035_hub_gap_counts.sql). Whatever is written, they must say what a fresh count
 * says: published services with a hub, by hub and category; people with a hub, consent in
 * force and not paused, by hub and skill.
 */
describe('the kept counts of each hub’s services by category and people by skill', () => {
  let db: Db
  beforeEach(() => {
    db = aDatabase()
  })

  const rows = (sql: string) =>
    Object.fromEntries(
      db
        .prepare<[], { hub: number; code: string; n: number }>(sql)
        .all()
        .map((row) => [`${row.hub}:${row.code}`, row.n]),
    )
  const keptServices = () =>
    rows(`SELECT c.hub_id AS hub, t.code, c.services AS n FROM hub_category_counts c
            JOIN taxonomy_terms t ON t.id = c.term_id WHERE c.services > 0`)
  const countedServices = () =>
    rows(`SELECT s.hub_id AS hub, t.code, COUNT(*) AS n FROM service_categories sc
            JOIN services s ON s.id = sc.service_id AND s.status = 'published' AND s.hub_id IS NOT NULL
            JOIN taxonomy_terms t ON t.id = sc.term_id GROUP BY s.hub_id, t.id`)
  const keptPeople = () =>
    rows(`SELECT c.hub_id AS hub, t.code, c.people AS n FROM hub_skill_counts c
            JOIN taxonomy_terms t ON t.id = c.term_id WHERE c.people > 0`)
  const countedPeople = () =>
    rows(`SELECT p.hub_id AS hub, t.code, COUNT(*) AS n FROM person_skills ps
            JOIN people p ON p.id = ps.person_id AND p.hub_id IS NOT NULL
                         AND p.consent_id IS NOT NULL AND p.paused_at IS NULL
            JOIN taxonomy_terms t ON t.id = ps.term_id GROUP BY p.hub_id, t.id`)

  it('counts a hub’s published services as they are added, moved, unpublished and deleted', () => {
    const thanet = aHub(db)
    const dover = aHub(db)
    const walk = aService(db, { hubId: thanet, categories: ['walking-groups'] })
    const lunch = aService(db, { hubId: thanet, categories: ['lunch-clubs', 'walking-groups'] })
    aService(db, { hubId: thanet, categories: ['lunch-clubs'], status: 'draft' })
    aService(db, { hubId: null, categories: ['lunch-clubs'] })
    expect(keptServices()).toEqual({ [`${thanet}:walking-groups`]: 2, [`${thanet}:lunch-clubs`]: 1 })
    expect(keptServices()).toEqual(countedServices())

    const { services } = writers(db)
    services.setStatus(walk, 'archived')
    db.prepare('UPDATE services SET hub_id = ? WHERE id = ?').run(dover, lunch)
    expect(keptServices()).toEqual({ [`${dover}:walking-groups`]: 1, [`${dover}:lunch-clubs`]: 1 })
    expect(keptServices()).toEqual(countedServices())

    services.setStatus(walk, 'published')
    services.delete(lunch)
    db.prepare(
      `UPDATE service_categories SET term_id = (SELECT id FROM taxonomy_terms WHERE code = 'singing')
        WHERE service_id = ?`,
    ).run(walk)
    expect(keptServices()).toEqual({ [`${thanet}:singing`]: 1 })
    expect(keptServices()).toEqual(countedServices())
  })

  it('counts a hub’s people shown as they join, pause, withdraw, move, change skills and are deleted', () => {
    const thanet = aHub(db)
    const dover = aHub(db)
    const pauline = aPerson(db, { hubId: thanet, skills: ['tablets-and-phones', 'listening'] })
    const ron = aPerson(db, { hubId: thanet, skills: ['tablets-and-phones'] })
    aPerson(db, { hubId: thanet, skills: ['tablets-and-phones'], consent: 'none' })
    aPerson(db, { hubId: thanet, skills: ['driving'], consent: 'withdrawn' })
    expect(keptPeople()).toEqual({ [`${thanet}:tablets-and-phones`]: 2, [`${thanet}:listening`]: 1 })
    expect(keptPeople()).toEqual(countedPeople())

    const { people, consents } = writers(db)
    people.setPausedAt(ron, '2026-11-20T10:00:00Z')
    expect(keptPeople()).toEqual({ [`${thanet}:tablets-and-phones`]: 1, [`${thanet}:listening`]: 1 })
    people.setPausedAt(ron, null)
    consents.withdraw(pauline, '2026-11-21T10:00:00Z')
    expect(keptPeople()).toEqual({ [`${thanet}:tablets-and-phones`]: 1 })
    expect(keptPeople()).toEqual(countedPeople())

    db.prepare('UPDATE people SET hub_id = ? WHERE id = ?').run(dover, ron)
    const row = db.prepare('SELECT * FROM people WHERE id = ?').get(ron) as Record<string, unknown>
    expect(row.hub_id).toBe(dover)
    expect(keptPeople()).toEqual({ [`${dover}:tablets-and-phones`]: 1 })
    expect(keptPeople()).toEqual(countedPeople())

    const margaret = aPerson(db, { hubId: dover, skills: ['knitting-and-sewing', 'baking'] })
    const before = db.prepare('SELECT * FROM people WHERE id = ?').get(margaret) as Record<string, unknown>
    expect(before.consent_id).not.toBeNull()
    people.update(margaret, {
      firstName: 'Margaret',
      lastName: 'Lilley',
      hubId: dover,
      postcodeDistrict: 'CT16',
      skillsInOwnWords: '',
      wouldLikeToShare: '',
      availability: '',
      email: null,
      phone: null,
      preferredContact: 'email',
      visibility: 'hub',
      skills: ['baking'],
    })
    expect(keptPeople()).toEqual(countedPeople())
    people.delete(ron)
    expect(keptPeople()).toEqual({ [`${dover}:baking`]: 1 })
    expect(keptPeople()).toEqual(countedPeople())
  })

  it('forgets a hub’s counts when the hub goes', () => {
    const thanet = aHub(db)
    aPerson(db, { hubId: thanet, skills: ['driving'] })
    aService(db, { hubId: thanet, categories: ['walking-groups'] })
    db.prepare('DELETE FROM hubs WHERE id = ?').run(thanet)
    expect(keptPeople()).toEqual({})
    expect(keptServices()).toEqual({})
  })
})
