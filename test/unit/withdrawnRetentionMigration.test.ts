/**
 * Migration 0044 keeps when each person's consent was withdrawn on their own row, for the
 * retention purge. Over consents kept before it: someone withdrawn now gets the time of their
 * latest withdrawal, someone who withdrew and then gave their consent again gets none, and so
 * does someone who never withdrew.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase } from '../../db/connection'
import { MIGRATIONS_DIR, migrate } from '../../db/migrate'

const WITHDRAWN_RETENTION = '0044_withdrawn_retention.sql'

describe('migration 0044 over consents already kept', () => {
  it('marks only the people withdrawn now, with when they withdrew', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-0044-'))
    for (const file of fs.readdirSync(MIGRATIONS_DIR))
      if (file < WITHDRAWN_RETENTION) fs.copyFileSync(path.join(MIGRATIONS_DIR, file), path.join(dir, file))
    const db = openDatabase(':memory:')
    migrate(db, dir)
    fs.rmSync(dir, { recursive: true, force: true })

    const aPerson = (name: string) =>
      Number(
        db
          .prepare(
            `INSERT INTO people (first_name, last_name, visibility, preferred_contact) VALUES (?, 'B', 'public', 'email')`,
          )
          .run(name).lastInsertRowid,
      )
    const consent = (personId: number, agreedAt: string) =>
      Number(
        db
          .prepare(
            "INSERT INTO consents (person_id, wording_version, agreed_at, method) VALUES (?, 'v1', ?, 'online')",
          )
          .run(personId, agreedAt).lastInsertRowid,
      )
    const withdraw = (consentId: number, at: string) =>
      db.prepare('UPDATE consents SET withdrawn_at = ? WHERE id = ?').run(at, consentId)

    const withdrawnTwice = aPerson('Withdrawn twice')
    withdraw(consent(withdrawnTwice, '2026-01-01T00:00:00Z'), '2026-02-01T00:00:00Z')
    withdraw(consent(withdrawnTwice, '2026-03-01T00:00:00Z'), '2026-04-01T00:00:00Z')
    const cameBack = aPerson('Came back')
    withdraw(consent(cameBack, '2026-01-01T00:00:00Z'), '2026-02-01T00:00:00Z')
    consent(cameBack, '2026-03-01T00:00:00Z')
    const stayed = aPerson('Stayed')
    consent(stayed, '2026-01-01T00:00:00Z')

    migrate(db)

    const withdrawnAt = (id: number) =>
      db.prepare('SELECT consent_withdrawn_at FROM people WHERE id = ?').pluck().get(id)
    expect(withdrawnAt(withdrawnTwice)).toBe('2026-04-01T00:00:00Z')
    expect(withdrawnAt(cameBack)).toBeNull()
    expect(withdrawnAt(stayed)).toBeNull()

    // And from now on the triggers keep it: withdrawing sets it, consent given again clears it.
    const stayedConsent = db
      .prepare('SELECT consent_id FROM people WHERE id = ?')
      .pluck()
      .get(stayed) as number
    withdraw(stayedConsent, '2026-05-01T00:00:00Z')
    expect(withdrawnAt(stayed)).toBe('2026-05-01T00:00:00Z')
    consent(stayed, '2026-06-01T00:00:00Z')
    expect(withdrawnAt(stayed)).toBeNull()
    db.close()
  })
})
