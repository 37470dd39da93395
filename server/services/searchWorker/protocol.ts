/**
 * What passes between the app and its search workers. Everything here crosses a thread, so it
 * is plain data that survives structured clone (objects, arrays, Maps, Sets): never a class
 * instance, whose methods would be lost on the way.
 */
import type { Config } from '../../config'
import type { Point } from '../geo'
import type { LocationResult } from '../locationService'
import type { NearDecision, SearchOutcome } from '../searchService'
import type { SearchFilters } from '../../validation/searchQuery'

/** The answer when a search needed more time or work than it may have: "Try fewer words or a smaller area". */
export const TOO_BIG = 'too-big'
export type TooBig = typeof TOO_BIG

/**
 * The answer when a search could not start within the limit, or started too late to finish,
 * because others were being answered: "Lots of people are searching: try again in a moment".
 * Only the pool of workers gives it; the search itself was not the trouble.
 */
export const BUSY = 'busy'
export type Busy = typeof BUSY

/** What a worker answers with: SearchService itself, or in a test one made slow on purpose. */
export interface SearchAnswerer {
  search(filters: SearchFilters, location: LocationResult | null): SearchOutcome
  reach(filters: SearchFilters, point: Point): NearDecision
}

/** What a worker is started with (its workerData). */
export interface SearchWorkerData {
  databasePath: string
  config: Config
  /** SQLite's page cache for the worker's connection, in KiB: the worker's memory counts in the app's */
  cacheKiB: number
}

export type SearchQuestion =
  | { kind: 'search'; filters: SearchFilters; location: LocationResult | null }
  | { kind: 'reach'; filters: SearchFilters; point: Point }

export type ToWorker = ({ type: 'ask'; id: number } & SearchQuestion) | { type: 'close' }

export type FromWorker =
  | { type: 'ready' }
  | { type: 'answer'; id: number; ok: true; value: SearchOutcome | NearDecision | TooBig }
  | { type: 'answer'; id: number; ok: false; error: { message: string; stack?: string } }

/** One question answered: a search's outcome ('too-big' when it stopped itself), or how far a search reaches. */
export function answer(
  answerer: SearchAnswerer,
  question: SearchQuestion,
): SearchOutcome | NearDecision | TooBig {
  if (question.kind === 'reach') return answerer.reach(question.filters, question.point)
  const outcome = answerer.search(question.filters, question.location)
  return outcome.tooBig ? TOO_BIG : outcome
}
