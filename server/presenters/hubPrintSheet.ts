import { addresses } from '../addresses'
import type { HubPage, PrintableGroup } from '../services/hubsService'
import { PRINT_SHEET_GROUPS } from '../services/hubsService'
import { presentHub, type HubPageView } from './hubPage'
import { HOME, LOCAL_HUBS, type LinkView } from './links'
import { presentServiceSummaries, type ServiceSummaryView } from './serviceSummary'

export interface HubPrintSheetView {
  pageTitle: string
  breadcrumbs: LinkView[]
  hub: HubPageView['hub']
  groups: (PrintableGroup & ServiceSummaryView)[]
  /** how many groups the sheet leaves out */
  moreGroups: number
  /** the hub page's full web address, printed on the sheet */
  pageAddress: string
}

/** /hubs/:slug/print: the hub's large-print sheet. */
export function presentHubPrintSheet(
  hub: HubPage,
  groups: PrintableGroup[],
  baseUrl: string,
): HubPrintSheetView {
  const view = presentHub(hub)
  return {
    pageTitle: `Large-print sheet: ${hub.name}`,
    breadcrumbs: [HOME, LOCAL_HUBS, { href: view.href, text: hub.name }],
    hub: view,
    groups: presentServiceSummaries(groups),
    moreGroups: Math.max(0, hub.groupCount - PRINT_SHEET_GROUPS),
    pageAddress: addresses.absolute(baseUrl, view.href),
  }
}
