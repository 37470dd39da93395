import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'
import { DataVersionRepository } from './dataVersionRepository'

export interface PostcodeRow {
  /** 'CT10 1AB' */
  postcode: string
  /** 'CT10' */
  district: string
  latitude: number
  longitude: number
}

export interface PostcodeDistrictRow {
  district: string
  postcodeCount: number
  latitude: number
  longitude: number
}

/**
 * The imported ONS postcodes, and the staging table an import fills before it replaces them.
 * The staging table is a TEMP table: private to this connection and gone when it closes.
 */
export class PostcodesRepository {
  private readonly findStatement
  private readonly findDistrictStatement
  private readonly countStatement
  private stageStatement: Statement<[string, string, number, number]> | undefined
  private readonly dataVersion: DataVersionRepository

  constructor(private readonly db: Db) {
    this.dataVersion = new DataVersionRepository(db)
    this.findStatement = db.prepare<[string], PostcodeRow>(
      'SELECT postcode, district, latitude, longitude FROM postcodes WHERE postcode = ?',
    )
    this.findDistrictStatement = db.prepare<[string], PostcodeDistrictRow>(
      `SELECT district, postcode_count AS postcodeCount, latitude, longitude
         FROM postcode_districts WHERE district = ?`,
    )
    this.countStatement = db.prepare<[], { count: number }>('SELECT count(*) AS count FROM postcodes')
  }

  /** One postcode in its normalised form, 'CT10 1AB'. */
  find(postcode: string): PostcodeRow | undefined {
    return this.findStatement.get(postcode)
  }

  /** One district, 'CT10', with the centre of its postcodes. */
  findDistrict(district: string): PostcodeDistrictRow | undefined {
    return this.findDistrictStatement.get(district)
  }

  count(): number {
    return this.countStatement.get()?.count ?? 0
  }

  /** Starts an empty staging table for an import. */
  startStaging(): void {
    this.db.exec(`DROP TABLE IF EXISTS temp.postcodes_staging;
      CREATE TEMP TABLE postcodes_staging (
        postcode TEXT PRIMARY KEY, district TEXT NOT NULL, latitude REAL NOT NULL, longitude REAL NOT NULL
      ) WITHOUT ROWID`)
    this.stageStatement = this.db.prepare(
      'INSERT OR REPLACE INTO temp.postcodes_staging (postcode, district, latitude, longitude) VALUES (?, ?, ?, ?)',
    )
  }

  /** Adds one batch to the staging table in one transaction. A postcode seen twice keeps its last row. */
  stage(rows: PostcodeRow[]): void {
    const insert = this.stageStatement
    if (!insert) throw new Error('startStaging() must come before stage()')
    this.db.transaction(() => {
      for (const row of rows) insert.run(row.postcode, row.district, row.latitude, row.longitude)
    })()
  }

  /**
   * Replaces every postcode and district centre with the staged ones, in one transaction:
   * anyone reading sees either the old data or the new, never a mixture. Returns the counts.
   */
  replaceWithStaged(): { postcodes: number; districts: number } {
    return this.db.transaction(() => {
      this.db.exec(`DELETE FROM postcodes;
        INSERT INTO postcodes (postcode, district, latitude, longitude)
          SELECT postcode, district, latitude, longitude FROM temp.postcodes_staging ORDER BY postcode;
        DELETE FROM postcode_districts;
        INSERT INTO postcode_districts (district, postcode_count, latitude, longitude)
          SELECT district, count(*), avg(latitude), avg(longitude) FROM postcodes GROUP BY district;`)
      // One bump for the whole import, rather than a trigger on each of a million rows.
      this.dataVersion.bump()
      const counts = this.db
        .prepare<[], { postcodes: number; districts: number }>(
          `SELECT (SELECT count(*) FROM postcodes) AS postcodes,
                  (SELECT count(*) FROM postcode_districts) AS districts`,
        )
        .get()
      return counts ?? { postcodes: 0, districts: 0 }
    })()
  }

  /** Throws the staging table away. */
  dropStaging(): void {
    this.stageStatement = undefined
    this.db.exec('DROP TABLE IF EXISTS temp.postcodes_staging')
  }
}
