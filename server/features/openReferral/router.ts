import crypto from 'node:crypto'
import fs from 'node:fs'
import { type ErrorRequestHandler, type Request, type RequestHandler, type Response, Router } from 'express'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { addresses, paths } from '../../addresses'
import type { Logger } from '../../logger'
import { addressKey } from '../../middleware/rateLimits'
import { projectPath } from '../../paths'
import type { Services } from '../../services'
import type { ListAnswer } from './openReferralService'
import {
  presentApiInfo,
  presentPage,
  presentService,
  presentServiceAtPlace,
  presentServiceAtPlaceInList,
  presentServiceInList,
  presentTaxonomy,
  presentTerm,
} from './presenters'
import {
  firstProblem,
  pagesQuery,
  parseOpenReferralId,
  PER_PAGE_DEFAULT,
  servicesAtLocationsQuery,
  servicesQuery,
} from './schemas'

/** An answer's body, null for "not found", or a problem with the query (400). */
type Built = Record<string, unknown> | null | { problem: string }

/** The profile's OpenAPI description, read once (openreferral/README.md says where it is from). */
const OPENAPI_FILE = projectPath('openreferral', 'openapi.json')

/**
 * The open data API (issue 14): Open Referral UK's read-only endpoints under one base path,
 * open to anyone and any site. It is mounted before sessions, sign-in and CSRF (server/app.ts),
 * so no session is read or made and no cookie is set; every answer is JSON, with
 * `Access-Control-Allow-Origin: *`, an ETag and Last-Modified (a 304 when the reader's copy is
 * current), and a 429 with Retry-After past OPEN_DATA_REQUESTS_PER_MINUTE from one address.
 */
export function openReferralRouter(services: Services, logger: Logger): Router {
  const { openReferral, config } = services
  const router = Router()
  const openApi = fs.readFileSync(OPENAPI_FILE, 'utf8')
  // The description changes only with the app, never with the data: its tag is its content's.
  const openApiTag = `"${crypto.createHash('sha1').update(openApi).digest('base64url')}"`
  const limiter =
    config.openDataRequestsPerMinute > 0
      ? new RateLimiterMemory({
          keyPrefix: 'open-data-ip',
          points: config.openDataRequestsPerMinute,
          duration: 60,
        })
      : null

  const problem = (res: Response, status: number, message: string): void => {
    res.status(status).json({ message })
  }

  // Every answer under the base path, whatever it is: open to other sites, never cached
  // without asking whether it changed, and counted against the address's limit.
  const openToAll: RequestHandler = async (req, res, next) => {
    res.set({
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Expose-Headers': 'ETag, Last-Modified, Retry-After',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Cache-Control': 'no-cache',
    })
    if (req.method === 'OPTIONS') {
      // A browser asking before a request with If-None-Match or If-Modified-Since.
      res
        .status(204)
        .set({
          'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
          'Access-Control-Allow-Headers': 'If-None-Match, If-Modified-Since',
          'Access-Control-Max-Age': '86400',
        })
        .end()
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.set('Allow', 'GET, HEAD, OPTIONS')
      problem(res, 405, 'This address can only be read (GET)')
      return
    }
    if (limiter) {
      try {
        await limiter.consume(addressKey(req))
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error
        const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000))
        res.set('Retry-After', String(seconds))
        problem(res, 429, `Too many requests from your address. Try again in ${seconds} seconds`)
        return
      }
    }
    next()
  }
  router.use(paths.openReferral, openToAll)

  /**
   * Answers with `build()`'s JSON (null: the 404 `notFound` says), or 304 when the reader's
   * copy (If-None-Match, else If-Modified-Since) is of the data as it is now: nothing is read
   * or built for a 304. A filter that only the data can refuse (a postcode we do not know)
   * gives a 400.
   */
  const answer = (req: Request, res: Response, build: () => Built, notFound = 'Not found'): void => {
    const version = openReferral.version()
    res.set({ ETag: version.etag, 'Last-Modified': version.lastModified.toUTCString() })
    if (req.fresh) {
      res.status(304).end()
      return
    }
    const built = build()
    if (built === null || 'problem' in built) {
      res.removeHeader('ETag')
      res.removeHeader('Last-Modified')
      if (built === null) problem(res, 404, notFound)
      else problem(res, 400, String(built.problem))
      return
    }
    res.json(built)
  }

  const listAnswer = <T>(found: ListAnswer<T>, present: (item: T) => Record<string, unknown>): Built =>
    found.kind === 'problem' ? { problem: found.message } : presentPage(found.page, present)

  router.get(paths.openReferral, (req, res) => {
    answer(
      req,
      res,
      () => presentApiInfo(addresses.absolute(config.baseUrl, addresses.openReferralOpenApi())),
      'Not found',
    )
  })

  router.get(paths.openReferralOpenApi, (req, res) => {
    res.set('ETag', openApiTag)
    if (req.fresh) {
      res.status(304).end()
      return
    }
    res.type('application/json').send(openApi)
  })

  router.get(paths.openReferralServices, (req, res) => {
    const query = servicesQuery.safeParse(req.query)
    if (!query.success) {
      problem(res, 400, firstProblem(query.error))
      return
    }
    answer(req, res, () => listAnswer(openReferral.services(query.data), presentServiceInList), 'Not found')
  })

  router.get(paths.openReferralService, (req, res) => {
    const id = parseOpenReferralId(req.params.id)
    if (id === null) {
      problem(res, 404, 'There is no service with that id')
      return
    }
    answer(
      req,
      res,
      () => {
        const found = openReferral.service(id)
        return found ? presentService(found) : null
      },
      'There is no service with that id',
    )
  })

  router.get(paths.openReferralServicesAtLocations, (req, res) => {
    const query = servicesAtLocationsQuery.safeParse(req.query)
    if (!query.success) {
      problem(res, 400, firstProblem(query.error))
      return
    }
    answer(
      req,
      res,
      () => listAnswer(openReferral.servicesAtPlaces(query.data), presentServiceAtPlaceInList),
      'Not found',
    )
  })

  router.get(paths.openReferralServiceAtLocation, (req, res) => {
    const id = parseOpenReferralId(req.params.id)
    const notFound = 'There is no service at a location with that id'
    if (id === null) {
      problem(res, 404, notFound)
      return
    }
    answer(
      req,
      res,
      () => {
        const found = openReferral.serviceAtPlace(id)
        return found ? presentServiceAtPlace(found) : null
      },
      notFound,
    )
  })

  router.get(paths.openReferralTaxonomies, (req, res) => {
    const query = pagesQuery.safeParse(req.query)
    if (!query.success) {
      problem(res, 400, firstProblem(query.error))
      return
    }
    const page = query.data.page ?? 1
    const perPage = query.data.per_page ?? PER_PAGE_DEFAULT
    // One taxonomy: our categories.
    answer(
      req,
      res,
      () =>
        presentPage({ items: page === 1 ? [null] : [], total: 1, page, perPage }, () => presentTaxonomy()),
      'Not found',
    )
  })

  router.get(paths.openReferralTaxonomy, (req, res) => {
    const id = parseOpenReferralId(req.params.id)
    const notFound = 'There is no taxonomy with that id'
    answer(
      req,
      res,
      () =>
        id !== null && openReferral.isOurTaxonomy(id) ? presentTaxonomy(openReferral.allCategories()) : null,
      notFound,
    )
  })

  router.get(paths.openReferralTaxonomyTerms, (req, res) => {
    const query = pagesQuery.safeParse(req.query)
    if (!query.success) {
      problem(res, 400, firstProblem(query.error))
      return
    }
    const { page = 1, per_page: perPage = PER_PAGE_DEFAULT } = query.data
    answer(req, res, () => presentPage(openReferral.categories(page, perPage), presentTerm), 'Not found')
  })

  router.get(paths.openReferralTaxonomyTerm, (req, res) => {
    const id = parseOpenReferralId(req.params.id)
    const notFound = 'There is no taxonomy term with that id'
    answer(
      req,
      res,
      () => {
        const term = id === null ? null : openReferral.category(id)
        return term ? presentTerm(term) : null
      },
      notFound,
    )
  })

  // Anything else under the base path: JSON, never the site's HTML pages.
  router.use(paths.openReferral, (_req, res) => {
    problem(res, 404, 'There is nothing at this address. The API starts at /openreferral/v3/')
  })
  const failed: ErrorRequestHandler = (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err)
      return
    }
    // The path only: a query string can hold a search's words or a postcode.
    logger.error({ err, method: req.method, path: req.path }, 'Open data request failed')
    problem(res, 500, 'Something went wrong on our side. Please try again later')
  }
  router.use(paths.openReferral, failed)
  return router
}
