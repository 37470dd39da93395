import { Router } from 'express'
import type { Services } from '../services'

const HOME = { href: '/', text: 'Home' }

/** The pages the footer links to: help and contact, privacy, accessibility and about. */
export function infoRouter({ config }: Services): Router {
  const router = Router()
  const page = (path: string, view: string, pageTitle: string, extra: Record<string, unknown> = {}) =>
    router.get(path, (_req, res) => {
      res.render(`pages/info/${view}`, { pageTitle, breadcrumbs: [HOME], ...extra })
    })

  page('/help', 'help', 'Help and contact')
  // The privacy notice states the real threshold in force, not a number copied into the text.
  page('/privacy', 'privacy', 'Privacy notice', { privacyMinCount: config.privacyMinCount })
  page('/accessibility', 'accessibility', 'Accessibility statement')
  page('/about', 'about', 'About Common Ground')
  return router
}
