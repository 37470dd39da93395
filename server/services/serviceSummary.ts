/**
 * What every list of services shows about one service, in the order a result card shows it:
 * the name, when (with the next date) and how far, cost and access in words, "Comes to your
 * home", who runs it, and when it was last checked. Older people compare groups by when and
 * how far, so those come first after the name. Search, hub, place and organisation pages all
 * get these from ListingsService.serviceSummaries; server/presenters/serviceSummary.ts adds
 * the link and views/partials/listings/serviceSummary.hbs shows them.
 */
export interface ServiceSummary {
  id: number
  name: string
  organisationName: string
  /** "0.4 miles away", only when a place was given */
  distance: string | null
  /** each regular time in words, "Tuesdays, 10am to 12 noon" */
  when: string[]
  /** "Next: today", "Next: tomorrow", "Next: Tuesday 8 December"; null when the times cannot say */
  next: string | null
  /** "Free", "£2 a session" */
  cost: string
  /** where it happens, e.g. "Trinity Hall, Margate" (the nearest place when a point was given) */
  where: string | null
  /**
   * what that place says about every access feature, in one line: "Access: step-free access
   * and accessible toilet. No hearing loop. Not known: parking." Null when it has no place.
   */
  accessInBrief: string | null
  /**
   * How it reaches people besides its places: "Comes to your home" (only where the searcher's
   * point, when there is one, is inside the area it covers), "By phone", "Online"
   */
  ways: string[]
  categories: string[]
  /** "Last checked: March 2026" */
  lastChecked: string
}
