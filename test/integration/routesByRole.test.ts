/**
 * Every address the app answers, and what each kind of viewer gets there. Today there is one
 * kind, the visitor (no account); accounts bring members, peer leads, coordinators and admins,
 * each of which gets a column here. A path added to server/addresses.ts without a row here
 * fails the first test, so no route is left out.
 */
import request from 'supertest'
import { paths } from '../../server/addresses'
import { aDemoTestApp, type TestApp } from '../support/testApp'

type PathName = keyof typeof paths

interface Row {
  /** an address to ask for, with real ids and slugs from the demo data */
  example: string
  visitor: number
}

const ROWS: Record<PathName, Row> = {
  start: { example: '/', visitor: 200 },
  search: { example: '/search?q=walking&where=Margate', visitor: 200 },
  map: { example: '/map?where=Margate', visitor: 200 },
  mapMarkers: { example: '/map/markers.json?bbox=1.2,51.3,1.5,51.4&zoom=12', visitor: 200 },
  mapList: { example: '/map/list?bbox=1.2,51.3,1.5,51.4&zoom=12', visitor: 200 },
  mapHubs: { example: '/map/hubs.json', visitor: 200 },
  service: { example: '/services/1', visitor: 200 },
  organisation: { example: '/organisations/1', visitor: 200 },
  place: { example: '/places/1', visitor: 200 },
  hubs: { example: '/hubs', visitor: 200 },
  hub: { example: '/hubs/thanet', visitor: 200 },
  hubPrint: { example: '/hubs/thanet/print', visitor: 200 },
  hubPlaces: { example: '/hubs/thanet/places', visitor: 200 },
  hubOrganisations: { example: '/hubs/thanet/organisations', visitor: 200 },
  people: { example: '/people?hub=thanet', visitor: 200 },
  health: { example: '/health', visitor: 200 },
  help: { example: '/help', visitor: 200 },
  privacy: { example: '/privacy', visitor: 200 },
  accessibility: { example: '/accessibility', visitor: 200 },
  about: { example: '/about', visitor: 200 },
}

describe('every route, by who is asking', () => {
  let testApp: TestApp
  beforeAll(() => {
    testApp = aDemoTestApp()
  })

  it('has a row for every path the app mounts', () => {
    expect(Object.keys(ROWS).sort()).toEqual(Object.keys(paths).sort())
  })

  it.each(Object.entries(ROWS))('%s: a visitor gets what the table says', async (_name, row) => {
    const response = await request(testApp.app).get(row.example)
    expect(response.status).toBe(row.visitor)
  })

  it.each(Object.entries(ROWS))(
    '%s: a form sent to it is refused with 405, never a failure',
    async (_name, row) => {
      const response = await request(testApp.app).post(row.example).type('form').send('anything=1')
      expect(response.status).toBe(405)
      expect(response.headers.allow).toBe('GET, HEAD')
    },
  )
})
