import request from 'supertest'
import { aHub, aService } from '../builders'
import { aTestApp } from '../support/testApp'

describe('the start page', () => {
  it('says what Common Ground is, with one heading and a useful title', async () => {
    const { app } = aTestApp()

    const response = await request(app).get('/')

    expect(response.status).toBe(200)
    expect((response.text.match(/<h1\b/g) ?? []).length).toBe(1)
    expect(response.text).toMatch(/<title>Find help, groups and activities near you – Common Ground<\/title>/)
    expect(response.text).toContain('You do not need an account to look.')
  })

  it('has a search box that asks what and where and sends them to /search, with or without JavaScript', async () => {
    const { app } = aTestApp()

    const response = await request(app).get('/')

    expect(response.text).toMatch(/<form[^>]*action="\/search"[^>]*method="get"/)
    expect(response.text).toContain(
      '<label class="govuk-label govuk-label--s" for="q">What are you looking for?</label>',
    )
    expect(response.text).toMatch(/<input[^>]*id="q"[^>]*name="q"/)
    expect(response.text).toContain('<label class="govuk-label govuk-label--s" for="where">Where?</label>')
    expect(response.text).toMatch(/<input[^>]*id="where"[^>]*name="where"/)
    // "Use my location" puts its button here, after the Where box (the browser tests press it).
    expect(response.text).toMatch(
      /id="where"[^]*<div class="cg-use-my-location-slot" data-use-my-location><\/div>/,
    )
  })

  it('puts the search straight under the heading, before what Common Ground is for', async () => {
    const { app } = aTestApp()

    const response = await request(app).get('/')

    const heading = response.text.indexOf('<h1')
    const where = response.text.indexOf('for="where">Where?</label>')
    const about = response.text.indexOf('lists the groups, activities and places near you')
    expect(heading).toBeGreaterThan(0)
    expect(where).toBeGreaterThan(heading)
    expect(about).toBeGreaterThan(where)
  })

  it('lets a resident browse by category, counting only published groups', async () => {
    const { app, db } = aTestApp()
    aService(db, { categories: ['walking-groups'] })
    aService(db, { categories: ['walking-groups'] })
    aService(db, { categories: ['walking-groups'], status: 'draft' })
    aService(db, { categories: ['lunch-clubs'], status: 'archived' })

    const response = await request(app).get('/')

    expect(response.text).toMatch(
      /href="\/search\?category(=|&#x3D;)walking-groups">Walking groups<\/a> <span class="cg-count">\(2 listed\)<\/span>/,
    )
    expect(response.text).not.toMatch(/category(=|&#x3D;)lunch-clubs/)
  })

  it('lists the local hubs with a link to each', async () => {
    const { app, db } = aTestApp()
    aHub(db, { slug: 'thanet', name: 'Thanet', description: 'Margate, Ramsgate and Broadstairs.' })
    aHub(db, { slug: 'torbay', name: 'Torbay', description: 'Torquay, Paignton and Brixham.' })

    const response = await request(app).get('/')

    expect(response.text).toContain('<a class="govuk-link" href="/hubs/thanet">Thanet</a>')
    expect(response.text).toContain('Margate, Ramsgate and Broadstairs.')
    expect(response.text).toContain('<a class="govuk-link" href="/hubs/torbay">Torbay</a>')
  })

  it('shows only a few hubs when there are many, with a box to find the hubs near you and a link to them all', async () => {
    const { app, db } = aTestApp()
    for (let i = 1; i <= 30; i++) aHub(db, { slug: `hub-${i}`, name: `Hub ${String(i).padStart(2, '0')}` })

    const response = await request(app).get('/')

    expect(response.text.match(/<li class="cg-card">/g)).toHaveLength(6)
    expect(response.text).toContain('There are 30 local hubs. Here are a few of them:')
    expect(response.text).toMatch(/<form action="\/hubs" method="get"[^>]*>[\s\S]*?name="where"/)
    expect(response.text).toContain('<a class="govuk-link" href="/hubs">See all local hubs</a>')
    expect((response.text.match(/<h1\b/g) ?? []).length).toBe(1)
  })

  it('keeps its counts until something is written, then counts again', async () => {
    const { app, db } = aTestApp()
    aService(db, { categories: ['walking-groups'] })
    const before = await request(app).get('/')
    expect(before.text).toContain('Walking groups</a> <span class="cg-count">(1 listed)</span>')

    aService(db, { categories: ['walking-groups'] })
    const after = await request(app).get('/')

    expect(after.text).toContain('Walking groups</a> <span class="cg-count">(2 listed)</span>')
    // and the link opens that many
    const opened = await request(app).get('/search?category=walking-groups')
    expect(opened.text).toMatch(/\b2 results\b/)
  })
})
