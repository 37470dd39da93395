import { addresses } from '../addresses'
import type { StartPage } from '../services/listingsService'

export interface StartPageView {
  pageTitle: string
  /** where the search box sends its words and place */
  searchAction: string
  searchAllHref: string
  hubsHref: string
  /** where "Find the hubs near you" sends the place: /hubs, nearest first */
  hubsNearAction: string
  peopleHref: string
  aboutHref: string
  mapHref: string
  helpHref: string
  /** "Share your skills with your local hub" */
  shareSkillsHref: string
  start: {
    categories: { name: string; href: string; count: number }[]
    hubs: { name: string; href: string; description: string }[]
    /** how many hubs there are in all, of which `hubs` are the first few */
    hubCount: number
    serviceCount: number
  }
}

/** /: what Common Ground is, a search box, and ways in by category and by hub (a few, and a box to find yours). */
export function presentStartPage(start: StartPage): StartPageView {
  return {
    pageTitle: 'Find help, groups and activities near you',
    searchAction: addresses.search(),
    searchAllHref: addresses.search(),
    hubsHref: addresses.hubs(),
    hubsNearAction: addresses.hubs(),
    peopleHref: addresses.people(),
    aboutHref: addresses.about(),
    mapHref: addresses.map(),
    helpHref: addresses.help(),
    shareSkillsHref: addresses.shareSkills(),
    start: {
      categories: start.categories.map((category) => ({
        name: category.name,
        href: addresses.search({ categories: [category.code] }),
        count: category.count,
      })),
      hubs: start.hubs.map((hub) => ({
        name: hub.name,
        href: addresses.hub(hub.slug),
        description: hub.description,
      })),
      hubCount: start.hubCount,
      serviceCount: start.serviceCount,
    },
  }
}
