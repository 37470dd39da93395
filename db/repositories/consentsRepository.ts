import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'

export type ConsentMethod = 'online' | 'phone' | 'paper' | 'helper'

/** One consent a person gave (privacy rule 6): what (the wording's version), when, how, and who recorded it. */
export interface ConsentRow {
  id: number
  personId: number
  wordingVersion: string
  agreedAt: string
  method: ConsentMethod
  recordedByAccountId: number | null
  withdrawnAt: string | null
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
}

const COLUMNS = `id, person_id AS personId, wording_version AS wordingVersion, agreed_at AS agreedAt,
  method, recorded_by_account_id AS recordedByAccountId, withdrawn_at AS withdrawnAt`

/**
 * Consents (migrations/0024_share_skills.sql). A consent is added, and later perhaps marked
 * withdrawn; never changed otherwise. The database's triggers keep people.consent_id at the
 * consent in force, which is what public pages check.
 */
export class ConsentsRepository {
  private readonly insert: Statement<[Omit<NewConsent, 'id'> & { id: number | null }]>
  private readonly withdrawStatement: Statement<[{ personId: number; at: string }]>
  private readonly ofPerson: Statement<[number], ConsentRow>
  private readonly inForce: Statement<[number], ConsentRow>
  private readonly removeForPerson: Statement<[number]>

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT INTO consents (id, person_id, wording_version, agreed_at, method, recorded_by_account_id)
       VALUES (@id, @personId, @wordingVersion, @agreedAt, @method, @recordedByAccountId)`,
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
  }

  /** Records a consent; it is in force at once (the person shows again unless paused). Its id. */
  record(consent: NewConsent): number {
    return Number(this.insert.run({ ...consent, id: consent.id ?? null }).lastInsertRowid)
  }

  /**
   * Records many consents in one transaction (the caller's, when there is one): for the seed
   * and the benchmark's generated people. How many it recorded.
   */
  recordMany(consents: Iterable<NewConsent>): number {
    let added = 0
    this.db.transaction(() => {
      for (const consent of consents) {
        this.insert.run({ ...consent, id: consent.id ?? null })
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

  /** Deletes every consent of the person (deleting their data). How many went. */
  deleteFor(personId: number): number {
    return this.removeForPerson.run(personId).changes
  }
}
