/**
 * When a listing is due to be checked again (issue 12, "Freshness"): a listing not checked in
 * 12 months is on its hub's "Needs checking" list; one not checked in 18 months says on its
 * own page to call before you go; in search, at equal relevance and distance, stale ones come
 * after fresh ones. Dates are YYYY-MM-DD, in UK time.
 */

/** A listing not checked in this many months needs checking. */
export const NEEDS_CHECKING_MONTHS = 12
/** A listing not checked in this many months warns its readers to call first. */
export const WARN_MONTHS = 18

/** The day `months` before a YYYY-MM-DD day; the 31st of a shorter month is its last day. */
export function monthsBefore(isoDate: string, months: number): string {
  const [year = 0, month = 1, day = 1] = isoDate.split('-').map(Number)
  const first = new Date(Date.UTC(year, month - 1 - months, 1))
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate()
  first.setUTCDate(Math.min(day, lastDay))
  return first.toISOString().slice(0, 10)
}

/** Listings last checked before this day (YYYY-MM-DD) need checking. */
export const needsCheckingBefore = (today: string): string => monthsBefore(today, NEEDS_CHECKING_MONTHS)

/** Whether a listing last checked on `lastChecked` needs checking on `today`. */
export const needsChecking = (lastChecked: string, today: string): boolean =>
  lastChecked < needsCheckingBefore(today)

/** Whether a listing last checked on `lastChecked` should tell readers to call before they go. */
export const warnToCall = (lastChecked: string, today: string): boolean =>
  lastChecked < monthsBefore(today, WARN_MONTHS)
