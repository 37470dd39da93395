/**
 * A small seeded random source, so the benchmark's data is the same on every run and numbers
 * from two runs can be compared. mulberry32: https://gist.github.com/tommyettinger/46a874533244883189143505d203312c
 */
export class Random {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** A whole number in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) throw new Error('pick() from an empty list')
    return item
  }

  /** Picks from [value, weight] pairs. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0)
    let r = this.next() * total
    for (const [value, weight] of choices) {
      r -= weight
      if (r < 0) return value
    }
    const last = choices[choices.length - 1]
    if (!last) throw new Error('weighted() from an empty list')
    return last[0]
  }
}

/** Picks indexes in proportion to their weights in O(log n), for lists picked from many times. */
export class WeightedIndex {
  private readonly cumulative: Float64Array
  private readonly total: number

  constructor(weights: readonly number[]) {
    this.cumulative = new Float64Array(weights.length)
    let sum = 0
    weights.forEach((weight, i) => {
      sum += weight
      this.cumulative[i] = sum
    })
    this.total = sum
  }

  pick(random: Random): number {
    const r = random.next() * this.total
    let low = 0
    let high = this.cumulative.length - 1
    while (low < high) {
      const middle = (low + high) >>> 1
      if ((this.cumulative[middle] ?? 0) > r) high = middle
      else low = middle + 1
    }
    return low
  }
}
