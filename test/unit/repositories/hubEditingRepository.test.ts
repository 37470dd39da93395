import { AccountsRepository } from '../../../db/repositories/accountsRepository'
import { DataVersionRepository } from '../../../db/repositories/dataVersionRepository'
import { HubEditingRepository } from '../../../db/repositories/hubEditingRepository'
import { pointTyped, slugFromName } from '../../../server/services/hubs/hubEditorService'
import { aHub, anOrganisation } from '../../builders'
import { aDatabase } from '../../support/testApp'

describe('slugs from names, and centres typed as points', () => {
  it('makes a slug of small letters, numbers and single hyphens', () => {
    expect(slugFromName('St Peter’s & Broadstairs')).toBe('st-peters-broadstairs')
    expect(slugFromName('  Café  Société  ')).toBe('cafe-societe')
    expect(slugFromName('!!!')).toBe('hub')
    expect(slugFromName('a'.repeat(80)).length).toBeLessThanOrEqual(60)
  })

  it('reads "latitude, longitude" and nothing else as a point', () => {
    expect(pointTyped('51.38, 1.3862')).toEqual({ latitude: 51.38, longitude: 1.3862 })
    expect(pointTyped('-33.9,151.2')).toEqual({ latitude: -33.9, longitude: 151.2 })
    expect(pointTyped('Margate')).toBeNull()
    expect(pointTyped('95, 1')).toBeNull()
    expect(pointTyped('CT9 1AB')).toBeNull()
  })
})

describe('the hub editor’s repository', () => {
  it('keeps old slugs, says where they point now, and lets a hub take its own old slug back', () => {
    const db = aDatabase()
    const editing = new HubEditingRepository(db)
    const id = aHub(db, { slug: 'thanet', name: 'Thanet' })
    aHub(db, { slug: 'sheffield', name: 'Sheffield' })
    expect(editing.isSlugTaken('thanet')).toBe(true)
    expect(editing.isSlugTaken('isle-of-thanet')).toBe(false)

    db.prepare("UPDATE hubs SET slug = 'isle-of-thanet' WHERE id = ?").run(id)
    editing.recordSlugChange(id, 'thanet', 'isle-of-thanet', '2026-12-01T10:00:00Z')
    expect(editing.slugNowFor('thanet')).toBe('isle-of-thanet')
    // An old slug is still taken, so no other hub can be given it.
    expect(editing.isSlugTaken('thanet')).toBe(true)
    expect(editing.slugNowFor('sheffield')).toBeUndefined()

    db.prepare("UPDATE hubs SET slug = 'thanet' WHERE id = ?").run(id)
    editing.recordSlugChange(id, 'isle-of-thanet', 'thanet', '2026-12-02T10:00:00Z')
    expect(editing.slugNowFor('thanet')).toBeUndefined()
    expect(editing.slugNowFor('isle-of-thanet')).toBe('thanet')
  })

  it('lists hubs by name a page at a time, searching by part of the name', () => {
    const db = aDatabase()
    const editing = new HubEditingRepository(db)
    for (const name of ['Whitby', 'Ashford', 'Thanet', 'East Thanet', '100% Margate']) aHub(db, { name })
    expect(editing.page(null, { limit: 2, offset: 0 })).toEqual({
      rows: [expect.objectContaining({ name: '100% Margate' }), expect.objectContaining({ name: 'Ashford' })],
      total: 5,
    })
    const found = editing.page('THANET', { limit: 10, offset: 0 })
    expect(found.rows.map((row) => row.name)).toEqual(['East Thanet', 'Thanet'])
    expect(found.total).toBe(2)
    // LIKE's wildcards in what was typed are only characters.
    expect(editing.page('%', { limit: 10, offset: 0 }).rows.map((row) => row.name)).toEqual(['100% Margate'])
  })

  it('adds and removes leads and partners; partners move the data version', () => {
    const db = aDatabase()
    const editing = new HubEditingRepository(db)
    const version = new DataVersionRepository(db)
    const hubId = aHub(db, { name: 'Thanet' })
    const accounts = new AccountsRepository(db)
    const lead = accounts.create({
      email: 'lead@example.org',
      displayName: 'Pat Lead',
      passwordHash: null,
      role: 'peer_lead',
      at: '2026-11-01T10:00:00Z',
    })
    const member = accounts.create({
      email: 'member@example.org',
      displayName: 'Mo Member',
      passwordHash: null,
      at: '2026-11-01T10:00:00Z',
    })
    expect(editing.addLeadTo(hubId, lead)).toBe(true)
    expect(editing.addLeadTo(hubId, lead)).toBe(false)
    editing.addLeadTo(hubId, member)
    // A member's hub is the hub they belong to, not one they lead.
    expect(editing.leads(hubId).map((row) => row.displayName)).toEqual(['Pat Lead'])
    expect(accounts.hubIdsOf(lead)).toEqual([hubId])
    expect(editing.removeLeadFrom(hubId, lead)).toBe(true)
    expect(editing.leads(hubId)).toEqual([])

    const organisation = anOrganisation(db, { name: 'Age UK Thanet' })
    const before = version.current()
    expect(editing.addPartnerTo(hubId, organisation, '2026-12-01T10:00:00Z')).toBe(true)
    expect(version.current()).toBeGreaterThan(before)
    expect(editing.partners(hubId)).toEqual([
      expect.objectContaining({ organisationId: organisation, name: 'Age UK Thanet' }),
    ])
    expect(editing.organisationsLike('age uk', 5).map((row) => row.name)).toEqual(['Age UK Thanet'])
    expect(editing.removePartnerFrom(hubId, organisation)).toBe(true)
    expect(editing.partners(hubId)).toEqual([])
  })
})
