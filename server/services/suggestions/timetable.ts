/**
 * A service's timetable as a suggestion sees it. Only a timetable that is one simple weekly
 * pattern (the same hours on each of its days, every week, at one place or at all of them)
 * can be said, and changed, as "Days", "Starts at" and "Ends at" without losing anything.
 * Anything more (the first Tuesday of the month, every other week, two sessions a day,
 * different times at different places, words about a time) is said in words instead, and a
 * suggestion about it is read by a person, never written over the timetable.
 */
import type { ScheduleRow, WeeklyTimes } from '../../../db/repositories/servicesRepository'
import { timetableInWords } from '../listingWords'

/** A service's times and places, as its own page reads them. */
export interface Timetable {
  schedules: readonly ScheduleRow[]
  places: readonly { id: number; name: string }[]
}

/** The one weekly pattern of a simple timetable: placeId is the place all its times are tied to, or null for none. */
export type WeeklyPattern = WeeklyTimes

/**
 * The timetable's one weekly pattern, or null when it is anything more. No times at all is a
 * pattern with no days, so a resident can say when a group meets.
 */
export function weeklyPatternOf(schedules: readonly ScheduleRow[]): WeeklyPattern | null {
  const [first] = schedules
  if (!first) return { days: [], opensAt: null, closesAt: null, placeId: null }
  const days = new Set(schedules.map((s) => s.byday))
  const simple =
    days.size === schedules.length &&
    schedules.every(
      (s) =>
        s.freq === 'WEEKLY' &&
        s.interval === 1 &&
        s.weekOfMonth === null &&
        s.description.trim() === '' &&
        s.opensAt === first.opensAt &&
        s.closesAt === first.closesAt &&
        s.placeId === first.placeId,
    )
  if (!simple) return null
  return { days: [...days], opensAt: first.opensAt, closesAt: first.closesAt, placeId: first.placeId }
}

/** The timetable in the words its page uses, one time a line. */
export const timetableLines = (timetable: Timetable): string =>
  timetableInWords(timetable.schedules, timetable.places).join('\n')
