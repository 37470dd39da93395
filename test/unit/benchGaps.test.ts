import { describeGapsTiming, timeGapsReports } from '../../bench/gaps'
import { generateDataset } from '../../bench/generate'
import { aDatabase } from '../support/testApp'

describe('the benchmark’s timing of the gaps report', () => {
  it('makes the report of hubs spread through a generated directory, whose kept counts match a fresh count', () => {
    const db = aDatabase()
    generateDataset(db, { size: 1000 })
    const timing = timeGapsReports(db, 5)
    expect(timing.hubs).toBe(5)
    expect(timing.afterAWriteMs).toHaveLength(5)
    expect(timing.againWorstMs).toBeGreaterThan(0)
    // The generator writes through the repositories, so the triggers kept every hub's counts.
    const kept = db
      .prepare('SELECT hub_id, term_id, people FROM hub_skill_counts WHERE people > 0 ORDER BY 1, 2')
      .all()
    const counted = db
      .prepare(
        `SELECT p.hub_id, ps.term_id, COUNT(*) AS people FROM person_skills ps
           JOIN people p ON p.id = ps.person_id AND p.hub_id IS NOT NULL
                        AND p.consent_id IS NOT NULL AND p.paused_at IS NULL
          GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .all()
    expect(kept.length).toBeGreaterThan(0)
    expect(kept).toEqual(counted)
    db.close()
  })

  it('says whether the target was met, worst case after a write and read again', () => {
    const [fast] = describeGapsTiming({ hubs: 3, afterAWriteMs: [10, 30, 20], againWorstMs: 2 })
    expect(fast).toContain('after a write median 20.0 ms, worst 30.0 ms; read again worst 2.0 ms')
    expect(fast).toMatch(/: met$/)
    const [slow] = describeGapsTiming({ hubs: 3, afterAWriteMs: [10, 250, 20], againWorstMs: 2 })
    expect(slow).toMatch(/NOT met$/)
  })
})
