import { addresses } from '../../addresses'
import { formErrors, type FieldProblem } from '../../forms'
import { COLUMN_HELP, DIRECTORY_COLUMNS } from '../../services/directory/directoryCsv'
import type { ImportUpload } from '../../services/directory/directoryImportService'
import { paginationView } from '../../presenters/pagination'

/** Problems shown on one page of the report. */
export const PROBLEMS_PER_PAGE = 100
/** Possible duplicates shown on the report. */
export const DUPLICATES_SHOWN = 100

const BREADCRUMBS = [{ href: addresses.start(), text: 'Home' }]

/** The import page: the template, what each column holds, and the upload form. */
export function presentImportPage(
  categories: { code: string; name: string }[],
  accessFeatures: string[],
  problems: readonly FieldProblem[] = [],
) {
  return {
    pageTitle: 'Import listings',
    breadcrumbs: BREADCRUMBS,
    templateHref: addresses.adminImportTemplate(),
    action: addresses.adminImport(),
    columns: DIRECTORY_COLUMNS.map((name) => ({ name, help: COLUMN_HELP[name] })),
    categories,
    accessFeatures: accessFeatures.join(', '),
    downloadHref: addresses.download(),
    ...formErrors(problems, { file: 'file' }),
  }
}

const number = (n: number) => n.toLocaleString('en-GB')
const plural = (n: number, one: string, many: string) => `${number(n)} ${n === 1 ? one : many}`

/** The dry run's report (or, once imported, what was imported), a page of problems at a time. */
export function presentReport(upload: ImportUpload, page: number) {
  const { report } = upload
  const pageCount = Math.max(1, Math.ceil(report.problems.length / PROBLEMS_PER_PAGE))
  const shown = report.problems.slice((page - 1) * PROBLEMS_PER_PAGE, page * PROBLEMS_PER_PAGE)
  const imported = upload.importedAt !== null
  const ready = !imported && report.problemCount === 0
  return {
    pageTitle: imported
      ? `Imported ${plural(report.rowCount, 'row', 'rows')}`
      : ready
        ? `Check your file: ready to import ${plural(report.rowCount, 'row', 'rows')}`
        : `Error: Check your file: ${plural(report.problemCount, 'problem', 'problems')}${pageCount > 1 ? ` (page ${page} of ${pageCount})` : ''}`,
    breadcrumbs: [...BREADCRUMBS, { href: addresses.adminImport(), text: 'Import listings' }],
    fileName: upload.fileName,
    imported,
    ready,
    rowsInWords: plural(report.rowCount, 'row', 'rows'),
    importButton: `Import ${plural(report.rowCount, 'row', 'rows')}`,
    problemsInWords: plural(report.problemCount, 'problem', 'problems'),
    moreProblemsThanKept:
      report.problemCount > report.problems.length ? number(report.problems.length) : null,
    problems: shown.map((problem) => ({
      where: problem.row === null ? 'The file' : problem.row === 1 ? 'Header (row 1)' : `Row ${problem.row}`,
      column: problem.column ?? '',
      message: problem.message,
    })),
    pagination: paginationView(page, pageCount, (n) => addresses.adminImportUpload(upload.id, n)),
    duplicatesInWords: plural(report.duplicateCount, 'possible duplicate', 'possible duplicates'),
    duplicates: report.duplicates.slice(0, DUPLICATES_SHOWN).map((duplicate) => ({
      where: `Row ${duplicate.row}`,
      name: duplicate.name,
      postcode: duplicate.postcode,
      sameAs:
        duplicate.sameAs.kind === 'row'
          ? { text: `Row ${duplicate.sameAs.row} of this file` }
          : { text: duplicate.sameAs.name, href: addresses.service(duplicate.sameAs.serviceId) },
    })),
    moreDuplicates:
      report.duplicateCount > DUPLICATES_SHOWN ? number(report.duplicateCount - DUPLICATES_SHOWN) : null,
    importAction: addresses.adminImportUpload(upload.id),
    againHref: addresses.adminImport(),
    searchHref: addresses.search(),
    mapHref: addresses.map(),
  }
}
