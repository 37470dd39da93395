import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'
import { distinct, type ListingStatus, ListingLifecycle, ListingDetails } from './writing'
import { NEW_OPEN_REFERRAL_ID_SQL } from './openReferralIds'

/** The columns a reviewed suggestion may set. */
export const ORGANISATION_DETAIL_COLUMNS = [
  'name',
  'description',
  'phone',
  'email',
  'website',
  'address_1',
  'city',
  'postal_code',
  'latitude',
  'longitude',
] as const
export type OrganisationDetailColumn = (typeof ORGANISATION_DETAIL_COLUMNS)[number]

/** One published organisation. */
export interface OrganisationRow {
  id: number
  name: string
  description: string
  website: string | null
  email: string | null
  phone: string | null
  address1: string | null
  city: string | null
  postalCode: string | null
  latitude: number | null
  longitude: number | null
  lastChecked: string
}

export interface OrganisationHubRow {
  slug: string
  name: string
}

/** An organisation as it is written. Left out, the optional fields are empty and the dates today. */
export interface OrganisationInput {
  /** a fixed id (the benchmark's generator uses them); left out, the database picks one */
  id?: number
  name: string
  description?: string
  website?: string | null
  email?: string | null
  phone?: string | null
  address1?: string | null
  city?: string | null
  postalCode?: string | null
  latitude?: number | null
  longitude?: number | null
  status: ListingStatus
  /** YYYY-MM-DD */
  lastChecked?: string
  /** the hubs it works in */
  hubIds?: number[]
  createdAt?: string
  updatedAt?: string
}

function organisationColumns(organisation: OrganisationInput) {
  return {
    id: organisation.id ?? null,
    name: organisation.name,
    description: organisation.description ?? '',
    website: organisation.website ?? null,
    email: organisation.email ?? null,
    phone: organisation.phone ?? null,
    address1: organisation.address1 ?? null,
    city: organisation.city ?? null,
    postalCode: organisation.postalCode ?? null,
    latitude: organisation.latitude ?? null,
    longitude: organisation.longitude ?? null,
    status: organisation.status,
    lastChecked: organisation.lastChecked ?? null,
    createdAt: organisation.createdAt ?? null,
    updatedAt: organisation.updatedAt ?? null,
  }
}

/** The values bound to the write's placeholders. */
type OrganisationColumns = ReturnType<typeof organisationColumns>

/** Organisations (HSDS "organization"). Public reads see only published ones. */
export class OrganisationsRepository {
  private readonly byId: Statement<[number], OrganisationRow>
  private readonly hubsOfOrganisation: Statement<[number, number], OrganisationHubRow>
  private readonly hubCountOf: Statement<[number], { n: number }>
  // Writes: the one column list for organizations and for organization_hubs.
  private readonly insertOrganisation: Statement<[OrganisationColumns]>
  private readonly updateOrganisation: Statement<[OrganisationColumns]>
  private readonly linkHub: Statement<[number, number]>
  private readonly unlinkHubs: Statement<[number]>
  private readonly lifecycle: ListingLifecycle
  private readonly details: ListingDetails<OrganisationDetailColumn>
  private readonly writeWithHubs: (id: number | null, organisation: OrganisationInput) => number | null

  constructor(db: Db) {
    this.byId = db.prepare(
      `SELECT id, name, description, website, email, phone, address_1 AS address1, city, postal_code AS postalCode,
              latitude, longitude, last_checked AS lastChecked
         FROM organizations
        WHERE id = ? AND status = 'published'`,
    )
    this.hubsOfOrganisation = db.prepare(
      `SELECT h.slug, h.name
         FROM organization_hubs oh
         JOIN hubs h ON h.id = oh.hub_id
        WHERE oh.organization_id = ?
        ORDER BY h.name, h.id
        LIMIT ?`,
    )
    this.hubCountOf = db.prepare('SELECT COUNT(*) AS n FROM organization_hubs WHERE organization_id = ?')

    this.insertOrganisation = db.prepare(
      `INSERT INTO organizations (id, name, description, website, email, phone, address_1, city, postal_code,
         latitude, longitude, status, last_checked, created_at, updated_at, open_referral_id)
       VALUES (@id, @name, @description, @website, @email, @phone, @address1, @city, @postalCode,
         @latitude, @longitude, @status, COALESCE(@lastChecked, date('now')),
         COALESCE(@createdAt, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
         COALESCE(@updatedAt, @createdAt, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), ${NEW_OPEN_REFERRAL_ID_SQL})`,
    )
    this.updateOrganisation = db.prepare(
      `UPDATE organizations
          SET name = @name, description = @description, website = @website, email = @email, phone = @phone,
              address_1 = @address1, city = @city, postal_code = @postalCode, latitude = @latitude,
              longitude = @longitude, status = @status, last_checked = COALESCE(@lastChecked, last_checked),
              updated_at = COALESCE(@updatedAt, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        WHERE id = @id`,
    )
    this.linkHub = db.prepare('INSERT INTO organization_hubs (organization_id, hub_id) VALUES (?, ?)')
    this.unlinkHubs = db.prepare('DELETE FROM organization_hubs WHERE organization_id = ?')
    this.lifecycle = new ListingLifecycle(db, 'organizations')
    this.details = new ListingDetails(db, 'organizations', ORGANISATION_DETAIL_COLUMNS)
    // The row and its hub links together, in one transaction: a new one when id is null.
    this.writeWithHubs = db.transaction((id: number | null, organisation: OrganisationInput) => {
      let written: number
      if (id === null) {
        written = Number(this.insertOrganisation.run(organisationColumns(organisation)).lastInsertRowid)
      } else {
        if (this.updateOrganisation.run(organisationColumns({ ...organisation, id })).changes === 0)
          return null
        this.unlinkHubs.run(id)
        written = id
      }
      for (const hubId of distinct(organisation.hubIds ?? [])) this.linkHub.run(written, hubId)
      return written
    })
  }

  /** Adds an organisation with the hubs it works in, in one transaction; returns its id. */
  insert(organisation: OrganisationInput): number {
    return this.writeWithHubs(null, organisation) as number
  }

  /**
   * Replaces everything about an organisation but its id and when it was made, hubs included,
   * in one transaction. A left-out lastChecked keeps the one it had. False when there is none.
   */
  update(id: number, organisation: Omit<OrganisationInput, 'id' | 'createdAt'>): boolean {
    return this.writeWithHubs(id, organisation) !== null
  }

  /** Publishes, archives or holds back an organisation. False when there is none. */
  setStatus(id: number, status: ListingStatus): boolean {
    return this.lifecycle.setStatus(id, status)
  }

  /** Records that someone checked the organisation's details, on `date` (YYYY-MM-DD) or today. */
  markChecked(id: number, date?: string): boolean {
    return this.lifecycle.markChecked(id, date)
  }

  /**
   * Sets some of its own columns (a reviewed suggestion's changes), leaving the rest, its
   * links and its times as they are. False when there is none.
   */
  updateDetails(
    id: number,
    values: Partial<Record<OrganisationDetailColumn, string | number | null>>,
  ): boolean {
    return this.details.update(id, values)
  }

  /**
   * Deletes an organisation and its hub links; its places stay, with no organisation. An
   * organisation that still runs services cannot be deleted (the database refuses): delete or
   * move its services first. False when there was no such organisation.
   */
  delete(id: number): boolean {
    return this.lifecycle.delete(id)
  }

  /** One published organisation, or undefined when there is none with that id or it is not published. */
  findPublishedById(id: number): OrganisationRow | undefined {
    return this.byId.get(id)
  }

  /** The first `limit` hubs an organisation works in, by name. */
  hubsOf(organisationId: number, limit: number): OrganisationHubRow[] {
    return this.hubsOfOrganisation.all(organisationId, limit)
  }

  /** How many hubs an organisation works in. */
  countHubsOf(organisationId: number): number {
    return this.hubCountOf.get(organisationId)?.n ?? 0
  }

  /**
   * Adds many organisations, each with the hubs it works in, in one transaction (the caller's,
   * when there is one) without a savepoint for each: for bulk loads such as the benchmark's
   * generator. Throws, keeping none of them, as insert does. Returns how many it added.
   */
  insertMany(organisations: Iterable<OrganisationInput>): number {
    let added = 0
    // statement.database is the connection this repository was made with.
    this.insertOrganisation.database.transaction(() => {
      for (const organisation of organisations) {
        const id = Number(this.insertOrganisation.run(organisationColumns(organisation)).lastInsertRowid)
        for (const hubId of distinct(organisation.hubIds ?? [])) this.linkHub.run(id, hubId)
        added++
      }
    })()
    return added
  }
}
