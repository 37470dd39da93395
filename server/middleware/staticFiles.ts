import express, { type Router } from 'express'
import { projectPath } from '../paths'

/**
 * Our own files under /static, and the few browser files we use from node_modules under
 * /vendor, so nothing comes from a CDN.
 */
export function setUpStaticFiles(cacheForProduction: boolean): Router {
  const router = express.Router()
  const options = { maxAge: cacheForProduction ? '1d' : 0, index: false, fallthrough: true }
  const fromModules = (...parts: string[]) => projectPath('node_modules', ...parts)
  router.use('/static', express.static(projectPath('static'), options))
  router.use('/vendor/leaflet', express.static(fromModules('leaflet', 'dist'), options))
  router.use(
    '/vendor/govuk-frontend',
    express.static(fromModules('govuk-frontend', 'dist', 'govuk'), { ...options, extensions: ['mjs'] }),
  )
  router.use('/assets', express.static(fromModules('govuk-frontend', 'dist', 'govuk', 'assets'), options))
  return router
}
