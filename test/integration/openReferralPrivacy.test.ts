/**
 * Privacy of the open data API (issue 14; DESIGN.md "People's privacy: the rules"): people
 * never appear in it. Over the demo data, every page of every endpoint is read (each list page
 * by page, every record in full, lists near each demo postcode district, and searches for
 * every skill and every person's own words), and none may hold any person's name, email
 * address, phone number (however it is written), the words they wrote about their skills, or
 * anything from the list of skills people share.
 */
import request from 'supertest'
import type { Db } from '../../db/connection'
import { DEMO_POSTCODES_FILE } from '../../db/demoPostcodes'
import { importPostcodes } from '../../db/importPostcodes'
import { CATEGORIES_TAXONOMY_ID } from '../../server/features/openReferral/openReferralIds'
import { type ApiPage, BASE_PATH, everyPage } from '../support/openReferral'
import { aDemoDatabase, aTestApp, type TestApp } from '../support/testApp'

jest.setTimeout(120_000)

interface Person {
  id: number
  firstName: string
  lastName: string
  email: string | null
  phone: string | null
  ownWords: string
  wouldLikeToShare: string
}

let db: Db
let testApp: TestApp

beforeAll(async () => {
  db = aDemoDatabase()
  await importPostcodes(db, DEMO_POSTCODES_FILE)
  testApp = aTestApp({ db, config: { openDataRequestsPerMinute: 0 } })
})

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A phone number's significant digits: "07700 900123" and "+44 7700 900123" both give 7700900123. */
function significantDigits(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  if (digits.startsWith('44')) return digits.slice(2)
  if (digits.startsWith('0')) return digits.slice(1)
  return digits
}

/** Every address the API answers over this data, as a reader would find them. */
async function everyAnswer(): Promise<{ address: string; text: string }[]> {
  const answers: { address: string; text: string }[] = []
  const get = async (address: string) => {
    const res = await request(testApp.app).get(address)
    expect({ address, status: res.status }).toEqual({ address, status: 200 })
    answers.push({ address, text: res.text })
    return res.body as unknown
  }
  const pages = async (address: string): Promise<Record<string, unknown>[]> => {
    const found = await everyPage(testApp.app, address)
    found.forEach((page, i) =>
      answers.push({ address: `${address} page ${i + 1}`, text: JSON.stringify(page) }),
    )
    return found.flatMap((page: ApiPage) => page.contents)
  }
  await get(`${BASE_PATH}/`)
  await get(`${BASE_PATH}/openapi.json`)
  for (const service of await pages(`${BASE_PATH}/services?per_page=10`))
    await get(`${BASE_PATH}/services/${String(service.id)}`)
  for (const link of await pages(`${BASE_PATH}/service_at_locations?per_page=10`))
    await get(`${BASE_PATH}/service_at_locations/${String(link.id)}`)
  await pages(`${BASE_PATH}/taxonomies`)
  await get(`${BASE_PATH}/taxonomies/${CATEGORIES_TAXONOMY_ID}`)
  for (const term of await pages(`${BASE_PATH}/taxonomy_terms?per_page=5`))
    await get(`${BASE_PATH}/taxonomy_terms/${String(term.id)}`)
  const districts = db
    .prepare<[], string>('SELECT district FROM postcode_districts ORDER BY district')
    .pluck()
    .all()
  for (const district of districts)
    await pages(`${BASE_PATH}/service_at_locations?postcode=${district}&proximity=50000&per_page=100`)
  // Searches for what people share: the skills' names and people's own words.
  const searches = [
    ...db.prepare<[], string>(`SELECT name FROM taxonomy_terms WHERE vocabulary = 'skill'`).pluck().all(),
    ...db
      .prepare<[], string>(
        `SELECT skills_in_own_words FROM people WHERE skills_in_own_words <> ''
         UNION SELECT would_like_to_share FROM people WHERE would_like_to_share <> ''`,
      )
      .pluck()
      .all()
      .map((words) => words.slice(0, 200)),
  ]
  for (const words of searches) {
    await pages(`${BASE_PATH}/services?search=${encodeURIComponent(words)}&per_page=100`)
    await pages(`${BASE_PATH}/service_at_locations?search=${encodeURIComponent(words)}&per_page=100`)
  }
  return answers
}

/** Words the listings themselves use: a last name that is also one ("Hill") is checked only in a full name. */
function listingWords(): string {
  return db
    .prepare<[], string>(
      `SELECT name || ' ' || description || ' ' || eligibility_description || ' ' || application_process || ' ' ||
              COALESCE(cost_description, '') FROM services
       UNION ALL SELECT name || ' ' || description FROM organizations
       UNION ALL SELECT name || ' ' || description || ' ' || address_1 || ' ' || COALESCE(address_2, '') || ' ' || city
                   FROM locations
       UNION ALL SELECT COALESCE(details, '') FROM location_accessibility
       UNION ALL SELECT description FROM schedules
       UNION ALL SELECT name || ' ' || description FROM hubs
       UNION ALL SELECT name || ' ' || description FROM taxonomy_terms WHERE vocabulary = 'category'`,
    )
    .pluck()
    .all()
    .join('\n')
}

/** What the answers hold that they must not, in words; empty when nothing. */
function leaks(answers: { address: string; text: string }[]): string[] {
  const people = db
    .prepare<[], Person>(
      `SELECT id, first_name AS firstName, last_name AS lastName, email, phone,
              skills_in_own_words AS ownWords, would_like_to_share AS wouldLikeToShare
         FROM people`,
    )
    .all()
  expect(people.length).toBeGreaterThan(10)
  const skills = db
    .prepare<[], { uuid: string; code: string }>(
      `SELECT open_referral_id AS uuid, code FROM taxonomy_terms WHERE vocabulary = 'skill'`,
    )
    .all()
  expect(skills.length).toBeGreaterThan(0)
  const vocabulary = listingWords()
  const problems: string[] = []
  let lastNamesAlone = 0
  for (const person of people) {
    const last = person.lastName.trim()
    if (last && !new RegExp(`\\b${escapeRegExp(last)}\\b`).test(vocabulary)) lastNamesAlone++
  }
  expect(lastNamesAlone).toBeGreaterThan(0)

  for (const { address, text } of answers) {
    // JSON escapes aside, the words as a reader sees them.
    const decoded = JSON.stringify(JSON.parse(text)).replace(/\\"/g, '"')
    const lower = decoded.toLowerCase()
    const digitRuns = (decoded.match(/\+?\d[\d\s().\-/]{6,}\d/g) ?? []).map(significantDigits)
    const squashed = decoded.replace(/[\s().\-/]/g, '')
    for (const person of people) {
      const who = `person ${person.id}`
      if (person.email && lower.includes(person.email.trim().toLowerCase()))
        problems.push(`${address} holds the email of ${who}`)
      if (person.phone) {
        const digits = significantDigits(person.phone)
        if (
          digits.length >= 9 &&
          (digitRuns.some((run) => run.includes(digits)) ||
            squashed.includes(`0${digits}`) ||
            squashed.includes(`+44${digits}`))
        )
          problems.push(`${address} holds the phone number of ${who}`)
      }
      const first = person.firstName.trim()
      const last = person.lastName.trim()
      if (last && new RegExp(`\\b${escapeRegExp(first)}\\s+${escapeRegExp(last)}\\b`, 'i').test(decoded))
        problems.push(`${address} holds the full name of ${who}`)
      if (
        last &&
        !new RegExp(`\\b${escapeRegExp(last)}\\b`).test(vocabulary) &&
        new RegExp(`\\b${escapeRegExp(last)}\\b`).test(decoded)
      )
        problems.push(`${address} holds the last name of ${who}`)
      for (const words of [person.ownWords.trim(), person.wouldLikeToShare.trim()]) {
        if (words.length >= 12 && decoded.includes(words))
          problems.push(`${address} holds the own words of ${who}`)
      }
    }
    for (const skill of skills) {
      if (decoded.includes(skill.uuid)) problems.push(`${address} holds the id of the skill ${skill.code}`)
      if (new RegExp(`"${escapeRegExp(skill.code)}"`).test(decoded))
        problems.push(`${address} holds the skill ${skill.code} as a term`)
    }
  }
  return problems
}

test('no response from any endpoint holds a person’s name, contact details, own words or the skills list', async () => {
  const answers = await everyAnswer()
  expect(answers.length).toBeGreaterThan(300)
  expect(leaks(answers)).toEqual([])
})

test('the scan finds a person’s details when a listing holds them', async () => {
  const person = db
    .prepare<[], { firstName: string; lastName: string; email: string }>(
      `SELECT first_name AS firstName, last_name AS lastName, email FROM people
        WHERE email IS NOT NULL AND last_name <> '' ORDER BY id LIMIT 1`,
    )
    .get()
  const service = db
    .prepare<[], { id: number; uuid: string }>(
      `SELECT id, open_referral_id AS uuid FROM services WHERE status = 'published' ORDER BY id LIMIT 1`,
    )
    .get()
  expect(person && service).toBeTruthy()
  testApp.services.repositories.services.updateDetails(service?.id ?? 0, {
    description: `Ask ${person?.firstName ?? ''} ${person?.lastName ?? ''} on ${person?.email ?? ''}`,
  })
  const res = await request(testApp.app).get(`${BASE_PATH}/services/${service?.uuid ?? ''}`)
  const found = leaks([{ address: 'the changed service', text: res.text }])
  expect(found).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/holds the email of/),
      expect.stringMatching(/holds the full name of/),
    ]),
  )
})
