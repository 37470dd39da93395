import fs from 'node:fs'
import { CsvError, parse } from 'csv-parse'
import { toNormalised, toOutcode } from 'postcode'
import type { Db } from './connection'
import { PostcodesRepository, type PostcodeRow } from './repositories/postcodesRepository'

/** A file we will not import. Its message is one plain sentence or two, fit to show as it is. */
export class PostcodeImportError extends Error {
  override readonly name = 'PostcodeImportError'
}

export interface PostcodeImportProgress {
  rowsRead: number
  imported: number
  bytesRead: number
  totalBytes: number
}

export interface PostcodeImportSummary {
  /** live postcodes with a location, now in the postcodes table */
  imported: number
  /** rows with a termination date (doterm): postcodes no longer in use */
  skippedTerminated: number
  /** rows without a location: ONSPD gives these lat 99.999999 */
  skippedWithoutLocation: number
  /** rows whose pcds is not a postcode we can read */
  skippedUnreadable: number
  /** postcode districts (CT10, S11 ...) with a centre */
  districts: number
  /** postcode sectors (CT10 1, S11 8 ...) with a centre */
  sectors: number
  seconds: number
}

export interface PostcodeImportOptions {
  onProgress?: (progress: PostcodeImportProgress) => void
  /** rows per staging transaction */
  batchSize?: number
}

export const REQUIRED_COLUMNS = ['pcds', 'lat', 'long', 'doterm'] as const

// Great Britain and Northern Ireland with a margin (Scilly to Shetland, Fermanagh to Lowestoft).
const LATITUDE_RANGE = [49.5, 61] as const
const LONGITUDE_RANGE = [-8.7, 2] as const

const NOTHING_CHANGED = 'The postcodes already imported have not been changed.'

/**
 * Imports the ONS Postcode Directory CSV. It streams the file, keeps live postcodes with a
 * location, writes them in batches into a staging table and then, in one final transaction,
 * replaces every postcode and the centres of every district and sector. Any problem (no such
 * file, not a CSV, missing columns, a broken line half-way, no usable rows) throws a
 * PostcodeImportError and leaves the postcodes already imported exactly as they were.
 */
export async function importPostcodes(
  db: Db,
  filePath: string,
  options: PostcodeImportOptions = {},
): Promise<PostcodeImportSummary> {
  const started = Date.now()
  const batchSize = options.batchSize ?? 10_000
  const totalBytes = checkFile(filePath)
  const postcodes = new PostcodesRepository(db)
  const counts = {
    rowsRead: 0,
    imported: 0,
    skippedTerminated: 0,
    skippedWithoutLocation: 0,
    skippedUnreadable: 0,
  }
  let bytesRead = 0
  const report = () =>
    options.onProgress?.({ rowsRead: counts.rowsRead, imported: counts.imported, bytesRead, totalBytes })

  const file = fs.createReadStream(filePath)
  file.on('data', (chunk) => {
    bytesRead += chunk.length
  })
  const records = file.pipe(parse({ bom: true, skip_empty_lines: true }))
  // pipe() does not pass on a read error: hand it to the parser so the loop below ends with it.
  file.on('error', (error) => records.destroy(error))
  postcodes.startStaging()
  try {
    let columns: Record<(typeof REQUIRED_COLUMNS)[number], number> | undefined
    let batch: PostcodeRow[] = []
    for await (const record of records as AsyncIterable<string[]>) {
      if (!columns) {
        columns = findColumns(record)
        continue
      }
      counts.rowsRead++
      const row = readRow(record, columns, counts)
      if (row) {
        batch.push(row)
        counts.imported++
      }
      if (batch.length >= batchSize) {
        postcodes.stage(batch)
        batch = []
        report()
      }
    }
    if (!columns) throw new PostcodeImportError(`The file is empty. ${NOTHING_CHANGED}`)
    postcodes.stage(batch)
    report()
    if (counts.imported === 0) {
      throw new PostcodeImportError(`The file has no live postcodes with a location. ${NOTHING_CHANGED}`)
    }
    const replaced = postcodes.replaceWithStaged()
    return {
      imported: replaced.postcodes,
      skippedTerminated: counts.skippedTerminated,
      skippedWithoutLocation: counts.skippedWithoutLocation,
      skippedUnreadable: counts.skippedUnreadable,
      districts: replaced.districts,
      sectors: replaced.sectors,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    }
  } catch (error) {
    if (error instanceof CsvError) {
      // csv-parse's own message names the line, e.g. "Invalid Record Length: ... on line 101"
      throw new PostcodeImportError(`The file could not be read as CSV. ${error.message}. ${NOTHING_CHANGED}`)
    }
    throw error
  } finally {
    file.destroy()
    postcodes.dropStaging()
  }
}

/** The file's size, after making sure it is a readable file and not, say, the zip it came in. */
function checkFile(filePath: string): number {
  let stat: fs.Stats
  try {
    stat = fs.statSync(filePath)
  } catch {
    throw new PostcodeImportError(`There is no file at ${filePath}.`)
  }
  if (!stat.isFile()) throw new PostcodeImportError(`${filePath} is a folder, not a CSV file.`)
  const start = Buffer.alloc(Math.min(4096, stat.size))
  const fd = fs.openSync(filePath, 'r')
  try {
    fs.readSync(fd, start, 0, start.length, 0)
  } finally {
    fs.closeSync(fd)
  }
  if (start.subarray(0, 4).equals(Buffer.from('PK\u0003\u0004', 'latin1'))) {
    throw new PostcodeImportError(
      `${filePath} is a zip file. Unzip it first and import the CSV inside it (in its Data folder). ${NOTHING_CHANGED}`,
    )
  }
  if (start.includes(0)) {
    throw new PostcodeImportError(`${filePath} is not a CSV file: it is not plain text. ${NOTHING_CHANGED}`)
  }
  return stat.size
}

function findColumns(header: string[]): Record<(typeof REQUIRED_COLUMNS)[number], number> {
  const names = header.map((name) => name.trim().toLowerCase())
  const missing = REQUIRED_COLUMNS.filter((column) => !names.includes(column))
  if (missing.length > 0) {
    throw new PostcodeImportError(
      `The file's first line is missing the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. ` +
        `An ONS Postcode Directory CSV has the columns ${REQUIRED_COLUMNS.join(', ')}. ${NOTHING_CHANGED}`,
    )
  }
  return {
    pcds: names.indexOf('pcds'),
    lat: names.indexOf('lat'),
    long: names.indexOf('long'),
    doterm: names.indexOf('doterm'),
  }
}

function readRow(
  record: string[],
  columns: Record<(typeof REQUIRED_COLUMNS)[number], number>,
  counts: { skippedTerminated: number; skippedWithoutLocation: number; skippedUnreadable: number },
): PostcodeRow | undefined {
  if ((record[columns.doterm] ?? '').trim() !== '') {
    counts.skippedTerminated++
    return undefined
  }
  const latitude = Number.parseFloat(record[columns.lat] ?? '')
  const longitude = Number.parseFloat(record[columns.long] ?? '')
  if (!inRange(latitude, LATITUDE_RANGE) || !inRange(longitude, LONGITUDE_RANGE)) {
    counts.skippedWithoutLocation++
    return undefined
  }
  const raw = record[columns.pcds] ?? ''
  const postcode = toNormalised(raw)
  const district = toOutcode(raw)
  if (!postcode || !district) {
    counts.skippedUnreadable++
    return undefined
  }
  return { postcode, district, latitude, longitude }
}

function inRange(value: number, [low, high]: readonly [number, number]): boolean {
  return Number.isFinite(value) && value >= low && value <= high
}
