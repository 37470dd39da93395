/**
 * Making and changing hubs (issue 12), as an admin and a coordinator of all hubs do it: who
 * may, a new hub with a radius, a boundary pasted in (and a bad one, which keeps what was
 * typed), the slug that stays when the name changes and the old one that redirects when it is
 * changed, and leads and partners, which change who can coordinate the hub.
 */
import { loadGazetteerIfEmpty } from '../../db/gazetteer'
import { AuditLogRepository } from '../../db/repositories/auditLogRepository'
import { aBrowser, anAccount } from '../support/accounts'
import { aDemoTestApp, type TestApp } from '../support/testApp'

jest.setTimeout(60_000)

const square = {
  type: 'Polygon',
  coordinates: [
    [
      [1.2, 51.3],
      [1.5, 51.3],
      [1.5, 51.4],
      [1.2, 51.4],
      [1.2, 51.3],
    ],
  ],
}

const hubRow = (testApp: TestApp, slug: string) =>
  testApp.db
    .prepare(
      'SELECT id, name, slug, latitude, longitude, radius_miles AS radiusMiles, boundary_geojson AS boundary, phone, email, meeting_times AS meetingTimes, meeting_place_description AS meetingPlace FROM hubs WHERE slug = ?',
    )
    .get(slug) as
    | {
        id: number
        name: string
        slug: string
        latitude: number
        longitude: number
        radiusMiles: number | null
        boundary: string | null
        phone: string | null
        email: string | null
        meetingTimes: string
        meetingPlace: string
      }
    | undefined

const rtreeOf = (testApp: TestApp, id: number) =>
  testApp.db
    .prepare(
      'SELECT min_lat AS minLat, max_lat AS maxLat, min_lng AS minLng, max_lng AS maxLng FROM hubs_rtree WHERE id = ?',
    )
    .get(id) as {
    minLat: number
    maxLat: number
    minLng: number
    maxLng: number
  }

const dataVersion = (testApp: TestApp) =>
  (testApp.db.prepare('SELECT version FROM data_version').get() as { version: number }).version

async function signedIn(testApp: TestApp, input: Parameters<typeof anAccount>[1]) {
  const account = await anAccount(testApp.db, input)
  const browser = aBrowser(testApp.app)
  expect((await browser.signIn(account.email, account.password)).status).toBe(303)
  return { account, browser }
}

const newHub = {
  name: 'Cliftonville Hub',
  description: 'Neighbours helping neighbours in Cliftonville.',
  centre: 'Margate',
  area: 'radius',
  radiusMiles: '2.5',
  boundary: '',
  meetingPlace: 'Cliftonville Library, Northdown Road',
  meetingTimes: 'Second Thursday of the month, 2pm to 4pm',
  phone: '01632 960123',
  email: 'cliftonville@example.org',
}

describe('making and changing hubs', () => {
  let testApp: TestApp
  beforeEach(() => {
    testApp = aDemoTestApp()
    loadGazetteerIfEmpty(testApp.db)
  })

  it('lets only admins and coordinators of all hubs in; visitors are asked to sign in', async () => {
    const visitor = await aBrowser(testApp.app).get('/admin/hubs')
    expect(visitor.status).toBe(303)
    expect(visitor.headers.location).toMatch(/^\/sign-in/)
    const thanet = hubRow(testApp, 'thanet')!
    for (const input of [
      { role: 'member' as const },
      { role: 'peer_lead' as const, hubIds: [thanet.id] },
      { role: 'coordinator' as const, hubIds: [thanet.id] },
    ]) {
      const { browser } = await signedIn(testApp, input)
      expect((await browser.get('/admin/hubs')).status).toBe(403)
      expect((await browser.get('/admin/hubs/thanet/edit')).status).toBe(403)
      expect((await browser.get('/admin/hubs/new')).status).toBe(403)
    }
    const { browser } = await signedIn(testApp, { role: 'coordinator', allHubs: true })
    const list = await browser.get('/admin/hubs?q=than')
    expect(list.status).toBe(200)
    expect(list.text).toContain('Change Thanet')
    expect((await browser.get('/admin/hubs/thanet/edit')).status).toBe(200)
    expect((await browser.get('/admin/hubs/no-such-hub/edit')).status).toBe(404)
  })

  it('reads a long pasted boundary only for those who may edit hubs; anyone else is held to the short limit', async () => {
    // About 100 KB: over the 32 KB every other form may send, well under the editor's 4 MB.
    const longBoundary = JSON.stringify({
      type: 'Polygon',
      coordinates: [Array.from({ length: 4000 }, (_, i) => [1.2 + i / 40_000, 51.3 + (i % 2) / 100])],
    })
    const form = { ...newHub, area: 'boundary', boundary: longBoundary }

    const visitor = aBrowser(testApp.app)
    const visitorShort = await visitor.agent.post('/admin/hubs/new').type('form').send({ name: 'x' })
    // A visitor has no form token: the plain 403 page, as for any form.
    expect(visitorShort.status).toBe(403)
    expect((await visitor.agent.post('/admin/hubs/new').type('form').send(form)).status).toBe(413)

    const thanet = hubRow(testApp, 'thanet')!
    const { browser: coordinator } = await signedIn(testApp, { role: 'coordinator', hubIds: [thanet.id] })
    expect((await coordinator.submit('/', '/admin/hubs/thanet/edit', form)).status).toBe(413)
    // A short form from them gets the plain refusal, as before.
    expect((await coordinator.submit('/', '/admin/hubs/thanet/edit', { name: 'Thanet' })).status).toBe(403)

    const { browser: admin } = await signedIn(testApp, { role: 'admin' })
    const read = await admin.submit('/admin/hubs/new', '/admin/hubs/new', form)
    expect(read.status).not.toBe(413)
    expect([303, 400]).toContain(read.status)
  })

  it('makes a hub with a radius, placed through the location service, in the R*Tree and on the public pages', async () => {
    const { browser } = await signedIn(testApp, { role: 'admin' })
    const before = dataVersion(testApp)
    const made = await browser.submit('/admin/hubs/new', '/admin/hubs/new', newHub)
    expect(made.status).toBe(303)
    expect(made.headers.location).toBe('/admin/hubs/cliftonville-hub/edit')
    const hub = hubRow(testApp, 'cliftonville-hub')!
    expect(hub).toMatchObject({
      name: 'Cliftonville Hub',
      radiusMiles: 2.5,
      boundary: null,
      phone: '01632 960123',
      email: 'cliftonville@example.org',
      meetingTimes: 'Second Thursday of the month, 2pm to 4pm',
      meetingPlace: 'Cliftonville Library, Northdown Road',
    })
    expect(hub.latitude).toBeCloseTo(51.38, 1)
    expect(hub.longitude).toBeCloseTo(1.38, 1)
    const box = rtreeOf(testApp, hub.id)
    expect(box.minLat).toBeLessThan(hub.latitude - 2.5 / 70)
    expect(box.maxLat).toBeGreaterThan(hub.latitude + 2.5 / 70)
    expect(dataVersion(testApp)).toBeGreaterThan(before)
    const page = await browser.get('/hubs/cliftonville-hub')
    expect(page.status).toBe(200)
    expect(page.text).toContain('Cliftonville Hub')
    expect(page.text).toContain('01632 960123')
    const audit = new AuditLogRepository(testApp.db).newest(1)[0]
    expect(audit).toMatchObject({ action: 'hub-created', recordType: 'hub', recordId: String(hub.id) })

    // The same name again gets a slug of its own.
    const again = await browser.submit('/admin/hubs/new', '/admin/hubs/new', newHub)
    expect(again.headers.location).toBe('/admin/hubs/cliftonville-hub-2/edit')
  })

  it('says what is missing or wrong on a new hub, keeping what was typed', async () => {
    const { browser } = await signedIn(testApp, { role: 'admin' })
    const response = await browser.submit('/admin/hubs/new', '/admin/hubs/new', {
      ...newHub,
      name: '',
      centre: 'Nowhereville Xyzzy',
      radiusMiles: 'lots',
    })
    expect(response.status).toBe(400)
    expect(response.text).toContain('There is a problem')
    expect(response.text).toContain('Enter the hub’s name')
    expect(response.text).toContain('Enter the distance as a number of miles')
    expect(response.text).toContain('value="lots"')
    expect(response.text).toContain('Cliftonville Library, Northdown Road')
    expect(hubRow(testApp, 'cliftonville-hub')).toBeUndefined()
  })

  it('asks which place is meant when the centre names more than one, then uses the one chosen', async () => {
    const { browser } = await signedIn(testApp, { role: 'admin' })
    const asked = await browser.submit('/admin/hubs/new', '/admin/hubs/new', { ...newHub, centre: 'Newport' })
    expect(asked.status).toBe(400)
    expect(asked.text).toContain(
      'There is more than one place called Newport. Choose which one is the centre',
    )
    expect(asked.text).toContain('Which place is the centre?')
    const choices = [...asked.text.matchAll(/name="centreChoice" type="radio" value="([^"]+)"/g)].map(
      (match) => match[1]!.replace(/&#x27;/g, "'").replace(/&amp;/g, '&'),
    )
    expect(choices.length).toBeGreaterThan(1)
    const made = await browser.submit('/admin/hubs/new', '/admin/hubs/new', {
      ...newHub,
      centre: 'Newport',
      centreChoice: choices[0]!,
    })
    expect(made.status).toBe(303)
    const hub = hubRow(testApp, 'cliftonville-hub')!
    // Not Margate's point: one of the Newports.
    expect(Math.abs(hub.longitude - 1.38)).toBeGreaterThan(1)
  })

  it('edits a hub to a boundary, keeping its slug when the name changes', async () => {
    const { browser } = await signedIn(testApp, { role: 'admin' })
    const thanet = hubRow(testApp, 'thanet')!
    const saved = await browser.submit('/admin/hubs/thanet/edit', '/admin/hubs/thanet/edit', {
      ...newHub,
      name: 'Isle of Thanet',
      slug: 'thanet',
      centre: 'Margate',
      area: 'boundary',
      radiusMiles: '',
      boundary: JSON.stringify(square),
    })
    expect(saved.status).toBe(303)
    expect(saved.headers.location).toBe('/admin/hubs/thanet/edit')
    const after = hubRow(testApp, 'thanet')!
    expect(after.id).toBe(thanet.id)
    expect(after.name).toBe('Isle of Thanet')
    expect(after.radiusMiles).toBeNull()
    expect(JSON.parse(after.boundary!)).toEqual(square)
    const box = rtreeOf(testApp, thanet.id)
    expect(box.minLng).toBeLessThanOrEqual(1.2)
    expect(box.maxLng).toBeGreaterThanOrEqual(1.5)
    expect(box.maxLat).toBeGreaterThanOrEqual(51.4)
    const audit = new AuditLogRepository(testApp.db).newest(1)[0]
    expect(audit).toMatchObject({ action: 'hub-changed', recordId: String(thanet.id) })
    expect(audit?.detail).toContain('name')
    expect(audit?.detail).toContain('area')
  })

  it('shows a plain error for a bad boundary, keeps what was pasted, and changes nothing', async () => {
    const { browser } = await signedIn(testApp, { role: 'admin' })
    const before = hubRow(testApp, 'thanet')
    const bowTie =
      '{"type":"Polygon","coordinates":[[[1.2,51.3],[1.5,51.4],[1.5,51.3],[1.2,51.4],[1.2,51.3]]]}'
    for (const [boundary, message] of [
      [bowTie, 'The boundary crosses over itself'],
      ['{"type":"Polygon","coordinates":[[[1.2,51.3],[1.5,51.3],[1.5,51.4],[1.2,51.4]]]}', 'is not closed'],
      ['{"type": "Polygon", coordinates: nope', 'The boundary is not GeoJSON'],
      ['{"type":"Point","coordinates":[1.3,51.3]}', 'but this is a Point'],
    ] as const) {
      const response = await browser.submit('/admin/hubs/thanet/edit', '/admin/hubs/thanet/edit', {
        ...newHub,
        slug: 'thanet',
        area: 'boundary',
        boundary,
      })
      expect(response.status).toBe(400)
      expect(response.text).toContain('There is a problem')
      expect(response.text).toContain(message)
      expect(response.text).toContain('href="#boundary"')
      // what was pasted is in the box again, escaped
      expect(response.text).toContain(boundary.replace(/"/g, '&quot;'))
    }
    expect(hubRow(testApp, 'thanet')).toEqual(before)
  })

  it('keeps an old slug when the slug is changed, and redirects it and its pages for good', async () => {
    const { browser } = await signedIn(testApp, { role: 'admin' })
    const saved = await browser.submit('/admin/hubs/thanet/edit', '/admin/hubs/thanet/edit', {
      ...newHub,
      name: 'Thanet',
      slug: 'isle-of-thanet',
    })
    expect(saved.headers.location).toBe('/admin/hubs/isle-of-thanet/edit')
    const old = await browser.get('/hubs/thanet')
    expect(old.status).toBe(301)
    expect(old.headers.location).toBe('/hubs/isle-of-thanet')
    const oldPrint = await browser.get('/hubs/thanet/places?page=2')
    expect(oldPrint.status).toBe(301)
    expect(oldPrint.headers.location).toBe('/hubs/isle-of-thanet/places?page=2')
    expect((await browser.get('/hubs/isle-of-thanet')).status).toBe(200)

    // Another hub may not take the old slug.
    const other = testApp.db
      .prepare("SELECT slug FROM hubs WHERE slug <> 'isle-of-thanet' LIMIT 1")
      .get() as {
      slug: string
    }
    const taken = await browser.submit(`/admin/hubs/${other.slug}/edit`, `/admin/hubs/${other.slug}/edit`, {
      ...newHub,
      slug: 'thanet',
    })
    expect(taken.status).toBe(400)
    expect(taken.text).toContain('Another hub has, or once had, the address thanet')

    // Going back to the old slug is allowed, and the newer one now redirects.
    const back = await browser.submit('/admin/hubs/isle-of-thanet/edit', '/admin/hubs/isle-of-thanet/edit', {
      ...newHub,
      name: 'Thanet',
      slug: 'thanet',
    })
    expect(back.headers.location).toBe('/admin/hubs/thanet/edit')
    expect((await browser.get('/hubs/thanet')).status).toBe(200)
    expect((await browser.get('/hubs/isle-of-thanet')).headers.location).toBe('/hubs/thanet')
  })

  it('assigns a peer lead, who then coordinates the hub, and partners; each is audited', async () => {
    const thanet = hubRow(testApp, 'thanet')!
    const other = testApp.db.prepare('SELECT id FROM hubs WHERE id <> ? LIMIT 1').get(thanet.id) as {
      id: number
    }
    const lead = await anAccount(testApp.db, { role: 'peer_lead', hubIds: [other.id], name: 'Pat Lead' })
    const leadBrowser = aBrowser(testApp.app)
    await leadBrowser.signIn(lead.email, lead.password)
    const { browser } = await signedIn(testApp, { role: 'admin' })

    const added = await browser.submit('/admin/hubs/thanet/edit', '/admin/hubs/thanet/people', {
      action: 'add-lead',
      leadEmail: lead.email,
    })
    expect(added.status).toBe(303)
    const page = await browser.get('/admin/hubs/thanet/edit')
    expect(page.text).toContain(`Pat Lead now looks after ${thanet.name}.`)
    expect(new AuditLogRepository(testApp.db).newest(1)[0]).toMatchObject({ action: 'hub-lead-added' })
    // On their next page the peer lead looks after Thanet too.
    const home = await leadBrowser.get('/coordinate')
    expect(home.status).toBe(200)
    expect(home.text).toContain('Thanet')

    const member = await anAccount(testApp.db, { name: 'Mo Member' })
    const refused = await browser.submit('/admin/hubs/thanet/edit', '/admin/hubs/thanet/people', {
      action: 'add-lead',
      leadEmail: member.email,
    })
    expect(refused.status).toBe(400)
    expect(refused.text).toContain('Mo Member is not a peer lead or coordinator')
    expect(refused.text).toContain(`value="${member.email}"`)

    const removed = await browser.submit('/admin/hubs/thanet/edit', '/admin/hubs/thanet/people', {
      action: 'remove-lead',
      accountId: String(lead.id),
    })
    expect(removed.status).toBe(303)
    expect(new AuditLogRepository(testApp.db).newest(1)[0]).toMatchObject({ action: 'hub-lead-removed' })
    const homeAfter = await leadBrowser.get('/coordinate')
    expect(homeAfter.text).not.toMatch(/>Thanet</)

    const organisation = testApp.db
      .prepare('SELECT id, name FROM organizations ORDER BY id LIMIT 1')
      .get() as {
      id: number
      name: string
    }
    const partner = await browser.submit('/admin/hubs/thanet/edit', '/admin/hubs/thanet/people', {
      action: 'add-partner',
      partner: organisation.name,
    })
    expect(partner.status).toBe(303)
    expect(
      testApp.db.prepare('SELECT organization_id AS id FROM hub_partners WHERE hub_id = ?').all(thanet.id),
    ).toEqual([{ id: organisation.id }])
    expect(new AuditLogRepository(testApp.db).newest(1)[0]).toMatchObject({ action: 'hub-partner-added' })
    const nobody = await browser.submit('/admin/hubs/thanet/edit', '/admin/hubs/thanet/people', {
      action: 'add-partner',
      partner: 'Zzzz No Such Organisation',
    })
    expect(nobody.status).toBe(400)
    expect(nobody.text).toContain('No organisation in the directory is called ‘Zzzz No Such Organisation’')
  })
})
