/**
 * A small browser for the crash test: one session cookie, forms sent as the pages send them
 * (with the page's CSRF token), and each request from a loopback address of its own choosing
 * (127.0.0.2 to 127.0.0.254), so the app's per-address limits (5 requests to be put in touch an
 * hour, 50 sign-ins in 15 minutes) count the driver's writers as the many people they stand for.
 * A request to an app that was killed fails (connection reset or refused): it was never
 * acknowledged.
 */
import http from 'node:http'

export interface Answer {
  status: number
  location: string | undefined
  body: string
}

/** Form fields: a list is sent as the same name repeated, as ticked boxes are. */
export type Fields = Record<string, string | string[]>

let nextAddress = 0
/** The next loopback address, round the 253 of them. */
export function anotherAddress(): string {
  nextAddress = (nextAddress % 253) + 1
  return `127.0.0.${nextAddress + 1}`
}

function encode(fields: Fields): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(fields))
    for (const one of Array.isArray(value) ? value : [value]) params.append(name, one)
  return params.toString()
}

/** The CSRF token in a page's form, or null when the page has no form. */
export function csrfIn(html: string): string | null {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? null
}

export class Browser {
  private cookie: string | null = null

  constructor(
    private readonly port: number,
    /** told just before each form is sent */
    private readonly onSend: () => void = () => undefined,
    private readonly address: string = anotherAddress(),
  ) {}

  get(path: string): Promise<Answer> {
    return this.send('GET', path)
  }

  /**
   * Opens `from` for its form's token, then sends the form to `to` (by default the same page);
   * `fields` may read the page (for a hidden field's value).
   */
  async submit(
    from: string,
    fields: Fields | ((page: string) => Fields),
    to: string = from,
  ): Promise<Answer> {
    const page = await this.get(from)
    const token = csrfIn(page.body)
    if (token === null) throw new Error(`${from} answered ${page.status} with no form`)
    const filled = typeof fields === 'function' ? fields(page.body) : fields
    this.onSend()
    return this.send('POST', to, encode({ ...filled, _csrf: token }))
  }

  private send(method: string, path: string, body?: string): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = {}
      if (this.cookie) headers.cookie = this.cookie
      if (body !== undefined) {
        headers['content-type'] = 'application/x-www-form-urlencoded'
        headers['content-length'] = Buffer.byteLength(body)
      }
      const request = http.request(
        {
          host: '127.0.0.1',
          port: this.port,
          method,
          path,
          headers,
          localAddress: this.address,
          agent: false,
        },
        (response) => {
          const chunks: Buffer[] = []
          response.on('data', (chunk: Buffer) => chunks.push(chunk))
          response.on('error', reject)
          response.on('end', () => {
            for (const setCookie of response.headers['set-cookie'] ?? []) {
              const pair = setCookie.split(';')[0] ?? ''
              if (pair.startsWith('cg_session='))
                this.cookie = /expires=Thu, 01 Jan 1970/i.test(setCookie) ? null : pair
            }
            resolve({
              status: response.statusCode ?? 0,
              location: response.headers.location,
              body: Buffer.concat(chunks).toString('utf8'),
            })
          })
        },
      )
      // Generous: a slow, shared machine may take seconds; a killed app fails at once anyway.
      request.setTimeout(60_000, () => request.destroy(new Error(`no answer in 60 s to ${method} ${path}`)))
      request.on('error', (error) => {
        error.message = `${error.message} (${method} ${path} from ${this.address})`
        reject(error)
      })
      request.end(body)
    })
  }
}
