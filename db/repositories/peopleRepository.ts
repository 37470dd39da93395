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

/** How often someone would like to share (issue 10). */
export type HowOftenCode = 'now-and-then' | 'few-hours-month' | 'few-hours-week' | 'most-weeks'

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
  /** the person's own account, when they made their profile themself (set when added, never changed) */
  accountId?: number | null
  howOften?: HowOftenCode | null
  /** how people should get in touch: 'through-hub', 'phone', 'email' (through the hub when left out) */
  contactWays?: readonly string[]
  /**
   * Bulk loads only (insertMany): the id the person's consent will be recorded with, in the
   * same transaction, straight after (ConsentsRepository.recordMany). Set here, recording the
   * consent does not have to write the person's row again. Everywhere else the database keeps
   * it, from the consents recorded (migrations/0024_share_skills.sql).
   */
  consentId?: number | null
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
    accountId: person.accountId ?? null,
    howOften: person.howOften ?? null,
    contactWays: (person.contactWays ?? ['through-hub']).join(','),
    consentId: person.consentId ?? null,
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
  private readonly pausedAt: Statement<[{ id: number; at: string | null }]>
  private readonly accountOf: Statement<[{ id: number; accountId: number }]>
  readonly write: (id: number | null, person: PersonInput) => number | null

  constructor(db: Db) {
    this.insertPerson = db.prepare(
      `INSERT INTO people (id, first_name, last_name, hub_id, postcode_district, skills_in_own_words,
         would_like_to_share, availability, email, phone, preferred_contact, visibility, account_id, how_often,
         contact_ways, consent_id, created_at, updated_at)
       VALUES (@id, @firstName, @lastName, @hubId, @postcodeDistrict, @skillsInOwnWords,
         @wouldLikeToShare, @availability, @email, @phone, @preferredContact, @visibility, @accountId, @howOften,
         @contactWays, @consentId,
         COALESCE(@createdAt, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
         COALESCE(@updatedAt, @createdAt, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))`,
    )
    this.updatePerson = db.prepare(
      `UPDATE people
          SET first_name = @firstName, last_name = @lastName, hub_id = @hubId, postcode_district = @postcodeDistrict,
              skills_in_own_words = @skillsInOwnWords, would_like_to_share = @wouldLikeToShare,
              availability = @availability, email = @email, phone = @phone, preferred_contact = @preferredContact,
              visibility = @visibility, how_often = @howOften, contact_ways = @contactWays,
              updated_at = COALESCE(@updatedAt, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
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
    this.pausedAt = db.prepare(
      `UPDATE people SET paused_at = @at, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
        WHERE id = @id AND (paused_at IS NULL) = (@at IS NOT NULL)`,
    )
    this.accountOf = db.prepare(
      `UPDATE people SET account_id = @accountId, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
        WHERE id = @id AND account_id IS NULL`,
    )
    // A person and their skills together, in one transaction: a new one when id is null.
    this.write = db.transaction((id: number | null, person: PersonInput) => {
      let written: number
      if (id === null) {
        written = Number(this.insertPerson.run(personColumns({ ...person, consentId: null })).lastInsertRowid)
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

  setPausedAt(id: number, at: string | null): boolean {
    return this.pausedAt.run({ id, at }).changes === 1
  }

  linkAccount(id: number, accountId: number): boolean {
    return this.accountOf.run({ id, accountId }).changes === 1
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
 * Whom a viewer may see by name, as PeopleService decides it (privacy rule 2): people of
 * these visibilities in any hub, and of those visibilities only in these hubs. The
 * repository only applies it, so that a page of names can be counted and cut in SQL.
 */
export interface NamedScope {
  everywhere: Visibility[]
  inHubs: { visibilities: Visibility[]; hubIds: readonly number[] }
}

/** Only these hubs, only people with one of these skills; left out, every hub or skill. */
export interface PeopleRowFilter {
  hubIds?: readonly number[]
  skillCodes?: readonly string[]
}

/** A named person in one hub with one skill, for "Shared by ..." (the first few of each). */
export interface SharedByRow {
  hubId: number
  skillCode: string
  firstName: string
  lastInitial: string
  visibility: Visibility
  /** 1 for the first, in name order, within the hub and skill */
  place: number
}

/** A hub near a point: its centre, and whether its area's box holds the point. */
export interface HubNearRow extends HubRef {
  latitude: number
  longitude: number
  radiusMiles: number | null
  boundaryGeojson: string | null
}

/** A skill with its other words, for matching a search's words. */
export interface SkillWithSynonymsRow extends SkillRow {
  /** separated by '|' ('' when none) */
  synonyms: string
}

type ScopeParams = { everywhere: string; hubVisibilities: string; scopeHubIds: string }
type FilterParams = ScopeParams & { hubIds: string | null; skillCodes: string | null }
type PageParams = { limit: number; offset: number }

const PROFILE_COLUMNS = `p.id, p.first_name AS firstName, p.last_initial AS lastInitial, p.hub_id AS hubId,
       p.visibility, h.slug AS hubSlug, h.name AS hubName, p.skills_in_own_words AS skillsInOwnWords,
       p.would_like_to_share AS wouldLikeToShare`
/** The people the scope names (see NamedScope). */
const NAMED = `(p.visibility IN (SELECT value FROM json_each(@everywhere))
   OR (p.visibility IN (SELECT value FROM json_each(@hubVisibilities))
       AND p.hub_id IN (SELECT value FROM json_each(@scopeHubIds))))`
const HAS_SKILL = `(@skillCodes IS NULL OR EXISTS (
   SELECT 1 FROM person_skills ps JOIN taxonomy_terms t ON t.id = ps.term_id
    WHERE ps.person_id = p.id AND t.vocabulary = 'skill' AND t.code IN (SELECT value FROM json_each(@skillCodes))))`
const HUB_COLUMNS = 'h.id, h.slug, h.name, h.phone, h.email'

const scopeParams = (scope: NamedScope): ScopeParams => ({
  everywhere: JSON.stringify(scope.everywhere),
  hubVisibilities: JSON.stringify(scope.inHubs.visibilities),
  scopeHubIds: JSON.stringify(scope.inHubs.hubIds),
})
const filterParams = (scope: NamedScope, filter: PeopleRowFilter): FilterParams => ({
  ...scopeParams(scope),
  hubIds: filter.hubIds ? JSON.stringify(filter.hubIds) : null,
  skillCodes: filter.skillCodes ? JSON.stringify(filter.skillCodes) : null,
})
const ids = (list: readonly (number | string)[]) => JSON.stringify(list)

/**
 * People, as the public pages may see them. Every statement here reads the view
 * people_for_public_pages (migrations/0006_people_public_view.sql), which has no last name
 * (only its initial), email, phone, postcode district, availability or contact preference: a
 * public page cannot show what it never selected. Whether a row is shown by name, only
 * counted, or withheld is decided in PeopleService, not here. Every read is bounded: a page of
 * rows (limit and offset), the hubs asked for, or a count (issue 8).
 */
export class PeopleRepository {
  private readonly profilesEverywhere: Statement<[FilterParams & PageParams], RawProfile>
  private readonly profilesInHubs: Statement<[FilterParams & PageParams], RawProfile>
  private readonly countEverywhere: Statement<[FilterParams], number>
  private readonly countInHubs: Statement<[FilterParams], number>
  private readonly firstInEachHub: Statement<
    [FilterParams & { perHub: number }],
    RawProfile & { inHub: number }
  >
  private readonly skillsOf: Statement<[string], SkillRow & { personId: number }>
  private readonly sharedBy: Statement<[FilterParams & { perPair: number }], SharedByRow>
  private readonly censusInHubs: Statement<[{ hubIds: string; skillCodes: string | null }], SkillCensusRow>
  private readonly hubCensus: Statement<[string], HubCensusRow>
  private readonly hubCensusEverywhere: Statement<[], HubCensusRow>
  private readonly hubsSharing: Statement<
    [ScopeParams & { skillCode: string; minOthers: number } & PageParams],
    HubRef & { total: number }
  >
  private readonly countHubsSharing: Statement<
    [ScopeParams & { skillCode: string; minOthers: number }],
    number
  >
  private readonly skills: Statement<[], SkillRow>
  private readonly skillsAndSynonyms: Statement<[], SkillWithSynonymsRow>
  private readonly skillByCode: Statement<[string], SkillRow>
  private readonly hubsByName: Statement<[PageParams], HubRef>
  private readonly hubCount: Statement<[], number>
  private readonly hubsById: Statement<[string], HubRef>
  private readonly hubBySlug: Statement<[string], HubRef>
  private readonly hubsNamedLike: Statement<[{ text: string; limit: number }], HubNearRow>
  private readonly hubsInBox: Statement<
    [
      {
        south: number
        north: number
        west: number
        east: number
        lat: number
        lng: number
        lngScale: number
        limit: number
      },
    ],
    HubNearRow
  >
  private readonly hubsAround: Statement<[{ lat: number; lng: number; limit: number }], HubNearRow>
  private readonly writer: PeopleWriter

  constructor(db: Db) {
    this.writer = new PeopleWriter(db)
    const everywhere = `FROM people_for_public_pages p
         LEFT JOIN hubs h ON h.id = p.hub_id
        WHERE ${NAMED} AND ${HAS_SKILL}`
    // CROSS JOIN keeps SQLite starting from the hubs asked for, so it reads only their people.
    const inHubs = `FROM json_each(@hubIds) AS wanted
        CROSS JOIN hubs h ON h.id = wanted.value
        CROSS JOIN people_for_public_pages p ON p.hub_id = h.id
        WHERE ${NAMED} AND ${HAS_SKILL}`
    const order = 'ORDER BY h.name, p.first_name, p.last_initial, p.id'
    this.profilesEverywhere = db.prepare(
      `SELECT ${PROFILE_COLUMNS} ${everywhere} ${order} LIMIT @limit OFFSET @offset`,
    )
    this.profilesInHubs = db.prepare(
      `SELECT ${PROFILE_COLUMNS} ${inHubs} ${order} LIMIT @limit OFFSET @offset`,
    )
    this.countEverywhere = db.prepare<[FilterParams], number>(`SELECT COUNT(*) ${everywhere}`).pluck()
    this.countInHubs = db.prepare<[FilterParams], number>(`SELECT COUNT(*) ${inHubs}`).pluck()
    this.firstInEachHub = db.prepare(
      `SELECT * FROM (
         SELECT ${PROFILE_COLUMNS},
                row_number() OVER (PARTITION BY p.hub_id ORDER BY p.first_name, p.last_initial, p.id) AS place,
                COUNT(*) OVER (PARTITION BY p.hub_id) AS inHub
           ${inHubs})
        WHERE place <= @perHub
        ORDER BY hubName, firstName, lastInitial, id`,
    )
    this.skillsOf = db.prepare(
      `SELECT ps.person_id AS personId, t.code, t.name
         FROM person_skills ps
         JOIN taxonomy_terms t ON t.id = ps.term_id AND t.vocabulary = 'skill'
        WHERE ps.person_id IN (SELECT value FROM json_each(?))
        ORDER BY t.sort_order, t.name`,
    )
    this.sharedBy = db.prepare(
      `SELECT * FROM (
         SELECT p.hub_id AS hubId, t.code AS skillCode, p.first_name AS firstName, p.last_initial AS lastInitial,
                p.visibility,
                row_number() OVER (PARTITION BY p.hub_id, t.id ORDER BY p.first_name, p.last_initial, p.id) AS place
           FROM json_each(@hubIds) AS wanted
          CROSS JOIN people_for_public_pages p ON p.hub_id = wanted.value
          CROSS JOIN person_skills ps ON ps.person_id = p.id
          CROSS JOIN taxonomy_terms t ON t.id = ps.term_id AND t.vocabulary = 'skill'
          WHERE ${NAMED}
            AND (@skillCodes IS NULL OR t.code IN (SELECT value FROM json_each(@skillCodes))))
        WHERE place <= @perPair
        ORDER BY hubId, skillCode, place`,
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
         FROM json_each(?) AS wanted
        CROSS JOIN people_for_public_pages p ON p.hub_id = wanted.value
        GROUP BY p.hub_id, p.visibility`,
    )
    this.hubCensusEverywhere = db.prepare(
      `SELECT p.hub_id AS hubId, p.visibility, COUNT(*) AS people
         FROM people_for_public_pages p
        WHERE p.hub_id IS NOT NULL
        GROUP BY p.hub_id, p.visibility`,
    )
    // The hubs where the scope names someone with the skill, or where everyone else with it
    // reaches the number PeopleService gives (privacy rule 3): counted in SQL, one page out.
    const sharing = `WITH counted AS (
         SELECT p.hub_id AS hubId, SUM(CASE WHEN ${NAMED} THEN 1 ELSE 0 END) AS named, COUNT(*) AS everyone
           FROM taxonomy_terms t
          CROSS JOIN person_skills ps ON ps.term_id = t.id
          CROSS JOIN people_for_public_pages p ON p.id = ps.person_id
          WHERE t.vocabulary = 'skill' AND t.code = @skillCode AND p.hub_id IS NOT NULL
          GROUP BY p.hub_id)
       SELECT ${HUB_COLUMNS} FROM counted c JOIN hubs h ON h.id = c.hubId
        WHERE c.named > 0 OR c.everyone - c.named >= @minOthers`
    // The page and how many there are in one pass (COUNT(*) OVER): the counting is the costly part.
    this.hubsSharing = db.prepare(
      `${sharing.replace(`SELECT ${HUB_COLUMNS} FROM`, `SELECT ${HUB_COLUMNS}, COUNT(*) OVER () AS total FROM`)}
        ORDER BY h.name, h.id LIMIT @limit OFFSET @offset`,
    )
    this.countHubsSharing = db
      .prepare<[ScopeParams & { skillCode: string; minOthers: number }], number>(
        `SELECT COUNT(*) FROM (${sharing})`,
      )
      .pluck()
    this.skills = db.prepare(
      `SELECT code, name FROM taxonomy_terms WHERE vocabulary = 'skill' ORDER BY sort_order, name`,
    )
    this.skillsAndSynonyms = db.prepare(
      `SELECT t.code, t.name,
              COALESCE((SELECT group_concat(ts.synonym, '|') FROM taxonomy_term_synonyms ts WHERE ts.term_id = t.id), '') AS synonyms
         FROM taxonomy_terms t
        WHERE t.vocabulary = 'skill'
        ORDER BY t.sort_order, t.name`,
    )
    this.skillByCode = db.prepare(
      `SELECT code, name FROM taxonomy_terms WHERE vocabulary = 'skill' AND code = ?`,
    )
    this.hubsByName = db.prepare(
      `SELECT ${HUB_COLUMNS} FROM hubs h ORDER BY h.name, h.id LIMIT @limit OFFSET @offset`,
    )
    this.hubCount = db.prepare<[], number>('SELECT COUNT(*) FROM hubs').pluck()
    this.hubsById = db.prepare(
      `SELECT ${HUB_COLUMNS} FROM hubs h WHERE h.id IN (SELECT value FROM json_each(?)) ORDER BY h.name, h.id`,
    )
    this.hubBySlug = db.prepare(`SELECT ${HUB_COLUMNS} FROM hubs h WHERE h.slug = ?`)
    const near = `${HUB_COLUMNS}, h.latitude, h.longitude, h.radius_miles AS radiusMiles, h.boundary_geojson AS boundaryGeojson`
    // The name as typed first, then names that start with it, then the rest, by name.
    this.hubsNamedLike = db.prepare(
      `SELECT ${near} FROM hubs h
        WHERE instr(lower(h.name), @text) > 0
        ORDER BY lower(h.name) = @text DESC, instr(lower(h.name), @text) = 1 DESC, h.name, h.id
        LIMIT @limit`,
    )
    // Nearest centres first (lngScale squeezes longitude to miles at this latitude).
    this.hubsInBox = db.prepare(
      `SELECT ${near} FROM hubs_rtree r JOIN hubs h ON h.id = r.id
        WHERE r.max_lat >= @south AND r.min_lat <= @north AND r.max_lng >= @west AND r.min_lng <= @east
        ORDER BY (h.latitude - @lat) * (h.latitude - @lat)
               + (h.longitude - @lng) * (h.longitude - @lng) * @lngScale * @lngScale, h.id
        LIMIT @limit`,
    )
    this.hubsAround = db.prepare(
      `SELECT ${near} FROM hubs_rtree r JOIN hubs h ON h.id = r.id
        WHERE r.min_lat <= @lat AND r.max_lat >= @lat AND r.min_lng <= @lng AND r.max_lng >= @lng
        ORDER BY h.id
        LIMIT @limit`,
    )
  }

  /**
   * A page of the profiles the scope names (at most `limit`), optionally only in some hubs
   * and only those with one of some skills, by hub and name, each with its skills.
   */
  profiles(
    scope: NamedScope,
    filter: PeopleRowFilter,
    page: { limit: number; offset: number },
  ): ProfileRow[] {
    const params = { ...filterParams(scope, filter), ...page }
    const rows = filter.hubIds ? this.profilesInHubs.all(params) : this.profilesEverywhere.all(params)
    return this.withSkills(rows)
  }

  /** How many profiles the scope names for the filter. */
  countProfiles(scope: NamedScope, filter: PeopleRowFilter): number {
    const params = filterParams(scope, filter)
    return filter.hubIds ? (this.countInHubs.get(params) ?? 0) : (this.countEverywhere.get(params) ?? 0)
  }

  /** In each of the hubs, its first `perHub` named profiles by name, and how many it names in all. */
  firstProfilesInHubs(
    scope: NamedScope,
    filter: PeopleRowFilter & { hubIds: readonly number[] },
    perHub: number,
  ): { profiles: ProfileRow[]; namedInHub: Map<number, number> } {
    const rows = this.firstInEachHub.all({ ...filterParams(scope, filter), perHub })
    const namedInHub = new Map<number, number>()
    for (const row of rows) if (row.hubId !== null) namedInHub.set(row.hubId, row.inHub)
    return { profiles: this.withSkills(rows.map(({ inHub: _inHub, ...row }) => row)), namedInHub }
  }

  /** In each of the hubs, each skill's first `perPair` named people, by name. */
  sharedByFirst(
    scope: NamedScope,
    filter: PeopleRowFilter & { hubIds: readonly number[] },
    perPair: number,
  ): SharedByRow[] {
    return this.sharedBy.all({ ...filterParams(scope, filter), perPair })
  }

  /**
   * How many people share each skill in each of the hubs, split by visibility. Grouped by hub
   * and skill only (privacy rule 3): there is deliberately no way to count under other filters.
   */
  skillCensus(filter: PeopleRowFilter & { hubIds: readonly number[] }): SkillCensusRow[] {
    return this.censusInHubs.all({
      hubIds: ids(filter.hubIds),
      skillCodes: filter.skillCodes ? JSON.stringify(filter.skillCodes) : null,
    })
  }

  /** How many people each of the hubs has (every hub when none are given), split by visibility. */
  hubCensusRows(hubIds?: readonly number[]): HubCensusRow[] {
    return hubIds ? this.hubCensus.all(ids(hubIds)) : this.hubCensusEverywhere.all()
  }

  /**
   * A page of the hubs, by name, where the scope names someone with the skill or where the
   * others with it number at least minOthers; and how many such hubs there are.
   */
  hubsSharingSkill(
    scope: NamedScope,
    skillCode: string,
    minOthers: number,
    page: { limit: number; offset: number },
  ): { hubs: HubRef[]; total: number } {
    const params = { ...scopeParams(scope), skillCode, minOthers }
    const rows = this.hubsSharing.all({ ...params, ...page })
    // Past the last page there is no row to carry the total: count on its own.
    const total = rows[0]?.total ?? (page.offset > 0 ? (this.countHubsSharing.get(params) ?? 0) : 0)
    return { hubs: rows.map(({ total: _total, ...hub }) => hub), total }
  }

  /** A page of every hub, by name, and how many hubs there are. */
  hubsPage(page: { limit: number; offset: number }): { hubs: HubRef[]; total: number } {
    return { hubs: this.hubsByName.all(page), total: this.hubCount.get() ?? 0 }
  }

  /** Every skill on the list, in its usual order. */
  allSkills(): SkillRow[] {
    return this.skills.all()
  }

  /** Every skill on the list with its other words, in its usual order. */
  skillsWithSynonyms(): SkillWithSynonymsRow[] {
    return this.skillsAndSynonyms.all()
  }

  /** These hubs, by name. */
  hubsNamed(hubIds: readonly number[]): HubRef[] {
    return this.hubsById.all(ids(hubIds))
  }

  /** One hub by its slug, or undefined. */
  findHub(slug: string): HubRef | undefined {
    return this.hubBySlug.get(slug)
  }

  /** At most `limit` hubs whose names hold the words (lower case), the name as typed first. */
  hubsWithNameLike(text: string, limit: number): HubNearRow[] {
    return this.hubsNamedLike.all({ text: text.toLowerCase(), limit })
  }

  /**
   * At most `limit` hubs whose area's box meets the box, nearest centre to the point first.
   * `lngScale` is the cosine of the point's latitude.
   */
  hubsNearPoint(
    point: { latitude: number; longitude: number },
    box: { south: number; north: number; west: number; east: number },
    limit: number,
  ): HubNearRow[] {
    return this.hubsInBox.all({
      ...box,
      lat: point.latitude,
      lng: point.longitude,
      lngScale: Math.cos((point.latitude * Math.PI) / 180),
      limit,
    })
  }

  /** At most `limit` hubs whose area's box holds the point (their areas may cover it). */
  hubsAroundPoint(point: { latitude: number; longitude: number }, limit: number): HubNearRow[] {
    return this.hubsAround.all({ lat: point.latitude, lng: point.longitude, limit })
  }

  /** One skill by its code, or undefined when there is no such skill. */
  findSkill(code: string): SkillRow | undefined {
    return this.skillByCode.get(code)
  }

  private withSkills(rows: RawProfile[]): ProfileRow[] {
    if (rows.length === 0) return []
    const skills = new Map<number, SkillRow[]>()
    for (const { personId, code, name } of this.skillsOf.all(ids(rows.map((row) => row.id)))) {
      const list = skills.get(personId)
      if (list) list.push({ code, name })
      else skills.set(personId, [{ code, name }])
    }
    return rows.map((row) => ({ ...row, skills: skills.get(row.id) ?? [] }))
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

  /**
   * Paused from `at` (hidden everywhere, kept), or shown again with null. False when there is
   * no such person or it was already so.
   */
  setPausedAt(id: number, at: string | null): boolean {
    return this.writer.setPausedAt(id, at)
  }

  /**
   * Links a person who has no account yet to an account (claiming a profile made on their
   * behalf). False when there is no such person or they already have an account; throws when
   * the account already has a person (people_by_account is unique).
   */
  linkAccount(id: number, accountId: number): boolean {
    return this.writer.linkAccount(id, accountId)
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
