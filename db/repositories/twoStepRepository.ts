import type { Db } from '../connection'

/** One account's authenticator secret (still sealed: the service opens it). */
export interface TwoStepRow {
  accountId: number
  secretSealed: string
  /** when a code first proved it */
  confirmedAt: string
  /** the 30-second step of the last code used, so none works twice */
  lastTimeStep: number | null
}

/** Two-step sign-in: the secrets and the recovery codes. Every write to two_step and recovery_codes is here. */
export class TwoStepRepository {
  private readonly byAccount
  private readonly upsertPending
  private readonly useStep
  private readonly remove
  private readonly clearCodes
  private readonly addCode
  private readonly findCode
  private readonly markCodeUsed
  private readonly countCodes

  constructor(private readonly db: Db) {
    this.byAccount = db.prepare<[number], TwoStepRow>(
      `SELECT account_id AS accountId, secret_sealed AS secretSealed, confirmed_at AS confirmedAt,
              last_time_step AS lastTimeStep
         FROM two_step WHERE account_id = ?`,
    )
    this.upsertPending = db.prepare(
      `INSERT INTO two_step (account_id, secret_sealed, confirmed_at, last_time_step, created_at)
       VALUES (@accountId, @secretSealed, @confirmedAt, @lastTimeStep, @at)
       ON CONFLICT (account_id) DO UPDATE
         SET secret_sealed = excluded.secret_sealed, confirmed_at = excluded.confirmed_at,
             last_time_step = excluded.last_time_step, created_at = excluded.created_at`,
    )
    this.useStep = db.prepare(
      `UPDATE two_step SET last_time_step = @timeStep
        WHERE account_id = @accountId AND (last_time_step IS NULL OR last_time_step < @timeStep)`,
    )
    this.remove = db.prepare('DELETE FROM two_step WHERE account_id = ?')
    this.clearCodes = db.prepare('DELETE FROM recovery_codes WHERE account_id = ?')
    this.addCode = db.prepare(
      'INSERT INTO recovery_codes (account_id, code_hash, created_at) VALUES (@accountId, @codeHash, @at)',
    )
    this.findCode = db.prepare<[number, string], { id: number }>(
      'SELECT id FROM recovery_codes WHERE account_id = ? AND code_hash = ? AND used_at IS NULL LIMIT 1',
    )
    this.markCodeUsed = db.prepare(
      'UPDATE recovery_codes SET used_at = @at WHERE id = @id AND used_at IS NULL',
    )
    this.countCodes = db.prepare<[number], { n: number }>(
      'SELECT count(*) AS n FROM recovery_codes WHERE account_id = ? AND used_at IS NULL',
    )
  }

  find(accountId: number): TwoStepRow | null {
    return this.byAccount.get(accountId) ?? null
  }

  /**
   * A working secret for the account, replacing any other, with the time step of the code
   * that proved it (null when none has been used yet).
   */
  setSecret(accountId: number, secretSealed: string, at: string, lastTimeStep: number | null = null): void {
    this.upsertPending.run({ accountId, secretSealed, confirmedAt: at, lastTimeStep, at })
  }

  /** true only when this step is later than the last one used: a code works once */
  useTimeStep(accountId: number, timeStep: number): boolean {
    return this.useStep.run({ accountId, timeStep }).changes === 1
  }

  /** turns two-step sign-in off: the secret and every recovery code go */
  removeAll(accountId: number): void {
    this.db.transaction(() => {
      this.remove.run(accountId)
      this.clearCodes.run(accountId)
    })()
  }

  /** new recovery codes (their hashes) replace all the old ones */
  replaceRecoveryCodes(accountId: number, codeHashes: readonly string[], at: string): void {
    this.db.transaction(() => {
      this.clearCodes.run(accountId)
      for (const codeHash of codeHashes) this.addCode.run({ accountId, codeHash, at })
    })()
  }

  /** true only for the first use of an unused code */
  useRecoveryCode(accountId: number, codeHash: string, at: string): boolean {
    const found = this.findCode.get(accountId, codeHash)
    return found ? this.markCodeUsed.run({ id: found.id, at }).changes === 1 : false
  }

  unusedRecoveryCodes(accountId: number): number {
    return this.countCodes.get(accountId)?.n ?? 0
  }
}
