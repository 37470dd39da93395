import type { GapKind, GapsRepository } from '../../../db/repositories/gapsRepository'
import type { HubRef } from '../../../db/repositories/peopleRepository'
import { AnswerCache, type DataVersionSource } from '../answerCache'
import { mayCoordinateHub, NotAllowedError } from '../permissions'
import type { Viewer } from '../viewer'
import { type CountSpread, gapLine, type GapLine, medianOfOthers } from './gaps'

/** What is missing in one hub, compared with the others. */
export interface GapsReport {
  hub: HubRef
  /** how many other hubs it is compared with */
  otherHubs: number
  /** published services in the hub, by category */
  services: GapLine[]
  /** people shown (consent in force, not paused) in the hub, by skill */
  skills: GapLine[]
  /** the privacy threshold people's counts are shown under */
  privacyMinCount: number
}

/** Every hub's counts of each term, as the medians need them. */
interface Spreads {
  totalHubs: number
  byTerm: Map<number, Map<number, number>>
}

const NO_SPREAD: CountSpread = new Map()

/**
 * The gaps report (issue 12): per hub, published services by category and people shown by
 * skill, each with the median of the other hubs. It reads the per-hub counts kept by
 * migrations/0035, never the services or people themselves: one hub's counts are a row per
 * term, and every hub's counts (for the medians) are read once per data version and kept.
 * Only someone who may coordinate the hub may see it, and they see its people counts exactly
 * (coordinators and peer leads may see everyone of their hub); the other hubs' people counts
 * reach them only as medians under the privacy threshold (DESIGN.md, privacy rule 3).
 */
export class GapsService {
  private readonly spreads: AnswerCache<Spreads>

  constructor(
    private readonly gaps: GapsRepository,
    private readonly findHub: (slug: string) => HubRef | undefined,
    private readonly privacyMinCount: number,
    dataVersion: DataVersionSource,
  ) {
    this.spreads = new AnswerCache(dataVersion, { maxEntries: 2 })
  }

  /**
   * The report on the hub with this slug: null when there is none. Throws NotAllowedError
   * when the viewer may not coordinate it.
   */
  report(viewer: Viewer, slug: string): GapsReport | null {
    const hub = this.findHub(slug)
    if (!hub) return null
    // Those who may see the report coordinate the hub, so they see its people counts exactly.
    const exactHere = mayCoordinateHub(viewer, hub.id)
    if (!exactHere) throw new NotAllowedError()
    const services = this.lines('category', hub.id, null)
    const skills = this.lines('skill', hub.id, { minCount: this.privacyMinCount, exactHere })
    return {
      hub,
      otherHubs: Math.max(0, this.spreadOf('category').totalHubs - 1),
      services,
      skills,
      privacyMinCount: this.privacyMinCount,
    }
  }

  private lines(kind: GapKind, hubId: number, people: { minCount: number; exactHere: boolean } | null) {
    const spreads = this.spreadOf(kind)
    const here = this.gaps.countsOf(kind, hubId)
    return this.gaps.terms(kind).map((term) => {
      const count = here.get(term.id) ?? 0
      return gapLine({
        code: term.code,
        name: term.name,
        here: count,
        median: medianOfOthers(spreads.byTerm.get(term.id) ?? NO_SPREAD, spreads.totalHubs, count),
        people,
      })
    })
  }

  private spreadOf(kind: GapKind): Spreads {
    return this.spreads.remember(kind, () => {
      const byTerm = new Map<number, Map<number, number>>()
      for (const row of this.gaps.spread(kind)) {
        let spread = byTerm.get(row.termId)
        if (!spread) byTerm.set(row.termId, (spread = new Map()))
        spread.set(row.value, row.hubs)
      }
      return { totalHubs: this.gaps.hubs(), byTerm }
    })
  }
}
