/**
 * The gaps report's arithmetic (issue 12), with no database: medians across hubs from how many
 * hubs have each count, and the comparison of one hub with the others under the privacy
 * threshold for people's counts (DESIGN.md, privacy rule 3).
 */

/** How many hubs have each count of one term, counts above 0 only (the rest have none). */
export type CountSpread = ReadonlyMap<number, number>

/**
 * A count as a reader may see it: the number, or, for people below the threshold, only that it
 * is below (a few and none read the same, so nobody can learn that someone exists).
 */
export type ShownCount = { shown: true; count: number } | { shown: false; below: number }

/**
 * How a hub's count compares with the median of the other hubs:
 * - 'none-here': it has none and the median is 1 or more (a gap)
 * - 'fewer', 'same', 'more': both counts shown
 * - 'both-few': people's median is below the threshold, and so is the hub's count (or it is
 *   not shown), so no closer comparison is made
 * - 'no-others': there is no other hub to compare with
 */
export type Comparison = 'none-here' | 'fewer' | 'same' | 'more' | 'both-few' | 'no-others'

export interface GapLine {
  code: string
  name: string
  /** this hub's count */
  here: ShownCount
  /** the median of every other hub's count (whole numbers, halves rounded up); null with no other hub */
  median: ShownCount | null
  comparison: Comparison
}

/**
 * The median of the other hubs' counts of one term: every hub's counts (`spread`, with
 * `totalHubs` hubs in all, those without a count having none) less this hub's own. Of an even
 * number of hubs it is the mean of the middle two, rounded to a whole number (halves up), so
 * that it reads as a number of groups or people. Null when there is no other hub.
 */
export function medianOfOthers(spread: CountSpread, totalHubs: number, ownCount: number): number | null {
  const others = totalHubs - 1
  if (others <= 0) return null
  const buckets = new Map<number, number>()
  let counted = 0
  for (const [value, hubs] of spread) {
    if (value > 0 && hubs > 0) {
      buckets.set(value, hubs)
      counted += hubs
    }
  }
  buckets.set(0, Math.max(0, totalHubs - counted))
  // This hub's own count is not compared with itself.
  const own = buckets.get(ownCount) ?? 0
  if (own > 0) buckets.set(ownCount, own - 1)
  const sorted = [...buckets.entries()].filter(([, hubs]) => hubs > 0).sort(([a], [b]) => a - b)
  const at = (index: number): number => {
    let seen = 0
    for (const [value, hubs] of sorted) {
      seen += hubs
      if (index < seen) return value
    }
    return sorted.at(-1)?.[0] ?? 0
  }
  const lower = at(Math.floor((others - 1) / 2))
  const upper = at(Math.floor(others / 2))
  return Math.round((lower + upper) / 2)
}

/** A people count under the threshold: shown when it reaches it, else only "fewer than". */
export function thresholded(count: number, minCount: number): ShownCount {
  return count >= minCount ? { shown: true, count } : { shown: false, below: minCount }
}

/**
 * One line of the report. Services are public, so their counts are always shown. People's
 * medians come from other hubs, so they are shown only where they reach the threshold (a
 * median may be one other hub's own count); the hub's own people counts are exact for its
 * coordinators (`exactHere`), and under the threshold for anyone else.
 */
export function gapLine(input: {
  code: string
  name: string
  here: number
  median: number | null
  people: { minCount: number; exactHere: boolean } | null
}): GapLine {
  const { here, median, people } = input
  const shownHere: ShownCount =
    people && !people.exactHere ? thresholded(here, people.minCount) : { shown: true, count: here }
  const shownMedian: ShownCount | null =
    median === null ? null : people ? thresholded(median, people.minCount) : { shown: true, count: median }
  return {
    code: input.code,
    name: input.name,
    here: shownHere,
    median: shownMedian,
    comparison: compare(shownHere, shownMedian),
  }
}

function compare(here: ShownCount, median: ShownCount | null): Comparison {
  if (median === null) return 'no-others'
  if (!median.shown) {
    // Only what the threshold lets through: a count at or over it is more than one below it.
    return here.shown && here.count >= median.below ? 'more' : 'both-few'
  }
  if (!here.shown) return 'fewer'
  if (here.count === 0 && median.count >= 1) return 'none-here'
  if (here.count < median.count) return 'fewer'
  if (here.count > median.count) return 'more'
  return 'same'
}

/**
 * The biggest gaps: lines where the hub has none and the other hubs' median is 1 or more,
 * biggest median first (then in the list's order), at most `most`.
 */
export function biggestGaps(lines: readonly GapLine[], most: number): GapLine[] {
  return lines
    .map((line, index) => ({ line, index }))
    .filter(({ line }) => line.comparison === 'none-here')
    .sort((a, b) => medianCount(b.line) - medianCount(a.line) || a.index - b.index)
    .slice(0, most)
    .map(({ line }) => line)
}

const medianCount = (line: GapLine): number => (line.median?.shown ? line.median.count : 0)
