import { presentPeopleFilters } from '../../server/presenters/peopleFilters'

const HUBS = [
  { slug: 'thanet', name: 'Thanet' },
  { slug: 'sheffield', name: 'Sheffield' },
]
const SKILLS = [{ code: 'gardening', name: 'Gardening' }]

describe('the people page filter presenter', () => {
  it('lists every hub and skill after "All", with the chosen ones selected', () => {
    const view = presentPeopleFilters({
      problems: [],
      hubs: HUBS,
      skills: SKILLS,
      hub: 'sheffield',
      skill: null,
    })
    expect(view.hubItems).toEqual([
      { value: '', text: 'All hubs', selected: false },
      { value: 'thanet', text: 'Thanet', selected: false },
      { value: 'sheffield', text: 'Sheffield', selected: true },
    ])
    expect(view.skillItems.map((item) => item.text)).toEqual(['All skills', 'Gardening'])
    expect(view.filtered).toBe(true)
    expect(view.everyoneHref).toBe('/people')
    expect(view.errorSummary).toEqual([])
  })

  it('links each problem to its list, hub first as on the page', () => {
    const view = presentPeopleFilters({
      problems: [
        { field: 'skill', message: 'Choose a skill from the list' },
        { field: 'hub', message: 'Choose a hub from the list' },
      ],
      hubs: HUBS,
      skills: SKILLS,
      hub: null,
      skill: null,
    })
    expect(view.errorSummary).toEqual([
      { text: 'Choose a hub from the list', href: '#hub' },
      { text: 'Choose a skill from the list', href: '#skill' },
    ])
    expect(view.errors).toEqual({ hub: 'Choose a hub from the list', skill: 'Choose a skill from the list' })
    expect(view.filtered).toBe(false)
  })
})
