import type { Db } from '../../db/connection'
import { PeopleRepository } from '../../db/repositories/peopleRepository'
import { loadConfig } from '../../server/config'
import { buildServices } from '../../server/services'
import { PeopleService, withoutContactDetails } from '../../server/services/peopleService'
import { aHub, aPerson } from '../builders'
import { aDatabase } from '../support/testApp'

const peopleService = (db: Db, privacyMinCount = 5) =>
  new PeopleService(new PeopleRepository(db), privacyMinCount)

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

  describe('public profiles', () => {
    it('shows Margaret Hill, who chose public, as "Margaret H." with her hub, skills and what she shares, and nothing else', () => {
      aPerson(db, {
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

      const [profile, ...others] = peopleService(db).publicProfiles()

      expect(others).toHaveLength(0)
      expect(profile).toEqual({
        displayName: 'Margaret H.',
        hub: { name: 'Thanet', slug: 'thanet', href: '/hubs/thanet' },
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
        'skills',
        'skillsInOwnWords',
        'wouldLikeToShare',
      ])
    })

    it('shows a person with no last name by first name alone, and a lower-case last name as a capital initial', () => {
      aPerson(db, { firstName: 'Olu', lastName: '', hubId: thanet })
      aPerson(db, { firstName: 'Bert', lastName: 'de Vries', hubId: thanet })

      expect(
        peopleService(db)
          .publicProfiles()
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
      const service = peopleService(db, 2)

      const pages = JSON.stringify([service.publicProfiles(), service.skillsSharedInHubs()])

      expect(service.publicProfiles().map((p) => p.displayName)).toEqual(['Ada P.'])
      expect(pages).toContain('Ada P.')
      for (const name of ['Cora', 'Coordinators', 'Hal', 'Hubonly']) expect(pages).not.toContain(name)
    })

    it('takes out email addresses and phone numbers someone typed into their own words', () => {
      aPerson(db, {
        hubId: thanet,
        skillsInOwnWords: 'Ring me on 07700 900 456 or +44 1632 960123',
        wouldLikeToShare: 'Email bert@example.com for help with forms',
      })

      const [profile] = peopleService(db).publicProfiles()

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
      const service = peopleService(db)

      const firstNames = (filter: Parameters<typeof service.publicProfiles>[0]) =>
        service.publicProfiles(filter).map((p) => p.displayName.split(' ')[0])

      expect(firstNames({ hubIds: [sheffield] })).toEqual(['Bob', 'Cat'])
      expect(firstNames({ skillCodes: ['gardening'] })).toEqual(['Bob', 'Ann'])
      expect(firstNames({ hubIds: [sheffield], skillCodes: ['cooking'] })).toEqual(['Cat'])
    })
  })

  describe('counts of people who are not named', () => {
    const othersFor = (service: PeopleService, skill: string, hubIds?: number[]) =>
      service
        .skillsSharedInHubs({ hubIds })
        .flatMap((hub) => hub.skills.filter((s) => s.code === skill).map((s) => s.others))

    it('withholds a count of four below the default threshold of five, saying only "ask your hub"', () => {
      someOthers(db, 4, thanet, 'gardening')

      expect(othersFor(peopleService(db), 'gardening')).toEqual([{ shown: false, count: null }])
    })

    it('shows a count of five once it reaches the threshold', () => {
      someOthers(db, 5, thanet, 'gardening')

      expect(othersFor(peopleService(db), 'gardening')).toEqual([{ shown: true, count: 5 }])
    })

    it('adds coordinators-only and hub-only people together, and leaves public people out of the count', () => {
      someOthers(db, 3, thanet, 'gardening', 'coordinators')
      someOthers(db, 2, thanet, 'gardening', 'hub')
      aPerson(db, { firstName: 'Ada', lastName: 'Public', hubId: thanet, skills: ['gardening'] })

      const [shared] = peopleService(db).skillsSharedInHubs()[0]?.skills ?? []

      expect(shared).toEqual({
        code: 'gardening',
        name: 'Gardening',
        sharedPubliclyBy: ['Ada P.'],
        others: { shown: true, count: 5 },
      })
    })

    it('counts per hub and skill, never adding hubs together to reach the threshold', () => {
      const sheffield = aHub(db, { slug: 'sheffield', name: 'Sheffield' })
      someOthers(db, 3, thanet, 'gardening')
      someOthers(db, 3, sheffield, 'gardening')

      expect(othersFor(peopleService(db), 'gardening')).toEqual([
        { shown: false, count: null },
        { shown: false, count: null },
      ])
    })

    it('gives the same count whatever the page filters by, so two counts cannot be subtracted', () => {
      someOthers(db, 6, thanet, 'gardening')
      someOthers(db, 2, thanet, 'cooking')
      const service = peopleService(db)

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

      const strict = buildServices(db, loadConfig({ NODE_ENV: 'test', PRIVACY_MIN_COUNT: '6' })).people
      const lenient = buildServices(db, loadConfig({ NODE_ENV: 'test', PRIVACY_MIN_COUNT: '3' })).people

      expect(othersFor(strict, 'gardening')).toEqual([{ shown: false, count: null }])
      expect(othersFor(strict, 'cooking')).toEqual([{ shown: false, count: null }])
      expect(othersFor(lenient, 'gardening')).toEqual([{ shown: true, count: 5 }])
      expect(othersFor(lenient, 'cooking')).toEqual([{ shown: true, count: 3 }])
    })

    it('does not mention a skill at all when nobody in the hub shares it', () => {
      someOthers(db, 2, thanet, 'gardening')

      expect(
        peopleService(db)
          .skillsSharedInHubs()[0]
          ?.skills.map((s) => s.code),
      ).toEqual(['gardening'])
    })
  })

  describe('people on the hubs list', () => {
    it('counts public profiles, and says "others too" only when the rest reach the threshold', () => {
      const sheffield = aHub(db, { slug: 'sheffield', name: 'Sheffield' })
      aPerson(db, { hubId: thanet })
      aPerson(db, { hubId: thanet })
      someOthers(db, 5, thanet, 'gardening')
      someOthers(db, 4, sheffield, 'gardening')

      const byHub = peopleService(db).peopleByHub()

      expect(byHub.get(thanet)).toEqual({ publicProfiles: 2, othersToo: true })
      expect(byHub.get(sheffield)).toEqual({ publicProfiles: 0, othersToo: false })
    })
  })
})
