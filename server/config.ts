import { z } from 'zod'
import { DEFAULT_ANSWER_DAYS, DEFAULT_RETENTION_MONTHS } from './services/introductions/contract'

const portNumber = z.coerce
  .number({ message: 'must be a whole number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535')

const configSchema = z
  .object({
    NODE_ENV: z
      .enum(['development', 'test', 'production'], { message: 'must be development, test or production' })
      .default('development'),
    PORT: portNumber.default(3000),
    DATABASE_PATH: z.string().min(1, 'must not be empty').default('data/common-ground.sqlite'),
    BASE_URL: z.url({ message: 'must be a full web address such as http://localhost:3000' }).optional(),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters long').optional(),
    TILE_URL: z
      .string()
      .regex(
        /^https:\/\/[^\s]+\{z\}[^\s]*\{x\}[^\s]*\{y\}/,
        'must be an https address containing {z}, {x} and {y}',
      )
      .default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
    TILE_ATTRIBUTION: z
      .string()
      .min(1, 'must not be empty')
      .default('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'),
    PRIVACY_MIN_COUNT: z.coerce
      .number({ message: 'must be a whole number' })
      .int('must be a whole number')
      .min(2, 'must be 2 or more')
      .default(5),
    // One of the distances a person can choose, so a list and its map can name it.
    SEARCH_RADIUS_MILES: z.coerce
      .number({ message: 'must be 1, 3, 5, 10, 25 or 50' })
      .refine((miles) => [1, 3, 5, 10, 25, 50].includes(miles), 'must be 1, 3, 5, 10, 25 or 50')
      .default(10),
    // Searches run in a worker thread and get this long before the page says "Try fewer words
    // or a smaller area"; 0 runs them on the main thread instead (as an in-memory database does).
    SEARCH_TIME_LIMIT_MS: z.coerce
      .number({ message: 'must be a whole number of milliseconds' })
      .int('must be a whole number of milliseconds')
      .min(0, 'must be 0 or more')
      .max(60_000, 'must be 60000 (a minute) or less')
      .default(800),
    // The open data API (issue 14, /openreferral/v3): how many requests one address may make
    // in a minute before it is asked to wait (429 with Retry-After); 0 turns the limit off.
    OPEN_DATA_REQUESTS_PER_MINUTE: z.coerce
      .number({ message: 'must be a whole number' })
      .int('must be a whole number')
      .min(0, 'must be 0 or more')
      .default(300),
    // Accounts (issue 9): email through this SMTP server, else into the outbox table.
    SMTP_URL: z
      .url({ message: 'must be a full address such as smtp://user:pass@mail.example.org:587' })
      .optional(),
    MAIL_FROM: z.string().min(3, 'must be an email address').default('Common Ground <no-reply@localhost>'),
    AUDIT_RETENTION_DAYS: z.coerce
      .number({ message: 'must be a whole number of days' })
      .int('must be a whole number of days')
      .min(30, 'must be 30 days or more')
      .default(730),
    // Being put in touch (issue 11): days a person asked has to answer before the request goes
    // back to the hub's queue, and months after closing that an introduction is anonymised.
    INTRODUCTION_ANSWER_DAYS: z.coerce
      .number({ message: 'must be a whole number of days' })
      .int('must be a whole number of days')
      .min(1, 'must be 1 day or more')
      .max(60, 'must be 60 days or fewer')
      .default(DEFAULT_ANSWER_DAYS),
    INTRODUCTION_RETENTION_MONTHS: z.coerce
      .number({ message: 'must be a whole number of months' })
      .int('must be a whole number of months')
      .min(1, 'must be 1 month or more')
      .max(120, 'must be 120 months or fewer')
      .default(DEFAULT_RETENTION_MONTHS),
    // Retention (issue 13): how long the daily purge keeps each kind of data. The privacy notice
    // states these numbers, so changing one changes what residents are told.
    OUTBOX_RETENTION_DAYS: z.coerce
      .number({ message: 'must be a whole number of days' })
      .int('must be a whole number of days')
      .min(1, 'must be 1 day or more')
      .max(365, 'must be 365 days or fewer')
      .default(30),
    SHARING_DRAFT_RETENTION_DAYS: z.coerce
      .number({ message: 'must be a whole number of days' })
      .int('must be a whole number of days')
      .min(1, 'must be 1 day or more')
      .max(730, 'must be 730 days or fewer')
      .default(90),
    // Days a profile whose consent was withdrawn (and not given again) is kept, so that the
    // person can change their mind, before the purge deletes it as "Delete your data" would.
    WITHDRAWN_PROFILE_RETENTION_DAYS: z.coerce
      .number({ message: 'must be a whole number of days' })
      .int('must be a whole number of days')
      .min(1, 'must be 1 day or more')
      .max(365, 'must be 365 days or fewer')
      .default(90),
    EXPIRED_LINK_RETENTION_DAYS: z.coerce
      .number({ message: 'must be a whole number of days' })
      .int('must be a whole number of days')
      .min(0, 'must be 0 days or more')
      .max(90, 'must be 90 days or fewer')
      .default(7),
    // On SIGTERM or SIGINT, requests under way get this long to finish before they are cut off.
    SHUTDOWN_GRACE_MS: z.coerce
      .number({ message: 'must be a whole number of milliseconds' })
      .int('must be a whole number of milliseconds')
      .min(0, 'must be 0 or more')
      .max(120_000, 'must be 120000 (two minutes) or less')
      .default(10_000),
    // Importing another directory's Open Referral UK feed (issue 14): the server fetches the
    // address typed, so private and loopback addresses are refused unless this says yes (for
    // tests and development, which read a feed on this machine).
    FEEDS_FROM_PRIVATE_ADDRESSES: z.enum(['yes', 'no'], { message: 'must be yes or no' }).default('no'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: 'is required when NODE_ENV is production',
      })
    }
  })

type ParsedEnv = z.infer<typeof configSchema>

export interface Config {
  env: ParsedEnv['NODE_ENV']
  port: number
  databasePath: string
  baseUrl: string
  sessionSecret: string
  tileUrl: string
  tileAttribution: string
  /** Privacy rule 3: counts of non-public people below this are never shown. */
  privacyMinCount: number
  /**
   * A search with a place shows what is within this many miles; only when nothing is, it
   * widens to 10, 25 and then 50 miles, and says so.
   */
  searchRadiusMiles: number
  /**
   * How long a search may take, in milliseconds, before the page says "Try fewer words or a
   * smaller area" (800 by default: rendering the page takes up to 100 ms more on a busy 2-core
   * machine with npm start's settings, and the page must be out within a second). Searches run in a
   * worker thread with its own read-only connection, so /health and other pages answer while
   * one runs, and a worker stuck in a long statement is replaced. 0 turns the worker off:
   * searches run on the main thread, stopped only by their own work budget.
   */
  searchTimeLimitMs: number
  /**
   * Requests to the open data API (/openreferral/v3) one address may make in a minute before
   * the answer is 429 with Retry-After (300 by default: five a second, more than a directory
   * reading our pages one after another needs). 0 turns the limit off.
   */
  openDataRequestsPerMinute: number
  logLevel: NonNullable<ParsedEnv['LOG_LEVEL']>
  /** whether a feed import may read private and loopback addresses (never in production) */
  feedsFromPrivateAddresses: boolean
  /**
   * On SIGTERM or SIGINT the app stops listening at once, and requests under way get this long
   * (10 s by default, inside the 30 s most service managers wait before SIGKILL) to finish.
   */
  shutdownGraceMs: number
  /** send email through this SMTP server; without one, emails go to the outbox table */
  smtpUrl: string | null
  /** who emails come from */
  mailFrom: string
  /** how many days audit entries are kept before the pruning job may delete them */
  auditRetentionDays: number
  /** days a person asked to help has to answer before the request goes back to the hub's queue */
  introductionAnswerDays: number
  /** months after an introduction is closed that it is anonymised (the privacy notice says so) */
  introductionRetentionMonths: number
  /** days a kept copy of an email (the outbox, used when there is no mail server) is kept */
  outboxRetentionDays: number
  /** days an unfinished "Share your skills" draft is kept after it was last changed */
  sharingDraftRetentionDays: number
  /** days a profile whose consent was withdrawn (and not given again) is kept before it is deleted */
  withdrawnProfileRetentionDays: number
  /**
   * days a one-use link (sign-in, set a password, confirm or change an email address, claim a
   * profile, answer an introduction) is kept after it stops working: for that long, opening it
   * again says it has expired or been used, rather than that it is not recognised
   */
  expiredLinkRetentionDays: number
  /**
   * Error pages show the error's details (its stack, with file paths) only when NODE_ENV is
   * set to development on purpose, never because it was left unset.
   */
  showErrorDetails: boolean
  /**
   * Templates are compiled once and kept, unless NODE_ENV is set to development on purpose
   * (`npm run dev`, where an edited template shows on the next request). `npm start` sets no
   * NODE_ENV, and without the cache every page compiled its templates again: 60 to 120 ms a
   * page at 1,000,000 services under load, against 15 to 35 ms with it.
   */
  cacheViews: boolean
}

export class ConfigError extends Error {}

/** Reads the environment once. A bad value throws a ConfigError naming the variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable is treated as not set, as in most shells' .env files.
  const present = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ''),
  )
  const result = configSchema.safeParse(present)
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`)
    throw new ConfigError(`Configuration problem: ${lines.join('; ')}`)
  }
  const env = result.data
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    databasePath: env.DATABASE_PATH,
    baseUrl: env.BASE_URL ?? `http://localhost:${env.PORT}`,
    // Outside production a fixed development secret keeps `npm start` working with no setup.
    sessionSecret: env.SESSION_SECRET ?? 'development-only-secret-do-not-use-in-production',
    tileUrl: env.TILE_URL,
    tileAttribution: env.TILE_ATTRIBUTION,
    privacyMinCount: env.PRIVACY_MIN_COUNT,
    searchRadiusMiles: env.SEARCH_RADIUS_MILES,
    searchTimeLimitMs: env.SEARCH_TIME_LIMIT_MS,
    openDataRequestsPerMinute: env.OPEN_DATA_REQUESTS_PER_MINUTE,
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    feedsFromPrivateAddresses: env.FEEDS_FROM_PRIVATE_ADDRESSES === 'yes' && env.NODE_ENV !== 'production',
    smtpUrl: env.SMTP_URL ?? null,
    mailFrom: env.MAIL_FROM,
    auditRetentionDays: env.AUDIT_RETENTION_DAYS,
    introductionAnswerDays: env.INTRODUCTION_ANSWER_DAYS,
    introductionRetentionMonths: env.INTRODUCTION_RETENTION_MONTHS,
    outboxRetentionDays: env.OUTBOX_RETENTION_DAYS,
    sharingDraftRetentionDays: env.SHARING_DRAFT_RETENTION_DAYS,
    withdrawnProfileRetentionDays: env.WITHDRAWN_PROFILE_RETENTION_DAYS,
    expiredLinkRetentionDays: env.EXPIRED_LINK_RETENTION_DAYS,
    showErrorDetails: present.NODE_ENV === 'development',
    cacheViews: present.NODE_ENV !== 'development',
  }
}

/** A configuration for tests: quiet, in memory, with any overrides. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ NODE_ENV: 'test', DATABASE_PATH: ':memory:' }), ...overrides }
}
