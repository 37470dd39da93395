import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'
import { distinct } from './writing'
import { NEW_OPEN_REFERRAL_ID_SQL } from './openReferralIds'

export type Vocabulary = 'category' | 'skill'

/** One term on a list: a category of service or a skill. */
export interface TermRow {
  id: number
  vocabulary: Vocabulary
  /** stable: other code and addresses use it, such as walking-groups */
  code: string
  /** the plain words people see */
  name: string
}

/** A term as it is written, with the everyday words that should find it. */
export interface TermInput {
  /** a fixed id; left out, the database picks one */
  id?: number
  vocabulary: Vocabulary
  code: string
  name: string
  description?: string
  sortOrder?: number
  /** words people type when they search: "computer" for digital help */
  synonyms?: string[]
}

interface TermColumns {
  id: number | null
  vocabulary: Vocabulary
  code: string
  name: string
  description: string
  sortOrder: number
}

/** The lists of terms (HSDS "taxonomy_term"): categories and skills, with their synonyms. */
export class TermsRepository {
  private readonly byCode: Statement<[Vocabulary, string], TermRow>
  private readonly ofVocabulary: Statement<[Vocabulary], TermRow>
  private readonly insertTerm: Statement<[TermColumns]>
  private readonly addSynonym: Statement<[number, string]>
  private readonly writeTerm: (term: TermInput) => number

  constructor(db: Db) {
    this.byCode = db.prepare(
      'SELECT id, vocabulary, code, name FROM taxonomy_terms WHERE vocabulary = ? AND code = ?',
    )
    this.ofVocabulary = db.prepare(
      'SELECT id, vocabulary, code, name FROM taxonomy_terms WHERE vocabulary = ? ORDER BY id',
    )
    this.insertTerm = db.prepare(
      `INSERT INTO taxonomy_terms (id, vocabulary, code, name, description, sort_order, open_referral_id)
       VALUES (@id, @vocabulary, @code, @name, @description, @sortOrder, ${NEW_OPEN_REFERRAL_ID_SQL})`,
    )
    this.addSynonym = db.prepare('INSERT INTO taxonomy_term_synonyms (term_id, synonym) VALUES (?, ?)')
    this.writeTerm = db.transaction((term: TermInput) => {
      const id = Number(
        this.insertTerm.run({
          id: term.id ?? null,
          vocabulary: term.vocabulary,
          code: term.code,
          name: term.name,
          description: term.description ?? '',
          sortOrder: term.sortOrder ?? 0,
        }).lastInsertRowid,
      )
      for (const synonym of distinct(term.synonyms ?? [])) this.addSynonym.run(id, synonym)
      return id
    })
  }

  /** Adds a term with its synonyms, in one transaction; returns its id. */
  insert(term: TermInput): number {
    return this.writeTerm(term)
  }

  /** One term by its list and code, or undefined when there is none. */
  findByCode(vocabulary: Vocabulary, code: string): TermRow | undefined {
    return this.byCode.get(vocabulary, code)
  }

  /** Every term on one list, in the order they were added. */
  all(vocabulary: Vocabulary): TermRow[] {
    return this.ofVocabulary.all(vocabulary)
  }
}
