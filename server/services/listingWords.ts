/**
 * Plain-English words for listings: when, how much, how far, how accessible, when checked.
 * Older people compare groups by when and how far, so these words must be exact and short.
 */
import { warnToCall } from './freshness/rules'

export type Day = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU'

export const DAYS: readonly { code: Day; name: string; slug: string }[] = [
  { code: 'MO', name: 'Monday', slug: 'monday' },
  { code: 'TU', name: 'Tuesday', slug: 'tuesday' },
  { code: 'WE', name: 'Wednesday', slug: 'wednesday' },
  { code: 'TH', name: 'Thursday', slug: 'thursday' },
  { code: 'FR', name: 'Friday', slug: 'friday' },
  { code: 'SA', name: 'Saturday', slug: 'saturday' },
  { code: 'SU', name: 'Sunday', slug: 'sunday' },
]

export interface ScheduleForWords {
  freq: 'WEEKLY' | 'MONTHLY'
  interval: number
  byday: Day
  weekOfMonth: number | null
  opensAt: string | null
  closesAt: string | null
  description: string
}

const dayName = (code: Day): string => DAYS.find((day) => day.code === code)?.name ?? code

const ORDINALS: Record<string, string> = {
  '1': 'first',
  '2': 'second',
  '3': 'third',
  '4': 'fourth',
  '-1': 'last',
}

/** "10am", "2:30pm", "12 noon", "12 midnight" */
export function timeInWords(hhmm: string): string {
  const [h = 0, m = 0] = hhmm.split(':').map(Number)
  if (h === 12 && m === 0) return '12 noon'
  if ((h === 0 || h === 24) && m === 0) return '12 midnight'
  const hour12 = h % 12 === 0 ? 12 : h % 12
  const suffix = h < 12 ? 'am' : 'pm'
  return m === 0 ? `${hour12}${suffix}` : `${hour12}:${String(m).padStart(2, '0')}${suffix}`
}

function timesInWords(s: ScheduleForWords): string {
  if (s.opensAt && s.closesAt) return `${timeInWords(s.opensAt)} to ${timeInWords(s.closesAt)}`
  if (s.opensAt) return `from ${timeInWords(s.opensAt)}`
  return ''
}

/**
 * One schedule in words. `style` 'every' gives "Every Tuesday, 10am to 12 noon" (for a
 * listing's own page); 'plural' gives "Tuesdays, 10am to 12 noon" (for lists of results).
 */
export function scheduleInWords(s: ScheduleForWords, style: 'every' | 'plural' = 'every'): string {
  const day = dayName(s.byday)
  let pattern: string
  if (s.freq === 'MONTHLY' && s.weekOfMonth !== null) {
    const ordinal = ORDINALS[String(s.weekOfMonth)] ?? ''
    pattern = `${style === 'every' ? 'The ' : ''}${ordinal} ${day} of the month`
    if (style === 'plural') pattern = pattern.charAt(0).toUpperCase() + pattern.slice(1)
  } else if (s.freq === 'WEEKLY' && s.interval === 2) {
    pattern = `Every other ${day}`
  } else if (s.freq === 'WEEKLY' && s.interval > 2) {
    pattern = `Every ${s.interval} weeks on ${day}`
  } else if (s.freq === 'MONTHLY') {
    pattern = `Once a month on a ${day}`
  } else {
    pattern = style === 'every' ? `Every ${day}` : `${day}s`
  }
  const times = timesInWords(s)
  const words = times ? `${pattern}, ${times}` : pattern
  return s.description ? `${words} (${s.description})` : words
}

/** Several schedules, in week order, one phrase each. Empty when there are none. */
export function schedulesInWords(
  schedules: ScheduleForWords[],
  style: 'every' | 'plural' = 'every',
): string[] {
  const order = (s: ScheduleForWords) =>
    DAYS.findIndex((day) => day.code === s.byday) * 10000 + Number((s.opensAt ?? '00:00').replace(':', ''))
  return [...schedules].sort((a, b) => order(a) - order(b)).map((s) => scheduleInWords(s, style))
}

/** A time of a service: tied to one of its places (placeId), or to all of them (null). */
export interface PlacedScheduleForWords extends ScheduleForWords {
  placeId: number | null
}

/**
 * A service's whole timetable in words, one phrase a time, as its own page says it: "Every
 * Tuesday, 10am to 12 noon". With several places, a time tied to one of them says which:
 * "Every Tuesday, 10am to 12 noon at St Paul's Hall". Empty when there are no times.
 */
export function timetableInWords(
  schedules: readonly PlacedScheduleForWords[],
  places: readonly { id: number; name: string }[],
): string[] {
  const placeNames = new Map(places.map((place) => [place.id, place.name]))
  const at = (s: PlacedScheduleForWords): string | undefined =>
    places.length > 1 && s.placeId !== null ? placeNames.get(s.placeId) : undefined
  const words = schedulesInWords(
    schedules.filter((s) => !at(s)),
    'every',
  )
  const named = [...new Set(schedules.map(at).filter((name): name is string => Boolean(name)))]
  for (const name of named)
    words.push(
      ...schedulesInWords(
        schedules.filter((s) => at(s) === name),
        'every',
      ).map((phrase) => `${phrase} at ${name}`),
    )
  return words
}

export interface CostForWords {
  isFree: boolean
  costAmountPence: number | null
  costOption: string | null
  costDescription: string | null
}

/** "Free", "50p a cup", "£2 a session", "£3.50 a meal", or the listing's own words. */
export function costInWords(c: CostForWords): string {
  if (c.isFree) return 'Free'
  if (c.costAmountPence !== null) {
    const pounds = c.costAmountPence / 100
    const amount =
      c.costAmountPence < 100
        ? `${c.costAmountPence}p`
        : Number.isInteger(pounds)
          ? `£${pounds}`
          : `£${pounds.toFixed(2)}`
    const per = c.costOption ? ` a ${c.costOption}` : ''
    return c.costDescription ? `${amount}${per} (${c.costDescription})` : `${amount}${per}`
  }
  return c.costDescription || 'Ask about cost'
}

/** "0.4 miles away", "1 mile away", "12 miles away" */
export function distanceInWords(miles: number): string {
  if (miles < 0.1) return 'Less than 0.1 miles away'
  if (miles < 10) {
    const rounded = Math.round(miles * 10) / 10
    return rounded === 1 ? '1 mile away' : `${rounded} miles away`
  }
  return `${Math.round(miles)} miles away`
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** "March 2026" from "2026-03-14" */
export function monthInWords(isoDate: string): string {
  const [year, month] = isoDate.split('-')
  const name = MONTHS[Number(month) - 1]
  return name && year ? `${name} ${year}` : isoDate
}

/** "Last checked: March 2026" */
export const lastCheckedInWords = (isoDate: string): string => `Last checked: ${monthInWords(isoDate)}`

/** A list in words: "a, b and c" */
export function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
}

/** What a place says about one accessibility feature; available null means nobody recorded it. */
export interface AccessFactForWords {
  /** step-free, hearing-loop, ... */
  code: string
  /** "Hearing loop" */
  label: string
  available: boolean | null
  /** the place's own words, such as "Ramp at the side door" */
  details: string | null
}

/** The three words every listing uses for an access fact. */
export type AccessState = 'yes' | 'no' | 'not known'

export const accessState = (fact: { available: boolean | null }): AccessState =>
  fact.available === null ? 'not known' : fact.available ? 'yes' : 'no'

/**
 * One fact in full, for a place's own page: "Step-free access: yes", "Hearing loop: no",
 * "Parking: not known", and the place's own words after: "Step-free access: yes. Ramp at the side door".
 */
export function accessFactInWords(fact: AccessFactForWords): string {
  const words = `${fact.label}: ${accessState(fact)}`
  const details = fact.details?.trim()
  return details ? `${words}. ${details}` : words
}

/**
 * Every fact in one line, for lists of results, in the same words as the full form, what a
 * place has first: "Step-free access: yes. Hearing loop: no. Parking: not known." A place
 * without a hearing loop and one where nobody asked never read the same. "Access: not known"
 * when nobody recorded any.
 */
export function accessInBrief(facts: AccessFactForWords[]): string {
  if (facts.every((fact) => fact.available === null)) return 'Access: not known'
  const order = (fact: AccessFactForWords) => (fact.available === true ? 0 : fact.available === false ? 1 : 2)
  const sorted = facts
    .map((fact, i) => ({ fact, i }))
    .sort((a, b) => order(a.fact) - order(b.fact) || a.i - b.i)
  return sorted.map(({ fact }) => `${fact.label}: ${accessState(fact)}.`).join(' ')
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

/** "Tuesday 1 December" from "2026-12-01" */
export function dayAndDateInWords(isoDate: string): string {
  const [year = 0, month = 1, day = 1] = isoDate.split('-').map(Number)
  const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]
  return `${weekday} ${day} ${MONTHS[month - 1]}`
}

/** "Next: today", "Next: tomorrow" or "Next: Tuesday 8 December", given today's date (all YYYY-MM-DD). */
export function nextInWords(isoDate: string, today: string): string {
  if (isoDate === today) return 'Next: today'
  if (isoDate === addDays(today, 1)) return 'Next: tomorrow'
  return `Next: ${dayAndDateInWords(isoDate)}`
}

/** The date `days` after a YYYY-MM-DD date, as YYYY-MM-DD. */
export function addDays(isoDate: string, days: number): string {
  const [year = 0, month = 1, day = 1] = isoDate.split('-').map(Number)
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10)
}

/**
 * The plain warning for a listing not checked for 18 months before today (both YYYY-MM-DD;
 * the rule is server/services/freshness/rules.ts), or null when it is more recent: "This was
 * last checked over a year ago, in March 2025; call before you go." Without a phone number to
 * call, it says to ask the organisers instead.
 */
export function staleWarningInWords(lastChecked: string, today: string, canRing: boolean): string | null {
  if (!warnToCall(lastChecked, today)) return null
  const then = `This was last checked over a year ago, in ${monthInWords(lastChecked)};`
  return canRing ? `${then} call before you go.` : `${then} ask the organisers before you go.`
}
