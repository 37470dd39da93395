import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'

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

/** Organisations (HSDS "organization"). Public reads see only published ones. */
export class OrganisationsRepository {
  private readonly byId: Statement<[number], OrganisationRow>
  private readonly hubsOfOrganisation: Statement<[number], OrganisationHubRow>

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
        ORDER BY h.name`,
    )
  }

  /** One published organisation, or undefined when there is none with that id or it is not published. */
  findPublishedById(id: number): OrganisationRow | undefined {
    return this.byId.get(id)
  }

  /** The hubs an organisation works in, by name. */
  hubsOf(organisationId: number): OrganisationHubRow[] {
    return this.hubsOfOrganisation.all(organisationId)
  }
}
