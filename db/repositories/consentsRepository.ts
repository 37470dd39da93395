import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'

export type ConsentMethod = 'online' | 'phone' | 'paper' | 'in-person' | 'helper'

/** One consent a person gave (privacy rule 6): what (the wording's version), when, how, and who recorded it. */
export interface ConsentRow {
  id: number
  personId: number
  wordingVersion: string
  agreedAt: string
  method: ConsentMethod
  recordedByAccountId: number | null
  withdrawnAt: string | null
  /** the family member or helper it was given through (method 'helper' only) */
  helperName: string | null
  /** the day (YYYY-MM-DD) to check with the person that they still agree; null for consent given online */
  checkAgainOn: string | null
  /** when a coordinator last checked it with the person, and who */
  checkedAt: string | null
  checkedByAccountId: number | null
}

export interface NewConsent {
  /** a fixed id (the benchmark's generator gives each person's consent the person's id) */
  id?: number
  personId: number
  wordingVersion: string
  /** an ISO time */
  agreedAt: string
  method: ConsentMethod
  recordedByAccountId: number | null
  /** for method 'helper': who the family member or helper was */
  helperName?: string | null
  /** a day (YYYY-MM-DD) to check it again with the person */
  checkAgainOn?: string | null
}

const COLUMNS = `id, person_id AS personId, wording_version AS wordingVersion, agreed_at AS agreedAt,
  method, recorded_by_account_id AS recordedByAccountId, withdrawn_at AS withdrawnAt,
  helper_name AS helperName, check_again_on AS checkAgainOn, checked_at AS checkedAt,
  checked_by_account_id AS checkedByAccountId`

const row = (consent: NewConsent) => ({
  id: consent.id ?? null,
  personId: consent.personId,
  wordingVersion: consent.wordingVersion,
  agreedAt: consent.agreedAt,
  method: consent.method,
  recordedByAccountId: consent.recordedByAccountId,
  helperName: consent.method === 'helper' ? (consent.helperName ?? null) : null,
  checkAgainOn: consent.checkAgainOn ?? null,
})

/**
 * Consents (migrations/0024_share_skills.sql, 0028_assisted_registration.sql). A consent is
 * added, later perhaps checked again with the person (a new date to check it), and perhaps
 * marked withdrawn; never changed otherwise. The database's triggers keep people.consent_id at the
 * consent in force, which is what public pages check.
 */
export class ConsentsRepository {
  private readonly insert: Statement<
    [
      Omit<NewConsent, 'id' | 'helperName' | 'checkAgainOn'> & {
        id: number | null
        helperName: string | null
        checkAgainOn: string | null
      },
    ]
  >
  private readonly checked: Statement<
    [{ id: number; checkAgainOn: string; at: string; byAccountId: number | null }]
  >
  private readonly withdrawStatement: Statement<[{ personId: number; at: string }]>
  private readonly ofPerson: Statement<[number], ConsentRow>
  private readonly inForce: Statement<[number], ConsentRow>
  private readonly removeForPerson: Statement<[number]>
  private readonly withdrawnSince: Statement<[{ before: string; limit: number }], number>

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT INTO consents (id, person_id, wording_version, agreed_at, method, recorded_by_account_id,
                             helper_name, check_again_on)
       VALUES (@id, @personId, @wordingVersion, @agreedAt, @method, @recordedByAccountId,
               @helperName, @checkAgainOn)`,
    )
    this.checked = db.prepare(
      `UPDATE consents SET check_again_on = @checkAgainOn, checked_at = @at, checked_by_account_id = @byAccountId
        WHERE id = @id AND withdrawn_at IS NULL`,
    )
    this.withdrawStatement = db.prepare(
      `UPDATE consents SET withdrawn_at = @at
        WHERE person_id = @personId AND withdrawn_at IS NULL`,
    )
    this.ofPerson = db.prepare(`SELECT ${COLUMNS} FROM consents WHERE person_id = ? ORDER BY id`)
    this.inForce = db.prepare(
      `SELECT ${COLUMNS} FROM consents
        WHERE id = (SELECT consent_id FROM people WHERE id = ?)`,
    )
    this.removeForPerson = db.prepare('DELETE FROM consents WHERE person_id = ?')
    // people.consent_withdrawn_at is kept by triggers (migrations/0044_withdrawn_retention.sql)
    // and indexed only where set, so this reads at most `limit` rows of that index.
    this.withdrawnSince = db
      .prepare<[{ before: string; limit: number }], number>(
        `SELECT id FROM people
          WHERE consent_withdrawn_at IS NOT NULL AND consent_withdrawn_at < @before
          ORDER BY consent_withdrawn_at LIMIT @limit`,
      )
      .pluck()
  }

  /** Records a consent; it is in force at once (the person shows again unless paused). Its id. */
  record(consent: NewConsent): number {
    return Number(this.insert.run(row(consent)).lastInsertRowid)
  }

  /**
   * Records many consents in one transaction (the caller's, when there is one): for the seed
   * and the benchmark's generated people. How many it recorded.
   */
  recordMany(consents: Iterable<NewConsent>): number {
    let added = 0
    this.db.transaction(() => {
      for (const consent of consents) {
        this.insert.run(row(consent))
        added++
      }
    })()
    return added
  }

  /** Marks the person's consent withdrawn at `at`: they are hidden at once. False when none was in force. */
  withdraw(personId: number, at: string): boolean {
    return this.withdrawStatement.run({ personId, at }).changes > 0
  }

  /** Every consent the person gave, oldest first. */
  consentsOf(personId: number): ConsentRow[] {
    return this.ofPerson.all(personId)
  }

  /** The consent in force, or null when there is none (never given, or withdrawn). */
  inForceFor(personId: number): ConsentRow | null {
    return this.inForce.get(personId) ?? null
  }

  /**
   * A coordinator checked the consent with the person (they still agree): when, by whom, and
   * the day to check it again. False when it is not in force (withdrawn, or no such consent).
   */
  markChecked(id: number, check: { checkAgainOn: string; at: string; byAccountId: number | null }): boolean {
    return this.checked.run({ id, ...check }).changes > 0
  }

  /**
   * People whose consent was withdrawn before `before` (an ISO time) and not given again, the
   * longest withdrawn first: at most `limit` of them (the retention purge deletes them).
   */
  withdrawnBefore(before: string, limit: number): number[] {
    return this.withdrawnSince.all({ before, limit })
  }

  /** Deletes every consent of the person (deleting their data). How many went. */
  deleteFor(personId: number): number {
    return this.removeForPerson.run(personId).changes
  }
}
