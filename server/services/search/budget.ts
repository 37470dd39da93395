/**
 * A search's work budget: how long it may take and how many rows it may read. better-sqlite3
 * runs on the event loop, so one long search would hold up every other visitor (and /health);
 * a search that would go past its budget stops itself, and the page says "Try fewer words or
 * a smaller area". Each statement a search runs is bounded on its own (LIMITs, or rows read
 * one at a time); the budget is checked between them and while rows are read.
 */

/** Thrown when a search has used its budget: the route shows the "Try fewer words" page. */
export class SearchTooBig extends Error {
  constructor() {
    super('The search needed more work than its budget allows')
    this.name = 'SearchTooBig'
  }
}

export interface WorkLimits {
  /** elapsed milliseconds, from the start of the search */
  ms: number
  /** rows read one at a time (places near a point, and the like) */
  rows: number
}

/** Enough for any search a person means, short of holding up everyone else (issue 8: 1 second at most). */
export const DEFAULT_WORK_LIMITS: WorkLimits = { ms: 700, rows: 400_000 }

export class WorkBudget {
  private rows = 0
  private readonly startedAt: number

  constructor(
    private readonly limits: WorkLimits,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.startedAt = now()
  }

  /** Counts rows read (every 1,000th also looks at the clock); throws SearchTooBig past the budget. */
  spend(rows = 0): void {
    const before = this.rows
    this.rows += rows
    if (this.rows > this.limits.rows) throw new SearchTooBig()
    if (rows === 0 || Math.floor(before / 1000) !== Math.floor(this.rows / 1000)) this.checkClock()
  }

  private checkClock(): void {
    if (this.now() - this.startedAt > this.limits.ms) throw new SearchTooBig()
  }
}
