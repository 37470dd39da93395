/**
 * Migration 0028 builds the consents table again (SQLite cannot change a CHECK): over consents
 * written before it (withdrawn and in force), every consent keeps its id and words, the consent
 * in force stays in force, and the triggers that keep people.consent_id work as before; the
 * demo data loads on top. (The demo data itself was checked by hand before and after.)
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase } from '../../db/connection'
import { MIGRATIONS_DIR, migrate } from '../../db/migrate'
import { seedDemoData } from '../../db/seed'

const ASSISTED = '0028_assisted_registration.sql'

describe('migration 0028 over consents already kept', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-0028-'))
  for (const file of fs.readdirSync(MIGRATIONS_DIR))
    if (file < ASSISTED) fs.copyFileSync(path.join(MIGRATIONS_DIR, file), path.join(dir, file))
  const db = openDatabase(':memory:')
  migrate(db, dir)
  const consentsBefore = () =>
    db
      .prepare(
        'SELECT id, person_id, wording_version, agreed_at, method, recorded_by_account_id, withdrawn_at FROM consents ORDER BY id',
      )
      .all()
  const inForce = () => db.prepare('SELECT id, consent_id FROM people ORDER BY id').all()

  it('keeps every consent, its id and the one in force, and the triggers still keep it', () => {
    db.exec(
      `INSERT INTO hubs (slug, name, latitude, longitude, radius_miles) VALUES ('h', 'H', 51.3, 1.4, 3)`,
    )
    const hub = (db.prepare("SELECT id FROM hubs WHERE slug = 'h'").get() as { id: number }).id
    const person = Number(
      db
        .prepare(
          `INSERT INTO people (first_name, last_name, hub_id, visibility, preferred_contact) VALUES ('A', 'B', ?, 'public', 'email')`,
        )
        .run(hub).lastInsertRowid,
    )
    const insert = db.prepare(
      "INSERT INTO consents (person_id, wording_version, agreed_at, method) VALUES (?, 'v1', '2026-01-01T00:00:00Z', ?)",
    )
    insert.run(person, 'paper')
    insert.run(person, 'helper')
    db.prepare(
      "UPDATE consents SET withdrawn_at = '2026-02-01T00:00:00Z' WHERE id = (SELECT MIN(id) FROM consents)",
    ).run()
    const consents = consentsBefore()
    const people = inForce()
    fs.copyFileSync(path.join(MIGRATIONS_DIR, ASSISTED), path.join(dir, ASSISTED))
    expect(migrate(db, dir).applied).toEqual([ASSISTED])
    expect(consentsBefore()).toEqual(consents)
    expect(inForce()).toEqual(people)
    expect(db.pragma('foreign_key_check')).toEqual([])

    // In person is allowed now; a new consent is in force at once, a withdrawn one is not.
    const id = Number(insert.run(person, 'in-person').lastInsertRowid)
    expect(db.prepare('SELECT consent_id FROM people WHERE id = ?').get(person)).toEqual({ consent_id: id })
    db.prepare("UPDATE consents SET withdrawn_at = '2026-03-01T00:00:00Z' WHERE id = ?").run(id)
    expect(db.prepare('SELECT consent_id FROM people WHERE id = ?').get(person)).toEqual({ consent_id: null })
    // A helper's name only with a helper.
    expect(() =>
      db
        .prepare(
          "INSERT INTO consents (person_id, wording_version, agreed_at, method, helper_name) VALUES (?, 'v1', 'x', 'phone', 'Sam')",
        )
        .run(person),
    ).toThrow(/CHECK constraint failed/)
  })

  it('loads the demo data on top, with its person registered by phone', () => {
    const fresh = openDatabase(':memory:')
    migrate(fresh)
    seedDemoData(fresh)
    expect(
      fresh
        .prepare(
          "SELECT c.method, c.check_again_on IS NOT NULL AS dated FROM people p JOIN consents c ON c.id = p.consent_id WHERE p.first_name = 'Farida'",
        )
        .get(),
    ).toEqual({ method: 'phone', dated: 1 })
  })
})
