import type { Db } from '../../db/connection'
import { HubsRepository } from '../../db/repositories/hubsRepository'
import { PeopleRepository } from '../../db/repositories/peopleRepository'
import { loadConfig } from '../../server/config'
import { buildServices } from '../../server/services'
import {
  PeopleService,
  withoutContactDetails,
  type PeopleVisibleTo,
} from '../../server/services/peopleService'
import { VISITOR, type Viewer } from '../../server/services/viewer'
import { aHub, aPerson } from '../builders'
import { aDatabase } from '../support/testApp'

const peopleService = (db: Db, privacyMinCount = 5) =>
  new PeopleService(new PeopleRepository(db), privacyMinCount)
/** What a visitor to the public pages may see of people. */
const asVisitor = (db: Db, privacyMinCount = 5) => peopleService(db, privacyMinCount).visibleTo(VISITOR)

/** n people in a hub who share a skill but chose a visibility other than public */
function someOthers(
  db: Db,
  n: number,
  hubId: number,
  skill: string,
  visibility: 'coordinators' | 'hub' = 'coordinators',
) {
  for (let i = 0; i < n; i++)
    aPerson(db, { hubId, skills: [skill], visibility, firstName: `Hidden${i}`, lastName: `Private${i}` })
}

describe('PeopleService: what public pages may show of people', () => {
  let db: Db
  let thanet: number

  beforeEach(() => {
    db = aDatabase()
    thanet = aHub(db, { slug: 'thanet', name: 'Thanet' })
  })

  it('reads people through the view a migration made, with no contact columns, and makes no view of its own', () => {
    peopleService(db).visibleTo(VISITOR).profiles()

    const view = db
      .prepare<[], { type: string }>(`SELECT type FROM sqlite_master WHERE name = 'people_for_public_pages'`)
      .get()
    const temporary = db.prepare(`SELECT name FROM sqlite_temp_master WHERE type = 'view'`).all()
    const columns = db
      .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('people_for_public_pages')`)
      .all()
      .map((column) => column.name)

    expect(view?.type).toBe('view')
    expect(temporary).toEqual([])
    expect(columns.sort()).toEqual(
      [
        'first_name',
        'hub_id',
        'id',
        'last_initial',
        'skills_in_own_words',
        'visibility',
        'would_like_to_share',
      ].sort(),
    )
  })

  describe('public profiles', () => {
    it('shows Margaret Hill, who chose public, as "Margaret H." with her hub, skills and what she shares, and nothing else', () => {
      const margaret = aPerson(db, {
        firstName: 'Margaret',
        lastName: 'Hill',
        hubId: thanet,
        postcodeDistrict: 'CT10',
        email: 'margaret.hill@example.com',
        phone: '07700 900123',
        availability: 'Tuesday afternoons',
        preferredContact: 'phone',
        skillsInOwnWords: 'I taught infants for thirty years.',
        wouldLikeToShare: 'Reading with children and knitting.',
        skills: ['tablets-and-phones', 'knitting-and-sewing'],
      })

      const [profile, ...others] = asVisitor(db).profiles()

      expect(others).toHaveLength(0)
      expect(profile).toEqual({
        // her number, so that "Ask to be put in touch" can name her (issue 11)
        publicId: margaret,
        displayName: 'Margaret H.',
        hub: { name: 'Thanet', slug: 'thanet' },
        skills: ['Tablets and phones', 'Knitting and sewing'],
        skillsInOwnWords: 'I taught infants for thirty years.',
        wouldLikeToShare: 'Reading with children and knitting.',
      })
      const everything = JSON.stringify(profile)
      for (const secret of [
        'Hill',
        'margaret.hill@example.com',
        '07700',
        '900123',
        'CT10',
        'Tuesday afternoons',
      ]) {
        expect(everything).not.toContain(secret)
      }
      expect(Object.keys(profile ?? {}).sort()).toEqual([
        'displayName',
        'hub',
        'publicId',
        'skills',
        'skillsInOwnWords',
        'wouldLikeToShare',
      ])
    })

    it('shows a person with no last name by first name alone, and a lower-case last name as a capital initial', () => {
      aPerson(db, { firstName: 'Olu', lastName: '', hubId: thanet })
      aPerson(db, { firstName: 'Bert', lastName: 'de Vries', hubId: thanet })

      expect(
        asVisitor(db)
          .profiles()
          .map((p) => p.displayName),
      ).toEqual(['Bert D.', 'Olu'])
    })

    it('never names people who chose to be seen only by coordinators or by their hub', () => {
      aPerson(db, { firstName: 'Ada', lastName: 'Public', hubId: thanet, skills: ['gardening'] })
      aPerson(db, {
        firstName: 'Cora',
        lastName: 'Coordinators',
        hubId: thanet,
        visibility: 'coordinators',
        skills: ['gardening'],
      })
      aPerson(db, {
        firstName: 'Hal',
        lastName: 'Hubonly',
        hubId: thanet,
        visibility: 'hub',
        skills: ['gardening'],
      })
      const service = asVisitor(db, 2)

      const pages = JSON.stringify([service.profiles(), service.skillsSharedInHubs()])

      expect(service.profiles().map((p) => p.displayName)).toEqual(['Ada P.'])
      expect(pages).toContain('Ada P.')
      for (const name of ['Cora', 'Coordinators', 'Hal', 'Hubonly']) expect(pages).not.toContain(name)
    })

    it('takes out email addresses and phone numbers someone typed into their own words', () => {
      aPerson(db, {
        hubId: thanet,
        skillsInOwnWords: 'Ring me on 07700 900 456 or +44 1632 960123',
        wouldLikeToShare: 'Email bert@example.com for help with forms',
      })

      const [profile] = asVisitor(db).profiles()

      expect(profile?.skillsInOwnWords).not.toMatch(/07700|1632|960123/)
      expect(profile?.wouldLikeToShare).not.toContain('bert@example.com')
      expect(profile?.wouldLikeToShare).toContain('help with forms')
      expect(withoutContactDetails('We meet from 10 to 12 on 3 days')).toBe('We meet from 10 to 12 on 3 days')
    })

    it('filters profiles by hub and by skill', () => {
      const sheffield = aHub(db, { slug: 'sheffield', name: 'Sheffield' })
      aPerson(db, { firstName: 'Ann', hubId: thanet, skills: ['gardening'] })
      aPerson(db, { firstName: 'Bob', hubId: sheffield, skills: ['gardening'] })
      aPerson(db, { firstName: 'Cat', hubId: sheffield, skills: ['cooking'] })
      const service = asVisitor(db)

      const firstNames = (filter: Parameters<typeof service.profiles>[0]) =>
        service.profiles(filter).map((p) => p.displayName.split(' ')[0])

      expect(firstNames({ hubIds: [sheffield] })).toEqual(['Bob', 'Cat'])
      expect(firstNames({ skillCodes: ['gardening'] })).toEqual(['Bob', 'Ann'])
      expect(firstNames({ hubIds: [sheffield], skillCodes: ['cooking'] })).toEqual(['Cat'])
    })
  })

  describe('counts of people who are not named', () => {
    const othersFor = (service: PeopleVisibleTo, skill: string, hubIds?: number[]) =>
      service
        .skillsSharedInHubs({ hubIds })
        .flatMap((hub) => hub.skills.filter((s) => s.code === skill).map((s) => s.others))

    it('withholds a count of four below the default threshold of five, saying only "ask your hub"', () => {
      someOthers(db, 4, thanet, 'gardening')

      expect(othersFor(asVisitor(db), 'gardening')).toEqual([{ shown: false }])
    })

    it('shows a count of five once it reaches the threshold', () => {
      someOthers(db, 5, thanet, 'gardening')

      expect(othersFor(asVisitor(db), 'gardening')).toEqual([{ shown: true, count: 5 }])
    })

    it('adds coordinators-only and hub-only people together, and leaves public people out of the count', () => {
      someOthers(db, 3, thanet, 'gardening', 'coordinators')
      someOthers(db, 2, thanet, 'gardening', 'hub')
      aPerson(db, { firstName: 'Ada', lastName: 'Public', hubId: thanet, skills: ['gardening'] })

      const shared = asVisitor(db)
        .skillsSharedInHubs()[0]
        ?.skills.find((s) => s.code === 'gardening')

      expect(shared).toEqual({
        code: 'gardening',
        name: 'Gardening',
        sharedBy: ['Ada P.'],
        others: { shown: true, count: 5 },
      })
    })

    it('counts per hub and skill, never adding hubs together to reach the threshold', () => {
      const sheffield = aHub(db, { slug: 'sheffield', name: 'Sheffield' })
      someOthers(db, 3, thanet, 'gardening')
      someOthers(db, 3, sheffield, 'gardening')

      expect(othersFor(asVisitor(db), 'gardening')).toEqual([{ shown: false }, { shown: false }])
    })

    it('gives the same count whatever the page filters by, so two counts cannot be subtracted', () => {
      someOthers(db, 6, thanet, 'gardening')
      someOthers(db, 2, thanet, 'cooking')
      const service = asVisitor(db)

      const everywhere = othersFor(service, 'gardening')
      const inThanet = othersFor(service, 'gardening', [thanet])
      const bySkill = service.skillsSharedInHubs({ skillCodes: ['gardening'] })

      expect(everywhere).toEqual([{ shown: true, count: 6 }])
      expect(inThanet).toEqual(everywhere)
      expect(bySkill).toHaveLength(1)
      expect(bySkill[0]?.skills.map((s) => [s.code, s.others])).toEqual([
        ['gardening', { shown: true, count: 6 }],
      ])
    })

    it('uses a custom PRIVACY_MIN_COUNT from the configuration', () => {
      someOthers(db, 5, thanet, 'gardening')
      someOthers(db, 3, thanet, 'cooking')

      const strict = buildServices(
        db,
        loadConfig({ NODE_ENV: 'test', PRIVACY_MIN_COUNT: '6' }),
      ).people.visibleTo(VISITOR)
      const lenient = buildServices(
        db,
        loadConfig({ NODE_ENV: 'test', PRIVACY_MIN_COUNT: '3' }),
      ).people.visibleTo(VISITOR)

      expect(othersFor(strict, 'gardening')).toEqual([{ shown: false }])
      expect(othersFor(strict, 'cooking')).toEqual([{ shown: false }])
      expect(othersFor(lenient, 'gardening')).toEqual([{ shown: true, count: 5 }])
      expect(othersFor(lenient, 'cooking')).toEqual([{ shown: true, count: 3 }])
    })

    it('lists every skill on the list, and says the same of a skill two people share as of one nobody shares', () => {
      someOthers(db, 2, thanet, 'gardening')

      const skills = asVisitor(db).skillsSharedInHubs()[0]?.skills ?? []
      const skillList = peopleService(db).skillOptions()

      expect(skills.map((s) => s.code)).toEqual(skillList.map((s) => s.code))
      const gardening = skills.find((s) => s.code === 'gardening')
      const cooking = skills.find((s) => s.code === 'cooking')
      expect(gardening).toEqual({
        code: 'gardening',
        name: 'Gardening',
        sharedBy: [],
        others: { shown: false },
      })
      expect({ ...cooking, code: 'gardening', name: 'Gardening' }).toEqual(gardening)
    })

    it('lists every hub for a chosen skill, whether anyone there shares it or not', () => {
      const sheffield = aHub(db, { slug: 'sheffield', name: 'Sheffield' })
      someOthers(db, 1, sheffield, 'baking')

      const hubs = asVisitor(db).skillsSharedInHubs({ skillCodes: ['baking'] })

      expect(hubs.map(({ hub, skills }) => [hub.slug, skills])).toEqual([
        ['sheffield', [{ code: 'baking', name: 'Baking', sharedBy: [], others: { shown: false } }]],
        ['thanet', [{ code: 'baking', name: 'Baking', sharedBy: [], others: { shown: false } }]],
      ])
    })
  })

  describe('people on the hubs list', () => {
    it('counts public profiles, and says "others too" only when the rest reach the threshold', () => {
      const sheffield = aHub(db, { slug: 'sheffield', name: 'Sheffield' })
      aPerson(db, { hubId: thanet })
      aPerson(db, { hubId: thanet })
      someOthers(db, 5, thanet, 'gardening')
      someOthers(db, 4, sheffield, 'gardening')

      const byHub = asVisitor(db).peopleByHub()

      expect(byHub.get(thanet)).toEqual({ named: 2, othersToo: true })
      expect(byHub.get(sheffield)).toEqual({ named: 0, othersToo: false })
    })
  })

  describe('what each viewer may see (privacy rule 2)', () => {
    let sheffield: number
    const names = (seen: PeopleVisibleTo) => seen.profiles().map((p) => p.displayName)

    beforeEach(() => {
      sheffield = aHub(db, { slug: 'sheffield', name: 'Sheffield' })
      const secrets = (n: number) => ({ email: `person${n}@example.com`, phone: `07700 90012${n}` })
      aPerson(db, { firstName: 'Pat', lastName: 'Open', hubId: thanet, skills: ['gardening'], ...secrets(1) })
      aPerson(db, {
        firstName: 'Hana',
        lastName: 'Member',
        hubId: thanet,
        visibility: 'hub',
        skills: ['gardening'],
        ...secrets(2),
      })
      aPerson(db, {
        firstName: 'Cora',
        lastName: 'Lead',
        hubId: thanet,
        visibility: 'coordinators',
        skills: ['gardening'],
        ...secrets(3),
      })
      aPerson(db, {
        firstName: 'Sid',
        lastName: 'North',
        hubId: sheffield,
        visibility: 'hub',
        skills: ['gardening'],
        ...secrets(4),
      })
      aPerson(db, {
        firstName: 'Sal',
        lastName: 'North',
        hubId: sheffield,
        visibility: 'coordinators',
        skills: ['gardening'],
        ...secrets(5),
      })
    })

    const seenBy = (viewer: Viewer) => peopleService(db, 2).visibleTo(viewer)

    it('a visitor sees only public people by name, and the rest of each hub as a count', () => {
      const visitor = seenBy(VISITOR)

      expect(names(visitor)).toEqual(['Pat O.'])
      const [sheffieldSkills, thanetSkills] = visitor.skillsSharedInHubs({ skillCodes: ['gardening'] })
      expect(thanetSkills?.skills[0]).toMatchObject({
        sharedBy: ['Pat O.'],
        others: { shown: true, count: 2 },
      })
      expect(sheffieldSkills?.skills[0]).toMatchObject({ sharedBy: [], others: { shown: true, count: 2 } })
    })

    it('a member of Thanet also sees Thanet’s hub-only people by name, but nobody else’s', () => {
      const member = seenBy({ kind: 'member', hubIds: [thanet] })

      expect(names(member)).toEqual(['Hana M.', 'Pat O.'])
      // Only someone shown to everyone carries their number, for "Ask to be put in touch".
      expect(member.profiles().map((p) => [p.displayName, typeof p.publicId])).toEqual([
        ['Hana M.', 'undefined'],
        ['Pat O.', 'number'],
      ])
      const [sheffieldSkills, thanetSkills] = member.skillsSharedInHubs({ skillCodes: ['gardening'] })
      // Cora alone is left in Thanet: one is below the threshold, so it reads as nobody.
      expect(thanetSkills?.skills[0]).toMatchObject({
        sharedBy: ['Hana M.', 'Pat O.'],
        others: { shown: false },
      })
      expect(sheffieldSkills?.skills[0]).toMatchObject({ sharedBy: [], others: { shown: true, count: 2 } })
      expect(member.peopleByHub().get(thanet)).toEqual({ named: 2, othersToo: false })
    })

    it('a peer lead of Thanet sees everyone in Thanet by name, and only Sheffield’s public people', () => {
      const peerLead = seenBy({ kind: 'hubLead', role: 'peer-lead', hubIds: [thanet] })

      expect(names(peerLead)).toEqual(['Cora L.', 'Hana M.', 'Pat O.'])
    })

    it('a coordinator of Sheffield sees everyone in Sheffield by name, and only Thanet’s public people', () => {
      const coordinator = seenBy({ kind: 'hubLead', role: 'coordinator', hubIds: [sheffield] })

      expect(names(coordinator)).toEqual(['Sal N.', 'Sid N.', 'Pat O.'])
      expect(coordinator.peopleByHub().get(thanet)).toEqual({ named: 1, othersToo: true })
      expect(coordinator.peopleByHub().get(sheffield)).toEqual({ named: 2, othersToo: false })
    })

    it('a member or lead of no hub sees what a visitor sees', () => {
      expect(names(seenBy({ kind: 'member', hubIds: [] }))).toEqual(['Pat O.'])
      expect(names(seenBy({ kind: 'hubLead', role: 'coordinator', hubIds: [] }))).toEqual(['Pat O.'])
    })

    it('an admin sees everyone by name, and nobody as a count', () => {
      const admin = seenBy({ kind: 'admin' })

      expect(names(admin)).toEqual(['Sal N.', 'Sid N.', 'Cora L.', 'Hana M.', 'Pat O.'])
      for (const hub of admin.skillsSharedInHubs({ skillCodes: ['gardening'] }))
        expect(hub.skills[0]?.others).toEqual({ shown: false })
    })

    it.each<[string, Viewer]>([
      ['a visitor', VISITOR],
      ['a member', { kind: 'member', hubIds: [thanet] }],
      ['a coordinator', { kind: 'hubLead', role: 'coordinator', hubIds: [thanet] }],
      ['an admin', { kind: 'admin' }],
    ])('never gives %s anyone’s contact details or full last name (rules 4 and 5)', (_who, viewer) => {
      // thanet is set in the outer beforeEach; the table above is built before it runs.
      const seen = peopleService(db, 2).visibleTo(
        viewer.kind === 'member' || viewer.kind === 'hubLead' ? { ...viewer, hubIds: [thanet] } : viewer,
      )

      const everything = JSON.stringify(seen.peopleSharing())
      for (let n = 1; n <= 5; n++) {
        expect(everything).not.toContain(`person${n}@example.com`)
        expect(everything).not.toContain(`90012${n}`)
      }
      for (const lastName of ['Open', 'Member', 'Lead', 'North']) expect(everything).not.toContain(lastName)
    })
  })

  describe('people near a point, and hubs found by name or town (issue 8: bounded)', () => {
    const margate = { latitude: 51.3813, longitude: 1.3862 }
    const square = (west: number, south: number, east: number, north: number) =>
      JSON.stringify({
        type: 'Polygon',
        coordinates: [
          [
            [west, south],
            [east, south],
            [east, north],
            [west, north],
            [west, south],
          ],
        ],
      })

    it('finds a hub whose boundary covers the point though its centre is far, and a moved hub where it now is', () => {
      const hubs = new HubsRepository(db)
      db.prepare('DELETE FROM hubs').run()
      const wide = hubs.insert({
        slug: 'east-kent',
        name: 'East Kent',
        latitude: 51.0,
        longitude: 0.6,
        boundaryGeojson: square(0.5, 50.9, 1.5, 51.5),
      })
      const moving = hubs.insert({
        slug: 'moving',
        name: 'Moving',
        latitude: 53.4,
        longitude: -1.5,
        radiusMiles: 2,
      })
      aPerson(db, { firstName: 'Ada', hubId: wide, skills: ['tablets-and-phones'] })
      const near = () =>
        asVisitor(db)
          .sharingNear({ point: margate, words: ['tablet'] })
          ?.hubs.map((hub) => hub.hub.slug)

      expect(near()).toEqual(['east-kent'])
      hubs.update(moving, {
        slug: 'moving',
        name: 'Moving',
        latitude: 51.38,
        longitude: 1.39,
        radiusMiles: 2,
      })
      expect(near()).toEqual(['east-kent', 'moving'])
      hubs.delete(moving)
      expect(near()).toEqual(['east-kent'])
      expect(asVisitor(db).sharingNear({ point: margate, words: ['bowls'] })).toBeNull()
    })

    it('speaks of at most the ten nearest hubs, and names at most six people', () => {
      for (let i = 0; i < 14; i++) {
        const hubId = aHub(db, {
          slug: `ring-${i}`,
          name: `Ring ${String(i).padStart(2, '0')}`,
          latitude: margate.latitude + i * 0.01,
          longitude: margate.longitude,
          radiusMiles: 1,
        })
        aPerson(db, { firstName: `Near${i}`, hubId, skills: ['tablets-and-phones'] })
      }

      const nearby = asVisitor(db).sharingNear({ point: margate, words: ['tablet'], miles: 25 })

      expect(nearby?.hubs).toHaveLength(10)
      expect(nearby?.hubs.map((hub) => hub.hub.slug)).not.toContain('ring-13')
      expect(nearby?.profiles).toHaveLength(6)
    })

    it('finds a hub by its exact name, lists hubs whose names hold the words, and says when nothing matches', () => {
      aHub(db, { slug: 'thanet-north', name: 'Thanet North' })
      const service = peopleService(db)

      expect(service.findHubs('  THANET ')).toMatchObject({ kind: 'hub', hub: { slug: 'thanet' } })
      expect(service.findHubs('than')).toMatchObject({
        kind: 'hubs',
        near: null,
        hubs: [{ slug: 'thanet' }, { slug: 'thanet-north' }],
      })
      expect(service.findHubs('Atlantis')).toEqual({ kind: 'none' })
      expect(service.findHubs('')).toEqual({ kind: 'none' })
    })
  })
})
