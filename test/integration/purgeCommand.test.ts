/**
 * `npm run purge` (issue 13): run as a command over a database file, it removes what has passed
 * its period and says plainly what it removed of each kind; run again, it removes nothing.
 * (The npm script builds first and runs dist/db/cli/purge.js; this runs the same file from its
 * TypeScript with tsx, to spare the build.)
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase } from '../../db/connection'
import { migrate } from '../../db/migrate'
import { OutboxRepository } from '../../db/repositories/outboxRepository'
import { SessionsRepository } from '../../db/repositories/sessionsRepository'
import { DAY_MS, isoSecond } from '../../server/services/accounts/times'

jest.setTimeout(90_000)

const root = path.resolve(__dirname, '../..')

function purge(databasePath: string): string {
  return execFileSync(process.execPath, ['--import', 'tsx', 'db/cli/purge.ts'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test', DATABASE_PATH: databasePath },
    encoding: 'utf8',
  })
}

describe('npm run purge', () => {
  let folder: string

  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-purge-'))
  })

  afterEach(() => {
    fs.rmSync(folder, { recursive: true, force: true })
  })

  it('removes an old email and a timed-out session, says so kind by kind, and removes nothing the second time', () => {
    const file = path.join(folder, 'purge.sqlite')
    const db = openDatabase(file)
    migrate(db)
    const outbox = new OutboxRepository(db)
    outbox.add({
      to: 'old@example.org',
      subject: 'Old',
      body: '',
      createdAt: isoSecond(new Date(Date.now() - 31 * DAY_MS)),
    })
    outbox.add({ to: 'new@example.org', subject: 'New', body: '', createdAt: isoSecond(new Date()) })
    new SessionsRepository(db).save({
      sid: 'gone',
      accountId: null,
      data: '{}',
      expiresAt: Date.now() - 1000,
    })
    db.close()

    const first = purge(file)

    expect(first.split('\n')).toEqual([
      `Purged ${file}:`,
      '  sessions past their time-out: 1 removed',
      '  expired sign-in, set-password and email links: 0 removed',
      '  expired claim-your-profile links: 0 removed',
      '  expired introduction answer links: 0 removed',
      '  old kept copies of emails: 1 removed',
      '  old unfinished "Share your skills" drafts: 0 removed',
      '  profiles whose consent was withdrawn long enough ago: 0 deleted',
      '  closed introductions: 0 anonymised',
      '  old audit log entries: 0 removed',
      '  rows of imported or day-old CSV uploads: 0 removed',
      'The write-ahead log was emptied into the database file.',
      '',
    ])
    const after = openDatabase(file)
    expect(new OutboxRepository(after).newest(10).map((message) => message.subject)).toEqual(['New'])
    after.close()

    const second = purge(file)
    expect(second).toContain('  old kept copies of emails: 0 removed')
    expect(second).toContain('  sessions past their time-out: 0 removed')
  })

  it('stops with one plain line when a setting is wrong', () => {
    expect(() =>
      execFileSync(process.execPath, ['--import', 'tsx', 'db/cli/purge.ts'], {
        cwd: root,
        env: {
          ...process.env,
          NODE_ENV: 'test',
          DATABASE_PATH: path.join(folder, 'x.sqlite'),
          OUTBOX_RETENTION_DAYS: '0',
        },
        encoding: 'utf8',
        stdio: 'pipe',
      }),
    ).toThrow(/Configuration problem: OUTBOX_RETENTION_DAYS must be 1 day or more/)
  })
})
