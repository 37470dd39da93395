import { inputValue, MIXED_KINDS, type KindResult, type MixedKind } from '../../bench/mixed'
import { formatMixedTable, judgeMixed, type MixedReport } from '../../bench/report'

const aKind = (kind: MixedKind, over: Partial<KindResult> = {}): KindResult => ({
  kind,
  requests: 100,
  p50Ms: 10,
  p95Ms: 30,
  p99Ms: 45,
  maxMs: 80,
  non2xx3xx: 0,
  serverErrors: 0,
  errors: 0,
  examples: [],
  ...over,
})

const aMixedLoad = (over: Partial<KindResult> & { kind?: MixedKind } = {}): MixedReport => ({
  connections: 50,
  seconds: 20,
  peakMb: 210,
  kinds: MIXED_KINDS.map((kind) => (kind === over.kind ? aKind(kind, over) : aKind(kind))),
})

describe('the mixed load in the benchmark', () => {
  it("prints each kind's requests, rate, p50, p95 and p99 and says the target is met with no errors", () => {
    const { lines, met } = formatMixedTable(aMixedLoad({ kind: 'sign-in', p99Ms: 123.45 }))
    expect(met).toBe(true)
    expect(lines[0]).toMatch(
      /^kind\s+requests\s+rps\s+p50 ms\s+p95 ms\s+p99 ms\s+worst ms\s+not 2xx\/3xx\s+5xx\s+errors$/,
    )
    const signIn = lines.find((line) => line.startsWith('sign-in'))
    expect(signIn?.split(/\s+/)).toEqual([
      'sign-in',
      '100',
      '5',
      '10.0',
      '30.0',
      '123.5',
      '80',
      '0',
      '0',
      '0',
    ])
    expect(lines.find((line) => line.startsWith('all'))?.split(/\s+/)).toEqual([
      'all',
      '800',
      '40',
      '0',
      '0',
      '0',
    ])
    expect(lines.at(-1)).toBe(
      'mixed load: 0 errors, 0 5xx, 0 other answers not 2xx or 3xx (target 0 errors and 0 5xx): met',
    )
  })

  it('is not met with a single 5xx, and says what went wrong', () => {
    const { lines, met } = formatMixedTable(
      aMixedLoad({ kind: 'search', non2xx3xx: 1, serverErrors: 1, examples: ['503 for /search?q=lunch'] }),
    )
    expect(met).toBe(false)
    expect(lines).toContain('  search: 503 for /search?q=lunch')
    expect(lines.at(-1)).toBe(
      'mixed load: 0 errors, 1 5xx, 0 other answers not 2xx or 3xx (target 0 errors and 0 5xx): NOT met',
    )
  })

  it('counts a refused form (a 403 or a 429) and a request with no answer against the target too', () => {
    expect(judgeMixed(aMixedLoad({ kind: 'introduction', non2xx3xx: 2 })).met).toBe(false)
    expect(judgeMixed(aMixedLoad({ kind: 'suggestion', errors: 1 })).met).toBe(false)
  })

  it('is not met when a kind was never asked, or the app stopped', () => {
    expect(judgeMixed(aMixedLoad({ kind: 'confirmation page', requests: 0 })).says).toMatch(
      /NOT met \(nothing asked of: confirmation page\)$/,
    )
    expect(judgeMixed({ ...aMixedLoad(), failure: 'the app stopped: out of memory' }).says).toMatch(
      /NOT met \(the app stopped: out of memory\)$/,
    )
  })

  it("reads a form's token and a field's value as the page escaped them", () => {
    const page =
      '<form><input type="hidden" name="_csrf" value="abc-123"><input class="govuk-input" id="name" name="name" type="text" value="Tea &amp; chat at St Mary&#x27;s &#x3D; &quot;free&quot;"></form>'
    expect(inputValue(page, '_csrf')).toBe('abc-123')
    expect(inputValue(page, 'name')).toBe('Tea & chat at St Mary\'s = "free"')
    expect(inputValue(page, 'note')).toBeUndefined()
  })
})
