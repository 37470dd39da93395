import type { Db } from '../../db/connection'
import { CONSENT_WORDING } from '../../server/services/sharing/consentWording'
import {
  SHARING_STEPS,
  type SharingAnswers,
  type SharingServiceContract,
} from '../../server/services/sharing/contract'
import { STEP_FIELDS } from '../../server/services/sharing/sharingService'

/** Where a test's requests come from, for the audit log. */
export const FROM_HOME = { ip: '203.0.113.7' }

/** Every question answered, as a volunteer near Broadstairs might: override what the story needs. */
export function someAnswers(hubSlug: string | null, answers: SharingAnswers = {}): SharingAnswers {
  return {
    firstName: 'Zenobia',
    lastName: 'Quillfeather',
    postcodeDistrict: 'CT10',
    placeLabel: 'Broadstairs',
    hubSlug,
    skills: ['gardening'],
    skillsInOwnWords: 'I grew prize marrows for thirty years.',
    wouldLikeToShare: 'Showing people how to grow vegetables in pots.',
    howOften: 'few-hours-month',
    availability: 'Weekday mornings',
    contactWays: ['through-hub', 'phone', 'email'],
    phone: '07700 900 456',
    email: 'zenobia.q@example.com',
    visibility: 'public',
    agreedVersion: CONSENT_WORDING.version,
    ...answers,
  }
}

/**
 * Answers every question page in order, as the pages would, then finishes: the person's
 * profile exists afterwards. Throws if any page refuses its answers.
 */
export function shareSkills(
  sharing: SharingServiceContract,
  accountId: number,
  answers: SharingAnswers,
): number {
  for (const step of SHARING_STEPS) {
    const pageAnswers = Object.fromEntries(
      STEP_FIELDS[step].filter((field) => field in answers).map((field) => [field, answers[field]]),
    )
    const saved = sharing.saveAnswers(accountId, step, pageAnswers, FROM_HOME)
    if (saved.kind !== 'saved') throw new Error(`${step}: ${JSON.stringify(saved.problems)}`)
  }
  const finished = sharing.finish(accountId, FROM_HOME)
  if (finished.kind !== 'finished') throw new Error(`Not finished: ${finished.step} is unanswered`)
  return finished.personId
}

/**
 * Where any column of any table (full-text indexes and their shadow tables too, found from
 * sqlite_master) holds the words, in any case: "table.column" for each.
 */
export function columnsHolding(db: Db, words: string): string[] {
  const tables = db
    .prepare<[], { name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
    .all()
  const found: string[] = []
  for (const { name } of tables) {
    const columns = db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all(name)
    for (const column of columns) {
      // Names from the schema itself, quoted as identifiers: no visitor's words reach this SQL.
      const quoted = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`
      const holds = db
        .prepare<[string], { n: number }>(
          `SELECT COUNT(*) AS n FROM ${quoted(name)} WHERE instr(lower(CAST(${quoted(column.name)} AS TEXT)), lower(?)) > 0`,
        )
        .get(words)
      if ((holds?.n ?? 0) > 0) found.push(`${name}.${column.name}`)
    }
  }
  return found
}
