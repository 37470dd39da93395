import request from 'supertest'
import { aTestApp } from '../support/testApp'

describe('the information pages in the footer', () => {
  it.each([
    ['/help', 'Help and contact'],
    ['/privacy', 'Privacy notice'],
    ['/accessibility', 'Accessibility statement'],
    ['/about', 'About Common Ground'],
    ['/about/open-data', 'Open data: use our listings'],
  ])('%s answers with one heading, "%s"', async (path, heading) => {
    const { app } = aTestApp()

    const response = await request(app).get(path)

    expect(response.status).toBe(200)
    expect(response.text.match(/<h1\b[^>]*>([^<]*)<\/h1>/g)).toEqual([
      `<h1 class="govuk-heading-xl">${heading}</h1>`,
    ])
    expect(response.text).toContain(`<title>${heading} – Common Ground</title>`)
  })

  it('tells a resident how to be put in touch, how to report a wrong listing and how to contact us', async () => {
    const { app } = aTestApp()

    const response = await request(app).get('/help')

    expect(response.text).toContain('id="be-put-in-touch"')
    // Kept for old bookmarks and the privacy notice: it sends people to "Suggest a change".
    expect(response.text).toContain('id="report-a-wrong-listing"')
    expect(response.text).toContain('<strong>Suggest a change</strong> link')
    expect(response.text).toContain('href="mailto:help@example.org"')
    expect(response.text).toContain('href="tel:01632960000">01632 960 000</a>')
  })

  it('explains the three visibility choices and the counts threshold actually in force', async () => {
    const { app } = aTestApp({ config: { privacyMinCount: 7 } })

    const response = await request(app).get('/privacy')

    for (const choice of ['Coordinators only', 'My hub', 'Everyone']) expect(response.text).toContain(choice)
    expect(response.text).toContain('We only show a number when it is 7 or more')
    expect(response.text).toContain('are never shown on the website')
    expect(response.text).toContain(
      'Every time one of them opens your contact details, we record who it was, when, and why.',
    )
    expect(response.text).toContain('<strong>download</strong>')
    expect(response.text).toContain('<strong>delete</strong>')
    expect(response.text).toContain('strictly necessary')
  })

  it('states the accessibility standard, what works without JavaScript, the map limit and how to complain', async () => {
    const { app } = aTestApp()

    const response = await request(app).get('/accessibility')

    expect(response.text).toContain('Web Content Accessibility Guidelines version 2.2</a> AA standard')
    expect(response.text).toContain('use every page with JavaScript turned off')
    expect(response.text).toContain('The map needs JavaScript.')
    expect(response.text).toContain('Equality and Human Rights Commission (EHRC)')
    expect(response.text).toContain('This website was last tested in')
  })

  it('explains the four ideas in plain words, without our own jargon', async () => {
    const { app } = aTestApp()

    const response = await request(app).get('/about')

    for (const idea of [
      'Everyone has something to share',
      'Help goes both ways',
      'Local people lead',
      'We help you find and decide, not tell you what to do',
    ]) {
      expect(response.text).toContain(idea)
    }
    expect(response.text).not.toMatch(/\b(asset|co-production|strengths-based)/i)
  })

  it('says the listings are open data, under which licence, and where the API is, linked from About', async () => {
    const { app } = aTestApp({ config: { baseUrl: 'https://commonground.example.org' } })

    const about = await request(app).get('/about')
    expect(about.text).toContain('href="/about/open-data"')

    const response = await request(app).get('/about/open-data')
    expect(response.text).toContain('are open data')
    expect(response.text).toContain(
      '<a class="govuk-link" href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" rel="license">Open Government Licence v3.0</a>',
    )
    expect(response.text).toContain('<code>https://commonground.example.org/openreferral/v3/</code>')
    expect(response.text).toContain('href="https://commonground.example.org/openreferral/v3/openapi.json"')
    expect(response.text).toContain('People who share their skills are never in the open data')
    expect(response.text).toContain('<a class="govuk-breadcrumbs__link" href="/about">About</a>')
  })
})
