import {
  presentFoundHubs,
  presentHubsSkills,
  presentPeopleNearby,
  presentPeoplePage,
} from '../../../server/presenters/peopleSharing'
import type { HubPeopleSection, HubSkills, PeoplePage } from '../../../server/services/peopleService'

const thanet = { name: 'Thanet', slug: 'thanet', phone: '01632 960001', email: 'thanet.hub@example.org' }
const sheffield = { name: 'Sheffield', slug: 'sheffield', phone: null, email: null }
const askYourHub = { shown: false as const }

const hubs: HubSkills[] = [
  {
    hub: sheffield,
    skills: [
      { code: 'gardening', name: 'Gardening', sharedBy: [], others: askYourHub },
      { code: 'baking', name: 'Baking', sharedBy: [], others: askYourHub },
    ],
  },
  {
    hub: thanet,
    skills: [
      { code: 'gardening', name: 'Gardening', sharedBy: ['Ada P.'], others: askYourHub },
      { code: 'baking', name: 'Baking', sharedBy: [], others: { shown: true, count: 6 } },
    ],
  },
]

const ada = { displayName: 'Ada P.', hub: thanet, skills: [], skillsInOwnWords: '', wouldLikeToShare: '' }
const [sheffieldSkills, thanetSkills] = hubs as [HubSkills, HubSkills]

/** A page of hubs as PeopleService gives it. */
const hubsPage = (
  sections: HubPeopleSection[],
  extra: Partial<{ page: number; pageCount: number; hubCount: number }> = {},
): PeoplePage => ({
  kind: 'hubs',
  hubs: sections,
  hubCount: sections.length,
  page: 1,
  pageCount: 1,
  ...extra,
})

describe('the people page presenter', () => {
  it('with a hub chosen, keeps every skill of it, linked, and pages its people', () => {
    const view = presentPeoplePage(
      { kind: 'hub', hub: thanetSkills, profiles: [ada], profileCount: 41, page: 2, pageCount: 3 },
      { skill: null },
    )

    expect(view.someSkillsOnly).toBe(false)
    expect(view.chosen?.hub.href).toBe('/hubs/thanet')
    expect(view.chosen?.skills.map((skill) => skill.code)).toEqual(['gardening', 'baking'])
    expect(view.chosen?.profileCount).toBe(41)
    expect(view.pagination?.previous).toBe('/people?hub=thanet')
    expect(view.pagination?.next).toBe('/people?hub=thanet&page=3')
    expect(view.hubSections).toEqual([])
  })

  it('with nothing chosen, keeps only skills someone is named or counted for, and says so', () => {
    const view = presentPeoplePage(
      hubsPage([
        { ...sheffieldSkills, profiles: [], namedCount: 0 },
        { ...thanetSkills, profiles: [ada], namedCount: 1 },
      ]),
      { skill: null },
    )

    expect(view.someSkillsOnly).toBe(true)
    expect(view.hubSections.map(({ hub, skills }) => [hub.slug, skills.map((skill) => skill.code)])).toEqual([
      ['sheffield', []],
      ['thanet', ['gardening', 'baking']],
    ])
    // Sheffield has nothing to say: "ask the hub" alone, the same for a few hidden people as for none.
    expect(view.hubSections.map((section) => section.saysNothing)).toEqual([true, false])
    expect(view.hubSections[1]?.profiles[0]?.hub).toEqual({
      name: 'Thanet',
      slug: 'thanet',
      href: '/hubs/thanet',
    })
    expect(view.chosen).toBeNull()
  })

  it('links to everyone a hub names when it names more than it shows, and to the next page of hubs', () => {
    const view = presentPeoplePage(
      hubsPage([{ ...thanetSkills, profiles: [ada], namedCount: 12 }], {
        page: 1,
        pageCount: 200,
        hubCount: 2000,
      }),
      { skill: 'baking' },
    )

    expect(view.hubSections[0]?.seeEveryone).toEqual({ href: '/people?hub=thanet&skill=baking', count: 12 })
    expect(view.pagination?.next).toBe('/people?skill=baking&page=2')
    expect(view.range).toEqual({ from: 1, to: 1, of: 2000 })
  })

  it('writes a profile’s skills as one line of words: "A listening ear, tablets and phones, NHS forms"', () => {
    const view = presentPeoplePage(
      hubsPage([
        {
          ...thanetSkills,
          profiles: [{ ...ada, skills: ['A listening ear', 'Tablets and phones', 'NHS forms'] }],
          namedCount: 1,
        },
      ]),
      { skill: null },
    )

    expect(view.hubSections[0]?.profiles[0]?.skillsInWords).toBe(
      'A listening ear, tablets and phones, NHS forms',
    )
  })

  it('with one skill chosen in every hub, says only the hubs with names or a count are listed', () => {
    const view = presentPeoplePage(hubsPage([{ ...thanetSkills, profiles: [], namedCount: 0 }]), {
      skill: 'baking',
    })

    expect(view.someHubsOnly).toBe(true)
    expect(view.hubSections.map(({ hub }) => hub.slug)).toEqual(['thanet'])
  })

  it('links "and others" under a skill to everyone named for it in the hub', () => {
    const [hub] = presentHubsSkills(
      [
        {
          hub: thanet,
          skills: [
            { code: 'baking', name: 'Baking', sharedBy: ['Ada P.'], moreNamed: true, others: askYourHub },
          ],
        },
      ],
      { every: true },
    )

    expect(hub?.skills[0]?.moreHref).toBe('/people?hub=thanet&skill=baking')
  })
})

describe('the hubs "Hub name or town" found', () => {
  it('links each to its people with the skill kept, and says how far each is from the place', () => {
    const view = presentFoundHubs(
      {
        kind: 'hubs',
        near: 'Margate',
        hubs: [
          { ...thanet, miles: 0.05 },
          { ...sheffield, miles: 12.3 },
        ],
      },
      'baking',
    )

    expect(view).toEqual({
      near: 'Margate',
      hubs: [
        { name: 'Thanet', href: '/people?hub=thanet&skill=baking', milesText: 'less than 0.1 miles away' },
        {
          name: 'Sheffield',
          href: '/people?hub=sheffield&skill=baking',
          milesText: expect.stringMatching(/^12(\.3)? miles away$/),
        },
      ],
    })
    expect(presentFoundHubs({ kind: 'none' }, null)).toBeNull()
  })
})

describe('the "people near you" presenter', () => {
  it('is null when search found no skill or no hub nearby', () => {
    expect(presentPeopleNearby(null)).toBeNull()
  })

  it('keeps every hub in range with every skill searched for, the same for a few people as for none', () => {
    const view = presentPeopleNearby({ skills: [{ code: 'baking', name: 'Baking' }], profiles: [], hubs })

    expect(view?.hubs.map(({ hub, skills }) => [hub.href, skills.map((skill) => skill.code)])).toEqual([
      ['/hubs/sheffield', ['gardening', 'baking']],
      ['/hubs/thanet', ['gardening', 'baking']],
    ])
  })

  it('says the skills as words in a sentence, and how to ring or email each hub', () => {
    const view = presentPeopleNearby({
      skills: [
        { code: 'listening', name: 'A listening ear' },
        { code: 'form-filling', name: 'Help with forms' },
        { code: 'tablets-and-phones', name: 'Tablets and phones' },
      ],
      profiles: [],
      hubs,
    })

    expect(view?.skillsInSentence).toBe('a listening ear, forms and tablets and phones')
    expect(view?.hubs[1]?.hub.contact).toEqual({
      phone: { text: '01632 960001', href: 'tel:01632960001' },
      email: { text: 'thanet.hub@example.org', href: 'mailto:thanet.hub@example.org' },
      contactHref: '/hubs/thanet#contact',
    })
    // A hub with no phone or email is still something to act on: its page's contact section.
    expect(view?.hubs[0]?.hub.contact).toEqual({
      phone: null,
      email: null,
      contactHref: '/hubs/sheffield#contact',
    })
  })
})
