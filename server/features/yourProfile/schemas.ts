/**
 * The forms of "Your profile". Each takes only its own fields and the CSRF token (checked
 * before the router sees the form): anything else is refused, and none of them names a
 * person or an account. Whose profile it is comes from the session, never from a form.
 */
import { z } from 'zod'

/** The CSRF token every form carries; server/middleware/csrf.ts has checked it already. */
const csrf = { _csrf: z.string().max(1000) }

/** "Pause my profile" or "Show my profile again". */
export const pauseForm = z.object({ ...csrf, action: z.enum(['pause', 'resume']) }).strict()

/** "Withdraw my consent": the button alone. */
export const withdrawForm = z.object(csrf).strict()

/** "Delete my data": the button alone. */
export const deleteForm = z.object(csrf).strict()

/** A form that sent something it should not: the plain 400 page, and nothing changes. */
export class BadFormError extends Error {
  readonly status = 400
  constructor() {
    super('The form sent fields it does not have')
  }
}

/** The form's fields, parsed, or a BadFormError. */
export function parseForm<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {})
  if (!parsed.success) throw new BadFormError()
  return parsed.data
}
