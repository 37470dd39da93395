import { addresses } from '../addresses'

/** A link as a template shows it. */
export interface LinkView {
  href: string
  text: string
}

/** The first breadcrumb on every page. */
export const HOME: LinkView = { href: addresses.start(), text: 'Home' }
export const FIND_HELP: LinkView = { href: addresses.search(), text: 'Find help' }
export const LOCAL_HUBS: LinkView = { href: addresses.hubs(), text: 'Local hubs' }

/** A hub as a link to its page. */
export const hubLink = (hub: { slug: string; name: string }): LinkView => ({
  href: addresses.hub(hub.slug),
  text: hub.name,
})
