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
