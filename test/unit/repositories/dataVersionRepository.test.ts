import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openDatabase } from '../../../db/connection'
import { migrate } from '../../../db/migrate'
import { DataVersionRepository } from '../../../db/repositories/dataVersionRepository'
import { PostcodesRepository } from '../../../db/repositories/postcodesRepository'
import { ServicesRepository } from '../../../db/repositories/servicesRepository'
import { aHub, anOrganisation, aPerson, aPlace, aService, ensureTerm, writers } from '../../builders'
import { aDatabase } from '../../support/testApp'

describe('the data version', () => {
  it('moves with every write the public could see, and stays put when nothing is written', () => {
    const db = aDatabase()
    const version = new DataVersionRepository(db)
    const moves = (write: () => unknown): boolean => {
      const before = version.current()
      write()
      return version.current() !== before
    }
    const hub = aHub(db)
    const place = aPlace(db, { hubId: hub, access: ['step-free'] })
    const service = aService(db, { placeIds: [place], categories: ['walking-groups'], schedules: [{}] })
    const person = aPerson(db, { hubId: hub, skills: ['baking'] })
    const { hubs, organisations, places, services, people } = writers(db)

    expect(moves(() => version.current())).toBe(false)
    expect(moves(() => db.prepare('SELECT count(*) FROM services').get())).toBe(false)
    expect(moves(() => aHub(db))).toBe(true)
    expect(moves(() => hubs.setMeetingPlace(hub, place))).toBe(true)
    expect(moves(() => anOrganisation(db, { hubIds: [hub] }))).toBe(true)
    expect(moves(() => places.setStatus(place, 'archived'))).toBe(true)
    expect(moves(() => services.setStatus(service, 'archived'))).toBe(true)
    expect(moves(() => services.markChecked(service))).toBe(true)
    expect(moves(() => people.setVisibility(person, 'hub'))).toBe(true)
    expect(moves(() => ensureTerm(db, 'category', 'juggling', 'Juggling', ['circus']))).toBe(true)
    expect(
      moves(() =>
        db.prepare("UPDATE taxonomy_term_synonyms SET synonym = 'clowns' WHERE synonym = 'circus'").run(),
      ),
    ).toBe(true)
    expect(moves(() => db.prepare('DELETE FROM person_skills').run())).toBe(true)
    expect(moves(() => db.prepare('DELETE FROM location_accessibility').run())).toBe(true)
    expect(moves(() => db.prepare('DELETE FROM schedules').run())).toBe(true)
    expect(moves(() => db.prepare('DELETE FROM organization_hubs').run())).toBe(true)
    expect(moves(() => people.delete(person))).toBe(true)
    expect(moves(() => services.delete(service))).toBe(true)
    expect(moves(() => organisations.delete(anOrganisation(db)))).toBe(true)
    expect(moves(() => hubs.delete(hub))).toBe(true)
    db.close()
  })

  it('moves once for a whole postcode import', () => {
    const db = aDatabase()
    const version = new DataVersionRepository(db)
    const postcodes = new PostcodesRepository(db)
    const before = version.current()
    postcodes.startStaging()
    postcodes.stage([
      { postcode: 'CT9 1AA', district: 'CT9', latitude: 51.38, longitude: 1.38 },
      { postcode: 'CT9 2BB', district: 'CT9', latitude: 51.39, longitude: 1.39 },
    ])
    postcodes.replaceWithStaged()
    expect(version.current()).toBe(before + 1)
    db.close()
  })

  it('moves for a write from another connection to the same file', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'data-version-'))
    const file = path.join(folder, 'two.sqlite')
    const first = openDatabase(file)
    migrate(first)
    const second = openDatabase(file)
    try {
      const version = new DataVersionRepository(first)
      const before = version.current()
      new ServicesRepository(second).insert({
        organisationId: anOrganisation(second),
        name: 'Written elsewhere',
        isFree: true,
        status: 'published',
      })
      expect(version.current()).toBeGreaterThan(before)
    } finally {
      second.close()
      first.close()
      fs.rmSync(folder, { recursive: true, force: true })
    }
  })
})
