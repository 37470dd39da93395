/** Keeping listings fresh: one plain function per page, service results to view models. */
import type {
  CheckWay,
  CountsByType,
  ListingType,
  NeedsCheckingRow,
} from '../../../db/repositories/freshnessRepository'
import { addresses } from '../../addresses'
import { formErrors, type FieldProblem } from '../../forms'
import { paginationView } from '../../presenters/pagination'
import type { ServiceSummary } from '../../services/serviceSummary'
import {
  GROUPS_COUNTED_UP_TO,
  type ClosedListing,
  type HubNeedsChecking,
  type ListingToLookAfter,
  type NeedsCheckingPage,
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

/** Each kind of listing in words: its tag on the lists, and how a sentence names it. */
const KIND: Record<ListingType, { tag: string; tagClass: string; one: string; many: string; a: string }> = {
  service: { tag: 'Group', tagClass: 'govuk-tag--blue', one: 'group', many: 'groups', a: 'a group' },
  organisation: {
    tag: 'Organisation',
    tagClass: 'govuk-tag--purple',
    one: 'organisation',
    many: 'organisations',
    a: 'an organisation',
  },
  place: { tag: 'Place', tagClass: 'govuk-tag--green', one: 'place', many: 'places', a: 'a place' },
}

const listingLine = (row: NeedsCheckingRow) => ({
  kind: KIND[row.type].tag,
  kindClass: KIND[row.type].tagClass,
  name: row.name,
  href: addresses.listing(row.type, row.id),
  byLine: row.organisationName
    ? `${row.type === 'place' ? 'Looked after by' : 'Run by'} ${row.organisationName}`
    : null,
  lastChecked: monthInWords(row.lastChecked),
  checkHref: addresses.coordinateListingChecked(row.type, row.id),
  archiveHref: addresses.coordinateListingArchive(row.type, row.id),
})

const countOf = (count: number, type: ListingType): string =>
  `${count} ${count === 1 ? KIND[type].one : KIND[type].many}`

/** "3 groups, 1 organisation and 1 place": the kinds there are, in one order. */
const kindsInWords = (counts: CountsByType): string => {
  const parts = (['service', 'organisation', 'place'] as const)
    .filter((type) => counts[type] > 0)
    .map((type) => countOf(counts[type], type))
  return parts.length <= 1
    ? (parts[0] ?? '')
    : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`
}

const listingsInWords = (count: number, counts: CountsByType): string =>
  count === 0
    ? 'Every listing has been checked in the last 12 months.'
    : `${count === 1 ? '1 listing has' : `${count} listings have`} not been checked in 12 months: ${kindsInWords(counts)}.`

/** The coordinator home's "Listings to check" lines for one hub. */
export function presentHubNeedsChecking(hub: { slug: string }, found: HubNeedsChecking | undefined) {
  const count = found?.count ?? 0
  return {
    needsChecking: listingsInWords(count, found?.counts ?? { service: 0, organisation: 0, place: 0 }),
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
    summary: listingsInWords(found.total, found.counts),
    listings: found.listings.map(listingLine),
    pagination: paginationView(found.page, found.pageCount, (page) =>
      addresses.coordinateNeedsChecking(hub.slug, page),
    ),
  }
}

const backOf = (listing: ListingToLookAfter) =>
  listing.hubSlug ? addresses.coordinateNeedsChecking(listing.hubSlug) : addresses.coordinate()

const byLineOf = (listing: ListingToLookAfter): string =>
  listing.organisationName
    ? `${listing.type === 'place' ? 'Looked after by' : 'Run by'} ${listing.organisationName}`
    : KIND[listing.type].tag

/** "Mark as checked": how it was checked (radios), and the last checks. */
export function presentCheckedPage(
  listing: ListingToLookAfter,
  how: string,
  problems: readonly FieldProblem[],
) {
  return {
    ...formErrors(problems, { how: 'how' }),
    pageTitle: `Mark ${listing.name} as checked`,
    breadcrumbs: coordinateBreadcrumbs(),
    name: listing.name,
    byLine: byLineOf(listing),
    listingHref: addresses.listing(listing.type, listing.id),
    lastChecked: monthInWords(listing.lastChecked),
    whatToCheck:
      listing.type === 'service'
        ? 'when and where it meets, what it costs and how to get in touch'
        : listing.type === 'organisation'
          ? 'its name, what it does, its address, website, phone number and email'
          : 'its name, its address and what it has for people who find getting about hard (step-free access, a hearing loop, toilets, parking)',
    action: addresses.coordinateListingChecked(listing.type, listing.id),
    backHref: backOf(listing),
    howItems: (Object.entries(CHECK_WAYS_IN_WORDS) as [CheckWay, string][]).map(([value, text]) => ({
      value,
      text,
      checked: value === how,
    })),
    how,
    checks: listing.checks.map((check) => ({
      when: monthInWords(check.checkedAt.slice(0, 10)),
      day: check.checkedAt.slice(0, 10),
      how: CHECK_WAYS_IN_WORDS[check.how].toLowerCase(),
      by: check.checkedBy ?? 'someone whose account was deleted',
    })),
  }
}

/** What happens to the groups of an organisation, or at a place, that is archived: in words. */
function groupsInWords(listing: ListingToLookAfter): string | null {
  const found = listing.groupsStillListed
  if (!found || found.count === 0) return null
  const many =
    found.count >= GROUPS_COUNTED_UP_TO
      ? `${GROUPS_COUNTED_UP_TO.toLocaleString('en-GB')} or more groups and activities`
      : found.count === 1
        ? '1 group or activity'
        : `${found.count} groups and activities`
  return listing.type === 'organisation'
    ? `${listing.name} runs ${many} that ${found.count === 1 ? 'is' : 'are'} still listed. Archiving the organisation does not archive them: they stay listed, without a link to the organisation. If they have closed too, archive each of them first.`
    : `${many} still listed ${found.count === 1 ? 'meets' : 'meet'} here. Archiving the place does not archive them: they stay listed, but no longer show this place, and are not on the map or found near a place unless they meet somewhere else too. If they have closed or moved, change or archive each of them first.`
}

/** "Archive": a confirmation page that asks why, and says what happens to the groups it has. */
export function presentArchivePage(
  listing: ListingToLookAfter,
  groups: readonly { id: number; name: string }[],
  reason: string,
  problems: readonly FieldProblem[],
) {
  return {
    ...formErrors(problems, { reason: 'reason' }),
    pageTitle: `Archive ${listing.name}`,
    breadcrumbs: coordinateBreadcrumbs(),
    name: listing.name,
    kind: KIND[listing.type].one,
    closedHeading: closedHeadingOf(listing.type),
    listingHref: addresses.listing(listing.type, listing.id),
    action: addresses.coordinateListingArchive(listing.type, listing.id),
    backHref: backOf(listing),
    groupsWarning: groupsInWords(listing),
    groups: groups.map((group) => ({
      name: group.name,
      href: addresses.service(group.id),
      archiveHref: addresses.coordinateServiceArchive(group.id),
    })),
    moreGroups: (listing.groupsStillListed?.count ?? 0) > groups.length,
    reason,
  }
}

const closedHeadingOf = (type: ListingType): string =>
  type === 'service'
    ? 'This group has closed'
    : type === 'organisation'
      ? 'This organisation has closed'
      : 'This place has closed'

/** The 410 page of an archived listing: it has closed, why, and groups nearby. */
export function presentClosedPage(closed: ClosedListing, similar: ServiceSummary[]) {
  return {
    pageTitle: `${closed.name} has closed`,
    heading: closedHeadingOf(closed.type),
    name: closed.name,
    lead:
      closed.type === 'service'
        ? `${closed.name} no longer meets.`
        : closed.type === 'organisation'
          ? `${closed.name} is no longer listed here.`
          : `Groups and activities no longer meet at ${closed.name}.`,
    reason: closed.reason,
    similarHeading: closed.type === 'service' ? 'Similar groups nearby' : 'Groups and activities nearby',
    similar: presentServiceSummaries(similar),
    searchHref: addresses.search(),
  }
}

/** On a listing's own page, for those who look after its hub: its checking and archiving links. */
export function presentLookingAfter(type: ListingType, id: number) {
  return {
    checkHref: addresses.coordinateListingChecked(type, id),
    archiveHref: addresses.coordinateListingArchive(type, id),
    archiveText: `Archive this ${KIND[type].one}`,
  }
}
