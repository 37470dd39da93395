import { addresses } from '../addresses'
import type { ServiceSummary } from '../services/serviceSummary'

/**
 * One service in a list (search, map list, hub, place and organisation pages), as
 * views/partials/listings/serviceSummary.hbs shows it: the record's words and its link.
 */
export interface ServiceSummaryView extends ServiceSummary {
  /** the service's own page, /services/:id */
  href: string
}

/** One service summary with its link. Extra fields (a print sheet's phone, say) are kept. */
export function presentServiceSummary<T extends ServiceSummary>(summary: T): T & { href: string } {
  return { ...summary, href: addresses.service(summary.id) }
}

/** A list of service summaries with their links, in the same order. */
export function presentServiceSummaries<T extends ServiceSummary>(summaries: T[]): (T & { href: string })[] {
  return summaries.map(presentServiceSummary)
}
