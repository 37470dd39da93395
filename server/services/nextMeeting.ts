import { UK_TIME_ZONE, type Clock } from './clock'
import { type Day, type ScheduleForWords } from './listingWords'

/** The date and time on UK clocks: "2026-12-01" and "10:00". */
export interface UkNow {
  date: string
  time: string
}

const UK_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: UK_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
})

/** The last minute asked about: the UK's clocks change on the hour, so a minute reads one way. */
let lastMinute: { minute: number; now: UkNow } | undefined

/** Today's date and the time now in the UK, whatever the server's own time zone. */
export function ukNow(clock: Clock): UkNow {
  const moment = clock.now()
  const minute = Math.floor(moment.getTime() / 60_000)
  if (lastMinute?.minute === minute) return lastMinute.now
  const parts = Object.fromEntries(
    UK_PARTS.formatToParts(moment).map((part) => [part.type, part.value] as const),
  )
  const now = { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` }
  lastMinute = { minute, now }
  return now
}

const DAY_OF_WEEK: readonly Day[] = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA']

/** Longest gap between two meetings we can work out: a monthly one, at most five weeks apart. */
const LOOK_AHEAD_DAYS = 42

/**
 * Whether a schedule meets on a date (midnight UTC of that day). Only what the data can say:
 * every week, or the first to fourth or last given weekday of every month. Every other week
 * and every few weeks or months need a date to count from, which schedules do not have, so
 * they never say.
 */
function meetsOn(schedule: ScheduleForWords, date: Date): boolean {
  if (DAY_OF_WEEK[date.getUTCDay()] !== schedule.byday) return false
  if (schedule.interval !== 1) return false
  if (schedule.freq === 'WEEKLY') return true
  if (schedule.weekOfMonth === null) return false
  const day = date.getUTCDate()
  if (schedule.weekOfMonth === -1) {
    const daysInMonth = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate()
    return day + 7 > daysInMonth
  }
  return Math.ceil(day / 7) === schedule.weekOfMonth
}

/**
 * The next date (YYYY-MM-DD) any of these schedules meets, from today on UK clocks: today
 * itself until its closing time has passed. Null when none can say, such as a time agreed
 * with each person (no opening time) or every other week. One Date is moved on a day at a
 * time (lists work this out for every group they show, so it stays cheap).
 */
export function nextMeetingDate(schedules: ScheduleForWords[], now: UkNow): string | null {
  const known = schedules.filter((schedule) => schedule.opensAt !== null)
  if (known.length === 0) return null
  const [year = 0, month = 1, day = 1] = now.date.split('-').map(Number)
  const date = new Date(Date.UTC(year, month - 1, day))
  for (let days = 0; days <= LOOK_AHEAD_DAYS; days++) {
    if (days > 0) date.setUTCDate(date.getUTCDate() + 1)
    const meets = known.some(
      (schedule) =>
        meetsOn(schedule, date) &&
        !(days === 0 && schedule.closesAt !== null && now.time >= schedule.closesAt),
    )
    if (meets) return date.toISOString().slice(0, 10)
  }
  return null
}
