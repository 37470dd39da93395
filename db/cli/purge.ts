/**
 * npm run purge
 *
 * Runs the retention purge once (the app also runs it every day): removes from the database
 * named by DATABASE_PATH what has passed its period (README, "Configuration"), in the same
 * bounded batches, checkpoints the write-ahead log into the file, and says what it removed of
 * each kind. Running it again removes nothing more, unless more was past its period than one
 * run takes (it says so).
 */
import { buildServices } from '../../server/services'
import { KIND_WORDS, purgeLines } from './purgeReport'
import { complain, openConfiguredDatabase, say } from './terminal'

async function main(): Promise<number> {
  const opened = openConfiguredDatabase()
  if (!opened) return 1
  const { config, db, applied } = opened
  try {
    if (applied.length > 0) say(`Applied ${applied.length} migration(s): ${applied.join(', ')}`)
    const report = await buildServices(db, config).retention.purge()
    for (const line of purgeLines(config.databasePath, report)) say(line)
    for (const { kind, reason } of report.failed)
      complain(`Could not purge ${KIND_WORDS[kind].what}: ${reason}`)
    return report.failed.length > 0 ? 1 : 0
  } finally {
    db.close()
  }
}

void main().then((code) => {
  process.exitCode = code
})
