import {
  costInWords,
  distanceInWords,
  lastCheckedInWords,
  listInWords,
  scheduleInWords,
  schedulesInWords,
  timeInWords,
  type ScheduleForWords,
} from '../../server/services/listingWords'
import { aTime } from '../builders'

const weekly = (overrides: Partial<ScheduleForWords> = {}): ScheduleForWords => aTime(overrides)

describe('listing words', () => {
  it.each([
    ['10:00', '10am'],
    ['12:00', '12 noon'],
    ['14:30', '2:30pm'],
    ['00:00', '12 midnight'],
    ['09:05', '9:05am'],
  ])('says the time %s as "%s"', (time, words) => {
    expect(timeInWords(time)).toBe(words)
  })

  it('says a weekly group meets "Every Tuesday, 10am to 12 noon" on its own page', () => {
    expect(scheduleInWords(weekly())).toBe('Every Tuesday, 10am to 12 noon')
  })

  it('says the same group meets "Tuesdays, 10am to 12 noon" in a list of results', () => {
    expect(scheduleInWords(weekly(), 'plural')).toBe('Tuesdays, 10am to 12 noon')
  })

  it('says a monthly group meets on "the first Tuesday of the month"', () => {
    const monthly = weekly({ freq: 'MONTHLY', weekOfMonth: 1, opensAt: '14:00', closesAt: '16:00' })
    expect(scheduleInWords(monthly)).toBe('The first Tuesday of the month, 2pm to 4pm')
    expect(scheduleInWords({ ...monthly, weekOfMonth: -1 }, 'plural')).toBe(
      'Last Tuesday of the month, 2pm to 4pm',
    )
  })

  it('says fortnightly groups meet "every other" day and keeps extra words', () => {
    expect(scheduleInWords(weekly({ interval: 2, byday: 'FR', description: 'not in August' }))).toBe(
      'Every other Friday, 10am to 12 noon (not in August)',
    )
  })

  it('puts several times in week order', () => {
    const words = schedulesInWords(
      [weekly({ byday: 'TH' }), weekly({ byday: 'MO', opensAt: '13:00', closesAt: null })],
      'plural',
    )
    expect(words).toEqual(['Mondays, from 1pm', 'Thursdays, 10am to 12 noon'])
  })

  it.each([
    [{ isFree: true, costAmountPence: null, costOption: null, costDescription: null }, 'Free'],
    [{ isFree: false, costAmountPence: 200, costOption: 'session', costDescription: null }, '£2 a session'],
    [{ isFree: false, costAmountPence: 50, costOption: 'cup', costDescription: null }, '50p a cup'],
    [
      { isFree: false, costAmountPence: 350, costOption: 'meal', costDescription: 'pudding included' },
      '£3.50 a meal (pudding included)',
    ],
    [
      { isFree: false, costAmountPence: null, costOption: null, costDescription: 'Pay what you can' },
      'Pay what you can',
    ],
  ])('says the cost in words', (cost, words) => {
    expect(costInWords(cost)).toBe(words)
  })

  it.each([
    [0.04, 'Less than 0.1 miles away'],
    [0.43, '0.4 miles away'],
    [1.02, '1 mile away'],
    [3.27, '3.3 miles away'],
    [12.6, '13 miles away'],
  ])('says %d miles as "%s"', (miles, words) => {
    expect(distanceInWords(miles)).toBe(words)
  })

  it('says when a listing was last checked by month', () => {
    expect(lastCheckedInWords('2026-03-14')).toBe('Last checked: March 2026')
  })

  it('joins lists the way people write them', () => {
    expect(listInWords(['step-free access'])).toBe('step-free access')
    expect(listInWords(['a', 'b', 'c'])).toBe('a, b and c')
  })
})
