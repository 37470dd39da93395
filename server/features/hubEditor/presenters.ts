/** What the hub editor's pages show, from the service's records and what was typed. */
import type { EditableHubRow, HubLeadRow, HubPartnerRow } from '../../../db/repositories/hubEditingRepository'
import { addresses } from '../../addresses'
import { type FieldIds, type FieldProblem, formErrors } from '../../forms'
import { paginationView } from '../../presenters/pagination'
import type { HubListPage } from '../../services/hubs/hubEditorService'
import type { PlaceOption } from '../../services/locationService'
import type { AssignTyped, HubFormTyped } from './schemas'

/** The hub form's fields in page order, each problem linking to its field. */
export const HUB_FIELD_IDS: FieldIds = {
  name: 'name',
  slug: 'slug',
  description: 'description',
  centre: 'centre',
  centreChoice: 'centreChoice',
  area: 'area',
  radiusMiles: 'radiusMiles',
  boundary: 'boundary',
  meetingPlace: 'meetingPlace',
  meetingTimes: 'meetingTimes',
  phone: 'phone',
  email: 'email',
}

export const ASSIGN_FIELD_IDS: FieldIds = { leadEmail: 'leadEmail', partner: 'partner', partnerId: 'partner' }

export function presentHubList(found: HubListPage, q: string) {
  const count =
    found.total === 0
      ? q
        ? `No hubs have ‘${q}’ in their name.`
        : 'There are no hubs yet.'
      : `${found.total.toLocaleString('en-GB')} ${found.total === 1 ? 'hub' : 'hubs'}${q ? ` with ‘${q}’ in the name` : ''}`
  return {
    action: addresses.adminHubs(),
    newHref: addresses.adminHubNew(),
    q,
    clearHref: q ? addresses.adminHubs() : null,
    count,
    hubs: found.hubs.map((hub) => ({
      name: hub.name,
      editHref: addresses.adminHubEdit(hub.slug),
      pageHref: addresses.hub(hub.slug),
      area:
        hub.area === 'boundary' ? 'Area: a boundary' : `Area: ${hub.radiusMiles ?? 0} miles round its centre`,
    })),
    pagination: paginationView(found.page, found.pageCount, (page) => addresses.adminHubs({ q }, page)),
  }
}

/** A blank form for a new hub: a radius of 3 miles to start from. */
export function blankHubForm(): HubFormTyped {
  return {
    name: '',
    slug: '',
    description: '',
    meetingPlace: '',
    meetingTimes: '',
    phone: '',
    email: '',
    centre: '',
    centreChoice: '',
    area: 'radius',
    radiusMiles: '3',
    boundary: '',
  }
}

/** The form filled in from the hub as it is. The centre is shown as its point, which the location service reads. */
export function hubFormOf(hub: EditableHubRow): HubFormTyped {
  return {
    name: hub.name,
    slug: hub.slug,
    description: hub.description,
    meetingPlace: hub.meetingPlaceDescription,
    meetingTimes: hub.meetingTimes,
    phone: hub.phone ?? '',
    email: hub.email ?? '',
    centre: `${hub.latitude}, ${hub.longitude}`,
    centreChoice: '',
    area: hub.boundaryGeojson ? 'boundary' : 'radius',
    radiusMiles: hub.radiusMiles === null ? '' : String(hub.radiusMiles),
    boundary: hub.boundaryGeojson ? JSON.stringify(JSON.parse(hub.boundaryGeojson), null, 1) : '',
  }
}

export function presentHubForm(options: {
  typed: HubFormTyped
  problems: readonly FieldProblem[]
  centreChoices: PlaceOption[] | null
  editing: EditableHubRow | null
}) {
  const { typed, problems, centreChoices, editing } = options
  return {
    ...formErrors(problems, HUB_FIELD_IDS),
    values: typed,
    editing: editing !== null,
    action: editing ? addresses.adminHubEdit(editing.slug) : addresses.adminHubNew(),
    backHref: addresses.adminHubs(),
    hubHref: editing ? addresses.hub(editing.slug) : null,
    areaItems: [
      { value: 'radius', text: 'A distance round its centre', checked: typed.area !== 'boundary' },
      { value: 'boundary', text: 'A boundary (GeoJSON)', checked: typed.area === 'boundary' },
    ],
    centreChoiceItems: centreChoices
      ? centreChoices.map((option) => ({
          value: option.where,
          text: option.name,
          hint: option.hint,
          checked: typed.centreChoice === option.where,
        }))
      : null,
  }
}

export function presentAssignments(options: {
  hub: EditableHubRow
  leads: HubLeadRow[]
  partners: HubPartnerRow[]
  typed: AssignTyped | null
  problems: readonly FieldProblem[]
  partnerChoices: HubPartnerRow[] | null
}) {
  const { hub, leads, partners, typed, problems, partnerChoices } = options
  return {
    assign: {
      ...formErrors(problems, ASSIGN_FIELD_IDS),
      action: addresses.adminHubPeople(hub.slug),
      leadEmail: typed?.leadEmail ?? '',
      partner: typed?.partner ?? '',
      leads: leads.map((lead) => ({
        accountId: lead.accountId,
        name: lead.displayName,
        email: lead.email,
        role: lead.role === 'peer_lead' ? 'Peer lead' : 'Coordinator',
        accountHref: addresses.adminAccount(lead.accountId),
      })),
      partners: partners.map((partner) => ({
        organisationId: partner.organisationId,
        name: partner.name,
        city: partner.city,
        href: addresses.organisation(partner.organisationId),
      })),
      partnerChoiceItems: partnerChoices
        ? partnerChoices.map((choice) => ({
            value: String(choice.organisationId),
            text: choice.name,
            hint: choice.city ?? undefined,
          }))
        : null,
    },
  }
}
