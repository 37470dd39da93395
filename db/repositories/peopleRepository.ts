import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'
import { distinct, UnknownTermError } from './writing'

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
  /** the hub's own phone and email (never a person's), so "ask your hub" can be acted on */
  phone: string | null
  email: string | null
}

type RawProfile = Omit<ProfileRow, 'skills'>

export type PreferredContact = 'email' | 'phone' | 'text' | 'post' | 'through-hub'

/**
 * A person as they are written, with their skills. Privacy rule 1: a hub and at most a
 * postcode district, never an address. Left out, the optional fields are empty.
 */
export interface PersonInput {
  /** a fixed id (the benchmark's generator uses them); left out, the database picks one */
  id?: number
  firstName: string
  lastName?: string
  hubId?: number | null
  /** the part of the postcode before the space, such as CT10 */
  postcodeDistrict?: string | null
  skillsInOwnWords?: string
  wouldLikeToShare?: string
  availability?: string
  email?: string | null
  phone?: string | null
  preferredContact?: PreferredContact
  visibility: Visibility
  /** skill codes, such as tablets-and-phones */
  skills?: string[]
  createdAt?: string
  updatedAt?: string
}

function personColumns(person: PersonInput) {
  return {
    id: person.id ?? null,
    firstName: person.firstName,
    lastName: person.lastName ?? '',
    hubId: person.hubId ?? null,
    postcodeDistrict: person.postcodeDistrict ?? null,
    skillsInOwnWords: person.skillsInOwnWords ?? '',
    wouldLikeToShare: person.wouldLikeToShare ?? '',
    availability: person.availability ?? '',
    email: person.email ?? null,
    phone: person.phone ?? null,
    preferredContact: person.preferredContact ?? 'email',
    visibility: person.visibility,
    createdAt: person.createdAt ?? null,
    updatedAt: person.updatedAt ?? null,
  }
}

/** The values bound to the write's placeholders. */
type PersonColumns = ReturnType<typeof personColumns>

/**
 * Writing people: the one column list for people and person_skills. Apart from the reads
 * below so that no write can widen what a public page selects.
 */
class PeopleWriter {
  private readonly insertPerson: Statement<[PersonColumns]>
  private readonly updatePerson: Statement<[PersonColumns]>
  private readonly addSkill: Statement<[number, string]>
  private readonly removeSkills: Statement<[number]>
  private readonly visibilityOf: Statement<[{ id: number; visibility: Visibility }]>
  private readonly deletePerson: Statement<[number]>
  readonly write: (id: number | null, person: PersonInput) => number | null

  constructor(db: Db) {
    this.insertPerson = db.prepare(
      `INSERT INTO people (id, first_name, last_name, hub_id, postcode_district, skills_in_own_words,
         would_like_to_share, availability, email, phone, preferred_contact, visibility, created_at, updated_at)
       VALUES (@id, @firstName, @lastName, @hubId, @postcodeDistrict, @skillsInOwnWords,
         @wouldLikeToShare, @availability, @email, @phone, @preferredContact, @visibility,
         COALESCE(@createdAt, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
         COALESCE(@updatedAt, @createdAt, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))`,
    )
    this.updatePerson = db.prepare(
      `UPDATE people
          SET first_name = @firstName, last_name = @lastName, hub_id = @hubId, postcode_district = @postcodeDistrict,
              skills_in_own_words = @skillsInOwnWords, would_like_to_share = @wouldLikeToShare,
              availability = @availability, email = @email, phone = @phone, preferred_contact = @preferredContact,
              visibility = @visibility, updated_at = COALESCE(@updatedAt, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        WHERE id = @id`,
    )
    this.addSkill = db.prepare(
      `INSERT INTO person_skills (person_id, term_id)
       SELECT ?, id FROM taxonomy_terms WHERE vocabulary = 'skill' AND code = ?`,
    )
    this.removeSkills = db.prepare('DELETE FROM person_skills WHERE person_id = ?')
    this.visibilityOf = db.prepare(
      `UPDATE people SET visibility = @visibility, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
        WHERE id = @id`,
    )
    this.deletePerson = db.prepare('DELETE FROM people WHERE id = ?')
    // A person and their skills together, in one transaction: a new one when id is null.
    this.write = db.transaction((id: number | null, person: PersonInput) => {
      let written: number
      if (id === null) {
        written = Number(this.insertPerson.run(personColumns(person)).lastInsertRowid)
      } else {
        if (this.updatePerson.run(personColumns({ ...person, id })).changes === 0) return null
        this.removeSkills.run(id)
        written = id
      }
      for (const code of distinct(person.skills ?? [])) {
        if (this.addSkill.run(written, code).changes === 0) throw new UnknownTermError('skill', code)
      }
      return written
    })
  }

  setVisibility(id: number, visibility: Visibility): boolean {
    return this.visibilityOf.run({ id, visibility }).changes === 1
  }

  delete(id: number): boolean {
    return this.deletePerson.run(id).changes === 1
  }

  insertMany(people: Iterable<PersonInput>): number {
    let added = 0
    // statement.database is the connection this repository was made with.
    this.insertPerson.database.transaction(() => {
      for (const person of people) {
        const id = Number(this.insertPerson.run(personColumns(person)).lastInsertRowid)
        for (const code of distinct(person.skills ?? []))
          if (this.addSkill.run(id, code).changes === 0) throw new UnknownTermError('skill', code)
        added++
      }
    })()
    return added
  }
}

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
  private readonly writer: PeopleWriter

  constructor(db: Db) {
    this.writer = new PeopleWriter(db)
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
    this.hubs = db.prepare(`SELECT id, slug, name, phone, email FROM hubs ORDER BY name, id`)
    this.hubsById = db.prepare(
      `SELECT id, slug, name, phone, email FROM hubs WHERE id IN (SELECT value FROM json_each(?)) ORDER BY name, id`,
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

  /**
   * Adds a person with their skills, in one transaction; returns their id. Throws, keeping
   * nothing, when a skill is not on the list (UnknownTermError).
   */
  insert(person: PersonInput): number {
    return this.writer.write(null, person) as number
  }

  /**
   * Replaces everything about a person but their id and when they joined, skills included, in
   * one transaction. False when there is no such person.
   */
  update(id: number, person: Omit<PersonInput, 'id' | 'createdAt'>): boolean {
    return this.writer.write(id, person) !== null
  }

  /** Who may see the person: their choice (privacy rule 2). False when there is no such person. */
  setVisibility(id: number, visibility: Visibility): boolean {
    return this.writer.setVisibility(id, visibility)
  }

  /** Deletes a person and their skills. False when there was no such person. */
  delete(id: number): boolean {
    return this.writer.delete(id)
  }

  /**
   * Adds many people, each with their skills, in one transaction (the caller's, when there is
   * one) without a savepoint for each: for bulk loads such as the benchmark's generator.
   * Throws, keeping none of them, when a skill is not on the list. Returns how many it added.
   */
  insertMany(people: Iterable<PersonInput>): number {
    return this.writer.insertMany(people)
  }
}
