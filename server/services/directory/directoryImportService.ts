import { createHash, randomBytes } from 'node:crypto'
import { Readable } from 'node:stream'
import { SqliteError } from 'better-sqlite3'
import { parse } from 'csv-parse'
import type { Repositories } from '../../../db/repositories'
import type { ServiceInput } from '../../../db/repositories/servicesRepository'
import { UnknownTermError } from '../../../db/repositories/writing'
import type { AuditTrail, RequestOrigin } from '../accounts/auditTrail'
import { isoSecond } from '../accounts/times'
import type { Clock } from '../clock'
import type { LocationService } from '../locationService'
import { insist, mayImportDirectory } from '../permissions'
import { accountIdOf, type Viewer } from '../viewer'
import {
  ImportChecker,
  type ImportLookups,
  type ImportProblem,
  type PossibleDuplicate,
  type PreparedRow,
} from './importRows'

/** What a dry run found, as kept with the upload. */
export interface ImportReport {
  /** a CSV file (when left out, as reports kept before issue 14 are) or an Open Referral UK feed */
  kind?: 'csv' | 'open-referral'
  rowCount: number
  /** every problem, up to MOST_KEPT */
  problems: ImportProblem[]
  problemCount: number
  duplicates: PossibleDuplicate[]
  duplicateCount: number
  /** a feed's: where it came from */
  source?: { key: string; label: string }
  /** a feed's: what was left out, by record and field (these do not stop the import) */
  notes?: ImportProblem[]
  noteCount?: number
  /** a feed's: how many services are new, updated (imported before from this source) and gone from it */
  newCount?: number
  updatedCount?: number
  goneCount?: number
}

export interface ImportUpload {
  id: string
  fileName: string
  createdAt: string
  importedAt: string | null
  report: ImportReport
}

export type ImportOutcome =
  | { kind: 'imported'; rows: number }
  | { kind: 'problems'; upload: ImportUpload }
  | { kind: 'already-imported' }

const DAY_MS = 86_400_000
/** Rows checked, kept, written or let go between turns of the event loop. */
const BATCH = 1000
/** How much of a file goes to the parser at a time. */
const PIECE_BYTES = 64 * 1024
/** An upload's report while its dry run is still under way: it reads as not there. */
const NOT_CHECKED_YET = '{}'

/** Hands the event loop back, so other requests are answered, then carries on. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/** A file's bytes in pieces, as a stream would bring them (views, not copies). */
function* piecesOf(bytes: Buffer): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += PIECE_BYTES) yield bytes.subarray(at, at + PIECE_BYTES)
}

/**
 * Importing listings from a CSV file (issue 12): admins and coordinators of every hub only.
 * An upload is checked (the dry run) and kept server-side, under a random id for the account
 * that sent it: its findings and, when it has no problem, its rows checked and ready to
 * write. "Import" writes exactly those rows in one transaction, or none; nothing the browser
 * sends again is trusted. The data version moves with the writes (triggers, or once at the
 * end of a big import), so every answer cache sees the new listings. Places get their point from the postcode (the postcodes table) or else the town (the
 * gazetteer); a row that cannot be placed is a problem, never a guess.
 */
export class DirectoryImportService {
  constructor(
    private readonly repositories: Pick<
      Repositories,
      | 'db'
      | 'organisations'
      | 'places'
      | 'services'
      | 'postcodes'
      | 'directoryTransfer'
      | 'importUploads'
      | 'searchIndex'
    >,
    private readonly location: LocationService,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  mayImport(viewer: Viewer): boolean {
    return mayImportDirectory(viewer)
  }

  /**
   * Checks an uploaded file and keeps it for its account: its findings and, when it has no
   * problem, its rows checked and ready to write. Returns its id. The file is read a record at
   * a time and its rows kept a thousand at a time, each thousand in a short transaction of its
   * own, handing the event loop back between them (SQLite runs on it: one long check would
   * hold up every other request). Until its report is written an upload reads as not there, so
   * a check that stops half way leaves nothing anyone can import (and it is removed).
   *
   * An account keeps one waiting file: should the same account send another while this one is
   * being checked (two tabs, say), the newer one takes its place, and this check answers null
   * instead of an id, having kept nothing.
   */
  async dryRun(viewer: Viewer, file: { name: string; content: Buffer }): Promise<string | null> {
    insist(this.mayImport(viewer))
    const accountId = accountIdOf(viewer)
    if (accountId === null) throw new Error('An import needs a signed-in account')
    const { db, importUploads } = this.repositories
    const now = this.clock.now()
    const id = randomBytes(16).toString('hex')
    importUploads.replace(
      {
        id,
        accountId,
        fileName: file.name.slice(0, 200),
        sha256: createHash('sha256').update(file.content).digest('hex'),
        rowCount: 0,
        report: NOT_CHECKED_YET,
        createdAt: isoSecond(now),
      },
      isoSecond(new Date(now.getTime() - DAY_MS)),
    )
    try {
      const waiting: { row: number; data: string }[] = []
      const keep = db.transaction((rows: { row: number; data: string }[]) => importUploads.addRows(id, rows))
      const report = await this.check(file.content, (prepared) => {
        waiting.push({ row: prepared.row, data: JSON.stringify(prepared) })
        if (waiting.length === BATCH) keep(waiting.splice(0))
      })
      if (report.problemCount > 0) await this.dropRowsOf(id)
      else if (importUploads.find(id)) keep(waiting)
      importUploads.setReport(id, JSON.stringify(report), report.rowCount)
    } catch (error) {
      // Taken away under the check: its rows' link to it failed (a foreign key).
      const replaced = importUploads.find(id) === undefined
      importUploads.remove(id)
      if (replaced) return null
      throw error
    }
    // Taken away while the check waited for its turn: its report went nowhere.
    return importUploads.find(id) ? id : null
  }

  /** Lets an upload's kept rows go, a thousand at a time, handing the event loop back between. */
  private async dropRowsOf(id: string): Promise<void> {
    while (this.repositories.importUploads.dropSomeRows(id, BATCH) === BATCH) await nextTurn()
  }

  /** An upload of this viewer's with its findings; undefined when there is none (or it is someone else's). */
  upload(viewer: Viewer, id: string): ImportUpload | undefined {
    insist(this.mayImport(viewer))
    const row = this.repositories.importUploads.find(id)
    if (!row || row.accountId !== accountIdOf(viewer) || row.report === NOT_CHECKED_YET) return undefined
    return {
      id: row.id,
      fileName: row.fileName,
      createdAt: row.createdAt,
      importedAt: row.importedAt,
      report: JSON.parse(row.report) as ImportReport,
    }
  }

  /**
   * Imports a kept upload: the rows its dry run checked, every one in one transaction, or
   * none. Should a category or hub a row names have gone since the check, nothing is kept and
   * the file must be checked again. Undefined when there is no such upload for this viewer.
   * The transaction cannot hand the event loop back (another request's writes would join it),
   * so it does as little as it can: kept rows read a thousand at a time, statements prepared
   * once, the search indexes and counts built once at the end for a big file. The kept rows
   * are let go after it, a thousand at a time, once the answer is on its way.
   */
  async importUpload(viewer: Viewer, id: string, from: RequestOrigin): Promise<ImportOutcome | undefined> {
    insist(this.mayImport(viewer))
    const { db, importUploads, searchIndex } = this.repositories
    const upload = this.upload(viewer, id)
    if (!upload) return undefined
    if (upload.importedAt !== null) return { kind: 'already-imported' }
    if (upload.report.problemCount > 0) return { kind: 'problems', upload }
    const row = importUploads.find(id)
    if (!row) return undefined
    let written = 0
    try {
      const done = db.transaction(() => {
        if (!importUploads.imported(id, isoSecond(this.clock.now()))) return false
        const { write, flush, big, doubles } = this.writer(row.rowCount)
        const run = () => {
          for (let after = 0; ;) {
            const batch = importUploads.rowsAfter(id, after, BATCH)
            for (const kept of batch) write(JSON.parse(kept.data) as PreparedRow)
            written += batch.length
            after = batch[batch.length - 1]?.row ?? after
            if (batch.length < BATCH) break
          }
          flush()
        }
        if (big) searchIndex.whileDeferred(run, { rebuildServiceIndexes: doubles })
        else run()
        return true
      })()
      if (!done) return { kind: 'already-imported' }
    } catch (error) {
      if (
        !(error instanceof UnknownTermError) &&
        !(error instanceof Error && /FOREIGN KEY/.test(error.message))
      )
        throw error
      const problem = {
        row: null,
        column: null,
        message:
          'A category or hub in the file has been taken off the list since the file was checked. Upload it again to check it',
      }
      return {
        kind: 'problems',
        upload: { ...upload, report: { ...upload.report, problems: [problem], problemCount: 1 } },
      }
    }
    this.audit.record({
      accountId: accountIdOf(viewer),
      action: 'directory-imported',
      recordType: 'import',
      recordId: id,
      from,
      detail: `${written} rows from ${row.fileName} (SHA-256 ${row.sha256})`,
    })
    // Imported: nothing reads its rows again (importedAt is set). They go after the answer, a
    // thousand at a time with other requests answered in between, rather than keep the person
    // waiting (100,000 rows take a second). Should that stop half way (the app stopping, say),
    // the daily purge removes the rest (RetentionService, importUploads), so its failure here
    // needs no answer of its own.
    void this.dropRowsOf(id).catch(() => undefined)
    return { kind: 'imported', rows: written }
  }

  /**
   * Parses and checks a file (its bytes as uploaded, UTF-8: never copied into one long string)
   * a record at a time, handing each row that is ready to `write` while there is no problem so
   * far; its report. The file goes to the parser in pieces and the event loop is handed back
   * after each BATCH records, so a big file never holds up other requests for long.
   */
  async check(csv: Buffer, write: (row: PreparedRow) => void = () => undefined): Promise<ImportReport> {
    const checker = new ImportChecker(this.lookups())
    const parser = Readable.from(piecesOf(csv)).pipe(
      parse({ bom: true, relax_column_count: true, skip_empty_lines: true }),
    )
    try {
      let sinceTurn = 0
      for await (const record of parser as AsyncIterable<string[]>) {
        const prepared = checker.add(record)
        if (prepared) write(prepared)
        if (++sinceTurn === BATCH) {
          sinceTurn = 0
          await nextTurn()
        }
      }
    } catch (error) {
      const line = (error as { lines?: number }).lines
      // The database's own errors (from `write`) are not the file's fault.
      if (error instanceof SqliteError) throw error
      if (typeof line !== 'number' && !(error instanceof Error && 'code' in error)) throw error
      return {
        rowCount: checker.rowCount,
        problems: [
          {
            row: typeof line === 'number' ? line : null,
            column: null,
            message:
              'We could not read the file as CSV. Check that quotes are closed, and save it from your spreadsheet as ‘CSV UTF-8’',
          },
        ],
        problemCount: 1,
        duplicates: [],
        duplicateCount: 0,
      }
    }
    checker.finish()
    return {
      rowCount: checker.rowCount,
      problems: checker.problems,
      problemCount: checker.problemCount,
      duplicates: checker.duplicates,
      duplicateCount: checker.duplicateCount,
    }
  }

  private lookups(): ImportLookups {
    const { directoryTransfer, postcodes } = this.repositories
    const categories = new Map<string, string>()
    for (const { code, name } of directoryTransfer.categories()) {
      categories.set(code.toLowerCase(), code)
      categories.set(name.toLowerCase(), code)
    }
    const towns = new Map<string, ReturnType<ImportLookups['townPoint']>>()
    const points = new Map<string, { latitude: number; longitude: number } | undefined>()
    return {
      categories,
      accessFeatures: new Set(directoryTransfer.accessFeatureCodes()),
      hubIdBySlug: new Map(directoryTransfer.hubs().map((hub) => [hub.slug, hub.id])),
      // A file names the same postcodes again and again: each is looked up once.
      postcodePoint: (postcode) => {
        if (points.has(postcode)) return points.get(postcode)
        const found = postcodes.find(postcode)
        const point = found && { latitude: found.latitude, longitude: found.longitude }
        points.set(postcode, point)
        return point
      },
      // A file names the same towns again and again: each is looked up once.
      townPoint: (town) => {
        const key = town.toLowerCase()
        let answer = towns.get(key)
        if (!answer) {
          answer = this.townPoint(town)
          towns.set(key, answer)
        }
        return answer
      },
      existingService: (postcode, name) => directoryTransfer.findServiceAt(postcode, name),
      today: isoSecond(this.clock.now()).slice(0, 10),
    }
  }

  /** A town or village by its name only: a postcode, a district or an ambiguous name is not a town. */
  private townPoint(town: string): { point: { latitude: number; longitude: number } } | { problem: string } {
    const found = this.location.resolve(town)
    if (found.kind === 'found' && found.precision === 'place') return { point: found.point }
    if (found.kind === 'choose')
      return {
        problem: `There is more than one ${found.name}, so we cannot put the place on the map. Add its postcode`,
      }
    return {
      problem: `We could not find the town ‘${town}’, so we cannot put the place on the map. Add its postcode`,
    }
  }

  /**
   * Writes checked rows, one at a time, through the listings' repositories, inside the
   * caller's transaction. Organisations are found by name and places by postcode and name (in
   * the directory, or made by an earlier row), so a file lists each once. A big import
   * switches off the triggers that keep the search indexes and builds them once at the end
   * (SearchIndexRepository.whileDeferred, which the caller's transaction holds); a small one
   * into a big directory lets the triggers keep them row by row, which is quicker than
   * rebuilding every index for a few rows. The caller runs the writes inside whileDeferred when
   * big, and has it build the services' own indexes again too when the file at least doubles
   * the directory (`doubles`).
   */
  private writer(rowCount: number): {
    write: (row: PreparedRow) => void
    flush: () => void
    big: boolean
    doubles: boolean
  } {
    const { organisations, places, services, directoryTransfer } = this.repositories
    const organisationIds = new Map<string, number>()
    const placeIds = new Map<string, number>()
    const organisationOf = (row: PreparedRow): number => {
      const key = row.organisation.toLowerCase()
      let id = organisationIds.get(key) ?? directoryTransfer.findOrganisationId(row.organisation)
      if (id === undefined)
        id = organisations.insert({
          name: row.organisation,
          status: 'published',
          hubIds: row.hubId === null ? [] : [row.hubId],
          lastChecked: row.lastChecked,
        })
      organisationIds.set(key, id)
      return id
    }
    const placeOf = (row: PreparedRow, organisationId: number): number | null => {
      const place = row.place
      if (!place) return null
      const key = `${place.postalCode}\n${place.name.toLowerCase()}`
      let id =
        placeIds.get(key) ??
        (place.postalCode === '' ? undefined : directoryTransfer.findPlaceId(place.postalCode, place.name))
      if (id === undefined)
        id = places.insert({
          name: place.name,
          address1: place.address1,
          city: place.city,
          postalCode: place.postalCode,
          latitude: place.point.latitude,
          longitude: place.point.longitude,
          hubId: row.hubId,
          organisationId,
          status: 'published',
          lastChecked: row.lastChecked,
          access: [
            ...place.access.map((code) => ({ code })),
            ...place.noAccess.map((code) => ({ code, available: false })),
          ],
        })
      placeIds.set(key, id)
      return id
    }
    const published = directoryTransfer.countPublishedServices()
    const big = rowCount >= 1000 && rowCount * 4 >= published
    // At least doubling the directory, the services' own indexes are built again too.
    const doubles = big && rowCount >= published
    // Services go in a thousand at a time (insertMany: one savepoint for each thousand, each
    // written published at once); their organisations and places as each row comes.
    const waiting: ServiceInput[] = []
    const flush = () => {
      services.insertMany(waiting)
      waiting.length = 0
    }
    const write = (row: PreparedRow) => {
      const organisationId = organisationOf(row)
      const placeId = placeOf(row, organisationId)
      if (waiting.length === 1000) flush()
      waiting.push({
        organisationId,
        hubId: row.hubId,
        name: row.name,
        description: row.description,
        eligibilityDescription: row.eligibilityDescription,
        applicationProcess: row.applicationProcess,
        isFree: row.isFree,
        costAmountPence: row.costAmountPence,
        costOption: row.costOption,
        costDescription: row.costDescription,
        comesToHome: row.comesToHome,
        byPhone: row.byPhone,
        online: row.online,
        email: row.email,
        phone: row.phone,
        url: row.url,
        status: 'published',
        lastChecked: row.lastChecked,
        categories: row.categories,
        placeIds: placeId === null ? [] : [placeId],
        schedules: row.schedules,
      })
    }
    return { write, flush, big, doubles }
  }
}
