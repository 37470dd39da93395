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

/** The licence the directory's listings are published under. */
export const OPEN_DATA_LICENCE = {
  name: 'Open Government Licence v3.0',
  href: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
}

/**
 * "Open data", under About: the licence, the downloads and the Open Referral UK API, whose
 * addresses are given in full (`apiHref` and the rest), as another directory types them.
 */
export function presentOpenDataPage(api: { apiHref: string; openApiHref: string; servicesHref: string }) {
  return {
    ...presentInfoPage('Open data: use our listings', {
      licence: OPEN_DATA_LICENCE,
      downloadHref: addresses.download(),
      ...api,
    }),
    breadcrumbs: [HOME, { href: addresses.about(), text: 'About' }],
  }
}
