import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import request from 'supertest'
import { openDatabase, type Db } from '../../db/connection'
import { DEMO_POSTCODES_FILE } from '../../db/demoPostcodes'
import { importPostcodes } from '../../db/importPostcodes'
import { migrate } from '../../db/migrate'
import { addresses } from '../../server/addresses'
import { createApp } from '../../server/app'
import { testConfig } from '../../server/config'
import { createLogger } from '../../server/logger'
import { buildServices, type Services } from '../../server/services'
import { CONSENT_WORDING } from '../../server/services/sharing/consentWording'
import { VISITOR } from '../../server/services/viewer'
import { aHub, aPerson, ensureTerm } from '../builders'
import { anAccount } from '../support/accounts'
import { columnsHolding, FROM_HOME, shareSkills, someAnswers } from '../support/sharing'
import { aDatabase } from '../support/testApp'

const BROADSTAIRS = { latitude: 51.3597, longitude: 1.4395 }

/** A database with the demo postcodes, the Thanet hub and the gardening skill; and the app's services over it. */
async function aWorld(db: Db = aDatabase()) {
  await importPostcodes(db, DEMO_POSTCODES_FILE)
  const thanet = aHub(db, { slug: 'thanet', name: 'Thanet', ...BROADSTAIRS, radiusMiles: 5 })
  ensureTerm(db, 'skill', 'gardening', 'Gardening')
  const services = buildServices(db, testConfig())
  return { db, services, thanet }
}

/** The names a visitor sees on /people for one skill, through PeopleService. */
function namesOnPeoplePage(services: Services, skillCode: string): string[] {
  const page = services.people.visibleTo(VISITOR).peoplePage({ skillCode, page: 1 })
  return page.kind === 'hubs' ? page.hubs.flatMap((hub) => hub.profiles.map((p) => p.displayName)) : []
}

function namesNearBroadstairs(services: Services, words: string[]): string[] {
  return (
    services.people
      .visibleTo(VISITOR)
      .sharingNear({ point: BROADSTAIRS, words })
      ?.profiles.map((p) => p.displayName) ?? []
  )
}

describe('finishing "Share your skills"', () => {
  it('makes the profile, its skills, the consent and the hub membership at once, and the draft goes', async () => {
    const { db, services, thanet } = await aWorld()
    const { id: accountId } = await anAccount(db)
    const versionBefore = services.repositories.dataVersion.current()

    const personId = shareSkills(services.sharing, accountId, someAnswers('thanet'))

    const profile = services.profiles.profileOf(accountId)
    expect(profile).toMatchObject({
      personId,
      status: 'shown',
      hub: { slug: 'thanet', name: 'Thanet' },
      skillNames: ['Gardening'],
      consent: {
        version: CONSENT_WORDING.version,
        method: 'online',
        recordedByAccountId: accountId,
        withdrawnAt: null,
      },
    })
    expect(profile?.answers).toMatchObject({
      firstName: 'Zenobia',
      postcodeDistrict: 'CT10',
      visibility: 'public',
    })
    expect(services.repositories.accounts.hubIdsOf(accountId)).toEqual([thanet])
    expect(services.repositories.sharingDrafts.find(accountId)).toBeNull()
    expect(services.sharing.answersOf(accountId).hasProfile).toBe(true)
    expect(services.repositories.dataVersion.current()).toBeGreaterThan(versionBefore)
    const audit = services.repositories.auditLog.find({ action: 'profile-created' }, { offset: 0, limit: 10 })
    expect(audit.rows).toMatchObject([{ accountId, recordType: 'person', recordId: String(personId) }])
  })

  it('leaves nothing half-saved when any part fails: no person, consent or membership, and the draft is kept', async () => {
    const { db, services } = await aWorld()
    const { id: accountId } = await anAccount(db)
    const answers = someAnswers('thanet')
    // Every page answered; then the consent's write fails, as a full disc might make it.
    expect(() => shareSkills(services.sharing, accountId, answers)).not.toThrow()
    const { id: secondId } = await anAccount(db)
    db.exec(`CREATE TEMP TRIGGER consent_fails BEFORE INSERT ON consents
             BEGIN SELECT RAISE(ABORT, 'the disc is full'); END`)
    const peopleBefore = db.prepare('SELECT COUNT(*) AS n FROM people').get()

    expect(() => shareSkills(services.sharing, secondId, answers)).toThrow('the disc is full')

    expect(db.prepare('SELECT COUNT(*) AS n FROM people').get()).toEqual(peopleBefore)
    expect(services.profiles.profileOf(secondId)).toBeNull()
    expect(services.repositories.accounts.hubIdsOf(secondId)).toEqual([])
    expect(services.repositories.sharingDrafts.find(secondId)).not.toBeNull()
    expect(services.sharing.answersOf(secondId).answers.firstName).toBe('Zenobia')
    db.exec('DROP TRIGGER temp.consent_fails')
    expect(services.sharing.finish(secondId, FROM_HOME).kind).toBe('finished')
  })

  it('makes the skills searchable at once: /people for the skill and "People near you who share this skill"', async () => {
    const { db, services } = await aWorld()
    const app = createApp({ services, logger: createLogger('silent') })
    const { id: accountId } = await anAccount(db)
    // Asked before, so any cached answer would be stale after.
    expect(namesOnPeoplePage(services, 'gardening')).toEqual([])
    expect(namesNearBroadstairs(services, ['gardening'])).toEqual([])
    const before = await request(app).get(addresses.people({ skill: 'gardening' }))
    expect(before.text).not.toContain('Zenobia')

    shareSkills(services.sharing, accountId, someAnswers('thanet'))

    expect(namesOnPeoplePage(services, 'gardening')).toEqual(['Zenobia Q.'])
    expect(namesNearBroadstairs(services, ['gardening'])).toEqual(['Zenobia Q.'])
    const after = await request(app).get(addresses.people({ skill: 'gardening' }))
    expect(after.text).toContain('Zenobia Q.')
    expect(after.text).not.toContain('Quillfeather')
    expect(after.text).not.toContain('07700 900 456')
  })
})

describe('changing a profile', () => {
  it('writes a change of who can see it to the audit log, and it takes effect at once', async () => {
    const { db, services } = await aWorld()
    const { id: accountId } = await anAccount(db)
    const personId = shareSkills(services.sharing, accountId, someAnswers('thanet'))
    expect(namesOnPeoplePage(services, 'gardening')).toEqual(['Zenobia Q.'])

    const saved = services.sharing.saveAnswers(accountId, 'who-can-see', { visibility: 'hub' }, FROM_HOME)

    expect(saved).toEqual({ kind: 'saved' })
    expect(namesOnPeoplePage(services, 'gardening')).toEqual([])
    const audit = services.repositories.auditLog.find(
      { action: 'profile-visibility-changed' },
      { offset: 0, limit: 10 },
    )
    expect(audit.rows).toMatchObject([
      {
        accountId,
        recordId: String(personId),
        detail: 'From everyone to members of the hub',
        ip: FROM_HOME.ip,
      },
    ])
  })

  it('refuses contact details in a profile’s own words, as on the first time', async () => {
    const { db, services } = await aWorld()
    const { id: accountId } = await anAccount(db)
    shareSkills(services.sharing, accountId, someAnswers('thanet'))

    const saved = services.sharing.saveAnswers(
      accountId,
      'skills',
      { skills: ['gardening'], skillsInOwnWords: 'zenobia at example dot com' },
      FROM_HOME,
    )

    expect(saved.kind).toBe('problems')
    expect(services.profiles.profileOf(accountId)?.answers.skillsInOwnWords).toBe(
      'I grew prize marrows for thirty years.',
    )
  })
})

describe('pausing and withdrawing consent', () => {
  it('hides a paused profile from every page at once, and shows it again when resumed', async () => {
    const { db, services } = await aWorld()
    const { id: accountId } = await anAccount(db)
    shareSkills(services.sharing, accountId, someAnswers('thanet'))
    expect(namesOnPeoplePage(services, 'gardening')).toEqual(['Zenobia Q.'])

    expect(services.profiles.pause(accountId, FROM_HOME)).toBe(true)
    expect(namesOnPeoplePage(services, 'gardening')).toEqual([])
    expect(namesNearBroadstairs(services, ['gardening'])).toEqual([])
    expect(services.people.visibleTo(VISITOR).peopleByHub().size).toBe(0)
    expect(services.profiles.profileOf(accountId)?.status).toBe('paused')
    expect(services.profiles.pause(accountId, FROM_HOME)).toBe(false)

    expect(services.profiles.resume(accountId, FROM_HOME)).toBe(true)
    expect(namesOnPeoplePage(services, 'gardening')).toEqual(['Zenobia Q.'])
    const actions = services.repositories.auditLog
      .find({ accountId }, { offset: 0, limit: 20 })
      .rows.map((row) => row.action)
    expect(actions).toEqual(expect.arrayContaining(['profile-paused', 'profile-resumed']))
  })

  it('hides the profile at once when consent is withdrawn, and shows it again only after agreeing again', async () => {
    const { db, services } = await aWorld()
    const { id: accountId } = await anAccount(db)
    const personId = shareSkills(services.sharing, accountId, someAnswers('thanet'))
    expect(namesOnPeoplePage(services, 'gardening')).toEqual(['Zenobia Q.'])

    expect(services.profiles.withdrawConsent(accountId, FROM_HOME)).toBe(true)

    expect(namesOnPeoplePage(services, 'gardening')).toEqual([])
    expect(namesNearBroadstairs(services, ['gardening'])).toEqual([])
    const profile = services.profiles.profileOf(accountId)
    expect(profile?.status).toBe('withdrawn')
    expect(profile?.consent?.withdrawnAt).not.toBeNull()
    expect(services.sharing.nextUnanswered(accountId)).toBe('agreement')
    expect(services.profiles.withdrawConsent(accountId, FROM_HOME)).toBe(false)
    const audit = services.repositories.auditLog.find(
      { action: 'consent-withdrawn' },
      { offset: 0, limit: 10 },
    )
    expect(audit.rows).toMatchObject([{ accountId, recordId: String(personId) }])

    // Changing an answer is not agreeing again.
    services.sharing.saveAnswers(accountId, 'name', { firstName: 'Zenobia', lastName: 'Q' }, FROM_HOME)
    expect(namesOnPeoplePage(services, 'gardening')).toEqual([])

    expect(
      services.sharing.saveAnswers(
        accountId,
        'agreement',
        { agreedVersion: CONSENT_WORDING.version },
        FROM_HOME,
      ),
    ).toEqual({ kind: 'saved' })
    expect(namesOnPeoplePage(services, 'gardening')).toEqual(['Zenobia Q.'])
    expect(services.repositories.consents.consentsOf(personId)).toHaveLength(2)
  })
})

describe('people without consent in force', () => {
  it('are on no public page, nor counted: never given, or withdrawn', async () => {
    const { db, services, thanet } = await aWorld()
    aPerson(db, { firstName: 'Given', hubId: thanet, skills: ['gardening'] })
    aPerson(db, { firstName: 'Never', hubId: thanet, skills: ['gardening'], consent: 'none' })
    aPerson(db, { firstName: 'Withdrawn', hubId: thanet, skills: ['gardening'], consent: 'withdrawn' })
    aPerson(db, {
      firstName: 'Hidden',
      hubId: thanet,
      skills: ['gardening'],
      visibility: 'hub',
      consent: 'none',
    })

    expect(namesOnPeoplePage(services, 'gardening').map((name) => name.split(' ')[0])).toEqual(['Given'])
    expect(services.people.visibleTo(VISITOR).peopleByHub([thanet]).get(thanet)).toEqual({
      named: 1,
      othersToo: false,
    })
  })
})

describe('what others would see', () => {
  it('shows, for each visibility, the first name and initial, hub and skills, never contact details, last name or district', async () => {
    const { db, services } = await aWorld()
    const { id: accountId } = await anAccount(db)
    shareSkills(services.sharing, accountId, someAnswers('thanet'))

    const previews = services.profiles.previews(accountId)

    expect(previews.map((preview) => preview.visibility)).toEqual(['coordinators', 'hub', 'public'])
    for (const preview of previews) {
      expect(preview).toMatchObject({
        displayName: 'Zenobia Q.',
        hubName: 'Thanet',
        skills: ['Gardening'],
        howToGetInTouch: 'through the hub',
      })
      expect(preview.whoSees).toMatch(/\.$/)
      const shown = JSON.stringify(preview)
      for (const secret of ['Quillfeather', '07700 900 456', 'zenobia.q@example.com', 'CT10'])
        expect(shown).not.toContain(secret)
    }
  })
})

describe('downloading your data', () => {
  it('holds every record about the person, with what it is, and nobody else’s', async () => {
    const { db, services } = await aWorld()
    const zenobia = await anAccount(db, { email: 'zenobia.q@example.com', name: 'Zenobia Quillfeather' })
    const bartholomew = await anAccount(db, { email: 'bart.w@example.com', name: 'Bartholomew Wintergreen' })
    const zenobiaId = shareSkills(services.sharing, zenobia.id, someAnswers('thanet'))
    shareSkills(
      services.sharing,
      bartholomew.id,
      someAnswers('thanet', {
        firstName: 'Bartholomew',
        lastName: 'Wintergreen',
        phone: '07700 900 999',
        email: 'bart.w@example.com',
        skillsInOwnWords: 'Tuning pianos',
      }),
    )
    services.profiles.pause(zenobia.id, FROM_HOME)
    services.profiles.pause(bartholomew.id, FROM_HOME)
    for (const account of [zenobia, bartholomew])
      services.audit.record({
        accountId: account.id,
        action: 'sign-in',
        recordType: 'account',
        recordId: account.id,
      })

    const file = services.profiles.download(zenobia.id)
    const text = JSON.stringify(file)

    expect(Array.isArray(file.aboutThisFile)).toBe(true)
    expect(file.account).toMatchObject({ id: zenobia.id, email: 'zenobia.q@example.com' })
    expect(file.profile).toMatchObject({
      id: zenobiaId,
      firstName: 'Zenobia',
      lastName: 'Quillfeather',
      phone: '07700 900 456',
      email: 'zenobia.q@example.com',
      postcodeDistrict: 'CT10',
      status: 'paused',
    })
    expect(file.skills).toEqual([{ code: 'gardening', name: 'Gardening' }])
    expect(file.consents).toMatchObject([{ version: CONSENT_WORDING.version, method: 'online' }])
    expect(file.introductions).toEqual([])
    const actions = (file.auditEntries as { action: string; recordId: string | null }[]).map((e) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['sign-in', 'profile-created', 'profile-paused']))
    // Nobody else's.
    for (const theirs of [
      'Bartholomew',
      'Wintergreen',
      '07700 900 999',
      'bart.w@example.com',
      'Tuning pianos',
    ])
      expect(text).not.toContain(theirs)
    expect(
      (file.auditEntries as { accountId: number | null }[]).every(
        (entry) => entry.accountId === zenobia.id || entry.accountId === null,
      ),
    ).toBe(true)
    // No secrets: the password hash and two-step secrets are not records about the person.
    expect(text).not.toMatch(/argon2|password_?hash|secret/i)
  })

  it('holds the draft of someone who has not finished', async () => {
    const { db, services } = await aWorld()
    const { id: accountId } = await anAccount(db)
    services.sharing.saveAnswers(accountId, 'name', { firstName: 'Ottoline' }, FROM_HOME)

    const file = services.profiles.download(accountId)

    expect(file.profile).toBeNull()
    expect(file.draft).toMatchObject({ answers: { firstName: 'Ottoline' } })
  })
})

describe('deleting your data', () => {
  let folder: string
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'common-ground-delete-'))
  })
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }))

  it('leaves the name, email and phone in no table, nor in the database file or its WAL', async () => {
    const file = path.join(folder, 'common-ground.sqlite')
    const db = openDatabase(file)
    migrate(db)
    const { services } = await aWorld(db)
    const app = createApp({ services, logger: createLogger('silent') })
    const { id: accountId } = await anAccount(db, {
      email: 'zenobia.q@example.com',
      name: 'Zenobia Quillfeather',
    })
    // Someone else, who stays.
    const { id: otherId } = await anAccount(db, { email: 'bart.w@example.com', name: 'Bartholomew W' })
    const bartholomew = {
      firstName: 'Bartholomew',
      lastName: 'Wintergreen',
      phone: '07700 900 999',
      email: 'bart.w@example.com',
    }
    shareSkills(services.sharing, otherId, someAnswers('thanet', bartholomew))
    const personId = shareSkills(services.sharing, accountId, someAnswers('thanet'))
    services.repositories.sessions.save({
      sid: 'zenobia-session',
      accountId,
      data: JSON.stringify({ accountId, email: 'zenobia.q@example.com' }),
      expiresAt: Date.now() + 60_000,
    })
    services.repositories.outbox.add({
      to: 'Zenobia.Q@example.com',
      subject: 'Confirm your email address',
      body: 'Hello Zenobia Quillfeather',
      createdAt: '2026-12-01T10:00:00Z',
    })
    // An email address they asked to change to, and the email sent to it.
    services.repositories.emailedLinks.create({
      tokenHash: 'a'.repeat(64),
      accountId,
      purpose: 'change-email',
      newEmail: 'zenobia.new@example.com',
      at: '2026-12-01T10:00:00Z',
      expiresAt: '2026-12-02T10:00:00Z',
    })
    services.repositories.outbox.add({
      to: 'zenobia.new@example.com',
      subject: 'Confirm your new email address',
      body: 'Hello Zenobia',
      createdAt: '2026-12-01T10:00:00Z',
    })
    services.sharing.saveAnswers(
      accountId,
      'sharing',
      { howOften: 'most-weeks', wouldLikeToShare: 'Seeds' },
      FROM_HOME,
    )
    expect((await request(app).get(addresses.people({ skill: 'gardening' }))).text).toContain('Zenobia Q.')

    services.profiles.deleteEverything(accountId, FROM_HOME)

    expect(services.profiles.profileOf(accountId)).toBeNull()
    expect(services.repositories.accounts.find(accountId)).toBeNull()
    expect(services.repositories.consents.consentsOf(personId)).toEqual([])
    expect((await request(app).get(addresses.people({ skill: 'gardening' }))).text).not.toContain('Zenobia')
    const erased = [
      'zenobia.q@example.com',
      'zenobia.new@example.com',
      '07700 900 456',
      'Zenobia',
      'Quillfeather',
    ]
    for (const words of erased) expect({ words, in: columnsHolding(db, words) }).toEqual({ words, in: [] })
    // The other person is still there.
    expect(columnsHolding(db, 'bart.w@example.com')).not.toEqual([])
    // Only the account's number is kept, in the audit log.
    const deleted = services.repositories.auditLog.find({ action: 'data-deleted' }, { offset: 0, limit: 10 })
    expect(deleted.rows).toMatchObject([
      { accountId, recordType: 'account', recordId: String(accountId), ip: null },
    ])

    const bytes = [file, `${file}-wal`]
      .filter((name) => fs.existsSync(name))
      .map((name) => fs.readFileSync(name))
    expect(bytes.length).toBeGreaterThan(0)
    for (const words of erased)
      for (const content of bytes)
        expect({ words, found: content.includes(Buffer.from(words)) }).toEqual({ words, found: false })
    db.close()
  })
})
