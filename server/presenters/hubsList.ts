import { addresses } from '../addresses'
import { formErrors, type FormErrors } from '../forms'
import { HUBS_PAGE_SIZE, type HubListItem, type HubsList } from '../services/hubsService'
import { distanceInWords } from '../services/listingWords'
import type { LocationResult } from '../services/locationService'
import { HOME, LOCAL_HUBS, type LinkView } from './links'
import { paginationView, showingInWords, type PaginationView } from './pagination'
import { presentHubContact, type HubContactView } from './peopleSharing'
import { presentPlaceChoice, type WhichPlaceView } from './searchWhichPlace'

export interface HubListItemView extends Omit<HubListItem, 'meets' | 'contact' | 'miles'> {
  href: string
  meets: { times: string; description: string; place: { name: string } | null } | null
  contact: HubContactView
  /** "2.3 miles away", when the list is nearest first */
  distance: string | null
}

export interface HubsListView extends FormErrors {
  pageTitle: string
  /** the h1: "Local hubs", or "Local hubs near Crewe" */
  heading: string
  breadcrumbs: LinkView[]
  /** where the Where box sends the place */
  action: string
  /** what is in the Where box */
  where: string
  /** "Nearest to Crewe first", or how the list is ordered without a place */
  order: string
  /** "Showing 21 to 40 of 2,000." when there is more than one page */
  showing: string | null
  total: number
  hubs: HubListItemView[]
  pagination: PaginationView | null
  /** the sentence saying we used somewhere near what was typed, and "Did you mean ...?" links */
  placeNote: string | null
  placeSuggestions: { before: string; text: string; href: string }[]
  /** the list by name, when it is nearest first to a place */
  allHubsHref: string | null
}

/**
 * /hubs: one page of hubs, with what each has and what may be said about its people; nearest
 * first when a place was typed in Where. `typed` is what was typed; `place` what it found.
 */
export function presentHubsList(
  list: HubsList,
  options: { typed: string; place: LocationResult | null },
): HubsListView {
  const { typed, place } = options
  const found = place?.kind === 'found' ? place : null
  const problem = place && !found && 'message' in place ? place.message : null
  const shown = formErrors(problem ? [{ field: 'where', message: problem }] : [], { where: 'where' })
  const where = found ? found.where : ''
  return {
    ...shown,
    pageTitle: found ? `Local hubs near ${found.label}` : 'Local hubs',
    heading: found ? `Local hubs near ${found.label}` : 'Local hubs',
    breadcrumbs: list.page > 1 || found ? [HOME, LOCAL_HUBS] : [HOME],
    action: addresses.hubs(),
    where: found ? found.where : typed,
    order: found ? `Nearest to ${found.label} first.` : 'In order of their names.',
    showing: showingInWords(list, HUBS_PAGE_SIZE, list.hubs.length),
    total: list.total,
    hubs: list.hubs.map(({ miles, ...hub }) => ({
      ...hub,
      href: addresses.hub(hub.slug),
      contact: presentHubContact(hub.slug, hub.contact),
      distance: miles === null ? null : distanceInWords(miles),
    })),
    pagination: paginationView(list.page, list.pageCount, (page) => addresses.hubs({ where, page })),
    placeNote: found?.note ?? null,
    placeSuggestions:
      place?.kind === 'not-found'
        ? (place.suggestions ?? []).map((suggestion, i, all) => ({
            before: i === 0 ? '' : i === all.length - 1 ? ' or ' : ', ',
            text: suggestion.name,
            href: addresses.hubs({ where: suggestion.where }),
          }))
        : [],
    allHubsHref: found ? addresses.hubs() : null,
  }
}

/** "Which Newport do you mean?" for /hubs' Where box: the question search asks, sent back to /hubs. */
export function presentHubsWhichPlace(
  choice: Extract<LocationResult, { kind: 'choose' }>,
  unanswered: boolean,
): WhichPlaceView {
  return presentPlaceChoice(choice, {
    unanswered,
    // Search asks the same question: the section in the title tells the two pages apart.
    pageTitle: `Which ${choice.name} do you mean? – Local hubs`,
    breadcrumbs: [HOME, LOCAL_HUBS],
    action: addresses.hubs(),
    hiddenFields: [],
    changeHref: addresses.hubs(),
  })
}
