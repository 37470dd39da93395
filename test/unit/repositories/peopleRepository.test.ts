import type { Db } from '../../../db/connection'
import { ConsentsRepository } from '../../../db/repositories/consentsRepository'
import {
  PeopleRepository,
  type PersonInput,
  type Visibility,
} from '../../../db/repositories/peopleRepository'
import { TermsRepository } from '../../../db/repositories/termsRepository'
import { UnknownTermError } from '../../../db/repositories/writing'
import { aHub, paperConsent } from '../../builders'
import { aDatabase } from '../../support/testApp'

/** Everyone of one visibility, as a page of up to 100 profiles. */
const profilesOf = (people: PeopleRepository, visibility: Visibility) =>
  people.profiles(
    { everywhere: [visibility], inHubs: { visibilities: [], hubIds: [] } },
    {},
    { limit: 100, offset: 0 },
  )

const count = (db: Db, sql: string, ...params: unknown[]): number =>
  db.prepare<unknown[], { n: number }>(sql).get(...params)?.n ?? 0

describe('writing people through their repository', () => {
  let db: Db
  let people: PeopleRepository
  let pauline: PersonInput
  // Public pages show only people with consent in force (privacy rule 6).
  const withConsent = (id: number): number => {
    new ConsentsRepository(db).record(paperConsent(id))
    return id
  }

  beforeEach(() => {
    db = aDatabase()
    people = new PeopleRepository(db)
    pauline = {
      firstName: 'Pauline',
      lastName: 'harker',
      hubId: aHub(db, { name: 'Thanet' }),
      postcodeDistrict: 'CT9',
      skillsInOwnWords: 'I taught computer classes.',
      wouldLikeToShare: 'Video calls with grandchildren.',
      availability: 'Tuesday mornings',
      email: 'pauline@example.com',
      phone: '07700 900101',
      preferredContact: 'phone',
      visibility: 'public',
      skills: ['tablets-and-phones', 'listening'],
    }
  })

  afterEach(() => db.close())

  it('a new person reads back on public pages as a first name and initial with their skills', () => {
    const id = withConsent(people.insert(pauline))
    expect(profilesOf(people, 'public')).toEqual([
      expect.objectContaining({
        id,
        firstName: 'Pauline',
        lastInitial: 'H',
        hubName: 'Thanet',
        skillsInOwnWords: 'I taught computer classes.',
        wouldLikeToShare: 'Video calls with grandchildren.',
        skills: [
          { code: 'tablets-and-phones', name: 'Tablets and phones' },
          { code: 'listening', name: 'A listening ear' },
        ],
      }),
    ])
    // What no public page reads is still kept, for the coordinators.
    expect(
      db
        .prepare(
          `SELECT postcode_district AS district, email, phone, preferred_contact AS contact, availability
             FROM people WHERE id = ?`,
        )
        .get(id),
    ).toEqual({
      district: 'CT9',
      email: 'pauline@example.com',
      phone: '07700 900101',
      contact: 'phone',
      availability: 'Tuesday mornings',
    })
  })

  it('an update replaces their details and skills', () => {
    const id = withConsent(people.insert(pauline))
    expect(people.update(id, { ...pauline, firstName: 'Polly', skills: ['baking'] })).toBe(true)
    expect(profilesOf(people, 'public')).toEqual([
      expect.objectContaining({ firstName: 'Polly', skills: [{ code: 'baking', name: 'Baking' }] }),
    ])
    expect(people.update(999, pauline)).toBe(false)
  })

  it('a person with a skill that is not on the list leaves nothing behind', () => {
    expect(() => people.insert({ ...pauline, id: 31, skills: ['listening', 'juggling'] })).toThrow(
      UnknownTermError,
    )
    expect(count(db, 'SELECT count(*) AS n FROM people WHERE id = 31')).toBe(0)
    expect(count(db, 'SELECT count(*) AS n FROM person_skills WHERE person_id = 31')).toBe(0)
  })

  it('an update that fails half way leaves the person and their skills as they were', () => {
    const id = withConsent(people.insert(pauline))
    expect(() => people.update(id, { ...pauline, firstName: 'Polly', skills: ['juggling'] })).toThrow(
      UnknownTermError,
    )
    expect(profilesOf(people, 'public')).toEqual([
      expect.objectContaining({ firstName: 'Pauline', skills: expect.arrayContaining([expect.anything()]) }),
    ])
    expect(count(db, 'SELECT count(*) AS n FROM person_skills WHERE person_id = ?', id)).toBe(2)
  })

  it('a person who chooses to be seen only by coordinators leaves the public list', () => {
    const id = withConsent(people.insert(pauline))
    expect(people.setVisibility(id, 'coordinators')).toBe(true)
    expect(profilesOf(people, 'public')).toEqual([])
    expect(profilesOf(people, 'coordinators').map((person) => person.id)).toEqual([id])
  })

  it('deleting a person removes their skills too', () => {
    const id = withConsent(people.insert(pauline))
    expect(people.delete(id)).toBe(true)
    expect(count(db, 'SELECT count(*) AS n FROM people WHERE id = ?', id)).toBe(0)
    expect(count(db, 'SELECT count(*) AS n FROM person_skills WHERE person_id = ?', id)).toBe(0)
    expect(people.delete(id)).toBe(false)
  })
})

describe('writing terms', () => {
  it('a new skill with synonyms is found by its code, and its synonyms are kept', () => {
    const db = aDatabase()
    const terms = new TermsRepository(db)
    const id = terms.insert({
      vocabulary: 'skill',
      code: 'juggling',
      name: 'Juggling',
      sortOrder: 500,
      synonyms: ['circus', 'balls', 'circus'],
    })
    expect(terms.findByCode('skill', 'juggling')).toEqual({
      id,
      vocabulary: 'skill',
      code: 'juggling',
      name: 'Juggling',
    })
    expect(terms.findByCode('category', 'juggling')).toBeUndefined()
    expect(terms.all('skill').at(-1)?.code).toBe('juggling')
    expect(
      db.prepare('SELECT synonym FROM taxonomy_term_synonyms WHERE term_id = ? ORDER BY synonym').all(id),
    ).toEqual([{ synonym: 'balls' }, { synonym: 'circus' }])
    db.close()
  })

  it('a term whose code is taken is refused, with none of its synonyms kept', () => {
    const db = aDatabase()
    const terms = new TermsRepository(db)
    const before = count(db, 'SELECT count(*) AS n FROM taxonomy_term_synonyms')
    expect(() =>
      terms.insert({ vocabulary: 'skill', code: 'baking', name: 'Baking again', synonyms: ['scones'] }),
    ).toThrow(/UNIQUE/)
    expect(count(db, 'SELECT count(*) AS n FROM taxonomy_term_synonyms')).toBe(before)
    db.close()
  })
})
