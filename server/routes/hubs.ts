import { Router } from 'express'
import { NotFoundError } from '../middleware/errors'
import { presentServiceSummaries } from '../presenters/serviceSummary'
import type { Services } from '../services'
import { HUB_PAGE_PROFILES, PRINT_SHEET_GROUPS, type HubPageView } from '../services/hubsService'
import { parseHubSlug } from '../validation/hubSlug'

const HUBS_CRUMBS = [
  { href: '/', text: 'Home' },
  { href: '/hubs', text: 'Local hubs' },
]

/** /hubs, /hubs/:slug and /hubs/:slug/print. */
export function hubsRouter({ hubs, people, listings, config }: Services): Router {
  const router = Router()

  /** The hub, or the page-not-found page for a slug that is malformed or names no hub. */
  const hubOr404 = (slug: unknown): HubPageView => {
    const valid = parseHubSlug(slug)
    const hub = valid === undefined ? undefined : hubs.hubPage(valid)
    if (!hub) throw new NotFoundError(`No hub called ${String(slug).slice(0, 100)}`)
    return hub
  }

  router.get('/hubs', (_req, res) => {
    res.render('pages/hubs/index', {
      pageTitle: 'Local hubs',
      breadcrumbs: [{ href: '/', text: 'Home' }],
      hubs: hubs.listHubs(),
    })
  })

  router.get('/hubs/:slug', (req, res) => {
    const hub = hubOr404(req.params.slug)
    const sharing = people.peopleSharing({ hubIds: [hub.id] })
    res.render('pages/hubs/show', {
      pageTitle: hub.name,
      breadcrumbs: HUBS_CRUMBS,
      hub,
      services: presentServiceSummaries(listings.serviceSummaries(hub.serviceIds)),
      // The skills are counted from everyone; the page names only the first few.
      profiles: sharing.profiles.slice(0, HUB_PAGE_PROFILES),
      profileCount: sharing.profiles.length,
      skillsShared: sharing.hubs[0]?.skills ?? [],
    })
  })

  router.get('/hubs/:slug/print', (req, res) => {
    const hub = hubOr404(req.params.slug)
    res.render('pages/hubs/print', {
      pageTitle: `Large-print sheet: ${hub.name}`,
      breadcrumbs: [...HUBS_CRUMBS, { href: hub.href, text: hub.name }],
      hub,
      groups: presentServiceSummaries(
        hubs.printableGroups(listings.serviceSummaries(hubs.printSheetServiceIds(hub.id))),
      ),
      moreGroups: Math.max(0, hub.groupCount - PRINT_SHEET_GROUPS),
      pageAddress: `${config.baseUrl.replace(/\/$/, '')}${hub.href}`,
    })
  })

  return router
}
