/**
 * The admin pages' forms and filters. Each form takes only its own fields (anything else is
 * dropped). The role and hubs an account has come only from here, on admin pages, and only
 * an admin's request reaches the service that changes them.
 */
import { z } from 'zod'
import { ROLES, type Role } from '../../db/repositories/accountsRepository'
import type { FieldProblem } from '../forms'
import { parsePageNumber } from './pageNumber'

const text = (value: unknown): unknown => (typeof value === 'string' ? value : '')
const list = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.filter((item) => typeof item === 'string')
    : typeof value === 'string'
      ? [value]
      : []

export const REASON_MAX = 500

/** Why the change is made: asked for every change, kept in the audit log. */
const reason = (missing: string) =>
  z.preprocess(
    text,
    z.string().trim().min(1, missing).max(REASON_MAX, `The reason must be ${REASON_MAX} characters or fewer`),
  )

const role = z.preprocess(
  (value) => (typeof value === 'string' && (ROLES as readonly string[]).includes(value) ? value : undefined),
  z.enum(ROLES as unknown as [Role, ...Role[]], { message: 'Choose a role' }),
)

/**
 * The role page. `action` says which button was pressed: 'find' looks for hubs to add and
 * changes nothing; 'save' makes the change.
 */
export const roleForm = z.object({
  action: z.preprocess((value) => (value === 'find' ? 'find' : 'save'), z.enum(['find', 'save'])),
  role,
  allHubs: z.preprocess((value) => value === 'yes', z.boolean()),
  hub: z.preprocess(list, z.array(z.string().max(100)).max(200)),
  find: z.preprocess(
    text,
    z.string().trim().max(100, 'The hub name or town must be 100 characters or fewer'),
  ),
  reason: reason('Say why you are changing the role'),
})

export const disableForm = z.object({ reason: reason('Say why you are disabling the account') })
export const enableForm = z.object({ reason: reason('Say why you are turning the account back on') })

/** What was typed into the role page, kept to show it again (never trusted for anything else). */
export function roleFormValues(body: Record<string, unknown>) {
  return {
    role: typeof body.role === 'string' ? body.role : '',
    allHubs: body.allHubs === 'yes',
    hubs: (list(body.hub) as string[]).slice(0, 200),
    find: typeof body.find === 'string' ? body.find.slice(0, 200) : '',
    reason: typeof body.reason === 'string' ? body.reason.slice(0, 2000) : '',
  }
}

/** An account's number in its address: a whole number, or nothing (the 404 page). */
export function parseAccountId(value: unknown): number | null {
  return typeof value === 'string' && /^[1-9][0-9]{0,11}$/.test(value) ? Number(value) : null
}

const one = (value: unknown): string => (typeof value === 'string' ? value.trim() : '')

export interface AccountsFilter {
  q: string | null
  role: Role | null
  page: number
}

/** /admin/accounts?q=&role=&page= ; undefined when the page number names no page. */
export function parseAccountsFilter(query: Record<string, unknown>): {
  filter: AccountsFilter | undefined
  problems: FieldProblem[]
  typed: { q: string; role: string }
} {
  const problems: FieldProblem[] = []
  const q = one(query.q)
  const typedRole = one(query.role)
  if (q.length > 100) problems.push({ field: 'q', message: 'Search for 100 characters or fewer' })
  const chosenRole = (ROLES as readonly string[]).includes(typedRole) ? (typedRole as Role) : null
  const page = parsePageNumber(query.page)
  return {
    filter:
      page === undefined
        ? undefined
        : { q: q && q.length <= 100 ? q : null, role: chosenRole, page: problems.length > 0 ? 1 : page },
    problems,
    typed: { q, role: chosenRole ?? '' },
  }
}

export interface DateTyped {
  day: string
  month: string
  year: string
}

export interface AuditFilterTyped {
  who: string
  what: string
  record: string
  from: DateTyped
  to: DateTyped
}

export interface AuditFilterParsed {
  who: string | null
  what: string | null
  record: string | null
  fromDate: string | null
  toDate: string | null
  page: number
}

/** A date typed as day, month and year: 'YYYY-MM-DD', null when all three are empty, or a problem. */
function dateOf(typed: DateTyped, what: string): { date: string | null } | { problem: string } {
  const parts = [typed.day, typed.month, typed.year]
  if (parts.every((part) => part === '')) return { date: null }
  if (parts.some((part) => part === '')) return { problem: `${what} must include a day, month and year` }
  if (!parts.every((part) => /^\d{1,4}$/.test(part)) || typed.year.length !== 4) {
    return { problem: `${what} must be a real date` }
  }
  const [day, month, year] = parts.map(Number) as [number, number, number]
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { problem: `${what} must be a real date` }
  }
  return { date: date.toISOString().slice(0, 10) }
}

/** /admin/audit-log's filters: who did it, what, to which account, dates from and to, and the page. */
export function parseAuditFilter(
  query: Record<string, unknown>,
  knownActions: readonly string[],
): {
  /** null when there are problems to show, or no such page */
  filter: AuditFilterParsed | null
  /** the page number names no page (the 404 page) */
  noSuchPage: boolean
  problems: FieldProblem[]
  typed: AuditFilterTyped
} {
  const typed: AuditFilterTyped = {
    who: one(query.who).slice(0, 300),
    what: one(query.what),
    record: one(query.record).slice(0, 300),
    from: { day: one(query['from-day']), month: one(query['from-month']), year: one(query['from-year']) },
    to: { day: one(query['to-day']), month: one(query['to-month']), year: one(query['to-year']) },
  }
  const problems: FieldProblem[] = []
  if (typed.who.length > 254)
    problems.push({ field: 'who', message: 'Who did it must be 254 characters or fewer' })
  if (typed.record.length > 254) {
    problems.push({ field: 'record', message: 'Which account must be 254 characters or fewer' })
  }
  const what = knownActions.includes(typed.what) ? typed.what : ''
  const from = dateOf(typed.from, 'The date from')
  const to = dateOf(typed.to, 'The date to')
  if ('problem' in from) problems.push({ field: 'from', message: from.problem })
  if ('problem' in to) problems.push({ field: 'to', message: to.problem })
  if ('date' in from && 'date' in to && from.date && to.date && from.date > to.date) {
    problems.push({ field: 'to', message: 'The date to must be the same as or after the date from' })
  }
  const page = parsePageNumber(query.page)
  if (page === undefined || problems.length > 0) {
    return { filter: null, noSuchPage: page === undefined, problems, typed: { ...typed, what } }
  }
  return {
    noSuchPage: false,
    filter: {
      who: typed.who || null,
      what: what || null,
      record: typed.record || null,
      fromDate: 'date' in from ? from.date : null,
      toDate: 'date' in to ? to.date : null,
      page,
    },
    problems,
    typed: { ...typed, what },
  }
}
