import { addresses } from '../addresses'
import type { HubListItem } from '../services/hubsService'
import { HOME, type LinkView } from './links'
import { presentHubContact, type HubContactView } from './peopleSharing'

export interface HubListItemView extends Omit<HubListItem, 'meets' | 'contact'> {
  href: string
  meets: { times: string; description: string; place: { name: string } | null } | null
  contact: HubContactView
}

export interface HubsListView {
  pageTitle: string
  breadcrumbs: LinkView[]
  hubs: HubListItemView[]
}

/** /hubs: every hub, with what it has and what may be said about its people. */
export function presentHubsList(hubs: HubListItem[]): HubsListView {
  return {
    pageTitle: 'Local hubs',
    breadcrumbs: [HOME],
    hubs: hubs.map((hub) => ({
      ...hub,
      href: addresses.hub(hub.slug),
      contact: presentHubContact(hub.slug, hub.contact),
    })),
  }
}
