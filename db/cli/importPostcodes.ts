/**
 * npm run import:postcodes -- path/to/ONSPD.csv
 *
 * Imports the ONS Postcode Directory into the database named by DATABASE_PATH (default
 * data/common-ground.sqlite), replacing the postcodes already there. See db/importPostcodes.ts.
 */
import path from 'node:path'
import { refreshPlannerStatistics } from '../optimize'
import { importPostcodes, PostcodeImportError, type PostcodeImportProgress } from '../importPostcodes'
import { complain, openConfiguredDatabase, say } from './terminal'

const USAGE = 'Usage: npm run import:postcodes -- path/to/ONSPD.csv'

function progressLine(progress: PostcodeImportProgress): string {
  const percent = progress.totalBytes > 0 ? Math.floor((100 * progress.bytesRead) / progress.totalBytes) : 100
  return `Importing postcodes: ${percent}% (${progress.rowsRead.toLocaleString('en-GB')} rows read, ${progress.imported.toLocaleString('en-GB')} kept)`
}

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((arg) => arg !== '--')
  if (args.includes('--help') || args.includes('-h')) {
    say(USAGE)
    return 0
  }
  const file = args[0]
  if (!file || args.length > 1) {
    complain(USAGE)
    return 1
  }
  const opened = openConfiguredDatabase()
  if (!opened) return 1
  const { config, db } = opened
  try {
    say(`Importing ${path.resolve(file)} into ${config.databasePath}`)
    const onTerminal = process.stdout.isTTY === true
    let lastShown = 0
    const summary = await importPostcodes(db, file, {
      onProgress: onTerminal
        ? (progress) => {
            const now = Date.now()
            if (now - lastShown < 200) return
            lastShown = now
            process.stdout.write(`\r${progressLine(progress)}\u001b[K`)
          }
        : undefined,
    })
    if (onTerminal) process.stdout.write('\r\u001b[K')
    refreshPlannerStatistics(db)
    const n = (count: number) => count.toLocaleString('en-GB')
    say(
      `Imported ${n(summary.imported)} postcodes in ${n(summary.districts)} districts and ${n(summary.sectors)} sectors in ${summary.seconds} seconds.`,
    )
    say(`Skipped ${n(summary.skippedTerminated)} terminated postcodes (with a doterm date).`)
    say(`Skipped ${n(summary.skippedWithoutLocation)} postcodes without a location.`)
    if (summary.skippedUnreadable > 0)
      say(`Skipped ${n(summary.skippedUnreadable)} rows whose postcode could not be read.`)
    return 0
  } catch (error) {
    if (process.stdout.isTTY) process.stdout.write('\n')
    if (error instanceof PostcodeImportError) {
      complain(error.message)
      return 1
    }
    throw error
  } finally {
    db.close()
  }
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    complain(error instanceof Error ? (error.stack ?? error.message) : String(error))
    process.exitCode = 1
  },
)
