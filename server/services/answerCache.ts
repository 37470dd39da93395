/**
 * The one cache for answers worked out from the database (search, the map, hub pages): a
 * least-recently-used memory, bounded by how many answers it holds (and, when asked, by
 * their total weight), that empties itself whenever the data version moves. The version
 * lives in the database (migrations/0005_data_version.sql), so a write from any process or
 * connection empties every cache that depends on it, and no write has to remember to.
 */

/** The current data version: read on every use, so it must be cheap (one primary-key lookup). */
export type DataVersionSource = () => number

export interface AnswerCacheOptions<V> {
  /** keep at most this many answers */
  maxEntries: number
  /**
   * and at most this much of them all together, each weighing weigh(answer) (the map's
   * indexes weigh their points). The answer just kept is always kept, however heavy.
   */
  maxWeight?: number
  weigh?: (value: V) => number
}

export class AnswerCache<V> {
  // A Map keeps its keys in the order they were set: the first is the least recently used.
  private readonly entries = new Map<string, { value: V; weight: number }>()
  private totalWeight = 0
  private version: number | undefined

  constructor(
    private readonly dataVersion: DataVersionSource,
    private readonly options: AnswerCacheOptions<V>,
  ) {}

  /**
   * The answer kept under `key`, or else what `work` gives, kept for next time. The version is
   * read before `work` runs, so an answer is never kept under a version newer than its data.
   */
  remember(key: string, work: () => V): V {
    const version = this.dataVersion()
    if (version !== this.version) {
      this.clear()
      this.version = version
    }
    const entry = this.entries.get(key)
    if (entry !== undefined) {
      // most recently used last
      this.entries.delete(key)
      this.entries.set(key, entry)
      return entry.value
    }
    const value = work()
    this.keep(key, value)
    return value
  }

  /** Forgets every answer. */
  clear(): void {
    this.entries.clear()
    this.totalWeight = 0
  }

  /** How many answers are kept. */
  get size(): number {
    return this.entries.size
  }

  private forget(key: string): void {
    const entry = this.entries.get(key)
    if (entry === undefined) return
    this.entries.delete(key)
    this.totalWeight -= entry.weight
  }

  /** Keeps an answer, letting the least recently used go until it is within bounds again. */
  private keep(key: string, value: V): void {
    this.forget(key)
    const weight = this.options.weigh ? this.options.weigh(value) : 0
    this.entries.set(key, { value, weight })
    this.totalWeight += weight
    const maxWeight = this.options.maxWeight ?? Infinity
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.options.maxEntries && this.totalWeight <= maxWeight) break
      if (oldest !== key) this.forget(oldest)
    }
  }
}
