/** Keeping listings fresh: one strict zod schema per form. */
import { z } from 'zod'
import { CHECK_WAYS } from '../../../db/repositories/freshnessRepository'
import { ARCHIVE_REASON_MAX } from '../../services/freshness/freshnessService'

const text = (value: unknown): unknown => (typeof value === 'string' ? value : '')

const form = <Shape extends z.ZodRawShape>(shape: Shape) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? 'The form sent something we did not ask for. Please try again'
        : undefined,
  })

/** "Mark as checked": how it was checked. */
export const checkedForm = form({
  how: z.enum(CHECK_WAYS, { error: 'Choose how you checked it' }),
})

/** "Archive": why. */
export const archiveForm = form({
  reason: z.preprocess(
    text,
    z
      .string()
      .trim()
      .min(1, 'Enter why you are archiving it')
      .max(ARCHIVE_REASON_MAX, `The reason must be ${ARCHIVE_REASON_MAX} characters or fewer`),
  ),
})

/** The hub's slug in the address, or null when it cannot be one. */
export function parseHubSlug(value: unknown): string | null {
  return typeof value === 'string' && /^[a-z0-9][a-z0-9-]{0,99}$/.test(value) ? value : null
}
