/** Places and results as the search presenters and the request reader receive them, for unit tests. */
import type { FoundPlace, PlaceChoice } from '../../server/routes/searchRequest'
import type { ServiceSummary } from '../../server/services/serviceSummary'

export const MARGATE: FoundPlace = {
  kind: 'found',
  point: { latitude: 51.3813, longitude: 1.3862 },
  label: 'Margate',
  precision: 'place',
  where: 'Margate',
}

export const NEWPORTS: PlaceChoice = {
  kind: 'choose',
  input: 'Newport',
  name: 'Newport',
  options: [
    { id: 1, name: 'Newport', hint: 'in Wales', where: 'Newport (in Wales)', latitude: 51.6, longitude: -3 },
    {
      id: 2,
      name: 'Newport',
      hint: 'in England',
      where: 'Newport (in England)',
      latitude: 50.7,
      longitude: -1.3,
    },
  ],
}

/** One listing in a list of results: "Walk 3", run by the Ramblers, unless named otherwise. */
export const aResult = (id: number, name = `Walk ${id}`): ServiceSummary => ({
  id,
  name,
  organisationName: 'Ramblers',
  distance: null,
  when: [],
  next: null,
  cost: 'Free',
  where: null,
  accessInBrief: null,
  ways: [],
  categories: [],
  lastChecked: 'Last checked: March 2026',
})
