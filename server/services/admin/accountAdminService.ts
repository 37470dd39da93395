import type { AccountRow, AccountsRepository, Role } from '../../../db/repositories/accountsRepository'
import type { AuditFilter, AuditLogRepository, AuditRow } from '../../../db/repositories/auditLogRepository'
import type { SessionsRepository } from '../../../db/repositories/sessionsRepository'
import type { AuditTrail, RequestOrigin } from '../accounts/auditTrail'
import { isoSecond } from '../accounts/times'
import type { Clock } from '../clock'
import { insist, mayAdministerAccounts } from '../permissions'
import { type Viewer, accountIdOf } from '../viewer'

/** A hub as the admin pages name it. */
export interface HubChoice {
  id: number
  slug: string
  name: string
}

/** Where the admin pages find hubs: by slug, by id, and by what an admin types. */
export interface HubDirectory {
  findHub(slug: string): HubChoice | undefined
  hubsNamed(ids: readonly number[]): HubChoice[]
  /** at most a few hubs for what was typed (a hub's name or a town) */
  hubsFor(typed: string): Omit<HubChoice, 'id'>[]
}

export const ACCOUNTS_PER_PAGE = 25
export const AUDIT_ENTRIES_PER_PAGE = 25
/** The furthest page either list goes: past it, narrow the search. */
export const LAST_PAGE = 200
/** Counting accounts stops here ("more than 5,000"). */
const COUNT_UP_TO = 5000
/** The most hubs one account may look after by name (more: make them a coordinator of all hubs). */
export const MOST_HUBS = 50

export const ROLE_NAMES: Record<Role, string> = {
  member: 'Member',
  peer_lead: 'Peer lead',
  coordinator: 'Coordinator',
  admin: 'Admin',
}

export interface AccountsPage {
  accounts: AccountRow[]
  page: number
  pageCount: number
  total: number
  /** true when the count stopped at its limit */
  totalIsAtLeast: boolean
}

export interface AccountDetails {
  account: AccountRow
  hubs: HubChoice[]
  /** how many devices it is signed in on now */
  sessions: number
}

/** A change to an account's role and hubs, as an admin asked for it. */
export interface RoleChange {
  role: Role
  /** a coordinator of every hub, now and to come (coordinators only) */
  allHubs: boolean
  hubSlugs: readonly string[]
}

export type RoleChangeResult =
  | { kind: 'changed'; account: AccountRow }
  /** an admin may not take away their own admin role: another admin must */
  | { kind: 'own-admin-role' }
  | { kind: 'needs-a-hub' }
  | { kind: 'too-many-hubs' }
  | { kind: 'unknown-hubs'; slugs: string[] }
  | { kind: 'no-change' }

export type DisableResult = 'disabled' | 'self' | 'already-disabled'
export type EnableResult = 'enabled' | 'not-disabled'

export interface AuditQuery {
  /** who did it: an email address, or an account number */
  who?: string | null
  action?: string | null
  /** which account it was done to: an email address or an account number */
  record?: string | null
  /** ISO dates (YYYY-MM-DD), both days included */
  fromDate?: string | null
  toDate?: string | null
  page: number
}

export interface AuditEntryView extends AuditRow {
  /** the account that did it, when there was one and it still exists */
  by: AccountRow | null
  /** the account it was done to, when it is an account that still exists */
  about: AccountRow | null
}

export type AuditPage =
  | { kind: 'entries'; entries: AuditEntryView[]; page: number; more: boolean }
  | { kind: 'unknown-account'; field: 'who' | 'record' }

/**
 * Accounts as admins look after them: find them, change a role and its hubs, disable and
 * re-enable them, and read the audit log. Only admins may (mayAdministerAccounts); every
 * change is written to the audit log with the admin's reason. It returns records and
 * decisions: the admin pages word them.
 */
export class AccountAdminService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly sessions: SessionsRepository,
    private readonly auditLog: AuditLogRepository,
    private readonly hubs: HubDirectory,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  /** Whether this viewer may use the admin pages at all. */
  mayAdminister(viewer: Viewer): boolean {
    return mayAdministerAccounts(viewer)
  }

  /** Whether this viewer may change this account's role and hubs (their own only to stay admin). */
  mayChangeRole(viewer: Viewer, _account: AccountRow): boolean {
    return mayAdministerAccounts(viewer)
  }

  /** Whether this viewer may disable this account: an admin, and never their own. */
  mayDisable(viewer: Viewer, account: AccountRow): boolean {
    return viewer.kind === 'admin' && viewer.accountId !== account.id
  }

  /** A page of accounts, by name, optionally those whose name or email holds `text`, and of one role. */
  list(viewer: Viewer, filter: { text: string | null; role: Role | null; page: number }): AccountsPage {
    insist(this.mayAdminister(viewer))
    const page = Math.min(LAST_PAGE, Math.max(1, Math.floor(filter.page)))
    const found = this.accounts.page(
      { text: filter.text, role: filter.role },
      { offset: (page - 1) * ACCOUNTS_PER_PAGE, limit: ACCOUNTS_PER_PAGE, countUpTo: COUNT_UP_TO },
    )
    const pageCount = Math.min(LAST_PAGE, Math.max(1, Math.ceil(found.total / ACCOUNTS_PER_PAGE)))
    return {
      accounts: found.rows,
      page,
      pageCount,
      total: found.total,
      totalIsAtLeast: found.total >= COUNT_UP_TO,
    }
  }

  /** One account with its hubs, or null when there is no such account. */
  details(viewer: Viewer, accountId: number): AccountDetails | null {
    insist(this.mayAdminister(viewer))
    const account = this.accounts.find(accountId)
    if (!account) return null
    return {
      account,
      hubs: this.hubs.hubsNamed(this.accounts.hubIdsOf(account.id)),
      sessions: this.sessions.countFor(account.id),
    }
  }

  /** Hubs to choose from for what an admin typed (a hub's name or a town): a few, never every hub. */
  findHubs(viewer: Viewer, typed: string): Omit<HubChoice, 'id'>[] {
    insist(this.mayAdminister(viewer))
    return typed.trim() === '' ? [] : this.hubs.hubsFor(typed)
  }

  /** These hubs by slug, in the order given; slugs that name no hub are left out. */
  hubsBySlug(viewer: Viewer, slugs: readonly string[]): HubChoice[] {
    insist(this.mayAdminister(viewer))
    const found: HubChoice[] = []
    for (const slug of new Set(slugs.slice(0, MOST_HUBS + 1))) {
      const hub = this.hubs.findHub(slug)
      if (hub) found.push(hub)
    }
    return found
  }

  /**
   * Gives the account a role and the hubs it covers. A peer lead needs at least one hub; a
   * coordinator needs hubs or all of them; an admin has none. An admin cannot take away
   * their own admin role. Written to the audit log with the reason and what changed.
   */
  changeRole(
    viewer: Viewer,
    accountId: number,
    change: RoleChange,
    reason: string,
    from: RequestOrigin,
  ): RoleChangeResult {
    const planned = this.planRoleChange(viewer, accountId, change)
    if (planned.kind !== 'plan') return planned
    const { target, allHubs, hubIds, before, after } = planned
    this.accounts.setRole(target.id, change.role, { allHubs, hubIds }, this.now())
    this.audit.record({
      accountId: accountIdOf(viewer),
      action: 'role-changed',
      recordType: 'account',
      recordId: target.id,
      reason,
      detail: `From ${before} to ${after}`,
      from,
    })
    return { kind: 'changed', account: this.accounts.find(target.id) as AccountRow }
  }

  /**
   * What would stop this change, without making it (so a form can show every problem at
   * once), or null when it could be made.
   */
  roleChangeProblem(
    viewer: Viewer,
    accountId: number,
    change: RoleChange,
  ): Exclude<RoleChangeResult, { kind: 'changed' }> | null {
    const planned = this.planRoleChange(viewer, accountId, change)
    return planned.kind === 'plan' ? null : planned
  }

  private planRoleChange(viewer: Viewer, accountId: number, change: RoleChange) {
    const account = this.accounts.find(accountId)
    insist(account !== null && this.mayChangeRole(viewer, account))
    const target = account as AccountRow
    if (viewer.kind === 'admin' && viewer.accountId === target.id && change.role !== 'admin') {
      return { kind: 'own-admin-role' } as const
    }
    const slugs = [...new Set(change.hubSlugs)]
    if (slugs.length > MOST_HUBS) return { kind: 'too-many-hubs' } as const
    const hubs = slugs.map((slug) => this.hubs.findHub(slug))
    const unknown = slugs.filter((_slug, index) => hubs[index] === undefined)
    if (unknown.length > 0) return { kind: 'unknown-hubs', slugs: unknown } as const
    const allHubs = change.role === 'coordinator' && change.allHubs
    const hubIds = change.role === 'admin' || allHubs ? [] : hubs.map((hub) => (hub as HubChoice).id)
    if ((change.role === 'peer_lead' || change.role === 'coordinator') && !allHubs && hubIds.length === 0) {
      return { kind: 'needs-a-hub' } as const
    }
    const before = this.describeRole(target.role, target.allHubs, this.accounts.hubIdsOf(target.id))
    const after = this.describeRole(change.role, allHubs, hubIds)
    if (before === after) return { kind: 'no-change' } as const
    return { kind: 'plan', target, allHubs, hubIds, before, after } as const
  }

  /**
   * Turns the account off and signs it out on every device at once. An admin cannot disable
   * their own account. Written to the audit log with the reason.
   */
  disable(viewer: Viewer, accountId: number, reason: string, from: RequestOrigin): DisableResult {
    const account = this.accounts.find(accountId)
    insist(account !== null && this.mayAdminister(viewer))
    const target = account as AccountRow
    if (!this.mayDisable(viewer, target)) return 'self'
    if (target.disabledAt) return 'already-disabled'
    this.accounts.setDisabledAt(target.id, this.now(), this.now())
    const ended = this.sessions.deleteAllFor(target.id)
    this.audit.record({
      accountId: accountIdOf(viewer),
      action: 'account-disabled',
      recordType: 'account',
      recordId: target.id,
      reason,
      detail: `Signed out of ${ended} ${ended === 1 ? 'device' : 'devices'}`,
      from,
    })
    return 'disabled'
  }

  /** Turns a disabled account on again. Written to the audit log with the reason. */
  enable(viewer: Viewer, accountId: number, reason: string, from: RequestOrigin): EnableResult {
    const account = this.accounts.find(accountId)
    insist(account !== null && this.mayAdminister(viewer))
    const target = account as AccountRow
    if (!target.disabledAt) return 'not-disabled'
    this.accounts.setDisabledAt(target.id, null, this.now())
    this.audit.record({
      accountId: accountIdOf(viewer),
      action: 'account-enabled',
      recordType: 'account',
      recordId: target.id,
      reason,
      from,
    })
    return 'enabled'
  }

  /** A page of the audit log, newest first, with the accounts each entry names. */
  auditPage(viewer: Viewer, query: AuditQuery): AuditPage {
    insist(this.mayAdminister(viewer))
    const filter: AuditFilter = { action: query.action ?? null }
    if (query.who) {
      const who = this.accountNamed(query.who)
      if (!who) return { kind: 'unknown-account', field: 'who' }
      filter.accountId = who.id
    }
    if (query.record) {
      const about = this.accountNamed(query.record)
      if (!about) return { kind: 'unknown-account', field: 'record' }
      filter.recordType = 'account'
      filter.recordId = String(about.id)
    }
    if (query.fromDate) filter.from = `${query.fromDate}T00:00:00Z`
    if (query.toDate) filter.to = isoSecond(new Date(Date.parse(`${query.toDate}T00:00:00Z`) + 86_400_000))
    const page = Math.min(LAST_PAGE, Math.max(1, Math.floor(query.page)))
    const found = this.auditLog.find(filter, {
      offset: (page - 1) * AUDIT_ENTRIES_PER_PAGE,
      limit: AUDIT_ENTRIES_PER_PAGE,
    })
    const ids = found.rows.flatMap((row) => [
      ...(row.accountId === null ? [] : [row.accountId]),
      ...(row.recordType === 'account' && row.recordId !== null && /^\d+$/.test(row.recordId)
        ? [Number(row.recordId)]
        : []),
    ])
    const named = new Map(this.accounts.findMany(ids).map((account) => [account.id, account]))
    const entries = found.rows.map((row) => ({
      ...row,
      by: row.accountId === null ? null : (named.get(row.accountId) ?? null),
      about:
        row.recordType === 'account' && row.recordId !== null
          ? (named.get(Number(row.recordId)) ?? null)
          : null,
    }))
    return { kind: 'entries', entries, page, more: found.more && page < LAST_PAGE }
  }

  /** An account by email address or by its number. */
  private accountNamed(text: string): AccountRow | null {
    const trimmed = text.trim()
    if (/^\d{1,12}$/.test(trimmed)) return this.accounts.find(Number(trimmed))
    return this.accounts.findByEmail(trimmed)
  }

  /** "coordinator of Sheffield and Thanet", in the words the audit log keeps. */
  private describeRole(role: Role, allHubs: boolean, hubIds: readonly number[]): string {
    const name = ROLE_NAMES[role].toLowerCase()
    if (role === 'admin') return name
    if (allHubs) return `${name} of all hubs`
    const names = this.hubs
      .hubsNamed(hubIds)
      .map((hub) => hub.name)
      .sort((a, b) => a.localeCompare(b, 'en-GB'))
    if (names.length === 0) return role === 'member' ? `${name} of no hub` : name
    const listed = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
    return `${name} of ${listed}`
  }

  private now(): string {
    return isoSecond(this.clock.now())
  }
}
