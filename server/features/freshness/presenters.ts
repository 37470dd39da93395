/** Keeping listings fresh: one plain function per page, service results to view models. */
import type { CheckWay, NeedsCheckingRow } from '../../../db/repositories/freshnessRepository'
import { addresses } from '../../addresses'
import { formErrors, type FieldProblem } from '../../forms'
import { paginationView } from '../../presenters/pagination'
import type { ServiceSummary } from '../../services/serviceSummary'
import type {
  ClosedGroup,
  HubNeedsChecking,
  NeedsCheckingPage,
  ServiceToLookAfter,
} from '../../services/freshness/freshnessService'
import { monthInWords } from '../../services/listingWords'
import { coordinateBreadcrumbs } from '../coordinate/presenters'
import { presentServiceSummaries } from '../../presenters/serviceSummary'

/** How a check was made, in words: the radios' labels and the history's lines. */
export const CHECK_WAYS_IN_WORDS: Record<CheckWay, string> = {
  phone: 'By phone',
  visit: 'By visiting',
  email: 'By email',
  website: 'On the organisation’s own website',
}

const listingLine = (row: NeedsCheckingRow) => ({
  name: row.name,
  href: addresses.service(row.id),
  organisationName: row.organisationName,
  lastChecked: monthInWords(row.lastChecked),
  checkHref: addresses.coordinateServiceChecked(row.id),
  archiveHref: addresses.coordinateServiceArchive(row.id),
})

const listingsInWords = (count: number): string =>
  count === 0
    ? 'Every listing has been checked in the last 12 months.'
    : count === 1
      ? '1 listing has not been checked in 12 months.'
      : `${count} listings have not been checked in 12 months.`

/** The coordinator home's "Listings to check" lines for one hub. */
export function presentHubNeedsChecking(hub: { slug: string }, found: HubNeedsChecking | undefined) {
  const count = found?.count ?? 0
  return {
    needsChecking: listingsInWords(count),
    needsCheckingOldest: (found?.oldest ?? []).map(listingLine),
    needsCheckingHref: count > 0 ? addresses.coordinateNeedsChecking(hub.slug) : null,
  }
}

const DONE: Record<string, string> = {
  checked: 'The listing was marked as checked. It is no longer on this list.',
  archived: 'The listing was archived. It no longer shows on any public page, in search or on the map.',
}

export function presentNeedsCheckingPage(
  hub: { slug: string; name: string },
  found: NeedsCheckingPage,
  done: unknown,
) {
  return {
    pageTitle: `Listings to check in ${hub.name}${found.page > 1 ? ` (page ${found.page})` : ''}`,
    breadcrumbs: coordinateBreadcrumbs(),
    hubName: hub.name,
    notice: typeof done === 'string' ? (DONE[done] ?? null) : null,
    summary: listingsInWords(found.total),
    listings: found.listings.map(listingLine),
    pagination: paginationView(found.page, found.pageCount, (page) =>
      addresses.coordinateNeedsChecking(hub.slug, page),
    ),
  }
}

const backOf = (service: ServiceToLookAfter) =>
  service.hubSlug ? addresses.coordinateNeedsChecking(service.hubSlug) : addresses.coordinate()

/** "Mark as checked": how it was checked (radios), and the last checks. */
export function presentCheckedPage(
  service: ServiceToLookAfter,
  how: string,
  problems: readonly FieldProblem[],
) {
  return {
    ...formErrors(problems, { how: 'how' }),
    pageTitle: `Mark ${service.name} as checked`,
    breadcrumbs: coordinateBreadcrumbs(),
    name: service.name,
    organisationName: service.organisationName,
    serviceHref: addresses.service(service.id),
    lastChecked: monthInWords(service.lastChecked),
    action: addresses.coordinateServiceChecked(service.id),
    backHref: backOf(service),
    howItems: (Object.entries(CHECK_WAYS_IN_WORDS) as [CheckWay, string][]).map(([value, text]) => ({
      value,
      text,
      checked: value === how,
    })),
    how,
    checks: service.checks.map((check) => ({
      when: monthInWords(check.checkedAt.slice(0, 10)),
      day: check.checkedAt.slice(0, 10),
      how: CHECK_WAYS_IN_WORDS[check.how].toLowerCase(),
      by: check.checkedBy ?? 'someone whose account was deleted',
    })),
  }
}

/** "Archive": a confirmation page that asks why. */
export function presentArchivePage(
  service: ServiceToLookAfter,
  reason: string,
  problems: readonly FieldProblem[],
) {
  return {
    ...formErrors(problems, { reason: 'reason' }),
    pageTitle: `Archive ${service.name}`,
    breadcrumbs: coordinateBreadcrumbs(),
    name: service.name,
    serviceHref: addresses.service(service.id),
    action: addresses.coordinateServiceArchive(service.id),
    backHref: backOf(service),
    reason,
  }
}

/** The 410 page of an archived group: it has closed, why, and similar groups nearby. */
export function presentClosedPage(closed: ClosedGroup, similar: ServiceSummary[]) {
  return {
    pageTitle: `${closed.name} has closed`,
    name: closed.name,
    reason: closed.reason,
    similar: presentServiceSummaries(similar),
    searchHref: addresses.search(),
  }
}

/** On a service's own page, for those who look after its hub: its checking and archiving links. */
export function presentLookingAfter(serviceId: number) {
  return {
    checkHref: addresses.coordinateServiceChecked(serviceId),
    archiveHref: addresses.coordinateServiceArchive(serviceId),
  }
}
