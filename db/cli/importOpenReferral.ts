/**
 * npm run import:oruk -- URL_OR_FILE [--source NAME] [--yes]
 *
 * Reads another directory's Open Referral UK feed into the database named by DATABASE_PATH
 * (issue 14): given an address, it pages through that API's /services; given a file, it
 * reads its JSON (one service, a page of services, or a list). It always prints the dry run's
 * report first: problems by record and field, what was left out, possible duplicates, and how
 * many services are new, updated, and gone from the source. It writes only with --yes, and
 * then every service or none, in one transaction. Without --yes nothing is written, so a
 * script can check a feed safely and a person can read the report before deciding.
 *
 * --source names the directory a file came from, so a file imported again under another
 * name still updates the same listings (by default the file's own name is its source).
 */
import path from 'node:path'
import { readFile } from 'node:fs/promises'
import { ConfigError, loadConfig } from '../../server/config'
import { buildServices } from '../../server/services'
import type { ImportReport } from '../../server/services/directory/directoryImportService'
import { isFeedError, readFeed, type FeedInput } from '../../server/services/directory/openReferral/feedInput'
import { openDatabase } from '../connection'
import { migrate } from '../migrate'
import { readCommandLine, runFromTerminal, type Command, type CommandIo } from './terminal'

const USAGE = 'Usage: npm run import:oruk -- URL_OR_FILE [--source NAME] [--yes]'
/** The report prints this many problems and notes of each kind; the rest are counted. */
const SHOWN = 50

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`

/** The dry run's report as lines for the terminal. */
export function reportLines(report: ImportReport): string[] {
  const lines = [`${report.source?.label ?? 'The feed'}: ${plural(report.rowCount, 'service', 'services')}.`]
  const where = (row: number | null, column: string | null) =>
    `${row === null || row === 0 ? 'The feed' : `Service ${row}`}${column ? `, ${column}` : ''}`
  if (report.problemCount > 0) {
    lines.push(
      `${plural(report.problemCount, 'problem', 'problems')} (nothing can be imported until they are fixed):`,
    )
    for (const problem of report.problems.slice(0, SHOWN))
      lines.push(`  ${where(problem.row, problem.column)}: ${problem.message}`)
    if (report.problemCount > SHOWN) lines.push(`  and ${report.problemCount - SHOWN} more.`)
  } else {
    lines.push(
      `${plural(report.newCount ?? 0, 'new service', 'new services')}, ${plural(report.updatedCount ?? 0, 'service', 'services')} updated, ${plural(report.goneCount ?? 0, 'service', 'services')} gone from the source (to be flagged for checking, not deleted).`,
    )
  }
  const noteCount = report.noteCount ?? 0
  if (noteCount > 0) {
    lines.push(`${plural(noteCount, 'thing', 'things')} left out:`)
    for (const note of (report.notes ?? []).slice(0, SHOWN))
      lines.push(`  ${where(note.row, note.column)}: ${note.message}`)
    if (noteCount > SHOWN) lines.push(`  and ${noteCount - SHOWN} more.`)
  }
  if (report.duplicateCount > 0) {
    lines.push(
      `${plural(report.duplicateCount, 'possible duplicate', 'possible duplicates')} (same name and postcode):`,
    )
    for (const duplicate of report.duplicates.slice(0, SHOWN))
      lines.push(
        `  Service ${duplicate.row}, ${duplicate.name} at ${duplicate.postcode}: same as ${duplicate.sameAs.kind === 'row' ? `service ${duplicate.sameAs.row} of the feed` : `${duplicate.sameAs.name} (listing ${duplicate.sameAs.serviceId})`}`,
      )
  }
  return lines
}

/** Runs the command; its exit code (0 checked or imported, 1 not). */
export const importOpenReferralCommand: Command = async (args, env, io: CommandIo) => {
  const parsed = readCommandLine(
    args,
    {
      options: { yes: { type: 'boolean' }, source: { type: 'string' } },
      strict: true,
      allowPositionals: true,
    },
    USAGE,
    io,
  )
  if (!parsed) return 1
  const [target, ...more] = parsed.positionals
  if (!target || more.length > 0) {
    io.err(USAGE)
    return 1
  }
  let config
  try {
    config = loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message)
      return 1
    }
    throw error
  }
  const isAddress = /^https?:\/\//i.test(target)
  let input: FeedInput
  if (isAddress) input = { kind: 'url', url: target }
  else {
    let text: string
    try {
      text = await readFile(target, 'utf8')
    } catch {
      io.err(`We could not open the file ${path.resolve(target)}. Check its name`)
      return 1
    }
    input = { kind: 'file', name: path.basename(target), text, source: parsed.values.source }
  }
  const db = openDatabase(config.databasePath)
  try {
    migrate(db)
    const services = buildServices(db, config)
    let feed
    try {
      feed = await readFeed(input, { allowPrivateAddresses: config.feedsFromPrivateAddresses })
    } catch (error) {
      if (isFeedError(error)) {
        io.err(error.message)
        return 1
      }
      throw error
    }
    const checked = services.openReferralImport.check(feed.services, feed.source)
    for (const line of reportLines(checked.report)) io.out(line)
    if (checked.report.problemCount > 0) {
      io.err('Nothing was imported.')
      return 1
    }
    if (!parsed.values.yes) {
      io.out('Nothing was imported: this was a check. Run it again with --yes to import.')
      return 0
    }
    const written = services.openReferralImport.write(checked.services, feed.source)
    services.audit.record({
      accountId: null,
      action: 'directory-imported',
      recordType: 'import',
      recordId: null,
      detail: `Open Referral UK from ${feed.source.label} by npm run import:oruk (SHA-256 ${feed.sha256}): ${written.added} new, ${written.updated} updated, ${written.gone} gone from the source`,
    })
    io.out(
      `Imported: ${plural(written.added, 'new service', 'new services')}, ${plural(written.updated, 'service', 'services')} updated, ${plural(written.gone, 'service', 'services')} gone from the source flagged for checking.`,
    )
    return 0
  } finally {
    db.close()
  }
}

runFromTerminal(module, importOpenReferralCommand)
