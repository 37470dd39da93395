/**
 * Today's date for the pages that speak of it ("Next: Tuesday 1 December", "Correct on
 * 1 December 2026", "last checked over a year ago"). Services are given a clock rather than
 * calling `new Date()`, so tests can fix the day.
 */
export interface Clock {
  now(): Date
}

/** The real time. */
export const systemClock: Clock = { now: () => new Date() }

/** A clock stopped at one moment, for tests: `fixedClock('2026-12-01T10:00:00Z')`. */
export function fixedClock(iso: string): Clock {
  const moment = new Date(iso)
  if (Number.isNaN(moment.getTime())) throw new Error(`Not a date: ${iso}`)
  return { now: () => new Date(moment.getTime()) }
}

/** People read dates in UK time, whatever the server's own time zone. */
export const UK_TIME_ZONE = 'Europe/London'
