import request from 'supertest'
import { loadGazetteerIfEmpty } from '../../db/gazetteer'
import { aDemoTestApp } from '../support/testApp'

/** Handlebars writes = in attributes as &#x3D;; a browser reads them back as they were. */
const decoded = (html: string) =>
  html
    .replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&')
    .replace(/&#x27;/g, "'")

/** Every link on a page that carries a count (data-count), with that count. */
function countedLinks(html: string): { href: string; count: number; text: string }[] {
  return [
    ...decoded(html).matchAll(/<a class="govuk-link" href="([^"]+)" data-count="(\d+)">([^<]*)<\/a>/g),
  ].map((match) => ({ href: match[1] ?? '', count: Number(match[2]), text: match[3] ?? '' }))
}

/** How many results the search page says it found: "101 results near Crewe", "1 result", "No results". */
function resultsCount(html: string): number | undefined {
  // The results' count heading; failing that, the first "N results" the page says.
  const heading =
    /class="[^"]*cg-results-count[^"]*">\s*([^<]*)</.exec(html)?.[1] ??
    /\b((?:[\d,]+ results?|No results)\b[^<]*)</.exec(html)?.[1] ??
    ''
  if (/^No results/.test(heading)) return 0
  const number = /^([\d,]+) results?\b/.exec(heading)?.[1]
  return number === undefined ? undefined : Number(number.replace(/,/g, ''))
}

/** Stories over the demo hubs, as a resident who wants to act on what a hub page says. */
describe('the demo hubs', () => {
  const { app, db } = aDemoTestApp()
  loadGazetteerIfEmpty(db)
  const hubs = db
    .prepare<[], { slug: string; name: string; phone: string; email: string; meetingTimes: string }>(
      'SELECT slug, name, phone, email, meeting_times AS meetingTimes FROM hubs ORDER BY name',
    )
    .all()

  it('has a phone number, an email address and a meeting time for every hub', () => {
    expect(hubs.length).toBeGreaterThanOrEqual(6)
    for (const hub of hubs) {
      // Ofcom's numbers for drama, and example.org: made up, and clearly so.
      expect(hub.phone).toMatch(/^(01632 960\d{3}|0\d{3} 496 \d{4})$/)
      expect(hub.email).toMatch(/@example\.org$/)
      expect(hub.meetingTimes).toMatch(/(am|pm|noon)/)
    }
  })

  it.each(hubs.map((hub) => [hub.name, hub]))(
    'tells a resident on the %s hub page how to ring or email the hub, and when and where it meets',
    async (_name, hub) => {
      const res = await request(app).get(`/hubs/${hub.slug}`).expect(200)
      const html = decoded(res.text)

      expect(html).toContain('<h2 class="govuk-heading-m" id="contact">How to contact the hub</h2>')
      expect(html).toContain(`href="tel:${hub.phone.replace(/\s/g, '')}">${hub.phone}</a>`)
      expect(html).toContain(`href="mailto:${hub.email}">${hub.email}</a>`)
      expect(html).toContain('When and where the hub meets')
      expect(html).toContain(hub.meetingTimes)
      // The place it meets, with its address, links to the place's own page.
      expect(html).toMatch(
        /<dt>Where<\/dt>\s*<dd><a class="govuk-link" href="\/places\/\d+">[^<]+<\/a>, [^<]+<\/dd>/,
      )
    },
  )

  it('puts every hub’s phone and email on the hubs list', async () => {
    const html = decoded((await request(app).get('/hubs').expect(200)).text)

    for (const hub of hubs) {
      expect(html).toContain(`href="tel:${hub.phone.replace(/\s/g, '')}"`)
      expect(html).toContain(`href="mailto:${hub.email}"`)
      expect(html).toContain(hub.meetingTimes)
    }
  })

  it('opens exactly as many results as the number beside each link on every hub page says', async () => {
    const problems: string[] = []
    let followed = 0
    for (const hub of hubs) {
      const page = await request(app).get(`/hubs/${hub.slug}`).expect(200)
      const links = countedLinks(page.text)
      // "See all ..." and at least one kind of group on every demo hub.
      expect(links.length).toBeGreaterThan(1)
      for (const link of links) {
        expect(link.text).toContain(link.count.toLocaleString('en-GB'))
        const opened = await request(app).get(link.href).expect(200)
        const found = resultsCount(opened.text)
        followed++
        if (found !== link.count) problems.push(`${hub.slug}: "${link.text}" opens ${String(found)} results`)
      }
    }
    expect(problems).toEqual([])
    expect(followed).toBeGreaterThan(hubs.length * 3)
  }, 120_000)

  it('says the skill names inside sentences as words, and how to ask each hub, on the people page', async () => {
    const res = await request(app).get('/people').expect(200)
    const html = decoded(res.text)

    for (const hub of hubs.filter((hub) => html.includes(`id="hub-skills-${hub.slug}"`))) {
      expect(html).toContain(`href="tel:${hub.phone.replace(/\s/g, '')}"`)
      expect(html).toContain(`href="mailto:${hub.email}"`)
    }
    expect(html).toContain('Find your local hub, how to contact it and when it meets')
    expect(html).not.toMatch(/help with [A-Z][a-z]/)
  })

  it('gives a resident who finds people who can help with tablets near Ramsgate the hub’s phone and email', async () => {
    const res = await request(app).get('/search?q=tablets&where=Ramsgate').expect(200)
    const html = decoded(res.text)
    const thanet = hubs.find((hub) => hub.slug === 'thanet')

    expect(html).toContain('People near you who share this skill')
    expect(html).toContain('Some neighbours may be able to help with tablets and phones.')
    expect(html).toMatch(
      /people in <a class="govuk-link" href="\/hubs\/thanet">[^<]+<\/a> share tablets and phones through the hub/,
    )
    expect(html).toContain(`href="tel:${thanet?.phone.replace(/\s/g, '')}"`)
    expect(html).toContain(`href="mailto:${thanet?.email}"`)
  })

  it('says "help with a listening ear", not "help with A listening ear"', async () => {
    const res = await request(app).get('/search?q=listening&where=Margate').expect(200)
    const html = decoded(res.text)

    expect(html).toContain('may be able to help with a listening ear')
    expect(html).not.toMatch(/help with A listening ear/)
  })
})
