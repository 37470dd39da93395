/**
 * `npm run test:crash`: the crash test's full form, 50 kills (or `-- --kills N`). Prints each
 * kill's line and a summary; exits with 1 when anything was lost or half-written.
 */
import { runCrashTest, summaryOf } from './driver'

const say = (line: string) => process.stdout.write(`${line}\n`)

async function main(): Promise<number> {
  const args = process.argv.slice(2)
  const at = args.indexOf('--kills')
  const kills = at === -1 ? 50 : Number(args[at + 1])
  if (!Number.isInteger(kills) || kills < 1) {
    process.stderr.write('--kills must be a whole number above 0\n')
    return 1
  }
  const started = Date.now()
  const report = await runCrashTest({ kills, log: say })
  say(`\n${summaryOf(report)}\nTook ${Math.round((Date.now() - started) / 1000)} s.`)
  return report.problems.length === 0 ? 0 : 1
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exit(1)
  },
)
