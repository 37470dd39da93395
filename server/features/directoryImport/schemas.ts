import { z } from 'zod'

/** An upload's id as made by DirectoryImportService.dryRun: 32 hex digits. */
export const uploadId = z.string().regex(/^[0-9a-f]{32}$/)

/** The id in the address, or null when it cannot be one. */
export function parseUploadId(value: unknown): string | null {
  const parsed = uploadId.safeParse(value)
  return parsed.success ? parsed.data : null
}

/** The most a file may be (100,000 full rows are about 36 MB): bigger files are refused with a plain message, never read whole. */
export const MOST_BYTES = 40 * 1024 * 1024

/** What an upload form sends besides its file: its CSRF token only. */
export const uploadForm = z.strictObject({ _csrf: z.string() })

/** The import button's form: its CSRF token only. */
export const importForm = z.strictObject({ _csrf: z.string() })

/** The most a feed's JSON file may be on the import page: the command reads bigger ones. */
export const MOST_FEED_BYTES = 20 * 1024 * 1024

/** What the Open Referral UK form sends besides its file: its CSRF token and an address (either may be empty). */
export const openReferralForm = z.strictObject({
  _csrf: z.string(),
  url: z.string().max(2000, 'The address must be 2,000 characters or fewer').optional(),
})
