import { presentPeopleFilters } from '../../server/presenters/peopleFilters'
import { parsePeopleFilters } from '../../server/validation/peopleFilters'

const SKILLS = [{ code: 'gardening', name: 'Gardening' }]

describe('the people page filter presenter', () => {
  it('keeps the chosen hub (with a link to choose another) and lists every skill after "All", the chosen one selected', () => {
    const view = presentPeopleFilters({
      problems: [],
      skills: SKILLS,
      hub: { slug: 'sheffield', name: 'Sheffield' },
      skill: 'gardening',
      find: null,
    })
    expect(view.chosenHub).toEqual({
      name: 'Sheffield',
      slug: 'sheffield',
      changeHref: '/people?skill=gardening',
    })
    expect(view.skillItems).toEqual([
      { value: '', text: 'All skills', selected: false },
      { value: 'gardening', text: 'Gardening', selected: true },
    ])
    expect(view.filtered).toBe(true)
    expect(view.everyoneHref).toBe('/people')
    expect(view.errorSummary).toEqual([])
  })

  it('with no hub chosen, shows the "Hub name or town" box with what was typed', () => {
    const view = presentPeopleFilters({
      problems: [],
      skills: SKILLS,
      hub: null,
      skill: null,
      find: 'Margate',
    })

    expect(view.chosenHub).toBeNull()
    expect(view.find).toBe('Margate')
    expect(view.filtered).toBe(false)
  })

  it('links each problem to its field, the hub box first as on the page', () => {
    const view = presentPeopleFilters({
      problems: [
        { field: 'skill', message: 'Choose a skill from the list' },
        { field: 'find', message: 'Type the name of a hub' },
      ],
      skills: SKILLS,
      hub: null,
      skill: null,
      find: null,
    })
    expect(view.errorSummary).toEqual([
      { text: 'Type the name of a hub', href: '#find' },
      { text: 'Choose a skill from the list', href: '#skill' },
    ])
    expect(view.errors).toEqual({ find: 'Type the name of a hub', skill: 'Choose a skill from the list' })
  })
})

describe('reading the choices on /people', () => {
  it('reads a hub, a skill, what was typed (spaces tidied) and the page', () => {
    expect(parsePeopleFilters({ hub: 'thanet', skill: 'baking', find: '  St   Ives ', page: '3' })).toEqual({
      filters: { hub: 'thanet', skill: 'baking', find: 'St Ives', page: 3 },
      errors: [],
    })
  })

  it('reads a page that is not a whole number of at least 1 as the first page, without an error', () => {
    for (const page of ['0', '-2', 'two', '1.5', ['2', '3'], '9999999999'])
      expect(parsePeopleFilters({ page }).filters.page).toBe(1)
  })

  it('tells a bad hub at the "Hub name or town" box', () => {
    expect(parsePeopleFilters({ hub: '<b>' }).errors).toEqual([
      { field: 'find', message: 'Type the name of a hub, or a town or postcode near you' },
    ])
  })
})
