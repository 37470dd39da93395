import type { Db } from '../../../db/connection'
import type {
  CheckRow,
  CheckWay,
  CountsByType,
  FreshnessRepository,
  ListingToLookAfterRow,
  ListingType,
  NeedsCheckingRow,
} from '../../../db/repositories/freshnessRepository'
import type { OrganisationsRepository } from '../../../db/repositories/organisationsRepository'
import type { PlacesRepository } from '../../../db/repositories/placesRepository'
import type { ServicesRepository } from '../../../db/repositories/servicesRepository'
import type { AuditTrail, RequestOrigin } from '../accounts/auditTrail'
import { isoSecond } from '../accounts/times'
import type { Clock } from '../clock'
import { boxAround, type Point } from '../geo'
import { milesBetween } from '../milesBetween'
import { ukNow } from '../nextMeeting'
import { mayCoordinateHub, NotAllowedError } from '../permissions'
import { accountIdOf, type Viewer } from '../viewer'
import { needsCheckingBefore } from './rules'

export type { ListingType } from '../../../db/repositories/freshnessRepository'

/** "Needs checking" lists this many a page. */
export const NEEDS_CHECKING_PER_PAGE = 20
/** The coordinator home names this many of each hub's listings that need checking, oldest first. */
export const NEEDS_CHECKING_NAMED = 3
/** A closed listing's page links to this many similar groups nearby. */
export const SIMILAR_NEARBY = 3
/** Similar groups are looked for within these distances in turn (miles), until some are found. */
const SIMILAR_WITHIN_MILES = [2, 10, 25] as const
/** At most this many points are read from the R*Tree at each distance. */
const SIMILAR_POINTS_READ = 300
/** The longest reason for archiving a listing. */
export const ARCHIVE_REASON_MAX = 500
/** A listing's page shows this many of its latest checks to those who look after it. */
export const CHECKS_SHOWN = 5
/** Archiving an organisation or a place counts its groups still listed up to this many ("1,000 or more"). */
export const GROUPS_COUNTED_UP_TO = 1000
/** ... and names this many of them, each with its own "Archive" link. */
export const GROUPS_NAMED = 5

export const CHECKED_ACTION = 'listing-checked'
export const ARCHIVED_ACTION = 'listing-archived'

/** The audit log's record type for each kind of listing. */
const RECORD_TYPE: Record<ListingType, string> = {
  service: 'service',
  organisation: 'organisation',
  place: 'place',
}

/** A hub's listings not checked in 12 months: how many of each kind, and the oldest few. */
export interface HubNeedsChecking {
  count: number
  counts: CountsByType
  oldest: NeedsCheckingRow[]
}

export interface NeedsCheckingPage {
  listings: NeedsCheckingRow[]
  total: number
  counts: CountsByType
  page: number
  pageCount: number
}

/** A listing as its hub's coordinators and peer leads see it to check or archive it. */
export interface ListingToLookAfter extends ListingToLookAfterRow {
  checks: CheckRow[]
  /**
   * For an organisation or a place: the groups it runs, or that meet there, that stay listed
   * when it is archived (counted up to GROUPS_COUNTED_UP_TO; the first GROUPS_NAMED by id).
   * Null for a service.
   */
  groupsStillListed: { count: number; ids: number[] } | null
}

/** What the closed page of an archived listing says, and the ids of similar groups near where it was. */
export interface ClosedListing {
  type: ListingType
  id: number
  name: string
  reason: string | null
  /** published groups (in the same category, for a group), nearest first, with how far each is */
  similar: { id: number; miles: number }[]
  from: Point | null
}

/**
 * Keeping listings fresh (issue 12): which of a hub's groups, organisations and places need
 * checking, marking one as checked (who, how, when), archiving one with a reason, and the
 * closed page of an archived one. The three kinds go through the same methods, told apart by
 * a ListingType. Every method that changes or lists a hub's listings takes the viewer and
 * decides per hub and per listing: peer leads and coordinators of the listing's hub (for an
 * organisation, of any hub it works in), coordinators of every hub, admins. A listing with no
 * hub is looked after by those who look after every hub.
 */
export class FreshnessService {
  constructor(
    private readonly db: Db,
    private readonly freshness: FreshnessRepository,
    private readonly services: ServicesRepository,
    private readonly organisations: OrganisationsRepository,
    private readonly places: PlacesRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly hubs: { findHub(slug: string): { id: number; slug: string; name: string } | undefined },
    /** where imported listings came from: checking one clears its "gone from its feed" flag (issue 14) */
    private readonly sources: { clearGoneFlag(type: ListingType, id: number): void },
  ) {}

  private today(): string {
    return ukNow(this.clock).date
  }

  private static looksAfterEveryHub(viewer: Viewer): boolean {
    return viewer.kind === 'admin' || (viewer.kind === 'hubLead' && viewer.allHubs === true)
  }

  /**
   * The listing with the hub the viewer looks after it through (an organisation's first such
   * hub by name), or null when the viewer may not look after it.
   */
  private asLookedAfterBy(viewer: Viewer, row: ListingToLookAfterRow): ListingToLookAfterRow | null {
    if (viewer.kind === 'visitor' || viewer.kind === 'member') return null
    if (row.type === 'organisation') {
      const every = FreshnessService.looksAfterEveryHub(viewer)
      const hub = this.freshness.firstHubOf(row.id, every || viewer.kind !== 'hubLead' ? null : viewer.hubIds)
      if (!hub && !every) return null
      return hub ? { ...row, hubId: hub.id, hubSlug: hub.slug, hubName: hub.name } : row
    }
    if (row.hubId === null) return FreshnessService.looksAfterEveryHub(viewer) ? row : null
    return mayCoordinateHub(viewer, row.hubId) ? row : null
  }

  private countsIn(hubId: number, before: string): { total: number; counts: CountsByType } {
    const counts = this.freshness.countCheckedBefore(hubId, before)
    return { total: counts.service + counts.organisation + counts.place, counts }
  }

  /** For the coordinator home: each hub's listings not checked in 12 months. Refuses a hub the viewer does not look after. */
  needsCheckingIn(viewer: Viewer, hubIds: readonly number[]): Map<number, HubNeedsChecking> {
    const before = needsCheckingBefore(this.today())
    const found = new Map<number, HubNeedsChecking>()
    for (const hubId of hubIds) {
      if (!mayCoordinateHub(viewer, hubId)) throw new NotAllowedError()
      const { total, counts } = this.countsIn(hubId, before)
      const oldest =
        total === 0
          ? []
          : this.freshness.checkedBefore(hubId, before, { limit: NEEDS_CHECKING_NAMED, offset: 0 })
      found.set(hubId, { count: total, counts, oldest })
    }
    return found
  }

  /**
   * A page of one hub's listings not checked in 12 months, oldest first (20 a page); null
   * when there is no such hub. Throws NotAllowedError for a hub the viewer does not look after.
   */
  needsChecking(
    viewer: Viewer,
    hubSlug: string,
    page: number,
  ): { hub: { slug: string; name: string }; found: NeedsCheckingPage } | null {
    const hub = this.hubs.findHub(hubSlug)
    if (!hub) return null
    if (!mayCoordinateHub(viewer, hub.id)) throw new NotAllowedError()
    return { hub: { slug: hub.slug, name: hub.name }, found: this.needsCheckingOf(hub.id, page) }
  }

  private needsCheckingOf(hubId: number, page: number): NeedsCheckingPage {
    const before = needsCheckingBefore(this.today())
    const { total, counts } = this.countsIn(hubId, before)
    const listings = this.freshness.checkedBefore(hubId, before, {
      limit: NEEDS_CHECKING_PER_PAGE,
      offset: (page - 1) * NEEDS_CHECKING_PER_PAGE,
    })
    return {
      listings,
      total,
      counts,
      page,
      pageCount: Math.max(1, Math.ceil(total / NEEDS_CHECKING_PER_PAGE)),
    }
  }

  /** Whether the viewer may check and archive this listing (for the links on its page); never throws. */
  mayLookAfter(viewer: Viewer, type: ListingType, id: number): boolean {
    if (viewer.kind === 'visitor' || viewer.kind === 'member') return false
    const row = this.freshness.listingToLookAfter(type, id)
    return row !== undefined && row.status === 'published' && this.asLookedAfterBy(viewer, row) !== null
  }

  /**
   * A published listing the viewer may check or archive, with its latest checks (and, for an
   * organisation or a place, its groups that stay listed); null when there is no such
   * published listing. Throws NotAllowedError for one the viewer does not look after.
   */
  listingToLookAfter(viewer: Viewer, type: ListingType, id: number): ListingToLookAfter | null {
    const row = this.freshness.listingToLookAfter(type, id)
    if (!row || row.status !== 'published') return null
    const lookedAfter = this.asLookedAfterBy(viewer, row)
    if (!lookedAfter) throw new NotAllowedError()
    return {
      ...lookedAfter,
      checks: this.freshness.checksOf(type, id, CHECKS_SHOWN),
      groupsStillListed:
        type === 'service'
          ? null
          : this.freshness.groupsStillListed(type, id, GROUPS_COUNTED_UP_TO, GROUPS_NAMED),
    }
  }

  /** Records that the viewer checked the listing today, and how: its last-checked date, its history and the audit log. */
  markChecked(
    viewer: Viewer,
    type: ListingType,
    id: number,
    how: CheckWay,
    origin: RequestOrigin,
  ): 'checked' | 'not-found' {
    const listing = this.listingToLookAfter(viewer, type, id)
    if (!listing) return 'not-found'
    const accountId = accountIdOf(viewer)
    this.db.transaction(() => {
      this.writerOf(type).markChecked(id, this.today())
      // Someone has checked it is still running: it no longer needs checking for having gone
      // from the feed it was imported from.
      this.sources.clearGoneFlag(type, id)
      this.freshness.recordCheck(type, { id, accountId, how, at: isoSecond(this.clock.now()) })
      this.audit.record({
        accountId,
        action: CHECKED_ACTION,
        recordType: RECORD_TYPE[type],
        recordId: id,
        from: origin,
        detail: `Checked by ${how}`,
      })
    })()
    return 'checked'
  }

  /**
   * Archives the listing with a reason, in one transaction: it leaves public pages, search,
   * the map and the open data at once (its status moves the search indexes, the service
   * points and the data version, through their triggers), and its address answers that it has
   * closed. An organisation's groups, and the groups that meet at a place, are not archived
   * with it: the confirmation page says how many stay listed, and the coordinator archives
   * each that has closed too.
   */
  archive(
    viewer: Viewer,
    type: ListingType,
    id: number,
    reason: string,
    origin: RequestOrigin,
  ): 'archived' | 'not-found' {
    const listing = this.listingToLookAfter(viewer, type, id)
    if (!listing) return 'not-found'
    const accountId = accountIdOf(viewer)
    this.db.transaction(() => {
      this.writerOf(type).setStatus(id, 'archived')
      this.freshness.recordArchive(type, { id, reason, accountId, at: isoSecond(this.clock.now()) })
      this.audit.record({
        accountId,
        action: ARCHIVED_ACTION,
        recordType: RECORD_TYPE[type],
        recordId: id,
        from: origin,
        reason,
      })
    })()
    return 'archived'
  }

  private writerOf(type: ListingType): ServicesRepository | OrganisationsRepository | PlacesRepository {
    return type === 'service' ? this.services : type === 'organisation' ? this.organisations : this.places
  }

  /**
   * An archived listing, for anyone: its name, why it closed when a coordinator said, and the
   * nearest few published groups (for a group, in the same categories, or any when it had
   * none), from a bounded read of the R*Tree around where it was. Undefined for any other.
   */
  closedListing(type: ListingType, id: number): ClosedListing | undefined {
    const closed = this.freshness.closedListing(type, id)
    if (!closed) return undefined
    const from = this.freshness.whereListingWas(type, id) ?? null
    const similar: { id: number; miles: number }[] = []
    if (from) {
      const mask = type === 'service' ? this.freshness.categoryMaskOf(id) : 0
      for (const miles of SIMILAR_WITHIN_MILES) {
        const nearest = new Map<number, number>()
        for (const point of this.freshness.pointsIn(boxAround(from, miles), mask, SIMILAR_POINTS_READ)) {
          if (type === 'service' && point.serviceId === id) continue
          const away = milesBetween(from, point)
          if (away > miles) continue
          const known = nearest.get(point.serviceId)
          if (known === undefined || away < known) nearest.set(point.serviceId, away)
        }
        if (
          nearest.size >= SIMILAR_NEARBY ||
          miles === SIMILAR_WITHIN_MILES[SIMILAR_WITHIN_MILES.length - 1]
        ) {
          similar.push(
            ...[...nearest]
              .map(([nearId, away]) => ({ id: nearId, miles: away }))
              .sort((a, b) => a.miles - b.miles || a.id - b.id)
              .slice(0, SIMILAR_NEARBY),
          )
          break
        }
      }
    }
    return { type, id: closed.id, name: closed.name, reason: closed.reason, similar, from }
  }
}
