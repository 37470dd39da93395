/**
 * The fields a suggestion may change, per kind of listing, their labels, and the diff that
 * keeps only what the person changed. Every value is a string as the form sends it; days are
 * day codes joined with commas ("TU,TH"), in week order; times in words keep one time a line.
 */
import type { Day } from '../../../db/repositories/servicesRepository'
import type {
  OrganisationValues,
  PlaceValues,
  ServiceValues,
  SuggestionListingType,
} from '../../../db/repositories/suggestionsRepository'
import { costInWords } from '../listingWords'
import { type Timetable, timetableLines, type WeeklyPattern } from './timetable'

export const DAYS: readonly Day[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']
export const DAY_NAMES: Record<Day, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
}

export type FieldName =
  | 'name'
  | 'description'
  | 'runBy'
  | 'venue'
  | 'address'
  | 'town'
  | 'postcode'
  | 'days'
  | 'opensAt'
  | 'closesAt'
  | 'times'
  | 'cost'
  | 'phone'
  | 'email'
  | 'website'

export const FIELD_LABELS: Record<FieldName, string> = {
  name: 'Name',
  description: 'What it is',
  runBy: 'Who runs it',
  venue: 'Where it meets (the name of the place)',
  address: 'Address',
  town: 'Town or village',
  postcode: 'Postcode',
  days: 'Days',
  opensAt: 'Starts at',
  closesAt: 'Ends at',
  times: 'Days and times',
  cost: 'Cost',
  phone: 'Phone',
  email: 'Email',
  website: 'Website',
}

/** What a suggestion is about: a change to one kind of listing, or a new group. */
export type FormKind = SuggestionListingType | 'new'

export const FIELDS_OF: Record<FormKind, readonly FieldName[]> = {
  service: ['name', 'description', 'days', 'opensAt', 'closesAt', 'cost', 'phone', 'email', 'website'],
  organisation: ['name', 'description', 'phone', 'email', 'website', 'address', 'town', 'postcode'],
  place: ['name', 'description', 'address', 'town', 'postcode'],
  new: [
    'name',
    'description',
    'runBy',
    'venue',
    'address',
    'town',
    'postcode',
    'days',
    'opensAt',
    'closesAt',
    'cost',
    'phone',
    'email',
    'website',
  ],
}

/**
 * The fields of a service whose timetable is more than one weekly pattern: its days and times
 * in words, never Days, Starts at and Ends at, which would flatten it (see ./timetable.ts).
 */
export const SERVICE_FIELDS_IN_WORDS: readonly FieldName[] = FIELDS_OF.service.flatMap((field) =>
  field === 'days' ? ['times' as const] : field === 'opensAt' || field === 'closesAt' ? [] : [field],
)

/** The fields a suggestion about this service offers, as its timetable allows. */
export const serviceFieldsFor = (pattern: WeeklyPattern | null): readonly FieldName[] =>
  pattern ? FIELDS_OF.service : SERVICE_FIELDS_IN_WORDS

export type FieldValues = Partial<Record<FieldName, string>>

/** Day codes in week order, joined: "TU,TH". */
export const joinDays = (days: readonly string[]): string =>
  DAYS.filter((day) => days.includes(day)).join(',')

/** The days a value names, in week order. */
export const daysOf = (value: string | undefined): Day[] =>
  DAYS.filter((day) => (value ?? '').split(',').includes(day))

/** A value as a person reads it: days in words, "Not given" for empty. */
export function valueInWords(field: FieldName, value: string | undefined): string {
  if (value === undefined || value.trim() === '') return 'Not given'
  if (field === 'days')
    return (
      daysOf(value)
        .map((day) => DAY_NAMES[day])
        .join(', ') || 'Not given'
    )
  return value
}

/** A service's values now: its timetable as days and hours when it is one weekly pattern, else in words. */
export function serviceFields(
  service: ServiceValues,
  timetable: Timetable,
  pattern: WeeklyPattern | null,
): FieldValues {
  return {
    name: service.name,
    description: service.description,
    // Days and hours only where they say the whole timetable; the words always, for a reviewer.
    ...(pattern && {
      days: joinDays(pattern.days),
      opensAt: pattern.opensAt ?? '',
      closesAt: pattern.closesAt ?? '',
    }),
    times: timetableLines(timetable),
    cost: costInWords(service),
    phone: service.phone ?? '',
    email: service.email ?? '',
    website: service.url ?? '',
  }
}

export function placeFields(place: PlaceValues): FieldValues {
  return {
    name: place.name,
    description: place.description,
    address: place.address1,
    town: place.city,
    postcode: place.postalCode,
  }
}

export function organisationFields(organisation: OrganisationValues): FieldValues {
  return {
    name: organisation.name,
    description: organisation.description,
    phone: organisation.phone ?? '',
    email: organisation.email ?? '',
    website: organisation.website ?? '',
    address: organisation.address1 ?? '',
    town: organisation.city ?? '',
    postcode: organisation.postalCode ?? '',
  }
}

const normalised = (field: FieldName, value: string | undefined): string => {
  if (field === 'times')
    return (value ?? '')
      .split(/\r?\n/)
      .map((line) => line.trim().replace(/\s+/g, ' '))
      .filter((line) => line !== '')
      .join('\n')
  const trimmed = (value ?? '').trim().replace(/\s+/g, ' ')
  if (field === 'days') return joinDays(trimmed.split(','))
  if (field === 'postcode') return trimmed.toUpperCase()
  return trimmed
}

/**
 * Only those of these fields whose submitted value differs from the current one (spacing and
 * the case of a postcode aside), each as it was typed, tidied.
 */
export function changedFields(
  fields: readonly FieldName[],
  current: FieldValues,
  submitted: FieldValues,
): FieldValues {
  const changed: FieldValues = {}
  for (const field of fields) {
    if (submitted[field] === undefined) continue
    const now = normalised(field, current[field])
    const then = normalised(field, submitted[field])
    if (now !== then) changed[field] = then
  }
  return changed
}
