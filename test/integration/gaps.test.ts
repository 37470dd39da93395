/**
 * What is missing in a hub, the gaps report (issue 12), as stories: who may see which hub's
 * report; the summary that names a hub's biggest gaps; people's counts exact for the hub's
 * coordinators while the other hubs' small counts stay hidden; the CSV file; and the links to
 * the report from the coordinator home and Find local expertise.
 */
import request from 'supertest'
import { aHub, aPerson, aService, ensureTerm, writers } from '../builders'
import { aBrowser, anAccount } from '../support/accounts'
import { aTestApp, type TestApp } from '../support/testApp'

// Signing in hashes passwords with Argon2id: slow on a busy machine.
jest.setTimeout(60_000)

describe('what is missing in a hub', () => {
  let testApp: TestApp
  let thanet: number
  let dover: number
  const browsers = {} as Record<
    'member' | 'thanetLead' | 'doverCoordinator' | 'everyHub' | 'admin',
    ReturnType<typeof aBrowser>
  >

  beforeAll(async () => {
    testApp = aTestApp()
    const { db } = testApp
    thanet = aHub(db, { slug: 'thanet', name: 'Thanet' })
    dover = aHub(db, { slug: 'dover', name: 'Dover' })
    const deal = aHub(db, { slug: 'deal', name: 'Deal' })
    const folkestone = aHub(db, { slug: 'folkestone', name: 'Folkestone' })
    const hythe = aHub(db, { slug: 'hythe', name: 'Hythe' })
    // Money advice: 3 in each other hub, none in Thanet. Transport: 1 in most other hubs, none
    // in Thanet. Walking groups: Thanet 4, the others 2.
    for (const hub of [dover, deal, folkestone, hythe]) {
      for (let i = 0; i < 3; i++) aService(db, { hubId: hub, categories: ['money-advice'] })
      aService(db, { hubId: hub, categories: ['walking-groups'] })
      aService(db, { hubId: hub, categories: ['walking-groups'] })
    }
    for (const hub of [dover, deal, folkestone])
      aService(db, { hubId: hub, categories: ['community-transport'] })
    for (let i = 0; i < 4; i++) aService(db, { hubId: thanet, categories: ['walking-groups'] })
    // Thanet's own drafts and archived listings do not count.
    aService(db, { hubId: thanet, categories: ['money-advice'], status: 'draft' })
    aService(db, { hubId: thanet, categories: ['money-advice'], status: 'archived' })

    // People. Thanet: 2 drivers shown (and one paused, one without consent: not counted).
    aPerson(db, { hubId: thanet, skills: ['driving'], visibility: 'coordinators' })
    aPerson(db, { hubId: thanet, skills: ['driving'], visibility: 'public' })
    const paused = aPerson(db, { hubId: thanet, skills: ['driving'] })
    writers(db).people.setPausedAt(paused, '2026-11-20T10:00:00Z')
    aPerson(db, { hubId: thanet, skills: ['driving'], consent: 'none' })
    // Gardening: 6 people in each other hub, none in Thanet (a gap that can be named).
    // Languages: 3 in each other hub (below the threshold of 5, so never shown).
    for (const hub of [dover, deal, folkestone, hythe]) {
      for (let i = 0; i < 6; i++) aPerson(db, { hubId: hub, skills: ['gardening'] })
      for (let i = 0; i < 3; i++) aPerson(db, { hubId: hub, skills: ['languages'] })
    }

    const accounts = {
      member: await anAccount(db, { role: 'member', hubIds: [thanet] }),
      thanetLead: await anAccount(db, { role: 'peer_lead', hubIds: [thanet] }),
      doverCoordinator: await anAccount(db, { role: 'coordinator', hubIds: [dover] }),
      everyHub: await anAccount(db, { role: 'coordinator', allHubs: true }),
      admin: await anAccount(db, { role: 'admin' }),
    }
    for (const [name, account] of Object.entries(accounts)) {
      const browser = aBrowser(testApp.app)
      expect((await browser.signIn(account.email, account.password)).status).toBe(303)
      browsers[name as keyof typeof browsers] = browser
    }
  })

  /**
   * The table row for one name: its cells' text (this hub's count, the other hubs' median),
   * and "None here" when the row is marked as a gap.
   */
  const rowOf = (html: string, name: string): string[] => {
    const row = new RegExp(
      `<tr class="govuk-table__row">\\s*<th scope="row"[^>]*>${name}( <strong class="govuk-tag govuk-tag--red">None here</strong>)?</th>([\\s\\S]*?)</tr>`,
    ).exec(html)
    if (!row?.[2]) throw new Error(`No row for ${name}`)
    const cells = [...row[2].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => (cell[1] ?? '').trim())
    return row[1] ? [...cells, 'None here'] : cells
  }

  describe('who may see it', () => {
    const thanetPages = ['/coordinate/hubs/thanet/gaps', '/coordinate/hubs/thanet/gaps.csv']

    it('sends a visitor to sign in, and back to the report after', async () => {
      for (const page of thanetPages) {
        const response = await request(testApp.app).get(page)
        expect(response.status).toBe(303)
        expect(response.headers.location).toBe(`/sign-in?return=${encodeURIComponent(page)}`)
      }
    })

    it('shows a member the 403 page, even for a hub of theirs', async () => {
      for (const page of thanetPages) {
        const response = await browsers.member.get(page)
        expect(response.status).toBe(403)
        expect(response.text).not.toContain('Walking groups')
      }
    })

    it('lets Thanet’s peer lead see Thanet’s report, and refuses them Dover’s', async () => {
      expect((await browsers.thanetLead.get('/coordinate/hubs/thanet/gaps')).status).toBe(200)
      for (const page of ['/coordinate/hubs/dover/gaps', '/coordinate/hubs/dover/gaps.csv']) {
        const response = await browsers.thanetLead.get(page)
        expect(response.status).toBe(403)
        expect(response.text).toContain('You cannot see this page')
        expect(response.text).not.toContain('Walking groups')
      }
    })

    it('refuses Dover’s coordinator Thanet’s report, and shows them Dover’s', async () => {
      for (const page of thanetPages) expect((await browsers.doverCoordinator.get(page)).status).toBe(403)
      expect((await browsers.doverCoordinator.get('/coordinate/hubs/dover/gaps')).status).toBe(200)
    })

    it('lets a coordinator of every hub and an admin see any hub’s report, and says when there is no such hub', async () => {
      for (const browser of [browsers.everyHub, browsers.admin]) {
        expect((await browser.get('/coordinate/hubs/thanet/gaps')).status).toBe(200)
        expect((await browser.get('/coordinate/hubs/hythe/gaps.csv')).status).toBe(200)
        expect((await browser.get('/coordinate/hubs/nowhere/gaps')).status).toBe(404)
      }
    })
  })

  describe('the page', () => {
    it('names Thanet’s biggest gaps at the top, biggest first, in plain words', async () => {
      const response = await browsers.thanetLead.get('/coordinate/hubs/thanet/gaps')
      expect(response.text).toContain('<h1 class="govuk-heading-l">What is missing in Thanet</h1>')
      expect(response.text).toContain('<title>What is missing in Thanet – Coordinate')
      expect(response.text).toContain(
        'Thanet has none of 2 kinds of group or service that most hubs have. They are:',
      )
      const money = response.text.indexOf('<li>Money and benefits advice: most hubs have 3</li>')
      const transport = response.text.indexOf('<li>Community transport: most hubs have 1</li>')
      expect(money).toBeGreaterThan(0)
      expect(transport).toBeGreaterThan(money)
      expect(response.text).toContain('Nobody in Thanet shares gardening; most hubs have 6 people who do.')
    })

    it('shows each kind of group with Thanet’s count and the other hubs’ median, zeros as “None”, and marks the gaps', async () => {
      const { text } = await browsers.thanetLead.get('/coordinate/hubs/thanet/gaps')
      expect(rowOf(text, 'Money and benefits advice')).toEqual(['None', '3', 'None here'])
      expect(rowOf(text, 'Walking groups')).toEqual(['4', '2'])
      // Nobody has lunch clubs: no gap.
      expect(rowOf(text, 'Lunch clubs and meals')).toEqual(['None', 'None'])
    })

    it('shows Thanet’s coordinators its exact people counts, small ones too, counting only people shown', async () => {
      const { text } = await browsers.thanetLead.get('/coordinate/hubs/thanet/gaps')
      // 2 drivers shown; the paused one and the one without consent are not counted.
      expect(rowOf(text, 'Driving and lifts')).toEqual(['2', 'Fewer than 5'])
      expect(rowOf(text, 'Gardening')).toEqual(['None', '6', 'None here'])
    })

    it('never shows another hub’s small count of people: a median of 3 reads as “Fewer than 5”, as a median of none does', async () => {
      const { text } = await browsers.thanetLead.get('/coordinate/hubs/thanet/gaps')
      expect(rowOf(text, 'Languages')).toEqual(['None', 'Fewer than 5'])
      expect(rowOf(text, 'Cooking')).toEqual(rowOf(text, 'Languages'))
    })

    it('draws the chart as SVG with a title and description, and no script', async () => {
      const { text } = await browsers.thanetLead.get('/coordinate/hubs/thanet/gaps')
      expect(text).toMatch(
        /<svg class="cg-gaps-chart" role="img" aria-labelledby="gaps-chart-title gaps-chart-desc" viewBox="0 0 360 \d+"/,
      )
      expect(text).toContain(
        '<title id="gaps-chart-title">Groups and services in Thanet, against the median of the other hubs</title>',
      )
      expect(text).toMatch(/<desc id="gaps-chart-desc">[^<]*Thanet has none of 2 kinds that most hubs have/)
      // One bar for each kind of group; the longest is Thanet's 4 walking groups.
      const categories = testApp.db
        .prepare("SELECT COUNT(*) AS n FROM taxonomy_terms WHERE vocabulary = 'category'")
        .get() as { n: number }
      const bars = [...text.matchAll(/<rect x="0" y="(\d+)" width="([\d.]+)" height="18" fill="#1d70b8"\/>/g)]
      // the legend's swatch, then a bar per kind
      expect(bars).toHaveLength(categories.n + 1)
      expect(Math.max(...bars.slice(1).map((bar) => Number(bar[2])))).toBe(310)
      const svg = text.slice(text.indexOf('<svg'), text.indexOf('</svg>'))
      expect(svg).not.toContain('<script')
    })

    it('follows the directory as it changes: a money advice service in Thanet closes that gap', async () => {
      const { db } = testApp
      const added = aService(db, { hubId: thanet, categories: ['money-advice'] })
      try {
        const { text } = await browsers.thanetLead.get('/coordinate/hubs/thanet/gaps')
        expect(rowOf(text, 'Money and benefits advice')).toEqual(['1', '3'])
        expect(text).toContain('Thanet has no community transport; most hubs have 1.')
      } finally {
        writers(db).services.delete(added)
      }
      const { text } = await browsers.thanetLead.get('/coordinate/hubs/thanet/gaps')
      expect(rowOf(text, 'Money and benefits advice')).toEqual(['None', '3', 'None here'])
    })
  })

  describe('the CSV file', () => {
    it('downloads with a header row, a file name, and every line of the report', async () => {
      const response = await browsers.thanetLead.get('/coordinate/hubs/thanet/gaps.csv')
      expect(response.status).toBe(200)
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8')
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="gaps-thanet-\d{4}-\d{2}-\d{2}\.csv"$/,
      )
      expect(response.headers['cache-control']).toBe('private, no-store')
      const lines = response.text.split('\r\n')
      expect(lines[0]).toBe('Kind,Name,Code,In the hub,Median of the other hubs,Compared')
      expect(lines).toContain('Group or service,Money and benefits advice,money-advice,0,3,None here')
      expect(lines).toContain('Skill people share,Driving and lifts,driving,2,Fewer than 5,Both fewer than 5')
      expect(lines).toContain('Skill people share,Languages,languages,0,Fewer than 5,Both fewer than 5')
      expect(lines).toContain('Skill people share,Gardening,gardening,0,6,None here')
      const terms = testApp.db
        .prepare("SELECT COUNT(*) AS n FROM taxonomy_terms WHERE vocabulary IN ('category', 'skill')")
        .get() as { n: number }
      // the header, a line per term, and the empty string after the last line's end
      expect(lines).toHaveLength(terms.n + 2)
      expect(lines.at(-1)).toBe('')
    })

    it('quotes commas, quotes and line breaks, and never lets a spreadsheet run a name as a formula', async () => {
      const { db } = testApp
      ensureTerm(db, 'category', 'zz-formula', '=HYPERLINK("http://example.com","Click")')
      ensureTerm(db, 'category', 'zz-plus', '+44 lunch, and "tea"')
      ensureTerm(db, 'category', 'zz-at', '@home\nvisits')
      ensureTerm(db, 'category', 'zz-minus', '-1 day club')
      try {
        const { text } = await browsers.thanetLead.get('/coordinate/hubs/thanet/gaps.csv')
        expect(text).toContain(
          'Group or service,"\'=HYPERLINK(""http://example.com"",""Click"")",zz-formula,0,0,The same\r\n',
        )
        expect(text).toContain('Group or service,"\'+44 lunch, and ""tea""",zz-plus,0,0,The same\r\n')
        expect(text).toContain('Group or service,"\'@home\nvisits",zz-at,0,0,The same\r\n')
        expect(text).toContain("Group or service,'-1 day club,zz-minus,0,0,The same\r\n")
        // On the page, the same names are only text.
        const page = await browsers.thanetLead.get('/coordinate/hubs/thanet/gaps')
        expect(page.text).toContain('&#x3D;HYPERLINK(&quot;http://example.com&quot;,&quot;Click&quot;)')
        expect(page.text).not.toContain('=HYPERLINK("http')
      } finally {
        db.prepare("DELETE FROM taxonomy_terms WHERE code LIKE 'zz-%'").run()
      }
    })
  })

  describe('the way there', () => {
    it('is linked from the coordinator home for each hub looked after', async () => {
      const { text } = await browsers.thanetLead.get('/coordinate')
      expect(text).toContain(
        '<a class="govuk-link" href="/coordinate/hubs/thanet/gaps">What is missing in Thanet</a>',
      )
      expect(text).not.toContain('/coordinate/hubs/dover/gaps')
    })

    it('is linked from Find local expertise in a hub', async () => {
      const { text } = await browsers.thanetLead.get('/coordinate/expertise?hub=thanet&skill=gardening')
      expect(text).toContain('Nobody found')
      expect(text).toContain('href="/coordinate/hubs/thanet/gaps">What is missing in Thanet</a>')
    })
  })
})
