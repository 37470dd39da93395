/**
 * The benchmark's targets (issue 8), in one place, and the verdicts the table prints. Each
 * rule names the kinds of route it applies to; every rule that applies to a route is judged
 * and printed, met or not.
 */

/** What a route asks for, which decides its targets. */
export type RouteKind = 'search' | 'never-asked search' | 'markers' | 'page'

export interface Target {
  /** what the table prints, such as "p99 <= 50 ms" */
  says: string
  kinds: readonly RouteKind[]
  measure: 'ratio' | 'p99Ms'
  atLeast?: number
  atMost?: number
}

/** Targets at 1,000,000 services, as ratios to the baseline in the same run. */
export const TARGETS: readonly Target[] = [
  { says: '>= 0.5x baseline', kinds: ['search', 'markers', 'page'], measure: 'ratio', atLeast: 0.5 },
  { says: '>= 0.1x baseline', kinds: ['never-asked search'], measure: 'ratio', atLeast: 0.1 },
  { says: 'p99 <= 50 ms', kinds: ['search'], measure: 'p99Ms', atMost: 50 },
  { says: 'p99 <= 100 ms', kinds: ['never-asked search'], measure: 'p99Ms', atMost: 100 },
  { says: 'p99 <= 30 ms', kinds: ['markers'], measure: 'p99Ms', atMost: 30 },
]

/**
 * The gaps report of one hub (issue 12), made with its page and CSV, at 1,000,000 services and
 * 10,000 hubs: at most this long, even just after a write (bench/gaps.ts).
 */
export const GAPS_TARGET_MS = 200

/** Peak memory (RSS) of the app, with npm start's settings. */
export const MEMORY_TARGET_MB = 300

/** A route as timed, or as it failed. */
export type RouteOutcome =
  | { name: string; kind: RouteKind; ratio: number; p99Ms: number }
  | { name: string; kind: RouteKind; failure: string }

export interface Verdict {
  target: Target
  met: boolean
  /** "ratio 0.12 < 0.5" when not met; empty when met */
  why: string
}

/** Every target that applies to a route, met or not. A route that failed meets none. */
export function judge(route: RouteOutcome): Verdict[] {
  return TARGETS.filter((target) => target.kinds.includes(route.kind)).map((target) => {
    if ('failure' in route) return { target, met: false, why: route.failure }
    const value = route[target.measure]
    // Rounded down, so a ratio just under its target never prints as the target itself.
    const label =
      target.measure === 'ratio'
        ? `${(Math.floor(value * 100) / 100).toFixed(2)}x`
        : `p99 ${value.toFixed(1)} ms`
    if (target.atLeast !== undefined && value < target.atLeast)
      return { target, met: false, why: `${label} < ${target.atLeast}` }
    if (target.atMost !== undefined && value > target.atMost)
      return { target, met: false, why: `${label} > ${target.atMost}` }
    return { target, met: true, why: '' }
  })
}

/** "yes: >= 0.5x baseline, p99 <= 50 ms" or "NO: p99 <= 50 ms (p99 82.0 ms > 50); yes: >= 0.5x baseline". */
export function describeVerdicts(verdicts: readonly Verdict[]): string {
  const missed = verdicts.filter((v) => !v.met)
  const met = verdicts.filter((v) => v.met)
  const parts: string[] = []
  if (missed.length > 0) {
    // A failure is the same for every target: say it once.
    const reasons = new Set(missed.map((v) => v.why))
    parts.push(
      reasons.size === 1 && missed.length > 1 && !/[<>]/.test(missed[0]?.why ?? '')
        ? `NO: ${missed.map((v) => v.target.says).join(', ')} (${missed[0]?.why})`
        : `NO: ${missed.map((v) => `${v.target.says} (${v.why})`).join(', ')}`,
    )
  }
  if (met.length > 0) parts.push(`yes: ${met.map((v) => v.target.says).join(', ')}`)
  return parts.join('; ')
}

/** Whether the peak memory meets its target, as the table says it. */
export function judgeMemory(peakMb: number | null): { met: boolean; says: string } {
  if (peakMb === null)
    return { met: false, says: `peak memory: not measured (target <= ${MEMORY_TARGET_MB} MB): NOT met` }
  const met = peakMb <= MEMORY_TARGET_MB
  return {
    met,
    says: `peak memory: ${peakMb.toFixed(1)} MB (target <= ${MEMORY_TARGET_MB} MB): ${met ? 'met' : 'NOT met'}`,
  }
}

/** The import (issue 12): this many rows, imported in at most this long (checked and written). */
export const IMPORT_ROWS = 100_000
export const IMPORT_TARGET_S = 10

/** Whether the import's time meets its target, as the table says it. */
export function judgeImport(importS: number | null): { met: boolean; says: string } {
  const rows = IMPORT_ROWS.toLocaleString('en-GB')
  if (importS === null)
    return {
      met: false,
      says: `import of ${rows} rows: not measured (target < ${IMPORT_TARGET_S} s): NOT met`,
    }
  const met = importS < IMPORT_TARGET_S
  return {
    met,
    says: `import of ${rows} rows: ${importS.toFixed(2)} s (target < ${IMPORT_TARGET_S} s): ${met ? 'met' : 'NOT met'}`,
  }
}

/** The mixed load (issue 13): this many connections, reads and writes together, with 0 errors and 0 5xx. */
export const MIXED_CONNECTIONS = 50
/** seconds, unless --mixed-duration says otherwise */
export const MIXED_SECONDS = 60
/** accounts made for its sign-ins */
export const MIXED_ACCOUNTS = 50
