import { type ErrorRequestHandler, type Request, type RequestHandler, type Response, Router } from 'express'
import multer from 'multer'
import { addresses, paths } from '../../addresses'
import type { FieldProblem } from '../../forms'
import { csrfTokenFor, csrfTokenIsValid } from '../../middleware/csrf'
import { ForbiddenError, NotFoundError } from '../../middleware/errors'
import { methodNotAllowed } from '../../middleware/methodNotAllowed'
import { requireSignedIn } from '../../middleware/signedIn'
import type { Services } from '../../services'
import { DIRECTORY_COLUMNS, EXAMPLE_ROW } from '../../services/directory/directoryCsv'
import { csvText } from '../../services/directory/directoryExport'
import { NotAllowedError } from '../../services/permissions'
import { parsePageNumber } from '../../validation/pageNumber'
import { isFeedError, readFeed, type FeedInput } from '../../services/directory/openReferral/feedInput'
import {
  GONE_PER_PAGE,
  presentGonePage,
  presentImportPage,
  presentOpenReferralPage,
  presentReport,
  PROBLEMS_PER_PAGE,
} from './presenters'
import {
  importForm,
  MOST_BYTES,
  MOST_FEED_BYTES,
  openReferralForm,
  parseUploadId,
  uploadForm,
} from './schemas'

/** The import page waits this long for another directory's whole feed; the command has no such limit. */
const FEED_TOTAL_MS = 60_000
/** ... and reads at most this many pages of it (100 services each). */
const FEED_MOST_PAGES = 50
/** ... each answer within this long. */
const FEED_TIMEOUT_MS = 15_000

/**
 * /admin/import: importing listings from a CSV file (issue 12), for admins and coordinators
 * of every hub (DirectoryImportService decides; anyone else gets the 403 page, a visitor is
 * sent to sign in). The file is uploaded once: the dry run keeps it server-side under a
 * random id for this account, and "Import" writes that kept file, never a second upload.
 */
export function directoryImportRouter(services: Services): Router {
  const { directoryImport, openReferralImport, config } = services
  const { directoryTransfer } = services.repositories
  const router = Router()

  const allowed: RequestHandler = (req, _res, next) => {
    if (!directoryImport.mayImport(req.viewer)) throw new NotAllowedError()
    next()
  }
  const staff = [requireSignedIn, allowed]

  const importPage = (req: Request, res: Response, problems: FieldProblem[] = []) =>
    res.status(problems.length > 0 ? 400 : 200).render('pages/admin/import/index', {
      ...presentImportPage(directoryTransfer.categories(), directoryTransfer.accessFeatureCodes(), problems),
      csrfToken: csrfTokenFor(req),
    })

  // One file, up to MOST_BYTES, held in memory only while it is checked, then kept in the
  // database. Only the CSRF field may come with it.
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MOST_BYTES, files: 1, fields: 2, fieldSize: 1024, parts: 3 },
  }).single('file')
  const readUpload: RequestHandler = (req, res, next) => {
    upload(req, res, (error: unknown) => {
      if (error instanceof multer.MulterError) {
        // The token cannot be trusted from a body that was not read whole: the page asks again.
        importPage(req, res, [
          {
            field: 'file',
            message:
              error.code === 'LIMIT_FILE_SIZE'
                ? 'The file must be 40 MB or smaller. Split it into smaller files'
                : 'Choose one CSV file and upload it',
          },
        ])
        return
      }
      if (error) {
        next(error)
        return
      }
      if (!csrfTokenIsValid(req)) {
        res.status(403).render('pages/errors/form-expired', { pageTitle: 'Sorry, that did not work' })
        return
      }
      next()
    })
  }

  router
    .route(paths.adminImport)
    .get(...staff, (req, res) => importPage(req, res))
    .post(...staff, readUpload, async (req, res) => {
      const file = req.file
      if (!uploadForm.safeParse(req.body).success || !file || file.size === 0) {
        importPage(req, res, [{ field: 'file', message: 'Choose a CSV file to upload' }])
        return
      }
      if (!/\.(csv|txt)$/i.test(file.originalname)) {
        importPage(req, res, [
          {
            field: 'file',
            message: 'The file must be a CSV file. Save it from your spreadsheet as ‘CSV UTF-8’',
          },
        ])
        return
      }
      const id = await directoryImport.dryRun(req.viewer, { name: file.originalname, content: file.buffer })
      if (id === null) {
        importPage(req, res, [
          {
            field: 'file',
            message:
              'You sent another file while this one was being checked, and only the newest is kept. Upload this file again if it is the one you meant',
          },
        ])
        return
      }
      res.redirect(303, addresses.adminImportUpload(id))
    })
    .all(methodNotAllowed('GET', 'POST'))

  router
    .route(paths.adminImportTemplate)
    .get(...staff, (_req, res) => {
      res.type('text/csv; charset=utf-8')
      res.attachment('common-ground-import-template.csv')
      res.send(csvText([DIRECTORY_COLUMNS.map((column) => EXAMPLE_ROW[column])], DIRECTORY_COLUMNS))
    })
    .all(methodNotAllowed('GET'))

  // Another directory's Open Referral UK feed (issue 14): an address the server pages
  // through, or a JSON file; then the same report page and "Import" as a CSV file.
  const openReferralPage = (
    req: Request,
    res: Response,
    typed: { url?: string } = {},
    problems: FieldProblem[] = [],
  ) =>
    res.status(problems.length > 0 ? 400 : 200).render('pages/admin/import/open-referral', {
      ...presentOpenReferralPage(typed, problems, openReferralImport.countGone(req.viewer)),
      csrfToken: csrfTokenFor(req),
    })
  const feedUpload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: MOST_FEED_BYTES, files: 1, fields: 2, fieldSize: 4096, parts: 3 },
  }).single('file')
  const readFeedUpload: RequestHandler = (req, res, next) => {
    feedUpload(req, res, (error: unknown) => {
      if (error instanceof multer.MulterError) {
        openReferralPage(req, res, {}, [
          {
            field: 'file',
            message:
              error.code === 'LIMIT_FILE_SIZE'
                ? 'The file must be 20 MB or smaller. Import a bigger one with npm run import:oruk'
                : 'Enter a web address, or choose one JSON file',
          },
        ])
        return
      }
      if (error) {
        next(error)
        return
      }
      if (!csrfTokenIsValid(req)) {
        res.status(403).render('pages/errors/form-expired', { pageTitle: 'Sorry, that did not work' })
        return
      }
      next()
    })
  }

  router
    .route(paths.adminImportOpenReferral)
    .get(...staff, (req, res) => openReferralPage(req, res))
    .post(...staff, readFeedUpload, async (req, res) => {
      const parsed = openReferralForm.safeParse(req.body)
      const typedUrl = typeof req.body?.url === 'string' ? String(req.body.url).slice(0, 2000) : ''
      if (!parsed.success) {
        openReferralPage(req, res, { url: typedUrl }, [
          {
            field: 'url',
            // Only the length has words of ours; anything else (an address sent twice, a field
            // no form of ours has) gets the plain request again.
            message:
              parsed.error.issues[0]?.code === 'too_big'
                ? parsed.error.issues[0].message
                : 'Enter one web address, or choose one JSON file',
          },
        ])
        return
      }
      const url = parsed.data.url?.trim() ?? ''
      const file = req.file && req.file.size > 0 ? req.file : undefined
      let input: FeedInput
      let field: 'url' | 'file'
      if (url !== '' && file) {
        openReferralPage(req, res, { url }, [
          { field: 'url', message: 'Enter a web address or choose a file, not both' },
        ])
        return
      }
      if (file) {
        if (!/\.json$/i.test(file.originalname)) {
          openReferralPage(req, res, { url }, [
            { field: 'file', message: 'The file must be a JSON file, ending in .json' },
          ])
          return
        }
        input = { kind: 'file', name: file.originalname.slice(0, 200), text: file.buffer.toString('utf8') }
        field = 'file'
      } else if (url !== '') {
        input = { kind: 'url', url }
        field = 'url'
      } else {
        openReferralPage(req, res, {}, [
          {
            field: 'url',
            message: 'Enter the web address of the directory’s Open Referral UK API, or choose a JSON file',
          },
        ])
        return
      }
      let feed
      try {
        feed = await readFeed(input, {
          allowPrivateAddresses: config.feedsFromPrivateAddresses,
          totalMs: FEED_TOTAL_MS,
          mostPages: FEED_MOST_PAGES,
          timeoutMs: FEED_TIMEOUT_MS,
        })
      } catch (error) {
        if (!isFeedError(error)) throw error
        openReferralPage(req, res, { url }, [{ field, message: error.message }])
        return
      }
      const id = openReferralImport.dryRun(req.viewer, feed.source, feed.services, feed.sha256)
      res.redirect(303, addresses.adminImportUpload(id))
    })
    .all(methodNotAllowed('GET', 'POST'))

  router
    .route(paths.adminImportGone)
    .get(...staff, (req, res) => {
      const page = parsePageNumber(req.query.page)
      if (page === undefined) throw new NotFoundError()
      const { listings, total } = openReferralImport.gone(req.viewer, {
        limit: GONE_PER_PAGE,
        offset: (page - 1) * GONE_PER_PAGE,
      })
      if (page > Math.max(1, Math.ceil(total / GONE_PER_PAGE))) throw new NotFoundError()
      res.render('pages/admin/import/gone', presentGonePage(listings, total, page))
    })
    .all(methodNotAllowed('GET'))

  const uploadIn = (req: Request) => {
    const id = parseUploadId(req.params.id)
    const found = id === null ? undefined : directoryImport.upload(req.viewer, id)
    if (!found) throw new NotFoundError()
    return found
  }

  router
    .route(paths.adminImportUpload)
    .get(...staff, (req, res) => {
      const found = uploadIn(req)
      const page = parsePageNumber(req.query.page)
      const pageCount = Math.max(1, Math.ceil(found.report.problems.length / PROBLEMS_PER_PAGE))
      if (page === undefined || page > pageCount) throw new NotFoundError()
      res.status(found.report.problemCount > 0 ? 400 : 200).render('pages/admin/import/report', {
        ...presentReport(found, page),
        csrfToken: csrfTokenFor(req),
      })
    })
    .post(...staff, async (req, res) => {
      const found = uploadIn(req)
      if (!importForm.safeParse(req.body).success) throw new NotFoundError()
      if (found.report.kind === 'open-referral') {
        const fed = openReferralImport.importUpload(req.viewer, found, { ip: req.ip ?? null })
        if (fed.kind === 'problems') {
          res.status(400).render('pages/admin/import/report', {
            ...presentReport(fed.upload, 1),
            csrfToken: csrfTokenFor(req),
          })
          return
        }
        res.redirect(303, addresses.adminImportUpload(found.id))
        return
      }
      const outcome = await directoryImport.importUpload(req.viewer, found.id, { ip: req.ip ?? null })
      if (!outcome) throw new NotFoundError()
      if (outcome.kind === 'problems') {
        res.status(400).render('pages/admin/import/report', {
          ...presentReport(outcome.upload, 1),
          csrfToken: csrfTokenFor(req),
        })
        return
      }
      res.redirect(303, addresses.adminImportUpload(found.id))
    })
    .all(methodNotAllowed('GET', 'POST'))

  // A refusal from the service is the 403 page.
  const refusals: ErrorRequestHandler = (err, _req, _res, next) => {
    next(err instanceof NotAllowedError ? new ForbiddenError(err.message) : err)
  }
  router.use(refusals)
  return router
}
