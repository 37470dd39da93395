import { SearchTooBig, WorkBudget } from '../../server/services/search/budget'

describe("a search's work budget", () => {
  it('lets a search read rows up to its limit, and stops it past it', () => {
    const budget = new WorkBudget({ ms: 1_000, rows: 3 }, () => 0)
    budget.spend(3)
    expect(() => budget.spend(1)).toThrow(SearchTooBig)
  })

  it('stops a search that has run longer than its time, looking at the clock every thousand rows', () => {
    let now = 0
    const budget = new WorkBudget({ ms: 100, rows: 1_000_000 }, () => now)
    now = 500
    // Fewer than a thousand rows since the start: the clock is not looked at yet.
    expect(() => budget.spend(10)).not.toThrow()
    expect(() => budget.spend(990)).toThrow(SearchTooBig)
    // And between statements (no rows read), always.
    let later = 0
    const between = new WorkBudget({ ms: 100, rows: 10 }, () => later)
    expect(() => between.spend()).not.toThrow()
    later = 200
    expect(() => between.spend()).toThrow(SearchTooBig)
  })
})
