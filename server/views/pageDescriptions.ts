/**
 * Each page's meta description (what a search engine or a shared link shows under the title),
 * worked out in one place from the page's name and its view model, so no presenter has to
 * remember it and every page gets a useful one of its own. setUpViews gives the result to the
 * layout as `pageDescription`.
 */

/** Descriptions a little longer than this are cut at a word and end with "…". */
const MAX_LENGTH = 200

/** Where Common Ground is named: the end of descriptions built from a page's own words. */
const ON_COMMON_GROUND = 'on Common Ground, for people in later life'

const FIXED: Record<string, string> = {
  'pages/start/index':
    'Find groups, activities, help and places near you for people in later life: lunch clubs, walking groups, help with phones and more. Search by town, village or postcode.',
  'pages/hubs/index':
    'Local hubs on Common Ground: small networks of people and groups in one area, led by the people in them. Find the hub near you and when it meets.',
  'pages/people/index':
    'Skills that people in later life share with their neighbours, such as help with phones and tablets, gardening or a friendly chat, and how to ask your local hub.',
  'pages/info/about':
    'What Common Ground is for: a map and list of groups, activities and places for people in later life, and the skills neighbours are happy to share.',
  'pages/info/accessibility':
    'How accessible the Common Ground website is, what we know does not work well yet, and how to tell us about a problem.',
  'pages/info/help':
    'Help with using Common Ground: how to search, print a large-print sheet, and tell us when a listing is wrong.',
  'pages/info/open-data':
    'The Common Ground directory is open data under the Open Government Licence: download it, or read it through our Open Referral UK API.',
  'pages/info/privacy':
    'How Common Ground looks after information about you: what we keep, why, who can see it, and how to download or delete it.',
  'pages/errors/not-found':
    'We could not find this page on Common Ground. Check the address, or search for groups and activities near you.',
  'pages/errors/forbidden': 'You cannot see this page on Common Ground. You may need to sign in with another account.',
  'pages/errors/problem':
    'Something went wrong on Common Ground. Try again later, or search for groups and activities near you.',
  'pages/errors/too-long': 'What you sent to Common Ground was too long. Go back and try again with less.',
  'pages/errors/method-not-allowed':
    'You cannot do that on this page of Common Ground. Go back to the page you were on.',
}

/**
 * The description for the page rendered from `view` (its name under views/, such as
 * "pages/search/index") with the view model `model`. Never empty.
 */
export function describePage(view: string, model: Record<string, unknown>): string {
  return shorten(clean(describe(view, model) || fallback(model)))
}

function describe(view: string, model: Record<string, unknown>): string {
  const fixed = FIXED[view]
  if (fixed) return fixed
  switch (view) {
    case 'pages/search/index':
      return describeSearch(model)
    case 'pages/search/which-place': {
      const name = text(model, 'name')
      return name
        ? `There is more than one place called ${name}. Choose the one you mean to find groups and activities near it ${ON_COMMON_GROUND}.`
        : ''
    }
    case 'pages/map/index': {
      const place = placeOf(model)
      return `A map of groups and activities${place ? ` near ${place}` : ''} ${ON_COMMON_GROUND}, with a list of what is in each part of the map.`
    }
    case 'pages/listings/service':
      return describeListing(model, 'service', 'A group or activity')
    case 'pages/listings/organisation':
      return describeListing(model, 'organisation', 'An organisation')
    case 'pages/listings/place':
      return describeListing(model, 'place', 'A place to meet')
    case 'pages/hubs/show': {
      const name = text(record(model, 'hub'), 'name')
      const about = text(record(model, 'hub'), 'description')
      return name
        ? `Local hub: ${name}. When it meets, how to contact it, and its groups and activities. ${about}`
        : ''
    }
    case 'pages/hubs/print': {
      const name = text(record(model, 'hub'), 'name')
      return name
        ? `A large-print sheet to print of what is on each week in the ${name} local hub, with addresses and phone numbers.`
        : ''
    }
    default:
      return ''
  }
}

/** "Groups and activities for ‘lunch club’ near Margate ...", from what was asked. */
function describeSearch(model: Record<string, unknown>): string {
  const form = record(model, 'form')
  const q = text(form, 'q')
  const where = placeOf(model)
  const asked = [q ? `for ‘${q}’` : '', where ? `near ${where}` : ''].filter(Boolean).join(' ')
  if (!asked)
    return `Search groups, activities and help ${ON_COMMON_GROUND}, by what you are looking for and where: a town, village or postcode.`
  return `Groups, activities and help ${asked} ${ON_COMMON_GROUND}: when they meet, how far away they are and what they cost.`
}

/** The place a search or map is near, as typed (or "your location" for a point). */
function placeOf(model: Record<string, unknown>): string {
  const form = record(model, 'form')
  const where = text(form, 'where')
  if (where && where.toLowerCase() !== 'my location') return where
  return form && typeof form.lat === 'number' ? 'your location' : ''
}

/** "Walk and talk: A gentle walk along the front." from the listing's name and summary. */
function describeListing(model: Record<string, unknown>, key: string, kind: string): string {
  const listing = record(model, key)
  const name = text(listing, 'name')
  if (!name) return ''
  const summary = text(model, 'metaDescription') || text(listing, 'description')
  return summary ? `${name}: ${summary}` : `${kind} ${ON_COMMON_GROUND}: ${name}.`
}

function fallback(model: Record<string, unknown>): string {
  const title = text(model, 'metaDescription') || text(model, 'pageTitle')
  return title
    ? `${title} – Common Ground: help, groups and skills near you in later life.`
    : 'Common Ground: help, groups and skills near you in later life.'
}

function record(from: Record<string, unknown> | null, key: string): Record<string, unknown> | null {
  const value = from?.[key]
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null
}

function text(from: Record<string, unknown> | null, key: string): string {
  const value = from?.[key]
  return typeof value === 'string' ? value.trim() : ''
}

function clean(description: string): string {
  return description.replace(/\s+/g, ' ').trim()
}

/** At most MAX_LENGTH characters, cut at a word. */
function shorten(description: string): string {
  if (description.length <= MAX_LENGTH) return description
  const cut = description.slice(0, MAX_LENGTH - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > MAX_LENGTH / 2 ? cut.slice(0, space) : cut).replace(/[\s,.:;–-]+$/, '')}…`
}
