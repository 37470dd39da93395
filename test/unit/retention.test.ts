/**
 * The retention purge (issue 13): for each kind of data, something just inside its period
 * stays and something just outside goes; a second run removes nothing; a run takes bounded
 * batches and says when more is left; every batch finds its rows through an index.
 */
import { aHub, aPerson, aWaitingRequest } from '../builders'
import { anAccount } from '../support/accounts'
import { aDatabase } from '../support/testApp'
import { purgeLines } from '../../db/cli/purgeReport'
import type { Db } from '../../db/connection'
import { loadConfig, testConfig } from '../../server/config'
import { buildServices, type Services } from '../../server/services'
import { DAY_MS, isoSecond } from '../../server/services/accounts/times'
import { fixedClock } from '../../server/services/clock'
import { PURGE_KINDS, type PurgeReport } from '../../server/services/retention/retentionService'

// Signing in is not needed, but anAccount hashes a password with Argon2id: slow on a busy machine.
jest.setTimeout(60_000)

// The audit log's trigger judges age by the real clock, so the purge's clock is the real time.
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000)
const MINUTE = 60_000
const ago = (ms: number) => isoSecond(new Date(NOW.getTime() - ms))
const daysAgo = (days: number, plusMs = 0) => ago(days * DAY_MS - plusMs)
/** The moment `months` months before NOW, as the purge counts months. */
const monthsAgo = (months: number, plusMs = 0) => {
  const cutoff = new Date(NOW.getTime())
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months)
  return isoSecond(new Date(cutoff.getTime() + plusMs))
}

const PERIODS = {
  outboxRetentionDays: 30,
  sharingDraftRetentionDays: 90,
  expiredLinkRetentionDays: 7,
  introductionRetentionMonths: 12,
  auditRetentionDays: 730,
}

describe('the retention purge', () => {
  let db: Db
  let services: Services
  let accountId: number
  let personId: number
  let hubId: number

  const count = (table: string, where = '1') =>
    (db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n

  /** `n` kept emails made 40 days ago: past the 30 days. */
  const keptEmailsOlderThanAMonth = (n: number, into: Services = services) => {
    for (let i = 0; i < n; i++)
      into.repositories.outbox.add({
        to: `${i}@example.org`,
        subject: 'Old',
        body: '',
        createdAt: daysAgo(40),
      })
  }

  beforeEach(async () => {
    db = aDatabase()
    services = buildServices(db, testConfig(PERIODS), fixedClock(NOW.toISOString()))
    accountId = (await anAccount(db, { email: 'kept.for@example.org' })).id
    hubId = aHub(db)
    personId = aPerson(db, { hubId })
  })

  it('removes sessions past their time-out and keeps those still running', async () => {
    const { sessions } = services.repositories
    sessions.save({ sid: 'running', accountId, data: '{}', expiresAt: NOW.getTime() + 1000 })
    sessions.save({ sid: 'timed-out', accountId, data: '{}', expiresAt: NOW.getTime() - 1000 })

    const report = await services.retention.purge()

    expect(report.removed.sessions).toBe(1)
    expect(db.prepare('SELECT sid FROM sessions').pluck().all()).toEqual(['running'])
  })

  it('removes sign-in, set-password and email links the set days after they stop working', async () => {
    const { emailedLinks } = services.repositories
    const link = (
      tokenHash: string,
      purpose: 'sign-in' | 'reset-password' | 'change-email',
      at: string,
      expiresAt: string,
    ) =>
      emailedLinks.create({
        tokenHash,
        accountId,
        purpose,
        newEmail: purpose === 'change-email' ? 'new.address@example.org' : null,
        at,
        expiresAt,
      })
    link('inside', 'sign-in', daysAgo(8), daysAgo(7, MINUTE))
    link('outside', 'reset-password', daysAgo(8), daysAgo(7, -MINUTE))
    // A change-email link keeps the new address that erasing the account looks for in the
    // kept emails: it stays while those may (30 days from when it was made).
    link('change-recent', 'change-email', daysAgo(29), daysAgo(8))
    link('change-old', 'change-email', daysAgo(31), daysAgo(30))

    const report = await services.retention.purge()

    expect(report.removed.emailedLinks).toBe(2)
    expect(db.prepare('SELECT token_hash FROM emailed_links ORDER BY token_hash').pluck().all()).toEqual([
      'change-recent',
      'inside',
    ])
  })

  it('removes claim links and introduction answer links the set days after they stop working', async () => {
    const { claimLinks, introductions } = services.repositories
    const claim = (tokenHash: string, expiresAt: string) =>
      claimLinks.create({ tokenHash, personId, createdByAccountId: null, at: daysAgo(30), expiresAt })
    claim('claim-inside', daysAgo(7, MINUTE))
    claim('claim-outside', daysAgo(7, -MINUTE))
    const introductionId = aWaitingRequest(db, { hubId })
    introductions.addAnswerLink({
      tokenHash: 'answer-inside',
      introductionId,
      personId,
      expiresAt: daysAgo(7, MINUTE),
    })
    introductions.addAnswerLink({
      tokenHash: 'answer-outside',
      introductionId,
      personId,
      expiresAt: daysAgo(7, -MINUTE),
    })

    const report = await services.retention.purge()

    expect(report.removed).toMatchObject({ claimLinks: 1, answerLinks: 1 })
    expect(db.prepare('SELECT token_hash FROM claim_links').pluck().all()).toEqual(['claim-inside'])
    expect(db.prepare('SELECT token_hash FROM introduction_answer_links').pluck().all()).toEqual([
      'answer-inside',
    ])
  })

  it('removes kept copies of emails after 30 days', async () => {
    const { outbox } = services.repositories
    outbox.add({ to: 'a@example.org', subject: 'Inside', body: 'kept', createdAt: daysAgo(30, MINUTE) })
    outbox.add({ to: 'b@example.org', subject: 'Outside', body: 'gone', createdAt: daysAgo(30, -MINUTE) })

    const report = await services.retention.purge()

    expect(report.removed.outbox).toBe(1)
    expect(outbox.newest(10).map((message) => message.subject)).toEqual(['Inside'])
  })

  it('removes "Share your skills" drafts 90 days after they were last changed', async () => {
    const other = (await anAccount(db, { email: 'drafted@example.org' })).id
    const { sharingDrafts } = services.repositories
    sharingDrafts.save(accountId, '{"firstName":"Inside"}', daysAgo(90, MINUTE))
    sharingDrafts.save(other, '{"firstName":"Outside"}', daysAgo(90, -MINUTE))

    const report = await services.retention.purge()

    expect(report.removed.drafts).toBe(1)
    expect(sharingDrafts.find(accountId)).not.toBeNull()
    expect(sharingDrafts.find(other)).toBeNull()
  })

  it('anonymises introductions closed more than 12 months ago, and not one closed just since', async () => {
    const { introductions } = services.repositories
    const inside = aWaitingRequest(db, { hubId, requesterName: 'Inside Requester' })
    const outside = aWaitingRequest(db, { hubId, requesterName: 'Outside Requester' })
    introductions.close(inside, ['waiting'], 'withdrawn', 'Her son helped', monthsAgo(12, MINUTE))
    introductions.close(outside, ['waiting'], 'no-match', 'Nobody near', monthsAgo(12, -MINUTE))

    const report = await services.retention.purge()

    expect(report.removed.introductions).toBe(1)
    expect(introductions.find(inside)).toMatchObject({
      requesterName: 'Inside Requester',
      anonymisedAt: null,
    })
    expect(introductions.find(outside)).toMatchObject({ requesterName: '[removed]', requesterEmail: null })
  })

  it('removes audit entries older than AUDIT_RETENTION_DAYS, and keeps one just younger', async () => {
    const { auditLog } = services.repositories
    auditLog.record({ accountId, action: 'inside', at: daysAgo(730, MINUTE) })
    auditLog.record({ accountId, action: 'outside', at: daysAgo(730, -MINUTE) })

    const report = await services.retention.purge()

    expect(report.removed.audit).toBe(1)
    expect(db.prepare('SELECT action FROM audit_log ORDER BY id').pluck().all()).toEqual(['inside'])
  })

  it('removes the checked rows of uploads imported or a day old, then the day-old uploads, and keeps a waiting one', async () => {
    const { importUploads } = services.repositories
    const anUpload = (id: string, createdAt: string, rows: number) => {
      db.prepare(
        `INSERT INTO import_uploads (id, account_id, file_name, sha256, row_count, report, created_at)
         VALUES (?, ?, 'listings.csv', '', ?, '{}', ?)`,
      ).run(id, accountId, rows, createdAt)
      importUploads.addRows(
        id,
        Array.from({ length: rows }, (_, i) => ({ row: i + 2, data: '{}' })),
      )
    }
    anUpload('imported', ago(MINUTE), 3)
    importUploads.imported('imported', ago(MINUTE))
    anUpload('day-old', daysAgo(1, -MINUTE), 2)
    anUpload('waiting', daysAgo(1, MINUTE), 4)

    const report = await services.retention.purge({ batch: 2 })

    // 5 rows, then the day-old upload's record.
    expect(report.removed.importUploads).toBe(6)
    expect(db.prepare('SELECT id FROM import_uploads ORDER BY id').pluck().all()).toEqual([
      'imported',
      'waiting',
    ])
    expect(db.prepare('SELECT DISTINCT upload_id FROM import_upload_rows').pluck().all()).toEqual(['waiting'])
    expect(count('import_upload_rows')).toBe(4)
  })

  it('takes the periods from the settings', async () => {
    const shorter = buildServices(
      db,
      testConfig({ ...PERIODS, outboxRetentionDays: 5 }),
      fixedClock(NOW.toISOString()),
    )
    shorter.repositories.outbox.add({
      to: 'a@example.org',
      subject: 'Six days old',
      body: '',
      createdAt: daysAgo(6),
    })

    expect((await services.retention.purge()).removed.outbox).toBe(0)
    expect((await shorter.retention.purge()).removed.outbox).toBe(1)
  })

  it('removes nothing more when run again', async () => {
    keptEmailsOlderThanAMonth(1)
    services.repositories.sessions.save({ sid: 'old', accountId, data: '{}', expiresAt: 1 })

    const first = await services.retention.purge()
    const second = await services.retention.purge()

    expect(first.removed).toMatchObject({ outbox: 1, sessions: 1 })
    for (const kind of PURGE_KINDS) expect(second.removed[kind]).toBe(0)
    expect(second).toMatchObject({ unfinished: [], failed: [], checkpointed: true })
  })

  it('deletes in bounded batches, stops at the cap and says so, and the next run goes on', async () => {
    keptEmailsOlderThanAMonth(7)

    const capped = await services.retention.purge({ batch: 2, maxBatches: 2 })
    expect(capped.removed.outbox).toBe(4)
    expect(capped.unfinished).toEqual(['outbox'])
    expect(count('outbox')).toBe(3)

    const rest = await services.retention.purge({ batch: 2, maxBatches: 2 })
    expect(rest.removed.outbox).toBe(3)
    expect(rest.unfinished).toEqual([])
    expect(count('outbox')).toBe(0)
  })

  it('lets other work run between batches, and runs one purge at a time', async () => {
    keptEmailsOlderThanAMonth(5)
    const first = services.retention.purge({ batch: 1, maxBatches: 10 })
    const second = services.retention.purge({ batch: 1, maxBatches: 10 })
    // Work queued while the purge runs (a page's request) gets its turn between the batches:
    // it sees some of the old emails gone and some not yet.
    let done = false
    void first.then(() => (done = true))
    const seen: number[] = []
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve))
      seen.push(count('outbox'))
    }

    expect(second).toBe(first)
    expect((await first).removed.outbox).toBe(5)
    expect(seen.filter((left) => left > 0 && left < 5)).not.toEqual([])
  })

  it('keeps purging the other kinds when one fails, and reports which', async () => {
    // The audit log refuses to lose an entry younger than its retention period: a clock a year
    // ahead makes the purge try, and the database says no.
    const ahead = buildServices(
      db,
      testConfig(PERIODS),
      fixedClock(new Date(NOW.getTime() + 365 * DAY_MS).toISOString()),
    )
    ahead.repositories.auditLog.record({ accountId, action: 'young', at: daysAgo(400) })
    keptEmailsOlderThanAMonth(1, ahead)

    const report = await ahead.retention.purge()

    expect(report.failed).toEqual([
      { kind: 'audit', reason: 'An audit entry cannot be deleted before its retention period ends' },
    ])
    expect(report.removed.outbox).toBe(1)
    expect(count('audit_log', "action = 'young'")).toBe(1)
  })

  it('finds each batch through an index, never by reading a whole table', () => {
    const plans = [
      'SELECT sid FROM sessions INDEXED BY sessions_by_expiry WHERE expires_at <= 1 LIMIT 5',
      "SELECT id FROM emailed_links INDEXED BY emailed_links_by_expiry WHERE expires_at < 'x' LIMIT 5",
      "SELECT id FROM claim_links INDEXED BY claim_links_by_expiry WHERE expires_at < 'x' LIMIT 5",
      "SELECT token_hash FROM introduction_answer_links INDEXED BY introduction_answer_links_by_expiry WHERE expires_at < 'x' LIMIT 5",
      "SELECT id FROM outbox INDEXED BY outbox_by_age WHERE created_at < 'x' LIMIT 5",
      "SELECT account_id FROM sharing_drafts INDEXED BY sharing_drafts_by_age WHERE updated_at < 'x' LIMIT 5",
      "SELECT id FROM audit_log INDEXED BY audit_log_by_time WHERE at < 'x' ORDER BY at LIMIT 5",
    ].map((sql) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((row) => row.detail)
        .join('; '),
    )
    for (const plan of plans) {
      expect(plan).toMatch(/USING (COVERING )?INDEX \w+ \((expires_at|created_at|updated_at|at)</)
      expect(plan).not.toMatch(/^SCAN \w+$/)
    }
  })
})

describe('npm run purge’s report', () => {
  const report = (over: Partial<PurgeReport> = {}): PurgeReport => ({
    removed: {
      sessions: 2,
      emailedLinks: 3,
      claimLinks: 0,
      answerLinks: 1,
      outbox: 12,
      drafts: 1,
      withdrawnProfiles: 3,
      introductions: 4,
      audit: 0,
      importUploads: 2345,
    },
    unfinished: [],
    failed: [],
    checkpointed: true,
    ...over,
  })

  it('says plainly what it removed of each kind', () => {
    expect(purgeLines('data/common-ground.sqlite', report())).toEqual([
      'Purged data/common-ground.sqlite:',
      '  sessions past their time-out: 2 removed',
      '  expired sign-in, set-password and email links: 3 removed',
      '  expired claim-your-profile links: 0 removed',
      '  expired introduction answer links: 1 removed',
      '  old kept copies of emails: 12 removed',
      '  old unfinished "Share your skills" drafts: 1 removed',
      '  profiles whose consent was withdrawn long enough ago: 3 deleted',
      '  closed introductions: 4 anonymised',
      '  old audit log entries: 0 removed',
      '  rows of imported or day-old CSV uploads: 2345 removed',
      'The write-ahead log was emptied into the database file.',
    ])
  })

  it('says when more is left, when a kind stopped, and when the log could not be emptied', () => {
    const lines = purgeLines(
      'x.sqlite',
      report({ unfinished: ['outbox'], failed: [{ kind: 'audit', reason: 'locked' }], checkpointed: false }),
    )
    expect(lines).toContain('  old audit log entries: 0 removed, then it stopped (see below)')
    expect(lines).toContain(
      'More old kept copies of emails are past their period than one run takes (50000): run it again.',
    )
    expect(lines.at(-1)).toBe(
      'The write-ahead log could not be emptied, because the app was reading: run it again.',
    )
  })
})

describe('the retention settings', () => {
  it('default to 30 days for emails, 90 for drafts and 7 for used links, and refuse what makes no sense', () => {
    expect(loadConfig({})).toMatchObject({
      outboxRetentionDays: 30,
      sharingDraftRetentionDays: 90,
      withdrawnProfileRetentionDays: 90,
      expiredLinkRetentionDays: 7,
    })
    expect(loadConfig({ WITHDRAWN_PROFILE_RETENTION_DAYS: '30' })).toMatchObject({
      withdrawnProfileRetentionDays: 30,
    })
    expect(() => loadConfig({ WITHDRAWN_PROFILE_RETENTION_DAYS: '0' })).toThrow(
      'WITHDRAWN_PROFILE_RETENTION_DAYS must be 1 day or more',
    )
    expect(() => loadConfig({ WITHDRAWN_PROFILE_RETENTION_DAYS: '366' })).toThrow(
      'WITHDRAWN_PROFILE_RETENTION_DAYS must be 365 days or fewer',
    )
    expect(
      loadConfig({
        OUTBOX_RETENTION_DAYS: '14',
        SHARING_DRAFT_RETENTION_DAYS: '60',
        EXPIRED_LINK_RETENTION_DAYS: '0',
      }),
    ).toMatchObject({ outboxRetentionDays: 14, sharingDraftRetentionDays: 60, expiredLinkRetentionDays: 0 })
    expect(() => loadConfig({ OUTBOX_RETENTION_DAYS: 'a month' })).toThrow(
      'OUTBOX_RETENTION_DAYS must be a whole number of days',
    )
    expect(() => loadConfig({ SHARING_DRAFT_RETENTION_DAYS: '0' })).toThrow(
      'SHARING_DRAFT_RETENTION_DAYS must be 1 day or more',
    )
    expect(() => loadConfig({ EXPIRED_LINK_RETENTION_DAYS: '365' })).toThrow(
      'EXPIRED_LINK_RETENTION_DAYS must be 90 days or fewer',
    )
  })
})
