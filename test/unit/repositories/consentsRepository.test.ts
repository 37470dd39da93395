import type { Db } from '../../../db/connection'
import { AccountsRepository } from '../../../db/repositories/accountsRepository'
import { ConsentsRepository } from '../../../db/repositories/consentsRepository'
import { PeopleRepository } from '../../../db/repositories/peopleRepository'
import { SharingDraftsRepository } from '../../../db/repositories/sharingDraftsRepository'
import { aPerson, paperConsent } from '../../builders'
import { aDatabase } from '../../support/testApp'

/** Whether public pages can see the person at all: the view people_for_public_pages holds them. */
const onPublicPages = (db: Db, id: number): boolean =>
  db.prepare('SELECT 1 FROM people_for_public_pages WHERE id = ?').get(id) !== undefined

describe('consent and the people public pages may show', () => {
  let db: Db
  let consents: ConsentsRepository
  let people: PeopleRepository

  beforeEach(() => {
    db = aDatabase()
    consents = new ConsentsRepository(db)
    people = new PeopleRepository(db)
  })
  afterEach(() => db.close())

  it('shows a person only while a consent of theirs is in force', () => {
    const id = aPerson(db, { consent: 'none' })
    expect(onPublicPages(db, id)).toBe(false)

    const first = consents.record(paperConsent(id))
    expect(onPublicPages(db, id)).toBe(true)
    expect(consents.inForceFor(id)?.id).toBe(first)

    expect(consents.withdraw(id, '2026-12-01T10:00:00Z')).toBe(true)
    expect(onPublicPages(db, id)).toBe(false)
    expect(consents.inForceFor(id)).toBeNull()
    expect(consents.withdraw(id, '2026-12-01T10:00:00Z')).toBe(false)

    const second = consents.record({ ...paperConsent(id), method: 'online' })
    expect(onPublicPages(db, id)).toBe(true)
    expect(consents.consentsOf(id).map((c) => [c.id, c.withdrawnAt !== null])).toEqual([
      [first, true],
      [second, false],
    ])

    consents.deleteFor(id)
    expect(onPublicPages(db, id)).toBe(false)
  })

  it('hides a paused person, and shows them again when they resume', () => {
    const id = aPerson(db)
    expect(people.setPausedAt(id, '2026-12-01T10:00:00Z')).toBe(true)
    expect(onPublicPages(db, id)).toBe(false)
    expect(people.setPausedAt(id, '2026-12-02T10:00:00Z')).toBe(false)
    expect(people.setPausedAt(id, null)).toBe(true)
    expect(onPublicPages(db, id)).toBe(true)
  })

  it('moves the data version with every change of consent or pause, so cached pages update at once', () => {
    const id = aPerson(db, { consent: 'none' })
    const version = () => db.prepare<[], number>('SELECT version FROM data_version').pluck().get() ?? 0
    const before = version()
    consents.record(paperConsent(id))
    const afterConsent = version()
    consents.withdraw(id, '2026-12-01T10:00:00Z')
    const afterWithdrawal = version()
    people.setPausedAt(id, '2026-12-01T10:00:00Z')
    expect([afterConsent > before, afterWithdrawal > afterConsent, version() > afterWithdrawal]).toEqual([
      true,
      true,
      true,
    ])
  })
})

describe('drafts of answers', () => {
  it('keeps one per account, replaces it, and goes with the account', () => {
    const db = aDatabase()
    const accounts = new AccountsRepository(db)
    const drafts = new SharingDraftsRepository(db)
    const accountId = accounts.create({
      email: 'ottoline@example.com',
      displayName: 'Ottoline',
      passwordHash: null,
      at: '2026-12-01T10:00:00Z',
    })

    drafts.save(accountId, '{"firstName":"Otto"}', '2026-12-01T10:00:00Z')
    drafts.save(accountId, '{"firstName":"Ottoline"}', '2026-12-01T10:05:00Z')
    expect(drafts.find(accountId)).toEqual({
      answers: '{"firstName":"Ottoline"}',
      updatedAt: '2026-12-01T10:05:00Z',
    })

    accounts.delete(accountId)
    expect(drafts.find(accountId)).toBeNull()
    db.close()
  })
})
