import { formatTable, tableRows, type BenchReport } from '../../bench/report'
import { judge, TARGETS } from '../../bench/targets'

const timing = (rps: number, p99Ms: number) => ({ rps, p50Ms: p99Ms / 3, p99Ms, maxMs: p99Ms * 2 })

const report = (routes: BenchReport['routes'], peakMb: number | null = 250): BenchReport => ({
  size: 1_000_000,
  baselineRps: 1000,
  routes,
  peakMb,
})

/** The targets column of each route's row, by the route's name. */
const verdicts = (r: BenchReport) =>
  Object.fromEntries(
    tableRows(r)
      .slice(2)
      .map((row) => [row.cells[0], row.cells.at(-1)]),
  )

describe("the benchmark's targets", () => {
  it('judges a repeated search by half the baseline and a p99 of 50 ms, and prints both', () => {
    const table = verdicts(
      report([
        { name: 'quick search', kind: 'search', timing: timing(600, 40) },
        { name: 'slow search', kind: 'search', timing: timing(600, 82) },
        { name: 'busy search', kind: 'search', timing: timing(110, 20) },
      ]),
    )
    expect(table['quick search']).toBe('yes: >= 0.5x baseline, p99 <= 50 ms')
    expect(table['slow search']).toBe('NO: p99 <= 50 ms (p99 82.0 ms > 50); yes: >= 0.5x baseline')
    expect(table['busy search']).toBe('NO: >= 0.5x baseline (0.11x < 0.5); yes: p99 <= 50 ms')
  })

  it('lets a search never asked before run at a tenth of the baseline with a p99 of 100 ms', () => {
    const table = verdicts(
      report([
        { name: 'never asked, fine', kind: 'never-asked search', timing: timing(120, 95) },
        { name: 'never asked, slow', kind: 'never-asked search', timing: timing(99.6, 120) },
      ]),
    )
    expect(table['never asked, fine']).toBe('yes: >= 0.1x baseline, p99 <= 100 ms')
    expect(table['never asked, slow']).toBe(
      'NO: >= 0.1x baseline (0.09x < 0.1), p99 <= 100 ms (p99 120.0 ms > 100)',
    )
  })

  it('holds markers to a p99 of 30 ms and pages to half the baseline only', () => {
    const table = verdicts(
      report([
        { name: 'markers', kind: 'markers', timing: timing(900, 31) },
        { name: 'hub page', kind: 'page', timing: timing(500, 400) },
      ]),
    )
    expect(table['markers']).toBe('NO: p99 <= 30 ms (p99 31.0 ms > 30); yes: >= 0.5x baseline')
    expect(table['hub page']).toBe('yes: >= 0.5x baseline')
  })

  it('says in the table that the app stopped, and that the route met none of its targets', () => {
    const r = report([
      { name: 'people /people', kind: 'page', failure: 'the app stopped: out of memory', peakMb: 299 },
      { name: 'text search', kind: 'search', timing: timing(600, 40) },
    ])
    const rows = tableRows(r)
    const people = rows.find((row) => row.cells[0] === 'people /people')
    expect(people?.met).toBe(false)
    expect(people?.cells).toEqual([
      'people /people',
      '-',
      '-',
      '-',
      '-',
      '-',
      '299',
      'NO: >= 0.5x baseline (the app stopped: out of memory)',
    ])
    const { lines, allMet } = formatTable(r)
    expect(allMet).toBe(false)
    expect(lines.join('\n')).toContain('the app stopped: out of memory')
    expect(lines.at(-1)).toBe('Some targets are NOT met (see above).')
  })

  it('says the memory target in the table, met or not, and counts it in the verdict', () => {
    const fast = [{ name: 'hub page', kind: 'page' as const, timing: timing(900, 10) }]
    expect(formatTable(report(fast, 250)).allMet).toBe(true)
    expect(formatTable(report(fast, 250)).lines).toContain('peak memory: 250.0 MB (target <= 300 MB): met')
    expect(formatTable(report(fast, 340)).allMet).toBe(false)
    expect(formatTable(report(fast, 340)).lines).toContain(
      'peak memory: 340.0 MB (target <= 300 MB): NOT met',
    )
    expect(formatTable(report(fast, null)).allMet).toBe(false)
  })

  it('applies at least one target to every kind of route', () => {
    for (const kind of ['search', 'never-asked search', 'markers', 'page'] as const) {
      expect(TARGETS.some((target) => target.kinds.includes(kind))).toBe(true)
      expect(judge({ name: kind, kind, ratio: 1, p99Ms: 1 }).every((v) => v.met)).toBe(true)
    }
  })
})
