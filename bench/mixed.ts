/**
 * The mixed load (issue 13): reads and writes together, as a busy day looks. bench/run.ts
 * forks this file, sends one MixedJob and gets one MixedResult back.
 *
 * Each connection plays one person after another. Each person does one thing, picked at
 * random by weight: a search (with varied words and places, some never asked before), a page
 * (start page, lists, a listing, a hub), a view of the map's markers, or a write: signing in
 * to a bench account, suggesting a change to a listing (as a visitor, with an email address
 * for the reply), or asking a hub to be put in touch. A write is done as a browser does it:
 * open the form (which starts a session and gives its CSRF token), send it with the session's
 * cookie and the token, and follow the redirect to the confirmation page.
 *
 * Every request is timed on its own and counted under its kind (the form pages and
 * confirmation pages around the writes have kinds of their own, so a write's p99 is the POST
 * alone). A request counts as an error when it gets no answer within 10 s, when its status is
 * not what a browser doing it right would see (200 for pages, a 303 to the confirmation page
 * for a write), or when a form page has no form token.
 *
 * Each person comes from an address of their own (X-Forwarded-For, which the app trusts from
 * its one proxy in production, with X-Forwarded-Proto: https as that proxy sends): the app's
 * rate limits stay on, as real, and a load from thousands of people is not mistaken for one
 * person asking thousands of times. A 429 would count as an error.
 *
 * It uses Node's own http client with a keep-alive agent of `connections` sockets: one
 * request at a time on each, no redirects followed behind our back, cookies kept per person.
 */
import http from 'node:http'
import { neverAskedPath, type NeverAskedKind, type QueryPlaces } from './queries'
import { Random } from './random'
import type { BenchAccount } from './mixedAccounts'

/** What each request is counted as, in the table's order. */
export const MIXED_KINDS = [
  'search',
  'page',
  'map markers',
  'sign-in',
  'suggestion',
  'introduction',
  'form page',
  'confirmation page',
] as const
export type MixedKind = (typeof MIXED_KINDS)[number]

/** What a person does: a read is one request, a write is a form, its POST and what follows. */
type Task = 'search' | 'page' | 'map markers' | 'sign-in' | 'suggestion' | 'introduction'

/** How often each task is done, out of 100: mostly reading, a fifth writing. */
export const TASK_WEIGHTS: readonly (readonly [Task, number])[] = [
  ['search', 30],
  ['page', 25],
  ['map markers', 20],
  ['sign-in', 5],
  ['suggestion', 10],
  ['introduction', 10],
]

export interface MixedJob {
  baseUrl: string
  connections: number
  /** seconds */
  duration: number
  /** searches from fixed lists (so caches see hits), each asked at random */
  searchPaths: string[]
  /** never-asked searches, numbered on from `first` */
  neverAsked: { kinds: NeverAskedKind[]; places: QueryPlaces; first: number }
  pagePaths: string[]
  markerPaths: string[]
  accounts: BenchAccount[]
  serviceIds: number[]
  hubSlugs: string[]
}

/** One kind's numbers. */
export interface KindResult {
  kind: MixedKind
  requests: number
  p50Ms: number
  p95Ms: number
  p99Ms: number
  maxMs: number
  /** answers with a status other than 2xx or 3xx */
  non2xx3xx: number
  /** answers with a 5xx status (also counted in non2xx3xx) */
  serverErrors: number
  /** no answer in time, a broken connection, or an answer not the one expected */
  errors: number
  /** the first few things that went wrong, to say what they were */
  examples: string[]
}

export interface MixedResult {
  /** seconds the load ran */
  seconds: number
  kinds: KindResult[]
}

const TIMEOUT_MS = 10_000

interface Answer {
  status: number
  location: string | undefined
  setCookies: string[]
  body: string
}

class Tally {
  private readonly latencies = new Map<MixedKind, number[]>()
  private readonly counts = new Map<MixedKind, { non2xx3xx: number; serverErrors: number; errors: number }>()
  private readonly examples = new Map<MixedKind, string[]>()

  took(kind: MixedKind, ms: number): void {
    const list = this.latencies.get(kind) ?? []
    list.push(ms)
    this.latencies.set(kind, list)
  }

  private countsOf(kind: MixedKind) {
    const counts = this.counts.get(kind) ?? { non2xx3xx: 0, serverErrors: 0, errors: 0 }
    this.counts.set(kind, counts)
    return counts
  }

  status(kind: MixedKind, status: number, path: string): void {
    if (status >= 200 && status < 400) return
    const counts = this.countsOf(kind)
    counts.non2xx3xx++
    if (status >= 500) counts.serverErrors++
    this.example(kind, `${status} for ${path}`)
  }

  error(kind: MixedKind, what: string): void {
    this.countsOf(kind).errors++
    this.example(kind, what)
  }

  private example(kind: MixedKind, what: string): void {
    const list = this.examples.get(kind) ?? []
    if (list.length < 3) list.push(what.slice(0, 200))
    this.examples.set(kind, list)
  }

  results(): KindResult[] {
    return MIXED_KINDS.map((kind) => {
      const sorted = (this.latencies.get(kind) ?? []).sort((a, b) => a - b)
      const at = (p: number) =>
        sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0)
      const counts = this.counts.get(kind) ?? { non2xx3xx: 0, serverErrors: 0, errors: 0 }
      return {
        kind,
        requests: sorted.length,
        p50Ms: at(0.5),
        p95Ms: at(0.95),
        p99Ms: at(0.99),
        maxMs: sorted.at(-1) ?? 0,
        ...counts,
        examples: this.examples.get(kind) ?? [],
      }
    })
  }
}

/** One person: their own address and cookies. */
class Person {
  private readonly cookies = new Map<string, string>()

  constructor(
    private readonly agent: http.Agent,
    private readonly baseUrl: URL,
    private readonly address: string,
    private readonly tally: Tally,
  ) {}

  /**
   * One request, timed and counted under `kind`; null when it got no answer (counted as an
   * error). A status is counted when it is not 2xx or 3xx.
   */
  async ask(
    kind: MixedKind,
    method: 'GET' | 'POST',
    path: string,
    form?: URLSearchParams,
  ): Promise<Answer | null> {
    const body = form?.toString()
    // As the app's one proxy in production sends them: the person's address, and that they
    // came over https (without it, the app sets no Secure session cookie, and a form fails).
    const headers: http.OutgoingHttpHeaders = {
      'x-forwarded-for': this.address,
      'x-forwarded-proto': 'https',
    }
    if (this.cookies.size > 0)
      headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    if (body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded'
      headers['content-length'] = Buffer.byteLength(body)
    }
    const started = performance.now()
    try {
      const answer = await new Promise<Answer>((resolve, reject) => {
        const request = http.request(
          {
            agent: this.agent,
            host: this.baseUrl.hostname,
            port: this.baseUrl.port,
            method,
            path,
            headers,
            timeout: TIMEOUT_MS,
          },
          (response) => {
            const chunks: Buffer[] = []
            response.on('data', (chunk: Buffer) => chunks.push(chunk))
            response.on('error', reject)
            response.on('end', () =>
              resolve({
                status: response.statusCode ?? 0,
                location: response.headers.location,
                setCookies: response.headers['set-cookie'] ?? [],
                body: Buffer.concat(chunks).toString('utf8'),
              }),
            )
          },
        )
        request.on('timeout', () => request.destroy(new Error(`no answer in ${TIMEOUT_MS / 1000} s`)))
        request.on('error', reject)
        request.end(body)
      })
      this.tally.took(kind, performance.now() - started)
      this.tally.status(kind, answer.status, path)
      for (const cookie of answer.setCookies) {
        const [pair] = cookie.split(';')
        const at = pair?.indexOf('=') ?? -1
        if (pair && at > 0) this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim())
      }
      return answer
    } catch (error) {
      this.tally.error(kind, `${method} ${path}: ${(error as Error).message}`)
      return null
    }
  }

  /** A page that must answer 200. */
  async read(kind: MixedKind, path: string): Promise<Answer | null> {
    const answer = await this.ask(kind, 'GET', path)
    return answer?.status === 200 ? answer : null
  }

  /**
   * Opens a form, sends it with the page's token and what `fill` adds, and follows the
   * redirect, which must lead to `sentTo`.
   */
  async submit(
    kind: MixedKind,
    formPath: string,
    sentTo: string,
    fill: (page: string) => Record<string, string>,
  ): Promise<void> {
    const page = await this.read('form page', formPath)
    if (!page) return
    const token = inputValue(page.body, '_csrf')
    if (!token) {
      this.tally.error('form page', `no form token on ${formPath}`)
      return
    }
    const form = new URLSearchParams({ ...fill(page.body), _csrf: token })
    const sent = await this.ask(kind, 'POST', formPath, form)
    if (!sent || sent.status >= 400) return
    if (sent.status !== 303 || sent.location !== sentTo) {
      const problem = /govuk-error-summary__list[\s\S]*?<a[^>]*>([^<]*)</.exec(sent.body)?.[1]
      this.tally.error(
        kind,
        `${formPath} answered ${sent.status}${sent.location ? ` to ${sent.location}` : ''}${problem ? `: ${problem.trim()}` : ''}`,
      )
      return
    }
    await this.read('confirmation page', sentTo)
  }
}

/** The value of the first <input name="NAME" ... value="..."> in a page, unescaped. */
export function inputValue(html: string, name: string): string | undefined {
  const tag = new RegExp(`<input[^>]*\\sname="${name}"[^>]*>`).exec(html)?.[0]
  const value = tag ? /\svalue="([^"]*)"/.exec(tag)?.[1] : undefined
  return value === undefined ? undefined : unescapeHtml(value)
}

/** Undoes Handlebars' escaping (& < > " ' ` =) and numeric references. */
export function unescapeHtml(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X')) return String.fromCodePoint(parseInt(ref.slice(2), 16))
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)))
    return named[ref.toLowerCase()] ?? whole
  })
}

/** The nth person's address: one of 10.0.0.0/8's, in turn. */
const addressOf = (n: number): string => `10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255 || 1}`

const HELP_WANTED = [
  'Someone to walk with on Sunday mornings, I have been on my own since my wife died',
  'Help filling in a form for a blue badge',
  'A group where my son, who is autistic, can meet other teenagers',
  'Someone who can help me practise English conversation',
  'Advice about fixing a leaking roof as a tenant',
]

async function drive(job: MixedJob): Promise<MixedResult> {
  const tally = new Tally()
  const agent = new http.Agent({ keepAlive: true, maxSockets: job.connections })
  const baseUrl = new URL(job.baseUrl)
  const random = new Random(13)
  let people = 0
  let nextNeverAsked = job.neverAsked.first
  const started = performance.now()
  const stopAt = started + job.duration * 1000

  const task = async (person: Person, n: number): Promise<void> => {
    switch (random.weighted(TASK_WEIGHTS)) {
      case 'search': {
        // Half from the fixed lists, half never asked before.
        const path = random.chance(0.5)
          ? random.pick(job.searchPaths)
          : neverAskedPath(random.pick(job.neverAsked.kinds), job.neverAsked.places, nextNeverAsked++)
        await person.read('search', path)
        return
      }
      case 'page':
        await person.read('page', random.pick(job.pagePaths))
        return
      case 'map markers':
        await person.read('map markers', random.pick(job.markerPaths))
        return
      case 'sign-in': {
        const account = random.pick(job.accounts)
        await person.submit('sign-in', '/sign-in', '/account', () => ({
          email: account.email,
          password: account.password,
        }))
        return
      }
      case 'suggestion': {
        const id = random.pick(job.serviceIds)
        await person.submit('suggestion', `/services/${id}/suggest-a-change`, '/suggestion-sent', (page) => ({
          // The name as it is (a change to it would be a suggestion to rename), and a note.
          name: inputValue(page, 'name') ?? '',
          note: `The Tuesday session has moved to 2pm (bench person ${n})`,
          replyEmail: `bench-visitor-${n}@example.org`,
        }))
        return
      }
      case 'introduction': {
        const slug = random.pick(job.hubSlugs)
        await person.submit(
          'introduction',
          `/put-me-in-touch?from=hub&hub=${encodeURIComponent(slug)}`,
          '/put-me-in-touch/sent',
          () => ({
            helpWanted: random.pick(HELP_WANTED),
            name: `Bench Person ${n}`,
            route: 'email',
            email: `bench-visitor-${n}@example.org`,
            phone: '',
            area: 'Margate',
            website: '',
          }),
        )
        return
      }
    }
  }

  const connection = async () => {
    while (performance.now() < stopAt) {
      const n = ++people
      await task(new Person(agent, baseUrl, addressOf(n), tally), n)
    }
  }
  await Promise.all(Array.from({ length: job.connections }, connection))
  agent.destroy()
  return { seconds: (performance.now() - started) / 1000, kinds: tally.results() }
}

// Only as the load's own process: bench/report.ts imports MIXED_KINDS from here.
if (require.main === module)
  process.once('message', (job: MixedJob) => {
    drive(job).then(
      (result) => process.send?.(result, () => process.exit(0)),
      (error: unknown) => {
        console.error(error)
        process.exit(1)
      },
    )
  })
