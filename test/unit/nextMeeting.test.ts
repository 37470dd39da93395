import { fixedClock } from '../../server/services/clock'
import {
  accessFactInWords,
  accessInBrief,
  nextInWords,
  staleWarningInWords,
  type AccessFactForWords,
  type ScheduleForWords,
} from '../../server/services/listingWords'
import { nextMeetingDate, ukNow } from '../../server/services/nextMeeting'

const weekly = (
  byday: ScheduleForWords['byday'],
  overrides: Partial<ScheduleForWords> = {},
): ScheduleForWords => ({
  freq: 'WEEKLY',
  interval: 1,
  byday,
  weekOfMonth: null,
  opensAt: '10:00',
  closesAt: '12:00',
  description: '',
  ...overrides,
})

const monthly = (weekOfMonth: number, byday: ScheduleForWords['byday']): ScheduleForWords =>
  weekly(byday, { freq: 'MONTHLY', weekOfMonth })

// Tuesday 1 December 2026, 10am in the UK (GMT in winter).
const TUESDAY_MORNING = ukNow(fixedClock('2026-12-01T10:00:00Z'))

describe('the next date a group meets', () => {
  it('reads today and the time on UK clocks, whatever the server’s time zone', () => {
    expect(TUESDAY_MORNING).toEqual({ date: '2026-12-01', time: '10:00' })
    // Half past eleven at night in summer, by the world's clock, is already the next day in the UK.
    expect(ukNow(fixedClock('2026-06-30T23:30:00Z'))).toEqual({ date: '2026-07-01', time: '00:30' })
  })

  it.each([
    ['a Tuesday group meeting this morning', [weekly('TU')], '2026-12-01'],
    ['a Wednesday group', [weekly('WE')], '2026-12-02'],
    ['a Monday group, over the weekend into next week', [weekly('MO')], '2026-12-07'],
    ['the soonest of several times', [weekly('FR'), weekly('TH')], '2026-12-03'],
    ['the first Thursday of the month', [monthly(1, 'TH')], '2026-12-03'],
    ['the second Tuesday of the month', [monthly(2, 'TU')], '2026-12-08'],
    ['the last Tuesday of the month', [monthly(-1, 'TU')], '2026-12-29'],
    ['the first Tuesday of the month, which is today', [monthly(1, 'TU')], '2026-12-01'],
    ['a time that says when it opens only', [weekly('TU', { closesAt: null })], '2026-12-01'],
  ])('finds %s', (_story, schedules, date) => {
    expect(nextMeetingDate(schedules, TUESDAY_MORNING)).toBe(date)
  })

  it('moves on to next week once today’s session has finished', () => {
    const afternoon = ukNow(fixedClock('2026-12-01T12:00:00Z'))

    expect(nextMeetingDate([weekly('TU')], afternoon)).toBe('2026-12-08')
  })

  it('finds a monthly group in the new year, and the last Friday of a short month', () => {
    const wednesday = ukNow(fixedClock('2026-12-02T09:00:00Z'))

    expect(nextMeetingDate([monthly(1, 'TU')], wednesday)).toBe('2027-01-05')
    expect(nextMeetingDate([monthly(-1, 'FR')], ukNow(fixedClock('2027-02-01T09:00:00Z')))).toBe('2027-02-26')
  })

  it('gives no date where the data cannot say: every other week, a time agreed with each person, no times', () => {
    expect(nextMeetingDate([weekly('TU', { interval: 2 })], TUESDAY_MORNING)).toBeNull()
    expect(nextMeetingDate([weekly('TU', { freq: 'MONTHLY' })], TUESDAY_MORNING)).toBeNull()
    expect(nextMeetingDate([weekly('TU', { opensAt: null, closesAt: null })], TUESDAY_MORNING)).toBeNull()
    expect(nextMeetingDate([], TUESDAY_MORNING)).toBeNull()
  })

  it('says the date as people say it: today, tomorrow, or the day and date', () => {
    expect(nextInWords('2026-12-01', '2026-12-01')).toBe('Next: today')
    expect(nextInWords('2026-12-02', '2026-12-01')).toBe('Next: tomorrow')
    expect(nextInWords('2026-12-07', '2026-12-01')).toBe('Next: Monday 7 December')
    expect(nextInWords('2027-01-01', '2026-12-31')).toBe('Next: tomorrow')
    expect(nextInWords('2027-01-05', '2026-12-31')).toBe('Next: Tuesday 5 January')
  })
})

describe('access facts in words', () => {
  const fact = (code: string, label: string, available: boolean | null, details: string | null = null) =>
    ({ code, label, available, details }) satisfies AccessFactForWords
  const HALL = [
    fact('step-free', 'Step-free access', true, 'Ramp at the side door'),
    fact('hearing-loop', 'Hearing loop', false),
    fact('accessible-toilet', 'Accessible toilet', true),
    fact('seating', 'Seating available', null),
    fact('parking', 'Parking', null),
    fact('bus-stop', 'Near a bus stop', false),
  ]

  it('says each feature in full as yes, no or not known, with the place’s own words', () => {
    expect(HALL.map(accessFactInWords)).toEqual([
      'Step-free access: yes. Ramp at the side door',
      'Hearing loop: no',
      'Accessible toilet: yes',
      'Seating available: not known',
      'Parking: not known',
      'Near a bus stop: no',
    ])
  })

  it('says them all in one line for a result card, in the same words, what the place has first', () => {
    expect(accessInBrief(HALL)).toBe(
      'Step-free access: yes. Accessible toilet: yes. Hearing loop: no. Near a bus stop: no. Seating available: not known. Parking: not known.',
    )
  })

  it('says "not known" plainly when nobody recorded anything, and tells a "no" from a "not known"', () => {
    expect(accessInBrief(HALL.map((f) => ({ ...f, available: null })))).toBe('Access: not known')
    expect(
      accessInBrief([fact('hearing-loop', 'Hearing loop', false), fact('parking', 'Parking', null)]),
    ).toBe('Hearing loop: no. Parking: not known.')
  })
})

describe('the warning on a listing checked long ago', () => {
  it('warns only when it was last checked 18 months or more before today', () => {
    expect(staleWarningInWords('2025-03-14', '2026-12-01', true)).toBe(
      'This was last checked over a year ago, in March 2025; call before you go.',
    )
    expect(staleWarningInWords('2025-05-31', '2026-12-01', false)).toBe(
      'This was last checked over a year ago, in May 2025; ask the organisers before you go.',
    )
    expect(staleWarningInWords('2025-06-01', '2026-12-01', true)).toBeNull()
    expect(staleWarningInWords('2025-11-30', '2026-12-01', true)).toBeNull()
    expect(staleWarningInWords('2026-11-01', '2026-12-01', true)).toBeNull()
  })
})
