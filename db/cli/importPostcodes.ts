/**
 * npm run import:postcodes -- path/to/ONSPD.csv
 *
 * Imports the ONS Postcode Directory into the database named by DATABASE_PATH (default
 * data/common-ground.sqlite), replacing the postcodes already there. See db/importPostcodes.ts.
 */
import path from 'node:path'
import { openDatabase } from '../connection'
import { migrate } from '../migrate'
import { refreshPlannerStatistics } from '../optimize'
import { importPostcodes, PostcodeImportError, type PostcodeImportProgress } from '../importPostcodes'
import { ConfigError, loadConfig } from '../../server/config'

const USAGE = 'Usage: npm run import:postcodes -- path/to/ONSPD.csv'

function progressLine(progress: PostcodeImportProgress): string {
  const percent = progress.totalBytes > 0 ? Math.floor((100 * progress.bytesRead) / progress.totalBytes) : 100
  return `Importing postcodes: ${percent}% (${progress.rowsRead.toLocaleString('en-GB')} rows read, ${progress.imported.toLocaleString('en-GB')} kept)`
}

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((arg) => arg !== '--')
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE)
    return 0
  }
  const file = args[0]
  if (!file || args.length > 1) {
    console.error(USAGE)
    return 1
  }
  let config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      return 1
    }
    throw error
  }
  const db = openDatabase(config.databasePath)
  try {
    migrate(db)
    console.log(`Importing ${path.resolve(file)} into ${config.databasePath}`)
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
    console.log(
      `Imported ${n(summary.imported)} postcodes in ${n(summary.districts)} districts in ${summary.seconds} seconds.`,
    )
    console.log(`Skipped ${n(summary.skippedTerminated)} terminated postcodes (with a doterm date).`)
    console.log(`Skipped ${n(summary.skippedWithoutLocation)} postcodes without a location.`)
    if (summary.skippedUnreadable > 0)
      console.log(`Skipped ${n(summary.skippedUnreadable)} rows whose postcode could not be read.`)
    return 0
  } catch (error) {
    if (process.stdout.isTTY) process.stdout.write('\n')
    if (error instanceof PostcodeImportError) {
      console.error(error.message)
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
    console.error(error)
    process.exitCode = 1
  },
)
