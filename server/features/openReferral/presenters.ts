/**
 * Our records as Open Referral UK (HSDS 3.0 UK profile) objects: one plain function per kind
 * of answer. Names and shapes follow ../shared/openreferral-uk/schema/compiled/. What the
 * profile has no field for is given as a local property named as HSDS 3.0 itself names it
 * (eligibility_description, application_process, phones, address_2, currency), which the
 * profile allows where it does not conflict. Nothing about people is ever here: the records
 * hold none.
 */
import type {
  OpenAccessRow,
  OpenPlaceRow,
  OpenScheduleRow,
  OpenServiceRow,
  OpenTermRow,
} from '../../../db/repositories/openReferralRepository'
import { costInWords, scheduleInWords } from '../../services/listingWords'
import { CATEGORIES_TAXONOMY_ID, partId } from './openReferralIds'
import type { PageOf, PlaceRecord, ServiceAtPlaceRecord, ServiceRecord } from './openReferralService'

type Json = Record<string, unknown>

/** The taxonomy's name, as each term says which taxonomy it is in. */
const CATEGORIES_NAME = 'Common Ground categories'
const CATEGORIES_DESCRIPTION =
  'The types of group, activity and help in the Common Ground directory, such as walking groups, lunch clubs and help with phones and tablets.'

/** The HSDS version and the profile this API follows, for GET /. */
export function presentApiInfo(openApiUrl: string): Json {
  return {
    version: '3.0',
    profile: 'https://github.com/openreferral/uk-profile',
    openapi_url: openApiUrl,
  }
}

/** A page in the profile's shape (total_items ... contents). */
export function presentPage<T>(page: PageOf<T>, present: (item: T) => Json): Json {
  const totalPages = Math.ceil(page.total / page.perPage)
  const contents = page.items.map(present)
  return {
    total_items: page.total,
    total_pages: totalPages,
    page_number: page.page,
    size: contents.length,
    first_page: page.page === 1,
    last_page: page.page >= totalPages,
    empty: contents.length === 0,
    contents,
  }
}

/** A service in a list: its own fields and who runs it (compiled/service_list.json). */
export function presentServiceInList({ service }: ServiceRecord): Json {
  return {
    ...serviceFields(service),
    ...(service.organisationUuid ? { organization: organisation(service) } : {}),
  }
}

/** A service in full: times, places, costs, contact, categories (compiled/service.json). */
export function presentService(record: ServiceRecord): Json {
  return {
    ...serviceInFull(record),
    service_at_locations: record.places.map((place) => ({
      id: place.place.serviceAtPlaceUuid,
      service_id: record.service.uuid,
      location_id: place.place.uuid,
      location: locationInFull(place),
    })),
  }
}

/** A service at a place in a list: the place in brief and the service in brief (compiled/service_at_location_list.json). */
export function presentServiceAtPlaceInList({ place, service }: ServiceAtPlaceRecord): Json {
  return {
    id: place.place.serviceAtPlaceUuid,
    service_id: service.service.uuid,
    location_id: place.place.uuid,
    location: locationFields(place.place),
    service: presentServiceInList(service),
  }
}

/**
 * A service at a place in full (compiled/service_at_location.json, as the profile's example
 * service_at_location_full.json). The profile's OpenAPI description names the service schema
 * for this answer, which requires a name and a status: they are given too (the service's name
 * at the place's, and its status), so the answer passes either schema.
 */
export function presentServiceAtPlace({ place, service }: ServiceAtPlaceRecord): Json {
  return {
    id: place.place.serviceAtPlaceUuid,
    name: `${service.service.name} at ${place.place.name}`,
    status: 'active',
    service_id: service.service.uuid,
    location_id: place.place.uuid,
    location: locationInFull(place),
    service: serviceInFull(service),
  }
}

/** The taxonomy in a list, or in full with its terms (taxonomy.json). */
export function presentTaxonomy(terms?: OpenTermRow[]): Json {
  return {
    id: CATEGORIES_TAXONOMY_ID,
    name: CATEGORIES_NAME,
    description: CATEGORIES_DESCRIPTION,
    ...(terms ? { taxonomy_terms: terms.map(presentTerm) } : {}),
  }
}

/** A category as a taxonomy term (taxonomy_term.json). */
export function presentTerm(term: OpenTermRow): Json {
  return {
    id: term.uuid,
    name: term.name,
    description: term.description,
    taxonomy: CATEGORIES_NAME,
    taxonomy_id: CATEGORIES_TAXONOMY_ID,
    term: term.code,
  }
}

function serviceFields(service: OpenServiceRow): Json {
  return {
    id: service.uuid,
    ...(service.organisationUuid ? { organization_id: service.organisationUuid } : {}),
    name: service.name,
    description: service.description,
    ...webAddress('url', service.url),
    ...emailAddress('email', service.email),
    status: 'active',
    // Only what the listing says: a listing with no cost recorded says nothing, not our
    // page's "Ask about cost", which a reader would take for the listing's own words.
    ...(costIsKnown(service) ? { fees: costWords(service) } : {}),
    // The day someone last checked the listing was right.
    assured_date: service.lastChecked,
    last_modified: service.updatedAt,
    // HSDS 3.0's own fields, which the UK profile leaves out: who it is for, how to join.
    ...(service.eligibilityDescription ? { eligibility_description: service.eligibilityDescription } : {}),
    ...(service.applicationProcess ? { application_process: service.applicationProcess } : {}),
  }
}

function serviceInFull(record: ServiceRecord): Json {
  const { service } = record
  return {
    ...serviceFields(service),
    schedules: record.schedules.map((schedule) => presentSchedule(service.uuid, schedule)),
    service_areas: serviceAreas(service),
    ...(service.organisationUuid ? { organization: organisation(service) } : {}),
    cost_options: costOptions(service),
    contacts: contacts(service),
    attributes: record.categories.map((term) => ({
      id: partId(service.uuid, 'category', term.uuid),
      link_id: service.uuid,
      link_type: 'service',
      taxonomy_term_id: term.uuid,
      taxonomy_term: presentTerm(term),
    })),
  }
}

function organisation(service: OpenServiceRow): Json {
  const id = service.organisationUuid as string
  return {
    id,
    name: service.organisationName ?? '',
    description: service.organisationDescription ?? '',
    ...emailAddress('email', service.organisationEmail),
    ...webAddress('website', service.organisationWebsite),
    ...(service.organisationPhone
      ? { phones: [{ id: partId(id, 'phone'), number: service.organisationPhone }] }
      : {}),
  }
}

/**
 * A time as an iCalendar rule, as HSDS does: weekly on a day, or monthly on the first
 * (1TU), second ... or last (-1TU) of that day. The words are ours ("Every Tuesday, 10am to
 * 11:30am"), with any note the listing has.
 */
function presentSchedule(serviceUuid: string, schedule: OpenScheduleRow): Json {
  const byday =
    schedule.freq === 'MONTHLY' && schedule.weekOfMonth !== null
      ? `${schedule.weekOfMonth}${schedule.byday}`
      : schedule.byday
  const words = scheduleInWords(schedule)
  return {
    id: partId(
      serviceUuid,
      'schedule',
      schedule.serviceAtPlaceUuid ?? 'any place',
      schedule.freq,
      schedule.interval,
      byday,
      schedule.opensAt ?? '',
      schedule.closesAt ?? '',
    ),
    service_id: serviceUuid,
    ...(schedule.serviceAtPlaceUuid ? { service_at_location_id: schedule.serviceAtPlaceUuid } : {}),
    freq: schedule.freq,
    interval: schedule.interval,
    byday,
    ...(schedule.opensAt ? { opens_at: `${schedule.opensAt}:00` } : {}),
    ...(schedule.closesAt ? { closes_at: `${schedule.closesAt}:00` } : {}),
    description:
      schedule.description && !words.includes(schedule.description)
        ? `${words}. ${schedule.description}`
        : words,
  }
}

/** A service that comes to people's homes, phones them or runs online reaches its hub's area. */
function serviceAreas(service: OpenServiceRow): Json[] {
  const ways = [
    service.comesToHome === 1 ? 'comes to your home' : null,
    service.byPhone === 1 ? 'by phone' : null,
    service.online === 1 ? 'online' : null,
  ].filter((way): way is string => way !== null)
  if (ways.length === 0 || service.hubName === null) return []
  const words = `${capitalise(ways.join(', '))}, in the ${service.hubName} area`
  return [{ id: partId(service.uuid, 'area'), service_id: service.uuid, name: words, service_area: words }]
}

const costIsKnown = (service: OpenServiceRow): boolean =>
  service.isFree === 1 || service.costAmountPence !== null || Boolean(service.costDescription)

/**
 * The cost in words, as our pages say it ("£2 a session (first session free)"), and for a
 * free listing what else it says too ("Free (tea and biscuits included)"): our pages' words
 * say only "Free", and a reader would otherwise never see the rest.
 */
function costWords(service: OpenServiceRow): string {
  const words = costInWords({
    isFree: service.isFree === 1,
    costAmountPence: service.costAmountPence,
    costOption: service.costOption,
    costDescription: service.costDescription,
  })
  return service.isFree === 1 && service.costDescription ? `${words} (${service.costDescription})` : words
}

function costOptions(service: OpenServiceRow): Json[] {
  const words = costWords(service)
  if (service.isFree === 1)
    return [
      {
        id: partId(service.uuid, 'cost'),
        service_id: service.uuid,
        option: 'Free',
        amount: 0,
        amount_description: words,
        currency: 'GBP',
      },
    ]
  if (service.costAmountPence === null) return []
  return [
    {
      id: partId(service.uuid, 'cost'),
      service_id: service.uuid,
      option: service.costOption ? `A ${service.costOption}` : words,
      amount: service.costAmountPence / 100,
      amount_description: words,
      currency: 'GBP',
    },
  ]
}

/**
 * How to get in touch with the group or service: its own phone and email, never a person's.
 * The profile's contact has a name and title only; HSDS 3.0's email and phones are given too.
 */
function contacts(service: OpenServiceRow): Json[] {
  const email = emailAddress('email', service.email)
  if (!service.phone && !('email' in email)) return []
  const id = partId(service.uuid, 'contact')
  return [
    {
      id,
      service_id: service.uuid,
      name: service.name,
      title: 'How to get in touch',
      ...email,
      ...(service.phone ? { phones: [{ id: partId(id, 'phone'), number: service.phone }] } : {}),
    },
  ]
}

function locationFields(place: OpenPlaceRow): Json {
  return {
    id: place.uuid,
    location_type: 'physical',
    name: place.name,
    description: place.description,
    latitude: place.latitude,
    longitude: place.longitude,
  }
}

function locationInFull({ place, access }: PlaceRecord): Json {
  return {
    ...locationFields(place),
    addresses: [
      {
        id: partId(place.uuid, 'address'),
        location_id: place.uuid,
        address_1: place.address1,
        ...(place.address2 ? { address_2: place.address2 } : {}),
        city: place.city,
        // We do not record counties; the profile asks for the field.
        state_province: '',
        postal_code: place.postalCode,
        country: 'GB',
        address_type: 'physical',
      },
    ],
    accessibility: access.map((fact) => presentAccess(place.uuid, fact)),
  }
}

/**
 * An access fact we recorded, yes or no, in our words ("Step-free access: yes"). HSDS lists
 * what a place has; a "no" is as useful to someone deciding whether to go, so it is given
 * too, its words saying so, with `available` for a program to read.
 */
function presentAccess(placeUuid: string, fact: OpenAccessRow): Json {
  const words = `${fact.label}: ${fact.available === 1 ? 'yes' : 'no'}`
  return {
    id: partId(placeUuid, 'access', fact.code),
    location_id: placeUuid,
    description: words,
    ...(fact.details ? { details: fact.details } : {}),
    accessibility: words,
    available: fact.available === 1,
  }
}

/** A web address only when it is a whole http(s) address (the profile's uri format). */
function webAddress(field: string, value: string | null): Json {
  if (!value) return {}
  // Only the characters a URI may hold (RFC 3986), unescaped spaces and all else left out.
  if (!/^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/.test(value)) return {}
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? { [field]: value } : {}
  } catch {
    return {}
  }
}

/** An email address only when it is one (the profile's email format). */
function emailAddress(field: string, value: string | null): Json {
  return value &&
    /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i.test(
      value,
    )
    ? { [field]: value }
    : {}
}

const capitalise = (words: string): string => words.charAt(0).toUpperCase() + words.slice(1)
