import crypto from 'node:crypto'
import type { RequestHandler } from 'express'
import helmet from 'helmet'
import type { Config } from '../config'

/**
 * The one img-src entry for the map's tiles: the tile address's origin, with a `*.` wildcard
 * only when its host has a {s} subdomain (https://{s}.tile.example.org -> https://*.tile.example.org).
 */
export function tileImageSource(tileUrl: string): string {
  const match = /^(https?:\/\/)([^/?#]+)/.exec(tileUrl)
  if (!match?.[1] || !match[2]) throw new Error(`The tile address ${tileUrl} has no host`)
  const labels = match[2].toLowerCase().split('.')
  const subdomain = labels.map((label) => label.includes('{s}')).lastIndexOf(true)
  const host = subdomain < 0 ? labels : ['*', ...labels.slice(subdomain + 1)]
  return `${match[1]}${host.join('.')}`
}

/**
 * Browser features the app does not use, turned off for this site and anything it embeds.
 * Geolocation stays allowed for our own pages: "Use my location" asks for it.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'browsing-topics=()',
  'camera=()',
  'display-capture=()',
  'encrypted-media=()',
  'geolocation=(self)',
  'gyroscope=()',
  'hid=()',
  'idle-detection=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'publickey-credentials-get=()',
  'screen-wake-lock=()',
  'serial=()',
  'usb=()',
  'xr-spatial-tracking=()',
].join(', ')

/**
 * Security headers. Scripts run only with this response's nonce (so every <script> tag in a
 * template carries nonce="{{cspNonce}}"); map tiles may load from the configured tile host.
 * https://cheatsheetseries.owasp.org/cheatsheets/Content_Security_Policy_Cheat_Sheet.html
 */
export function setUpWebSecurity(config: Config): RequestHandler[] {
  const tiles = tileImageSource(config.tileUrl)
  const nonce: RequestHandler = (_req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString('base64')
    next()
  }
  const headers = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: [
          (_req, res) => `'nonce-${(res as unknown as { locals: { cspNonce: string } }).locals.cspNonce}'`,
        ],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', tiles],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.env === 'production' ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
    // Agrees with frame-ancestors 'none', for browsers that only know the older header.
    xFrameOptions: { action: 'deny' },
  })
  const permissions: RequestHandler = (_req, res, next) => {
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY)
    next()
  }
  return [nonce, headers, permissions]
}
