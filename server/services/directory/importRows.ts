/**
 * Reading an import file's rows: every problem by row and column in plain words, possible
 * duplicates by name and postcode, and for a clean file each row ready to write. Pure apart
 * from the look-ups it is given, so it is tested without a database.
 */
import { isValid, toNormalised } from 'postcode'
import type { ScheduleInput } from '../../../db/repositories/servicesRepository'
import type { Point } from '../geo'
import {
  DIRECTORY_COLUMNS,
  type DirectoryColumn,
  listCell,
  parsePounds,
  parseTimes,
  parseYesNo,
  unsafeCell,
} from './directoryCsv'

/** A problem with the file: a row (as a spreadsheet numbers it, the header being row 1) and column, or the whole file. */
export interface ImportProblem {
  /** null for the file as a whole (its header) */
  row: number | null
  column: DirectoryColumn | string | null
  message: string
}

/** A row that may list something already there: in the directory, or on an earlier row. */
export interface PossibleDuplicate {
  row: number
  name: string
  postcode: string
  /** the service already in the directory, or the earlier row of this file */
  sameAs: { kind: 'directory'; serviceId: number; name: string } | { kind: 'row'; row: number }
}

export interface PreparedPlace {
  name: string
  address1: string
  city: string
  postalCode: string
  point: Point
  access: string[]
  noAccess: string[]
}

/** One row, checked and ready to write. */
export interface PreparedRow {
  row: number
  organisation: string
  hubId: number | null
  name: string
  description: string
  eligibilityDescription: string
  applicationProcess: string
  categories: string[]
  isFree: boolean
  costAmountPence: number | null
  costOption: string | null
  costDescription: string | null
  comesToHome: boolean
  byPhone: boolean
  online: boolean
  email: string | null
  phone: string | null
  url: string | null
  schedules: ScheduleInput[]
  place: PreparedPlace | null
  lastChecked: string
}

export interface CheckedFile {
  rows: PreparedRow[]
  problems: ImportProblem[]
  duplicates: PossibleDuplicate[]
  /** how many rows the file has, after its header */
  rowCount: number
}

/** What checking a row needs to know about the directory. */
export interface ImportLookups {
  /** category codes and names, lower case, to the code */
  categories: ReadonlyMap<string, string>
  accessFeatures: ReadonlySet<string>
  hubIdBySlug: ReadonlyMap<string, number>
  /** a full postcode's point, 'CT9 1ZA' */
  postcodePoint: (postcode: string) => Point | undefined
  /** a town's or village's point, or why not (unknown, or more than one of that name) */
  townPoint: (town: string) => { point: Point } | { problem: string }
  /** a service already listed with this name at a place with this postcode */
  existingService: (postcode: string, name: string) => { id: number; name: string } | undefined
  /** YYYY-MM-DD */
  today: string
}

/** The most rows one file may hold. */
export const MOST_ROWS = 200_000

const LONGEST: Partial<Record<DirectoryColumn, number>> = {
  service_name: 200,
  organisation: 200,
  description: 5000,
  who_it_is_for: 2000,
  how_to_join: 2000,
  cost_per: 50,
  cost_words: 500,
  email: 254,
  phone: 30,
  website: 500,
  times: 1000,
  place_name: 200,
  address: 200,
  town: 100,
  postcode: 10,
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const UK_PHONE = /^(?:\+44|0)\d{9,10}$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

function isWebAddress(typed: string): boolean {
  try {
    const url = new URL(typed)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.')
  } catch {
    return false
  }
}

const realDates = new Map<string, boolean>()
/** Whether YYYY-MM-DD is a day on the calendar (a file repeats a few dates: each is worked out once). */
function isRealDate(typed: string): boolean {
  const known = realDates.get(typed)
  if (known !== undefined) return known
  const real = isCalendarDay(typed)
  if (realDates.size < 10_000) realDates.set(typed, real)
  return real
}

function isCalendarDay(typed: string): boolean {
  if (!DATE.test(typed)) return false
  const date = new Date(`${typed}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === typed
}

/** The most problems and possible duplicates kept for a report (all are counted). */
export const MOST_KEPT = 5000

/**
 * Checks a file one record at a time, so a big file is never held whole: the first record is
 * the header, then each row. Every problem is counted (none stops the others being found),
 * each by its row and column; the first MOST_KEPT are kept, as are the first MOST_KEPT
 * possible duplicates. A row comes back ready to write only while the file has no problem so
 * far: an import writes every row or none, so one problem anywhere means nothing is written.
 */
export class ImportChecker {
  readonly problems: ImportProblem[] = []
  problemCount = 0
  readonly duplicates: PossibleDuplicate[] = []
  duplicateCount = 0
  /** rows after the header */
  rowCount = 0
  private header: string[] | null = null
  private readonly at = new Map<string, number>()
  private headerRight = false
  private readonly seen = new Map<string, number>()

  constructor(
    private readonly lookups: ImportLookups,
    private readonly keep = MOST_KEPT,
  ) {}

  private note(problem: ImportProblem): void {
    this.problemCount++
    if (this.problems.length < this.keep) this.problems.push(problem)
  }

  private noteDuplicate(duplicate: PossibleDuplicate): void {
    this.duplicateCount++
    if (this.duplicates.length < this.keep) this.duplicates.push(duplicate)
  }

  /** The header first, then each row: the row ready to write, or null (the header, or a problem anywhere so far). */
  add(record: readonly string[]): PreparedRow | null {
    if (this.header === null) {
      this.readHeader(record)
      return null
    }
    this.rowCount++
    if (!this.headerRight) return null
    if (this.rowCount > MOST_ROWS) {
      if (this.rowCount === MOST_ROWS + 1)
        this.note({
          row: null,
          column: null,
          message: `The file has more than ${MOST_ROWS.toLocaleString('en-GB')} rows. Split it into files of ${MOST_ROWS.toLocaleString('en-GB')} rows or fewer`,
        })
      return null
    }
    const prepared = this.checkRow(record, this.rowCount + 1)
    return this.problemCount > 0 ? null : prepared
  }

  /** After the last record: the problems of a file with nothing in it. */
  finish(): void {
    if (this.header === null)
      this.note({ row: null, column: null, message: 'The file is empty. Use the template' })
    else if (this.headerRight && this.rowCount === 0)
      this.note({ row: null, column: null, message: 'The file has a header but no rows' })
  }

  private readHeader(record: readonly string[]): void {
    this.header = [...record]
    const names = record.map((name) =>
      name
        .trim()
        .toLowerCase()
        .replace(/^\ufeff/, ''),
    )
    const before = this.problemCount
    names.forEach((name, index) => {
      if (name === '') return
      if (this.at.has(name))
        this.note({ row: 1, column: name, message: `The column ‘${name}’ appears twice` })
      else this.at.set(name, index)
    })
    for (const column of DIRECTORY_COLUMNS)
      if (!this.at.has(column))
        this.note({
          row: 1,
          column,
          message: `The column ‘${column}’ is missing. Use the template’s header row`,
        })
    for (const name of this.at.keys())
      if (!(DIRECTORY_COLUMNS as readonly string[]).includes(name))
        this.note({
          row: 1,
          column: name,
          message: `We do not know the column ‘${name}’. Use the template’s header row`,
        })
    this.headerRight = this.problemCount === before
  }

  private checkRow(record: readonly string[], row: number): PreparedRow | null {
    const { lookups, at, seen } = this
    const header = this.header ?? []
    let rowProblems = 0
    const problem = (column: DirectoryColumn, message: string) => {
      rowProblems++
      this.note({ row, column, message })
    }
    if (record.length !== header.length) {
      this.note({
        row,
        column: null,
        message: `This row has ${record.length} cells but the header has ${header.length}. Check for a missing or extra comma`,
      })
      return null
    }
    const cell = (column: DirectoryColumn): string => {
      const value = unsafeCell((record[at.get(column) ?? -1] ?? '').trim())
      const longest = LONGEST[column]
      if (longest !== undefined && value.length > longest)
        problem(column, `This must be ${longest} characters or fewer (it has ${value.length})`)
      return value
    }
    const orNull = (value: string) => (value === '' ? null : value)

    const name = cell('service_name')
    if (name === '') problem('service_name', 'Enter the name of the group or service')
    const organisation = cell('organisation')
    if (organisation === '') problem('organisation', 'Enter the organisation that runs it')

    const categories: string[] = []
    const categoryCell = cell('categories')
    if (listCell(categoryCell).length === 0)
      problem('categories', 'Enter at least one category, such as walking-groups')
    for (const typed of listCell(categoryCell)) {
      const code = lookups.categories.get(typed.toLowerCase())
      if (code === undefined) problem('categories', `‘${typed}’ is not a category. Use a code from the list`)
      else if (!categories.includes(code)) categories.push(code)
    }

    const hubCell = cell('hub')
    let hubId: number | null = null
    if (hubCell !== '') {
      hubId = lookups.hubIdBySlug.get(hubCell.toLowerCase()) ?? null
      if (hubId === null)
        problem('hub', `There is no hub ‘${hubCell}’. Use the last part of the hub page’s address`)
    }

    const yesNo = (column: DirectoryColumn, empty: boolean): boolean => {
      const typed = cell(column)
      const answer = parseYesNo(typed, empty)
      if (answer === undefined) {
        problem(column, `Write yes or no, not ‘${typed}’`)
        return empty
      }
      return answer
    }
    const freeCell = cell('free')
    if (freeCell === '') problem('free', 'Write yes if it is free, or no')
    const isFree = yesNo('free', false)
    const poundsCell = cell('cost_pounds')
    let costAmountPence: number | null = null
    if (poundsCell !== '') {
      costAmountPence = parsePounds(poundsCell)
      if (costAmountPence === null)
        problem('cost_pounds', `‘${poundsCell}’ is not an amount of money. Write it like 2.50`)
      else if (isFree) problem('cost_pounds', 'Leave the cost empty when it is free')
    }
    const costOption = orNull(cell('cost_per'))
    if (costOption !== null && costAmountPence === null && poundsCell === '')
      problem('cost_per', 'Enter the cost in pounds too, or leave this empty')
    const costDescription = orNull(cell('cost_words'))
    const comesToHome = yesNo('comes_to_home', false)
    const byPhone = yesNo('by_phone', false)
    const online = yesNo('online', false)

    const email = orNull(cell('email'))
    if (email !== null && !EMAIL.test(email))
      problem('email', `‘${email}’ is not an email address. Write it like name@example.org`)
    const phone = orNull(cell('phone'))
    if (phone !== null && !UK_PHONE.test(phone.replace(/[\s()-]/g, '')))
      problem('phone', `‘${phone}’ is not a UK phone number. Write it like 01632 960123`)
    const url = orNull(cell('website'))
    if (url !== null && !isWebAddress(url))
      problem('website', `‘${url}’ is not a web address. Start it with https://`)

    const timesCell = cell('times')
    const times = parseTimes(timesCell)
    if ('problem' in times) problem('times', times.problem)

    const placeName = cell('place_name')
    const address1 = cell('address')
    const town = cell('town')
    const postcodeCell = cell('postcode')
    const access = listCell(cell('access'))
    const noAccess = listCell(cell('no_access'))
    let place: PreparedPlace | null = null
    const anyPlace = placeName !== '' || address1 !== '' || town !== '' || postcodeCell !== ''
    if (!anyPlace) {
      if (!comesToHome && !byPhone && !online)
        problem('place_name', 'Enter where it meets, or say yes to comes_to_home, by_phone or online')
      else if (hubId === null && hubCell === '')
        problem('hub', 'Enter the hub whose area it serves, as it has no place')
    } else {
      if (placeName === '') problem('place_name', 'Enter the name of the place where it meets')
      let postalCode = ''
      let point: Point | undefined
      if (postcodeCell !== '') {
        const compact = postcodeCell.toUpperCase().replace(/\s/g, '')
        if (!isValid(compact))
          problem('postcode', `‘${postcodeCell}’ is not a postcode. Write it like CT9 1ZA`)
        else {
          postalCode = toNormalised(compact) ?? postcodeCell.toUpperCase()
          point = lookups.postcodePoint(postalCode)
        }
      }
      if (point === undefined && postalCode !== '' && town === '')
        problem(
          'postcode',
          `We do not have the postcode ${postalCode}, so we cannot put the place on the map. Add its town`,
        )
      if (point === undefined && town !== '' && (postcodeCell === '' || postalCode !== '')) {
        const found = lookups.townPoint(town)
        if ('problem' in found) problem('town', found.problem)
        else point = found.point
      }
      if (point === undefined && postcodeCell === '' && town === '')
        problem('postcode', 'Enter the place’s postcode or town, so we can put it on the map')
      for (const [column, codes] of [
        ['access', access],
        ['no_access', noAccess],
      ] as const)
        for (const code of codes)
          if (!lookups.accessFeatures.has(code.toLowerCase()))
            problem(
              column,
              `‘${code}’ is not an access feature. Use ${[...lookups.accessFeatures].join(', ')}`,
            )
      const both = access.filter((code) => noAccess.map((c) => c.toLowerCase()).includes(code.toLowerCase()))
      if (both.length > 0) problem('no_access', `‘${both[0]}’ cannot be in both access and no_access`)
      if (point !== undefined)
        place = {
          name: placeName,
          address1,
          city: town,
          postalCode,
          point,
          access: access.map((c) => c.toLowerCase()),
          noAccess: noAccess.map((c) => c.toLowerCase()),
        }
      if (postalCode !== '' && name !== '') {
        const key = `${postalCode}\n${name.toLowerCase()}`
        const earlier = seen.get(key)
        if (earlier !== undefined)
          this.noteDuplicate({ row, name, postcode: postalCode, sameAs: { kind: 'row', row: earlier } })
        else {
          seen.set(key, row)
          const existing = lookups.existingService(postalCode, name)
          if (existing)
            this.noteDuplicate({
              row,
              name,
              postcode: postalCode,
              sameAs: { kind: 'directory', serviceId: existing.id, name: existing.name },
            })
        }
      }
    }
    if (!anyPlace && (access.length > 0 || noAccess.length > 0))
      problem('access', 'Leave access empty when there is no place')

    const checkedCell = cell('last_checked')
    let lastChecked = lookups.today
    if (checkedCell !== '') {
      if (!isRealDate(checkedCell))
        problem('last_checked', `‘${checkedCell}’ is not a date. Write it like 2026-11-01`)
      else if (checkedCell > lookups.today)
        problem('last_checked', 'The date it was last checked cannot be in the future')
      else lastChecked = checkedCell
    }

    const description = cell('description')
    const eligibilityDescription = cell('who_it_is_for')
    const applicationProcess = cell('how_to_join')
    if (rowProblems > 0 || 'problem' in times) return null
    return {
      row,
      organisation,
      hubId,
      name,
      description,
      eligibilityDescription,
      applicationProcess,
      categories,
      isFree,
      costAmountPence,
      costOption,
      costDescription,
      comesToHome,
      byPhone,
      online,
      email,
      phone,
      url,
      schedules: times.times,
      place,
      lastChecked,
    }
  }
}

/** A whole file's records checked: for tests and small files (the service streams instead). */
export function checkImportFile(
  records: readonly (readonly string[])[],
  lookups: ImportLookups,
): CheckedFile {
  const checker = new ImportChecker(lookups, Number.MAX_SAFE_INTEGER)
  const rows: PreparedRow[] = []
  for (const record of records) {
    const prepared = checker.add(record)
    if (prepared) rows.push(prepared)
  }
  checker.finish()
  return {
    rows: checker.problemCount > 0 ? [] : rows,
    problems: checker.problems,
    duplicates: checker.duplicates,
    rowCount: checker.rowCount,
  }
}
