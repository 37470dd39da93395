import { Router } from 'express'
import { addresses, paths } from '../addresses'
import { methodNotAllowed } from '../middleware/methodNotAllowed'
import { MEMBER_IDLE_MS, STAFF_IDLE_MS } from '../middleware/sessions'
import { presentInfoPage, presentOpenDataPage } from '../presenters/infoPage'
import { presentRetentionNotice } from '../presenters/retentionNotice'
import type { Services } from '../services'
import { retentionPeriods } from '../services/retention/retentionService'

/** The pages the footer links to: help and contact, privacy, accessibility and about. */
export function infoRouter({ config }: Services): Router {
  const router = Router()
  const page = (path: string, view: string, pageTitle: string, extra: Record<string, unknown> = {}) =>
    router
      .route(path)
      .get((_req, res) => {
        res.render(`pages/info/${view}`, presentInfoPage(pageTitle, extra))
      })
      .all(methodNotAllowed('GET'))

  page(paths.help, 'help', 'Help and contact')
  // The privacy notice states the real threshold and retention in force, not numbers copied into the text.
  page(paths.privacy, 'privacy', 'Privacy notice', {
    privacyMinCount: config.privacyMinCount,
    introductionRetentionMonths: config.introductionRetentionMonths,
    keptFor: presentRetentionNotice(retentionPeriods(config), {
      memberIdleMs: MEMBER_IDLE_MS,
      staffIdleMs: STAFF_IDLE_MS,
    }),
  })
  page(paths.accessibility, 'accessibility', 'Accessibility statement')
  page(paths.about, 'about', 'About Common Ground', { openDataHref: addresses.openData() })
  // Open data (issue 14): under About, with its own breadcrumb back to it.
  router
    .route(paths.openData)
    .get((_req, res) => {
      res.render(
        'pages/info/open-data',
        presentOpenDataPage({
          apiHref: addresses.absolute(config.baseUrl, addresses.openReferral()),
          openApiHref: addresses.absolute(config.baseUrl, addresses.openReferralOpenApi()),
          servicesHref: addresses.absolute(config.baseUrl, addresses.openReferralServices()),
        }),
      )
    })
    .all(methodNotAllowed('GET'))
  return router
}
