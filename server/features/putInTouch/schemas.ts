/**
 * "Ask to be put in touch": where the form was asked from (its query), and the form itself
 * (one strict zod schema: the CSRF token is checked and set aside before). What a field must
 * hold is said in plain words, as the page shows it.
 */
import { z } from 'zod'
import type { AskedFrom } from '../../services/introductions/contract'
import { REPLY_ROUTES } from '../../services/introductions/contract'

export const HELP_WANTED_MAX = 1000
export const NAME_MAX = 100
export const AREA_MAX = 100
const SEARCH_WORDS_MAX = 200

/** The form's fields, in the order they stand on the page: each problem links to its own. */
export const FIELD_IDS = {
  helpWanted: 'helpWanted',
  name: 'name',
  route: 'route',
  email: 'email',
  phone: 'phone',
  area: 'area',
  hub: 'hub',
} as const

/** The hidden box a robot fills in and a person leaves empty (the honeypot). */
export const HONEYPOT_FIELD = 'website'

/** What was typed, as the page shows it again. */
export interface PutMeInTouchTyped {
  helpWanted: string
  name: string
  route: string
  email: string
  phone: string
  area: string
  hub: string
}

const first = (value: unknown): string =>
  typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : ''

const isWholeNumber = (value: string): boolean => /^[1-9][0-9]{0,11}$/.test(value)

/**
 * Where the form was asked from, by its query (?from=service&id=12, ?from=hub&hub=thanet,
 * ?from=person&id=5, ?from=search&q=..&where=..); with no `from`, the form on its own.
 * Undefined for a query that names no page (the 404 page).
 */
export function parseAskedFrom(query: Record<string, unknown>): AskedFrom | undefined {
  const from = first(query.from)
  const id = first(query.id)
  switch (from) {
    case '':
      return { kind: 'direct' }
    case 'service':
      return isWholeNumber(id) ? { kind: 'service', serviceId: Number(id) } : undefined
    case 'person':
      return isWholeNumber(id) ? { kind: 'person', personId: Number(id) } : undefined
    case 'hub': {
      const slug = first(query.hub)
      return /^[a-z0-9-]{1,100}$/.test(slug) ? { kind: 'hub', slug } : undefined
    }
    case 'search':
      return {
        kind: 'search',
        words: first(query.q).trim().slice(0, SEARCH_WORDS_MAX),
        where: first(query.where).trim().slice(0, AREA_MAX),
      }
    default:
      return undefined
  }
}

/** A text box's value: a string, or '' for anything else (missing, or sent twice). */
const text = (value: unknown): unknown => (typeof value === 'string' ? value : '')

/** A phone number: digits, with spaces, brackets, dashes and a leading + allowed; 10 to 13 digits. */
const PHONE = /^\+?[0-9 ()-]+$/
const digitsIn = (value: string) => value.replace(/[^0-9]/g, '').length
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export const PHONE_MESSAGE = 'Enter a UK phone number, like 01632 960 001 or 07700 900 982'

/** The form, as sent from the form page or from "Which hub?" (which adds `hub` and `choosing`). */
export const putMeInTouchForm = z
  .strictObject(
    {
      helpWanted: z.preprocess(
        text,
        z
          .string()
          .trim()
          .min(1, 'Enter what help you are looking for')
          .max(
            HELP_WANTED_MAX,
            `What help you are looking for must be ${HELP_WANTED_MAX} characters or fewer`,
          ),
      ),
      name: z.preprocess(
        text,
        z
          .string()
          .trim()
          .min(1, 'Enter your name')
          .max(NAME_MAX, `Your name must be ${NAME_MAX} characters or fewer`),
      ),
      route: z.preprocess(
        text,
        z.enum(REPLY_ROUTES, { error: 'Choose how you would like us to get in touch with you' }),
      ),
      email: z.preprocess(
        text,
        z.string().trim().max(254, 'Your email address must be 254 characters or fewer'),
      ),
      phone: z.preprocess(text, z.string().trim().max(30, PHONE_MESSAGE)),
      area: z.preprocess(
        text,
        z
          .string()
          .trim()
          .min(1, 'Enter your town or postcode')
          .max(AREA_MAX, `Your town or postcode must be ${AREA_MAX} characters or fewer`),
      ),
      hub: z.preprocess(text, z.string().trim().max(100, 'Choose a hub from the list')),
      /** on "Which hub?": a hub must be chosen */
      choosing: z.preprocess(text, z.string().max(10)),
      [HONEYPOT_FIELD]: z.preprocess(text, z.string().max(2000)),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? 'The form sent something we did not ask for. Please try again'
          : undefined,
    },
  )
  .superRefine((form, context) => {
    if (form.route === 'email') {
      if (form.email === '')
        context.addIssue({ code: 'custom', path: ['email'], message: 'Enter your email address' })
      else if (!EMAIL.test(form.email))
        context.addIssue({
          code: 'custom',
          path: ['email'],
          message: 'Enter an email address in the correct format, like name@example.com',
        })
    }
    if (form.route === 'phone') {
      if (form.phone === '')
        context.addIssue({ code: 'custom', path: ['phone'], message: 'Enter your phone number' })
      else if (!PHONE.test(form.phone) || digitsIn(form.phone) < 10 || digitsIn(form.phone) > 13)
        context.addIssue({ code: 'custom', path: ['phone'], message: PHONE_MESSAGE })
    }
    if (form.choosing === 'yes' && form.hub === '')
      context.addIssue({ code: 'custom', path: ['hub'], message: 'Choose the hub to send your request to' })
  })

export type PutMeInTouchForm = z.infer<typeof putMeInTouchForm>

/** What a form sent, as the page shows it again (at most a little over each field's limit). */
export function typedIn(body: Record<string, unknown>): PutMeInTouchTyped {
  const kept = (name: string, max: number) => first(body[name]).slice(0, max + 100)
  return {
    helpWanted: kept('helpWanted', HELP_WANTED_MAX),
    name: kept('name', NAME_MAX),
    route: kept('route', 10),
    email: kept('email', 254),
    phone: kept('phone', 30),
    area: kept('area', AREA_MAX),
    hub: kept('hub', 100),
  }
}
