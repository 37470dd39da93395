/**
 * What an Open Referral UK document holds (issue 14): the services in it, whatever shape it
 * comes in. A feed or a file may be one service (`/services/{id}`), a page of services
 * (`/services`), one service at a location or a page of them (`/service_at_locations`), one
 * organisation with its services, or a plain array of any of these. Each comes back as an
 * HSDS service object, with its organisation and its locations nested in it as
 * `/services/{id}` gives them, so one mapping reads them all.
 */

/** A document that is not Open Referral at all: the message says so in plain words. */
export class FeedShapeError extends Error {}

export type JsonObject = Record<string, unknown>

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Whether an object is a profile Page object (total_pages, page_number, contents). */
export function isPage(value: unknown): value is JsonObject & { contents: unknown[] } {
  return isObject(value) && Array.isArray(value.contents)
}

const isServiceAtLocation = (value: JsonObject) => isObject(value.service)
const isOrganisation = (value: JsonObject) => Array.isArray(value.services)

/** An organisation without its services, as /organizations lists them: nothing a service has. */
const looksLikeOrganisationAlone = (value: JsonObject) =>
  !('services' in value) &&
  !('organization' in value) &&
  !('service' in value) &&
  ('logo' in value ||
    'parent_organization_id' in value ||
    'organization_identifiers' in value ||
    'website' in value)

/** A service_at_location as the service it is of, at that location. */
function serviceOfServiceAtLocation(value: JsonObject): JsonObject {
  const service = value.service as JsonObject
  const already = Array.isArray(service.service_at_locations) ? service.service_at_locations : []
  const here = { ...value }
  delete here.service
  const known = already.some((one) => isObject(one) && one.id !== undefined && one.id === value.id)
  return { ...service, service_at_locations: known ? already : [...already, here] }
}

/** An organisation's services, each with the organisation (without its list of services) nested. */
function servicesOfOrganisation(value: JsonObject): JsonObject[] {
  const organisation = { ...value }
  delete organisation.services
  return (value.services as unknown[]).map((service) =>
    isObject(service) ? { organization: organisation, ...service } : service,
  ) as JsonObject[]
}

/**
 * The services in a parsed document, in order, each as it was or as an object the mapping
 * reports on (an item that is not an object is kept, so its record number is right and its
 * problem is said). Throws FeedShapeError for a document that holds no services at all.
 */
export function servicesInDocument(document: unknown): unknown[] {
  const items = Array.isArray(document) ? document : isPage(document) ? document.contents : [document]
  if (!Array.isArray(document) && !isPage(document) && !isObject(document))
    throw new FeedShapeError(
      'This is not Open Referral UK data: we expected a service, a page of services or a list of them',
    )
  if (items.length > 0 && items.every((item) => isObject(item) && looksLikeOrganisationAlone(item)))
    throw new FeedShapeError(
      'This is a list of organisations without their services. We import services with the organisations that run them: use the directory’s services (/services) instead',
    )
  const services: unknown[] = []
  for (const item of items) {
    if (!isObject(item)) services.push(item)
    else if (isServiceAtLocation(item)) services.push(serviceOfServiceAtLocation(item))
    else if (isOrganisation(item)) services.push(...servicesOfOrganisation(item))
    else services.push(item)
  }
  if (
    !Array.isArray(document) &&
    !isPage(document) &&
    services.every((one) => !isObject(one) || (typeof one.name !== 'string' && one.id === undefined))
  )
    throw new FeedShapeError(
      'This is not Open Referral UK data: we expected a service, a page of services or a list of them',
    )
  return services
}

/** Reads a file's text as JSON; a FeedShapeError in plain words when it is not JSON. */
export function parseFeedJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\ufeff/, '')) as unknown
  } catch {
    throw new FeedShapeError(
      'We could not read the file as JSON. Check it is an Open Referral UK file saved as JSON, not a web page or a spreadsheet',
    )
  }
}
