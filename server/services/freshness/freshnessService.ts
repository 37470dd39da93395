import type { Db } from '../../../db/connection'
import type {
  CheckRow,
  CheckWay,
  FreshnessRepository,
  NeedsCheckingRow,
  ServiceToLookAfterRow,
} from '../../../db/repositories/freshnessRepository'
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

/** "Needs checking" lists this many a page. */
export const NEEDS_CHECKING_PER_PAGE = 20
/** The coordinator home names this many of each hub's listings that need checking, oldest first. */
export const NEEDS_CHECKING_NAMED = 3
/** A closed group's page links to this many similar groups nearby. */
export const SIMILAR_NEARBY = 3
/** Similar groups are looked for within these distances in turn (miles), until some are found. */
const SIMILAR_WITHIN_MILES = [2, 10, 25] as const
/** At most this many points are read from the R*Tree at each distance. */
const SIMILAR_POINTS_READ = 300
/** The longest reason for archiving a listing. */
export const ARCHIVE_REASON_MAX = 500
/** A listing's page shows this many of its latest checks to those who look after it. */
export const CHECKS_SHOWN = 5

export const CHECKED_ACTION = 'listing-checked'
export const ARCHIVED_ACTION = 'listing-archived'

/** A hub's listings not checked in 12 months: how many, and the oldest few. */
export interface HubNeedsChecking {
  count: number
  oldest: NeedsCheckingRow[]
}

export interface NeedsCheckingPage {
  listings: NeedsCheckingRow[]
  total: number
  page: number
  pageCount: number
}

/** A service as its hub's coordinators and peer leads see it to check or archive it. */
export interface ServiceToLookAfter extends ServiceToLookAfterRow {
  checks: CheckRow[]
}

/** What the closed page of an archived group says, and the ids of similar groups near where it was. */
export interface ClosedGroup {
  id: number
  name: string
  reason: string | null
  /** published groups in the same category, nearest first, with how far each is */
  similar: { id: number; miles: number }[]
  from: Point | null
}

/**
 * Keeping listings fresh (issue 12): which of a hub's groups need checking, marking one as
 * checked (who, how, when), archiving one with a reason, and the closed page of an archived
 * one. Every method that changes or lists a hub's listings takes the viewer and decides per
 * hub (mayCoordinateHub): peer leads and coordinators of that hub, coordinators of every hub,
 * admins. A service with no hub is looked after by those who look after every hub.
 */
export class FreshnessService {
  constructor(
    private readonly db: Db,
    private readonly freshness: FreshnessRepository,
    private readonly services: ServicesRepository,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
    private readonly hubs: { findHub(slug: string): { id: number; slug: string; name: string } | undefined },
  ) {}

  private today(): string {
    return ukNow(this.clock).date
  }

  private mayLookAfterHub(viewer: Viewer, hubId: number | null): boolean {
    if (hubId === null)
      return viewer.kind === 'admin' || (viewer.kind === 'hubLead' && viewer.allHubs === true)
    return mayCoordinateHub(viewer, hubId)
  }

  /** For the coordinator home: each hub's listings not checked in 12 months. Refuses a hub the viewer does not look after. */
  needsCheckingIn(viewer: Viewer, hubIds: readonly number[]): Map<number, HubNeedsChecking> {
    const before = needsCheckingBefore(this.today())
    const found = new Map<number, HubNeedsChecking>()
    for (const hubId of hubIds) {
      if (!mayCoordinateHub(viewer, hubId)) throw new NotAllowedError()
      const count = this.freshness.countCheckedBefore(hubId, before)
      const oldest =
        count === 0
          ? []
          : this.freshness.checkedBefore(hubId, before, { limit: NEEDS_CHECKING_NAMED, offset: 0 })
      found.set(hubId, { count, oldest })
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
    const total = this.freshness.countCheckedBefore(hubId, before)
    const listings = this.freshness.checkedBefore(hubId, before, {
      limit: NEEDS_CHECKING_PER_PAGE,
      offset: (page - 1) * NEEDS_CHECKING_PER_PAGE,
    })
    return { listings, total, page, pageCount: Math.max(1, Math.ceil(total / NEEDS_CHECKING_PER_PAGE)) }
  }

  /** Whether the viewer may check and archive this service (for the link on its page); never throws. */
  mayLookAfter(viewer: Viewer, serviceId: number): boolean {
    if (viewer.kind === 'visitor' || viewer.kind === 'member') return false
    const row = this.freshness.serviceToLookAfter(serviceId)
    return row !== undefined && row.status === 'published' && this.mayLookAfterHub(viewer, row.hubId)
  }

  /**
   * A published service the viewer may check or archive, with its latest checks; null when
   * there is no such published service. Throws NotAllowedError for one of a hub they do not look after.
   */
  serviceToLookAfter(viewer: Viewer, serviceId: number): ServiceToLookAfter | null {
    const row = this.freshness.serviceToLookAfter(serviceId)
    if (!row || row.status !== 'published') return null
    if (!this.mayLookAfterHub(viewer, row.hubId)) throw new NotAllowedError()
    return { ...row, checks: this.freshness.checksOfService(serviceId, CHECKS_SHOWN) }
  }

  /** Records that the viewer checked the service today, and how: its last-checked date, its history and the audit log. */
  markChecked(
    viewer: Viewer,
    serviceId: number,
    how: CheckWay,
    origin: RequestOrigin,
  ): 'checked' | 'not-found' {
    const service = this.serviceToLookAfter(viewer, serviceId)
    if (!service) return 'not-found'
    const accountId = accountIdOf(viewer)
    this.db.transaction(() => {
      this.services.markChecked(serviceId, this.today())
      this.freshness.recordCheck({ serviceId, accountId, how, at: isoSecond(this.clock.now()) })
      this.audit.record({
        accountId,
        action: CHECKED_ACTION,
        recordType: 'service',
        recordId: serviceId,
        from: origin,
        detail: `Checked by ${how}`,
      })
    })()
    return 'checked'
  }

  /**
   * Archives the service with a reason, in one transaction: it leaves public pages, search and
   * the map at once (its status moves the search index, the service points and the data version,
   * through their triggers), and its address answers "This group has closed".
   */
  archive(
    viewer: Viewer,
    serviceId: number,
    reason: string,
    origin: RequestOrigin,
  ): 'archived' | 'not-found' {
    const service = this.serviceToLookAfter(viewer, serviceId)
    if (!service) return 'not-found'
    const accountId = accountIdOf(viewer)
    this.db.transaction(() => {
      this.services.setStatus(serviceId, 'archived')
      this.freshness.recordArchive({ serviceId, reason, accountId, at: isoSecond(this.clock.now()) })
      this.audit.record({
        accountId,
        action: ARCHIVED_ACTION,
        recordType: 'service',
        recordId: serviceId,
        from: origin,
        reason,
      })
    })()
    return 'archived'
  }

  /**
   * An archived group, for anyone: its name, why it closed when a coordinator said, and the
   * nearest few published groups in the same categories (any category when it had none),
   * from a bounded read of the R*Tree around where it met. Undefined for any other service.
   */
  closedGroup(serviceId: number): ClosedGroup | undefined {
    const closed = this.freshness.closedService(serviceId)
    if (!closed) return undefined
    const from = this.freshness.whereServiceWas(serviceId) ?? null
    const similar: { id: number; miles: number }[] = []
    if (from) {
      const mask = this.freshness.categoryMaskOf(serviceId)
      for (const miles of SIMILAR_WITHIN_MILES) {
        const nearest = new Map<number, number>()
        for (const point of this.freshness.pointsIn(boxAround(from, miles), mask, SIMILAR_POINTS_READ)) {
          if (point.serviceId === serviceId) continue
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
              .map(([id, away]) => ({ id, miles: away }))
              .sort((a, b) => a.miles - b.miles || a.id - b.id)
              .slice(0, SIMILAR_NEARBY),
          )
          break
        }
      }
    }
    return { id: closed.id, name: closed.name, reason: closed.reason, similar, from }
  }
}
