import { addresses } from '../addresses'
import { HOME, type LinkView } from './links'

/** The addresses the information pages' text links to. */
const INFO_LINKS = {
  start: addresses.start(),
  search: addresses.search(),
  map: addresses.map(),
  hubs: addresses.hubs(),
  people: addresses.people(),
  help: addresses.help(),
  privacy: addresses.privacy(),
  reportWrongListing: addresses.help('report-a-wrong-listing'),
}

export interface InfoPageView {
  pageTitle: string
  breadcrumbs: LinkView[]
  links: typeof INFO_LINKS
}

/** The pages the footer links to (help, privacy, accessibility, about): a title under Home. */
export function presentInfoPage<T extends object>(pageTitle: string, extra: T = {} as T): InfoPageView & T {
  return { pageTitle, breadcrumbs: [HOME], links: INFO_LINKS, ...extra }
}
