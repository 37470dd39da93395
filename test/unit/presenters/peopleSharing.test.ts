import { presentPeopleNearby, presentPeopleSharing } from '../../../server/presenters/peopleSharing'
import type { HubSkills } from '../../../server/services/peopleService'

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

describe('the people page presenter', () => {
  it('with a hub chosen, keeps every skill of it, each hub linked', () => {
    const view = presentPeopleSharing({ profiles: [], hubs }, { hub: true, skill: false })

    expect(view.someSkillsOnly).toBe(false)
    expect(view.hubsSkills.map(({ hub, skills }) => [hub.href, skills.length])).toEqual([
      ['/hubs/sheffield', 2],
      ['/hubs/thanet', 2],
    ])
  })

  it('with nothing chosen, keeps only skills someone is named or counted for, and says so', () => {
    const view = presentPeopleSharing(
      {
        profiles: [
          { displayName: 'Ada P.', hub: thanet, skills: [], skillsInOwnWords: '', wouldLikeToShare: '' },
        ],
        hubs,
      },
      { hub: false, skill: false },
    )

    expect(view.someSkillsOnly).toBe(true)
    expect(view.hubsSkills.map(({ hub, skills }) => [hub.slug, skills.map((skill) => skill.code)])).toEqual([
      ['thanet', ['gardening', 'baking']],
    ])
    expect(view.profiles[0]?.hub).toEqual({ name: 'Thanet', slug: 'thanet', href: '/hubs/thanet' })
  })

  it('writes a profile’s skills as one line of words: "A listening ear, tablets and phones, NHS forms"', () => {
    const view = presentPeopleSharing(
      {
        profiles: [
          {
            displayName: 'Ada P.',
            hub: thanet,
            skills: ['A listening ear', 'Tablets and phones', 'NHS forms'],
            skillsInOwnWords: '',
            wouldLikeToShare: '',
          },
        ],
        hubs,
      },
      { hub: false, skill: false },
    )

    expect(view.profiles[0]?.skillsInWords).toBe('A listening ear, tablets and phones, NHS forms')
  })

  it('with one skill chosen in every hub, lists only the hubs with names or a count, as a few and none both leave a hub out', () => {
    const view = presentPeopleSharing({ profiles: [], hubs }, { hub: false, skill: true })

    expect(view.someHubsOnly).toBe(true)
    expect(view.hubsSkills.map(({ hub, skills }) => [hub.slug, skills.map((skill) => skill.code)])).toEqual([
      ['thanet', ['gardening', 'baking']],
    ])
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
