import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'

/** A skill with its group, for "What you are good at". */
export interface GroupedSkillRow {
  /** null for a skill in no group */
  groupCode: string | null
  groupName: string | null
  code: string
  name: string
  description: string
}

/** The skill list in its groups (migrations/0024_share_skills.sql). */
export class SkillGroupsRepository {
  private readonly grouped: Statement<[], GroupedSkillRow>

  constructor(db: Db) {
    // Skills in no group come last.
    this.grouped = db.prepare(
      `SELECT g.code AS groupCode, g.name AS groupName, t.code, t.name, t.description
         FROM taxonomy_terms t
         LEFT JOIN skill_groups g ON g.code = t.skill_group
        WHERE t.vocabulary = 'skill'
        ORDER BY g.code IS NULL, g.sort_order, g.code, t.sort_order, t.name`,
    )
  }

  /** Every skill on the list, group by group, in order. */
  skillsInGroups(): GroupedSkillRow[] {
    return this.grouped.all()
  }
}
