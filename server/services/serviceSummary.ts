/**
 * What every list of services shows about one service, in the order DESIGN.md sets: the
 * name, who runs it, how far, when, cost, access in words, "Comes to your home", and when it
 * was last checked. Search, hub, place and organisation pages all get these from
 * ListingsService.serviceSummaries; server/presenters/serviceSummary.ts adds the link and
 * views/partials/listings/serviceSummary.hbs shows them.
 */
export interface ServiceSummary {
  id: number
  name: string
  organisationName: string
  /** "0.4 miles away", only when a place was given */
  distance: string | null
  /** each regular time in words, "Tuesdays, 10am to 12 noon" */
  when: string[]
  /** "Free", "£2 a session" */
  cost: string
  /** where it happens, e.g. "Trinity Hall, Margate" (the nearest place when a point was given) */
  where: string | null
  /** accessibility features of that place in words, e.g. ["Step-free access", "Hearing loop"] */
  access: string[]
  /**
   * How it reaches people besides its places: "Comes to your home" (only where the searcher's
   * point, when there is one, is inside the area it covers), "By phone", "Online"
   */
  ways: string[]
  categories: string[]
  /** "Last checked: March 2026" */
  lastChecked: string
}
