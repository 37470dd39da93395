import { addresses } from '../../addresses'
import { formErrors, type FieldProblem } from '../../forms'
import { COLUMN_HELP, DIRECTORY_COLUMNS } from '../../services/directory/directoryCsv'
import type { ImportUpload } from '../../services/directory/directoryImportService'
import { paginationView } from '../../presenters/pagination'
import type { GoneListingRow } from '../../../db/repositories/openReferralSourcesRepository'

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
    openReferralHref: addresses.adminImportOpenReferral(),
    goneHref: addresses.adminImportGone(),
    ...formErrors(problems, { file: 'file' }),
  }
}

const number = (n: number) => n.toLocaleString('en-GB')
const plural = (n: number, one: string, many: string) => `${number(n)} ${n === 1 ? one : many}`

/** The Open Referral UK page: an address or a JSON file, with what was typed kept. */
export function presentOpenReferralPage(
  typed: { url?: string } = {},
  problems: readonly FieldProblem[] = [],
  goneCount = 0,
) {
  return {
    pageTitle: 'Import from another directory (Open Referral UK)',
    breadcrumbs: [...BREADCRUMBS, { href: addresses.adminImport(), text: 'Import listings' }],
    action: addresses.adminImportOpenReferral(),
    form: { url: typed.url ?? '' },
    goneInWords: goneCount > 0 ? plural(goneCount, 'listing has', 'listings have') : null,
    goneHref: addresses.adminImportGone(),
    ...formErrors(problems, { url: 'url', file: 'file' }),
  }
}

/** GONE_PER_PAGE listings gone from their feeds a page. */
export const GONE_PER_PAGE = 20

/** The listings gone from their feeds, each with the link to check or archive it. */
export function presentGonePage(listings: GoneListingRow[], total: number, page: number) {
  const pageCount = Math.max(1, Math.ceil(total / GONE_PER_PAGE))
  return {
    pageTitle: 'Listings gone from the directories they came from',
    breadcrumbs: [...BREADCRUMBS, { href: addresses.adminImport(), text: 'Import listings' }],
    totalInWords: plural(total, 'listing', 'listings'),
    listings: listings.map((listing) => ({
      name: listing.name,
      href: addresses.listing(listing.type, listing.id),
      source: listing.sourceLabel,
      since: listing.goneSince,
      checkHref: addresses.coordinateListingChecked(listing.type, listing.id),
      archiveHref: addresses.coordinateListingArchive(listing.type, listing.id),
    })),
    pagination: paginationView(page, pageCount, (n) => addresses.adminImportGone(n)),
  }
}

/** Where a problem is: a CSV file's row (the header is row 1) or a feed's service. */
function whereInWords(feed: boolean, row: number | null): string {
  if (feed) return row === null || row === 0 ? 'The feed' : `Service ${row}`
  return row === null ? 'The file' : row === 1 ? 'Header (row 1)' : `Row ${row}`
}

/** The dry run's report (or, once imported, what was imported), a page of problems at a time. */
export function presentReport(upload: ImportUpload, page: number) {
  const { report } = upload
  const feed = report.kind === 'open-referral'
  const things = (n: number) => (feed ? plural(n, 'service', 'services') : plural(n, 'row', 'rows'))
  const pageCount = Math.max(1, Math.ceil(report.problems.length / PROBLEMS_PER_PAGE))
  const shown = report.problems.slice((page - 1) * PROBLEMS_PER_PAGE, page * PROBLEMS_PER_PAGE)
  const imported = upload.importedAt !== null
  const ready = !imported && report.problemCount === 0
  return {
    pageTitle: imported
      ? `Imported ${things(report.rowCount)}`
      : ready
        ? `Check ${feed ? 'the feed' : 'your file'}: ready to import ${things(report.rowCount)}`
        : `Error: Check ${feed ? 'the feed' : 'your file'}: ${plural(report.problemCount, 'problem', 'problems')}${pageCount > 1 ? ` (page ${page} of ${pageCount})` : ''}`,
    breadcrumbs: [...BREADCRUMBS, { href: addresses.adminImport(), text: 'Import listings' }],
    feed,
    heading: feed ? 'Check the feed' : 'Check your file',
    fileName: upload.fileName,
    imported,
    ready,
    rowsInWords: things(report.rowCount),
    importButton: `Import ${things(report.rowCount)}`,
    problemsInWords: plural(report.problemCount, 'problem', 'problems'),
    whereHeading: feed ? 'Service' : 'Row',
    columnHeading: feed ? 'Field' : 'Column',
    counts: feed
      ? {
          added: plural(report.newCount ?? 0, 'new service', 'new services'),
          updated: plural(report.updatedCount ?? 0, 'service', 'services'),
          gone: plural(report.goneCount ?? 0, 'service', 'services'),
        }
      : null,
    moreProblemsThanKept:
      report.problemCount > report.problems.length ? number(report.problems.length) : null,
    problems: shown.map((problem) => ({
      where: whereInWords(feed, problem.row),
      column: problem.column ?? '',
      message: problem.message,
    })),
    pagination: paginationView(page, pageCount, (n) => addresses.adminImportUpload(upload.id, n)),
    notesInWords: plural(report.noteCount ?? 0, 'thing', 'things'),
    notes: (report.notes ?? []).slice(0, PROBLEMS_PER_PAGE).map((note) => ({
      where: whereInWords(true, note.row),
      column: note.column ?? '',
      message: note.message,
    })),
    moreNotes:
      (report.noteCount ?? 0) > PROBLEMS_PER_PAGE
        ? number((report.noteCount ?? 0) - PROBLEMS_PER_PAGE)
        : null,
    duplicatesInWords: plural(report.duplicateCount, 'possible duplicate', 'possible duplicates'),
    duplicates: report.duplicates.slice(0, DUPLICATES_SHOWN).map((duplicate) => ({
      where: whereInWords(feed, duplicate.row),
      name: duplicate.name,
      postcode: duplicate.postcode,
      sameAs:
        duplicate.sameAs.kind === 'row'
          ? { text: `${whereInWords(feed, duplicate.sameAs.row)} of this ${feed ? 'feed' : 'file'}` }
          : { text: duplicate.sameAs.name, href: addresses.service(duplicate.sameAs.serviceId) },
    })),
    moreDuplicates:
      report.duplicateCount > DUPLICATES_SHOWN ? number(report.duplicateCount - DUPLICATES_SHOWN) : null,
    importAction: addresses.adminImportUpload(upload.id),
    againHref: feed ? addresses.adminImportOpenReferral() : addresses.adminImport(),
    goneHref: addresses.adminImportGone(),
    searchHref: addresses.search(),
    mapHref: addresses.map(),
  }
}
