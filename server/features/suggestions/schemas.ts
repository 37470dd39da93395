/**
 * The suggestion forms. Each field is optional text (a person changes only what matters);
 * what is typed is checked for its shape here, and the service keeps only what differs from
 * the listing now. Anything else a form sends is dropped.
 */
import { z } from 'zod'
import type { FieldProblem } from '../../forms'
import { type FieldName, type FieldValues, type FormKind, joinDays } from '../../services/suggestions/fields'

export const NOTE_MAX = 1000
export const REASON_MAX = 500

const text = (value: unknown): string => (typeof value === 'string' ? value : '')
const trimmed = (max: number, label: string) =>
  z.preprocess(text, z.string().trim().max(max, `${label} must be ${max} characters or fewer`))
const time = (label: string) =>
  z.preprocess(
    text,
    z
      .string()
      .trim()
      .regex(/^$|^([01][0-9]|2[0-3]):[0-5][0-9]$/, `Enter ${label} as a 24-hour time, like 10:00 or 14:30`),
  )

const FIELD_SCHEMAS: Record<FieldName, z.ZodType<string>> = {
  name: z.preprocess(
    text,
    z.string().trim().min(1, 'Enter the name').max(200, 'The name must be 200 characters or fewer'),
  ),
  description: trimmed(2000, 'What it is'),
  runBy: trimmed(200, 'Who runs it'),
  venue: trimmed(200, 'The name of the place'),
  address: trimmed(200, 'The address'),
  town: trimmed(100, 'The town or village'),
  postcode: trimmed(10, 'The postcode'),
  days: z.preprocess(
    (value) =>
      joinDays(
        (Array.isArray(value) ? value : [value]).filter((day): day is string => typeof day === 'string'),
      ),
    z.string(),
  ),
  opensAt: time('when it starts'),
  closesAt: time('when it ends'),
  times: trimmed(1000, 'The days and times'),
  cost: trimmed(100, 'The cost'),
  phone: z.preprocess(
    text,
    z
      .string()
      .trim()
      .regex(/^$|^[0-9+() -]{6,20}$/, 'Enter a phone number, like 01843 123456'),
  ),
  email: z.preprocess(
    text,
    z
      .string()
      .trim()
      .max(254, 'The email address must be 254 characters or fewer')
      .regex(
        /^$|^[^\s@]+@[^\s@]+\.[^\s@]+$/,
        'Enter an email address in the correct format, like name@example.com',
      ),
  ),
  website: z.preprocess(
    text,
    z
      .string()
      .trim()
      .max(300, 'The website must be 300 characters or fewer')
      .regex(/^$|^https?:\/\/[^\s]+\.[^\s]+$/, 'Enter a website address starting with https://'),
  ),
}

/** The fields of one suggestion form, as a zod object. */
export function fieldsSchema(fields: readonly FieldName[]) {
  const shape: Partial<Record<FieldName, z.ZodType<string>>> = {}
  for (const field of fields) shape[field] = FIELD_SCHEMAS[field]
  return z.object(shape as Record<string, z.ZodType<string>>)
}

const note = trimmed(NOTE_MAX, 'Your note')
const replyEmail = z.preprocess(
  text,
  z
    .string()
    .trim()
    .min(1, 'Enter your email address, so we can reply, or sign in')
    .max(254, 'Your email address must be 254 characters or fewer')
    .regex(
      /^[^\s@]+@[^\s@]+\.[^\s@]+$/,
      'Enter an email address in the correct format, like name@example.com',
    ),
)

/** What was typed into a form, kept to show again as it was typed. */
export function typedIn(
  fields: readonly FieldName[],
  body: Record<string, unknown>,
): FieldValues & { note: string; replyEmail: string } {
  const typed: FieldValues & { note: string; replyEmail: string } = {
    note: text(body.note).slice(0, NOTE_MAX * 2),
    replyEmail: text(body.replyEmail).slice(0, 500),
  }
  for (const field of fields)
    typed[field] =
      field === 'days'
        ? joinDays(
            (Array.isArray(body.days) ? body.days : [body.days]).filter(
              (d): d is string => typeof d === 'string',
            ),
          )
        : text(body[field]).slice(0, 3000)
  return typed
}

/** The suggest form: the fields, a note, and for a visitor the email address for our reply. */
export function parseSuggestForm(
  kind: FormKind,
  fields: readonly FieldName[],
  body: Record<string, unknown>,
  visitor: boolean,
): { values: FieldValues; note: string; replyEmail: string | null } | { problems: FieldProblem[] } {
  const schema = fieldsSchema(fields).extend({ note, ...(visitor ? { replyEmail } : {}) })
  const parsed = schema.safeParse(body)
  if (!parsed.success)
    return {
      problems: parsed.error.issues.map((issue) => ({
        field: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    }
  const { note: noteText, replyEmail: email, ...values } = parsed.data as Record<string, string>
  if (kind === 'new') {
    const problems: FieldProblem[] = []
    if (!values.postcode)
      problems.push({ field: 'postcode', message: 'Enter the postcode of where it meets' })
    if (problems.length > 0) return { problems }
  }
  return { values: sent(values, body), note: noteText ?? '', replyEmail: email ?? null }
}

/** The review form: the reviewer's final values, and Approve, or Reject with a reason. */
export function parseReviewForm(
  fields: readonly FieldName[],
  body: Record<string, unknown>,
):
  | { decision: 'approve'; values: FieldValues }
  | { decision: 'reject'; reason: string }
  | { problems: FieldProblem[] } {
  const decision = body.decision === 'reject' ? 'reject' : body.decision === 'approve' ? 'approve' : null
  if (decision === null) return { problems: [{ field: 'decision', message: 'Choose Approve or Reject' }] }
  if (decision === 'reject') {
    const reason = z
      .preprocess(
        text,
        z
          .string()
          .trim()
          .min(1, 'Enter why you are rejecting it: the person who suggested it will see this')
          .max(REASON_MAX, `The reason must be ${REASON_MAX} characters or fewer`),
      )
      .safeParse(body.reason)
    return reason.success
      ? { decision, reason: reason.data }
      : { problems: [{ field: 'reason', message: reason.error.issues[0]?.message ?? 'Enter a reason' }] }
  }
  const parsed = fieldsSchema(fields).safeParse(body)
  if (!parsed.success)
    return {
      problems: parsed.error.issues.map((issue) => ({
        field: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    }
  return { decision, values: sent(parsed.data as Record<string, string>, body) }
}

/** Only the fields the form sent: one it left out is not a change to empty (days: none ticked is sent as none). */
function sent(values: Record<string, string>, body: Record<string, unknown>): FieldValues {
  const kept: Record<string, string> = {}
  for (const [field, value] of Object.entries(values))
    if (field === 'days' || Object.hasOwn(body, field)) kept[field] = value
  return kept as FieldValues
}

/** The ids a form's problems link to, in page order. */
export function fieldIds(fields: readonly FieldName[]): Record<string, string> {
  const ids: Record<string, string> = {}
  for (const field of fields) ids[field] = field
  ids.note = 'note'
  ids.replyEmail = 'replyEmail'
  ids.reason = 'reason'
  ids.decision = 'reason'
  return ids
}
