/**
 * One form layer: turns what a form's checks found (a zod error, or a list of problems) into
 * what a GOV.UK page shows on error: the summary at the top headed "There is a problem", each
 * line linking to its field, and the same message by the field.
 * https://design-system.service.gov.uk/components/error-summary/
 *
 * A POST route does:
 *   const result = schema.safeParse(req.body)
 *   if (!result.success) return res.status(400).render(page, { ...formErrors(result.error, FIELD_IDS), values: req.body })
 */
import type { z } from 'zod'

/** One problem with one field, in words for the person: { field: 'q', message: '...' }. */
export interface FieldProblem {
  /** the field's name as the form sends it ('q'), or a path into a nested one ('dob.day') */
  field: string
  message: string
}

/** One line of the error summary: the message, and a link to the field it is about. */
export interface ErrorSummaryItem {
  text: string
  href: string
}

export interface FormErrors {
  /** the summary's lines, in the order the fields stand on the page; empty when all is well */
  errorSummary: ErrorSummaryItem[]
  /** the message to show by each field, by the id of the field it links to */
  errors: Record<string, string>
}

/**
 * Which element each field's problems link to, in the order the fields stand on the page.
 * A field may link to another's id (lat and lng to the Where box: { lat: 'where' }).
 * A field that is not listed links to an element of its own name.
 */
export type FieldIds = Readonly<Record<string, string>>

export const NO_FORM_ERRORS: FormErrors = Object.freeze({ errorSummary: [], errors: {} }) as FormErrors

/** A zod error's issues as problems: each issue's path, joined with dots, names its field. */
export function problemsOf(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }))
}

/**
 * The error summary and the message by each field. The first message for a field wins (one
 * message a field, as GOV.UK asks), and so does the first for fields sharing one id. A problem
 * with no field (a rule about the whole form) links to the first field on the page.
 */
export function formErrors(found: z.ZodError | readonly FieldProblem[], fieldIds: FieldIds): FormErrors {
  const problems = Array.isArray(found) ? (found as readonly FieldProblem[]) : problemsOf(found as z.ZodError)
  const order = [...new Set(Object.values(fieldIds))]
  const errors = new Map<string, string>()
  for (const { field, message } of problems) {
    const id = idFor(field, fieldIds, order)
    if (!errors.has(id)) errors.set(id, message)
  }
  const place = (id: string) => {
    const at = order.indexOf(id)
    return at === -1 ? order.length : at
  }
  const ids = [...errors.keys()].sort((a, b) => place(a) - place(b))
  return {
    errorSummary: ids.map((id) => ({ text: errors.get(id) as string, href: `#${id}` })),
    errors: Object.fromEntries(ids.map((id) => [id, errors.get(id) as string])),
  }
}

/** The id a field's problem links to: its own entry, else its top-level field's, else its name. */
function idFor(field: string, fieldIds: FieldIds, order: string[]): string {
  if (field === '') return order[0] ?? 'main-content'
  if (Object.hasOwn(fieldIds, field)) return fieldIds[field] as string
  const top = field.split('.')[0] as string
  if (Object.hasOwn(fieldIds, top)) return fieldIds[top] as string
  return field.replace(/\./g, '-')
}

/** True when there is anything to put right. */
export function hasFormErrors(form: FormErrors): boolean {
  return form.errorSummary.length > 0
}
