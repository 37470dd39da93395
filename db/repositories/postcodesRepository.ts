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

export interface PostcodeSectorRow {
  /** 'CT9 2': a postcode without its last two letters */
  sector: string
  district: string
  postcodeCount: number
  latitude: number
  longitude: number
}

/** The districts that start with the same letters and digits, as one area: 'SW1' for SW1A, SW1E, SW1P ... */
export interface PostcodeDistrictFamily {
  /** the districts, in order: ['SW1A', 'SW1E', 'SW1P'] */
  districts: string[]
  postcodeCount: number
  /** the middle of all their postcodes: each district's centre weighted by its postcode count */
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
  private readonly findSectorStatement
  private readonly findDistrictFamilyStatement
  private readonly countStatement
  private readonly nearestDistrictStatement
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
    this.findSectorStatement = db.prepare<[string], PostcodeSectorRow>(
      `SELECT sector, district, postcode_count AS postcodeCount, latitude, longitude
         FROM postcode_sectors WHERE sector = ?`,
    )
    // A range on the primary key (at most 26 rows: one per letter), then GLOB to keep exactly
    // "the start, then one letter". See migrations/0007_postcode_sectors.sql.
    this.findDistrictFamilyStatement = db.prepare<
      [string, string, string],
      {
        districts: string | null
        postcodeCount: number | null
        latitude: number | null
        longitude: number | null
      }
    >(
      `SELECT group_concat(district, ' ') AS districts,
              sum(postcode_count) AS postcodeCount,
              sum(latitude * postcode_count) / sum(postcode_count) AS latitude,
              sum(longitude * postcode_count) / sum(postcode_count) AS longitude
         FROM (SELECT district, postcode_count, latitude, longitude
                 FROM postcode_districts
                WHERE district >= ? AND district <= ? AND district GLOB ?
                ORDER BY district)`,
    )
    this.countStatement = db.prepare<[], { count: number }>('SELECT count(*) AS count FROM postcodes')
    // Districts whose centres lie in the box, nearest first (lngScale squeezes longitude to
    // miles at this latitude). There are about 3,000 districts in all; the box keeps it to a few.
    this.nearestDistrictStatement = db.prepare<
      [{ lat: number; lng: number; span: number; lngSpan: number; lngScale: number }],
      PostcodeDistrictRow
    >(
      `SELECT district, postcode_count AS postcodeCount, latitude, longitude
         FROM postcode_districts
        WHERE latitude BETWEEN @lat - @span AND @lat + @span
          AND longitude BETWEEN @lng - @lngSpan AND @lng + @lngSpan
        ORDER BY (latitude - @lat) * (latitude - @lat)
               + (longitude - @lng) * (longitude - @lng) * @lngScale * @lngScale, district
        LIMIT 1`,
    )
  }

  /** One postcode in its normalised form, 'CT10 1AB'. */
  find(postcode: string): PostcodeRow | undefined {
    return this.findStatement.get(postcode)
  }

  /** One district, 'CT10', with the centre of its postcodes. */
  findDistrict(district: string): PostcodeDistrictRow | undefined {
    return this.findDistrictStatement.get(district)
  }

  /** One sector, 'CT9 2', with the centre of its postcodes. */
  findSector(sector: string): PostcodeSectorRow | undefined {
    return this.findSectorStatement.get(sector)
  }

  /**
   * The districts that are `start` and then one letter ('SW1' finds SW1A, SW1E, SW1P ...), as
   * one area; undefined when there are none. `start` is upper case letters and digits.
   */
  findDistrictFamily(start: string): PostcodeDistrictFamily | undefined {
    if (!/^[A-Z]{1,2}[0-9]{1,2}$/.test(start)) return undefined
    const row = this.findDistrictFamilyStatement.get(`${start}A`, `${start}Z`, `${start}[A-Z]`)
    if (!row?.districts || !row.postcodeCount || row.latitude === null || row.longitude === null)
      return undefined
    return {
      districts: row.districts.split(' '),
      postcodeCount: row.postcodeCount,
      latitude: row.latitude,
      longitude: row.longitude,
    }
  }

  /**
   * The district whose centre is nearest the point, within about `miles` (north, south, east
   * or west), or undefined when none is that close: for a town typed as where someone lives.
   */
  nearestDistrict(
    point: { latitude: number; longitude: number },
    miles = 15,
  ): PostcodeDistrictRow | undefined {
    const lngScale = Math.cos((point.latitude * Math.PI) / 180)
    const span = miles / 69
    return this.nearestDistrictStatement.get({
      lat: point.latitude,
      lng: point.longitude,
      span,
      lngSpan: span / Math.max(lngScale, 0.1),
      lngScale,
    })
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
   * Replaces every postcode, and every district's and sector's centre, with the staged ones,
   * in one transaction: anyone reading sees either the old data or the new, never a mixture.
   * Returns the counts.
   */
  replaceWithStaged(): { postcodes: number; districts: number; sectors: number } {
    return this.db.transaction(() => {
      this.db.exec(`DELETE FROM postcodes;
        INSERT INTO postcodes (postcode, district, latitude, longitude)
          SELECT postcode, district, latitude, longitude FROM temp.postcodes_staging ORDER BY postcode;
        DELETE FROM postcode_districts;
        INSERT INTO postcode_districts (district, postcode_count, latitude, longitude)
          SELECT district, count(*), avg(latitude), avg(longitude) FROM postcodes GROUP BY district;
        DELETE FROM postcode_sectors;
        INSERT INTO postcode_sectors (sector, district, postcode_count, latitude, longitude)
          SELECT substr(postcode, 1, length(postcode) - 2), district, count(*), avg(latitude), avg(longitude)
            FROM postcodes GROUP BY substr(postcode, 1, length(postcode) - 2), district;`)
      // One bump for the whole import, rather than a trigger on each of a million rows.
      this.dataVersion.bump()
      const counts = this.db
        .prepare<[], { postcodes: number; districts: number; sectors: number }>(
          `SELECT (SELECT count(*) FROM postcodes) AS postcodes,
                  (SELECT count(*) FROM postcode_districts) AS districts,
                  (SELECT count(*) FROM postcode_sectors) AS sectors`,
        )
        .get()
      return counts ?? { postcodes: 0, districts: 0, sectors: 0 }
    })()
  }

  /** Throws the staging table away. */
  dropStaging(): void {
    this.stageStatement = undefined
    this.db.exec('DROP TABLE IF EXISTS temp.postcodes_staging')
  }
}
