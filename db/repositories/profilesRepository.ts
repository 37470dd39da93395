import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'
import type { HowOftenCode, PreferredContact, SkillRow, Visibility } from './peopleRepository'

/**
 * A person's profile as they themself see it: everything, contact details too. Only ever
 * read for the signed-in account it belongs to (the person's own "Your profile"), never for a
 * page anyone else sees: those read people_for_public_pages through PeopleRepository.
 */
export interface OwnProfileRow {
  id: number
  accountId: number
  firstName: string
  lastName: string
  hubId: number | null
  hubSlug: string | null
  hubName: string | null
  postcodeDistrict: string | null
  skillsInOwnWords: string
  wouldLikeToShare: string
  availability: string
  howOften: HowOftenCode | null
  /** 'through-hub', 'phone', 'email' */
  contactWays: string[]
  preferredContact: PreferredContact
  email: string | null
  phone: string | null
  visibility: Visibility
  consentId: number | null
  pausedAt: string | null
  createdAt: string
  updatedAt: string
  skills: SkillRow[]
}

type RawOwnProfile = Omit<OwnProfileRow, 'contactWays' | 'skills'> & { contactWays: string }

/** A profile found by its person: perhaps one made on their behalf, with no account yet. */
export type PersonProfileRow = Omit<OwnProfileRow, 'accountId'> & { accountId: number | null }
type RawPersonProfile = Omit<RawOwnProfile, 'accountId'> & { accountId: number | null }

const PROFILE = `SELECT p.id, p.account_id AS accountId, p.first_name AS firstName, p.last_name AS lastName,
              p.hub_id AS hubId, h.slug AS hubSlug, h.name AS hubName, p.postcode_district AS postcodeDistrict,
              p.skills_in_own_words AS skillsInOwnWords, p.would_like_to_share AS wouldLikeToShare,
              p.availability, p.how_often AS howOften, p.contact_ways AS contactWays,
              p.preferred_contact AS preferredContact, p.email, p.phone, p.visibility,
              p.consent_id AS consentId, p.paused_at AS pausedAt, p.created_at AS createdAt, p.updated_at AS updatedAt
         FROM people p LEFT JOIN hubs h ON h.id = p.hub_id`

/**
 * The person's own profile, found by their account (people.account_id). Writes go through
 * PeopleRepository (the one writer of people and person_skills) and ConsentsRepository.
 */
export class ProfilesRepository {
  private readonly byAccount: Statement<[number], RawOwnProfile>
  private readonly byPerson: Statement<[number], RawPersonProfile>
  private readonly skillsOf: Statement<[number], SkillRow>
  private readonly personIdOf: Statement<[number], number>

  constructor(db: Db) {
    this.byAccount = db.prepare(`${PROFILE} WHERE p.account_id = ?`)
    this.byPerson = db.prepare(`${PROFILE} WHERE p.id = ?`)
    this.skillsOf = db.prepare(
      `SELECT t.code, t.name FROM person_skills ps
         JOIN taxonomy_terms t ON t.id = ps.term_id AND t.vocabulary = 'skill'
        WHERE ps.person_id = ?
        ORDER BY t.sort_order, t.name`,
    )
    this.personIdOf = db.prepare<[number], number>('SELECT id FROM people WHERE account_id = ?').pluck()
  }

  /** The profile of the account, or null when it has none. */
  ofAccount(accountId: number): OwnProfileRow | null {
    const row = this.byAccount.get(accountId)
    if (!row) return null
    return {
      ...row,
      contactWays: row.contactWays.split(',').filter((way) => way !== ''),
      skills: this.skillsOf.all(row.id),
    }
  }

  /**
   * The profile of a person, by their id, whether or not they have an account: only for the
   * coordinators of their hub acting on their behalf (downloading or deleting their data),
   * once the service has decided they may.
   */
  ofPerson(personId: number): PersonProfileRow | null {
    const row = this.byPerson.get(personId)
    if (!row) return null
    return {
      ...row,
      contactWays: row.contactWays.split(',').filter((way) => way !== ''),
      skills: this.skillsOf.all(row.id),
    }
  }

  /** The id of the account's person, or null. */
  personIdOfAccount(accountId: number): number | null {
    return this.personIdOf.get(accountId) ?? null
  }
}
