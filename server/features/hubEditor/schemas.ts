/**
 * The hub editor's forms. Each takes only its own fields; what was typed is kept to show
 * again on a problem, never trusted for anything else. The centre and the area's boundary are
 * checked by HubEditorService (through the location service and hubBoundary.ts).
 */
import { z } from 'zod'
import type { FieldProblem } from '../../forms'
import { problemsOf } from '../../forms'
import { BOUNDARY_MAX_LENGTH } from '../../services/hubs/hubBoundary'
import { type HubDetails, SLUG_MAX_LENGTH, SLUG_PATTERN } from '../../services/hubs/hubEditorService'
import { WHERE_MAX_LENGTH } from '../../services/locationService'
import { parsePageNumber } from '../../validation/pageNumber'

export const NAME_MAX = 100
export const DESCRIPTION_MAX = 2000
export const MEETING_MAX = 500
/** The widest radius a hub may have: a hub is a neighbourhood, not a county. */
export const RADIUS_MAX_MILES = 50

const one = (value: unknown): string => (typeof value === 'string' ? value.trim() : '')

/** The hub form as it was typed (boundary kept as pasted, not trimmed of its lines). */
export interface HubFormTyped {
  name: string
  slug: string
  description: string
  meetingPlace: string
  meetingTimes: string
  phone: string
  email: string
  centre: string
  centreChoice: string
  area: string
  radiusMiles: string
  boundary: string
}

export function hubFormTyped(body: Record<string, unknown>): HubFormTyped {
  return {
    name: one(body.name).slice(0, 1000),
    slug: one(body.slug).slice(0, 200),
    description: one(body.description).slice(0, 10_000),
    meetingPlace: one(body.meetingPlace).slice(0, 2000),
    meetingTimes: one(body.meetingTimes).slice(0, 2000),
    phone: one(body.phone).slice(0, 100),
    email: one(body.email).slice(0, 300),
    centre: one(body.centre).slice(0, 200),
    centreChoice: one(body.centreChoice).slice(0, 200),
    area: one(body.area).slice(0, 20),
    radiusMiles: one(body.radiusMiles).slice(0, 20),
    boundary: one(body.boundary).slice(0, BOUNDARY_MAX_LENGTH + 1),
  }
}

const hubForm = z
  .object({
    name: z
      .string()
      .min(1, 'Enter the hub’s name')
      .max(NAME_MAX, `The hub’s name must be ${NAME_MAX} characters or fewer`),
    slug: z.string(),
    description: z
      .string()
      .max(DESCRIPTION_MAX, `The description must be ${DESCRIPTION_MAX} characters or fewer`),
    meetingPlace: z.string().max(MEETING_MAX, `Where it meets must be ${MEETING_MAX} characters or fewer`),
    meetingTimes: z.string().max(MEETING_MAX, `When it meets must be ${MEETING_MAX} characters or fewer`),
    phone: z
      .string()
      .max(30, 'Enter a phone number of 30 characters or fewer')
      .refine((v) => v === '' || /^[0-9+() -]{6,30}$/.test(v), {
        message: 'Enter a phone number, like 01632 960001, using numbers and spaces only',
      }),
    email: z
      .string()
      .max(254, 'The email address must be 254 characters or fewer')
      .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), {
        message: 'Enter an email address in the correct format, like hub@example.org',
      }),
    centre: z
      .string()
      .min(1, 'Enter a town, village or postcode for the hub’s centre')
      .max(WHERE_MAX_LENGTH, `The centre must be ${WHERE_MAX_LENGTH} characters or fewer`),
    area: z.enum(['radius', 'boundary'], {
      message: 'Choose whether the hub covers a distance or a boundary',
    }),
    radiusMiles: z.string(),
    boundary: z.string(),
  })
  .superRefine((form, context) => {
    if (form.area === 'radius') {
      const miles = Number(form.radiusMiles)
      if (form.radiusMiles === '') {
        context.addIssue({
          code: 'custom',
          path: ['radiusMiles'],
          message: 'Enter how many miles the hub covers',
        })
      } else if (!/^[0-9]+(\.[0-9]+)?$/.test(form.radiusMiles) || !(miles > 0)) {
        context.addIssue({
          code: 'custom',
          path: ['radiusMiles'],
          message: 'Enter the distance as a number of miles, like 3 or 2.5',
        })
      } else if (miles > RADIUS_MAX_MILES) {
        context.addIssue({
          code: 'custom',
          path: ['radiusMiles'],
          message: `Enter a distance of ${RADIUS_MAX_MILES} miles or less`,
        })
      }
    }
    if (form.area === 'boundary' && form.boundary === '') {
      context.addIssue({
        code: 'custom',
        path: ['boundary'],
        message: 'Paste the boundary as GeoJSON, or choose a distance instead',
      })
    }
  })

/**
 * The hub form: the details to save, or every problem with its shape. `editing` adds the
 * slug (the hub's address), which only an existing hub's form shows.
 */
export function parseHubForm(
  typed: HubFormTyped,
  editing: boolean,
): { details: HubDetails | null; problems: FieldProblem[] } {
  const problems: FieldProblem[] = []
  const parsed = hubForm.safeParse(typed)
  if (!parsed.success) problems.push(...problemsOf(parsed.error))
  if (editing && !(typed.slug.length <= SLUG_MAX_LENGTH && SLUG_PATTERN.test(typed.slug))) {
    problems.push({
      field: 'slug',
      message: `Enter the address using small letters, numbers and single hyphens, ${SLUG_MAX_LENGTH} characters or fewer, like east-thanet`,
    })
  }
  if (!parsed.success || problems.length > 0) return { details: null, problems }
  const form = parsed.data
  return {
    problems: [],
    details: {
      name: form.name,
      ...(editing ? { slug: typed.slug } : {}),
      description: form.description,
      meetingPlace: form.meetingPlace,
      meetingTimes: form.meetingTimes,
      phone: form.phone,
      email: form.email,
      // A "which place?" choice stands for what was typed.
      centre: typed.centreChoice !== '' ? typed.centreChoice : form.centre,
      area: form.area,
      radiusMiles: form.area === 'radius' ? Number(form.radiusMiles) : null,
      boundary: form.area === 'boundary' ? form.boundary : '',
    },
  }
}

/** /admin/hubs?q=&page= : the words (at most 100 characters) and the page; page undefined for no such page. */
export function parseHubsQuery(query: Record<string, unknown>): { q: string; page: number | undefined } {
  const q = typeof query.q === 'string' ? query.q.trim().slice(0, 100) : ''
  return { q, page: parsePageNumber(query.page) }
}

/** The people-and-partners form: which button, and its one field. */
export interface AssignTyped {
  action: string
  leadEmail: string
  partner: string
  partnerId: string
  accountId: string
}

export function assignTyped(body: Record<string, unknown>): AssignTyped {
  return {
    action: one(body.action).slice(0, 30),
    leadEmail: one(body.leadEmail).slice(0, 300),
    partner: one(body.partner).slice(0, 200),
    partnerId: one(body.partnerId).slice(0, 12),
    accountId: one(body.accountId).slice(0, 12),
  }
}

/** A whole number id from a form, or null. */
export function idFrom(text: string): number | null {
  return /^[1-9][0-9]{0,11}$/.test(text) ? Number(text) : null
}
