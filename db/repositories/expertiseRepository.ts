import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'
import type { HowOftenCode, HubRef, SkillRow, Visibility } from './peopleRepository'

/**
 * People as the coordinators and peer leads of their hub see them (issue 11): first name and
 * initial, hub, skills, what they like to share, when they are free, how often, and the ways
 * they like to be contacted (never the details). Only people with consent in force who have
 * not paused are ever read here, except by the coordinator home's counts. Contact details are
 * selected by one method only, contactDetailsOf, which the reveal (with its audit entry) uses.
 * Which hubs a viewer may look in is decided by CoordinatorService, not here.
 */
export interface ExpertRow {
  id: number
  firstName: string
  lastInitial: string
  hubId: number
  hubSlug: string
  hubName: string
  visibility: Visibility
  skillsInOwnWords: string
  wouldLikeToShare: string
  availability: string
  howOften: HowOftenCode | null
  /** 'through-hub', 'phone', 'email' */
  contactWays: string[]
  /** degrees squared (latitude, and longitude scaled) from the place, when searching near one */
  distanceSquared: number | null
  skills: SkillRow[]
}

type RawExpert = Omit<ExpertRow, 'contactWays' | 'skills'> & { contactWays: string }

/** A person's contact details and the ways they chose: for the reveal only. */
export interface ContactDetailsRow {
  id: number
  hubId: number | null
  contactWays: string[]
  email: string | null
  phone: string | null
}

/** Who is searched for: in which hubs (every hub when null), with which skills and words, and where. */
export interface ExpertFilter {
  /** the hubs to look in; null for every hub (a coordinator of all hubs, an admin) */
  hubIds: readonly number[] | null
  /** only people with one of these skills; null for any */
  skillCodes: readonly string[] | null
  /**
   * words: a person matches when they have one of wordSkillCodes (the skills the words name,
   * with their synonyms), or their own words and what they would like to share hold every word
   */
  words: { words: readonly string[]; skillCodes: readonly string[] } | null
  /** near a point: within `maxDegreesSquared` of it (see ExpertRow.distanceSquared) */
  near: {
    latitude: number
    longitude: number
    lngScaleSquared: number
    maxDegreesSquared: number
    box: { south: number; north: number; west: number; east: number }
  } | null
}

/** A few of a hub's new members, and how many there are. */
export interface NewMemberRow {
  hubId: number
  firstName: string
  lastInitial: string
  inHub: number
}

type FilterParams = {
  hubIds: string | null
  skillCodes: string | null
  words: string | null
  wordSkills: string
  lat: number
  lng: number
  k: number
  maxD2: number
  south: number
  north: number
  west: number
  east: number
}

const SHOWN = 'p.consent_id IS NOT NULL AND p.paused_at IS NULL'
const IN_SCOPE = '(@hubIds IS NULL OR p.hub_id IN (SELECT value FROM json_each(@hubIds)))'
const HAS_SKILL = `(@skillCodes IS NULL OR EXISTS (
   SELECT 1 FROM person_skills ps JOIN taxonomy_terms t ON t.id = ps.term_id
    WHERE ps.person_id = p.id AND t.vocabulary = 'skill' AND t.code IN (SELECT value FROM json_each(@skillCodes))))`
const MATCHES_WORDS = `(@words IS NULL
   OR EXISTS (SELECT 1 FROM person_skills ps JOIN taxonomy_terms t ON t.id = ps.term_id
               WHERE ps.person_id = p.id AND t.vocabulary = 'skill'
                 AND t.code IN (SELECT value FROM json_each(@wordSkills)))
   OR NOT EXISTS (SELECT 1 FROM json_each(@words) w
                   WHERE instr(lower(p.skills_in_own_words || ' ' || p.would_like_to_share), w.value) = 0))`
const COLUMNS = `p.id, p.first_name AS firstName, upper(substr(trim(p.last_name), 1, 1)) AS lastInitial,
       p.hub_id AS hubId, h.slug AS hubSlug, h.name AS hubName, p.visibility,
       p.skills_in_own_words AS skillsInOwnWords, p.would_like_to_share AS wouldLikeToShare,
       p.availability, p.how_often AS howOften, p.contact_ways AS contactWays`
const D2 = (table: string) =>
  `((${table}.latitude - @lat) * (${table}.latitude - @lat) + (${table}.longitude - @lng) * (${table}.longitude - @lng) * @k)`
const IN_BOX = (table: string) =>
  `${table}.latitude BETWEEN @south AND @north AND ${table}.longitude BETWEEN @west AND @east`

/**
 * People near a point: those whose postcode district's centre is near it, and those with no
 * district we know whose hub's centre is. Read through people_shown_by_district and the hubs.
 */
const NEAR = `WITH candidates AS (
    SELECT p.id AS id, ${D2('d')} AS d2
      FROM postcode_districts d CROSS JOIN people p ON p.postcode_district = d.district AND ${SHOWN}
     WHERE ${IN_BOX('d')}
    UNION ALL
    SELECT p.id AS id, ${D2('hc')} AS d2
      FROM hubs hc CROSS JOIN people p ON p.hub_id = hc.id AND ${SHOWN}
     WHERE ${IN_BOX('hc')}
       AND (p.postcode_district IS NULL
            OR NOT EXISTS (SELECT 1 FROM postcode_districts pd WHERE pd.district = p.postcode_district)))
  SELECT ${COLUMNS}, c.d2 AS distanceSquared
    FROM candidates c CROSS JOIN people p ON p.id = c.id JOIN hubs h ON h.id = p.hub_id
   WHERE c.d2 <= @maxD2 AND ${IN_SCOPE} AND ${HAS_SKILL} AND ${MATCHES_WORDS}`

/** People in the hubs asked for (each read through people_shown_by_hub). */
const IN_HUBS = `SELECT ${COLUMNS}, NULL AS distanceSquared
    FROM json_each(@hubIds) wanted
   CROSS JOIN hubs h ON h.id = wanted.value
   CROSS JOIN people p ON p.hub_id = h.id AND ${SHOWN}
   WHERE ${HAS_SKILL} AND ${MATCHES_WORDS}`

const ORDER = 'ORDER BY distanceSquared, firstName, lastInitial, id'

/** A person whose consent is due to be checked again, with how many are due in their hub. */
export interface ConsentDueRow {
  hubId: number
  personId: number
  firstName: string
  lastInitial: string
  /** YYYY-MM-DD */
  checkAgainOn: string
  inHub: number
}

export class ExpertiseRepository {
  private readonly nearPage: Statement<[FilterParams & { limit: number; offset: number }], RawExpert>
  private readonly nearCount: Statement<[FilterParams], number>
  private readonly hubsPage: Statement<[FilterParams & { limit: number; offset: number }], RawExpert>
  private readonly hubsCount: Statement<[FilterParams], number>
  private readonly onePerson: Statement<[number], RawExpert & { shown: number }>
  private readonly contactOf: Statement<
    [number],
    Omit<ContactDetailsRow, 'contactWays'> & { contactWays: string }
  >
  private readonly skillsOf: Statement<[string], SkillRow & { personId: number }>
  private readonly newMembers: Statement<[{ hubIds: string; since: string; few: number }], NewMemberRow>
  private readonly toCheck: Statement<[string], { hubId: number; people: number }>
  private readonly due: Statement<[{ hubIds: string; today: string; few: number }], ConsentDueRow>
  private readonly hubOfPerson: Statement<[number], { hubId: number | null }>
  private readonly hubByName: Statement<[{ typed: string }], HubRef>

  constructor(db: Db) {
    // NEAR, IN_HUBS and ORDER are fixed SQL fragments defined above (allow-listed: no input
    // reaches them); every value is a named placeholder.
    this.nearPage = db.prepare(`SELECT * FROM (${NEAR}) ${ORDER} LIMIT @limit OFFSET @offset`)
    this.nearCount = db.prepare<[FilterParams], number>(`SELECT COUNT(*) FROM (${NEAR})`).pluck()
    this.hubsPage = db.prepare(`SELECT * FROM (${IN_HUBS}) ${ORDER} LIMIT @limit OFFSET @offset`)
    this.hubsCount = db.prepare<[FilterParams], number>(`SELECT COUNT(*) FROM (${IN_HUBS})`).pluck()
    this.onePerson = db.prepare(
      `SELECT ${COLUMNS}, NULL AS distanceSquared, (${SHOWN}) AS shown
         FROM people p JOIN hubs h ON h.id = p.hub_id
        WHERE p.id = ?`,
    )
    this.contactOf = db.prepare(
      `SELECT p.id, p.hub_id AS hubId, p.contact_ways AS contactWays, p.email, p.phone
         FROM people p WHERE p.id = ? AND ${SHOWN}`,
    )
    this.skillsOf = db.prepare(
      `SELECT ps.person_id AS personId, t.code, t.name
         FROM person_skills ps
         JOIN taxonomy_terms t ON t.id = ps.term_id AND t.vocabulary = 'skill'
        WHERE ps.person_id IN (SELECT value FROM json_each(?))
        ORDER BY t.sort_order, t.name`,
    )
    this.newMembers = db.prepare(
      `SELECT * FROM (
         SELECT p.hub_id AS hubId, p.first_name AS firstName, upper(substr(trim(p.last_name), 1, 1)) AS lastInitial,
                row_number() OVER (PARTITION BY p.hub_id ORDER BY p.created_at DESC, p.id DESC) AS place,
                COUNT(*) OVER (PARTITION BY p.hub_id) AS inHub
           FROM json_each(@hubIds) wanted
          CROSS JOIN people p ON p.hub_id = wanted.value AND p.created_at >= @since)
        WHERE place <= @few
        ORDER BY hubId, place`,
    )
    this.toCheck = db.prepare(
      `SELECT p.hub_id AS hubId, COUNT(*) AS people
         FROM json_each(?) wanted
        CROSS JOIN people p ON p.hub_id = wanted.value AND (p.consent_id IS NULL OR p.paused_at IS NOT NULL)
        GROUP BY p.hub_id`,
    )
    // Consents in force with a day to check them again that has come, each hub's first `few`
    // by that day: read through consents_due (only dated consents not withdrawn), never every person.
    this.due = db.prepare(
      `SELECT * FROM (
         SELECT p.hub_id AS hubId, p.id AS personId, p.first_name AS firstName,
                upper(substr(trim(p.last_name), 1, 1)) AS lastInitial, c.check_again_on AS checkAgainOn,
                row_number() OVER (PARTITION BY p.hub_id ORDER BY c.check_again_on, p.id) AS place,
                COUNT(*) OVER (PARTITION BY p.hub_id) AS inHub
           FROM consents c
          CROSS JOIN people p ON p.id = c.person_id AND p.consent_id = c.id
          WHERE c.check_again_on IS NOT NULL AND c.withdrawn_at IS NULL AND c.check_again_on <= @today
            AND p.hub_id IN (SELECT value FROM json_each(@hubIds)))
        WHERE place <= @few
        ORDER BY hubId, place`,
    )
    this.hubOfPerson = db.prepare('SELECT hub_id AS hubId FROM people WHERE id = ?')
    this.hubByName = db.prepare(
      `SELECT h.id, h.slug, h.name, h.phone, h.email FROM hubs h
        WHERE h.slug = lower(@typed) OR lower(h.name) = lower(@typed)
        ORDER BY h.slug = lower(@typed) DESC, h.id LIMIT 1`,
    )
  }

  /** A page of the people the filter finds, nearest first when near a place, then by name. */
  find(filter: ExpertFilter, page: { limit: number; offset: number }): ExpertRow[] {
    const params = { ...paramsOf(filter), ...page }
    const rows = filter.near ? this.nearPage.all(params) : this.hubsPage.all(params)
    return this.withSkills(rows)
  }

  /** How many people the filter finds. */
  count(filter: ExpertFilter): number {
    const params = paramsOf(filter)
    return (filter.near ? this.nearCount.get(params) : this.hubsCount.get(params)) ?? 0
  }

  /** One person, as a coordinator sees them, with whether they are shown (consent in force, not paused). */
  person(id: number): (ExpertRow & { shown: boolean }) | null {
    const row = this.onePerson.get(id)
    if (!row) return null
    const [withSkills] = this.withSkills([row])
    return { ...(withSkills as ExpertRow), shown: row.shown === 1 }
  }

  /** The hub a person belongs to (null for none), or undefined when there is no such person. */
  hubOf(id: number): number | null | undefined {
    const row = this.hubOfPerson.get(id)
    return row ? row.hubId : undefined
  }

  /**
   * The person's contact details, only for the reveal (CoordinatorService.revealContactDetails,
   * which writes the audit entry): null when there is no such person shown.
   */
  contactDetailsOf(id: number): ContactDetailsRow | null {
    const row = this.contactOf.get(id)
    return row ? { ...row, contactWays: splitWays(row.contactWays) } : null
  }

  /** In each hub, its newest `few` members since `since` (first name and initial), and how many. */
  newMembersOf(hubIds: readonly number[], since: string, few: number): NewMemberRow[] {
    return hubIds.length === 0 ? [] : this.newMembers.all({ hubIds: JSON.stringify(hubIds), since, few })
  }

  /** How many people in each hub have no consent in force, or have paused (hubs with none are left out). */
  consentsToCheck(hubIds: readonly number[]): Map<number, number> {
    const counts = new Map<number, number>()
    if (hubIds.length === 0) return counts
    for (const row of this.toCheck.all(JSON.stringify(hubIds))) counts.set(row.hubId, row.people)
    return counts
  }

  /**
   * In each hub, the first `few` people whose consent is due to be checked again (its day is
   * `today` or before), soonest first, and how many there are. Hubs with none are left out.
   */
  consentsDueOf(hubIds: readonly number[], today: string, few: number): ConsentDueRow[] {
    return hubIds.length === 0 ? [] : this.due.all({ hubIds: JSON.stringify(hubIds), today, few })
  }

  /** A hub by its slug or its whole name, in any case. */
  findHub(typed: string): HubRef | undefined {
    return this.hubByName.get({ typed })
  }

  private withSkills(rows: RawExpert[]): ExpertRow[] {
    if (rows.length === 0) return []
    const skills = new Map<number, SkillRow[]>()
    for (const { personId, code, name } of this.skillsOf.all(JSON.stringify(rows.map((row) => row.id)))) {
      const list = skills.get(personId) ?? []
      list.push({ code, name })
      skills.set(personId, list)
    }
    return rows.map((row) => ({
      id: row.id,
      firstName: row.firstName,
      lastInitial: row.lastInitial,
      hubId: row.hubId,
      hubSlug: row.hubSlug,
      hubName: row.hubName,
      visibility: row.visibility,
      skillsInOwnWords: row.skillsInOwnWords,
      wouldLikeToShare: row.wouldLikeToShare,
      availability: row.availability,
      howOften: row.howOften,
      contactWays: splitWays(row.contactWays),
      distanceSquared: row.distanceSquared,
      skills: skills.get(row.id) ?? [],
    }))
  }
}

const splitWays = (ways: string): string[] => ways.split(',').filter((way) => way !== '')

function paramsOf(filter: ExpertFilter): FilterParams {
  const near = filter.near
  return {
    hubIds: filter.hubIds ? JSON.stringify(filter.hubIds) : null,
    skillCodes: filter.skillCodes ? JSON.stringify(filter.skillCodes) : null,
    words: filter.words ? JSON.stringify(filter.words.words) : null,
    wordSkills: JSON.stringify(filter.words?.skillCodes ?? []),
    lat: near?.latitude ?? 0,
    lng: near?.longitude ?? 0,
    k: near?.lngScaleSquared ?? 1,
    maxD2: near?.maxDegreesSquared ?? 0,
    south: near?.box.south ?? 0,
    north: near?.box.north ?? 0,
    west: near?.box.west ?? 0,
    east: near?.box.east ?? 0,
  }
}
