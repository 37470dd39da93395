import { createHash, randomBytes } from 'node:crypto'
import { parse } from 'csv-parse/sync'
import type { Repositories } from '../../../db/repositories'
import type { AuditTrail, RequestOrigin } from '../accounts/auditTrail'
import { isoSecond } from '../accounts/times'
import type { Clock } from '../clock'
import type { LocationService } from '../locationService'
import { insist, mayImportDirectory } from '../permissions'
import { accountIdOf, type Viewer } from '../viewer'
import {
  checkImportFile,
  type ImportLookups,
  type ImportProblem,
  type PossibleDuplicate,
  type PreparedRow,
} from './importRows'

/** The most problems and possible duplicates kept for one file's report. */
export const MOST_REPORTED = 5000

/** What a dry run found, as kept with the upload. */
export interface ImportReport {
  rowCount: number
  /** every problem, up to MOST_REPORTED */
  problems: ImportProblem[]
  problemCount: number
  duplicates: PossibleDuplicate[]
  duplicateCount: number
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

/**
 * Importing listings from a CSV file (issue 12): admins and coordinators of every hub only.
 * An upload is checked (the dry run) and kept server-side with its findings, under a random
 * id for the account that sent it; "Import" then reads that same kept file again, checks it
 * again against the directory as it is now, and writes every row in one transaction, or
 * none. Places get their point from the postcode (the postcodes table) or else the town (the
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
      | 'dataVersion'
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

  /** Checks an uploaded file and keeps it for its account; returns its id. */
  dryRun(viewer: Viewer, file: { name: string; content: Buffer }): string {
    insist(this.mayImport(viewer))
    const accountId = accountIdOf(viewer)
    if (accountId === null) throw new Error('An import needs a signed-in account')
    const csv = file.content.toString('utf8')
    const report = this.check(csv).report
    const now = this.clock.now()
    const id = randomBytes(16).toString('hex')
    this.repositories.importUploads.replace(
      {
        id,
        accountId,
        fileName: file.name.slice(0, 200),
        sha256: createHash('sha256').update(file.content).digest('hex'),
        csv,
        rowCount: report.rowCount,
        report: JSON.stringify(report),
        createdAt: isoSecond(now),
      },
      isoSecond(new Date(now.getTime() - DAY_MS)),
    )
    return id
  }

  /** An upload of this viewer's with its findings; undefined when there is none (or it is someone else's). */
  upload(viewer: Viewer, id: string): ImportUpload | undefined {
    insist(this.mayImport(viewer))
    const row = this.repositories.importUploads.find(id)
    if (!row || row.accountId !== accountIdOf(viewer)) return undefined
    return {
      id: row.id,
      fileName: row.fileName,
      createdAt: row.createdAt,
      importedAt: row.importedAt,
      report: JSON.parse(row.report) as ImportReport,
    }
  }

  /**
   * Imports a kept upload: checked again first (the directory may have changed since the dry
   * run), then every row written in one transaction, or none. Undefined when there is no such
   * upload for this viewer.
   */
  importUpload(viewer: Viewer, id: string, from: RequestOrigin): ImportOutcome | undefined {
    insist(this.mayImport(viewer))
    const row = this.repositories.importUploads.find(id)
    if (!row || row.accountId !== accountIdOf(viewer)) return undefined
    if (row.importedAt !== null) return { kind: 'already-imported' }
    const { rows, report } = this.check(row.csv)
    if (report.problemCount > 0) {
      const upload = this.upload(viewer, id)
      return upload && { kind: 'problems', upload: { ...upload, report } }
    }
    const written = this.repositories.db.transaction(() => {
      if (!this.repositories.importUploads.imported(id, isoSecond(this.clock.now()))) return null
      return this.write(rows)
    })()
    if (written === null) return { kind: 'already-imported' }
    this.audit.record({
      accountId: accountIdOf(viewer),
      action: 'directory-imported',
      recordType: 'import',
      recordId: id,
      from,
      detail: `${written} rows from ${row.fileName}`,
    })
    return { kind: 'imported', rows: written }
  }

  /** Parses and checks a file's text: its rows ready to write (none when there is any problem) and its report. */
  check(csv: string): { rows: PreparedRow[]; report: ImportReport } {
    let records: string[][]
    try {
      records = parse(csv, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][]
    } catch (error) {
      const line = (error as { lines?: number }).lines
      return {
        rows: [],
        report: {
          rowCount: 0,
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
        },
      }
    }
    const checked = checkImportFile(records, this.lookups())
    return {
      rows: checked.rows,
      report: {
        rowCount: checked.rowCount,
        problems: checked.problems.slice(0, MOST_REPORTED),
        problemCount: checked.problems.length,
        duplicates: checked.duplicates.slice(0, MOST_REPORTED),
        duplicateCount: checked.duplicates.length,
      },
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
    return {
      categories,
      accessFeatures: new Set(directoryTransfer.accessFeatureCodes()),
      hubIdBySlug: new Map(directoryTransfer.hubs().map((hub) => [hub.slug, hub.id])),
      postcodePoint: (postcode) => {
        const found = postcodes.find(postcode)
        return found && { latitude: found.latitude, longitude: found.longitude }
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
   * Writes checked rows through the listings' repositories, inside the caller's transaction.
   * Organisations are found by name and places by postcode and name (in the directory, or
   * made by an earlier row), so a file lists each once. A big import switches off the
   * triggers that keep the search indexes and builds them once at the end (whileDeferred);
   * a small one into a big directory lets the triggers keep them row by row, which is quicker
   * than rebuilding every index for a few rows.
   */
  private write(rows: PreparedRow[]): number {
    const { organisations, places, services, directoryTransfer } = this.repositories
    const big = rows.length >= 1000 && rows.length * 4 >= directoryTransfer.countPublishedServices()
    const work = () => {
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
      return services.insertMany(
        (function* () {
          for (const row of rows) {
            const organisationId = organisationOf(row)
            const placeId = placeOf(row, organisationId)
            yield {
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
              status: 'published' as const,
              lastChecked: row.lastChecked,
              categories: row.categories,
              placeIds: placeId === null ? [] : [placeId],
              schedules: row.schedules,
            }
          }
        })(),
      )
    }
    return big ? this.repositories.searchIndex.whileDeferred(work) : work()
  }
}
