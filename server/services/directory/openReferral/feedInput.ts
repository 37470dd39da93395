/**
 * Where a feed import starts (issue 14): an address to page through, or a file's JSON. Both
 * the command (`npm run import:oruk`) and the import page read a feed through here, so they
 * name its source the same way and fail with the same plain messages.
 */
import { createHash } from 'node:crypto'
import { FeedShapeError, parseFeedJson, servicesInDocument } from './feedDocuments'
import { fetchFeed, FeedFetchError, type FeedFetchOptions } from './feedFetcher'
import type { FeedSource } from './openReferralImportService'

export type FeedInput =
  | { kind: 'url'; url: string }
  /** `source` names the directory the file came from; left out, the file's own name does */
  | { kind: 'file'; name: string; text: string; source?: string }

export interface ReadFeed {
  source: FeedSource
  services: unknown[]
  /** a fingerprint of what was read, for the audit log */
  sha256: string
}

/** Whether an error is one of a feed's, with a message for the person who typed it. */
export const isFeedError = (error: unknown): error is Error =>
  error instanceof FeedFetchError || error instanceof FeedShapeError

/** A feed's services and its source; throws FeedFetchError or FeedShapeError in plain words. */
export async function readFeed(input: FeedInput, options: FeedFetchOptions): Promise<ReadFeed> {
  if (input.kind === 'url') {
    const { base, services } = await fetchFeed(input.url, options)
    const key = base.toString().replace(/\/$/, '')
    return {
      source: { key, label: key },
      services,
      sha256: createHash('sha256').update(JSON.stringify(services)).digest('hex'),
    }
  }
  const services = servicesInDocument(parseFeedJson(input.text))
  const declared = input.source?.trim() ?? ''
  const name = declared === '' ? input.name : declared
  return {
    source: { key: `file:${name.toLowerCase()}`, label: name },
    services,
    sha256: createHash('sha256').update(input.text).digest('hex'),
  }
}
