import request from 'supertest'
import { aDemoTestApp } from '../support/testApp'

/** Stories over the made-up demo data, as a newcomer would first browse it. */
describe('the demo directory', () => {
  const { app, db } = aDemoTestApp()
  const published = {
    services: db.prepare<[], { id: number }>(
      "SELECT id FROM services WHERE status = 'published' ORDER BY id",
    ),
    organisations: db.prepare<[], { id: number }>(
      "SELECT id FROM organizations WHERE status = 'published' ORDER BY id",
    ),
    places: db.prepare<[], { id: number }>("SELECT id FROM locations WHERE status = 'published' ORDER BY id"),
  }
  const idsOf = (kind: keyof typeof published) => published[kind].all().map((row) => row.id)

  it('opens every published service, organisation and place with its own heading', async () => {
    const paths = [
      ...idsOf('services').map((id) => `/services/${id}`),
      ...idsOf('organisations').map((id) => `/organisations/${id}`),
      ...idsOf('places').map((id) => `/places/${id}`),
    ]
    expect(paths.length).toBeGreaterThan(100)

    const failures: string[] = []
    for (const path of paths) {
      const response = await request(app).get(path)
      if (response.status !== 200 || (response.text.match(/<h1\b/g) ?? []).length !== 1) failures.push(path)
    }
    expect(failures).toEqual([])
  }, 60_000) // every page goes through the whole app, so this story takes a few seconds

  it('shows the Porter Brook morning walk with its time in words and when it was last checked', async () => {
    const walk = db
      .prepare<[string], { id: number }>(`SELECT id FROM services WHERE name = ?`)
      .get('Porter Brook morning walk')
    expect(walk).toBeDefined()

    const response = await request(app).get(`/services/${walk?.id}`)

    expect(response.status).toBe(200)
    expect(response.text).toMatch(/<li>(Every|The|Once) [^<]*(am|pm|noon)[^<]*<\/li>/)
    expect(response.text).toMatch(/Last checked: [A-Z][a-z]+ 20\d\d/)
    expect(response.text).toContain('Who runs it')
  })

  it('lets a newcomer browse walking groups, lunch clubs and digital help from the start page', async () => {
    const response = await request(app).get('/')

    for (const code of ['walking-groups', 'lunch-clubs', 'digital-help']) {
      expect(response.text).toMatch(new RegExp(`href="/search\\?category(=|&#x3D;)${code}"`))
    }
    expect(response.text).toMatch(/href="\/hubs\/[a-z0-9-]+"/)
  })

  it('never shows a person’s email address or phone number on a listing page', async () => {
    const people = db
      .prepare<[], { email: string | null; phone: string | null }>('SELECT email, phone FROM people')
      .all()
    const secrets = people
      .flatMap((person) => [person.email, person.phone])
      .filter((s): s is string => Boolean(s))
    expect(secrets.length).toBeGreaterThan(0)

    const pages = [
      '/',
      ...idsOf('services')
        .slice(0, 30)
        .map((id) => `/services/${id}`),
    ]
    for (const path of pages) {
      const { text } = await request(app).get(path)
      const leaked = secrets.filter((secret) => text.includes(secret))
      expect({ path, leaked }).toEqual({ path, leaked: [] })
    }
  })
})
