/**
 * The benchmark's table: one row per route, with its numbers and which targets it met. A
 * route that failed (the app stopped, an error answer) still has its row, saying what
 * happened.
 */
import type { KindResult } from './mixed'
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

/** The mixed load (issue 13): each kind of request's numbers, from bench/mixed.ts. */
export interface MixedReport {
  connections: number
  /** seconds it ran */
  seconds: number
  kinds: KindResult[]
  /** the app's peak memory during the mixed load, in MB */
  peakMb: number | null
  /** what stopped it, when something did (the app stopped, the load did not finish) */
  failure?: string
}

/** Whether the mixed load met its target: every kind asked, no errors, no answer but 2xx or 3xx. */
export function judgeMixed(report: MixedReport): { met: boolean; says: string } {
  const sum = (pick: (kind: KindResult) => number) =>
    report.kinds.reduce((total, kind) => total + pick(kind), 0)
  const errors = sum((k) => k.errors)
  const serverErrors = sum((k) => k.serverErrors)
  const otherStatus = sum((k) => k.non2xx3xx) - serverErrors
  const unasked = report.kinds.filter((k) => k.requests === 0).map((k) => k.kind)
  const met =
    !report.failure && errors === 0 && serverErrors === 0 && otherStatus === 0 && unasked.length === 0
  const problems = [
    ...(report.failure ? [report.failure] : []),
    ...(unasked.length > 0 ? [`nothing asked of: ${unasked.join(', ')}`] : []),
  ]
  return {
    met,
    says: `mixed load: ${errors} errors, ${serverErrors} 5xx, ${otherStatus} other answers not 2xx or 3xx (target 0 errors and 0 5xx): ${met ? 'met' : 'NOT met'}${problems.length > 0 ? ` (${problems.join('; ')})` : ''}`,
  }
}

/** The mixed load's table as lines of text, with the verdict and memory last. */
export function formatMixedTable(report: MixedReport): { lines: string[]; met: boolean } {
  const header = [
    'kind',
    'requests',
    'rps',
    'p50 ms',
    'p95 ms',
    'p99 ms',
    'worst ms',
    'not 2xx/3xx',
    '5xx',
    'errors',
  ]
  const seconds = report.seconds > 0 ? report.seconds : Number.NaN
  const rows = report.kinds.map((k) => [
    k.kind,
    String(k.requests),
    fixed(k.requests / seconds, 0),
    fixed(k.p50Ms),
    fixed(k.p95Ms),
    fixed(k.p99Ms),
    fixed(k.maxMs, 0),
    String(k.non2xx3xx),
    String(k.serverErrors),
    String(k.errors),
  ])
  const total = report.kinds.reduce((sum, k) => sum + k.requests, 0)
  const sum = (pick: (kind: KindResult) => number) => String(report.kinds.reduce((n, k) => n + pick(k), 0))
  rows.push([
    'all',
    String(total),
    fixed(total / seconds, 0),
    '',
    '',
    '',
    '',
    sum((k) => k.non2xx3xx),
    sum((k) => k.serverErrors),
    sum((k) => k.errors),
  ])
  const all = [header, ...rows]
  const widths = header.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)))
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()
  const verdict = judgeMixed(report)
  const examples = report.kinds.flatMap((k) => k.examples.map((example) => `  ${k.kind}: ${example}`))
  return {
    lines: [
      line(header),
      widths.map((w) => '-'.repeat(w)).join('  '),
      ...rows.map(line),
      '',
      ...(examples.length > 0 ? ['What went wrong (the first few of each kind):', ...examples] : []),
      `peak memory during the mixed load: ${fixed(report.peakMb ?? undefined)} MB`,
      verdict.says,
    ],
    met: verdict.met,
  }
}
