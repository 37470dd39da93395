/**
 * The benchmark's table: one row per route, with its numbers and which targets it met. A
 * route that failed (the app stopped, an error answer) still has its row, saying what
 * happened.
 */
import { describeVerdicts, judge, judgeMemory, type RouteKind } from './targets'

/** One route's numbers, when it was timed. */
export interface Timing {
  rps: number
  p50Ms: number
  p99Ms: number
  /** the slowest single request */
  maxMs: number
}

export interface RouteReport {
  name: string
  kind: RouteKind
  /** missing when the route could not be timed at all */
  timing?: Timing
  /** what went wrong, in a few words ("the app stopped: out of memory") */
  failure?: string
  /** the app's peak memory while this route ran, in MB */
  peakMb?: number
}

export interface BenchReport {
  size: number
  /** requests per second of the page with no database behind it (mean of the first and last) */
  baselineRps: number | null
  routes: RouteReport[]
  /** the app's peak memory over the whole run, in MB */
  peakMb: number | null
}

export interface Row {
  cells: string[]
  /** every target that applies was met */
  met: boolean
}

const fixed = (n: number | undefined, digits = 1) =>
  n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(digits)

/** The table's rows: a header, the baseline, then each route with its verdicts. */
export function tableRows(report: BenchReport): Row[] {
  const rows: Row[] = [
    {
      cells: ['route', 'rps', 'p50 ms', 'p99 ms', 'worst ms', 'ratio', 'peak MB', 'targets met?'],
      met: true,
    },
    {
      cells: [
        'baseline (no database)',
        fixed(report.baselineRps ?? undefined, 0),
        '',
        '',
        '',
        '1.00',
        '',
        '',
      ],
      met: report.baselineRps !== null,
    },
  ]
  for (const route of report.routes) {
    const ratio =
      route.timing && report.baselineRps !== null ? route.timing.rps / report.baselineRps : undefined
    const failure =
      route.failure ??
      (ratio === undefined ? 'no baseline to compare with' : route.timing ? undefined : 'not timed')
    const verdicts = judge(
      failure !== undefined || ratio === undefined || !route.timing
        ? { name: route.name, kind: route.kind, failure: failure ?? 'not timed' }
        : { name: route.name, kind: route.kind, ratio, p99Ms: route.timing.p99Ms },
    )
    rows.push({
      cells: [
        route.name,
        fixed(route.timing?.rps, 0),
        fixed(route.timing?.p50Ms),
        fixed(route.timing?.p99Ms),
        fixed(route.timing?.maxMs, 0),
        fixed(ratio, 2),
        fixed(route.peakMb, 0),
        describeVerdicts(verdicts),
      ],
      met: verdicts.every((v) => v.met),
    })
  }
  return rows
}

/** The table as lines of text, then the memory line and a last line saying whether all was met. */
export function formatTable(report: BenchReport): { lines: string[]; allMet: boolean } {
  const rows = tableRows(report)
  const widths = (rows[0]?.cells ?? []).map((_, i) =>
    Math.max(...rows.map((row) => (row.cells[i] ?? '').length)),
  )
  const last = widths.length - 1
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 || i === last ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()
  const memory = judgeMemory(report.peakMb)
  const allMet = memory.met && rows.every((row) => row.met)
  const lines = [
    line(rows[0]?.cells ?? []),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map((row) => line(row.cells)),
    '',
    memory.says,
    allMet ? 'Every target is met.' : 'Some targets are NOT met (see above).',
  ]
  return { lines, allMet }
}
