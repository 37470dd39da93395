/**
 * Accounts for the mixed load's sign-ins. The generated directory has no accounts (its people
 * are profiles, not sign-ins), so the benchmark makes its own, with a known password, before
 * the mixed load starts: members with confirmed email addresses, written through
 * AccountsRepository with the app's own password hash, as `npm run user:create` and the tests'
 * builder do. An account already there (a database given with --db and used before) is kept
 * and its password set again, so the password is always the one the load signs in with.
 */
import type { Db } from '../db/connection'
import { AccountsRepository } from '../db/repositories/accountsRepository'
import { hashPassword } from '../server/services/accounts/passwords'

/** One account the load signs in as. */
export interface BenchAccount {
  email: string
  password: string
}

/** Long and unguessable enough for the password check; the same for every bench account. */
export const BENCH_PASSWORD = 'benchmark walking group kettle 7'

export const benchEmail = (n: number): string => `bench-member-${n}@example.org`

/** Makes (or finds) `count` member accounts that sign in with BENCH_PASSWORD. */
export async function benchAccounts(db: Db, count: number): Promise<BenchAccount[]> {
  const accounts = new AccountsRepository(db)
  // Argon2id on purpose: the load signs in against the hash the app really keeps.
  const passwordHash = await hashPassword(BENCH_PASSWORD)
  const at = new Date().toISOString()
  const made: BenchAccount[] = []
  db.transaction(() => {
    for (let n = 1; n <= count; n++) {
      const email = benchEmail(n)
      const found = accounts.findByEmail(email)
      const id = found?.id ?? accounts.create({ email, displayName: `Bench member ${n}`, passwordHash, at })
      if (found) accounts.setPasswordHash(id, passwordHash, at)
      if (!found?.emailConfirmedAt) accounts.confirmEmail(id, at)
      made.push({ email, password: BENCH_PASSWORD })
    }
  })()
  return made
}
