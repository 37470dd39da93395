/**
 * Crash safety (issue 13), in the short form `npm test` runs: the real server killed with
 * SIGKILL three times while people write through its pages, and after each restart the file
 * is whole, every acknowledged write is there and nothing is half-written. `npm run test:crash`
 * runs the same driver (test/crash/driver.ts) with 50 kills. The checks themselves are shown
 * to find what is missing or half-written, so a pass means something.
 */
import { checkDatabase } from '../crash/checks'
import { runCrashTest, summaryOf } from '../crash/driver'
import type { Ledger, Member } from '../crash/writers'
import { aDemoDatabase } from '../support/testApp'

// Starting the app takes seconds on a busy machine; the checks' answers do not depend on it.
jest.setTimeout(300_000)

const anEmptyLedger = (): Ledger => ({
  introductions: [],
  suggestions: [],
  members: [],
  sending: () => undefined,
  unexpected: [],
})

describe('crash safety', () => {
  it('finds an acknowledged write that is missing, and rows written without the rows that go with them', () => {
    const db = aDemoDatabase()
    expect(checkDatabase(db, anEmptyLedger()).problems).toEqual([])

    const ledger = anEmptyLedger()
    ledger.introductions.push({ marker: 'nowhereqxzkj', acknowledged: true })
    ledger.suggestions.push({ marker: 'nowherewvbnm', acknowledged: true })
    const member: Member = {
      accountId: 999_999,
      email: 'gone@example.org',
      password: 'unused',
      pagesAnswered: 8,
      profileAcknowledged: true,
      share: { acknowledged: null, sentSince: [] },
      consent: { acknowledged: 'given', sentSince: [] },
      sent: 1,
      acknowledged: 1,
    }
    ledger.members.push(member)
    // Half-written: an introduction without its first timeline step, a person without consent.
    db.prepare(
      "DELETE FROM introduction_events WHERE kind = 'requested' AND introduction_id = (SELECT MIN(id) FROM introductions)",
    ).run()
    db.prepare("INSERT INTO people (first_name) VALUES ('Halfway')").run()

    const { problems, lookedFor, found } = checkDatabase(db, ledger)
    expect({ lookedFor, found }).toEqual({ lookedFor: 3, found: 0 })
    expect(problems).toEqual(
      expect.arrayContaining([
        'acknowledged request to be put in touch nowhereqxzkj is missing',
        'acknowledged suggestion nowherewvbnm is missing',
        'gone@example.org: acknowledged profile is missing',
        '1 introductions without their first timeline step',
        '1 people without a consent record',
      ]),
    )
  })

  it('loses no acknowledged write and leaves nothing half-written when the server is killed three times', async () => {
    const report = await runCrashTest({ kills: 3, searchWorkers: false })
    expect(report.problems).toEqual([])
    // Something was written, acknowledged and found, so the checks had something to find.
    expect(report.acknowledged).toBeGreaterThan(0)
    expect(report.found).toBe(report.lookedFor)
    expect(report.lookedFor).toBeGreaterThan(0)
    expect(summaryOf(report)).toContain('All found')
  })
})
