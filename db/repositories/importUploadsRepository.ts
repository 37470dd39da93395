import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'

/** An uploaded CSV waiting between its dry run and its import (migrations/0036). */
export interface ImportUploadRow {
  id: string
  accountId: number
  fileName: string
  sha256: string
  rowCount: number
  /** the dry run's findings, as JSON */
  report: string
  createdAt: string
  importedAt: string | null
}

/** One checked row of an upload, as JSON, by its row number in the file. */
export interface ImportUploadDataRow {
  row: number
  data: string
}

/** Uploaded CSV files and their checked rows, each kept for its own account until imported or a day old. */
export class ImportUploadsRepository {
  private readonly add: Statement<[Omit<ImportUploadRow, 'importedAt'>]>
  private readonly byId: Statement<[string], ImportUploadRow>
  private readonly removeOlder: Statement<[string]>
  private readonly removeAccountEarlier: Statement<[number]>
  private readonly markImported: Statement<[string, string]>
  private readonly reportOf: Statement<[string, number, string]>
  private readonly addRow: Statement<[string, number, string]>
  private readonly rowsAfterRow: Statement<[string, number, number], ImportUploadDataRow>
  private readonly removeSomeRows: Statement<[string, string, number]>
  private readonly removeUpload: Statement<[string]>
  private readonly removeFinishedRows: Statement<[string, number]>
  private readonly removeEmptyOlder: Statement<[string, number]>

  constructor(db: Db) {
    this.add = db.prepare(
      `INSERT INTO import_uploads (id, account_id, file_name, sha256, row_count, report, created_at)
       VALUES (@id, @accountId, @fileName, @sha256, @rowCount, @report, @createdAt)`,
    )
    this.byId = db.prepare(
      `SELECT id, account_id AS accountId, file_name AS fileName, sha256, row_count AS rowCount, report,
              created_at AS createdAt, imported_at AS importedAt
         FROM import_uploads WHERE id = ?`,
    )
    this.removeOlder = db.prepare('DELETE FROM import_uploads WHERE created_at < ?')
    this.removeAccountEarlier = db.prepare(
      'DELETE FROM import_uploads WHERE account_id = ? AND imported_at IS NULL',
    )
    this.markImported = db.prepare(
      'UPDATE import_uploads SET imported_at = ? WHERE id = ? AND imported_at IS NULL',
    )
    this.reportOf = db.prepare('UPDATE import_uploads SET report = ?, row_count = ? WHERE id = ?')
    this.addRow = db.prepare('INSERT INTO import_upload_rows (upload_id, row, data) VALUES (?, ?, ?)')
    this.rowsAfterRow = db.prepare(
      `SELECT row, data FROM import_upload_rows WHERE upload_id = ? AND row > ? ORDER BY row LIMIT ?`,
    )
    this.removeSomeRows = db.prepare(
      `DELETE FROM import_upload_rows
        WHERE upload_id = ? AND row IN (SELECT row FROM import_upload_rows WHERE upload_id = ? ORDER BY row LIMIT ?)`,
    )
    this.removeUpload = db.prepare('DELETE FROM import_uploads WHERE id = ?')
    this.removeFinishedRows = db.prepare(
      `DELETE FROM import_upload_rows
        WHERE (upload_id, row) IN (
          SELECT r.upload_id, r.row FROM import_uploads u JOIN import_upload_rows r ON r.upload_id = u.id
           WHERE u.imported_at IS NOT NULL OR u.created_at < ?
           LIMIT ?)`,
    )
    this.removeEmptyOlder = db.prepare(
      `DELETE FROM import_uploads
        WHERE id IN (
          SELECT u.id FROM import_uploads u
           WHERE u.created_at < ? AND NOT EXISTS (SELECT 1 FROM import_upload_rows r WHERE r.upload_id = u.id)
           LIMIT ?)`,
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

  /** The dry run's findings, once every row is checked. */
  setReport(id: string, report: string, rowCount: number): void {
    this.reportOf.run(report, rowCount, id)
  }

  /** Keeps checked rows of an upload (in the caller's transaction). */
  addRows(id: string, rows: readonly ImportUploadDataRow[]): void {
    for (const { row, data } of rows) this.addRow.run(id, row, data)
  }

  /** Up to `limit` checked rows after row number `afterRow`, in order. */
  rowsAfter(id: string, afterRow: number, limit: number): ImportUploadDataRow[] {
    return this.rowsAfterRow.all(id, afterRow, limit)
  }

  /** Lets up to `limit` of an upload's checked rows go, the first first; how many went. */
  dropSomeRows(id: string, limit: number): number {
    return this.removeSomeRows.run(id, id, limit).changes
  }

  /**
   * For the retention purge: up to `limit` kept rows of uploads already imported or made
   * before `before` (nothing will read them again), then up to `limit` uploads made before
   * `before` with no rows left; how many of each went. The uploads are read in full (a
   * short list: one waiting file per account, and those imported within the day).
   */
  deleteFinished(before: string, limit: number): number {
    return this.add.database.transaction(
      () =>
        this.removeFinishedRows.run(before, limit).changes + this.removeEmptyOlder.run(before, limit).changes,
    )()
  }

  /** Removes an upload and its rows. */
  remove(id: string): void {
    this.removeUpload.run(id)
  }

  /** Records that the upload was imported. False when it already was. */
  imported(id: string, at: string): boolean {
    return this.markImported.run(at, id).changes === 1
  }
}
