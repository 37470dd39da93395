import type { Statement } from 'better-sqlite3'
import type { Db } from '../connection'

/** A hub as its editor shows it: everything that can be changed, its area as stored. */
export interface EditableHubRow {
  id: number
  slug: string
  name: string
  description: string
  latitude: number
  longitude: number
  boundaryGeojson: string | null
  radiusMiles: number | null
  phone: string | null
  email: string | null
  meetingTimes: string
  meetingPlaceDescription: string
  meetingPlaceId: number | null
  createdAt: string
}

/** One line of the admin's list of hubs. */
export interface HubListRow {
  id: number
  slug: string
  name: string
  /** 'boundary' or 'radius' */
  area: 'boundary' | 'radius'
  radiusMiles: number | null
}

/** A peer lead or coordinator who looks after a hub (by name: not an all-hubs coordinator). */
export interface HubLeadRow {
  accountId: number
  displayName: string
  email: string
  role: 'peer_lead' | 'coordinator'
}

/** An organisation as a hub's partner, or one to choose. */
export interface HubPartnerRow {
  organisationId: number
  name: string
  city: string | null
}

/** The most leads, and the most partners, one hub may have (the editor shows them all). */
export const MOST_LEADS_PER_HUB = 100
export const MOST_PARTNERS_PER_HUB = 100

const EDITABLE = `id, slug, name, description, latitude, longitude, boundary_geojson AS boundaryGeojson,
  radius_miles AS radiusMiles, phone, email, meeting_times AS meetingTimes,
  meeting_place_description AS meetingPlaceDescription, meeting_location_id AS meetingPlaceId,
  created_at AS createdAt`

/** Escapes LIKE's wildcards in what someone typed, for `LIKE ... ESCAPE '\\'`. */
const likeEscaped = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`)

/**
 * What the hub editor reads and writes beyond the hub's own row (HubsRepository writes that):
 * the list of hubs by name, the hub's leads (account_hubs rows of peer leads and
 * coordinators), its partner organisations (hub_partners) and its old slugs
 * (hub_slug_history). Every list is limited.
 */
export class HubEditingRepository {
  private readonly bySlug: Statement<[string], EditableHubRow>
  private readonly pageAll: Statement<[{ limit: number; offset: number }], HubListRow>
  private readonly pageNamed: Statement<[{ like: string; limit: number; offset: number }], HubListRow>
  private readonly countAll: Statement<[], number>
  private readonly countNamed: Statement<[{ like: string }], number>
  private readonly slugTaken: Statement<[{ slug: string }], number>
  private readonly oldSlugTarget: Statement<[string], string>
  private readonly keepOldSlug: Statement<[{ oldSlug: string; hubId: number; at: string }]>
  private readonly forgetOldSlug: Statement<[string]>
  private readonly leadsOf: Statement<[{ hubId: number; limit: number }], HubLeadRow>
  private readonly addLead: Statement<[{ accountId: number; hubId: number }]>
  private readonly removeLead: Statement<[{ accountId: number; hubId: number }]>
  private readonly partnersOf: Statement<[{ hubId: number; limit: number }], HubPartnerRow>
  private readonly addPartner: Statement<[{ hubId: number; organisationId: number; at: string }]>
  private readonly removePartner: Statement<[{ hubId: number; organisationId: number }]>
  private readonly organisationsNamed: Statement<
    [{ like: string; exact: string; limit: number }],
    HubPartnerRow
  >
  private readonly organisationById: Statement<[number], HubPartnerRow>

  constructor(private readonly db: Db) {
    this.bySlug = db.prepare(`SELECT ${EDITABLE} FROM hubs WHERE slug = ?`)
    const listColumns = `id, slug, name, CASE WHEN boundary_geojson IS NULL THEN 'radius' ELSE 'boundary' END AS area,
      radius_miles AS radiusMiles`
    // By name through the hubs_name index (0013), a page at a time.
    this.pageAll = db.prepare(`SELECT ${listColumns} FROM hubs ORDER BY name, id LIMIT @limit OFFSET @offset`)
    this.pageNamed = db.prepare(
      `SELECT ${listColumns} FROM hubs WHERE lower(name) LIKE @like ESCAPE '\\'
        ORDER BY name, id LIMIT @limit OFFSET @offset`,
    )
    this.countAll = db.prepare<[], number>('SELECT COUNT(*) FROM hubs').pluck()
    this.countNamed = db
      .prepare<[{ like: string }], number>(
        `SELECT COUNT(*) FROM hubs WHERE lower(name) LIKE @like ESCAPE '\\'`,
      )
      .pluck()
    this.slugTaken = db
      .prepare<[{ slug: string }], number>(
        `SELECT EXISTS (SELECT 1 FROM hubs WHERE slug = @slug)
             OR EXISTS (SELECT 1 FROM hub_slug_history WHERE old_slug = @slug)`,
      )
      .pluck()
    this.oldSlugTarget = db
      .prepare<[string], string>(
        'SELECT h.slug FROM hub_slug_history s JOIN hubs h ON h.id = s.hub_id WHERE s.old_slug = ?',
      )
      .pluck()
    this.keepOldSlug = db.prepare(
      'INSERT INTO hub_slug_history (old_slug, hub_id, changed_at) VALUES (@oldSlug, @hubId, @at)',
    )
    this.forgetOldSlug = db.prepare('DELETE FROM hub_slug_history WHERE old_slug = ?')
    this.leadsOf = db.prepare(
      `SELECT a.id AS accountId, a.display_name AS displayName, a.email, a.role
         FROM account_hubs ah JOIN accounts a ON a.id = ah.account_id
        WHERE ah.hub_id = @hubId AND a.role IN ('peer_lead', 'coordinator')
        ORDER BY a.display_name COLLATE NOCASE, a.id LIMIT @limit`,
    )
    this.addLead = db.prepare(
      'INSERT OR IGNORE INTO account_hubs (account_id, hub_id) VALUES (@accountId, @hubId)',
    )
    this.removeLead = db.prepare('DELETE FROM account_hubs WHERE account_id = @accountId AND hub_id = @hubId')
    this.partnersOf = db.prepare(
      `SELECT o.id AS organisationId, o.name, o.city
         FROM hub_partners p JOIN organizations o ON o.id = p.organization_id
        WHERE p.hub_id = @hubId ORDER BY o.name, o.id LIMIT @limit`,
    )
    this.addPartner = db.prepare(
      `INSERT OR IGNORE INTO hub_partners (hub_id, organization_id, added_at)
       VALUES (@hubId, @organisationId, @at)`,
    )
    this.removePartner = db.prepare(
      'DELETE FROM hub_partners WHERE hub_id = @hubId AND organization_id = @organisationId',
    )
    this.organisationsNamed = db.prepare(
      `SELECT id AS organisationId, name, city FROM organizations
        WHERE lower(name) LIKE @like ESCAPE '\\' AND status <> 'archived'
        ORDER BY lower(name) = @exact DESC, name, id LIMIT @limit`,
    )
    this.organisationById = db.prepare(
      'SELECT id AS organisationId, name, city FROM organizations WHERE id = ?',
    )
  }

  /** Runs `work` in one transaction: all of it is written, or none. */
  inTransaction<T>(work: () => T): T {
    return this.db.transaction(work)()
  }

  find(slug: string): EditableHubRow | undefined {
    return this.bySlug.get(slug)
  }

  /** A page of hubs by name, those whose name holds `text` (any case) when given, and how many in all. */
  page(text: string | null, page: { limit: number; offset: number }): { rows: HubListRow[]; total: number } {
    if (text === null || text.trim() === '')
      return { rows: this.pageAll.all(page), total: this.countAll.get() ?? 0 }
    const like = `%${likeEscaped(text.trim().toLowerCase())}%`
    return { rows: this.pageNamed.all({ like, ...page }), total: this.countNamed.get({ like }) ?? 0 }
  }

  /** Whether a hub has this slug now, or had it once. */
  isSlugTaken(slug: string): boolean {
    return this.slugTaken.get({ slug }) === 1
  }

  /** The slug now of the hub that once had `oldSlug`, or undefined. */
  slugNowFor(oldSlug: string): string | undefined {
    return this.oldSlugTarget.get(oldSlug)
  }

  /** Keeps `oldSlug` pointing at the hub; a hub going back to an old slug takes it out of the history. */
  recordSlugChange(hubId: number, oldSlug: string, newSlug: string, at: string): void {
    this.forgetOldSlug.run(newSlug)
    this.keepOldSlug.run({ oldSlug, hubId, at })
  }

  leads(hubId: number): HubLeadRow[] {
    return this.leadsOf.all({ hubId, limit: MOST_LEADS_PER_HUB })
  }

  /** Adds the hub to an account's hubs; false when it had it already. */
  addLeadTo(hubId: number, accountId: number): boolean {
    return this.addLead.run({ accountId, hubId }).changes === 1
  }

  removeLeadFrom(hubId: number, accountId: number): boolean {
    return this.removeLead.run({ accountId, hubId }).changes === 1
  }

  partners(hubId: number): HubPartnerRow[] {
    return this.partnersOf.all({ hubId, limit: MOST_PARTNERS_PER_HUB })
  }

  addPartnerTo(hubId: number, organisationId: number, at: string): boolean {
    return this.addPartner.run({ hubId, organisationId, at }).changes === 1
  }

  removePartnerFrom(hubId: number, organisationId: number): boolean {
    return this.removePartner.run({ hubId, organisationId }).changes === 1
  }

  /** At most `limit` organisations (not archived) whose names hold `text`, the exact name first. */
  organisationsLike(text: string, limit: number): HubPartnerRow[] {
    const lower = text.trim().toLowerCase()
    return this.organisationsNamed.all({ like: `%${likeEscaped(lower)}%`, exact: lower, limit })
  }

  organisation(id: number): HubPartnerRow | undefined {
    return this.organisationById.get(id)
  }
}
