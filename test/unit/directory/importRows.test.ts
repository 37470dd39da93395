import {
  DIRECTORY_COLUMNS,
  type DirectoryRow,
  EXAMPLE_ROW,
  formatTime,
  parsePounds,
  parseTimes,
  safeCell,
  unsafeCell,
} from '../../../server/services/directory/directoryCsv'
import { checkImportFile, type ImportLookups } from '../../../server/services/directory/importRows'

const MARGATE = { latitude: 51.38, longitude: 1.38 }

/** A small directory: two categories, the access features, one hub, one postcode, two towns (one of them shared by two places). */
const lookups = (over: Partial<ImportLookups> = {}): ImportLookups => ({
  categories: new Map([
    ['walking-groups', 'walking-groups'],
    ['walking groups', 'walking-groups'],
    ['befriending', 'befriending'],
  ]),
  accessFeatures: new Set([
    'step-free',
    'hearing-loop',
    'accessible-toilet',
    'seating',
    'parking',
    'bus-stop',
  ]),
  hubIdBySlug: new Map([['thanet', 7]]),
  postcodePoint: (postcode) => (postcode === 'CT9 1ZA' ? MARGATE : undefined),
  townPoint: (town) =>
    town === 'Margate'
      ? { point: MARGATE }
      : town === 'Newport'
        ? { problem: 'There is more than one Newport' }
        : { problem: `We could not find the town ‘${town}’` },
  existingService: (postcode, name) =>
    postcode === 'CT9 1ZA' && name.toLowerCase() === 'old walk' ? { id: 42, name: 'Old walk' } : undefined,
  today: '2026-12-01',
  ...over,
})

const header = [...DIRECTORY_COLUMNS]
const row = (cells: Partial<DirectoryRow> = {}): string[] =>
  DIRECTORY_COLUMNS.map((column) => ({ ...EXAMPLE_ROW, ...cells })[column])

describe('checking an import file row by row', () => {
  it('takes the template’s example row as it is, placed by its postcode', () => {
    const checked = checkImportFile([header, row()], lookups())
    expect(checked.problems).toEqual([])
    expect(checked.rows).toHaveLength(1)
    expect(checked.rows[0]).toMatchObject({
      row: 2,
      name: 'Tuesday walk and talk',
      organisation: 'Margate Walkers',
      hubId: 7,
      categories: ['walking-groups'],
      isFree: true,
      schedules: [{ byday: 'TU', opensAt: '10:00', closesAt: '11:30', freq: 'WEEKLY', interval: 1 }],
      place: {
        name: 'Margate Old Town Library',
        postalCode: 'CT9 1ZA',
        point: MARGATE,
        noAccess: ['parking'],
      },
      lastChecked: '2026-11-01',
    })
  })

  it('names the row (as a spreadsheet numbers it) and the column of each problem, in plain words', () => {
    const checked = checkImportFile(
      [
        header,
        row(),
        row({ service_name: '', organisation: '', categories: 'knitting' }),
        row({ postcode: 'CT9', town: '' }),
        row({ times: 'Tuesday 25:00-26:00', email: 'walks', phone: '999', website: 'ftp://example.org' }),
        row({ free: 'yes', cost_pounds: '2.50' }),
      ],
      lookups(),
    )
    expect(checked.rows).toEqual([])
    expect(checked.problems).toEqual([
      { row: 3, column: 'service_name', message: 'Enter the name of the group or service' },
      { row: 3, column: 'organisation', message: 'Enter the organisation that runs it' },
      { row: 3, column: 'categories', message: '‘knitting’ is not a category. Use a code from the list' },
      { row: 4, column: 'postcode', message: '‘CT9’ is not a postcode. Write it like CT9 1ZA' },
      { row: 5, column: 'email', message: '‘walks’ is not an email address. Write it like name@example.org' },
      { row: 5, column: 'phone', message: '‘999’ is not a UK phone number. Write it like 01632 960123' },
      {
        row: 5,
        column: 'website',
        message: '‘ftp://example.org’ is not a web address. Start it with https://',
      },
      { row: 5, column: 'times', message: '‘25:00’ is not a time of day. Use the 24-hour clock, like 13:30' },
      { row: 6, column: 'cost_pounds', message: 'Leave the cost empty when it is free' },
    ])
  })

  it('does not guess a place it cannot find: an unknown postcode with no town, an unknown or shared town', () => {
    const checked = checkImportFile(
      [
        header,
        row({ postcode: 'CT9 9ZZ', town: '' }),
        row({ postcode: '', town: 'Atlantis' }),
        row({ postcode: '', town: 'Newport' }),
        row({ postcode: 'CT9 9ZZ', town: 'Margate' }),
      ],
      lookups(),
    )
    expect(checked.problems).toEqual([
      {
        row: 2,
        column: 'postcode',
        message: 'We do not have the postcode CT9 9ZZ, so we cannot put the place on the map. Add its town',
      },
      { row: 3, column: 'town', message: 'We could not find the town ‘Atlantis’' },
      { row: 4, column: 'town', message: 'There is more than one Newport' },
    ])
  })

  it('takes a service with no place when it comes to homes, phones or runs online, in a hub', () => {
    const noPlace = { place_name: '', address: '', town: '', postcode: '', access: '', no_access: '' }
    const checked = checkImportFile(
      [
        header,
        row({ ...noPlace, by_phone: 'yes' }),
        row(noPlace),
        row({ ...noPlace, online: 'yes', hub: '' }),
      ],
      lookups(),
    )
    expect(checked.problems).toEqual([
      {
        row: 3,
        column: 'place_name',
        message: 'Enter where it meets, or say yes to comes_to_home, by_phone or online',
      },
      { row: 4, column: 'hub', message: 'Enter the hub whose area it serves, as it has no place' },
    ])
  })

  it('refuses a file whose header is not the template’s, naming each column', () => {
    const checked = checkImportFile(
      [
        ['service_name', 'organisation', 'colour'],
        ['a', 'b', 'c'],
      ],
      lookups(),
    )
    expect(checked.problems).toContainEqual({
      row: 1,
      column: 'colour',
      message: 'We do not know the column ‘colour’. Use the template’s header row',
    })
    expect(checked.problems).toContainEqual({
      row: 1,
      column: 'postcode',
      message: 'The column ‘postcode’ is missing. Use the template’s header row',
    })
  })

  it('says when a row has more or fewer cells than the header', () => {
    const checked = checkImportFile([header, row(), [...row(), 'extra']], lookups())
    expect(checked.problems).toEqual([
      {
        row: 3,
        column: null,
        message: 'This row has 26 cells but the header has 25. Check for a missing or extra comma',
      },
    ])
  })

  it('finds possible duplicates by name and postcode, in the directory and earlier in the file, without refusing them', () => {
    const checked = checkImportFile(
      [
        header,
        row({ service_name: 'Old walk' }),
        row({ service_name: 'New walk' }),
        row({ service_name: 'NEW WALK', postcode: 'ct91za' }),
      ],
      lookups(),
    )
    expect(checked.problems).toEqual([])
    expect(checked.rows).toHaveLength(3)
    expect(checked.duplicates).toEqual([
      {
        row: 2,
        name: 'Old walk',
        postcode: 'CT9 1ZA',
        sameAs: { kind: 'directory', serviceId: 42, name: 'Old walk' },
      },
      { row: 4, name: 'NEW WALK', postcode: 'CT9 1ZA', sameAs: { kind: 'row', row: 3 } },
    ])
  })

  it('accepts a category by its name as well as its code, and takes off a formula guard', () => {
    const checked = checkImportFile(
      [header, row({ categories: 'Walking groups', phone: "'+44 1632 960123" })],
      lookups(),
    )
    expect(checked.problems).toEqual([])
    expect(checked.rows[0]?.categories).toEqual(['walking-groups'])
    expect(checked.rows[0]?.phone).toBe('+44 1632 960123')
  })
})

describe('the CSV’s own words', () => {
  it('writes and reads back every kind of time', () => {
    const cell =
      'Tuesday 10:00-12:00; first Wednesday 13:30-15:30; every 2 weeks Monday 14:00-15:30; last Friday; Monday 10:00-16:00 (calls at a time that suits you)'
    const parsed = parseTimes(cell)
    if ('problem' in parsed) throw new Error(parsed.problem)
    expect(
      parsed.times
        .map((t) =>
          formatTime({
            freq: t.freq ?? 'WEEKLY',
            interval: t.interval ?? 1,
            byday: t.byday,
            weekOfMonth: t.weekOfMonth ?? null,
            opensAt: t.opensAt,
            closesAt: t.closesAt,
            description: t.description ?? '',
          }),
        )
        .join('; '),
    ).toBe(cell)
  })

  it('reads money as pence', () => {
    expect(parsePounds('2.50')).toBe(250)
    expect(parsePounds('£3')).toBe(300)
    expect(parsePounds('2.5')).toBe(250)
    expect(parsePounds('two pounds')).toBeNull()
  })

  it('guards cells a spreadsheet would run, and the guard comes off again', () => {
    for (const value of ['=SUM(A1)', '+44 1632', '-5', '@cmd', '\tx'])
      expect(unsafeCell(safeCell(value))).toBe(value)
    expect(safeCell('=SUM(A1)')).toBe("'=SUM(A1)")
    expect(safeCell('Walk')).toBe('Walk')
    expect(unsafeCell("'tis the season")).toBe("'tis the season")
  })
})
