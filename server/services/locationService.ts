import { fix, isValid, toNormalised, toOutcode, validOutcode } from 'postcode'
import type {
  GazetteerCountry,
  GazetteerPlace,
  GazetteerRepository,
} from '../../db/repositories/gazetteerRepository'
import type { PostcodesRepository } from '../../db/repositories/postcodesRepository'
import { boxAround, milesBetween, type Point } from './geo'
import { normalisePlaceName, SimilarPlaceNames } from './placeNames'

/** placeNear looks this far for a town of at least this many people. */
const PLACE_NEAR_MILES = 15
const PLACE_NEAR_MIN_POPULATION = 1000

export type { Point }

/**
 * How exact a found point is: one postcode, a sector's centre ("CT9 2"), a district's centre
 * ("CT9", or "SW1" for all of SW1A, SW1E ...), a town's centre, or the browser's point.
 */
export type LocationPrecision = 'postcode' | 'sector' | 'district' | 'place' | 'point'

/** A place whose name is like one we could not find: "Did you mean Margate?". */
export interface PlaceSuggestion {
  /** the name to show: 'Margate' */
  name: string
  /** the value for `where` that searches for it */
  where: string
}

/** One of several places with the same name, for "Which Newport do you mean?". */
export interface PlaceOption {
  /** the gazetteer (GeoNames) id */
  id: number
  name: string
  /** "in Wales, near Cardiff" */
  hint: string
  /** the value for `where` that finds this place and no other: "Newport (in Wales, near Cardiff)" */
  where: string
  latitude: number
  longitude: number
}

export type LocationResult =
  | {
      kind: 'found'
      point: Point
      /** short words for the place: 'CT10 1AB', 'CT10', 'Margate', 'My location' */
      label: string
      precision: LocationPrecision
      /** what to put back in the Where box and in links so that the same place is found again */
      where: string
      /** set when we used something near what was asked, e.g. a district for a postcode we do not have */
      note?: string
    }
  | {
      kind: 'choose'
      input: string
      /** the shared name as the gazetteer spells it, for "Which Newport do you mean?" */
      name: string
      /** largest first */
      options: PlaceOption[]
    }
  | {
      kind: 'not-found'
      input: string
      message: string
      /** names like the one typed, closest and largest first: at most 3, often none */
      suggestions?: PlaceSuggestion[]
    }
  | { kind: 'not-imported'; input: string; message: string }
  | { kind: 'invalid'; input: string; message: string }

export const WHERE_MAX_LENGTH = 100

/** Where a person's "Use my location" point may be: Great Britain and Northern Ireland, with a margin. */
export const UK_BOUNDS = { south: 49.8, north: 60.95, west: -8.7, east: 1.8 } as const

/**
 * The rule for a name shared by several places (DESIGN.md "Places and search"):
 *
 * 1. Entries of the same name within SAME_PLACE_MILES of a larger one are the same place
 *    (GeoNames sometimes lists a town and its parish), so only the larger counts.
 * 2. If one place is left, that is the answer.
 * 3. If the largest has at least PREFER_LARGEST_FROM people and every other has fewer than
 *    OTHERS_SMALL_BELOW (or no figure: GeoNames' 0, mostly small parishes), the largest is
 *    the answer: "Preston" is the city, not the two parishes, and "St Helens" is the town
 *    in Merseyside, not the village on the Isle of Wight.
 * 4. Otherwise we ask. A village of a few thousand people is someone's home, so "Sutton"
 *    (London, and a village of 3,800 near Ely), "Ashford" (Kent and Surrey) and "Newport"
 *    (Wales, the Isle of Wight, Shropshire, ...) all ask "Which one do you mean?". Asking
 *    costs one click; a wrong guess shows groups 100 miles away.
 */
export const SAME_PLACE_MILES = 3
export const PREFER_LARGEST_FROM = 10_000
export const OTHERS_SMALL_BELOW = 2_000

/** A hint names the nearest town larger than the place, with at least this many people... */
const HINT_TOWN_FROM = 10_000
/** ...within this distance; otherwise the hint gives only the country. */
const HINT_SEARCH_MILES = 60
/** beyond this, a bigger city pulls no harder: London should not be "near" everything */
const HINT_POPULATION_CAP = 150_000

const OPTIONS_CACHE_SIZE = 1_000

const COUNTRY_NAMES: Record<GazetteerCountry, string> = {
  ENG: 'England',
  WLS: 'Wales',
  SCT: 'Scotland',
  NIR: 'Northern Ireland',
}

const COUNTRY_WORDS: Record<string, GazetteerCountry> = {
  england: 'ENG',
  wales: 'WLS',
  cymru: 'WLS',
  scotland: 'SCT',
  'northern ireland': 'NIR',
  ni: 'NIR',
}

/** Letters (any alphabet), digits, spaces and the punctuation of real place names ("Westward Ho!", "King's Lynn"). */
const PLAUSIBLE = /^[\p{L}\p{M}\p{N}\s.,'\u2019()&/!-]+$/u

/** What a chosen place looks like in `where`: "place:2641598". */
const PLACE_TOKEN = /^place:(\d{1,12})$/i

const TRY_INSTEAD = 'Try typing the name of the town or village instead'

/** The parts of a postcode, as the Royal Mail writes them: outward code (the district), then inward. */
const OUTWARD = '[A-Z]{1,2}[0-9][A-Z0-9]?'
/** "CT9 2", and "CT9 2A" (a sector and the first letter of the rest): typed with a space. */
const SECTOR_SPACED = new RegExp(`^(${OUTWARD}) ([0-9])[A-Z]?$`)
/** "CT92": a district and a sector digit typed together, or a district (B12) that ends in a digit. */
const SECTOR_COMPACT = new RegExp(`^(${OUTWARD})([0-9])$`)
/** "SW1", "EC1", "W1": letters and digits that may begin longer districts (SW1A, SW1P ...). */
const DISTRICT_START = /^[A-Z]{1,2}[0-9]{1,2}$/

/**
 * Turns what a person typed in "Where?" into a point, or a reason it could not: a full
 * postcode, a sector ("CT9 2"), a district ("CT9"), the start of districts ("SW1"), a town
 * or village name, a chosen place, or the browser's point. A name it cannot find comes with
 * the names most like it ("Did you mean Margate?"). It never throws on what people type.
 */
export class LocationService {
  private readonly optionsCache = new Map<string, PlaceOption[]>()
  private readonly similarNames: SimilarPlaceNames

  constructor(
    private readonly gazetteer: GazetteerRepository,
    private readonly postcodes: PostcodesRepository,
  ) {
    this.similarNames = new SimilarPlaceNames(() => this.gazetteer.allNames())
  }

  resolve(input: string): LocationResult {
    const typed = (typeof input === 'string' ? input : '').trim().replace(/\s+/g, ' ')
    if (typed === '') return { kind: 'invalid', input: typed, message: 'Enter a town, village or postcode' }
    if (typed.length > WHERE_MAX_LENGTH) {
      return {
        kind: 'invalid',
        input: typed,
        message: `The town, village or postcode must be ${WHERE_MAX_LENGTH} characters or fewer`,
      }
    }
    const token = PLACE_TOKEN.exec(typed)
    if (token) return this.choose(Number(token[1]))
    if (!PLAUSIBLE.test(typed)) {
      return {
        kind: 'invalid',
        input: typed,
        message:
          'Use only letters, numbers and spaces for the town, village or postcode, like Margate or CT10 1AB',
      }
    }
    if (/\d/.test(typed)) {
      const asPostcode = this.resolvePostcode(typed)
      if (asPostcode) return asPostcode
    }
    if (normalisePlaceName(typed) === 'my location') {
      return {
        kind: 'not-found',
        input: typed,
        message: 'We could not get your location. Type a town, village or postcode instead',
      }
    }
    return this.resolveName(typed)
  }

  /** The place a person picked on the "Which one do you mean?" page, by its gazetteer id. */
  choose(id: number): LocationResult {
    const place = Number.isSafeInteger(id) ? this.gazetteer.findById(id) : undefined
    if (!place) {
      return {
        kind: 'not-found',
        input: `place:${id}`,
        message: 'We could not find that place. Try a town name or a postcode like CT10 1AB',
      }
    }
    return this.foundPlace(place, this.uniqueWhere(place, this.gazetteer.findBySearchName(place.searchName)))
  }

  /**
   * The town or village nearest a point (of at least 1,000 people, within about 15 miles),
   * with the words to type to find it again: for links such as "groups near Margate".
   */
  placeNear(point: Point): { name: string; where: string } | null {
    const candidates = this.gazetteer.findWithPopulationInBox(
      PLACE_NEAR_MIN_POPULATION,
      boxAround(point, PLACE_NEAR_MILES),
    )
    let nearest: GazetteerPlace | null = null
    let nearestMiles = Infinity
    for (const candidate of candidates) {
      const miles = milesBetween(point, candidate)
      if (miles < nearestMiles) {
        nearest = candidate
        nearestMiles = miles
      }
    }
    if (!nearest || nearestMiles > PLACE_NEAR_MILES) return null
    return {
      name: nearest.name,
      where: this.uniqueWhere(nearest, this.gazetteer.findBySearchName(nearest.searchName)),
    }
  }

  /** A point from the browser ("Use my location"), if it is a real point in the UK. */
  resolvePoint(latitude: number | string, longitude: number | string): LocationResult {
    const lat = toCoordinate(latitude)
    const lng = toCoordinate(longitude)
    const input = 'My location'
    if (lat === null || lng === null) {
      return {
        kind: 'invalid',
        input,
        message: 'Your location could not be used. Type a town or postcode instead',
      }
    }
    const { south, north, west, east } = UK_BOUNDS
    if (lat < south || lat > north || lng < west || lng > east) {
      return {
        kind: 'invalid',
        input,
        message: 'Your location seems to be outside the UK. Type a town or postcode instead',
      }
    }
    return {
      kind: 'found',
      point: { latitude: lat, longitude: lng },
      label: input,
      precision: 'point',
      where: input,
    }
  }

  /**
   * Postcodes as people type them, in any case and spacing: a full postcode ("ct10 1ab"), a
   * sector ("CT9 2", "ct92"), a district ("CT9") or the start of longer districts ("SW1" for
   * SW1A, SW1E, SW1P ...). What we do not hold falls back to the area around it, and the
   * note says so: an unknown postcode to its sector, else its district; an unknown sector to
   * its district. Undefined when it is not a postcode at all, so it may be a place name.
   */
  private resolvePostcode(typed: string): LocationResult | undefined {
    const upper = typed.toUpperCase()
    const compact = upper.replace(/\s/g, '')
    const candidate = isValid(compact) ? compact : fix(typed).replace(/\s/g, '')
    if (isValid(candidate)) return this.resolveFullPostcode(typed, candidate)

    const spaced = SECTOR_SPACED.exec(upper)
    if (spaced?.[1] && spaced[2] && validOutcode(spaced[1])) {
      return this.resolveSector(typed, `${spaced[1]} ${spaced[2]}`, spaced[1])
    }
    if (compact.length > 5 || !/^[A-Z]{1,2}[0-9]/.test(compact)) return undefined

    // Typed without a space, "B12" is the district B12 and "CT92" the sector CT9 2: the
    // postcodes we hold decide, the district first, as the Royal Mail would read it.
    const isDistrict = compact.length <= 4 && validOutcode(compact)
    const district = isDistrict ? this.postcodes.findDistrict(compact) : undefined
    if (district) return foundDistrict(district.district, district, district.district)
    const joined = SECTOR_COMPACT.exec(compact)
    const sector = joined?.[1] && joined[2] ? `${joined[1]} ${joined[2]}` : undefined
    const sectorRow = sector ? this.postcodes.findSector(sector) : undefined
    if (sector && sectorRow) return foundSector(sectorRow, sector)
    const family = DISTRICT_START.test(compact) ? this.postcodes.findDistrictFamily(compact) : undefined
    if (family) return foundDistrict(compact, family, compact)
    // Written like a district ("B12"), it is read as one: using the middle of B1 for someone
    // who typed B12 would send them to the wrong part of town.
    if (isDistrict) return notImported(typed, `We do not have postcodes for ${compact} yet. ${TRY_INSTEAD}`)
    // Not a district, nor a sector we hold: a sector of a district we hold is the best guess.
    const sectorDistrict = joined?.[1] ? this.postcodes.findDistrict(joined[1]) : undefined
    if (sector && sectorDistrict) {
      return foundDistrict(
        sectorDistrict.district,
        sectorDistrict,
        sector,
        usedInstead(`postcodes in ${sector}`, sectorDistrict.district),
      )
    }
    if (sector) return notImported(typed, `We do not have postcodes for ${sector} yet. ${TRY_INSTEAD}`)
    return undefined
  }

  /** "CT10 1AB": the postcode, else the middle of its sector or district (saying so). */
  private resolveFullPostcode(typed: string, candidate: string): LocationResult {
    const postcode = toNormalised(candidate) ?? candidate.toUpperCase()
    const district = toOutcode(candidate) ?? postcode.split(' ')[0] ?? ''
    const found = this.postcodes.find(postcode)
    if (found) {
      return { kind: 'found', point: pointOf(found), label: postcode, precision: 'postcode', where: postcode }
    }
    const note = (area: string) => usedInstead(`the postcode ${postcode}`, area)
    const sector = this.postcodes.findSector(postcode.slice(0, -2))
    if (sector) return foundSector(sector, postcode, note(sector.sector))
    const centre = this.areaOf(district)
    if (centre) return foundDistrict(centre.label, centre, postcode, note(centre.label))
    return notImported(typed, `We do not have the postcode ${postcode} yet. ${TRY_INSTEAD}`)
  }

  /** "CT9 2": the sector, else the middle of its district (saying so). */
  private resolveSector(typed: string, sector: string, district: string): LocationResult {
    const found = this.postcodes.findSector(sector)
    if (found) return foundSector(found, sector)
    const centre = this.areaOf(district)
    if (centre)
      return foundDistrict(centre.label, centre, sector, usedInstead(`postcodes in ${sector}`, centre.label))
    return notImported(typed, `We do not have postcodes for ${sector} yet. ${TRY_INSTEAD}`)
  }

  /** A district ("CT9"), or, when there is no such district, the districts it starts ("SW1"). */
  private areaOf(district: string): (Point & { label: string }) | undefined {
    const exact = this.postcodes.findDistrict(district)
    if (exact) return { ...pointOf(exact), label: exact.district }
    const family = DISTRICT_START.test(district) ? this.postcodes.findDistrictFamily(district) : undefined
    return family && { ...pointOf(family), label: district }
  }

  private resolveName(typed: string): LocationResult {
    const whole = this.gazetteer.findBySearchName(normalisePlaceName(typed))
    if (whole.length > 0) return this.answer(typed, this.decide(whole), whole)

    // "Newport (in Wales, near Cardiff)", "Newport, Wales", "Newport Wales", "Ashford, Kent"
    const qualified = splitQualifier(typed)
    if (qualified) {
      const candidates = this.gazetteer.findBySearchName(normalisePlaceName(qualified.name))
      if (candidates.length > 0)
        return this.answer(typed, this.decideWithQualifier(candidates, qualified.qualifier), candidates)
    }
    const suggestions = this.suggestionsFor(typed, qualified)
    return {
      kind: 'not-found',
      input: typed,
      // The words by the Where box say it too, so that someone who follows the error summary
      // to the box hears the suggestion there.
      message:
        suggestions.length > 0
          ? `We could not find '${typed}'. Did you mean ${orList(suggestions.map((s) => s.name))}?`
          : `We could not find '${typed}'. Try a town name or a postcode like CT10 1AB`,
      suggestions,
    }
  }

  /**
   * "Did you mean Margate?": names like the one typed (see SimilarPlaceNames). After a
   * misspelt name with words after it ("Nweport, Wales"), the words are kept in `where`.
   */
  private suggestionsFor(
    typed: string,
    qualified: { name: string; qualifier: string } | undefined,
  ): PlaceSuggestion[] {
    const whole = this.similarNames.similarTo(typed)
    if (whole.length > 0 || !qualified) return whole.map(({ name }) => ({ name, where: name }))
    const qualifier = qualified.qualifier.replace(/^\s*\(?|\)?\s*$/g, '').trim()
    return this.similarNames
      .similarTo(qualified.name)
      .map(({ name }) => ({ name, where: qualifier ? `${name}, ${qualifier}` : name }))
  }

  private answer(typed: string, decision: Decision, candidates: GazetteerPlace[]): LocationResult {
    if (decision.kind === 'one')
      return this.foundPlace(decision.place, this.uniqueWhere(decision.place, candidates))
    return {
      kind: 'choose',
      input: typed,
      name: decision.options[0]?.name ?? typed,
      options: decision.options,
    }
  }

  /**
   * The shortest `where` that finds this place again: its name when the name alone leads
   * to it, otherwise its name with its hint, as on the "Which one?" page.
   */
  private uniqueWhere(place: GazetteerPlace, sameName: GazetteerPlace[]): string {
    const byName = this.decide(sameName)
    if (byName.kind === 'one' && byName.place.id === place.id) return place.name
    const options = byName.kind === 'choose' ? byName.options : this.optionsFor(distinctPlaces(sameName))
    return options.find((o) => o.id === place.id)?.where ?? `place:${place.id}`
  }

  private foundPlace(place: GazetteerPlace, where: string): LocationResult {
    return { kind: 'found', point: pointOf(place), label: place.name, precision: 'place', where }
  }

  /** The rule in the comment on SAME_PLACE_MILES, over every place with one folded name. */
  private decide(candidates: GazetteerPlace[]): Decision {
    const places = distinctPlaces(candidates)
    const [largest, ...others] = places
    if (!largest) return { kind: 'choose', options: [] }
    if (others.length === 0) return { kind: 'one', place: largest }
    if (largest.population >= PREFER_LARGEST_FROM && others.every((p) => p.population < OTHERS_SMALL_BELOW)) {
      return { kind: 'one', place: largest }
    }
    return { kind: 'choose', options: this.optionsFor(places) }
  }

  /**
   * A name with words after it. The words may be one option's hint exactly (what the "Which
   * one?" page sends), a country, or a town named in one hint ("Newport, Cardiff").
   * Otherwise they are ignored (a county, say) and the name alone decides.
   */
  private decideWithQualifier(candidates: GazetteerPlace[], qualifier: string): Decision {
    const places = distinctPlaces(candidates)
    const options = this.optionsFor(places)
    const wanted = normalisePlaceName(qualifier)
    const byId = new Map(places.map((p) => [p.id, p]))
    const exact = options.find((o) => normalisePlaceName(o.hint) === wanted)
    if (exact) return { kind: 'one', place: byId.get(exact.id) as GazetteerPlace }

    const country = COUNTRY_WORDS[wanted.replace(/^in /, '')]
    if (country) {
      const inCountry = places.filter((p) => p.country === country)
      const decision = inCountry.length > 0 ? this.decide(inCountry) : undefined
      if (decision?.kind === 'one') return decision
      if (decision)
        return { kind: 'choose', options: options.filter((o) => byId.get(o.id)?.country === country) }
    }
    const naming = options.filter((o) => ` ${normalisePlaceName(o.hint)} `.includes(` ${wanted} `))
    if (naming.length === 1 && naming[0]) {
      return { kind: 'one', place: byId.get(naming[0].id) as GazetteerPlace }
    }
    return this.decide(candidates)
  }

  /**
   * Options largest first, each with a hint that tells it apart from the others. Hints take
   * a few milliseconds and the gazetteer does not change while the app runs, so they are kept.
   */
  private optionsFor(places: GazetteerPlace[]): PlaceOption[] {
    const key = places.map((place) => place.id).join(',')
    const known = this.optionsCache.get(key)
    if (known) return known.map((option) => ({ ...option }))
    const options = this.buildOptions(places)
    if (this.optionsCache.size >= OPTIONS_CACHE_SIZE) this.optionsCache.clear()
    this.optionsCache.set(key, options)
    return options
  }

  private buildOptions(places: GazetteerPlace[]): PlaceOption[] {
    const near = places.map((place) => ({ place, town: this.nearestLargerTown(place) }))
    const hints = near.map(({ place, town }) => shortHint(place, town))
    const detailed = near.map(({ place, town }) => longHint(place, town))
    return near.map(({ place }, i) => {
      const shared = hints.filter((h) => h === hints[i]).length > 1
      let hint = shared ? (detailed[i] as string) : (hints[i] as string)
      if (shared && detailed.filter((h) => h === detailed[i]).length > 1) hint = `${hint} (place ${place.id})`
      return {
        id: place.id,
        name: place.name,
        hint,
        where: `${place.name} (${hint})`,
        latitude: place.latitude,
        longitude: place.longitude,
      }
    })
  }

  /**
   * The town to name in a hint: of the places with more people than this one (and at least
   * HINT_TOWN_FROM) within HINT_SEARCH_MILES, the one with the most pull: its population
   * (counted up to HINT_POPULATION_CAP) over the square of its distance. So Newport in Wales
   * is "near Cardiff" and Newhaven in Sussex "near Brighton": big, close and well known,
   * rather than the small town next door or London, 50 miles away.
   */
  private nearestLargerTown(place: GazetteerPlace): Town | undefined {
    const box = boxAround(place, HINT_SEARCH_MILES)
    const minPopulation = Math.max(HINT_TOWN_FROM, place.population + 1)
    let best: (Town & { pull: number }) | undefined
    for (const other of this.gazetteer.findWithPopulationInBox(minPopulation, box)) {
      if (other.searchName === place.searchName) continue
      const miles = milesBetween(place, other)
      const pull = Math.min(other.population, HINT_POPULATION_CAP) / (miles + 2) ** 2
      if (miles <= HINT_SEARCH_MILES && (!best || pull > best.pull)) best = { place: other, miles, pull }
    }
    return best && { place: best.place, miles: best.miles }
  }
}

type Decision = { kind: 'one'; place: GazetteerPlace } | { kind: 'choose'; options: PlaceOption[] }

interface Town {
  place: GazetteerPlace
  miles: number
}

/** Largest first; an entry near a larger one of the same name is the same place. */
function distinctPlaces(candidates: GazetteerPlace[]): GazetteerPlace[] {
  const sorted = [...candidates].sort((a, b) => b.population - a.population || a.id - b.id)
  const kept: GazetteerPlace[] = []
  for (const place of sorted) {
    if (!kept.some((k) => milesBetween(k, place) < SAME_PLACE_MILES)) kept.push(place)
  }
  return kept
}

/** "in Wales, near Cardiff" */
function shortHint(place: GazetteerPlace, town: Town | undefined): string {
  const country = `in ${COUNTRY_NAMES[place.country]}`
  return town ? `${country}, near ${townName(town)}` : country
}

/** GeoNames calls some London boroughs "City of Westminster"; people say "Westminster". */
function townName(town: Town): string {
  return town.place.name.replace(/^City of /, '')
}

/** "in England, 6 miles north-east of Bedford", for places whose short hints are the same */
function longHint(place: GazetteerPlace, town: Town | undefined): string {
  const country = `in ${COUNTRY_NAMES[place.country]}`
  if (!town) return country
  const miles = Math.max(1, Math.round(town.miles))
  return `${country}, ${miles} ${miles === 1 ? 'mile' : 'miles'} ${compassFrom(town.place, place)} of ${townName(town)}`
}

const COMPASS = ['north', 'north-east', 'east', 'south-east', 'south', 'south-west', 'west', 'north-west']

/** Which way `to` lies from `from`, in eight points of the compass. */
function compassFrom(from: Point, to: Point): string {
  const dy = to.latitude - from.latitude
  const dx = (to.longitude - from.longitude) * Math.cos((from.latitude * Math.PI) / 180)
  const degrees = ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360
  return COMPASS[Math.round(degrees / 45) % 8] as string
}

/** "Newport (in Wales, near Cardiff)", "Newport, Wales", "Newport Wales" -> name and qualifier. */
function splitQualifier(typed: string): { name: string; qualifier: string } | undefined {
  const bracketed = /^(.+?)\s*\((.+)\)$/.exec(typed)
  if (bracketed?.[1] && bracketed[2]) return { name: bracketed[1], qualifier: bracketed[2] }
  const comma = typed.indexOf(',')
  if (comma > 0) return { name: typed.slice(0, comma), qualifier: typed.slice(comma + 1) }
  const countryAtEnd = /^(.+?)\s+(england|wales|cymru|scotland|northern ireland)$/i.exec(typed)
  if (countryAtEnd?.[1] && countryAtEnd[2]) return { name: countryAtEnd[1], qualifier: countryAtEnd[2] }
  return undefined
}

type Found = Extract<LocationResult, { kind: 'found' }>

/** "Leeds", "Leeds or Leek", "Leeds, Leek or Lewes" */
function orList(names: string[]): string {
  return names.length > 1
    ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`
    : (names[0] ?? '')
}

/** "We do not have the postcode CT9 2ZZ, so we used the middle of CT9 2." */
function usedInstead(missing: string, area: string): string {
  return `We do not have ${missing}, so we used the middle of ${area}.`
}

function foundSector(sector: { sector: string } & Point, where: string, note?: string): Found {
  const found: Found = {
    kind: 'found',
    point: pointOf(sector),
    label: sector.sector,
    precision: 'sector',
    where,
  }
  return note ? { ...found, note } : found
}

function foundDistrict(label: string, centre: Point, where: string, note?: string): Found {
  const found: Found = { kind: 'found', point: pointOf(centre), label, precision: 'district', where }
  return note ? { ...found, note } : found
}

function notImported(input: string, message: string): LocationResult {
  return { kind: 'not-imported', input, message }
}

function pointOf(row: { latitude: number; longitude: number }): Point {
  return { latitude: row.latitude, longitude: row.longitude }
}

function toCoordinate(value: number | string): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value !== 'string' || !/^-?\d{1,3}(\.\d{1,12})?$/.test(value.trim())) return null
  return Number(value.trim())
}
