import type { Db } from '../../db/connection'
import { GazetteerRepository } from '../../db/repositories/gazetteerRepository'

/** A few real towns in the gazetteer, so "Where?" can find them: Margate, and two Newports. */
export function withTowns(db: Db): Db {
  new GazetteerRepository(db).insertMany([
    {
      id: 2643179,
      name: 'Margate',
      searchName: 'margate',
      country: 'ENG',
      population: 61223,
      latitude: 51.3813,
      longitude: 1.3862,
    },
    {
      id: 2641598,
      name: 'Newport',
      searchName: 'newport',
      country: 'WLS',
      population: 145736,
      latitude: 51.5877,
      longitude: -2.9984,
    },
    {
      id: 2641589,
      name: 'Newport',
      searchName: 'newport',
      country: 'ENG',
      population: 25496,
      latitude: 50.7012,
      longitude: -1.2883,
    },
  ])
  return db
}
