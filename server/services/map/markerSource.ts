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
  /** Calls `visit` for each matching published service at each of its published places. */
  eachMeetingMatching(filters: SearchFilters, visit: VisitMeeting): void
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
  /** Calls `visit` for at most `limit` published services at places in the box; says if that was all. */
  eachMeetingInBox(box: BoundingBox, limit: number, visit: VisitMeeting): { complete: boolean }
}

/** What the map needs from search: the matching services' points (search decides what matches). */
export interface PointFinder {
  pointsMatching(
    filters: SearchFilters,
    bbox: BoundingBox,
  ): readonly { id: number; latitude: number; longitude: number }[]
}

const WORLD: BoundingBox = { west: -180, south: -90, east: 180, north: 90 }

/**
 * The directory as the map reads it: with no filters, every published service at each of
 * its places straight from the database a row at a time (nothing is gathered); with
 * filters, search's matching points.
 */
export class DirectoryMarkerSource implements MarkerSource {
  constructor(
    private readonly search: PointFinder,
    private readonly mapData: MapDataRepository,
  ) {}

  eachMeetingMatching(filters: SearchFilters, visit: VisitMeeting): void {
    if (isUnfiltered(filters)) {
      this.mapData.eachServiceAtPlace(visit)
      return
    }
    for (const point of this.search.pointsMatching(filters, WORLD))
      visit(point.id, point.latitude, point.longitude)
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

  eachMeetingInBox(box: BoundingBox, limit: number, visit: VisitMeeting): { complete: boolean } {
    return this.mapData.eachServiceAtPlaceInBox(box, limit, visit)
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
