import { AnswerCache } from '../../server/services/answerCache'

describe('the answer cache', () => {
  let version: number
  let worked: string[]
  const work = (answer: string) => () => {
    worked.push(answer)
    return answer
  }

  beforeEach(() => {
    version = 1
    worked = []
  })

  it('works an answer out once and gives it again until the data version moves', () => {
    const cache = new AnswerCache<string>(() => version, { maxEntries: 10 })
    expect(cache.remember('walks near Margate', work('3 walks'))).toBe('3 walks')
    expect(cache.remember('walks near Margate', work('never asked'))).toBe('3 walks')
    expect(worked).toEqual(['3 walks'])

    version = 2
    expect(cache.remember('walks near Margate', work('2 walks'))).toBe('2 walks')
    expect(worked).toEqual(['3 walks', '2 walks'])
  })

  it('forgets everything when the version moves, not only the answer asked for', () => {
    const cache = new AnswerCache<string>(() => version, { maxEntries: 10 })
    cache.remember('a', work('a1'))
    cache.remember('b', work('b1'))
    version = 2
    cache.remember('a', work('a2'))
    expect(cache.size).toBe(1)
    expect(cache.remember('b', work('b2'))).toBe('b2')
  })

  it('keeps at most maxEntries, letting the least recently used go', () => {
    const cache = new AnswerCache<string>(() => version, { maxEntries: 2 })
    cache.remember('a', work('a'))
    cache.remember('b', work('b'))
    cache.remember('a', work('a again')) // used, so kept
    cache.remember('c', work('c')) // b goes
    expect(cache.size).toBe(2)
    expect(cache.remember('a', work('a again'))).toBe('a')
    expect(cache.remember('b', work('b again'))).toBe('b again')
  })

  it('keeps at most maxWeight, but always the answer just worked out', () => {
    const cache = new AnswerCache<number[]>(() => version, {
      maxEntries: 10,
      maxWeight: 5,
      weigh: (points) => points.length,
    })
    cache.remember('three', () => [1, 2, 3])
    cache.remember('two', () => [1, 2])
    expect(cache.size).toBe(2)
    cache.remember('one', () => [1]) // 6 points: "three" goes
    expect(cache.size).toBe(2)
    cache.remember('nine', () => [1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(cache.size).toBe(1)
    expect(cache.remember('nine', () => [])).toHaveLength(9)
  })

  it('keeps "nothing found" (null) as an answer too', () => {
    const cache = new AnswerCache<string | null>(() => version, { maxEntries: 10 })
    cache.remember('nowhere', () => null)
    expect(cache.remember('nowhere', () => 'somewhere')).toBeNull()
  })

  it('reads the version before working, so an answer worked out during a write is not kept past it', () => {
    const cache = new AnswerCache<string>(() => version, { maxEntries: 10 })
    cache.remember('count', () => {
      version = 2 // a write lands while the answer is worked out
      return 'old count'
    })
    expect(cache.remember('count', work('new count'))).toBe('new count')
  })
})
