/**
 * Withdrawn profiles are kept for WITHDRAWN_PROFILE_RETENTION_DAYS, so that the person can
 * change their mind, and then the daily purge deletes them as "Delete your data" would: nothing
 * of theirs is left in any table. Someone who gives their consent again is kept.
 */
import type { Db } from '../../db/connection'
import { DEMO_POSTCODES_FILE } from '../../db/demoPostcodes'
import { importPostcodes } from '../../db/importPostcodes'
import { testConfig } from '../../server/config'
import { buildServices, type Services } from '../../server/services'
import { DAY_MS } from '../../server/services/accounts/times'
import { fixedClock } from '../../server/services/clock'
import { CONSENT_WORDING } from '../../server/services/sharing/consentWording'
import { aHub, aPerson, ensureTerm } from '../builders'
import { anAccount } from '../support/accounts'
import { columnsHolding, FROM_HOME, shareSkills, someAnswers } from '../support/sharing'
import { aDatabase } from '../support/testApp'

// anAccount hashes a password with Argon2id: slow on a busy machine.
jest.setTimeout(60_000)

const WITHDRAWN_ON = '2026-12-01T10:00:00Z'
const daysAfterWithdrawing = (days: number) =>
  new Date(new Date(WITHDRAWN_ON).getTime() + days * DAY_MS).toISOString()

describe('a profile whose consent was withdrawn', () => {
  let db: Db
  let thanet: number

  /** The app's services over the test database, with the clock at `iso`. */
  const servicesAt = (iso: string): Services =>
    buildServices(db, testConfig({ withdrawnProfileRetentionDays: 90 }), fixedClock(iso))

  /** Zenobia shares her skills and, the same day, withdraws her consent. */
  async function zenobiaWithdraws(): Promise<{ accountId: number; personId: number }> {
    const services = servicesAt(WITHDRAWN_ON)
    const { id: accountId } = await anAccount(db, { email: 'zenobia.q@example.com', name: 'Zenobia' })
    const personId = shareSkills(services.sharing, accountId, someAnswers('thanet'))
    services.repositories.outbox.add({
      to: 'zenobia.q@example.com',
      subject: 'Thank you for sharing your skills',
      body: 'Hello Zenobia Quillfeather',
      createdAt: WITHDRAWN_ON,
    })
    expect(services.profiles.withdrawConsent(accountId, FROM_HOME)).toBe(true)
    return { accountId, personId }
  }

  beforeEach(async () => {
    db = aDatabase()
    await importPostcodes(db, DEMO_POSTCODES_FILE)
    thanet = aHub(db, {
      slug: 'thanet',
      name: 'Thanet',
      latitude: 51.3597,
      longitude: 1.4395,
      radiusMiles: 5,
    })
    ensureTerm(db, 'skill', 'gardening', 'Gardening')
  })

  it('is kept for the set days, so that she can change her mind', async () => {
    const { accountId } = await zenobiaWithdraws()
    const later = servicesAt(daysAfterWithdrawing(89))

    const report = await later.retention.purge()

    expect(report.removed.withdrawnProfiles).toBe(0)
    expect(later.profiles.profileOf(accountId)).toMatchObject({ status: 'withdrawn' })
    expect(columnsHolding(db, 'Quillfeather')).not.toEqual([])
  })

  it('is then deleted completely, as "Delete your data" deletes it, and the audit log keeps only its number', async () => {
    const { accountId, personId } = await zenobiaWithdraws()
    // Someone still shown, who must stay.
    const shown = aPerson(db, { hubId: thanet, firstName: 'Bartholomew', email: 'bart.w@example.com' })
    const later = servicesAt(daysAfterWithdrawing(91))

    const report = await later.retention.purge()

    expect(report.removed.withdrawnProfiles).toBe(1)
    expect(report.failed).toEqual([])
    expect(later.profiles.profileOf(accountId)).toBeNull()
    expect(later.repositories.accounts.find(accountId)).toBeNull()
    expect(later.repositories.consents.consentsOf(personId)).toEqual([])
    for (const words of [
      'zenobia.q@example.com',
      '07700 900 456',
      'Zenobia',
      'Quillfeather',
      'prize marrows',
    ])
      expect({ words, in: columnsHolding(db, words) }).toEqual({ words, in: [] })
    expect(later.repositories.consents.inForceFor(shown)).not.toBeNull()
    expect(columnsHolding(db, 'bart.w@example.com')).not.toEqual([])
    const entries = later.repositories.auditLog.find(
      { action: 'withdrawn-profile-deleted' },
      { offset: 0, limit: 10 },
    )
    expect(entries.rows).toMatchObject([
      { accountId: null, recordType: 'person', recordId: String(personId), ip: null },
    ])

    // A second run has nothing more to delete.
    expect((await later.retention.purge()).removed.withdrawnProfiles).toBe(0)
  })

  it('is kept when she gives her consent again, however long after', async () => {
    const { accountId } = await zenobiaWithdraws()
    const saved = servicesAt(daysAfterWithdrawing(10)).sharing.saveAnswers(
      accountId,
      'agreement',
      { agreedVersion: CONSENT_WORDING.version },
      FROM_HOME,
    )
    expect(saved.kind).toBe('saved')
    const later = servicesAt(daysAfterWithdrawing(400))

    const report = await later.retention.purge()

    expect(report.removed.withdrawnProfiles).toBe(0)
    expect(later.profiles.profileOf(accountId)).toMatchObject({ status: 'shown' })
  })

  it('counts again from when she withdraws a second time', async () => {
    const { accountId } = await zenobiaWithdraws()
    const tenDaysOn = servicesAt(daysAfterWithdrawing(10))
    tenDaysOn.sharing.saveAnswers(
      accountId,
      'agreement',
      { agreedVersion: CONSENT_WORDING.version },
      FROM_HOME,
    )
    const twentyDaysOn = servicesAt(daysAfterWithdrawing(20))
    expect(twentyDaysOn.profiles.withdrawConsent(accountId, FROM_HOME)).toBe(true)

    expect((await servicesAt(daysAfterWithdrawing(100)).retention.purge()).removed.withdrawnProfiles).toBe(0)
    expect((await servicesAt(daysAfterWithdrawing(111)).retention.purge()).removed.withdrawnProfiles).toBe(1)
    expect(columnsHolding(db, 'Quillfeather')).toEqual([])
  })

  it('registered on their behalf, with no account, is deleted the same way', async () => {
    // The builder withdraws consent on 15 November 2026.
    const personId = aPerson(db, {
      hubId: thanet,
      firstName: 'Philippa',
      lastName: 'Onbehalfson',
      email: 'philippa.o@example.com',
      consent: 'withdrawn',
    })

    expect((await servicesAt('2027-02-12T10:00:00Z').retention.purge()).removed.withdrawnProfiles).toBe(0)
    const report = await servicesAt('2027-02-14T10:00:00Z').retention.purge()

    expect(report.removed.withdrawnProfiles).toBe(1)
    expect(columnsHolding(db, 'Onbehalfson')).toEqual([])
    expect(columnsHolding(db, 'philippa.o@example.com')).toEqual([])
    expect(db.prepare('SELECT COUNT(*) FROM consents WHERE person_id = ?').pluck().get(personId)).toBe(0)
  })

  it('goes in bounded batches, and the run says when more are left', async () => {
    for (let i = 0; i < 3; i++) aPerson(db, { hubId: thanet, consent: 'withdrawn' })
    const later = servicesAt('2027-06-01T10:00:00Z')

    const report = await later.retention.purge({ batch: 1, maxBatches: 2 })

    expect(report.removed.withdrawnProfiles).toBe(2)
    expect(report.unfinished).toContain('withdrawnProfiles')
    expect((await later.retention.purge()).removed.withdrawnProfiles).toBe(1)
  })

  it('are found through an index of only the people withdrawn now, never by reading every person', () => {
    const plan = (
      db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT id FROM people
            WHERE consent_withdrawn_at IS NOT NULL AND consent_withdrawn_at < 'x'
            ORDER BY consent_withdrawn_at LIMIT 5`,
        )
        .all() as { detail: string }[]
    )
      .map((row) => row.detail)
      .join('; ')
    expect(plan).toMatch(/USING (COVERING )?INDEX people_by_consent_withdrawn \(consent_withdrawn_at/)
    expect(plan).not.toMatch(/TEMP B-TREE/)
  })
})
