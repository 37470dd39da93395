import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'

/** An uploaded CSV waiting between its dry run and its import (migrations/0036). */
export interface ImportUploadRow {
  id: string
  accountId: number
  fileName: string
  sha256: string
  csv: string
  rowCount: number
  /** the dry run's findings, as JSON */
  report: string
  createdAt: string
  importedAt: string | null
}

/** Uploaded CSV files, each kept for its own account until imported or a day old. */
export class ImportUploadsRepository {
  private readonly add: Statement<[Omit<ImportUploadRow, 'importedAt'>]>
  private readonly byId: Statement<[string], ImportUploadRow>
  private readonly removeOlder: Statement<[string]>
  private readonly removeAccountEarlier: Statement<[number]>
  private readonly markImported: Statement<[string, string]>

  constructor(db: Db) {
    this.add = db.prepare(
      `INSERT INTO import_uploads (id, account_id, file_name, sha256, csv, row_count, report, created_at)
       VALUES (@id, @accountId, @fileName, @sha256, @csv, @rowCount, @report, @createdAt)`,
    )
    this.byId = db.prepare(
      `SELECT id, account_id AS accountId, file_name AS fileName, sha256, csv, row_count AS rowCount, report,
              created_at AS createdAt, imported_at AS importedAt
         FROM import_uploads WHERE id = ?`,
    )
    this.removeOlder = db.prepare('DELETE FROM import_uploads WHERE created_at < ?')
    this.removeAccountEarlier = db.prepare(
      'DELETE FROM import_uploads WHERE account_id = ? AND imported_at IS NULL',
    )
    this.markImported = db.prepare(
      "UPDATE import_uploads SET imported_at = ?, csv = '' WHERE id = ? AND imported_at IS NULL",
    )
  }

  /**
   * Keeps a new upload, in place of the account's earlier ones not imported, and sweeps away
   * every upload made before `olderThan`: at most one waiting file per account, none for long.
   */
  replace(upload: Omit<ImportUploadRow, 'importedAt'>, olderThan: string): void {
    this.add.database.transaction(() => {
      this.removeOlder.run(olderThan)
      this.removeAccountEarlier.run(upload.accountId)
      this.add.run(upload)
    })()
  }

  find(id: string): ImportUploadRow | undefined {
    return this.byId.get(id)
  }

  /** Records that the upload was imported, and lets its file go. False when it already was. */
  imported(id: string, at: string): boolean {
    return this.markImported.run(at, id).changes === 1
  }
}
