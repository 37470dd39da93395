/**
 * The directory's CSV: one row for each published service at each of its places (a service
 * with no place, or that comes to people's homes, has one row with the place left empty).
 * The same columns are the import's template, so a file exported here can be imported into
 * another directory as it is. Times, costs and yes/no answers are written in words a person
 * can type in a spreadsheet, and read back exactly as they were written.
 */
import type { Day, ScheduleInput } from '../../../db/repositories/servicesRepository'

/** The columns, in order: the template's header. */
export const DIRECTORY_COLUMNS = [
  'service_name',
  'organisation',
  'description',
  'who_it_is_for',
  'how_to_join',
  'categories',
  'hub',
  'free',
  'cost_pounds',
  'cost_per',
  'cost_words',
  'comes_to_home',
  'by_phone',
  'online',
  'email',
  'phone',
  'website',
  'times',
  'place_name',
  'address',
  'town',
  'postcode',
  'access',
  'no_access',
  'last_checked',
] as const

export type DirectoryColumn = (typeof DIRECTORY_COLUMNS)[number]
export type DirectoryRow = Record<DirectoryColumn, string>

/** What each column holds, in the words the import page shows beside the template. */
export const COLUMN_HELP: Record<DirectoryColumn, string> = {
  service_name: 'The name of the group or service. Needed.',
  organisation: 'Who runs it. Needed. Rows with the same organisation share one.',
  description: 'What it is, in a few sentences.',
  who_it_is_for: 'Who can go.',
  how_to_join: 'How to join or book.',
  categories:
    'One or more category codes, separated by semicolons, such as walking-groups;befriending. Needed.',
  hub: 'The hub it mainly serves, as in its address, such as thanet. Needed when it comes to homes, phones or runs online with no place.',
  free: 'yes or no.',
  cost_pounds: 'What it costs in pounds, such as 2.50, when it is not free.',
  cost_per: 'What the cost is for, such as session or month.',
  cost_words: 'Anything more about the cost, such as Pay for your own drink.',
  comes_to_home: 'yes when it comes to people’s homes; otherwise no or empty.',
  by_phone: 'yes when it phones people; otherwise no or empty.',
  online: 'yes when it runs online; otherwise no or empty.',
  email: 'An email address to contact it.',
  phone: 'A UK phone number to contact it.',
  website: 'A web address starting with https:// or http://.',
  times:
    'When it meets, separated by semicolons: Tuesday 10:00-12:00; first Wednesday 13:30-15:30; every 2 weeks Monday 14:00-15:30; last Friday. Words in brackets after a time are kept with it.',
  place_name: 'Where it meets. Leave the place columns empty when it has no place.',
  address: 'The first line of the place’s address.',
  town: 'The place’s town or village. Used for the map when the postcode is not known.',
  postcode: 'The place’s postcode, such as CT9 1ZA. Used for the map.',
  access:
    'What the place has, separated by semicolons: step-free, hearing-loop, accessible-toilet, seating, parking, bus-stop.',
  no_access: 'What the place has said it does not have, in the same words.',
  last_checked: 'When the details were last checked, as YYYY-MM-DD. Empty means today.',
}

/** The template's example row: every column filled in as it should be. */
export const EXAMPLE_ROW: DirectoryRow = {
  service_name: 'Tuesday walk and talk',
  organisation: 'Margate Walkers',
  description: 'An easy walk along the sea front, then a cup of tea.',
  who_it_is_for: 'Anyone who can walk for half an hour.',
  how_to_join: 'Just turn up.',
  categories: 'walking-groups',
  hub: 'thanet',
  free: 'yes',
  cost_pounds: '',
  cost_per: '',
  cost_words: '',
  comes_to_home: 'no',
  by_phone: 'no',
  online: 'no',
  email: 'walks@example.org',
  phone: '01632 960123',
  website: 'https://example.org/walks',
  times: 'Tuesday 10:00-11:30',
  place_name: 'Margate Old Town Library',
  address: '1 Market Place',
  town: 'Margate',
  postcode: 'CT9 1ZA',
  access: 'step-free;accessible-toilet',
  no_access: 'parking',
  last_checked: '2026-11-01',
}

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, a tab or a return at the start)
 * gets an apostrophe in front, as OWASP advises (https://owasp.org/www-community/attacks/CSV_Injection);
 * importing takes the apostrophe off again, so the words survive a round trip.
 */
const FORMULA_START = /^[=+\-@\t\r]/
export function safeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}
export function unsafeCell(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value
}

export const DAY_NAMES: Record<Day, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
}
const DAY_BY_NAME = new Map<string, Day>(
  Object.entries(DAY_NAMES).flatMap(([code, name]) => [
    [name.toLowerCase(), code as Day],
    [name.slice(0, 3).toLowerCase(), code as Day],
  ]),
)
const WEEK_WORDS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, last: -1 }
const WEEK_NAMES = new Map(Object.entries(WEEK_WORDS).map(([word, n]) => [n, word]))

/** One time as the CSV says it: "first Wednesday 13:30-15:30 (words)". */
export function formatTime(schedule: {
  freq: 'WEEKLY' | 'MONTHLY'
  interval: number
  byday: Day
  weekOfMonth: number | null
  opensAt: string | null
  closesAt: string | null
  description: string
}): string {
  const parts: string[] = []
  if (schedule.freq === 'MONTHLY' && schedule.weekOfMonth !== null)
    parts.push(WEEK_NAMES.get(schedule.weekOfMonth) ?? 'first')
  else if (schedule.interval > 1) parts.push(`every ${schedule.interval} weeks`)
  parts.push(DAY_NAMES[schedule.byday])
  if (schedule.opensAt && schedule.closesAt) parts.push(`${schedule.opensAt}-${schedule.closesAt}`)
  else if (schedule.opensAt) parts.push(schedule.opensAt)
  const words = schedule.description.replace(/[();]/g, ' ').replace(/\s+/g, ' ').trim()
  if (words) parts.push(`(${words})`)
  return parts.join(' ')
}

const TIME = /^([01]?\d|2[0-3])[:.]([0-5]\d)$/
const TIME_ENTRY =
  /^(?:(first|second|third|fourth|last)\s+|every\s+(\d{1,2})\s+weeks\s+)?([a-z]+)(?:\s+(\S+?)(?:\s*-\s*(\S+))?)?(?:\s*\(([^()]*)\))?$/i

/** "10:00" from "10:00", "9:30" or "9.30"; null when it is not a time of day. */
function clockTime(typed: string): string | null {
  const match = TIME.exec(typed)
  if (!match) return null
  return `${(match[1] ?? '').padStart(2, '0')}:${match[2]}`
}

/** The times cell read: each time, or the problem with the first that cannot be read. */
export function parseTimes(cell: string): { times: ScheduleInput[] } | { problem: string } {
  const times: ScheduleInput[] = []
  for (const entry of cell.split(';').map((part) => part.trim().replace(/\s+/g, ' '))) {
    if (entry === '') continue
    const match = TIME_ENTRY.exec(entry)
    const explain = `Write times like ‘Tuesday 10:00-12:00’ or ‘first Wednesday 13:30-15:30’`
    if (!match) return { problem: `‘${entry}’ is not a time we can read. ${explain}` }
    const [, week, every, dayWord, opens, closes, words] = match
    const day = DAY_BY_NAME.get((dayWord ?? '').toLowerCase())
    if (!day) return { problem: `‘${dayWord}’ is not a day of the week. ${explain}` }
    const opensAt = opens === undefined ? null : clockTime(opens)
    const closesAt = closes === undefined ? null : clockTime(closes)
    if (opens !== undefined && opensAt === null)
      return { problem: `‘${opens}’ is not a time of day. Use the 24-hour clock, like 13:30` }
    if (closes !== undefined && closesAt === null)
      return { problem: `‘${closes}’ is not a time of day. Use the 24-hour clock, like 13:30` }
    if (opensAt && closesAt && closesAt <= opensAt)
      return { problem: `In ‘${entry}’ the end time must be after the start time` }
    const interval = every === undefined ? 1 : Number(every)
    if (interval < 1 || interval > 12)
      return { problem: `In ‘${entry}’ the number of weeks must be between 1 and 12` }
    times.push({
      byday: day,
      opensAt,
      closesAt,
      freq: week ? 'MONTHLY' : 'WEEKLY',
      interval,
      weekOfMonth: week ? (WEEK_WORDS[week.toLowerCase()] ?? null) : null,
      description: (words ?? '').trim(),
    })
  }
  return { times }
}

/** 250 pence as "2.50". */
export function formatPounds(pence: number | null): string {
  return pence === null ? '' : (pence / 100).toFixed(2)
}

/** "2.50", "£2.50", "2" as pence; null when it is not an amount of money. */
export function parsePounds(cell: string): number | null {
  const match = /^£?\s*(\d{1,6})(?:\.(\d{1,2}))?$/.exec(cell.trim())
  if (!match) return null
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'))
}

export const yesNo = (value: boolean | number): string => (value ? 'yes' : 'no')

/** yes, y, true, 1 and no, n, false, 0 (or empty: `empty`); undefined for anything else. */
export function parseYesNo(cell: string, empty: boolean): boolean | undefined {
  const word = cell.trim().toLowerCase()
  if (word === '') return empty
  if (['yes', 'y', 'true', '1'].includes(word)) return true
  if (['no', 'n', 'false', '0'].includes(word)) return false
  return undefined
}

/** A list cell ("a; b;c") as its parts, trimmed, empty parts dropped. */
export const listCell = (cell: string): string[] =>
  cell
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '')
