import { addresses } from '../addresses'
import type { HubPage, PrintSheet } from '../services/hubsService'
import { PRINT_SHEET_GROUPS } from '../services/hubsService'
import { UK_TIME_ZONE } from '../services/clock'
import { presentHub, type HubPageView } from './hubPage'
import { HOME, LOCAL_HUBS, type LinkView } from './links'

export interface HubPrintSheetView extends PrintSheet {
  pageTitle: string
  breadcrumbs: LinkView[]
  hub: HubPageView['hub']
  /** "1 December 2026": the day the sheet was made, in UK time */
  correctOn: string
  /** how many groups the sheet leaves out */
  moreGroups: number
  /** the hub page's full web address, printed on the sheet as words (not a link) */
  pageAddress: string
}

const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: UK_TIME_ZONE,
})

/** /hubs/:slug/print: the hub's large-print sheet, what's on by day of the week. */
export function presentHubPrintSheet(
  hub: HubPage,
  sheet: PrintSheet,
  options: { baseUrl: string; today: Date },
): HubPrintSheetView {
  const view = presentHub(hub)
  return {
    pageTitle: `What's on: ${hub.name} (large print)`,
    breadcrumbs: [HOME, LOCAL_HUBS, { href: view.href, text: hub.name }],
    hub: view,
    days: sheet.days,
    otherTimes: sheet.otherTimes,
    correctOn: LONG_DATE.format(options.today),
    moreGroups: Math.max(0, hub.groupCount - PRINT_SHEET_GROUPS),
    pageAddress: addresses.absolute(options.baseUrl, view.href),
  }
}
