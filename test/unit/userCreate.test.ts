/**
 * npm run user:create, run in-process against a database file: a deployment making its first
 * admin, promoting a member, and plain one-line refusals for a hub or role that does not exist.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { userCreate } from '../../db/cli/userCreate'
import { openDatabase, type Db } from '../../db/connection'
import { migrate } from '../../db/migrate'
import { seedDemoData } from '../../db/seed'
import { testConfig } from '../../server/config'
import { fromBase32, codeAt } from '../../server/services/accounts/totp'
import { fixedClock } from '../../server/services/clock'
import { anAccount } from '../support/accounts'

const clock = fixedClock('2026-12-01T10:00:00Z')
const config = testConfig({ baseUrl: 'https://ground.example.org' })

function run(db: Db, ...args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = userCreate(args, db, config, { out: (l) => out.push(l), err: (l) => err.push(l) }, clock)
  return { code, out: out.join('\n'), err }
}

describe('npm run user:create', () => {
  let folder: string
  let db: Db
  beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'user-create-'))
    db = openDatabase(path.join(folder, 'ground.sqlite'))
    migrate(db)
    seedDemoData(db)
  })
  afterAll(() => {
    db.close()
    fs.rmSync(folder, { recursive: true, force: true })
  })

  const accountOf = (email: string) =>
    db
      .prepare('SELECT id, role, all_hubs AS allHubs, password_hash AS hash FROM accounts WHERE email = ?')
      .get(email) as { id: number; role: string; allHubs: number; hash: string | null } | undefined

  it('makes the first admin, with a set-password link for 7 days and a two-step key for their app', () => {
    const { code, out } = run(db, '--email', 'first.admin@example.org', '--role', 'admin', '--name', 'Ada')
    expect(code).toBe(0)
    expect(out).toContain('Made an account for first.admin@example.org (admin).')
    expect(out).toMatch(/https:\/\/ground\.example\.org\/reset-password\?token=[\w-]{40,}/)
    expect(out).toContain('It works once, for 7 days')
    expect(out).toContain('otpauth://totp/Common%20Ground:first.admin%40example.org?secret=')
    const key = /\n {2}((?:[A-Z2-7]{4} ){7}[A-Z2-7]{4})\n/.exec(out)?.[1]
    expect(key).toBeDefined()

    const account = accountOf('first.admin@example.org')!
    expect(account).toMatchObject({ role: 'admin', hash: null })
    const link = db
      .prepare(
        "SELECT expires_at AS expiresAt FROM emailed_links WHERE account_id = ? AND purpose = 'reset-password'",
      )
      .get(account.id) as { expiresAt: string }
    expect(link.expiresAt).toBe('2026-12-08T10:00:00Z')
    expect(db.prepare('SELECT count(*) AS n FROM two_step WHERE account_id = ?').get(account.id)).toEqual({
      n: 1,
    })
    // The key printed is the one the app checks: a code made from it is a code of this account.
    expect(codeAt(fromBase32(key!)!, clock.now())).toMatch(/^\d{6}$/)
    const audit = db
      .prepare('SELECT action, reason FROM audit_log WHERE record_id = ? ORDER BY id')
      .all(String(account.id)) as { action: string; reason: string | null }[]
    expect(audit[0]).toEqual({
      action: 'account-created-by-command-line',
      reason: 'account created by the command line: admin',
    })
  })

  it('changes the role of an existing member, with the hubs named', async () => {
    const member = await anAccount(db, { email: 'rose@example.org' })
    const { code, out } = run(db, '--email', 'Rose@Example.org', '--role', 'peer_lead', '--hub', 'thanet')
    expect(code).toBe(0)
    expect(out).toContain('rose@example.org is now peer_lead.')
    expect(accountOf('rose@example.org')).toMatchObject({ id: member.id, role: 'peer_lead' })
    const hubs = db
      .prepare('SELECT h.slug FROM account_hubs a JOIN hubs h ON h.id = a.hub_id WHERE a.account_id = ?')
      .all(member.id)
    expect(hubs).toEqual([{ slug: 'thanet' }])
    const actions = db
      .prepare('SELECT action FROM audit_log WHERE record_id = ? ORDER BY id')
      .all(String(member.id)) as { action: string }[]
    expect(actions.map((a) => a.action)).toContain('role-changed-by-command-line')
  })

  it('makes a coordinator of every hub', () => {
    const { code } = run(db, '--email', 'all@example.org', '--role', 'coordinator', '--all-hubs')
    expect(code).toBe(0)
    expect(accountOf('all@example.org')).toMatchObject({ role: 'coordinator', allHubs: 1 })
  })

  it.each([
    [['--email', 'x@example.org', '--role', 'boss'], 'There is no role called "boss"'],
    [
      ['--email', 'x@example.org', '--role', 'peer_lead', '--hub', 'atlantis'],
      'There is no hub called "atlantis"',
    ],
    [['--email', 'not-an-email', '--role', 'member'], 'is not an email address'],
    [['--role', 'member'], 'Give an --email and a --role'],
    [['--email', 'x@example.org', '--role', 'admin', '--colour', 'red'], 'Unknown option'],
    [['--email', 'x@example.org', '--role', 'peer_lead'], 'A peer lead needs at least one hub'],
  ])('refuses %j with one plain line and exit code 1, changing nothing', (args, message) => {
    const before = db.prepare('SELECT count(*) AS n FROM accounts').get()
    const { code, err, out } = run(db, ...args)
    expect(code).toBe(1)
    expect(err).toHaveLength(1)
    expect(err[0]).toContain(message)
    expect(out).toBe('')
    expect(db.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual(before)
  })
})
