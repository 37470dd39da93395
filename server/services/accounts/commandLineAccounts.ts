import crypto from 'node:crypto'
import {
  type AccountRow,
  type AccountsRepository,
  ROLES,
  type Role,
} from '../../../db/repositories/accountsRepository'
import type { EmailedLinksRepository } from '../../../db/repositories/emailedLinksRepository'
import type { HubsRepository } from '../../../db/repositories/hubsRepository'
import type { Clock } from '../clock'
import { isStaff, viewerOfAccount } from '../viewer'
import { tokenHash } from './accountService'
import type { AuditTrail } from './auditTrail'
import { DAY_MS, isoSecond } from './times'
import type { TwoStepSecret, TwoStepService } from './twoStepService'

/** How long the set-password link printed by the command line works. */
export const COMMAND_LINE_LINK_DAYS = 7

export interface CommandLineAccountRequest {
  email: string
  role: string
  hubSlugs: readonly string[]
  allHubs: boolean
  name?: string
}

export type CommandLineAccountResult =
  | {
      kind: 'done'
      account: AccountRow
      created: boolean
      /** the set-password token (the caller builds the link) */
      setPasswordToken: string
      /** a new two-step secret for a staff account that had none */
      twoStep: TwoStepSecret | null
      /** a staff account that already had two-step sign-in keeps it */
      twoStepKept: boolean
    }
  /** one line saying what is wrong with the request */
  | { kind: 'refused'; problem: string }

const ROLE_NAMES: Record<string, Role> = {
  member: 'member',
  peer_lead: 'peer_lead',
  'peer-lead': 'peer_lead',
  coordinator: 'coordinator',
  admin: 'admin',
}

const looksLikeEmail = (email: string): boolean =>
  /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254

/**
 * `npm run user:create`: makes an account, or changes the role of one, from the command line,
 * so a real deployment can make its first admin. It gives a set-password token that works for
 * 7 days and, for staff, a two-step secret to add to an app. Both are audited.
 */
export class CommandLineAccounts {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly links: EmailedLinksRepository,
    private readonly hubs: HubsRepository,
    private readonly twoStep: TwoStepService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  createOrPromote(request: CommandLineAccountRequest): CommandLineAccountResult {
    const email = request.email.trim()
    if (!looksLikeEmail(email)) return { kind: 'refused', problem: `"${email}" is not an email address.` }
    const role = ROLE_NAMES[request.role.trim().toLowerCase()]
    if (!role)
      return {
        kind: 'refused',
        problem: `There is no role called "${request.role}". Use one of: ${ROLES.join(', ')}.`,
      }
    const hubIds: number[] = []
    for (const slug of request.hubSlugs) {
      const hub = this.hubs.findBySlug(slug.trim().toLowerCase())
      if (!hub)
        return {
          kind: 'refused',
          problem: `There is no hub called "${slug}". Use the hub's short name from its address, like /hubs/thanet.`,
        }
      hubIds.push(hub.id)
    }
    if (request.allHubs && role !== 'coordinator')
      return { kind: 'refused', problem: '--all-hubs is only for coordinators.' }
    if (role === 'peer_lead' && hubIds.length === 0)
      return { kind: 'refused', problem: 'A peer lead needs at least one hub: add --hub and its short name.' }
    if (role === 'coordinator' && hubIds.length === 0 && !request.allHubs)
      return { kind: 'refused', problem: 'A coordinator needs at least one --hub, or --all-hubs.' }
    if (role === 'admin' && hubIds.length > 0)
      return { kind: 'refused', problem: 'An admin looks after every hub: leave out --hub.' }

    const now = isoSecond(this.clock.now())
    const hubs = { allHubs: request.allHubs, hubIds }
    const existing = this.accounts.findByEmail(email)
    const id =
      existing?.id ??
      this.accounts.create({
        email,
        displayName: request.name?.trim() || email.split('@')[0] || email,
        passwordHash: null,
        role,
        at: now,
      })
    this.accounts.setRole(id, role, hubs, now)
    this.audit.record({
      accountId: null,
      action: existing ? 'role-changed-by-command-line' : 'account-created-by-command-line',
      recordType: 'account',
      recordId: id,
      reason: `${existing ? 'role changed by' : 'account created by'} the command line: ${role}${
        request.allHubs ? ' of all hubs' : hubIds.length > 0 ? ` of ${request.hubSlugs.join(', ')}` : ''
      }`,
    })
    const account = this.accounts.find(id) as AccountRow
    const staff = isStaff(viewerOfAccount({ ...account, hubIds }))
    let twoStep: TwoStepSecret | null = null
    const twoStepKept = staff && this.twoStep.isOn(id)
    if (staff && !twoStepKept) {
      twoStep = this.twoStep.setUpForCommandLine(account)
      this.audit.record({
        accountId: null,
        action: 'two-step-set-up-by-command-line',
        recordType: 'account',
        recordId: id,
      })
    }
    return {
      kind: 'done',
      account,
      created: !existing,
      setPasswordToken: this.setPasswordToken(id),
      twoStep,
      twoStepKept,
    }
  }

  /** A set-password (reset-password) link's token that works for 7 days; older ones stop working. */
  private setPasswordToken(accountId: number): string {
    const now = this.clock.now()
    this.links.retireAll(accountId, 'reset-password', isoSecond(now))
    const token = crypto.randomBytes(32).toString('base64url')
    this.links.create({
      tokenHash: tokenHash(token),
      accountId,
      purpose: 'reset-password',
      at: isoSecond(now),
      expiresAt: isoSecond(new Date(now.getTime() + COMMAND_LINE_LINK_DAYS * DAY_MS)),
    })
    return token
  }
}
