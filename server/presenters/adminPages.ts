/**
 * The admin pages' view models: accounts found, one account, the role form, the audit log.
 * Links come from the address book; the services' records and decisions become words here.
 */
import type { AccountRow, Role } from '../../db/repositories/accountsRepository'
import { ROLES } from '../../db/repositories/accountsRepository'
import { addresses } from '../addresses'
import { type FieldProblem, formErrors } from '../forms'
import type {
  AccountDetails,
  AccountsPage,
  AuditEntryView,
  HubChoice,
} from '../services/admin/accountAdminService'
import { ROLE_NAMES } from '../services/admin/accountAdminService'
import type { AuditFilterTyped } from '../validation/adminForms'
import { paginationView } from './pagination'

/** What each action in the audit log means, in words; the "What" filter offers these. */
export const ACTION_WORDS: Record<string, string> = {
  'sign-in': 'Signed in',
  'sign-in-failed': 'Sign-in failed',
  'sign-in-refused-disabled': 'Sign-in refused: account disabled',
  'sign-in-by-link': 'Signed in with an emailed link',
  'sign-in-link-asked': 'Asked for a sign-in link',
  'sign-out': 'Signed out',
  'sign-out-everywhere': 'Signed out everywhere',
  'account-created': 'Account created',
  'account-create-for-existing-address': 'Tried to create an account for an address that has one',
  'email-confirmed': 'Email address confirmed',
  'email-change-asked': 'Asked to change email address',
  'email-changed': 'Email address changed',
  'password-changed': 'Password changed',
  'password-change-failed': 'Password change failed',
  'password-reset-asked': 'Asked to reset password',
  'password-reset': 'Password reset',
  'role-changed': 'Role changed',
  'account-disabled': 'Account disabled',
  'account-enabled': 'Account turned back on',
  'profile-created': 'Shared their skills',
  'profile-changed': 'Changed their profile',
  'profile-visibility-changed': 'Changed who can see their profile',
  'profile-paused': 'Paused their profile',
  'profile-resumed': 'Showed their profile again',
  'consent-given': 'Agreed to us keeping their details',
  'consent-withdrawn': 'Took back their agreement',
  'data-deleted': 'Deleted their data',
  'contact-details-shown': 'Contact details shown to a coordinator',
  'introduction-requested': 'Someone asked to be put in touch',
  'hub-created': 'Made a hub',
  'hub-changed': 'Changed a hub',
  'hub-lead-added': 'Made someone a lead of a hub',
  'hub-lead-removed': 'Took someone off a hub’s leads',
  'hub-partner-added': 'Added a partner organisation to a hub',
  'hub-partner-removed': 'Took a partner organisation off a hub',
  'registered-on-behalf': 'Registered someone on their behalf',
  'consent-checked': 'Checked with someone that they still agree',
  'claim-link-sent': 'Sent someone a link to claim their profile',
  'profile-claimed': 'Claimed the profile made on their behalf',
  'data-downloaded-on-behalf': 'Downloaded someone’s data on their behalf',
  'data-deleted-on-behalf': 'Deleted someone’s data on their behalf',
  'withdrawn-profile-deleted': 'Deleted a profile whose agreement was taken back, once its time was up',
}

/** An action's words; one we have no words for yet reads as itself, tidied. */
export const actionInWords = (action: string): string => {
  const words = ACTION_WORDS[action]
  if (words) return words
  const plain = action.replace(/[-_]+/g, ' ')
  return plain.charAt(0).toUpperCase() + plain.slice(1)
}

const UK_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
})

/** "1 December 2026, 10:05am" in UK time */
export function whenInWords(iso: string): string {
  return UK_TIME.format(new Date(iso)).replace(' am', 'am').replace(' pm', 'pm').replace(' at ', ', ')
}

export const roleInWords = (role: Role): string => ROLE_NAMES[role]

/** "Coordinator of all hubs", "Peer lead of Thanet", "Member" */
export function roleWithHubs(account: AccountRow, hubs: readonly HubChoice[]): string {
  const name = ROLE_NAMES[account.role]
  if (account.role === 'admin') return name
  if (account.allHubs) return `${name} of all hubs`
  if (hubs.length === 0) return name
  return `${name} of ${hubs.map((hub) => hub.name).join(', ')}`
}

const roleItems = (chosen: string) => [
  { value: '', text: 'Any role', selected: chosen === '' },
  ...ROLES.map((role) => ({ value: role, text: ROLE_NAMES[role], selected: chosen === role })),
]

const wholeNumber = new Intl.NumberFormat('en-GB')

export function presentAccountsPage(
  found: AccountsPage | null,
  typed: { q: string; role: string },
  problems: readonly FieldProblem[],
) {
  const filters = { q: typed.q || null, role: typed.role || null }
  const searched = Boolean(typed.q || typed.role)
  const count = found
    ? found.total === 0
      ? 'No accounts found.'
      : `${found.totalIsAtLeast ? 'More than ' : ''}${wholeNumber.format(found.total)} ${
          found.total === 1 ? 'account' : 'accounts'
        }${searched ? ' found' : ''}.`
    : null
  return {
    ...formErrors(problems, { q: 'q', role: 'role' }),
    values: typed,
    roleItems: roleItems(typed.role),
    action: addresses.adminAccounts(),
    count,
    clearHref: searched ? addresses.adminAccounts() : null,
    accounts: (found?.accounts ?? []).map((account) => ({
      name: account.displayName,
      email: account.email,
      href: addresses.adminAccount(account.id),
      role: ROLE_NAMES[account.role],
      disabled: account.disabledAt !== null,
    })),
    pagination: found
      ? paginationView(found.page, found.pageCount, (page) => addresses.adminAccounts(filters, page))
      : null,
  }
}

export function presentAccountPage(details: AccountDetails, options: { self: boolean }) {
  const { account } = details
  return {
    name: account.displayName,
    email: account.email,
    role: roleWithHubs(account, details.hubs),
    status: account.disabledAt ? `Disabled on ${whenInWords(account.disabledAt)}` : 'Can sign in',
    disabled: account.disabledAt !== null,
    emailConfirmed: account.emailConfirmedAt ? 'Yes' : 'Not yet',
    created: whenInWords(account.createdAt),
    signedInOn: details.sessions === 1 ? '1 device' : `${details.sessions} devices`,
    roleHref: addresses.adminAccountRole(account.id),
    disableHref: options.self ? null : addresses.adminAccountDisable(account.id),
    enableHref: addresses.adminAccountEnable(account.id),
    auditHref: addresses.adminAuditLog({ record: String(account.id) }),
    accountsHref: addresses.adminAccounts(),
  }
}

/** The role page: the roles, the hubs kept (ticked), hubs found for what was typed, the reason. */
export function presentRoleForm(input: {
  account: AccountRow
  chosen: { role: string; allHubs: boolean; find: string; reason: string }
  /** the hubs ticked: kept from before, or added */
  hubs: readonly Omit<HubChoice, 'id'>[]
  /** hubs found for what was typed, to add */
  found: readonly Omit<HubChoice, 'id'>[] | null
  problems: readonly FieldProblem[]
}) {
  const { account, chosen, hubs, found } = input
  const ticked = new Set(hubs.map((hub) => hub.slug))
  const toAdd = (found ?? []).filter((hub) => !ticked.has(hub.slug))
  const hasHubBoxes = hubs.length + toAdd.length > 0
  return {
    ...formErrors(input.problems, {
      role: 'role',
      allHubs: 'allHubs',
      // With no hub to tick, a problem with the hubs is shown by the box to find one.
      hub: hasHubBoxes ? 'hub' : 'find',
      find: 'find',
      reason: 'reason',
    }),
    name: account.displayName,
    action: addresses.adminAccountRole(account.id),
    backHref: addresses.adminAccount(account.id),
    roleItems: ROLES.map((role) => ({
      value: role,
      text: ROLE_NAMES[role],
      hint: ROLE_HINTS[role],
      checked: chosen.role === role,
    })),
    allHubsItems: [
      {
        value: 'yes',
        text: 'Coordinator of all hubs, now and to come',
        checked: chosen.allHubs,
      },
    ],
    hubItems: [
      ...hubs.map((hub) => ({ value: hub.slug, text: hub.name, checked: true })),
      ...toAdd.map((hub) => ({ value: hub.slug, text: hub.name, checked: false })),
    ],
    foundNothing: found !== null && found.length === 0,
    foundSome: toAdd.length > 0,
    find: chosen.find,
    reason: chosen.reason,
  }
}

const ROLE_HINTS: Record<Role, string> = {
  member: 'Shares their skills and joins in with their hubs',
  peer_lead: 'A volunteer who leads their own hubs, with a coordinator’s rights there only',
  coordinator: 'Looks after people and listings in their hubs',
  admin: 'Looks after accounts, roles and the audit log',
}

export function presentReasonForm(input: {
  account: AccountRow
  action: string
  reason: string
  problems: readonly FieldProblem[]
}) {
  return {
    ...formErrors(input.problems, { reason: 'reason' }),
    name: input.account.displayName,
    email: input.account.email,
    action: input.action,
    backHref: addresses.adminAccount(input.account.id),
    reason: input.reason,
  }
}

export function presentAuditLog(input: {
  typed: AuditFilterTyped
  entries: readonly AuditEntryView[] | null
  page: number
  more: boolean
  problems: readonly FieldProblem[]
}) {
  const { typed } = input
  const filters = {
    who: typed.who,
    what: typed.what,
    record: typed.record,
    'from-day': typed.from.day,
    'from-month': typed.from.month,
    'from-year': typed.from.year,
    'to-day': typed.to.day,
    'to-month': typed.to.month,
    'to-year': typed.to.year,
  }
  const filtered = Object.values(filters).some(Boolean)
  const accountName = (account: AccountRow | null, id: string | number | null) =>
    account
      ? { text: `${account.displayName} (${account.email})`, href: addresses.adminAccount(account.id) }
      : id === null
        ? null
        : { text: `Account ${id} (no longer there)`, href: null }
  return {
    ...formErrors(input.problems, {
      who: 'who',
      what: 'what',
      record: 'record',
      from: 'from-day',
      to: 'to-day',
    }),
    action: addresses.adminAuditLog(),
    values: typed,
    whatItems: [
      { value: '', text: 'Anything', selected: typed.what === '' },
      ...Object.entries(ACTION_WORDS)
        .sort((a, b) => a[1].localeCompare(b[1], 'en-GB'))
        .map(([value, text]) => ({ value, text, selected: typed.what === value })),
    ],
    clearHref: filtered ? addresses.adminAuditLog() : null,
    entries: input.entries?.map((entry) => ({
      when: whenInWords(entry.at),
      what: actionInWords(entry.action),
      who: accountName(entry.by, entry.accountId) ?? { text: 'Someone not signed in', href: null },
      about:
        entry.recordType === 'account'
          ? accountName(entry.about, entry.recordId)
          : entry.recordType
            ? { text: `${entry.recordType} ${entry.recordId ?? ''}`.trim(), href: null }
            : null,
      detail: entry.detail,
      reason: entry.reason,
      from: entry.ip,
    })),
    none: input.entries !== null && input.entries.length === 0,
    previousHref: input.page > 1 ? addresses.adminAuditLog(filters, input.page - 1) : null,
    nextHref: input.more ? addresses.adminAuditLog(filters, input.page + 1) : null,
    pageNumber: input.page,
  }
}
