import { Router } from 'express'
import { addresses, paths } from '../addresses'
import { NotFoundError } from '../middleware/errors'
import { methodNotAllowed } from '../middleware/methodNotAllowed'
import type { Services } from '../services'
import { parsePageNumber } from '../validation/pageNumber'

const PER_PAGE = 10

/**
 * /dev/outbox, outside production only: the emails the app would have sent (newest first, a
 * page at a time), so someone trying it out on their own machine can open the links.
 */
export function devOutboxRouter({ config, repositories }: Services): Router {
  const router = Router()
  router
    .route(paths.devOutbox)
    .get((req, res) => {
      if (config.env === 'production') throw new NotFoundError()
      const page = parsePageNumber(req.query.page)
      if (page === undefined) throw new NotFoundError()
      const total = repositories.outbox.total()
      const messages = repositories.outbox.newest(PER_PAGE, (page - 1) * PER_PAGE)
      const pages = Math.max(1, Math.ceil(total / PER_PAGE))
      res.render('pages/account/outbox', {
        pageTitle: page > 1 ? `Emails sent (page ${page})` : 'Emails sent',
        messages: messages.map((message) => ({ ...message, parts: withLinks(message.body) })),
        total,
        sentWithSmtp: config.smtpUrl !== null,
        previousHref: page > 1 ? addresses.devOutbox(page - 1) : null,
        nextHref: page < pages ? addresses.devOutbox(page + 1) : null,
      })
    })
    .all(methodNotAllowed('GET'))
  return router
}

/** An email's text in parts, its web addresses as links, so the outbox's links can be opened. */
export function withLinks(body: string): { text: string; href?: string }[] {
  return body
    .split(/(https?:\/\/[^\s]+)/)
    .filter((part) => part !== '')
    .map((part) => (/^https?:\/\//.test(part) ? { text: part, href: part } : { text: part }))
}
