import type { Db } from '../../../db/connection'
import { DEMO_POSTCODES_FILE } from '../../../db/demoPostcodes'
import { loadGazetteerIfEmpty } from '../../../db/gazetteer'
import { importPostcodes } from '../../../db/importPostcodes'
import { testConfig } from '../../../server/config'
import { buildServices, type Services } from '../../../server/services'
import { CONSENT_WORDING } from '../../../server/services/sharing/consentWording'
import { CONTACT_DETAILS_MESSAGE } from '../../../server/services/sharing/contactDetails'
import { STEP_FIELDS } from '../../../server/services/sharing/sharingService'
import type { SaveResult, SharingAnswers, SharingStep } from '../../../server/services/sharing/contract'
import { aHub, ensureTerm } from '../../builders'
import { anAccount } from '../../support/accounts'
import { FROM_HOME, someAnswers } from '../../support/sharing'
import { aDatabase } from '../../support/testApp'

let db: Db
let services: Services
let accountId: number

// Hubs as in Thanet: Broadstairs (CT10) is inside the Thanet hub's five miles; Canterbury's
// hub is near but does not reach it; Sheffield is far away.
const BROADSTAIRS = { latitude: 51.3597, longitude: 1.4395 }

beforeAll(async () => {
  db = aDatabase()
  loadGazetteerIfEmpty(db)
  await importPostcodes(db, DEMO_POSTCODES_FILE)
  aHub(db, { slug: 'thanet', name: 'Thanet', ...BROADSTAIRS, radiusMiles: 5 })
  aHub(db, { slug: 'canterbury', name: 'Canterbury', latitude: 51.2802, longitude: 1.0789, radiusMiles: 3 })
  aHub(db, { slug: 'herne-bay', name: 'Herne Bay', latitude: 51.3724, longitude: 1.1283, radiusMiles: 2 })
  aHub(db, { slug: 'sheffield', name: 'Sheffield', latitude: 53.3811, longitude: -1.4701, radiusMiles: 5 })
  ensureTerm(db, 'skill', 'gardening')
  services = buildServices(db, testConfig())
})

afterAll(() => db.close())

beforeEach(async () => {
  accountId = (await anAccount(db)).id
})

const save = (step: SharingStep, answers: SharingAnswers): SaveResult =>
  services.sharing.saveAnswers(accountId, step, answers, FROM_HOME)

const problemsOf = (result: SaveResult) => (result.kind === 'problems' ? result.problems : [])

describe('Share your skills: each question checks its answers', () => {
  it('asks for a first name, of at most 50 letters, and keeps a last name only when given', () => {
    expect(problemsOf(save('name', { firstName: '  ' }))).toEqual([
      { field: 'firstName', message: 'Enter your first name' },
    ])
    expect(problemsOf(save('name', { firstName: 'A'.repeat(51) }))).toEqual([
      { field: 'firstName', message: 'Your first name must be 50 characters or fewer' },
    ])
    expect(save('name', { firstName: ' Margaret ', lastName: '' })).toEqual({ kind: 'saved' })
    expect(services.sharing.answersOf(accountId).answers).toEqual({ firstName: 'Margaret' })
    expect(save('name', { firstName: 'Margaret', lastName: 'Hughes' })).toEqual({ kind: 'saved' })
    expect(services.sharing.answersOf(accountId).answers.lastName).toBe('Hughes')
  })

  it('keeps only the postcode district of where someone lives, never the postcode (privacy rule 1)', () => {
    expect(problemsOf(save('where', { postcodeDistrict: 'not a place' }))).toEqual([
      { field: 'postcodeDistrict', message: 'Enter a town, village or postcode' },
    ])
    expect(save('where', { postcodeDistrict: 'ct10', placeLabel: 'CT10 1AB' })).toEqual({ kind: 'saved' })
    const { answers } = services.sharing.answersOf(accountId)
    expect(answers.postcodeDistrict).toBe('CT10')
    expect(answers.placeLabel).toBe('CT10')
    expect(JSON.stringify(answers)).not.toContain('1AB')
  })

  it('accepts a hub that exists, or "none of these", and nothing else', () => {
    expect(problemsOf(save('hub', { hubSlug: 'atlantis' }))).toEqual([
      { field: 'hubSlug', message: 'Choose your hub, or choose none of these' },
    ])
    expect(problemsOf(save('hub', {}))).toHaveLength(1)
    expect(save('hub', { hubSlug: null })).toEqual({ kind: 'saved' })
    expect(services.sharing.answersOf(accountId).answers.hubSlug).toBeNull()
    expect(save('hub', { hubSlug: 'thanet' })).toEqual({ kind: 'saved' })
    expect(services.sharing.answersOf(accountId).answers.hubSlug).toBe('thanet')
  })

  it('asks for at least one skill from the list or some words of their own, without contact details', () => {
    expect(problemsOf(save('skills', { skills: [], skillsInOwnWords: '' }))).toEqual([
      {
        field: 'skills',
        message: 'Choose at least one thing you are good at, or write it in your own words',
      },
    ])
    expect(problemsOf(save('skills', { skills: ['juggling-chainsaws'] }))).toEqual([
      { field: 'skills', message: 'Choose skills from the list' },
    ])
    expect(problemsOf(save('skills', { skillsInOwnWords: 'Call me on 07700.900.100' }))).toEqual([
      { field: 'skillsInOwnWords', message: CONTACT_DETAILS_MESSAGE },
    ])
    expect(save('skills', { skillsInOwnWords: 'Mending bicycles' })).toEqual({ kind: 'saved' })
    expect(save('skills', { skills: ['gardening', 'gardening'] })).toEqual({ kind: 'saved' })
    const { answers } = services.sharing.answersOf(accountId)
    expect(answers.skills).toEqual(['gardening'])
    expect(answers.skillsInOwnWords).toBe('')
  })

  it('asks how often, and refuses contact details in what they would like to share or when they are free', () => {
    expect(problemsOf(save('sharing', { wouldLikeToShare: 'Lifts to the shops' }))).toEqual([
      { field: 'howOften', message: 'Choose how often you would like to share' },
    ])
    expect(
      problemsOf(
        save('sharing', {
          howOften: 'most-weeks',
          wouldLikeToShare: 'Email pauline.harker [at] example.com',
          availability: 'Ring ０７７００ ９００１００ first',
        }),
      ),
    ).toEqual([
      { field: 'wouldLikeToShare', message: CONTACT_DETAILS_MESSAGE },
      { field: 'availability', message: CONTACT_DETAILS_MESSAGE },
    ])
    expect(
      save('sharing', {
        howOften: 'few-hours-month',
        wouldLikeToShare: 'Lifts at 10 o’clock',
        availability: '',
      }),
    ).toEqual({ kind: 'saved' })
    expect(services.sharing.answersOf(accountId).answers.howOften).toBe('few-hours-month')
  })

  it('asks for a phone number or email address only when that way is chosen, and drops it when it is not', () => {
    expect(problemsOf(save('contact', { contactWays: [] }))).toEqual([
      { field: 'contactWays', message: 'Choose how people should get in touch with you' },
    ])
    expect(problemsOf(save('contact', { contactWays: ['phone', 'email'] }))).toEqual([
      { field: 'phone', message: 'Enter your phone number' },
      { field: 'email', message: 'Enter your email address' },
    ])
    expect(
      problemsOf(
        save('contact', { contactWays: ['phone', 'email'], phone: '12345', email: 'pauline at home' }),
      ),
    ).toEqual([
      {
        field: 'phone',
        message: 'Enter a phone number in the correct format, like 01632 960 001 or 07700 900 982',
      },
      { field: 'email', message: 'Enter an email address in the correct format, like name@example.com' },
    ])
    expect(
      save('contact', {
        contactWays: ['through-hub', 'phone'],
        phone: '07700 900 456',
        email: 'not.chosen@example.com',
      }),
    ).toEqual({ kind: 'saved' })
    expect(services.sharing.answersOf(accountId).answers).toMatchObject({
      contactWays: ['through-hub', 'phone'],
      phone: '07700 900 456',
    })
    expect(services.sharing.answersOf(accountId).answers.email).toBeUndefined()

    expect(save('contact', { contactWays: ['through-hub'], phone: '07700 900 456' })).toEqual({
      kind: 'saved',
    })
    expect(services.sharing.answersOf(accountId).answers.phone).toBeUndefined()
  })

  it('asks who can see the profile: one of three choices', () => {
    expect(problemsOf(save('who-can-see', { visibility: 'friends' as 'public' }))).toEqual([
      { field: 'visibility', message: 'Choose who can see your profile' },
    ])
    expect(save('who-can-see', { visibility: 'hub' })).toEqual({ kind: 'saved' })
  })

  it('needs agreement to the current words of the consent statement', () => {
    expect(problemsOf(save('agreement', {}))).toEqual([
      { field: 'agreedVersion', message: 'Tick the box to say you agree' },
    ])
    expect(problemsOf(save('agreement', { agreedVersion: '2020-01-01' }))).toEqual([
      {
        field: 'agreedVersion',
        message: 'The words have changed since you read them. Please read them again',
      },
    ])
    expect(save('agreement', { agreedVersion: CONSENT_WORDING.version })).toEqual({ kind: 'saved' })
  })

  it('keeps only the fields of the page saved, whatever else is sent', () => {
    save('name', { firstName: 'Margaret', visibility: 'public', phone: '07700 900 456' })
    expect(services.sharing.answersOf(accountId).answers).toEqual({ firstName: 'Margaret' })
  })
})

describe('Share your skills: answers kept as a draft', () => {
  it('keeps the answers against the account, so a new session (or a new server) finds them', () => {
    save('name', { firstName: 'Margaret' })
    save('where', { postcodeDistrict: 'CT10', placeLabel: 'Broadstairs' })

    const afterTimeOut = buildServices(db, testConfig())

    expect(afterTimeOut.sharing.answersOf(accountId)).toEqual({
      answers: { firstName: 'Margaret', postcodeDistrict: 'CT10', placeLabel: 'Broadstairs' },
      hasProfile: false,
    })
    expect(afterTimeOut.sharing.nextUnanswered(accountId)).toBe('hub')
  })

  it('goes through the questions in order, and then to "Check your answers"', () => {
    const answers = someAnswers('thanet')
    const steps: SharingStep[] = []
    for (let step = services.sharing.nextUnanswered(accountId); step !== 'check';) {
      steps.push(step)
      expect(
        save(step, Object.fromEntries(STEP_FIELDS[step].map((field) => [field, answers[field]]))),
      ).toEqual({
        kind: 'saved',
      })
      step = services.sharing.nextUnanswered(accountId)
    }
    expect(steps).toEqual([
      'name',
      'where',
      'hub',
      'skills',
      'sharing',
      'contact',
      'who-can-see',
      'agreement',
    ])
  })

  it('does not finish before every question is answered, and says which comes next', () => {
    save('name', { firstName: 'Margaret' })
    expect(services.sharing.finish(accountId, FROM_HOME)).toEqual({ kind: 'incomplete', step: 'where' })
  })
})

describe('Share your skills: where you live and your hub', () => {
  it('finds the postcode district of a postcode, a sector, a district or a town', () => {
    expect(services.sharing.findWhere('CT10 1AB')).toEqual({
      kind: 'found',
      postcodeDistrict: 'CT10',
      placeLabel: 'CT10',
    })
    expect(services.sharing.findWhere('ct9 2')).toMatchObject({ kind: 'found', postcodeDistrict: 'CT9' })
    expect(services.sharing.findWhere('ct11')).toMatchObject({ kind: 'found', postcodeDistrict: 'CT11' })
    // A town: the district whose centre is nearest the town's.
    expect(services.sharing.findWhere('Broadstairs')).toEqual({
      kind: 'found',
      postcodeDistrict: 'CT10',
      placeLabel: 'Broadstairs',
    })
  })

  it('asks which one is meant for a shared name, and says plainly when a place is not found', () => {
    const newport = services.sharing.findWhere('Newport')
    expect(newport.kind).toBe('choose')
    expect(newport.kind === 'choose' && newport.options.length).toBeGreaterThan(1)
    expect(services.sharing.findWhere('Nowhereville-on-Sea')).toMatchObject({ kind: 'not-found' })
    expect(services.sharing.findWhere('')).toMatchObject({
      kind: 'not-found',
      message: 'Enter a town, village or postcode',
    })
  })

  it('lists the hubs whose area holds the place first, then the nearest, at most six or as asked', () => {
    const choices = services.sharing.hubChoices('CT10')
    expect(choices[0]).toMatchObject({ slug: 'thanet', covers: true })
    expect(choices.map((hub) => hub.slug)).toEqual(['thanet', 'herne-bay', 'canterbury'])
    expect(choices.slice(1).every((hub) => !hub.covers)).toBe(true)
    expect(choices[1]?.miles).toBeLessThan(choices[2]?.miles ?? 0)
    expect(services.sharing.hubChoices('CT10', 1)).toHaveLength(1)
    expect(services.sharing.hubChoices('ZZ99')).toEqual([])
  })
})

describe('Share your skills: the skill list and the consent statement', () => {
  it('shows every skill on the list in a group with a plain name', () => {
    const groups = services.sharing.skillGroups()
    const listed = groups.flatMap((group) => group.skills.map((skill) => skill.code))
    const onTheList = services.people.skillOptions().map((skill) => skill.code)
    expect([...listed].sort()).toEqual([...onTheList].sort())
    expect(groups.map((group) => group.name)).toContain('Home, garden and kitchen')
    expect(groups.find((group) => group.skills.some((skill) => skill.code === 'gardening'))?.name).toBe(
      'Home, garden and kitchen',
    )
    expect(
      groups.every((group) => group.skills.every((skill) => skill.name !== '' && skill.description !== '')),
    ).toBe(true)
  })

  it('has a version and says contact details are never shown and everything can be changed or deleted', () => {
    const statement = services.sharing.consentStatement()
    expect(statement.version).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    const words = statement.paragraphs.join(' ')
    expect(words).toMatch(/never shown/)
    expect(words).toMatch(/pause/)
    expect(words).toMatch(/download/)
    expect(words).toMatch(/delete/)
  })
})
