import { describePage } from '../../server/views/pageDescriptions'

describe("each page's meta description", () => {
  it('describes a search by what and where was asked', () => {
    expect(describePage('pages/search/index', { form: { q: 'tea dance', where: 'Crewe', lat: null } })).toBe(
      'Groups, activities and help for ‘tea dance’ near Crewe on Common Ground, for people in later life: when they meet, how far away they are and what they cost.',
    )
    expect(describePage('pages/map/index', { form: { q: '', where: 'My location', lat: 51.4 } })).toContain(
      'A map of groups and activities near your location',
    )
  })

  it('describes a listing by its name and its own words, cut at a word when they are long', () => {
    const long = `${'A friendly group that meets every week. '.repeat(8)}Everyone welcome.`
    const description = describePage('pages/listings/service', {
      metaDescription: long,
      service: { name: 'Knit and natter', description: long },
    })
    expect(description.startsWith('Knit and natter: A friendly group')).toBe(true)
    expect(description.length).toBeLessThanOrEqual(200)
    expect(description).toMatch(/\w…$/)
  })

  it('describes a hub by its name and what it says about itself', () => {
    expect(
      describePage('pages/hubs/show', {
        hub: { name: 'Crewe and Nantwich', description: 'Neighbours in Crewe.' },
      }),
    ).toBe(
      'Local hub: Crewe and Nantwich. When it meets, how to contact it, and its groups and activities. Neighbours in Crewe.',
    )
  })

  it('falls back on the page title for a page it does not know, and is never empty', () => {
    expect(describePage('pages/coordinate/home', { pageTitle: 'Your hubs' })).toBe(
      'Your hubs – Common Ground: help, groups and skills near you in later life.',
    )
    expect(describePage('pages/anything', {})).toBe(
      'Common Ground: help, groups and skills near you in later life.',
    )
  })
})
