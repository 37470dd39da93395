import type { Db } from '../../../db/connection'
import { aService, writers } from '../../builders'
import { aDatabase } from '../../support/testApp'

/**
 * The start page's "Browse by type" counts are kept as services are written
 * (migrations/0014_published_category_counts.sql). Whatever is written, they must say what a
 * fresh count of published services with each category says: that is what each link opens.
 */
describe('the kept count of published services in each category', () => {
  let db: Db
  beforeEach(() => {
    db = aDatabase()
  })

  const kept = () =>
    Object.fromEntries(
      writers(db)
        .services.categoryCounts()
        .map((row) => [row.code, row.count]),
    )
  const counted = () =>
    Object.fromEntries(
      db
        .prepare<[], { code: string; count: number }>(
          `SELECT t.code, COUNT(*) AS count FROM service_categories sc
             JOIN taxonomy_terms t ON t.id = sc.term_id AND t.vocabulary = 'category'
             JOIN services s ON s.id = sc.service_id AND s.status = 'published'
            GROUP BY t.id`,
        )
        .all()
        .map((row) => [row.code, row.count]),
    )

  it('counts published services only, as they are added, changed, unpublished and deleted', () => {
    const walk = aService(db, { categories: ['walking-groups'] })
    const lunch = aService(db, { categories: ['lunch-clubs', 'walking-groups'] })
    aService(db, { categories: ['lunch-clubs'], status: 'draft' })
    expect(kept()).toEqual({ 'walking-groups': 2, 'lunch-clubs': 1 })
    expect(kept()).toEqual(counted())

    const { services } = writers(db)
    aService(db, { categories: ['choirs'] })
    services.setStatus(walk, 'archived')
    expect(kept()).toEqual({ 'walking-groups': 1, 'lunch-clubs': 1, choirs: 1 })
    expect(kept()).toEqual(counted())

    services.setStatus(walk, 'published')
    services.delete(lunch)
    expect(kept()).toEqual({ 'walking-groups': 1, choirs: 1 })
    expect(kept()).toEqual(counted())
  })

  it('follows a published service whose categories are replaced', () => {
    const id = aService(db, { name: 'Walk and talk', categories: ['walking-groups'] })
    aService(db, { name: 'Choir (not yet ready)', categories: ['choirs'], status: 'draft' })
    db.prepare('DELETE FROM service_categories WHERE service_id = ?').run(id)
    db.prepare(
      `INSERT INTO service_categories (service_id, term_id)
       SELECT ?, id FROM taxonomy_terms WHERE vocabulary = 'category' AND code = 'choirs'`,
    ).run(id)

    expect(kept()).toEqual({ choirs: 1 })
    expect(kept()).toEqual(counted())
  })
})
