/**
 * The import's figure (issue 12): `node dist/bench/importTiming.js --rows 100000 --out FILE`.
 * Makes a CSV of that many rows in the import's columns (each place at one of the demo
 * postcodes, or in a town for every tenth row; 1 organisation per 50 rows, 1 place per 20),
 * then, in a fresh directory (migrated, with the gazetteer and the demo postcodes), times the
 * dry run (parse and check every row) and the import (checked again, then every row written
 * in one transaction, search indexes included) through DirectoryImportService, as the pages
 * do. Run by bench/run.ts with npm start's heap cap, so a file too big for it shows; writes
 * its figures as JSON to --out.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { openDatabase } from '../db/connection'
import { importDemoPostcodesIfEmpty, DEMO_POSTCODES_FILE } from '../db/demoPostcodes'
import { loadGazetteerIfEmpty } from '../db/gazetteer'
import { migrate } from '../db/migrate'
import { testConfig } from '../server/config'
import { buildServices } from '../server/services'
import { DIRECTORY_COLUMNS, type DirectoryRow, EXAMPLE_ROW } from '../server/services/directory/directoryCsv'
import { csvText } from '../server/services/directory/directoryExport'

export interface ImportTiming {
  rows: number
  fileMb: number
  dryRunS: number
  importS: number
  /** processor time of each, which other work on a shared machine changes less than the clock */
  dryRunCpuS: number
  importCpuS: number
  peakRssMb: number
}

const TOWNS = ['Margate', 'Ramsgate', 'Broadstairs', 'Sheffield', 'Crewe', 'Torquay']
const CATEGORIES = [
  'walking-groups',
  'lunch-clubs',
  'coffee-mornings',
  'befriending',
  'digital-help',
  'singing',
]
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']

/** The benchmark's file: `rows` rows in the import's columns. */
export function importFile(rows: number, postcodes: readonly string[]): string {
  const chunks: string[] = [csvText([], DIRECTORY_COLUMNS)]
  let batch: string[][] = []
  for (let i = 0; i < rows; i++) {
    const placeNumber = Math.floor(i / 20)
    const byTown = placeNumber % 10 === 9
    const row: DirectoryRow = {
      ...EXAMPLE_ROW,
      service_name: `Group number ${i + 1}`,
      organisation: `Organisation number ${Math.floor(i / 50) + 1}`,
      description: `A friendly group that meets every week. Number ${i + 1} of the benchmark's file.`,
      categories: CATEGORIES[i % CATEGORIES.length] ?? 'walking-groups',
      hub: '',
      times: `${DAYS[i % DAYS.length]} 10:00-12:00`,
      place_name: `Hall number ${placeNumber + 1}`,
      postcode: byTown ? '' : (postcodes[placeNumber % postcodes.length] ?? ''),
      town: byTown ? (TOWNS[placeNumber % TOWNS.length] ?? 'Margate') : 'Margate',
    }
    batch.push(DIRECTORY_COLUMNS.map((column) => row[column]))
    if (batch.length === 1000) {
      chunks.push(csvText(batch))
      batch = []
    }
  }
  chunks.push(csvText(batch))
  return chunks.join('')
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const rows = Number(args[args.indexOf('--rows') + 1] ?? 100_000) || 100_000
  const out = args.includes('--out') ? args[args.indexOf('--out') + 1] : undefined
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'common-ground-import-'))
  try {
    const db = openDatabase(path.join(dir, 'import.sqlite'))
    migrate(db)
    loadGazetteerIfEmpty(db)
    await importDemoPostcodesIfEmpty(db)
    db.prepare(
      `INSERT INTO accounts (id, email, display_name, role, created_at, updated_at)
       VALUES (1, 'bench@example.org', 'Bench', 'admin', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`,
    ).run()
    const postcodes = (
      parse(fs.readFileSync(DEMO_POSTCODES_FILE, 'utf8'), { columns: true }) as { pcds: string }[]
    ).map((row) => row.pcds)
    // The file as the app holds an upload: its bytes only.
    const content = Buffer.from(importFile(rows, postcodes))
    const services = buildServices(db, testConfig())
    const admin = { kind: 'admin' as const, accountId: 1 }
    const cpuSeconds = (since: NodeJS.CpuUsage) => {
      const { user, system } = process.cpuUsage(since)
      return (user + system) / 1e6
    }
    const dryCpu = process.cpuUsage()
    const dryStarted = performance.now()
    const id = await services.directoryImport.dryRun(admin, { name: 'bench.csv', content })
    if (id === null) throw new Error('The benchmark’s upload was replaced while it was checked')
    const dryRunS = (performance.now() - dryStarted) / 1000
    const dryRunCpuS = cpuSeconds(dryCpu)
    const problems = services.directoryImport.upload(admin, id)?.report.problems ?? []
    if (problems.length > 0)
      throw new Error(`The benchmark's file has problems: ${JSON.stringify(problems.slice(0, 3))}`)

    const importCpu = process.cpuUsage()
    const importStarted = performance.now()
    const outcome = await services.directoryImport.importUpload(admin, id, { ip: null })
    const importS = (performance.now() - importStarted) / 1000
    const importCpuS = cpuSeconds(importCpu)
    if (outcome?.kind !== 'imported' || outcome.rows !== rows)
      throw new Error(`The import did not finish: ${JSON.stringify(outcome)}`)
    const check = services.repositories.searchIndex.check(97)
    if (Object.values(check).some((n) => n !== 0))
      throw new Error(`The search indexes are wrong: ${JSON.stringify(check)}`)
    db.close()

    const timing: ImportTiming = {
      rows,
      fileMb: content.length / 1024 / 1024,
      dryRunS,
      importS,
      dryRunCpuS,
      importCpuS,
      // The process's highest resident memory (kilobytes), file and database cache included.
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }
    console.log(
      `Import of ${rows.toLocaleString('en-GB')} rows (${timing.fileMb.toFixed(1)} MB): dry run ${dryRunS.toFixed(2)} s (processor ${dryRunCpuS.toFixed(2)} s), import ${importS.toFixed(2)} s (processor ${importCpuS.toFixed(2)} s; peak memory ${timing.peakRssMb.toFixed(0)} MB)`,
    )
    if (out) fs.writeFileSync(out, JSON.stringify(timing))
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

if (require.main === module)
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error))
    process.exit(1)
  })
