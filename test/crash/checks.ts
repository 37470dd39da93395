/**
 * What must hold after every crash and restart, read with a connection of the test's own:
 *
 * - the file is whole: PRAGMA integrity_check, every FTS5 index's own 'integrity-check', and no
 *   broken reference (PRAGMA foreign_key_check);
 * - every write the app acknowledged is there, found by its marker, and a value a member
 *   overwrote is the last one acknowledged or one sent after it;
 * - nothing is half-written: every introduction has its first timeline step, every person their
 *   consent record (and people.consent_id agrees with the consents), every service its
 *   schedules, and a member's profile came with its skills, its audit entry and the end of its
 *   draft, each consent given or withdrawn with its audit entry.
 *
 * Returns one plain line per problem; none means all is well.
 */
import type { Db } from '../../db/connection'
import { JOURNEY_SHARE, type Ledger, type Overwritten } from './writers'

/** The FTS5 tables, from the schema itself. */
function fts5Tables(db: Db): string[] {
  return db
    .prepare<[], { name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%' ORDER BY name`,
    )
    .pluck()
    .all() as unknown as string[]
}

const count = (db: Db, sql: string, ...params: unknown[]): number =>
  (db
    .prepare(sql)
    .pluck()
    .get(...params) as number | undefined) ?? 0

function oneOf<T>(value: T, overwritten: Overwritten<T>, fallback: T): boolean {
  return [overwritten.acknowledged ?? fallback, ...overwritten.sentSince].includes(value)
}

export interface CheckResult {
  problems: string[]
  /** acknowledged writes looked for, and found */
  lookedFor: number
  found: number
}

export function checkDatabase(db: Db, ledger: Ledger): CheckResult {
  const problems: string[] = []
  let lookedFor = 0
  let found = 0

  const integrity = db.pragma('integrity_check') as { integrity_check: string }[]
  if (integrity.length !== 1 || integrity[0]?.integrity_check !== 'ok')
    problems.push(`integrity_check: ${integrity.map((row) => row.integrity_check).join('; ')}`)
  const tables = fts5Tables(db)
  if (tables.length === 0) problems.push('no FTS5 tables found to check')
  for (const table of tables) {
    try {
      // Names come from sqlite_master, not from anyone's input.
      db.prepare(`INSERT INTO "${table}"("${table}") VALUES ('integrity-check')`).run()
    } catch (error) {
      problems.push(`${table} integrity-check: ${(error as Error).message}`)
    }
  }
  const brokenReferences = db.pragma('foreign_key_check') as { table: string; parent: string }[]
  for (const broken of brokenReferences.slice(0, 5))
    problems.push(`a row of ${broken.table} refers to a missing row of ${broken.parent}`)

  // Acknowledged writes, each by its marker.
  const introductionWith = db.prepare<[string], number>(
    'SELECT id FROM introductions WHERE requester_email = ?',
  )
  for (const write of ledger.introductions.filter((one) => one.acknowledged)) {
    lookedFor++
    if (introductionWith.pluck().get(`${write.marker}@example.com`) !== undefined) found++
    else problems.push(`acknowledged request to be put in touch ${write.marker} is missing`)
  }
  const suggestionWith = db.prepare<[string], number>('SELECT id FROM suggestions WHERE reply_email = ?')
  for (const write of ledger.suggestions.filter((one) => one.acknowledged)) {
    lookedFor++
    if (suggestionWith.pluck().get(`${write.marker}@example.com`) !== undefined) found++
    else problems.push(`acknowledged suggestion ${write.marker} is missing`)
  }

  const personOf = db.prepare<[number], { id: number; share: string; consentId: number | null }>(
    `SELECT id, would_like_to_share AS share, consent_id AS consentId FROM people WHERE account_id = ?`,
  )
  for (const member of ledger.members) {
    const person = personOf.get(member.accountId)
    if (member.profileAcknowledged) {
      lookedFor++
      if (!person) {
        problems.push(`${member.email}: acknowledged profile is missing`)
        continue
      }
      const share = member.share.acknowledged
      const consent = member.consent.acknowledged
      if (!oneOf(person.share, member.share, JOURNEY_SHARE))
        problems.push(
          `${member.email}: "would like to share" is "${person.share}", not the last acknowledged "${share}" or one sent since`,
        )
      else if (!oneOf(person.consentId === null ? 'withdrawn' : 'given', member.consent, 'given'))
        problems.push(
          `${member.email}: consent is ${person.consentId === null ? 'withdrawn' : 'given'}, not the last acknowledged (${consent}) or one sent since`,
        )
      else found++
    }
    if (!person) continue
    // The profile's own rows, written with it in one transaction.
    if (count(db, 'SELECT COUNT(*) FROM person_skills WHERE person_id = ?', person.id) === 0)
      problems.push(`${member.email}: a profile without its skills`)
    if (count(db, 'SELECT COUNT(*) FROM sharing_drafts WHERE account_id = ?', member.accountId) > 0)
      problems.push(`${member.email}: a profile whose draft is still there`)
    const audited = (action: string) =>
      count(
        db,
        `SELECT COUNT(*) FROM audit_log WHERE record_type = 'person' AND record_id = ? AND action = ?`,
        String(person.id),
        action,
      )
    const consents = count(db, 'SELECT COUNT(*) FROM consents WHERE person_id = ?', person.id)
    const withdrawn = count(
      db,
      'SELECT COUNT(*) FROM consents WHERE person_id = ? AND withdrawn_at IS NOT NULL',
      person.id,
    )
    if (audited('profile-created') !== 1) problems.push(`${member.email}: a profile without its audit entry`)
    if (audited('consent-given') !== consents - 1)
      problems.push(
        `${member.email}: ${consents - 1} consents given again but ${audited('consent-given')} audit entries`,
      )
    if (audited('consent-withdrawn') !== withdrawn)
      problems.push(
        `${member.email}: ${withdrawn} consents withdrawn but ${audited('consent-withdrawn')} audit entries`,
      )
  }

  // Nothing half-written, over every row.
  const invariants: [string, string][] = [
    [
      'introductions without their first timeline step',
      `SELECT COUNT(*) FROM introductions i WHERE NOT EXISTS
         (SELECT 1 FROM introduction_events e WHERE e.introduction_id = i.id AND e.kind = 'requested')`,
    ],
    [
      'people without a consent record',
      'SELECT COUNT(*) FROM people p WHERE NOT EXISTS (SELECT 1 FROM consents c WHERE c.person_id = p.id)',
    ],
    [
      'people whose consent in force is not theirs or was withdrawn',
      `SELECT COUNT(*) FROM people p WHERE p.consent_id IS NOT NULL AND NOT EXISTS
         (SELECT 1 FROM consents c WHERE c.id = p.consent_id AND c.person_id = p.id AND c.withdrawn_at IS NULL)`,
    ],
    [
      'people with consent in force that their row does not name',
      `SELECT COUNT(*) FROM people p WHERE p.consent_id IS NULL AND EXISTS
         (SELECT 1 FROM consents c WHERE c.person_id = p.id AND c.withdrawn_at IS NULL)`,
    ],
    [
      'services without their schedules',
      'SELECT COUNT(*) FROM services s WHERE NOT EXISTS (SELECT 1 FROM schedules t WHERE t.service_id = s.id)',
    ],
  ]
  for (const [what, sql] of invariants) {
    const n = count(db, sql)
    if (n > 0) problems.push(`${n} ${what}`)
  }
  return { problems, lookedFor, found }
}
