/**
 * The gaps report's arithmetic (issue 12): the median of the other hubs, zeros counted; the
 * comparison of a hub with them; and people's counts under the privacy threshold, so that a
 * median that is one other hub's small count is never shown.
 */
import { biggestGaps, gapLine, medianOfOthers, thresholded } from '../../../server/services/coordinate/gaps'

const spread = (entries: [number, number][]) => new Map(entries)

describe('the median of the other hubs', () => {
  it('counts the hubs with none as zeros: most of 5 hubs have none when only 2 have some', () => {
    // 6 hubs in all: this one has 0; of the other 5, two have 3 and three have none.
    expect(medianOfOthers(spread([[3, 2]]), 6, 0)).toBe(0)
  })

  it('leaves this hub out: Thanet with none, and three other hubs with 3, 3 and 4, make 3', () => {
    expect(
      medianOfOthers(
        spread([
          [3, 2],
          [4, 1],
        ]),
        4,
        0,
      ),
    ).toBe(3)
  })

  it('leaves this hub’s own count out when it has some', () => {
    // Hubs: 10 (this one), 1, 1, 2. The others' median is 1; with this hub it would be 2.
    expect(
      medianOfOthers(
        spread([
          [10, 1],
          [1, 2],
          [2, 1],
        ]),
        4,
        10,
      ),
    ).toBe(1)
    // Hubs: 5 (this one), 1, 2. The others are 1 and 2: the mean of the middle two, halves up.
    expect(
      medianOfOthers(
        spread([
          [5, 1],
          [1, 1],
          [2, 1],
        ]),
        3,
        5,
      ),
    ).toBe(2)
  })

  it('takes the mean of the middle two of an even number of hubs, rounded to a whole number', () => {
    // Others: 1, 2, 4, 9 -> (2 + 4) / 2 = 3
    expect(
      medianOfOthers(
        spread([
          [1, 1],
          [2, 1],
          [4, 1],
          [9, 1],
        ]),
        5,
        0,
      ),
    ).toBe(3)
    // Others: 1, 4 -> 2.5, rounded up to 3
    expect(
      medianOfOthers(
        spread([
          [1, 1],
          [4, 1],
        ]),
        3,
        0,
      ),
    ).toBe(3)
  })

  it('has none to give when there is no other hub', () => {
    expect(medianOfOthers(spread([[4, 1]]), 1, 4)).toBeNull()
  })

  it('finds the middle of 10,000 hubs spread over many counts', () => {
    const many = spread(Array.from({ length: 200 }, (_, i) => [i + 1, 50] as [number, number]))
    // 10,000 hubs with 1 to 200 (50 each); this one has 7. Of the 9,999 others, 349 have 1 to
    // 7 and 50 each have the rest, so the middle one (the 5,000th) has 101.
    expect(medianOfOthers(many, 10_000, 7)).toBe(101)
  })
})

describe('a line of the report', () => {
  it('marks a gap: none here, and the other hubs’ median is 1 or more', () => {
    const line = gapLine({ code: 'money-advice', name: 'Money advice', here: 0, median: 3, people: null })
    expect(line).toEqual({
      code: 'money-advice',
      name: 'Money advice',
      here: { shown: true, count: 0 },
      median: { shown: true, count: 3 },
      comparison: 'none-here',
    })
  })

  it('is no gap when the other hubs mostly have none either', () => {
    expect(gapLine({ code: 'c', name: 'C', here: 0, median: 0, people: null }).comparison).toBe('same')
  })

  it('says fewer, the same or more against the median', () => {
    const compared = (here: number, median: number) =>
      gapLine({ code: 'c', name: 'C', here, median, people: null }).comparison
    expect([compared(1, 3), compared(3, 3), compared(4, 3)]).toEqual(['fewer', 'same', 'more'])
  })

  it('says there is nobody to compare with when it is the only hub', () => {
    const line = gapLine({ code: 'c', name: 'C', here: 2, median: null, people: null })
    expect(line.median).toBeNull()
    expect(line.comparison).toBe('no-others')
  })

  describe('people’s counts under the privacy threshold (5)', () => {
    const people = { minCount: 5, exactHere: true }

    it('shows the hub’s coordinators its own exact counts, small ones too', () => {
      expect(gapLine({ code: 's', name: 'S', here: 2, median: 7, people }).here).toEqual({
        shown: true,
        count: 2,
      })
    })

    it('never shows a median below the threshold, and a median of none reads the same as a few', () => {
      const few = gapLine({ code: 's', name: 'S', here: 0, median: 2, people })
      const none = gapLine({ code: 's', name: 'S', here: 0, median: 0, people })
      expect(few.median).toEqual({ shown: false, below: 5 })
      expect(none.median).toEqual(few.median)
      expect(few.comparison).toBe('both-few')
      expect(none.comparison).toBe(few.comparison)
    })

    it('gives no closer comparison with a hidden median than the threshold allows', () => {
      // Here 3 against a hidden median of 1 or of 4: both read "both fewer than 5".
      const against = (median: number) =>
        gapLine({ code: 's', name: 'S', here: 3, median, people }).comparison
      expect(against(1)).toBe('both-few')
      expect(against(4)).toBe('both-few')
      // Here 6 is more than any hidden median.
      expect(gapLine({ code: 's', name: 'S', here: 6, median: 4, people }).comparison).toBe('more')
    })

    it('shows a median that reaches the threshold, and a gap against it', () => {
      const line = gapLine({ code: 's', name: 'S', here: 0, median: 5, people })
      expect(line.median).toEqual({ shown: true, count: 5 })
      expect(line.comparison).toBe('none-here')
    })

    it('puts the hub’s own counts under the threshold too for anyone not its coordinator', () => {
      const line = gapLine({
        code: 's',
        name: 'S',
        here: 2,
        median: 8,
        people: { minCount: 5, exactHere: false },
      })
      expect(line.here).toEqual({ shown: false, below: 5 })
      expect(line.comparison).toBe('fewer')
      expect(
        gapLine({ code: 's', name: 'S', here: 0, median: 8, people: { minCount: 5, exactHere: false } }),
      ).toEqual(line)
    })

    it('thresholds a count at the line itself: 5 is shown, 4 is not', () => {
      expect(thresholded(5, 5)).toEqual({ shown: true, count: 5 })
      expect(thresholded(4, 5)).toEqual({ shown: false, below: 5 })
    })
  })
})

describe('the biggest gaps', () => {
  const line = (code: string, here: number, median: number) =>
    gapLine({ code, name: code, here, median, people: null })

  it('are the lines with none here against a median of 1 or more, biggest median first, at most as many as asked', () => {
    const lines = [
      line('a', 0, 1),
      line('b', 0, 3),
      line('c', 2, 3),
      line('d', 0, 0),
      line('e', 0, 3),
      line('f', 0, 2),
    ]
    expect(biggestGaps(lines, 3).map((gap) => gap.code)).toEqual(['b', 'e', 'f'])
    expect(biggestGaps(lines, 10).map((gap) => gap.code)).toEqual(['b', 'e', 'f', 'a'])
  })

  it('are none when the hub has something of everything most hubs have', () => {
    expect(biggestGaps([line('a', 1, 1), line('b', 0, 0)], 3)).toEqual([])
  })
})
