import type { RetentionPeriods } from '../services/retention/retentionService'
import { DAY_MS, MINUTE_MS } from '../services/accounts/times'

/** "1 day", "30 days", "2 years" (a whole number of years when it is one), "12 months". */
const count = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`
export const daysInWords = (days: number): string =>
  days >= 365 && days % 365 === 0 ? count(days / 365, 'year') : count(days, 'day')

/** The periods the privacy notice states, in words, from the settings in force. */
export interface RetentionNoticeView {
  /** when a one-use link's record goes: "7 days after it stops working" */
  expiredLinks: string
  outbox: string
  sharingDrafts: string
  /** how long a profile is kept after its consent was withdrawn: "90 days" */
  withdrawnProfiles: string
  introductions: string
  audit: string
  memberSession: string
  staffSession: string
}

export function presentRetentionNotice(
  periods: RetentionPeriods,
  sessions: { memberIdleMs: number; staffIdleMs: number },
): RetentionNoticeView {
  return {
    expiredLinks:
      periods.expiredLinkDays === 0
        ? 'as soon as it stops working'
        : `${daysInWords(periods.expiredLinkDays)} after it stops working`,
    outbox: daysInWords(periods.outboxDays),
    sharingDrafts: daysInWords(periods.sharingDraftDays),
    withdrawnProfiles: daysInWords(periods.withdrawnProfileDays),
    introductions: count(periods.introductionMonths, 'month'),
    audit: daysInWords(periods.auditDays),
    memberSession: daysInWords(Math.round(sessions.memberIdleMs / DAY_MS)),
    staffSession: count(Math.round(sessions.staffIdleMs / MINUTE_MS), 'minute'),
  }
}
