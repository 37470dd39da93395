/**
 * Which timetables a suggestion may offer as Days, Starts at and Ends at: only one simple
 * weekly pattern. Anything more would be flattened, so it is asked about in words.
 */
import { weeklyPatternOf } from '../../../server/services/suggestions/timetable'
import { aTime } from '../../builders'

describe('a timetable’s one weekly pattern', () => {
  it('is the days and hours of a group that meets at the same times each week, at its place', () => {
    expect(weeklyPatternOf([aTime({ placeId: 7 }), aTime({ byday: 'TH', placeId: 7 })])).toEqual({
      days: ['TU', 'TH'],
      opensAt: '10:00',
      closesAt: '12:00',
      placeId: 7,
    })
  })

  it('is no days for a group with no times yet, so a resident can say when it meets', () => {
    expect(weeklyPatternOf([])).toEqual({ days: [], opensAt: null, closesAt: null, placeId: null })
  })

  it.each([
    ['meets monthly', [aTime({ freq: 'MONTHLY', weekOfMonth: 1 })]],
    ['meets every other week', [aTime({ interval: 2 })]],
    ['meets twice a day', [aTime(), aTime({ opensAt: '14:00', closesAt: '16:00' })]],
    ['keeps different hours on different days', [aTime(), aTime({ byday: 'TH', closesAt: '13:00' })]],
    [
      'meets at different places on different days',
      [aTime({ placeId: 1 }), aTime({ byday: 'TH', placeId: 2 })],
    ],
    ['has words about a time', [aTime({ description: 'in term time only' })]],
  ])('is none for a group that %s', (_, times) => {
    expect(weeklyPatternOf(times)).toBeNull()
  })
})
