import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'

/** What the gaps report counts: services by category, or people by skill. */
export type GapKind = 'category' | 'skill'

export interface GapTermRow {
  id: number
  code: string
  name: string
}

/** How many hubs have `value` (above 0) of one term. */
export interface GapSpreadRow {
  termId: number
  value: number
  hubs: number
}

/** The lists are short (an admin keeps them); this is far more than either will hold. */
const MOST_TERMS = 500

/**
 * What the gaps report reads (issue 12): each hub's counts of published services per category
 * and of people shown per skill, kept by the triggers of migrations/0035. It never counts
 * services or people themselves. One hub's counts are a row per term; the spread of every
 * hub's counts, for the medians, is a row per term and count (read when the data has changed,
 * and kept by the service's answer cache).
 */
export class GapsRepository {
  private readonly termsOf: Statement<[GapKind, number], GapTermRow>
  private readonly hubCategories: Statement<[number], { termId: number; count: number }>
  private readonly hubSkills: Statement<[number], { termId: number; count: number }>
  private readonly categorySpread: Statement<[], GapSpreadRow>
  private readonly skillSpread: Statement<[], GapSpreadRow>
  private readonly hubCount: Statement<[], number>

  constructor(db: Db) {
    this.termsOf = db.prepare(
      `SELECT id, code, name FROM taxonomy_terms WHERE vocabulary = ? ORDER BY sort_order, name LIMIT ?`,
    )
    this.hubCategories = db.prepare(
      'SELECT term_id AS termId, services AS count FROM hub_category_counts WHERE hub_id = ? AND services > 0',
    )
    this.hubSkills = db.prepare(
      'SELECT term_id AS termId, people AS count FROM hub_skill_counts WHERE hub_id = ? AND people > 0',
    )
    // Read through the (term_id, count) indexes, never the services or people.
    this.categorySpread = db.prepare(
      `SELECT term_id AS termId, services AS value, COUNT(*) AS hubs
         FROM hub_category_counts INDEXED BY hub_category_counts_by_term
        WHERE services > 0 GROUP BY term_id, services`,
    )
    this.skillSpread = db.prepare(
      `SELECT term_id AS termId, people AS value, COUNT(*) AS hubs
         FROM hub_skill_counts INDEXED BY hub_skill_counts_by_term
        WHERE people > 0 GROUP BY term_id, people`,
    )
    this.hubCount = db.prepare<[], number>('SELECT COUNT(*) FROM hubs').pluck()
  }

  /** The service categories, or the skills, in their usual order. */
  terms(kind: GapKind): GapTermRow[] {
    return this.termsOf.all(kind, MOST_TERMS)
  }

  /** One hub's counts above 0, by term id. */
  countsOf(kind: GapKind, hubId: number): Map<number, number> {
    const rows = (kind === 'category' ? this.hubCategories : this.hubSkills).all(hubId)
    return new Map(rows.map((row) => [row.termId, row.count]))
  }

  /** For each term, how many hubs have each count above 0 (hubs with none have no row). */
  spread(kind: GapKind): GapSpreadRow[] {
    return (kind === 'category' ? this.categorySpread : this.skillSpread).all()
  }

  /** How many hubs there are (those with no row for a term have none of it). */
  hubs(): number {
    return this.hubCount.get() ?? 0
  }
}
