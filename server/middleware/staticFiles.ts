import crypto from 'node:crypto'
import fs from 'node:fs'
import type { RequestHandler } from 'express'
import { projectPath } from '../paths'

/** One file the site serves: its plain address, where it is on disk, and whether pages link it by a fingerprinted name. */
export interface SiteFile {
  address: string
  file: string
  fingerprint: boolean
}

const fromModules = (...parts: string[]) => projectPath('node_modules', ...parts)

/**
 * Every file the site serves, and nothing else: our own stylesheet and scripts, and only the
 * few browser files the pages use from node_modules, so nothing comes from a CDN. Not served:
 * the Sass sources, source maps, and the rest of the libraries' folders.
 */
export const SITE_FILES: readonly SiteFile[] = [
  { address: '/static/css/app.css', file: projectPath('static', 'css', 'app.css'), fingerprint: true },
  { address: '/static/js/app.mjs', file: projectPath('static', 'js', 'app.mjs'), fingerprint: true },
  { address: '/static/js/map.js', file: projectPath('static', 'js', 'map.js'), fingerprint: true },
  {
    address: '/static/js/useMyLocation.js',
    file: projectPath('static', 'js', 'useMyLocation.js'),
    fingerprint: true,
  },
  {
    address: '/static/js/timeoutWarning.js',
    file: projectPath('static', 'js', 'timeoutWarning.js'),
    fingerprint: true,
  },
  {
    address: '/static/js/printButton.js',
    file: projectPath('static', 'js', 'printButton.js'),
    fingerprint: true,
  },
  {
    address: '/vendor/leaflet/leaflet.js',
    file: fromModules('leaflet', 'dist', 'leaflet.js'),
    fingerprint: true,
  },
  {
    address: '/vendor/leaflet/leaflet.css',
    file: fromModules('leaflet', 'dist', 'leaflet.css'),
    fingerprint: true,
  },
  // The site's icon: the SVG for browsers that take one, and /favicon.ico, where browsers
  // look for it without being told.
  {
    address: '/static/images/favicon.svg',
    file: projectPath('static', 'images', 'favicon.svg'),
    fingerprint: true,
  },
  { address: '/favicon.ico', file: projectPath('static', 'images', 'favicon.ico'), fingerprint: false },
  // static/js/app.mjs imports this by its plain name.
  {
    address: '/vendor/govuk-frontend/govuk-frontend.min.js',
    file: fromModules('govuk-frontend', 'dist', 'govuk', 'govuk-frontend.min.js'),
    fingerprint: false,
  },
  // The one asset the built stylesheet refers to ($govuk-assets-path is /assets/).
  {
    address: '/assets/images/govuk-crest.svg',
    file: fromModules('govuk-frontend', 'dist', 'govuk', 'assets', 'images', 'govuk-crest.svg'),
    fingerprint: false,
  },
]

const FINGERPRINTED = /^(.+)\.([0-9a-f]{10})(\.[a-z0-9]+)$/

interface Fingerprint {
  hash: string
  modified: number
}

/** What a request path names: a file, and whether its address can be cached for good. */
export interface FoundFile {
  file: string
  immutable: boolean
}

/**
 * The site's files with fingerprints made from their contents at start-up
 * (/static/css/app.css is linked as /static/css/app.3f2a9c1b07.css), so browsers can keep them
 * for a year and still get a new file the moment it changes. Outside production a file is
 * fingerprinted again when it changes on disk, so a rebuilt stylesheet shows at once.
 */
export class StaticAssets {
  private readonly byAddress: Map<string, SiteFile>
  private readonly fingerprints = new Map<string, Fingerprint | null>()

  constructor(
    files: readonly SiteFile[] = SITE_FILES,
    private readonly options: { rehashOnChange: boolean } = { rehashOnChange: false },
  ) {
    this.byAddress = new Map(files.map((file) => [file.address, file]))
    for (const file of files) if (file.fingerprint) this.fingerprintOf(file)
  }

  /**
   * The address a page links to for one of the site's files, given its plain address:
   * fingerprinted where it can be. A file that is missing (a stylesheet not built yet) keeps
   * its plain address.
   */
  address(plain: string): string {
    const file = this.byAddress.get(plain)
    if (!file) throw new Error(`${plain} is not one of the site's files (see SITE_FILES)`)
    const fingerprint = file.fingerprint ? this.fingerprintOf(file) : null
    if (!fingerprint) return plain
    const dot = plain.lastIndexOf('.')
    return `${plain.slice(0, dot)}.${fingerprint.hash}${plain.slice(dot)}`
  }

  /** The file a request path names, if any. An old fingerprint still gets today's file, but not for good. */
  find(requestPath: string): FoundFile | undefined {
    const plain = this.byAddress.get(requestPath)
    if (plain) return { file: plain.file, immutable: false }
    const match = FINGERPRINTED.exec(requestPath)
    if (!match) return undefined
    const [, stem, hash, extension] = match
    const file = this.byAddress.get(`${stem}${extension}`)
    if (!file?.fingerprint) return undefined
    return { file: file.file, immutable: this.fingerprintOf(file)?.hash === hash }
  }

  private fingerprintOf(file: SiteFile): Fingerprint | null {
    const known = this.fingerprints.get(file.address)
    if (known !== undefined && !this.options.rehashOnChange) return known
    let modified: number
    try {
      modified = fs.statSync(file.file).mtimeMs
    } catch {
      this.fingerprints.set(file.address, null)
      return null
    }
    if (known && known.modified === modified) return known
    const hash = crypto.createHash('sha256').update(fs.readFileSync(file.file)).digest('hex').slice(0, 10)
    const fingerprint = { hash, modified }
    this.fingerprints.set(file.address, fingerprint)
    return fingerprint
  }
}

const ONE_YEAR = 365 * 24 * 60 * 60 * 1000
const ONE_HOUR = 60 * 60 * 1000

/**
 * Serves the site's files: fingerprinted addresses with Cache-Control "public,
 * max-age=31536000, immutable", plain ones briefly (an hour in production, not at all outside).
 */
export function setUpStaticFiles(assets: StaticAssets, cacheForProduction: boolean): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next()
      return
    }
    const found = assets.find(req.path)
    if (!found) {
      next()
      return
    }
    const maxAge = found.immutable ? ONE_YEAR : cacheForProduction ? ONE_HOUR : 0
    res.sendFile(found.file, { maxAge, immutable: found.immutable }, (error?: Error) => {
      if (!error) return
      // A file that is not there (a stylesheet not built yet) is a plain 404.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') next()
      else if (!res.headersSent) next(error)
    })
  }
}
