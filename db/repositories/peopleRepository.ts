import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'

export type Visibility = 'coordinators' | 'hub' | 'public'

export interface SkillRow {
  code: string
  name: string
}

/** What a public page may know about one person: never a last name, contact or postcode. */
export interface ProfileRow {
  id: number
  firstName: string
  /** the first letter of the last name, or '' when there is none */
  lastInitial: string
  hubId: number | null
  /** who the person chose may see them (privacy rule 2); PeopleService decides with it */
  visibility: Visibility
  hubSlug: string | null
  hubName: string | null
  skillsInOwnWords: string
  wouldLikeToShare: string
  skills: SkillRow[]
}

/** How many people of one visibility share one skill in one hub. No names, no ids. */
export interface SkillCensusRow {
  hubId: number
  hubSlug: string
  hubName: string
  skillCode: string
  skillName: string
  visibility: Visibility
  people: number
}

/** How many people of one visibility a hub has. */
export interface HubCensusRow {
  hubId: number
  visibility: Visibility
  people: number
}

/** A hub, as the people pages name it. */
export interface HubRef {
  id: number
  slug: string
  name: string
}

type RawProfile = Omit<ProfileRow, 'skills'>

/**
 * People, as the public pages may see them. Every statement here reads the view
 * people_for_public_pages (migrations/0006_people_public_view.sql), which has no last name
 * (only its initial), email, phone, postcode district, availability or contact preference: a
 * public page cannot show what it never selected. Whether a row is shown by name, only counted, or withheld is decided in
 * PeopleService, not here.
 */
export class PeopleRepository {
  private readonly profilesEverywhere: Statement<
    [{ visibility: Visibility; skillCodes: string | null }],
    RawProfile
  >
  private readonly profilesInHubs: Statement<
    [{ visibility: Visibility; hubIds: string; skillCodes: string | null }],
    RawProfile
  >
  private readonly skillsOf: Statement<[string], SkillRow & { personId: number }>
  private readonly censusEverywhere: Statement<[{ skillCodes: string | null }], SkillCensusRow>
  private readonly censusInHubs: Statement<[{ hubIds: string; skillCodes: string | null }], SkillCensusRow>
  private readonly hubCensus: Statement<[], HubCensusRow>
  private readonly skills: Statement<[], SkillRow>
  private readonly skillByCode: Statement<[string], SkillRow>
  private readonly hubs: Statement<[], HubRef>
  private readonly hubsById: Statement<[string], HubRef>

  constructor(db: Db) {
    this.profilesEverywhere = db.prepare(
      `SELECT p.id, p.first_name AS firstName, p.last_initial AS lastInitial, p.hub_id AS hubId,
              p.visibility, h.slug AS hubSlug, h.name AS hubName, p.skills_in_own_words AS skillsInOwnWords,
              p.would_like_to_share AS wouldLikeToShare
         FROM people_for_public_pages p
         LEFT JOIN hubs h ON h.id = p.hub_id
        WHERE p.visibility = @visibility
          AND (@skillCodes IS NULL OR EXISTS (
                SELECT 1 FROM person_skills ps JOIN taxonomy_terms t ON t.id = ps.term_id
                 WHERE ps.person_id = p.id AND t.vocabulary = 'skill' AND t.code IN (SELECT value FROM json_each(@skillCodes))))
        ORDER BY h.name, p.first_name, p.last_initial, p.id`,
    )
    this.profilesInHubs = db.prepare(
      `SELECT p.id, p.first_name AS firstName, p.last_initial AS lastInitial, p.hub_id AS hubId,
              p.visibility, h.slug AS hubSlug, h.name AS hubName, p.skills_in_own_words AS skillsInOwnWords,
              p.would_like_to_share AS wouldLikeToShare
         FROM people_for_public_pages p
         JOIN hubs h ON h.id = p.hub_id
        WHERE p.visibility = @visibility
          AND p.hub_id IN (SELECT value FROM json_each(@hubIds))
          AND (@skillCodes IS NULL OR EXISTS (
                SELECT 1 FROM person_skills ps JOIN taxonomy_terms t ON t.id = ps.term_id
                 WHERE ps.person_id = p.id AND t.vocabulary = 'skill' AND t.code IN (SELECT value FROM json_each(@skillCodes))))
        ORDER BY h.name, p.first_name, p.last_initial, p.id`,
    )
    this.skillsOf = db.prepare(
      `SELECT ps.person_id AS personId, t.code, t.name
         FROM person_skills ps
         JOIN taxonomy_terms t ON t.id = ps.term_id AND t.vocabulary = 'skill'
        WHERE ps.person_id IN (SELECT value FROM json_each(?))
        ORDER BY t.sort_order, t.name`,
    )
    this.censusEverywhere = db.prepare(
      `SELECT h.id AS hubId, h.slug AS hubSlug, h.name AS hubName, t.code AS skillCode, t.name AS skillName,
              p.visibility, COUNT(DISTINCT p.id) AS people
         FROM people_for_public_pages p
         JOIN hubs h ON h.id = p.hub_id
         JOIN person_skills ps ON ps.person_id = p.id
         JOIN taxonomy_terms t ON t.id = ps.term_id AND t.vocabulary = 'skill'
        WHERE @skillCodes IS NULL OR t.code IN (SELECT value FROM json_each(@skillCodes))
        GROUP BY h.id, t.id, p.visibility
        ORDER BY h.name, h.id, t.sort_order, t.name`,
    )
    // CROSS JOIN keeps SQLite starting from the hubs asked for (a hub page names one), so it
    // reads only their people rather than every person with every skill.
    this.censusInHubs = db.prepare(
      `SELECT h.id AS hubId, h.slug AS hubSlug, h.name AS hubName, t.code AS skillCode, t.name AS skillName,
              p.visibility, COUNT(DISTINCT p.id) AS people
         FROM json_each(@hubIds) AS wanted
        CROSS JOIN hubs h ON h.id = wanted.value
        CROSS JOIN people_for_public_pages p ON p.hub_id = h.id
        CROSS JOIN person_skills ps ON ps.person_id = p.id
        CROSS JOIN taxonomy_terms t ON t.id = ps.term_id AND t.vocabulary = 'skill'
        WHERE @skillCodes IS NULL OR t.code IN (SELECT value FROM json_each(@skillCodes))
        GROUP BY h.id, t.id, p.visibility
        ORDER BY h.name, h.id, t.sort_order, t.name`,
    )
    this.hubCensus = db.prepare(
      `SELECT p.hub_id AS hubId, p.visibility, COUNT(*) AS people
         FROM people_for_public_pages p
        WHERE p.hub_id IS NOT NULL
        GROUP BY p.hub_id, p.visibility`,
    )
    this.skills = db.prepare(
      `SELECT code, name FROM taxonomy_terms WHERE vocabulary = 'skill' ORDER BY sort_order, name`,
    )
    this.skillByCode = db.prepare(
      `SELECT code, name FROM taxonomy_terms WHERE vocabulary = 'skill' AND code = ?`,
    )
    this.hubs = db.prepare(`SELECT id, slug, name FROM hubs ORDER BY name, id`)
    this.hubsById = db.prepare(
      `SELECT id, slug, name FROM hubs WHERE id IN (SELECT value FROM json_each(?)) ORDER BY name, id`,
    )
  }

  /**
   * Profiles of people with the given visibility, optionally only in some hubs and only
   * those with one of some skills, ordered by hub and name, each with its skills.
   */
  profiles(visibility: Visibility, filter: { hubIds?: number[]; skillCodes?: string[] } = {}): ProfileRow[] {
    const skillCodes = filter.skillCodes ? JSON.stringify(filter.skillCodes) : null
    const rows = filter.hubIds
      ? this.profilesInHubs.all({ visibility, hubIds: JSON.stringify(filter.hubIds), skillCodes })
      : this.profilesEverywhere.all({ visibility, skillCodes })
    if (rows.length === 0) return []
    const skills = new Map<number, SkillRow[]>()
    for (const { personId, code, name } of this.skillsOf.all(JSON.stringify(rows.map((row) => row.id)))) {
      const list = skills.get(personId)
      if (list) list.push({ code, name })
      else skills.set(personId, [{ code, name }])
    }
    return rows.map((row) => ({ ...row, skills: skills.get(row.id) ?? [] }))
  }

  /**
   * How many people share each skill in each hub, split by visibility. Grouped by hub and
   * skill only (privacy rule 3): there is deliberately no way to count under other filters.
   */
  skillCensus(filter: { hubIds?: number[]; skillCodes?: string[] } = {}): SkillCensusRow[] {
    const skillCodes = filter.skillCodes ? JSON.stringify(filter.skillCodes) : null
    return filter.hubIds
      ? this.censusInHubs.all({ hubIds: JSON.stringify(filter.hubIds), skillCodes })
      : this.censusEverywhere.all({ skillCodes })
  }

  /** How many people each hub has, split by visibility. */
  hubCensusRows(): HubCensusRow[] {
    return this.hubCensus.all()
  }

  /** Every skill on the list, in its usual order. */
  allSkills(): SkillRow[] {
    return this.skills.all()
  }

  /** The hubs people may share skills in, by name: these ones, or every hub. */
  hubsNamed(hubIds?: number[]): HubRef[] {
    return hubIds ? this.hubsById.all(JSON.stringify(hubIds)) : this.hubs.all()
  }

  /** One skill by its code, or undefined when there is no such skill. */
  findSkill(code: string): SkillRow | undefined {
    return this.skillByCode.get(code)
  }
}
