/**
 * Reading another directory's Open Referral UK API (issue 14) with Node's fetch: its
 * `/services` a page at a time (per_page=100), and each service whole from `/services/{id}`
 * when the page's items lack their nested organisation and locations. Every request has a
 * time limit and a size limit, the pages a limit of their own, and every failure a plain
 * message. The address is the server's to fetch, so it must be http or https, and (unless
 * the configuration allows it, for tests and development) not a private, loopback or
 * link-local address: an import page must not become a way to read our own network.
 */
import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { FeedShapeError, isObject, isPage } from './feedDocuments'

/** A feed that could not be read: the message says why in plain words. */
export class FeedFetchError extends Error {}

export interface FeedFetchOptions {
  /** allow private and loopback addresses (tests and development only) */
  allowPrivateAddresses: boolean
  /** each request's time limit */
  timeoutMs?: number
  /** the most pages read */
  mostPages?: number
  /** the most bytes of one answer */
  mostBytes?: number
  /** the whole feed's time limit (the import page's person is waiting) */
  totalMs?: number
}

export const PER_PAGE = 100
export const MOST_PAGES = 200
const TIMEOUT_MS = 20_000
const MOST_BYTES = 20 * 1024 * 1024
/** Services fetched whole at the same time. */
const AT_ONCE = 4

/** Whether an IP address is private, loopback, link-local or otherwise not on the public internet. */
export function isPrivateAddress(address: string): boolean {
  const version = isIP(address)
  if (version === 4) {
    const [a = 0, b = 0] = address.split('.').map(Number)
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 100 && b >= 64 && b <= 127) ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 198 && (b === 18 || b === 19)) ||
      a >= 224
    )
  }
  if (version === 6) {
    const lower = address.toLowerCase()
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower)
    if (mapped?.[1]) return isPrivateAddress(mapped[1])
    return (
      lower === '::' ||
      lower === '::1' ||
      lower.startsWith('fc') ||
      lower.startsWith('fd') ||
      lower.startsWith('fe8') ||
      lower.startsWith('fe9') ||
      lower.startsWith('fea') ||
      lower.startsWith('feb') ||
      lower.startsWith('ff')
    )
  }
  return true
}

/** The feed's base address from what was typed: an http(s) address, without a trailing /services or slash. */
export function feedBase(typed: string): URL {
  let url: URL
  try {
    url = new URL(typed.trim())
  } catch {
    throw new FeedFetchError('Enter a web address starting with https://, like https://example.org/api')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new FeedFetchError('Enter a web address starting with https:// or http://')
  if (url.username !== '' || url.password !== '')
    throw new FeedFetchError('Enter the address without a user name or password in it')
  url.search = ''
  url.hash = ''
  url.pathname = url.pathname.replace(/\/+$/, '').replace(/\/services$/, '')
  return url
}

async function refusePrivate(url: URL, options: FeedFetchOptions): Promise<void> {
  if (options.allowPrivateAddresses) return
  const host = url.hostname.replace(/^\[|\]$/g, '')
  let addresses: string[]
  if (isIP(host)) addresses = [host]
  else {
    try {
      addresses = (await lookup(host, { all: true })).map((found) => found.address)
    } catch {
      throw new FeedFetchError(`We could not find ${host}. Check the address`)
    }
  }
  if (host === 'localhost' || addresses.some(isPrivateAddress))
    throw new FeedFetchError(
      `${host} is a private or local address, which we do not read from. Use the directory’s public address`,
    )
}

/** One answer's JSON, within the time and size limits, with a plain error for each way it fails. */
async function getJson(url: URL, options: FeedFetchOptions): Promise<unknown> {
  await refusePrivate(url, options)
  const mostBytes = options.mostBytes ?? MOST_BYTES
  let response: Response
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json' },
      redirect: 'error',
      signal: AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS),
    })
  } catch (error) {
    // The timeout's DOMException is not always an Error of this realm (in Jest it is not).
    const name = typeof error === 'object' && error !== null && 'name' in error ? error.name : ''
    if (name === 'TimeoutError' || name === 'AbortError')
      throw new FeedFetchError(`${url.host} took too long to answer. Try again later`)
    throw new FeedFetchError(
      `We could not reach ${url.host}. Check the address, and that the directory is working`,
    )
  }
  if (response.status === 404)
    throw new FeedFetchError(`${url.host} has no Open Referral UK data at ${url.pathname}. Check the address`)
  if (!response.ok)
    throw new FeedFetchError(`${url.host} answered with an error (${response.status}). Try again later`)
  const length = Number(response.headers.get('content-length') ?? '0')
  if (length > mostBytes) throw new FeedFetchError(`${url.host} sent more than we can read at once`)
  const chunks: Uint8Array[] = []
  let bytes = 0
  try {
    const reader = response.body?.getReader()
    for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
      bytes += read.value.byteLength
      if (bytes > mostBytes) {
        await reader?.cancel()
        throw new FeedFetchError(`${url.host} sent more than we can read at once`)
      }
      chunks.push(read.value)
    }
  } catch (error) {
    if (error instanceof FeedFetchError) throw error
    throw new FeedFetchError(`${url.host} stopped answering part way. Try again later`)
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown
  } catch {
    throw new FeedFetchError(
      `${url.host} did not send Open Referral UK data (it was not JSON). Check the address`,
    )
  }
}

/**
 * Whether a page's item is the whole service; if not, it is fetched from /services/{id}. The
 * profile's lists carry one-to-one fields only (compiled/service_list.json: the service and
 * its organisation), so an item with its organisation may still lack its places, times,
 * categories and costs. It is whole only when it also carries its places
 * (service_at_locations), as a service in full does; a source that leaves that out of a
 * service with no place costs one request more, never a service without its times.
 */
const isWhole = (item: unknown) =>
  isObject(item) && isObject(item.organization) && Array.isArray(item.service_at_locations)

/**
 * Every service of a feed, whole, in order: page after page of `/services` (at most
 * mostPages), each item fetched from `/services/{id}` when the page gives only its outline.
 * Throws FeedFetchError (or FeedShapeError) with a plain message.
 */
export async function fetchFeed(
  typed: string,
  options: FeedFetchOptions,
): Promise<{ base: URL; services: unknown[] }> {
  const base = feedBase(typed)
  const mostPages = options.mostPages ?? MOST_PAGES
  const services: unknown[] = []
  const endpoint = (path: string) => new URL(`${base.pathname}${path}`, base)
  const started = Date.now()
  for (let page = 1; ; page++) {
    if (options.totalMs !== undefined && Date.now() - started > options.totalMs)
      throw new FeedFetchError(
        `Reading ${base.host} took too long. Save its services as a JSON file and import the file, or use npm run import:oruk`,
      )
    const address = endpoint('/services')
    address.searchParams.set('page', String(page))
    address.searchParams.set('per_page', String(PER_PAGE))
    const answer = await getJson(address, options)
    if (!isPage(answer))
      throw new FeedShapeError(
        `${base.host} did not answer with a page of services. Check it is the address of an Open Referral UK API`,
      )
    const items = answer.contents
    for (let at = 0; at < items.length; at += AT_ONCE)
      services.push(
        ...(await Promise.all(
          items.slice(at, at + AT_ONCE).map(async (item) => {
            const id =
              isObject(item) && (typeof item.id === 'string' || typeof item.id === 'number') ? item.id : null
            if (isWhole(item) || id === null) return item
            return getJson(endpoint(`/services/${encodeURIComponent(String(id))}`), options)
          }),
        )),
      )
    const totalPages = typeof answer.total_pages === 'number' ? answer.total_pages : page
    if (answer.last_page === true || page >= totalPages || items.length === 0) break
    if (page >= mostPages)
      throw new FeedFetchError(
        `The feed has more than ${mostPages} pages of ${PER_PAGE} services, more than we import at once`,
      )
  }
  return { base, services }
}
