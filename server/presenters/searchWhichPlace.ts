/**
 * "Which Newport do you mean?", asked the same way by /search and /map when the Where box
 * names several places: one radio per place, the search's other choices kept in hidden
 * fields, and the name typed kept as `choosing`, so that sending the form without a choice
 * asks again with a message (readSearchRequest reads it).
 */
import { addresses, searchQueryString } from '../addresses'
import { formErrors, type FormErrors } from '../forms'
import type { SearchRequest } from '../routes/searchRequest'
import type { LocationResult } from '../services/locationService'
import { SEARCH_TITLE, type LinkView } from './searchPage'

export interface WhichPlaceView extends FormErrors {
  pageTitle: string
  breadcrumbs: LinkView[]
  /** the name the places share, as the gazetteer spells it */
  name: string
  /** one radio per place: its value finds that place and no other */
  items: { value: string; text: string; hint: string }[]
  action: string
  hiddenFields: { name: string; value: string }[]
  /** the message by the radios, when they sent the form without choosing */
  error: string | undefined
  /** the same search, to type somewhere else */
  changeHref: string
}

const PAGES = {
  search: { address: addresses.search, text: SEARCH_TITLE },
  map: { address: addresses.map, text: 'Map' },
} as const

export function presentWhichPlace(
  request: Extract<SearchRequest, { decision: 'choose place' }>,
  page: 'search' | 'map',
): WhichPlaceView {
  const { choice } = request
  const { address, text } = PAGES[page]
  const others = { ...request.filters, where: '', lat: null, lng: null }
  const hiddenFields = [...new URLSearchParams(searchQueryString(others)).entries()].map(([name, value]) => ({
    name,
    value,
  }))
  return presentPlaceChoice(choice, {
    unanswered: request.unanswered,
    pageTitle: `Which ${choice.name} do you mean?`,
    breadcrumbs: [
      { href: addresses.start(), text: 'Home' },
      { href: address(), text },
    ],
    action: address(),
    hiddenFields,
    changeHref: address(others),
  })
}

/**
 * "Which Newport do you mean?" for any page with a Where box (search, the map, /hubs): one
 * radio per place, the page's other choices in `hiddenFields`, and the name typed kept as
 * `choosing`, so sending the form without a choice (`unanswered`) asks again with a message.
 */
export function presentPlaceChoice(
  choice: Extract<LocationResult, { kind: 'choose' }>,
  page: {
    unanswered: boolean
    pageTitle: string
    breadcrumbs: LinkView[]
    action: string
    hiddenFields: { name: string; value: string }[]
    changeHref: string
  },
): WhichPlaceView {
  const shown = formErrors(
    page.unanswered ? [{ field: 'where', message: `Select which ${choice.name} you mean` }] : [],
    { where: 'where' },
  )
  return {
    ...shown,
    pageTitle: page.pageTitle,
    breadcrumbs: page.breadcrumbs,
    name: choice.name,
    items: choice.options.map((option) => ({ value: option.where, text: option.name, hint: option.hint })),
    action: page.action,
    hiddenFields: [...page.hiddenFields, { name: 'choosing', value: choice.input }],
    error: shown.errors.where,
    changeHref: page.changeHref,
  }
}
