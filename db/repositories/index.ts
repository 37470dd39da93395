import type { Db } from '../connection'
import { DataVersionRepository } from './dataVersionRepository'
import { GazetteerRepository } from './gazetteerRepository'
import { HubSummariesRepository } from './hubSummariesRepository'
import { HubsRepository } from './hubsRepository'
import { MapDataRepository } from './mapDataRepository'
import { OrganisationsRepository } from './organisationsRepository'
import { PeopleRepository } from './peopleRepository'
import { PlacesRepository } from './placesRepository'
import { PostcodesRepository } from './postcodesRepository'
import { SearchRepository } from './searchRepository'
import { ServicesRepository } from './servicesRepository'
import { TermsRepository } from './termsRepository'

/** Every repository over one database. */
export function buildRepositories(db: Db) {
  return {
    db,
    services: new ServicesRepository(db),
    organisations: new OrganisationsRepository(db),
    places: new PlacesRepository(db),
    hubSummaries: new HubSummariesRepository(db),
    hubs: new HubsRepository(db),
    people: new PeopleRepository(db),
    gazetteer: new GazetteerRepository(db),
    postcodes: new PostcodesRepository(db),
    search: new SearchRepository(db),
    mapData: new MapDataRepository(db),
    terms: new TermsRepository(db),
    dataVersion: new DataVersionRepository(db),
  }
}

export type Repositories = ReturnType<typeof buildRepositories>
