import type { Db } from '../connection'

export type Role = 'member' | 'peer_lead' | 'coordinator' | 'admin'
export const ROLES: readonly Role[] = ['member', 'peer_lead', 'coordinator', 'admin']

/** One account, without its password hash (read that with passwordHashOf). */
export interface AccountRow {
  id: number
  email: string
  displayName: string
  role: Role
  /** a coordinator of every hub, now and to come */
  allHubs: boolean
  disabledAt: string | null
  emailConfirmedAt: string | null
  createdAt: string
  /** whether a password has been set */
  hasPassword: boolean
}

export interface NewAccount {
  email: string
  displayName: string
  passwordHash: string | null
  role?: Role
  allHubs?: boolean
  /** when it is made, as an ISO time */
  at: string
}

const COLUMNS = `id, email, display_name AS displayName, role, all_hubs AS allHubs,
  disabled_at AS disabledAt, email_confirmed_at AS emailConfirmedAt, created_at AS createdAt,
  password_hash IS NOT NULL AS hasPassword`

type RawAccount = Omit<AccountRow, 'allHubs' | 'hasPassword'> & { allHubs: number; hasPassword: number }

const toAccount = (row: RawAccount | undefined): AccountRow | null =>
  row ? { ...row, allHubs: row.allHubs === 1, hasPassword: row.hasPassword === 1 } : null

/** Accounts and the hubs each looks after. Every write to accounts and account_hubs is here. */
export class AccountsRepository {
  private readonly byId
  private readonly byEmail
  private readonly hashOf
  private readonly insert
  private readonly setHash
  private readonly setEmail
  private readonly confirm
  private readonly setRoleStatement
  private readonly setDisabled
  private readonly hubsOf
  private readonly clearHubs
  private readonly addHub
  private readonly removeHub
  private readonly remove

  constructor(private readonly db: Db) {
    this.byId = db.prepare<[number], RawAccount>(`SELECT ${COLUMNS} FROM accounts WHERE id = ?`)
    this.byEmail = db.prepare<[string], RawAccount>(`SELECT ${COLUMNS} FROM accounts WHERE email = ?`)
    this.hashOf = db.prepare<[number], { hash: string | null }>(
      'SELECT password_hash AS hash FROM accounts WHERE id = ?',
    )
    this.insert = db.prepare(
      `INSERT INTO accounts (email, display_name, password_hash, role, all_hubs, created_at, updated_at)
       VALUES (@email, @displayName, @passwordHash, @role, @allHubs, @at, @at)`,
    )
    this.setHash = db.prepare('UPDATE accounts SET password_hash = @hash, updated_at = @at WHERE id = @id')
    this.setEmail = db.prepare(
      'UPDATE accounts SET email = @email, email_confirmed_at = @at, updated_at = @at WHERE id = @id',
    )
    this.confirm = db.prepare(
      `UPDATE accounts SET email_confirmed_at = COALESCE(email_confirmed_at, @at), updated_at = @at
        WHERE id = @id`,
    )
    this.setRoleStatement = db.prepare(
      'UPDATE accounts SET role = @role, all_hubs = @allHubs, updated_at = @at WHERE id = @id',
    )
    this.setDisabled = db.prepare(
      'UPDATE accounts SET disabled_at = @disabledAt, updated_at = @at WHERE id = @id',
    )
    this.hubsOf = db.prepare<[number], { hubId: number }>(
      'SELECT hub_id AS hubId FROM account_hubs WHERE account_id = ? ORDER BY hub_id',
    )
    this.clearHubs = db.prepare('DELETE FROM account_hubs WHERE account_id = ?')
    this.addHub = db.prepare('INSERT OR IGNORE INTO account_hubs (account_id, hub_id) VALUES (?, ?)')
    this.removeHub = db.prepare('DELETE FROM account_hubs WHERE account_id = ? AND hub_id = ?')
    this.remove = db.prepare('DELETE FROM accounts WHERE id = ?')
  }

  find(id: number): AccountRow | null {
    return toAccount(this.byId.get(id))
  }

  /** by email address, in any case */
  findByEmail(email: string): AccountRow | null {
    return toAccount(this.byEmail.get(email.trim()))
  }

  passwordHashOf(id: number): string | null {
    return this.hashOf.get(id)?.hash ?? null
  }

  /** the new account's id; throws on an email address that already has one (check first) */
  create(account: NewAccount): number {
    return Number(
      this.insert.run({
        email: account.email.trim(),
        displayName: account.displayName,
        passwordHash: account.passwordHash,
        role: account.role ?? 'member',
        allHubs: account.allHubs ? 1 : 0,
        at: account.at,
      }).lastInsertRowid,
    )
  }

  setPasswordHash(id: number, hash: string, at: string): boolean {
    return this.setHash.run({ id, hash, at }).changes === 1
  }

  /** a new, confirmed email address */
  changeEmail(id: number, email: string, at: string): boolean {
    return this.setEmail.run({ id, email: email.trim(), at }).changes === 1
  }

  confirmEmail(id: number, at: string): boolean {
    return this.confirm.run({ id, at }).changes === 1
  }

  /** a role and the hubs it covers (none with allHubs), in one go */
  setRole(
    id: number,
    role: Role,
    hubs: { allHubs: boolean; hubIds: readonly number[] },
    at: string,
  ): boolean {
    return this.db.transaction(() => {
      const changed = this.setRoleStatement.run({ id, role, allHubs: hubs.allHubs ? 1 : 0, at }).changes === 1
      if (!changed) return false
      this.clearHubs.run(id)
      for (const hubId of hubs.allHubs ? [] : hubs.hubIds) this.addHub.run(id, hubId)
      return true
    })()
  }

  /** disabled from `at`, or enabled again with null */
  setDisabledAt(id: number, disabledAt: string | null, at: string): boolean {
    return this.setDisabled.run({ id, disabledAt, at }).changes === 1
  }

  /** The account becomes a member of the hub (as a member; for other roles, one of its hubs). */
  joinHub(id: number, hubId: number): void {
    this.addHub.run(id, hubId)
  }

  /** False when the account was not in the hub. */
  leaveHub(id: number, hubId: number): boolean {
    return this.removeHub.run(id, hubId).changes === 1
  }

  /**
   * Deletes the account: its hubs, sessions, emailed links and two-step sign-in go with it
   * (ON DELETE CASCADE). False when there was no such account.
   */
  delete(id: number): boolean {
    return this.remove.run(id).changes === 1
  }

  hubIdsOf(id: number): number[] {
    return this.hubsOf.all(id).map((row) => row.hubId)
  }

  /** These accounts (at most 100 ids), in no order: for naming who did what in the audit log. */
  findMany(ids: readonly number[]): AccountRow[] {
    const wanted = [...new Set(ids)].slice(0, 100)
    if (wanted.length === 0) return []
    return this.db
      .prepare<number[], RawAccount>(
        `SELECT ${COLUMNS} FROM accounts WHERE id IN (${wanted.map(() => '?').join(', ')})`,
      )
      .all(...wanted)
      .map((row) => toAccount(row) as AccountRow)
  }

  /**
   * A page of accounts by name (then id), optionally only those whose name or email address
   * holds `text`, and only one role; at most `limit` (100) from `offset`. The count stops at
   * `countUpTo`, so neither reads more than a bounded number of rows beyond the page.
   */
  page(
    filter: { text?: string | null; role?: Role | null },
    window: { offset: number; limit: number; countUpTo: number },
  ): { rows: AccountRow[]; total: number } {
    const where: string[] = []
    const values: Record<string, string | number> = {}
    if (filter.text) {
      // LIKE's own wildcards in what was typed are plain letters here.
      values.like = `%${filter.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      where.push(`(lower(display_name) LIKE @like ESCAPE '\\' OR lower(email) LIKE @like ESCAPE '\\')`)
    }
    if (filter.role) {
      values.role = filter.role
      where.push('role = @role')
    }
    const condition = where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''
    const rows = this.db
      .prepare<[Record<string, string | number>], RawAccount>(
        `SELECT ${COLUMNS} FROM accounts ${condition}
          ORDER BY display_name COLLATE NOCASE, id LIMIT @limit OFFSET @offset`,
      )
      .all({
        ...values,
        offset: Math.max(0, Math.floor(window.offset)),
        limit: Math.min(100, Math.max(1, Math.floor(window.limit))),
      })
      .map((row) => toAccount(row) as AccountRow)
    const total =
      this.db
        .prepare<[Record<string, string | number>], { n: number }>(
          `SELECT count(*) AS n FROM (SELECT 1 FROM accounts ${condition} LIMIT @countUpTo)`,
        )
        .get({ ...values, countUpTo: Math.max(1, Math.floor(window.countUpTo)) })?.n ?? 0
    return { rows, total }
  }
}
