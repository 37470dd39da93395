import { digitsOf, neverAskedCount, neverAskedPath, type NeverAskedKind } from '../../bench/queries'

const places = {
  towns: ['Margate', 'Leeds', 'Truro', 'Inverness', 'Swansea', 'Norwich', 'Carlisle', 'Bath'],
  districts: ['CT9', 'LS1', 'TR1', 'IV2', 'SA1', 'NR2', 'CA1', 'BA1', 'B12', 'SW1A'],
}
const kinds: NeverAskedKind[] = ['text', 'text near a place', 'near a postcode district']

const parts = (path: string) => Object.fromEntries(new URL(path, 'http://localhost').searchParams)

describe('searches never asked before', () => {
  it.each(kinds)('asks a different "%s" search with every request', (kind) => {
    const paths = Array.from({ length: 5000 }, (_, n) => neverAskedPath(kind, places, n))
    expect(new Set(paths).size).toBe(5000)
    expect(neverAskedCount(kind, places)).toBeGreaterThan(5000)
    for (const path of paths.slice(0, 50)) expect(path).toMatch(/^\/search\?/)
  })

  it('changes the words, the place and the filters from one request to the next', () => {
    const near = Array.from({ length: 40 }, (_, n) => parts(neverAskedPath('text near a place', places, n)))
    expect(new Set(near.map((p) => p.q)).size).toBeGreaterThan(20)
    expect(new Set(near.map((p) => p.where)).size).toBe(places.towns.length)
    const filtered = near.filter((p) => p.day || p.access || p.free || p.home || p.category)
    expect(filtered.length).toBeGreaterThan(20)
    // Neighbouring requests differ in the place too, not only the words.
    expect(near.filter((p, i) => i > 0 && p.where !== near[i - 1]?.where).length).toBeGreaterThan(30)

    const districts = Array.from({ length: 40 }, (_, n) =>
      parts(neverAskedPath('near a postcode district', places, n)),
    )
    expect(new Set(districts.map((p) => p.where)).size).toBe(places.districts.length)
    for (const p of districts) expect(Object.keys(p).length).toBeGreaterThanOrEqual(3)
  })

  it('gives the same search for the same number, so two runs ask the same things', () => {
    expect(neverAskedPath('text', places, 1234)).toBe(neverAskedPath('text', places, 1234))
    expect(neverAskedPath('text', places, 1234)).not.toBe(neverAskedPath('text', places, 1235))
  })

  it('scrambles numbers one to one, so none repeats below the number of searches there are', () => {
    const sizes = [7, 5, 3]
    const seen = new Set(Array.from({ length: 105 }, (_, n) => digitsOf(n, sizes).join(',')))
    expect(seen.size).toBe(105)
  })
})
