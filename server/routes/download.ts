import { once } from 'node:events'
import { type Response, Router } from 'express'
import { addresses, paths } from '../addresses'
import { methodNotAllowed } from '../middleware/methodNotAllowed'
import type { Services } from '../services'
import {
  directoryGeojson,
  organisationsCsv,
  placesCsv,
  servicesCsv,
} from '../services/directory/directoryExport'

/**
 * "Download the directory": the published listings as open data, for anyone (it is the
 * public directory). People are never in it. Each file is written a batch at a time as it is
 * read, waiting when the connection is full and stopping when the browser goes away, so a
 * big directory never sits in memory.
 */
export function downloadRouter(services: Services): Router {
  const { directoryTransfer } = services.repositories
  const router = Router()
  const today = () => services.clock.now().toISOString().slice(0, 10)

  const send = async (
    res: Response,
    file: { name: string; type: string },
    chunks: AsyncGenerator<string>,
  ): Promise<void> => {
    res.status(200)
    res.type(file.type)
    res.attachment(`common-ground-${file.name}-${today()}.${file.name === 'directory' ? 'geojson' : 'csv'}`)
    res.set('Cache-Control', 'no-cache')
    for await (const chunk of chunks) {
      if (res.destroyed) {
        await chunks.return(undefined)
        return
      }
      if (chunk !== '' && !res.write(chunk)) await once(res, 'drain')
    }
    res.end()
  }

  router
    .route(paths.download)
    .get((_req, res) => {
      res.render('pages/download/index', {
        pageTitle: 'Download the directory',
        servicesHref: addresses.downloadServices(),
        organisationsHref: addresses.downloadOrganisations(),
        placesHref: addresses.downloadPlaces(),
        geojsonHref: addresses.downloadGeojson(),
        openDataHref: addresses.openData(),
      })
    })
    .all(methodNotAllowed('GET'))

  router
    .route(paths.downloadServices)
    .get((_req, res) =>
      send(res, { name: 'services', type: 'text/csv; charset=utf-8' }, servicesCsv(directoryTransfer)),
    )
    .all(methodNotAllowed('GET'))
  router
    .route(paths.downloadOrganisations)
    .get((_req, res) =>
      send(
        res,
        { name: 'organisations', type: 'text/csv; charset=utf-8' },
        organisationsCsv(directoryTransfer),
      ),
    )
    .all(methodNotAllowed('GET'))
  router
    .route(paths.downloadPlaces)
    .get((_req, res) =>
      send(res, { name: 'places', type: 'text/csv; charset=utf-8' }, placesCsv(directoryTransfer)),
    )
    .all(methodNotAllowed('GET'))
  router
    .route(paths.downloadGeojson)
    .get((_req, res) =>
      send(
        res,
        { name: 'directory', type: 'application/geo+json; charset=utf-8' },
        directoryGeojson(directoryTransfer, {
          service: (id) => addresses.absolute(services.config.baseUrl, addresses.service(id)),
          organisation: (id) => addresses.absolute(services.config.baseUrl, addresses.organisation(id)),
          place: (id) => addresses.absolute(services.config.baseUrl, addresses.place(id)),
        }),
      ),
    )
    .all(methodNotAllowed('GET'))
  return router
}
