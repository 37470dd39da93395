/**
 * Where the marker index gets its services from. The map asks for the least it needs, a
 * meeting (service and point) at a time, and names only the services in an answer.
 */
import type { MapDataRepository, ServiceLabelRow } from '../../../db/repositories/mapDataRepository'
import type { SearchFilters } from '../../validation/searchQuery'
import type { BoundingBox } from './projection'

/** One matching service meeting at one point; meetings at one place come one after another. */
export type VisitMeeting = (serviceId: number, latitude: number, longitude: number) => void

/** What the map needs to build its index and name its markers. */
export interface MarkerSource {
  /**
   * Calls `visit` for each matching published service at each of its published places in the
   * box, at most `limit` of them (one at a time, nothing gathered), stopping at the time
   * `until` (Date.now()) when given; says whether that was all.
   */
  eachMeetingMatching(
    filters: SearchFilters,
    box: BoundingBox,
    limit: number,
    visit: VisitMeeting,
    until?: number,
  ): { complete: boolean }
  /** The names and first categories of a few services (those in one answer). */
  labels(ids: readonly number[]): ServiceLabelRow[]
  /** The biggest place id (a directory with few places is indexed in one step). */
  lastPlaceId(): number
  /**
   * Calls `visit` for every published service at each published place, place by place, a
   * step at a time: each step reads about `idsPerStep` ids' worth of rows, and the caller
   * may free the event loop between steps.
   */
  everyMeetingInSteps(visit: VisitMeeting, idsPerStep: number): Generator<void, void>
}

/** What the map needs from search: the matching services' points (search decides what matches). */
export interface PointFinder {
  /** one point at a time: the map may stop early */
  pointsMatching(
    filters: SearchFilters,
    bbox: BoundingBox,
  ): Iterable<{ id: number; latitude: number; longitude: number }>
}

/**
 * The directory as the map reads it: with no filters, every published service at each of
 * its places straight from the database, a range of places at a time; with filters,
 * search's matching points, one at a time and no more than asked for.
 */
export class DirectoryMarkerSource implements MarkerSource {
  constructor(
    private readonly search: PointFinder,
    private readonly mapData: MapDataRepository,
  ) {}

  eachMeetingMatching(
    filters: SearchFilters,
    box: BoundingBox,
    limit: number,
    visit: VisitMeeting,
    until = Infinity,
  ): { complete: boolean } {
    if (isUnfiltered(filters)) return this.mapData.eachServiceAtPlaceInBox(box, limit, visit)
    let read = 0
    // Leaving the loop early closes the query. A rare filter over a big area reads many rows
    // for each it keeps, so the clock is watched too.
    for (const point of this.search.pointsMatching(filters, box)) {
      if (read === limit || (read % 64 === 63 && Date.now() > until)) return { complete: false }
      visit(point.id, point.latitude, point.longitude)
      read += 1
    }
    return { complete: true }
  }

  labels(ids: readonly number[]): ServiceLabelRow[] {
    return this.mapData.serviceLabels(ids)
  }

  lastPlaceId(): number {
    return this.mapData.lastPlaceId()
  }

  *everyMeetingInSteps(visit: VisitMeeting, idsPerStep: number): Generator<void, void> {
    // First which services are published (a bit each), then the places in order of id.
    const lastService = this.mapData.lastServiceId()
    const published = new Uint8Array((lastService >>> 3) + 1)
    for (let after = 0; after < lastService; after += idsPerStep * 8) {
      for (const id of this.mapData.publishedServiceIdsBetween(after, after + idsPerStep * 8))
        published[id >>> 3] = (published[id >>> 3] ?? 0) | (1 << (id & 7))
      yield
    }
    const keep: VisitMeeting = (id, latitude, longitude) => {
      if ((published[id >>> 3] ?? 0) & (1 << (id & 7))) visit(id, latitude, longitude)
    }
    const lastPlace = this.mapData.lastPlaceId()
    for (let after = 0; after < lastPlace; after += idsPerStep) {
      this.mapData.eachServiceAtPlaceBetween(after, after + idsPerStep, keep)
      if (after + idsPerStep < lastPlace) yield
    }
  }
}

/** No words, no choices and no place: every published service. */
export function isUnfiltered(f: SearchFilters): boolean {
  return (
    f.q.trim() === '' &&
    f.categories.length === 0 &&
    f.day === null &&
    !f.free &&
    f.access.length === 0 &&
    !f.home &&
    f.distance === null
  )
}
