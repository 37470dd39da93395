/**
 * The open data: published services, organisations and places as CSV, and published listings
 * with points as GeoJSON. Each is made a batch at a time (keyset pages of BATCH rows), and
 * between batches the event loop is let go (setImmediate), so a directory of a million
 * services is never held in memory and never holds up other requests for long. Nothing here
 * reads people: the repository it reads has no query that touches them.
 */
import { stringify } from 'csv-stringify/sync'
import type {
  DirectoryTransferRepository,
  ExportScheduleRow,
  ExportServicePlaceRow,
  ExportServiceRow,
} from '../../../db/repositories/directoryTransferRepository'
import {
  DIRECTORY_COLUMNS,
  type DirectoryRow,
  formatPounds,
  formatTime,
  safeCell,
  yesNo,
} from './directoryCsv'

/** Rows read at a time. */
export const BATCH = 1000

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/** Rows of cells as CSV text, each cell safe from spreadsheet formulas; with the header first when given. */
export function csvText(rows: readonly (readonly string[])[], header?: readonly string[]): string {
  return stringify(
    rows.map((row) => row.map(safeCell)),
    header ? { header: true, columns: header.map(String) } : {},
  )
}

/** What the public links make: the directory (service rows), organisations, places, GeoJSON. */
export type ExportKind = 'services' | 'organisations' | 'places' | 'geojson'

function groupBy<T>(rows: readonly T[], key: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>()
  for (const row of rows) {
    const list = groups.get(key(row))
    if (list) list.push(row)
    else groups.set(key(row), [row])
  }
  return groups
}

/** One service's rows: one per published place (with that place's times and every-place times), or one with no place. */
export function serviceRows(
  service: ExportServiceRow,
  places: readonly ExportServicePlaceRow[],
  schedules: readonly ExportScheduleRow[],
): DirectoryRow[] {
  const base = {
    service_name: service.name,
    organisation: service.organisation,
    description: service.description,
    who_it_is_for: service.eligibilityDescription,
    how_to_join: service.applicationProcess,
    categories: service.categories,
    hub: service.hubSlug ?? '',
    free: yesNo(service.isFree),
    cost_pounds: formatPounds(service.costAmountPence),
    cost_per: service.costOption ?? '',
    cost_words: service.costDescription ?? '',
    comes_to_home: yesNo(service.comesToHome),
    by_phone: yesNo(service.byPhone),
    online: yesNo(service.online),
    email: service.email ?? '',
    phone: service.phone ?? '',
    website: service.url ?? '',
    last_checked: service.lastChecked,
  }
  const timesAt = (linkId: number | null) =>
    schedules
      .filter((s) => s.linkId === null || s.linkId === linkId)
      .map(formatTime)
      .join('; ')
  if (places.length === 0)
    return [
      {
        ...base,
        times: timesAt(null),
        place_name: '',
        address: '',
        town: '',
        postcode: '',
        access: '',
        no_access: '',
      },
    ]
  return places.map((place) => ({
    ...base,
    times: timesAt(place.linkId),
    place_name: place.name,
    address: place.address1,
    town: place.city,
    postcode: place.postalCode,
    access: place.access,
    no_access: place.noAccess,
  }))
}

/** Published services, a batch at a time, each with its places and times. */
async function* serviceBatches(
  repository: DirectoryTransferRepository,
): AsyncGenerator<
  { service: ExportServiceRow; places: ExportServicePlaceRow[]; schedules: ExportScheduleRow[] }[]
> {
  let after = 0
  for (;;) {
    const services = repository.servicesAfterId(after, BATCH)
    if (services.length === 0) return
    const ids = services.map((s) => s.id)
    const places = groupBy(repository.placesOf(ids), (p) => p.serviceId)
    const schedules = groupBy(repository.schedulesOf(ids), (s) => s.serviceId)
    yield services.map((service) => ({
      service,
      places: places.get(service.id) ?? [],
      schedules: schedules.get(service.id) ?? [],
    }))
    after = services[services.length - 1]?.id ?? after
    if (services.length < BATCH) return
    await nextTurn()
  }
}

async function* keyset<T extends { id: number }>(
  read: (after: number, limit: number) => T[],
): AsyncGenerator<T[]> {
  let after = 0
  for (;;) {
    const rows = read(after, BATCH)
    if (rows.length === 0) return
    yield rows
    after = rows[rows.length - 1]?.id ?? after
    if (rows.length < BATCH) return
    await nextTurn()
  }
}

const ORGANISATION_COLUMNS = [
  'id',
  'name',
  'description',
  'website',
  'email',
  'phone',
  'address',
  'town',
  'postcode',
  'latitude',
  'longitude',
  'hubs',
  'last_checked',
]
const PLACE_COLUMNS = [
  'id',
  'name',
  'description',
  'address',
  'address_2',
  'town',
  'postcode',
  'latitude',
  'longitude',
  'hub',
  'organisation',
  'access',
  'no_access',
  'last_checked',
]

const text = (value: string | number | null): string => (value === null ? '' : String(value))

/** The directory's services as CSV, in the import's columns: a chunk of text per batch. */
export async function* servicesCsv(repository: DirectoryTransferRepository): AsyncGenerator<string> {
  yield csvText([], DIRECTORY_COLUMNS)
  for await (const batch of serviceBatches(repository)) {
    const rows = batch.flatMap(({ service, places, schedules }) => serviceRows(service, places, schedules))
    yield csvText(rows.map((row) => DIRECTORY_COLUMNS.map((column) => row[column])))
  }
}

export async function* organisationsCsv(repository: DirectoryTransferRepository): AsyncGenerator<string> {
  yield csvText([], ORGANISATION_COLUMNS)
  for await (const batch of keyset((after, limit) => repository.organisationsAfter(after, limit)))
    yield csvText(
      batch.map((o) =>
        [
          o.id,
          o.name,
          o.description,
          o.website,
          o.email,
          o.phone,
          o.address1,
          o.city,
          o.postalCode,
          o.latitude,
          o.longitude,
          o.hubs,
          o.lastChecked,
        ].map(text),
      ),
    )
}

export async function* placesCsv(repository: DirectoryTransferRepository): AsyncGenerator<string> {
  yield csvText([], PLACE_COLUMNS)
  for await (const batch of keyset((after, limit) => repository.placesAfter(after, limit)))
    yield csvText(
      batch.map((p) =>
        [
          p.id,
          p.name,
          p.description,
          p.address1,
          p.address2,
          p.city,
          p.postalCode,
          p.latitude,
          p.longitude,
          p.hubSlug,
          p.organisation,
          p.access,
          p.noAccess,
          p.lastChecked,
        ].map(text),
      ),
    )
}

/** Links to each listing's page on this site, for the GeoJSON's properties. */
export interface ListingLinks {
  service: (id: number) => string
  organisation: (id: number) => string
  place: (id: number) => string
}

const feature = (latitude: number, longitude: number, properties: Record<string, unknown>): string =>
  JSON.stringify({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [longitude, latitude] },
    properties,
  })

/**
 * Published listings with points as one GeoJSON FeatureCollection (RFC 7946: longitude first):
 * each place, each service at each of its places, and each organisation that has a point.
 */
export async function* directoryGeojson(
  repository: DirectoryTransferRepository,
  links: ListingLinks,
): AsyncGenerator<string> {
  yield '{"type":"FeatureCollection","features":['
  let first = true
  const join = (features: string[]): string => {
    if (features.length === 0) return ''
    const chunk = (first ? '\n' : ',\n') + features.join(',\n')
    first = false
    return chunk
  }
  for await (const batch of keyset((after, limit) => repository.placesAfter(after, limit)))
    yield join(
      batch.map((p) =>
        feature(p.latitude, p.longitude, {
          kind: 'place',
          name: p.name,
          address: p.address1,
          town: p.city,
          postcode: p.postalCode,
          hub: p.hubSlug,
          access: p.access === '' ? [] : p.access.split(';'),
          lastChecked: p.lastChecked,
          url: links.place(p.id),
        }),
      ),
    )
  for await (const batch of serviceBatches(repository))
    yield join(
      batch.flatMap(({ service, places }) =>
        places.map((place) =>
          feature(place.latitude, place.longitude, {
            kind: 'service',
            name: service.name,
            organisation: service.organisation,
            place: place.name,
            postcode: place.postalCode,
            categories: service.categories === '' ? [] : service.categories.split(';'),
            free: service.isFree === 1,
            lastChecked: service.lastChecked,
            url: links.service(service.id),
          }),
        ),
      ),
    )
  for await (const batch of keyset((after, limit) => repository.organisationsAfter(after, limit)))
    yield join(
      batch.flatMap((o) =>
        o.latitude === null || o.longitude === null
          ? []
          : [
              feature(o.latitude, o.longitude, {
                kind: 'organisation',
                name: o.name,
                website: o.website,
                postcode: o.postalCode,
                lastChecked: o.lastChecked,
                url: links.organisation(o.id),
              }),
            ],
      ),
    )
  yield '\n]}\n'
}
