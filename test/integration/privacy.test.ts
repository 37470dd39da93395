/**
 * Privacy (issue 2, "Tests that must exist"; DESIGN.md "People's privacy: the rules").
 *
 * Renders every public page over a dataset: the start and information pages, /hubs, each
 * hub's page and large-print sheet, /people with every hub and skill choice (and each pair),
 * /search with each category, "people near you" searches for each skill from each hub's
 * centre, /map with its list and JSON, every published service, organisation and place, and
 * some not-found pages. It checks that none of them contains:
 * - any person's email address (any case, or URL-encoded as in a mailto: link);
 * - any person's phone number, however it is spaced or written (07700 900123, 07700900123,
 *   +44 7700 900123, (07700) 900-123, tel:+447700900123);
 * - the full name, or "first name and initial", of anyone who is not public, nor their last
 *   name on its own (where that word is not used anywhere else in the directory);
 * - a public person's last name in full;
 * - a count of people who are not public below PRIVACY_MIN_COUNT. Every count the pages show
 *   carries data-privacy-count="N"; inside a data-hub / data-skill block it is checked against
 *   the true number in the database (shown only when it reaches the threshold, and then
 *   exactly right; otherwise the block has no number at all); elsewhere it must at least be
 *   one of the true hub-and-skill counts that reach the threshold. A "N people share" phrase
 *   without such a mark fails.
 * It runs at the default threshold, at 2, and at 50 (where no count may appear at all), over
 * a small dataset built to catch leaks and over the demo data.
 */
import Database from 'better-sqlite3'
import fs from 'node:fs'
import path from 'node:path'
import request from 'supertest'
import type { Db } from '../../db/connection'
import type { Config } from '../../server/config'
import { aHub, anOrganisation, aPerson, aPlace, aService } from '../builders'
import { skillRowText } from '../support/skillRows'
import { aDatabase, aDemoDatabase, aTestApp, type TestApp } from '../support/testApp'

jest.setTimeout(120_000)

interface PersonRecord {
  id: number
  firstName: string
  lastName: string
  email: string | null
  phone: string | null
  visibility: 'coordinators' | 'hub' | 'public'
}

interface Page {
  path: string
  status: number
  html: string
  /** the HTML with entities decoded, so "O&#x27;Brien" reads "O'Brien" */
  decoded: string
}

interface ScanResult {
  pages: Page[]
  problems: string[]
  /** how many counts of non-public people were shown, and how many skill blocks withheld one */
  countsShown: number
  countsWithheld: number
  /** last names checked on their own (the rest are words the directory uses elsewhere) */
  lastNamesCheckedAlone: number
}

/** Pages that answer 404 by design, scanned too: an error page must not leak either. */
const NOT_FOUND_PAGES = ['/no-such-page', '/hubs/no-such-hub', '/services/999999999']

function decodeEntities(html: string): string {
  return html
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);/g, (_m, dec: string) => String.fromCodePoint(parseInt(dec, 10)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A phone number's significant digits: "07700 900123" and "+44 7700 900123" both give 7700900123. */
function significantDigits(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  if (digits.startsWith('44')) return digits.slice(2)
  if (digits.startsWith('0')) return digits.slice(1)
  return digits
}

/** Every run of digits on a page that could be a phone number, as significant digits. */
function phoneLikeRuns(text: string): string[] {
  return (text.match(/\+?\d[\d\s().\-/]{6,}\d/g) ?? []).map(significantDigits)
}

function everyone(db: Db): PersonRecord[] {
  return db
    .prepare<[], PersonRecord>(
      `SELECT id, first_name AS firstName, last_name AS lastName, email, phone, visibility FROM people`,
    )
    .all()
}

/** The true number of people who are not public sharing each skill in each hub. */
function trueCounts(db: Db): Map<string, number> {
  const rows = db
    .prepare<[], { slug: string; code: string; people: number }>(
      `SELECT h.slug, t.code, COUNT(DISTINCT p.id) AS people
         FROM people p
         JOIN hubs h ON h.id = p.hub_id
         JOIN person_skills ps ON ps.person_id = p.id
         JOIN taxonomy_terms t ON t.id = ps.term_id
        WHERE p.visibility <> 'public'
        GROUP BY h.slug, t.code`,
    )
    .all()
  return new Map(rows.map((row) => [`${row.slug}/${row.code}`, row.people]))
}

/** Every public page, found from the database as a visitor would find them. */
function publicPaths(db: Db): string[] {
  const ids = (sql: string) =>
    db
      .prepare<[], { id: number }>(sql)
      .all()
      .map((row) => row.id)
  const terms = (vocabulary: string) =>
    db
      .prepare<[string], { code: string; name: string }>(
        'SELECT code, name FROM taxonomy_terms WHERE vocabulary = ? ORDER BY code',
      )
      .all(vocabulary)
  const hubs = db
    .prepare<[], { slug: string; latitude: number; longitude: number }>(
      'SELECT slug, latitude, longitude FROM hubs ORDER BY slug',
    )
    .all()
  const skills = terms('skill')
  const gb = 'bbox=-8.7,49.8,1.8,60.9'
  return [
    '/',
    '/help',
    '/privacy',
    '/accessibility',
    '/about',
    '/hubs',
    ...hubs.flatMap(({ slug }) => [`/hubs/${slug}`, `/hubs/${slug}/print`]),
    '/people',
    '/people?page=2',
    // "Hub name or town": a hub's own name, part of one, and a town (the list of hubs found).
    ...hubs.map(({ slug }) => `/people?find=${encodeURIComponent(slug.replace(/-/g, ' '))}`),
    '/people?find=a',
    '/people?find=Margate',
    ...hubs.map(({ slug }) => `/people?hub=${slug}`),
    ...hubs.map(({ slug }) => `/people?hub=${slug}&page=2`),
    ...skills.map(({ code }) => `/people?skill=${code}`),
    ...hubs.flatMap(({ slug }) => skills.map(({ code }) => `/people?hub=${slug}&skill=${code}`)),
    '/search',
    ...terms('category').map(({ code }) => `/search?category=${code}`),
    // "People near you who share this skill": each skill searched for from each hub's centre.
    ...hubs.flatMap(({ latitude, longitude }) =>
      skills.map(({ name }) => `/search?q=${encodeURIComponent(name)}&lat=${latitude}&lng=${longitude}`),
    ),
    '/map',
    `/map/list?${gb}&zoom=6`,
    `/map/markers.json?${gb}&zoom=6`,
    `/map/markers.json?${gb}&zoom=18`,
    '/map/hubs.json',
    ...ids(`SELECT id FROM services WHERE status = 'published' ORDER BY id`).map((id) => `/services/${id}`),
    ...ids(`SELECT id FROM organizations WHERE status = 'published' ORDER BY id`).map(
      (id) => `/organisations/${id}`,
    ),
    ...ids(`SELECT id FROM locations WHERE status = 'published' ORDER BY id`).map((id) => `/places/${id}`),
  ]
}

/**
 * Words the directory itself shows (listings, hubs, skill names, public people's own words,
 * and the templates): a last name that is also such a word ("Hill", "Baker") cannot be
 * checked on its own, only as part of a full name.
 */
function directoryVocabulary(db: Db): string {
  const text = (sql: string) =>
    db
      .prepare<[], { text: string | null }>(sql)
      .all()
      .map((row) => row.text ?? '')
      .join('\n')
  const templates: string[] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name.endsWith('.hbs')) templates.push(fs.readFileSync(full, 'utf8'))
    }
  }
  walk(path.join(__dirname, '..', '..', 'views'))
  return [
    text(
      `SELECT name || ' ' || description || ' ' || eligibility_description || ' ' || application_process || ' ' ||
              COALESCE(cost_description, '') || ' ' || COALESCE(url, '') AS text FROM services`,
    ),
    text(`SELECT name || ' ' || description || ' ' || COALESCE(website, '') || ' ' || COALESCE(address_1, '') || ' ' ||
                 COALESCE(city, '') AS text FROM organizations`),
    text(`SELECT name || ' ' || description || ' ' || address_1 || ' ' || COALESCE(address_2, '') || ' ' || city AS text
            FROM locations`),
    text(`SELECT details AS text FROM location_accessibility`),
    text(`SELECT description AS text FROM schedules`),
    text(`SELECT name || ' ' || description || ' ' || meeting_place_description AS text FROM hubs`),
    text(`SELECT name || ' ' || description AS text FROM taxonomy_terms`),
    text(`SELECT synonym AS text FROM taxonomy_term_synonyms`),
    text(`SELECT first_name || ' ' || skills_in_own_words || ' ' || would_like_to_share AS text
            FROM people WHERE visibility = 'public'`),
    ...templates,
  ].join('\n')
}

async function render(testApp: TestApp, paths: string[]): Promise<Page[]> {
  // As in production: without the cache every page recompiles its templates, and this file
  // renders hundreds of pages.
  testApp.app.set('view cache', true)
  const pages: Page[] = []
  for (const pagePath of paths) {
    const res = await request(testApp.app).get(pagePath)
    pages.push({ path: pagePath, status: res.status, html: res.text, decoded: decodeEntities(res.text) })
  }
  return pages
}

/** The skill blocks of a page: <li ... data-hub="thanet" data-skill="gardening">...</li>. */
function skillBlocks(html: string): { hub: string; skill: string; body: string }[] {
  const blocks: { hub: string; skill: string; body: string }[] = []
  const pattern = /<li[^>]*\bdata-hub="([^"]+)"[^>]*\bdata-skill="([^"]+)"[^>]*>([\s\S]*?)<\/li>/g
  for (const match of html.matchAll(pattern)) {
    blocks.push({ hub: match[1] ?? '', skill: match[2] ?? '', body: match[3] ?? '' })
  }
  return blocks
}

async function scanPublicPages(testApp: TestApp): Promise<ScanResult> {
  const { db, config } = testApp
  const min = config.privacyMinCount
  const people = everyone(db)
  const counts = trueCounts(db)
  const trueShownCounts = new Set([...counts.values()].filter((count) => count >= min))
  const vocabulary = directoryVocabulary(db)
  const paths = publicPaths(db)
  const pages = await render(testApp, [...paths, ...NOT_FOUND_PAGES])
  const problems: string[] = []
  let countsShown = 0
  let countsWithheld = 0

  const publicDisplayNames = new Set(
    people
      .filter((p) => p.visibility === 'public')
      .map((p) => `${p.firstName.trim()} ${p.lastName.trim().charAt(0).toUpperCase()}.`),
  )
  const inVocabulary = (word: string) => new RegExp(`\\b${escapeRegExp(word)}\\b`).test(vocabulary)
  const checkedAlone = new Set<string>()

  for (const page of pages) {
    const expected = NOT_FOUND_PAGES.includes(page.path) ? 404 : 200
    if (page.status !== expected) problems.push(`${page.path} answered ${page.status}, expected ${expected}`)
    const lowerHtml = page.html.toLowerCase()
    const lowerText = page.decoded.toLowerCase()
    const runs = phoneLikeRuns(page.decoded)
    const squashed = page.decoded.replace(/[\s().\-/]/g, '')

    for (const person of people) {
      const who = `person ${person.id} (${person.visibility})`
      if (person.email) {
        const email = person.email.trim().toLowerCase()
        if (lowerText.includes(email) || lowerHtml.includes(encodeURIComponent(email))) {
          problems.push(`${page.path} shows the email of ${who}`)
        }
      }
      if (person.phone) {
        const digits = significantDigits(person.phone)
        if (
          digits.length >= 9 &&
          (runs.some((run) => run.includes(digits)) ||
            squashed.includes(`0${digits}`) ||
            squashed.includes(`+44${digits}`) ||
            page.decoded.includes(person.phone.trim()))
        ) {
          problems.push(`${page.path} shows the phone number of ${who}`)
        }
      }

      const first = person.firstName.trim()
      const last = person.lastName.trim()
      if (last) {
        const fullName = new RegExp(`\\b${escapeRegExp(first)}\\s+${escapeRegExp(last)}\\b`, 'i')
        if (fullName.test(page.decoded)) problems.push(`${page.path} shows the full name of ${who}`)
        if (!inVocabulary(last)) {
          checkedAlone.add(last)
          if (new RegExp(`\\b${escapeRegExp(last)}\\b`).test(page.decoded)) {
            problems.push(`${page.path} shows the last name of ${who}`)
          }
        }
      }
      if (person.visibility !== 'public' && last) {
        const shortName = `${first} ${last.charAt(0).toUpperCase()}.`
        if (!publicDisplayNames.has(shortName) && page.decoded.includes(shortName)) {
          problems.push(`${page.path} names ${who} as "${shortName}"`)
        }
      }
    }

    // Counts: each one marked, inside a hub-and-skill block, and true to the database.
    const blocks = skillBlocks(page.html)
    const marked = [...page.html.matchAll(/data-privacy-count="([^"]*)"/g)].map((m) => m[1] ?? '')
    const markedInBlocks = blocks.reduce(
      (n, block) => n + (block.body.match(/data-privacy-count=/g) ?? []).length,
      0,
    )
    // A count outside a hub-and-skill block cannot be traced to its hub and skill, so it must
    // at least be one of the true counts that reach the threshold (never a sum or a remainder).
    if (marked.length !== markedInBlocks) {
      const outside = marked.filter((value) => !trueShownCounts.has(Number(value)))
      if (outside.length > 0) {
        problems.push(`${page.path} shows count(s) ${outside.join(', ')} that are no hub-and-skill count`)
      }
    }
    for (const value of marked) {
      if (!/^\d+$/.test(value) || Number(value) < min)
        problems.push(`${page.path} shows a count of ${value} below ${min}`)
    }
    const text = page.decoded.replace(/<[^>]+>/g, ' ')
    const sharePhrases =
      text.match(
        /\b\d[\d,]*\s+(?:more\s+|other\s+)?(?:people|persons?)(?:\s+in\s+[^.]{1,60}?)?\s+shares?\b/gi,
      ) ?? []
    const publicMarks = (page.html.match(/data-public-count=/g) ?? []).length
    if (sharePhrases.length > marked.length + publicMarks) {
      problems.push(`${page.path} has a count of people that is not marked: ${sharePhrases.join('; ')}`)
    }
    for (const block of blocks) {
      const truth = counts.get(`${block.hub}/${block.skill}`) ?? 0
      const shown = [...block.body.matchAll(/data-privacy-count="(\d+)"/g)].map((m) => Number(m[1]))
      const blockText = decodeEntities(block.body.replace(/<[^>]+>/g, ' '))
      if (truth >= min) {
        countsShown++
        if (shown.length !== 1 || shown[0] !== truth) {
          problems.push(
            `${page.path} shows ${JSON.stringify(shown)} for ${block.hub}/${block.skill}, truly ${truth}`,
          )
        }
      } else {
        if (truth > 0) countsWithheld++
        if (shown.length > 0)
          problems.push(`${page.path} shows a count for ${block.hub}/${block.skill} below ${min}`)
        if (/\d/.test(blockText))
          problems.push(`${page.path} has a number in ${block.hub}/${block.skill}: ${blockText.trim()}`)
        // Nobody named: the row says to ask the hub, whether a few share the skill or nobody
        // does (compareFewWithNone below proves the two read exactly the same).
        if (!/Shared by/.test(blockText) && !/\bask\b/i.test(blockText)) {
          problems.push(`${page.path} does not say "ask your hub" for ${block.hub}/${block.skill}`)
        }
        if (truth === 0 && /share this skill/i.test(blockText)) {
          problems.push(`${page.path} mentions others for ${block.hub}/${block.skill}, where there are none`)
        }
      }
    }
  }
  return { pages, problems, countsShown, countsWithheld, lastNamesCheckedAlone: checkedAlone.size }
}

/**
 * A small directory shaped to catch leaks: three hubs; counts just below, at and above the
 * threshold; a non-public person sharing a first name with a public one; phone numbers
 * written in several ways; emails in capitals; and contact details on the listings (which may
 * be shown) alongside people's (which may not).
 */
function aPrivacyDataset(db: Db): void {
  const thanet = aHub(db, {
    slug: 'thanet',
    name: 'Thanet',
    meetingPlaceDescription: 'Margate library, Mondays',
  })
  const sheffield = aHub(db, { slug: 'sheffield', name: 'Sheffield' })
  const torbay = aHub(db, { slug: 'torbay', name: 'Torbay' })

  const friends = anOrganisation(db, { name: 'Thanet Age Friends', hubIds: [thanet], phone: '01632 960100' })
  const steel = anOrganisation(db, {
    name: 'Steel City Neighbours',
    hubIds: [sheffield],
    email: 'hello@steel.example.org',
  })
  anOrganisation(db, { name: 'Unfinished Trust', hubIds: [torbay], status: 'draft' })
  const hall = aPlace(db, { name: 'Trinity Hall', hubId: thanet, access: ['step-free'] })
  const chapel = aPlace(db, {
    name: 'Upperthorpe Chapel',
    hubId: sheffield,
    city: 'Sheffield',
    postalCode: 'S6 3NA',
  })
  aService(db, {
    name: 'Walk and Talk',
    organisationId: friends,
    hubId: thanet,
    placeIds: [hall],
    categories: ['walking-groups'],
  })
  aService(db, {
    name: 'Lunch Club',
    organisationId: steel,
    hubId: sheffield,
    placeIds: [chapel],
    categories: ['lunch-clubs'],
  })
  aService(db, {
    name: 'Tablet Help',
    organisationId: friends,
    hubId: thanet,
    categories: ['digital-help'],
    phone: '01632 960200',
  })

  const firstNames = [
    'Agnes',
    'Bernard',
    'Cecily',
    'Desmond',
    'Edna',
    'Fergus',
    'Gwen',
    'Harold',
    'Ivy',
    'Jasper',
  ]
  const lastNames = [
    'Ashcombe',
    'Brackenbury',
    'Culverhouse',
    'Dunstable',
    'Ellingworth',
    'Fotheringay',
    'Grimshawe',
  ]
  let n = 0
  const phoneStyles = [
    (k: string) => `07700 900${k}`,
    (k: string) => `07700900${k}`,
    (k: string) => `+44 7700 900${k}`,
    (k: string) => `(07700) 900-${k}`,
  ]
  const someone = (hubId: number | null, visibility: 'coordinators' | 'hub' | 'public', skills: string[]) => {
    n++
    const k = String(400 + n)
    const firstName = firstNames[n % firstNames.length] ?? 'Agnes'
    const lastName = `${lastNames[n % lastNames.length] ?? 'Ashcombe'}${n > lastNames.length ? String.fromCharCode(96 + (n % 26) + 1) : ''}`
    aPerson(db, {
      firstName,
      lastName,
      hubId,
      visibility,
      skills,
      email: `${firstName}.${lastName}@Example.com`,
      phone: (phoneStyles[n % phoneStyles.length] ?? phoneStyles[0]!)(k),
      postcodeDistrict: 'CT10',
      availability: `Availability of person ${n}`,
    })
  }

  // Thanet: gardening 6 (3 + 3) shown; cooking exactly 5 shown; tablets 4 withheld (one
  // below); baking 2 withheld; and two public profiles.
  for (let i = 0; i < 3; i++) someone(thanet, 'coordinators', ['gardening'])
  for (let i = 0; i < 3; i++) someone(thanet, 'hub', ['gardening', 'cooking'])
  for (let i = 0; i < 2; i++) someone(thanet, 'coordinators', ['cooking', 'tablets-and-phones'])
  for (let i = 0; i < 2; i++) someone(thanet, 'hub', ['tablets-and-phones', 'baking'])
  aPerson(db, {
    firstName: 'Margaret',
    lastName: 'Hillingdon',
    hubId: thanet,
    visibility: 'public',
    skills: ['tablets-and-phones', 'gardening'],
    email: 'MARGARET.HILLINGDON@example.com',
    phone: '07700 900999',
    wouldLikeToShare: 'Showing people video calls.',
  })
  someone(thanet, 'public', ['baking'])
  // A non-public Margaret, who must never appear as "Margaret W."
  aPerson(db, {
    firstName: 'Margaret',
    lastName: 'Wolstenholme',
    hubId: thanet,
    visibility: 'coordinators',
    skills: ['baking'],
    phone: '07700 900998',
  })

  // Sheffield: one public, one coordinators-only with a skill nobody else has.
  aPerson(db, {
    firstName: 'Dev',
    lastName: 'Okonkwo-Reid',
    hubId: sheffield,
    visibility: 'public',
    skills: ['gardening'],
  })
  aPerson(db, {
    firstName: 'Siobhan',
    lastName: "O'Flaherty",
    hubId: sheffield,
    visibility: 'coordinators',
    skills: ['form-filling'],
    email: "siobhan.o'flaherty@example.com",
  })

  // Torbay: only people who are not public, below the threshold.
  for (let i = 0; i < 3; i++) someone(torbay, 'hub', ['gardening'])
  // Someone with no hub is never counted anywhere.
  someone(null, 'coordinators', ['gardening'])
}

const expectNoProblems = (result: ScanResult) => expect(result.problems).toEqual([])

/**
 * Takes out, in `db`, every skill of a person who is not public where fewer than `min` such
 * people share it in their hub: afterwards nobody shares what "a few" shared before. Returns
 * how many hub-and-skill pairs that changed.
 */
function forgetFewHidden(db: Db, min: number): number {
  const few = db
    .prepare<[number], { hubId: number; termId: number }>(
      `SELECT p.hub_id AS hubId, ps.term_id AS termId
         FROM people p JOIN person_skills ps ON ps.person_id = p.id
        WHERE p.visibility <> 'public' AND p.hub_id IS NOT NULL
        GROUP BY p.hub_id, ps.term_id
       HAVING COUNT(DISTINCT p.id) < ?`,
    )
    .all(min)
  const forget = db.prepare<[number, number]>(
    `DELETE FROM person_skills
      WHERE term_id = ? AND person_id IN (SELECT id FROM people WHERE hub_id = ? AND visibility <> 'public')`,
  )
  db.transaction(() => {
    for (const { hubId, termId } of few) forget.run(termId, hubId)
  })()
  return few.length
}

/** An exact copy of a database, in memory, to change without touching the original. */
function copyOf(db: Db): Db {
  const copy = new Database(db.serialize())
  copy.pragma('foreign_keys = ON')
  return copy
}

/** A page with what changes from one response to the next (the script nonce) taken out. */
const steady = (html: string) => html.replace(/nonce="[^"]*"/g, 'nonce=""')

/**
 * Privacy rule 3, "a few and none read exactly the same": renders every public page over a
 * directory and over its twin, in which every skill shared by fewer than the threshold of
 * people who are not public is shared by nobody. Every page must be the same in both; where
 * one is not, each skill row that differs is named (and the page, if no row explains it).
 */
async function compareFewWithNone(
  db: Db,
  config: Partial<Config> = {},
): Promise<{ problems: string[]; pairsChanged: number; pages: number; rows: number }> {
  const original = aTestApp({ db: copyOf(db), config })
  const twin = aTestApp({ db: copyOf(db), config })
  const pairsChanged = forgetFewHidden(twin.db, twin.config.privacyMinCount)
  const paths = publicPaths(original.db)
  const [before, after] = [await render(original, paths), await render(twin, paths)]
  const problems: string[] = []
  let rows = 0
  before.forEach((page, i) => {
    const other = after[i]
    const [a, b] = [steady(page.html), steady(other?.html ?? '')]
    const rowsA = skillBlocks(a)
    const rowsB = new Map(skillBlocks(b).map((block) => [`${block.hub}/${block.skill}`, block.body]))
    rows += rowsA.length
    let explained = false
    for (const block of rowsA) {
      const key = `${block.hub}/${block.skill}`
      if (rowsB.get(key) !== block.body) {
        explained = true
        problems.push(`${page.path}: ${key} reads differently for a few people and for nobody`)
      }
    }
    if (rowsA.length !== rowsB.size) {
      explained = true
      problems.push(
        `${page.path} lists ${rowsA.length} skill rows for a few people, ${rowsB.size} for nobody`,
      )
    }
    if (a !== b && !explained) problems.push(`${page.path} differs between a few people and nobody`)
  })
  return { problems, pairsChanged, pages: before.length, rows }
}

describe('privacy: every public page over a dataset built to catch leaks', () => {
  let db: Db

  beforeAll(() => {
    db = aDatabase()
    aPrivacyDataset(db)
  })

  it('shows no email, phone, hidden name or small count on any page at the default threshold of five', async () => {
    const result = await scanPublicPages(aTestApp({ db }))

    expectNoProblems(result)
    // The scan is not vacuous: it saw pages, shown counts, withheld counts and unusual names.
    expect(result.pages.filter((page) => page.status === 200).length).toBeGreaterThan(40)
    expect(result.countsShown).toBeGreaterThan(0)
    expect(result.countsWithheld).toBeGreaterThan(0)
    expect(result.lastNamesCheckedAlone).toBeGreaterThan(10)
  })

  it('shows counts of two or more when the threshold is lowered to two, and still nothing else', async () => {
    const result = await scanPublicPages(aTestApp({ db, config: { privacyMinCount: 2 } }))

    expectNoProblems(result)
    expect(result.countsShown).toBeGreaterThan(5)
  })

  it('shows no counts at all when PRIVACY_MIN_COUNT is raised to 50', async () => {
    const result = await scanPublicPages(aTestApp({ db, config: { privacyMinCount: 50 } }))

    expectNoProblems(result)
    expect(result.countsShown).toBe(0)
    for (const page of result.pages) {
      expect(page.html).not.toContain('data-privacy-count')
      expect(page.decoded).not.toMatch(/\d+\s+(?:more\s+)?people share this skill/)
    }
    expect(
      result.pages.some((page) => page.decoded.includes('Ask your hub if someone can help with this.')),
    ).toBe(true)
    for (const page of result.pages) expect(page.decoded).not.toMatch(/a few (more )?people/i)
  })

  it.each([5, 2])(
    'reads the same for a skill a few hidden people share as for one nobody shares, on every page (threshold %i)',
    async (privacyMinCount) => {
      const result = await compareFewWithNone(db, { privacyMinCount })

      expect(result.problems).toEqual([])
      // Not vacuous: some pairs had a few people (at 2, only Sheffield's one), and pages
      // listed skill rows to compare.
      expect(result.pairsChanged).toBeGreaterThanOrEqual(privacyMinCount === 2 ? 1 : 3)
      expect(result.pages).toBeGreaterThan(40)
      expect(result.rows).toBeGreaterThan(100)
    },
  )
})

/** The same scan over the demo data (db/seed/), which is shaped so every privacy rule shows. */
describe('privacy: every public page over the demo data', () => {
  let db: Db
  const demoApp = (config: Partial<Config> = {}) => aTestApp({ db, config })

  beforeAll(() => {
    db = aDemoDatabase()
  })

  it('has people of every visibility to check', () => {
    const visibilities = new Set(everyone(db).map((person) => person.visibility))

    expect([...visibilities].sort()).toEqual(['coordinators', 'hub', 'public'])
  })

  it('shows no email, phone, hidden name or small count on any page at the default threshold', async () => {
    const result = await scanPublicPages(demoApp())

    expectNoProblems(result)
    expect(result.countsShown).toBeGreaterThan(0)
    expect(result.countsWithheld).toBeGreaterThan(0)
    expect(result.lastNamesCheckedAlone).toBeGreaterThan(40)
  })

  it('shows no counts at all when PRIVACY_MIN_COUNT is raised to 50', async () => {
    const result = await scanPublicPages(demoApp({ privacyMinCount: 50 }))

    expectNoProblems(result)
    expect(result.countsShown).toBe(0)
    for (const page of result.pages) expect(page.html).not.toContain('data-privacy-count')
  })

  it('reads the same for a skill a few hidden people share as for one nobody shares, on every page', async () => {
    const result = await compareFewWithNone(db)

    expect(result.problems).toEqual([])
    expect(result.pairsChanged).toBeGreaterThan(2)
    expect(result.rows).toBeGreaterThan(100)
  })

  it('says the same about "Help with forms" in Middlesbrough, where one hidden person has it, as about a skill nobody there has', async () => {
    const res = await request(demoApp().app).get('/hubs/middlesbrough').expect(200)
    const hidden = db
      .prepare<[], { people: number }>(
        `SELECT COUNT(*) AS people FROM people p JOIN hubs h ON h.id = p.hub_id
           JOIN person_skills ps ON ps.person_id = p.id JOIN taxonomy_terms t ON t.id = ps.term_id
          WHERE h.slug = 'middlesbrough' AND t.code = 'form-filling' AND p.visibility <> 'public'`,
      )
      .get()
    const nobody = db
      .prepare<[], { code: string; name: string }>(
        `SELECT code, name FROM taxonomy_terms t WHERE vocabulary = 'skill' AND NOT EXISTS (
           SELECT 1 FROM person_skills ps JOIN people p ON p.id = ps.person_id JOIN hubs h ON h.id = p.hub_id
            WHERE ps.term_id = t.id AND h.slug = 'middlesbrough') ORDER BY sort_order LIMIT 1`,
      )
      .get()

    expect(hidden?.people).toBeGreaterThan(0)
    expect(hidden?.people).toBeLessThan(5)
    expect(nobody).toBeDefined()
    const forms = skillRowText(res.text, 'middlesbrough', { code: 'form-filling', name: 'Help with forms' })
    expect(forms).toBe('SKILL Ask your hub if someone can help with this.')
    expect(skillRowText(res.text, 'middlesbrough', nobody ?? { code: '', name: '' })).toBe(forms)
  })
})
