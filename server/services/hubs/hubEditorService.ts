import type { AccountsRepository } from '../../../db/repositories/accountsRepository'
import type {
  EditableHubRow,
  HubEditingRepository,
  HubLeadRow,
  HubListRow,
  HubPartnerRow,
} from '../../../db/repositories/hubEditingRepository'
import type { HubInput, HubsRepository } from '../../../db/repositories/hubsRepository'
import type { AuditTrail, RequestOrigin } from '../accounts/auditTrail'
import { isoSecond } from '../accounts/times'
import type { Clock } from '../clock'
import type { LocationResult, PlaceOption } from '../locationService'
import { insist, mayEditHubs } from '../permissions'
import { type Viewer, accountIdOf } from '../viewer'
import { checkBoundary } from './hubBoundary'

export const HUBS_PER_PAGE = 25
/** The furthest page of the list: past it, search by name. */
export const LAST_HUB_PAGE = 400
export const SLUG_MAX_LENGTH = 60
/** Organisations offered for one name typed, at most. */
export const PARTNER_CHOICES = 10

/** A slug as a hub's address uses it: small letters, numbers and single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** What the hub form sent, checked for shape (schemas.ts); the centre and area are checked here. */
export interface HubDetails {
  name: string
  /** only when editing: the hub's address, /hubs/<slug> */
  slug?: string
  description: string
  meetingPlace: string
  meetingTimes: string
  phone: string
  email: string
  /** a town, village or postcode, as typed */
  centre: string
  area: 'radius' | 'boundary'
  radiusMiles: number | null
  boundary: string
}

/** One problem with one field of the hub form, in words. */
export interface HubProblem {
  field: string
  message: string
}

export type HubSaveResult =
  | { kind: 'saved'; slug: string; note: string | null }
  | { kind: 'problems'; problems: HubProblem[]; centreChoices: PlaceOption[] | null }

export interface HubEditorView {
  hub: EditableHubRow
  leads: HubLeadRow[]
  partners: HubPartnerRow[]
}

export interface HubListPage {
  hubs: HubListRow[]
  page: number
  pageCount: number
  total: number
}

export type LeadResult =
  | { kind: 'added'; lead: { displayName: string; role: 'peer_lead' | 'coordinator' } }
  | { kind: 'no-account' }
  | { kind: 'not-a-lead'; displayName: string }
  | { kind: 'all-hubs'; displayName: string }
  | { kind: 'already'; displayName: string }

export type PartnerResult =
  | { kind: 'added'; partner: HubPartnerRow }
  | { kind: 'none' }
  | { kind: 'choose'; choices: HubPartnerRow[] }
  | { kind: 'already'; partner: HubPartnerRow }

/** Where the editor finds a hub's centre: LocationService.resolve. */
export type ResolvePlace = (typed: string) => LocationResult

/** A centre typed as "latitude, longitude" (as the editor shows a hub's centre), or null. */
export function pointTyped(typed: string): { latitude: number; longitude: number } | null {
  const match = /^(-?[0-9]{1,2}(?:\.[0-9]+)?)\s*,\s*(-?[0-9]{1,3}(?:\.[0-9]+)?)$/.exec(typed.trim())
  if (!match) return null
  const latitude = Number(match[1])
  const longitude = Number(match[2])
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null
  return { latitude, longitude }
}

/** A slug from a name: "St Peter's & Broadstairs" → "st-peters-broadstairs". */
export function slugFromName(name: string): string {
  const slug = name
    .normalize('NFKD')
    // the accents NFKD splits off letters ("é" is "e" and an accent)
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/, '')
  return slug === '' ? 'hub' : slug
}

const FIELD_WORDS: Record<string, string> = {
  name: 'name',
  slug: 'address',
  description: 'description',
  meetingPlace: 'meeting place',
  meetingTimes: 'meeting times',
  phone: 'phone',
  email: 'email',
  centre: 'centre',
  area: 'area',
}

/**
 * Making and changing hubs (issue 12), for admins and coordinators of all hubs: a hub's
 * details, its centre (through the location service), its area (a radius, or a pasted
 * GeoJSON boundary checked by hubBoundary.ts), its peer leads and coordinators, and its
 * partner organisations. Every change is one transaction and one audit entry; the database's
 * triggers keep the hubs' R*Tree (0012) and the data version (0005) in step with the row.
 * A hub's slug stays when its name changes; changing the slug keeps the old one, which
 * redirects (hub_slug_history).
 */
export class HubEditorService {
  constructor(
    private readonly hubs: HubsRepository,
    private readonly editing: HubEditingRepository,
    private readonly accounts: AccountsRepository,
    private readonly resolvePlace: ResolvePlace,
    private readonly audit: AuditTrail,
    private readonly clock: Clock,
  ) {}

  private now(): string {
    return isoSecond(this.clock.now())
  }

  /** Whether this viewer may make and change hubs. */
  mayEdit(viewer: Viewer): boolean {
    return mayEditHubs(viewer)
  }

  /** A page of hubs by name, optionally those whose name holds `text`. */
  list(viewer: Viewer, filter: { text: string | null; page: number }): HubListPage {
    insist(this.mayEdit(viewer))
    const page = Math.min(LAST_HUB_PAGE, Math.max(1, Math.floor(filter.page)))
    const found = this.editing.page(filter.text, { limit: HUBS_PER_PAGE, offset: (page - 1) * HUBS_PER_PAGE })
    const pageCount = Math.min(LAST_HUB_PAGE, Math.max(1, Math.ceil(found.total / HUBS_PER_PAGE)))
    return { hubs: found.rows, page, pageCount, total: found.total }
  }

  /** The hub to edit, with its leads and partners; undefined when there is no such hub. */
  editor(viewer: Viewer, slug: string): HubEditorView | undefined {
    insist(this.mayEdit(viewer))
    const hub = this.editing.find(slug)
    if (!hub) return undefined
    return { hub, leads: this.editing.leads(hub.id), partners: this.editing.partners(hub.id) }
  }

  /** The slug now of a hub that had this slug once (for the 301), or undefined. */
  slugNowFor(oldSlug: string): string | undefined {
    return this.editing.slugNowFor(oldSlug)
  }

  /** Checks the centre and the area; gives the values to write or every problem found. */
  private checked(details: HubDetails):
    | {
        kind: 'ok'
        point: { latitude: number; longitude: number }
        boundary: string | null
        note: string | null
      }
    | { kind: 'problems'; problems: HubProblem[]; centreChoices: PlaceOption[] | null } {
    const problems: HubProblem[] = []
    let centreChoices: PlaceOption[] | null = null
    let point: { latitude: number; longitude: number } | null = null
    const typedPoint = pointTyped(details.centre)
    const place: LocationResult = typedPoint
      ? { kind: 'found', point: typedPoint, label: details.centre, precision: 'point', where: details.centre }
      : this.resolvePlace(details.centre)
    switch (place.kind) {
      case 'found':
        point = place.point
        break
      case 'choose':
        centreChoices = place.options
        problems.push({
          field: 'centre',
          message: `There is more than one place called ${place.name}. Choose which one is the centre`,
        })
        break
      default:
        problems.push({ field: 'centre', message: place.message })
    }
    let boundary: string | null = null
    let note: string | null = null
    if (details.area === 'boundary') {
      const found = checkBoundary(details.boundary)
      if (found.kind === 'problem') problems.push({ field: 'boundary', message: found.message })
      else {
        boundary = JSON.stringify(found.geometry)
        if (found.simplifiedFrom !== null) {
          note = `The boundary had ${found.simplifiedFrom.toLocaleString('en-GB')} points, so it was made simpler: it now has ${found.points.toLocaleString('en-GB')}.`
        }
      }
    }
    if (problems.length > 0 || !point) return { kind: 'problems', problems, centreChoices }
    return { kind: 'ok', point, boundary, note }
  }

  private input(
    details: HubDetails,
    slug: string,
    point: { latitude: number; longitude: number },
    boundary: string | null,
  ) {
    return {
      slug,
      name: details.name,
      description: details.description,
      latitude: point.latitude,
      longitude: point.longitude,
      boundaryGeojson: details.area === 'boundary' ? boundary : null,
      radiusMiles: details.area === 'radius' ? details.radiusMiles : null,
      phone: details.phone === '' ? null : details.phone,
      email: details.email === '' ? null : details.email,
      meetingTimes: details.meetingTimes,
      meetingPlaceDescription: details.meetingPlace,
    } satisfies Omit<HubInput, 'id' | 'createdAt'>
  }

  /** Makes a hub; its slug comes from its name (a number added when the name's slug is taken). */
  create(viewer: Viewer, details: HubDetails, from: RequestOrigin): HubSaveResult {
    insist(this.mayEdit(viewer))
    const found = this.checked(details)
    if (found.kind === 'problems') return found
    return this.editing.inTransaction(() => {
      const base = slugFromName(details.name)
      let slug = base
      for (let n = 2; this.editing.isSlugTaken(slug); n++) slug = `${base.slice(0, SLUG_MAX_LENGTH - 4)}-${n}`
      const at = this.now()
      const id = this.hubs.insert({
        ...this.input(details, slug, found.point, found.boundary),
        createdAt: at,
        updatedAt: at,
      })
      this.audit.record({
        accountId: accountIdOf(viewer),
        action: 'hub-created',
        recordType: 'hub',
        recordId: id,
        from,
        detail: `${details.name} (${slug}), ${details.area === 'radius' ? `${details.radiusMiles} miles round its centre` : 'with a boundary'}`,
      })
      return { kind: 'saved', slug, note: found.note }
    })
  }

  /** Changes a hub. Its slug changes only when asked; the old one is kept and redirects. */
  update(viewer: Viewer, slug: string, details: HubDetails, from: RequestOrigin): HubSaveResult | undefined {
    insist(this.mayEdit(viewer))
    const hub = this.editing.find(slug)
    if (!hub) return undefined
    const found = this.checked(details)
    const newSlug = details.slug ?? hub.slug
    const slugProblems: HubProblem[] = []
    if (
      newSlug !== hub.slug &&
      this.editing.isSlugTaken(newSlug) &&
      this.editing.slugNowFor(newSlug) !== hub.slug
    ) {
      slugProblems.push({
        field: 'slug',
        message: `Another hub has, or once had, the address ${newSlug}. Choose a different one`,
      })
    }
    if (found.kind === 'problems' || slugProblems.length > 0) {
      return {
        kind: 'problems',
        problems: [...slugProblems, ...(found.kind === 'problems' ? found.problems : [])],
        centreChoices: found.kind === 'problems' ? found.centreChoices : null,
      }
    }
    return this.editing.inTransaction(() => {
      const at = this.now()
      const next = this.input(details, newSlug, found.point, found.boundary)
      const changed = changedFields(hub, next)
      this.hubs.update(hub.id, { ...next, meetingPlaceId: hub.meetingPlaceId, updatedAt: at })
      if (newSlug !== hub.slug) this.editing.recordSlugChange(hub.id, hub.slug, newSlug, at)
      this.audit.record({
        accountId: accountIdOf(viewer),
        action: 'hub-changed',
        recordType: 'hub',
        recordId: hub.id,
        from,
        detail:
          changed.length === 0
            ? 'Saved with no changes'
            : `Changed ${changed.join(', ')}${newSlug !== hub.slug ? ` (address from ${hub.slug} to ${newSlug})` : ''}`,
      })
      return { kind: 'saved', slug: newSlug, note: found.note }
    })
  }

  /**
   * Makes an account a lead of the hub: it must already be a peer lead or a coordinator (roles
   * are given on the accounts pages); a coordinator of all hubs has it already.
   */
  addLead(viewer: Viewer, hub: EditableHubRow, email: string, from: RequestOrigin): LeadResult {
    insist(this.mayEdit(viewer))
    const account = this.accounts.findByEmail(email)
    if (!account) return { kind: 'no-account' }
    if (account.role !== 'peer_lead' && account.role !== 'coordinator') {
      return { kind: 'not-a-lead', displayName: account.displayName }
    }
    if (account.allHubs) return { kind: 'all-hubs', displayName: account.displayName }
    return this.editing.inTransaction(() => {
      if (!this.editing.addLeadTo(hub.id, account.id))
        return { kind: 'already', displayName: account.displayName }
      this.audit.record({
        accountId: accountIdOf(viewer),
        action: 'hub-lead-added',
        recordType: 'hub',
        recordId: hub.id,
        from,
        detail: `${account.displayName} (account ${account.id}) now looks after ${hub.name}`,
      })
      return {
        kind: 'added',
        lead: { displayName: account.displayName, role: account.role as 'peer_lead' | 'coordinator' },
      }
    })
  }

  /** Takes the hub away from a lead; false when they did not have it. */
  removeLead(viewer: Viewer, hub: EditableHubRow, accountId: number, from: RequestOrigin): HubLeadRow | null {
    insist(this.mayEdit(viewer))
    const lead = this.editing.leads(hub.id).find((row) => row.accountId === accountId)
    if (!lead) return null
    this.editing.inTransaction(() => {
      this.editing.removeLeadFrom(hub.id, accountId)
      this.audit.record({
        accountId: accountIdOf(viewer),
        action: 'hub-lead-removed',
        recordType: 'hub',
        recordId: hub.id,
        from,
        detail: `${lead.displayName} (account ${lead.accountId}) no longer looks after ${hub.name}`,
      })
    })
    return lead
  }

  /** Adds a partner by what was typed: an organisation's name (or part of it), or a choice's id. */
  addPartner(
    viewer: Viewer,
    hub: EditableHubRow,
    choice: { typed: string; organisationId: number | null },
    from: RequestOrigin,
  ): PartnerResult {
    insist(this.mayEdit(viewer))
    let organisation: HubPartnerRow | undefined
    if (choice.organisationId !== null) {
      organisation = this.editing.organisation(choice.organisationId)
      if (!organisation) return { kind: 'none' }
    } else {
      const found = this.editing.organisationsLike(choice.typed, PARTNER_CHOICES)
      const exact = found.filter((row) => row.name.toLowerCase() === choice.typed.trim().toLowerCase())
      if (found.length === 0) return { kind: 'none' }
      if (exact.length === 1) organisation = exact[0]
      else if (found.length === 1) organisation = found[0]
      else return { kind: 'choose', choices: found }
    }
    const partner = organisation as HubPartnerRow
    return this.editing.inTransaction(() => {
      if (!this.editing.addPartnerTo(hub.id, partner.organisationId, this.now()))
        return { kind: 'already', partner }
      this.audit.record({
        accountId: accountIdOf(viewer),
        action: 'hub-partner-added',
        recordType: 'hub',
        recordId: hub.id,
        from,
        detail: `${partner.name} (organisation ${partner.organisationId}) is now a partner of ${hub.name}`,
      })
      return { kind: 'added', partner }
    })
  }

  removePartner(
    viewer: Viewer,
    hub: EditableHubRow,
    organisationId: number,
    from: RequestOrigin,
  ): HubPartnerRow | null {
    insist(this.mayEdit(viewer))
    const partner = this.editing.partners(hub.id).find((row) => row.organisationId === organisationId)
    if (!partner) return null
    this.editing.inTransaction(() => {
      this.editing.removePartnerFrom(hub.id, organisationId)
      this.audit.record({
        accountId: accountIdOf(viewer),
        action: 'hub-partner-removed',
        recordType: 'hub',
        recordId: hub.id,
        from,
        detail: `${partner.name} (organisation ${partner.organisationId}) is no longer a partner of ${hub.name}`,
      })
    })
    return partner
  }
}

/** Which of the hub's fields the change alters, in words. */
function changedFields(hub: EditableHubRow, next: ReturnType<HubEditorService['input']>): string[] {
  const changed: string[] = []
  if (hub.name !== next.name) changed.push(FIELD_WORDS.name as string)
  if (hub.slug !== next.slug) changed.push(FIELD_WORDS.slug as string)
  if (hub.description !== next.description) changed.push(FIELD_WORDS.description as string)
  if (hub.meetingPlaceDescription !== next.meetingPlaceDescription)
    changed.push(FIELD_WORDS.meetingPlace as string)
  if (hub.meetingTimes !== next.meetingTimes) changed.push(FIELD_WORDS.meetingTimes as string)
  if (hub.phone !== next.phone) changed.push(FIELD_WORDS.phone as string)
  if (hub.email !== next.email) changed.push(FIELD_WORDS.email as string)
  if (hub.latitude !== next.latitude || hub.longitude !== next.longitude)
    changed.push(FIELD_WORDS.centre as string)
  if (hub.radiusMiles !== next.radiusMiles || hub.boundaryGeojson !== next.boundaryGeojson) {
    changed.push(FIELD_WORDS.area as string)
  }
  return changed
}
