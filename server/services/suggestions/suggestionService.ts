import type { Db } from '../../../db/connection'
import type { Repositories } from '../../../db/repositories'
import type {
  HistoryRow,
  SuggestionListingType,
  SuggestionRow,
} from '../../../db/repositories/suggestionsRepository'
import type { AuditTrail, RequestOrigin } from '../accounts/auditTrail'
import type { Mailer } from '../accounts/mailer'
import { isoSecond } from '../accounts/times'
import type { Clock } from '../clock'
import { hubCovers, type Point } from '../geo'
import type { LocationService } from '../locationService'
import { insist, mayCoordinateHub, NotAllowedError } from '../permissions'
import { accountIdOf, type Viewer } from '../viewer'
import {
  changedFields,
  daysOf,
  FIELDS_OF,
  type FieldName,
  type FieldValues,
  type FormKind,
  organisationFields,
  placeFields,
  SERVICE_FIELDS_IN_WORDS,
  serviceFields,
  serviceFieldsFor,
} from './fields'
import { type Timetable, type WeeklyPattern, weeklyPatternOf } from './timetable'

/** How many suggestions a page of the review queue or of "Your suggestions" shows. */
export const SUGGESTIONS_PER_PAGE = 20
/** How many of a hub's oldest waiting suggestions the coordinator home names. */
export const OLDEST_NAMED = 3
/** How many changes a listing's page shows. */
export const HISTORY_SHOWN = 5

/** A listing someone may suggest a change to: its kind, name, hub and values now. */
export interface ListingToChange {
  type: SuggestionListingType
  id: number
  name: string
  hubId: number
  current: FieldValues
  /** the fields the form offers: a service's days and hours only when its timetable is one weekly pattern */
  fields: readonly FieldName[]
}

export type SuggestOutcome =
  | { kind: 'saved'; id: number }
  | { kind: 'nothing-changed' }
  | { kind: 'problem'; field: FieldName; message: string }

export type DecideOutcome =
  { kind: 'done' } | { kind: 'decided-already' } | { kind: 'problem'; field: FieldName; message: string }

/** One suggestion as its reviewer sees it: each field now and as suggested. */
export interface SuggestionForReview {
  suggestion: SuggestionRow
  /** the listing's values now ({} for a new one) */
  current: FieldValues
  fields: readonly FieldName[]
  /** a service's one weekly pattern, which approving may replace; null when it has more (or is not a service) */
  weekly: WeeklyPattern | null
}

export interface WaitingSuggestions {
  hubId: number
  count: number
  oldest: SuggestionRow[]
}

export interface Page<T> {
  rows: T[]
  total: number
  page: number
  pageCount: number
}

/**
 * "Suggest a change, and review it" (issue 12). Anyone may suggest a change to a published
 * listing, or a new group; it waits in the queue of the listing's hub. Only a coordinator or
 * peer lead of that hub (or of every hub, or an admin) may see, edit, approve or reject it,
 * decided here per suggestion. Approving writes the listing and its history in one
 * transaction; the database's triggers move the search index, the map's points and the data
 * version, so search, the map and pages show it at once. A new listing exists only in its
 * suggestion until it is approved: nothing unapproved is ever public.
 */
export class SuggestionService {
  constructor(
    private readonly db: Db,
    private readonly repositories: Pick<
      Repositories,
      'suggestions' | 'services' | 'places' | 'organisations'
    >,
    private readonly location: Pick<LocationService, 'resolve'>,
    private readonly audit: AuditTrail,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
  ) {}

  private get store() {
    return this.repositories.suggestions
  }

  /** A published listing as the suggestion form starts from it; undefined when there is none. */
  listingToChange(type: SuggestionListingType, id: number): ListingToChange | undefined {
    const found = this.currentOf(type, id)
    if (!found) return undefined
    const hubId = found.hubId ?? (found.point ? this.hubFor(found.point)?.id : undefined)
    if (hubId === undefined) return undefined
    return { type, id, name: found.current.name ?? '', hubId, current: found.current, fields: found.fields }
  }

  private currentOf(
    type: SuggestionListingType,
    id: number,
  ):
    | {
        current: FieldValues
        fields: readonly FieldName[]
        weekly: WeeklyPattern | null
        hubId: number | null
        point: Point | null
      }
    | undefined {
    const point = (row: { latitude: number | null; longitude: number | null }): Point | null =>
      row.latitude === null || row.longitude === null
        ? null
        : { latitude: row.latitude, longitude: row.longitude }
    switch (type) {
      case 'service': {
        const row = this.store.serviceValues(id)
        const timetable = row && this.timetableOf(id)
        if (!row || !timetable) return undefined
        const weekly = weeklyPatternOf(timetable.schedules)
        return {
          current: serviceFields(row, timetable, weekly),
          fields: serviceFieldsFor(weekly),
          weekly,
          hubId: row.hubId,
          point: point(row),
        }
      }
      case 'place': {
        const row = this.store.placeValues(id)
        return (
          row && {
            current: placeFields(row),
            fields: FIELDS_OF.place,
            weekly: null,
            hubId: row.hubId,
            point: point(row),
          }
        )
      }
      case 'organisation': {
        const row = this.store.organisationValues(id)
        return (
          row && {
            current: organisationFields(row),
            fields: FIELDS_OF.organisation,
            weekly: null,
            hubId: row.hubId,
            point: point(row),
          }
        )
      }
    }
  }

  /** A published service's times and places, read as its own page reads them. */
  private timetableOf(id: number): Timetable | undefined {
    const summary = this.repositories.services.findSummaryRows([id])[0]
    return summary && { schedules: summary.schedules, places: summary.places }
  }

  /** The hub whose area holds the point, or else the nearest hub. */
  private hubFor(point: Point): { id: number; name: string } | undefined {
    const holding = this.store.hubsWhoseBoxHolds(point).find((hub) => hubCovers(hub, point))
    return holding ?? this.store.hubNearest(point)
  }

  /** Where a postcode is, or the problem to show by the Postcode field. */
  private pointOfPostcode(postcode: string): Point | { problem: string } {
    const found = this.location.resolve(postcode)
    if (found.kind === 'found' && found.precision === 'postcode') return found.point
    return { problem: 'Enter a full postcode we know, like CT9 1AB' }
  }

  /** A visitor must leave an email address for the reply; a signed-in person needs none. */
  private who(
    viewer: Viewer,
    replyEmail: string | null,
  ): { accountId: number | null; replyEmail: string | null } {
    const accountId = accountIdOf(viewer)
    if (accountId === null && !replyEmail) throw new NotAllowedError('A visitor must leave an email address')
    return { accountId, replyEmail: accountId === null ? replyEmail : null }
  }

  /** Keeps a suggested change of a published listing: only the fields that differ from now. */
  suggestChange(
    viewer: Viewer,
    listing: { type: SuggestionListingType; id: number },
    submitted: FieldValues,
    note: string,
    replyEmail: string | null,
  ): SuggestOutcome {
    const target = this.listingToChange(listing.type, listing.id)
    if (!target) throw new NotAllowedError('There is no such listing')
    const proposed = changedFields(target.fields, target.current, submitted)
    if (Object.keys(proposed).length === 0 && note.trim() === '') return { kind: 'nothing-changed' }
    if (proposed.postcode !== undefined) {
      const point = this.pointOfPostcode(proposed.postcode)
      if ('problem' in point) return { kind: 'problem', field: 'postcode', message: point.problem }
    }
    const id = this.store.add({
      kind: 'change',
      listingType: listing.type,
      listingId: listing.id,
      hubId: target.hubId,
      proposed,
      note: note.trim(),
      ...this.who(viewer, replyEmail),
      createdAt: isoSecond(this.clock.now()),
    })
    return { kind: 'saved', id }
  }

  /** Keeps a suggested new group, in the queue of the hub whose area holds its postcode. */
  suggestNew(
    viewer: Viewer,
    submitted: FieldValues,
    note: string,
    replyEmail: string | null,
  ): SuggestOutcome {
    const proposed = changedFields(FIELDS_OF.new, {}, submitted)
    const point = this.pointOfPostcode(proposed.postcode ?? '')
    if ('problem' in point) return { kind: 'problem', field: 'postcode', message: point.problem }
    const hub = this.hubFor(point)
    if (!hub) return { kind: 'problem', field: 'postcode', message: 'There is no hub near that postcode yet' }
    const id = this.store.add({
      kind: 'new',
      listingType: 'service',
      listingId: null,
      hubId: hub.id,
      proposed,
      note: note.trim(),
      ...this.who(viewer, replyEmail),
      createdAt: isoSecond(this.clock.now()),
    })
    return { kind: 'saved', id }
  }

  /** Per hub of these (all the viewer may look after), how many wait and the oldest few. */
  waitingIn(viewer: Viewer, hubIds: readonly number[]): WaitingSuggestions[] {
    const mine = hubIds.filter((hubId) => mayCoordinateHub(viewer, hubId))
    const counts = this.store.pendingCounts(mine)
    return mine
      .filter((hubId) => (counts.get(hubId) ?? 0) > 0)
      .map((hubId) => ({
        hubId,
        count: counts.get(hubId) ?? 0,
        oldest: this.store.oldestPending(hubId, OLDEST_NAMED),
      }))
  }

  /** A page of the suggestions waiting in the hubs the viewer looks after, oldest first. */
  queue(
    viewer: Viewer,
    hubs: { everyHub: true } | { everyHub: false; hubIds: readonly number[] },
    page: number,
  ) {
    const hubIds = hubs.everyHub ? null : hubs.hubIds.filter((hubId) => mayCoordinateHub(viewer, hubId))
    if (hubs.everyHub)
      insist(viewer.kind === 'admin' || (viewer.kind === 'hubLead' && viewer.allHubs === true))
    const offset = (page - 1) * SUGGESTIONS_PER_PAGE
    const { rows, total } = this.store.pending(hubIds, { limit: SUGGESTIONS_PER_PAGE, offset })
    return paged(rows, total, page)
  }

  /**
   * One suggestion with the listing's values now, for a reviewer of its hub. The fields are
   * the listing's as they are now: a service whose timetable has become more than one weekly
   * pattern since is offered its times in words, so approving can never flatten it; times
   * suggested in words are always shown, even if the timetable has since become simple.
   */
  forReview(viewer: Viewer, id: number): SuggestionForReview | undefined {
    const suggestion = this.store.find(id)
    if (!suggestion) return undefined
    insist(mayCoordinateHub(viewer, suggestion.hubId))
    if (suggestion.kind === 'new') return { suggestion, current: {}, fields: FIELDS_OF.new, weekly: null }
    const found =
      suggestion.listingId === null ? undefined : this.currentOf(suggestion.listingType, suggestion.listingId)
    // A listing no longer published: a service's timetable cannot be read, so is never replaced.
    const fields =
      found?.fields ??
      (suggestion.listingType === 'service' ? SERVICE_FIELDS_IN_WORDS : FIELDS_OF[suggestion.listingType])
    return {
      suggestion,
      current: found?.current ?? {},
      fields:
        Object.hasOwn(suggestion.proposed, 'times') && !fields.includes('times')
          ? [...fields, 'times']
          : fields,
      weekly: found?.weekly ?? null,
    }
  }

  /**
   * Approves a pending suggestion with the reviewer's final values: writes the listing (or
   * publishes the new one) and its history, and marks the suggestion approved, all in one
   * transaction. Values equal to the listing's now are left out.
   */
  async approve(
    viewer: Viewer,
    id: number,
    edited: FieldValues,
    from: RequestOrigin,
  ): Promise<DecideOutcome> {
    const review = this.forReview(viewer, id)
    if (!review) throw new NotAllowedError('There is no such suggestion')
    const { suggestion } = review
    if (suggestion.status !== 'pending') return { kind: 'decided-already' }
    const kind: FormKind = suggestion.kind === 'new' ? 'new' : suggestion.listingType
    const final = changedFields(review.fields, review.current, edited)
    let point: Point | null = null
    if (final.postcode !== undefined || kind === 'new') {
      const found = this.pointOfPostcode(final.postcode ?? '')
      if ('problem' in found) return { kind: 'problem', field: 'postcode', message: found.problem }
      point = found
    }
    const reviewer = accountIdOf(viewer)
    const at = isoSecond(this.clock.now())
    const decided = this.db.transaction(() => {
      const listingId =
        kind === 'new'
          ? this.publishNew(final, suggestion.hubId, point as Point)
          : this.writeChange(
              suggestion.listingType,
              suggestion.listingId as number,
              review.weekly,
              final,
              point,
            )
      if (
        !this.store.decide({
          id,
          status: 'approved',
          reason: null,
          reviewedBy: reviewer,
          reviewedAt: at,
          proposed: final,
          listingId,
        })
      )
        throw new DecidedAlready()
      const history = (field: string, oldValue: string | null, newValue: string | null) =>
        this.store.recordHistory({
          listingType: suggestion.listingType,
          listingId,
          field,
          oldValue,
          newValue,
          changedBy: reviewer,
          changedAt: at,
          suggestionId: id,
        })
      if (kind === 'new') history('listing', null, 'Added')
      else
        for (const [field, value] of Object.entries(final))
          history(field, review.current[field as FieldName] ?? null, value)
      return listingId
    })
    let listingId: number
    try {
      listingId = decided()
    } catch (error) {
      if (error instanceof DecidedAlready) return { kind: 'decided-already' }
      throw error
    }
    this.audit.record({
      accountId: reviewer,
      action: 'suggestion-approved',
      recordType: 'suggestion',
      recordId: id,
      from,
      detail: `${suggestion.listingType} ${listingId}: ${Object.keys(final).join(', ') || 'no fields'}`,
    })
    if (suggestion.replyEmail)
      await this.mailer.send({
        to: suggestion.replyEmail,
        subject: 'Thank you: your suggestion was accepted',
        body: `Thank you for your suggestion about ${final.name ?? suggestion.listingName}.\n\nA volunteer in ${suggestion.hubName} checked it and ${final.times === undefined ? 'the directory now shows it' : 'will put the days and times right on the listing'}.\n\nCommon Ground`,
      })
    return { kind: 'done' }
  }

  /** Rejects a pending suggestion with a reason, which the suggester sees (and is emailed, if they left an address). */
  async reject(viewer: Viewer, id: number, reason: string, from: RequestOrigin): Promise<DecideOutcome> {
    const review = this.forReview(viewer, id)
    if (!review) throw new NotAllowedError('There is no such suggestion')
    const { suggestion } = review
    if (suggestion.status !== 'pending') return { kind: 'decided-already' }
    const reviewer = accountIdOf(viewer)
    const done = this.store.decide({
      id,
      status: 'rejected',
      reason,
      reviewedBy: reviewer,
      reviewedAt: isoSecond(this.clock.now()),
      proposed: suggestion.proposed,
      listingId: null,
    })
    if (!done) return { kind: 'decided-already' }
    this.audit.record({
      accountId: reviewer,
      action: 'suggestion-rejected',
      recordType: 'suggestion',
      recordId: id,
      from,
      reason,
    })
    if (suggestion.replyEmail)
      await this.mailer.send({
        to: suggestion.replyEmail,
        subject: 'About your suggestion',
        body: `Thank you for your suggestion about ${suggestion.listingName}.\n\nA volunteer in ${suggestion.hubName} looked at it and did not make the change. They said:\n\n${reason}\n\nCommon Ground`,
      })
    return { kind: 'done' }
  }

  /** The signed-in person's own suggestions, newest first, with their outcome and reason. */
  yours(viewer: Viewer, page: number): Page<SuggestionRow> {
    const accountId = accountIdOf(viewer)
    if (accountId === null) throw new NotAllowedError()
    const offset = (page - 1) * SUGGESTIONS_PER_PAGE
    const { rows, total } = this.store.byAccount(accountId, { limit: SUGGESTIONS_PER_PAGE, offset })
    return paged(rows, total, page)
  }

  /** A listing's latest changes, newest first: who as a role and first name only. */
  history(type: SuggestionListingType, id: number): HistoryRow[] {
    return this.store.history(type, id, HISTORY_SHOWN)
  }

  /**
   * Writes a reviewed change. Days and hours replace a service's times only when its timetable
   * is one weekly pattern (`weekly`), kept at its place; times in words change no times at all:
   * the reviewer puts the timetable right, and the words are kept in the listing's history.
   */
  private writeChange(
    type: SuggestionListingType,
    id: number,
    weekly: WeeklyPattern | null,
    final: FieldValues,
    point: Point | null,
  ): number {
    const { services, places, organisations } = this.repositories
    const text = (field: FieldName) => final[field]
    const optional = (value: string | undefined) => (value === undefined || value === '' ? null : value)
    const set = <T extends string>(
      values: Partial<Record<T, string | number | null>>,
      column: T,
      value: string | number | null | undefined,
    ) => {
      if (value !== undefined) values[column] = value
    }
    if (type === 'service') {
      const values: Partial<Record<string, string | number | null>> = {}
      set(values, 'name', text('name'))
      set(values, 'description', text('description'))
      if (final.phone !== undefined) values.phone = optional(final.phone)
      if (final.email !== undefined) values.email = optional(final.email)
      if (final.website !== undefined) values.url = optional(final.website)
      if (final.cost !== undefined) {
        const free = /^free$/i.test(final.cost)
        Object.assign(values, {
          is_free: free ? 1 : 0,
          cost_amount_pence: null,
          cost_option: null,
          cost_description: free || final.cost === '' ? null : final.cost,
        })
      }
      if (Object.keys(values).length > 0) services.updateDetails(id, values)
      if (final.days !== undefined || final.opensAt !== undefined || final.closesAt !== undefined) {
        if (!weekly)
          throw new Error(`Service ${id}'s timetable is more than one weekly pattern: not replacing it`)
        services.replaceWeeklyTimes(id, {
          days: final.days === undefined ? weekly.days : daysOf(final.days),
          opensAt: final.opensAt === undefined ? weekly.opensAt : optional(final.opensAt),
          closesAt: final.closesAt === undefined ? weekly.closesAt : optional(final.closesAt),
          placeId: weekly.placeId,
        })
      }
      return id
    }
    const address: Partial<Record<string, string | number | null>> = {}
    set(address, 'name', text('name'))
    set(address, 'description', text('description'))
    set(address, 'address_1', text('address'))
    set(address, 'city', text('town'))
    set(address, 'postal_code', text('postcode'))
    if (point) Object.assign(address, { latitude: point.latitude, longitude: point.longitude })
    if (type === 'place') {
      if (Object.keys(address).length > 0) places.updateDetails(id, address)
      return id
    }
    if (final.phone !== undefined) address.phone = optional(final.phone)
    if (final.email !== undefined) address.email = optional(final.email)
    if (final.website !== undefined) address.website = optional(final.website)
    if (Object.keys(address).length > 0) organisations.updateDetails(id, address)
    return id
  }

  /** A new group: who runs it (an organisation of that name, or a new one), its place and itself, all published. */
  private publishNew(final: FieldValues, hubId: number, point: Point): number {
    const { services, places, organisations } = this.repositories
    const optional = (value: string | undefined) => (value === undefined || value === '' ? null : value)
    const runBy = final.runBy || final.name || 'Unknown'
    const organisationId =
      this.store.organisationNamedExactly(runBy) ??
      organisations.insert({ name: runBy, status: 'published', hubIds: [hubId] })
    const placeId = places.insert({
      name: final.venue || final.name || 'Meeting place',
      address1: final.address ?? '',
      city: final.town ?? '',
      postalCode: final.postcode ?? '',
      latitude: point.latitude,
      longitude: point.longitude,
      hubId,
      status: 'published',
    })
    const free = /^free$/i.test(final.cost ?? '')
    return services.insert({
      organisationId,
      hubId,
      name: final.name ?? '',
      description: final.description ?? '',
      isFree: free,
      costDescription: free ? null : optional(final.cost),
      phone: optional(final.phone),
      email: optional(final.email),
      url: optional(final.website),
      status: 'published',
      placeIds: [placeId],
      schedules: daysOf(final.days).map((byday) => ({
        byday,
        opensAt: optional(final.opensAt),
        closesAt: optional(final.closesAt),
      })),
    })
  }
}

class DecidedAlready extends Error {}

function paged<T>(rows: T[], total: number, page: number): Page<T> {
  return { rows, total, page, pageCount: Math.max(1, Math.ceil(total / SUGGESTIONS_PER_PAGE)) }
}
