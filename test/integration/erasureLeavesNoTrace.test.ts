/**
 * Nothing kept longer than it should be (issue 13): after a person erases their data (or a
 * peer lead erases it for them), and after the purge, their words are gone from the database
 * FILE itself and from its -wal file, not only from what queries return. Each story writes a
 * made-up word that appears nowhere else, checks that the file's bytes hold it (so the check
 * can fail), erases or purges through the app, closes the database, and reads the bytes again.
 * Also: the privacy notice states the periods in force.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import request from 'supertest'
import { aHub, aPerson, aWaitingRequest } from '../builders'
import { aBrowser, anAccount } from '../support/accounts'
import { shareSkills } from '../support/sharing'
import { aTestApp, type TestApp } from '../support/testApp'
import { openDatabase } from '../../db/connection'
import { migrate } from '../../db/migrate'
import { DAY_MS, isoSecond } from '../../server/services/accounts/times'

// Signing in hashes a password with Argon2id: slow on a busy machine.
jest.setTimeout(90_000)

let folder: string
let file: string
let testApp: TestApp

/** The app over a real database file (WAL and all), as `npm start` runs it. */
function anAppOnAFile(): TestApp {
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-erasure-'))
  file = path.join(folder, 'common-ground.sqlite')
  const db = openDatabase(file)
  migrate(db)
  return aTestApp({ db })
}

/** Every byte SQLite keeps for this database: the file, and its write-ahead log if there is one. */
function bytesOnDisk(): string {
  return [file, `${file}-wal`]
    .filter((name) => fs.existsSync(name))
    .map((name) => fs.readFileSync(name).toString('latin1').toLowerCase())
    .join('\n')
}

/** Which of the words the database's files hold, in any case. */
const wordsOnDisk = (words: readonly string[]): string[] => {
  const bytes = bytesOnDisk()
  return words.filter((word) => bytes.includes(word.toLowerCase()))
}

beforeEach(() => {
  testApp = anAppOnAFile()
})

afterEach(() => {
  if (testApp.db.open) testApp.db.close()
  fs.rmSync(folder, { recursive: true, force: true })
})

const now = () => Date.now()

describe('erasing a person leaves none of their words in the database file', () => {
  const HERS = [
    'Xylophorbix',
    'Quorblenfast',
    'Vantrixelle',
    'xylophorbix.own@example.com',
    'xylo.account@example.org',
  ]

  it('after she deletes her data through "Your profile", and the purge runs', async () => {
    const { db, services, app } = testApp
    aHub(db, { slug: 'thanet', name: 'Thanet', latitude: 51.36, longitude: 1.4, radiusMiles: 6 })
    const account = await anAccount(db, { email: 'xylo.account@example.org', name: 'Xylophorbix' })
    shareSkills(services.sharing, account.id, {
      firstName: 'Ottoline',
      lastName: 'Xylophorbix',
      postcodeDistrict: 'CT9',
      placeLabel: 'Margate',
      hubSlug: 'thanet',
      skills: ['gardening'],
      skillsInOwnWords: 'I mend Quorblenfast clocks and grow beans.',
      wouldLikeToShare: 'Showing people how to tie Vantrixelle knots.',
      howOften: 'few-hours-month',
      availability: 'Weekday mornings',
      contactWays: ['through-hub', 'email'],
      email: 'xylophorbix.own@example.com',
      visibility: 'public',
      agreedVersion: services.sharing.consentStatement().version,
    })
    // Her profile shows (so her words are really in the file and the check can find them).
    expect((await request(app).get('/people?hub=thanet')).text).toContain('Ottoline X.')
    expect(wordsOnDisk(HERS)).toEqual(HERS)

    const browser = aBrowser(app)
    expect((await browser.signIn(account.email, account.password)).status).toBe(303)
    const deleted = await browser.submit('/your-profile/delete', '/your-profile/delete', {})
    expect(deleted.headers.location).toBe('/your-profile/deleted')
    expect((await services.retention.purge()).checkpointed).toBe(true)
    db.close()

    expect(wordsOnDisk(HERS)).toEqual([])
  })

  it('after a peer lead deletes it on her behalf', async () => {
    const { db, app } = testApp
    const hubId = aHub(db, {
      slug: 'thanet',
      name: 'Thanet',
      latitude: 51.36,
      longitude: 1.4,
      radiusMiles: 6,
    })
    const personId = aPerson(db, {
      hubId,
      firstName: 'Ottoline',
      lastName: 'Xylophorbix',
      skillsInOwnWords: 'I mend Quorblenfast clocks and grow beans.',
      wouldLikeToShare: 'Showing people how to tie Vantrixelle knots.',
      email: 'xylophorbix.own@example.com',
    })
    const lead = await anAccount(db, { role: 'peer_lead', hubIds: [hubId] })
    const theirs = ['Xylophorbix', 'Quorblenfast', 'Vantrixelle', 'xylophorbix.own@example.com']
    expect(wordsOnDisk(theirs)).toEqual(theirs)

    const browser = aBrowser(app)
    expect((await browser.signIn(lead.email, lead.password)).status).toBe(303)
    const deleted = await browser.submit(
      `/coordinate/people/${personId}/delete`,
      `/coordinate/people/${personId}/delete`,
      { reason: 'She rang and asked us to' },
    )
    expect(deleted.status).toBe(200)
    await testApp.services.retention.purge()
    db.close()

    expect(wordsOnDisk(theirs)).toEqual([])
  })
})

describe('the purge leaves none of what it removed in the database file', () => {
  it('removes a kept email older than 30 days from the file, and keeps a newer one', async () => {
    const { db, services } = testApp
    services.repositories.outbox.add({
      to: 'plumbrake@example.org',
      subject: 'Your Plumbrakewidget link',
      body: 'Open this to sign in, Plumbrakewidget.',
      createdAt: isoSecond(new Date(now() - 31 * DAY_MS)),
    })
    services.repositories.outbox.add({
      to: 'recent@example.org',
      subject: 'Your Sorrelquince link',
      body: 'Still within its 30 days.',
      createdAt: isoSecond(new Date(now() - 29 * DAY_MS)),
    })
    expect(wordsOnDisk(['Plumbrakewidget', 'Sorrelquince'])).toEqual(['Plumbrakewidget', 'Sorrelquince'])

    const report = await services.retention.purge()
    db.close()

    expect(report.removed.outbox).toBe(1)
    expect(wordsOnDisk(['Plumbrakewidget', 'plumbrake@example.org', 'Sorrelquince'])).toEqual([
      'Sorrelquince',
    ])
  })

  it('zeroes a long email’s pages too, not only its place in the table (secure_delete ON, not FAST)', async () => {
    const { db, services } = testApp
    // Longer than a page: most of it lives on overflow pages, which go to the free list.
    const body = `${'A letter about the Fennelwhistle garden club. '.repeat(400)}Fennelwhistle.`
    services.repositories.outbox.add({
      to: 'fennel@example.org',
      subject: 'A long letter',
      body,
      createdAt: isoSecond(new Date(now() - 40 * DAY_MS)),
    })
    expect(wordsOnDisk(['Fennelwhistle'])).toEqual(['Fennelwhistle'])

    await services.retention.purge()
    db.close()

    expect(wordsOnDisk(['Fennelwhistle', 'fennel@example.org'])).toEqual([])
  })

  it('anonymises an introduction closed over 12 months ago, leaving its words nowhere in the file', async () => {
    const { db, services } = testApp
    const hubId = aHub(db)
    const words = ['Grelvindora', 'grelvindora@example.net', 'Brackenmoth', 'Tussockvale', 'Hollowpine']
    const id = aWaitingRequest(db, {
      hubId,
      requesterName: 'Grelvindora Smith',
      requesterEmail: 'grelvindora@example.net',
      helpWanted: 'Help to set up my Brackenmoth tablet, please.',
      requesterArea: 'Tussockvale',
    })
    const closedAt = new Date(now())
    closedAt.setUTCMonth(closedAt.getUTCMonth() - 13)
    services.repositories.introductions.close(
      id,
      ['waiting'],
      'withdrawn',
      'Hollowpine sorted it',
      isoSecond(closedAt),
    )
    expect(wordsOnDisk(words)).toEqual(words)

    const report = await services.retention.purge()
    db.close()

    expect(report.removed.introductions).toBe(1)
    expect(wordsOnDisk(words)).toEqual([])
  })
})

describe('the privacy notice', () => {
  it('states how long each kind of data is kept, from the settings in force', async () => {
    const { app } = aTestApp({
      config: {
        outboxRetentionDays: 21,
        sharingDraftRetentionDays: 45,
        expiredLinkRetentionDays: 3,
        introductionRetentionMonths: 18,
        auditRetentionDays: 365,
        withdrawnProfileRetentionDays: 60,
      },
    })

    const page = (await request(app).get('/privacy').expect(200)).text

    expect(page).toContain('Copies of emails we send you, when we keep one: 21 days.')
    expect(page).toContain('but did not finish: 45 days after you last changed them.')
    expect(page).toContain('We delete our record of a link 3 days after it stops working.')
    expect(page).toContain('A request to be put in touch: until 18 months after it is closed.')
    expect(page).toContain(
      'If you take back your agreement, we keep them for 60 days, so that you can change your mind, and then delete them for good',
    )
    expect(page).toContain('who opened your contact details and why: 1 year from when each thing happened')
    expect(page).toContain(
      'after 30 days without using the site (30 minutes for coordinators, peer leads and admins)',
    )
  })

  it('states the defaults when nothing is set', async () => {
    const page = (await request(aTestApp().app).get('/privacy').expect(200)).text

    expect(page).toContain('when we keep one: 30 days.')
    expect(page).toContain('90 days after you last changed them.')
    expect(page).toContain('7 days after it stops working.')
    expect(page).toContain('until 12 months after it is closed.')
    expect(page).toContain('2 years from when each thing happened')
    expect(page).toContain('If you take back your agreement, we keep them for 90 days')
    // Nothing asks people who have not been heard from whether they want to stay listed, so
    // the notice must not say that anything does.
    expect(page).not.toContain('want to stay listed')
  })
})
