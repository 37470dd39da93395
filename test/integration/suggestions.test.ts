/**
 * Suggest a change, and review it (issue 12), over the demo data, told as stories: a member
 * suggests a change, Thanet's peer lead edits and approves it, and it is live at once on the
 * page, in search and on the map, with its history; a visitor who left an email address is
 * told why their suggestion was rejected; a peer lead of another hub may not touch it; and a
 * group that meets monthly, or twice a day, keeps every one of its times when a suggestion
 * about them is approved.
 */
import request from 'supertest'
import { importDemoPostcodesIfEmpty } from '../../db/demoPostcodes'
import { loadGazetteerIfEmpty } from '../../db/gazetteer'
import { OutboxRepository } from '../../db/repositories/outboxRepository'
import { aPlace, aService, type ServiceInput } from '../builders'
import { aBrowser, anAccount } from '../support/accounts'
import { aDemoTestApp, type TestApp } from '../support/testApp'

// Signing in hashes passwords with Argon2id: slow on a busy machine.
jest.setTimeout(60_000)

describe('suggesting a change, and reviewing it', () => {
  let testApp: TestApp
  let thanet: number
  const browsers = {} as Record<'member' | 'thanetLead' | 'sheffieldLead', ReturnType<typeof aBrowser>>
  const emails = {} as Record<keyof typeof browsers, string>

  const serviceNamed = (name: string) =>
    testApp.db.prepare('SELECT id, hub_id AS hubId FROM services WHERE name = ?').get(name) as {
      id: number
      hubId: number
    }
  const suggestionsOf = (listingId: number) =>
    testApp.db
      .prepare(
        `SELECT id, status, proposed_json AS proposed, reason FROM suggestions
          WHERE listing_id = ? ORDER BY id`,
      )
      .all(listingId) as { id: number; status: string; proposed: string; reason: string | null }[]
  const newestSuggestion = () =>
    testApp.db
      .prepare(
        'SELECT id, status, hub_id AS hubId, listing_id AS listingId FROM suggestions ORDER BY id DESC LIMIT 1',
      )
      .get() as {
      id: number
      status: string
      hubId: number
      listingId: number | null
    }

  type Fields = Record<string, string | string[]>
  const reviewPath = (id: number) => `/coordinate/suggestions/${id}`
  /** Someone sends a "Suggest a change" (or a new group) form from its page. */
  const suggest = (browser: ReturnType<typeof aBrowser>, path: string, fields: Fields) =>
    browser.submit(path, path, fields)
  /** Thanet's peer lead approves or rejects a suggestion from its page. */
  const decide = (id: number, fields: Fields) =>
    browsers.thanetLead.submit(reviewPath(id), reviewPath(id), fields)

  beforeAll(async () => {
    testApp = aDemoTestApp()
    await importDemoPostcodesIfEmpty(testApp.db)
    loadGazetteerIfEmpty(testApp.db)
    const hubId = (slug: string) =>
      (testApp.db.prepare('SELECT id FROM hubs WHERE slug = ?').get(slug) as { id: number }).id
    thanet = hubId('thanet')
    const accounts = {
      member: await anAccount(testApp.db, { role: 'member', hubIds: [thanet] }),
      thanetLead: await anAccount(testApp.db, { role: 'peer_lead', hubIds: [thanet] }),
      sheffieldLead: await anAccount(testApp.db, { role: 'peer_lead', hubIds: [hubId('sheffield')] }),
    }
    for (const [name, account] of Object.entries(accounts)) {
      const browser = aBrowser(testApp.app)
      expect((await browser.signIn(account.email, account.password)).status).toBe(303)
      browsers[name as keyof typeof browsers] = browser
      emails[name as keyof typeof browsers] = account.email
    }
  })

  it('puts "Suggest a change" on every kind of listing page, as the one way to say it is wrong, and "Suggest a new group or place" on search and hub pages', async () => {
    const club = serviceNamed('Cliftonville lunch club')
    for (const path of [`/services/${club.id}`, '/organisations/1', '/places/1']) {
      const page = await request(testApp.app).get(path)
      expect(page.text).toContain(`href="${path}/suggest-a-change"`)
      // The older "tell us about a wrong listing" link to the help page is gone.
      expect(page.text).not.toContain('report-a-wrong-listing')
    }
    expect((await request(testApp.app).get('/hubs/thanet')).text).toContain(
      'href="/suggest-a-new-group?hub&#x3D;thanet"',
    )
    expect((await request(testApp.app).get('/search?q=lunch&where=Margate')).text).toContain(
      'href="/suggest-a-new-group"',
    )
  })

  it('asks a visitor to sign in (and come back) or to leave an email address, and keeps what they typed when it is wrong', async () => {
    const club = serviceNamed('Cliftonville lunch club')
    const visitor = aBrowser(testApp.app)
    const form = await visitor.get(`/services/${club.id}/suggest-a-change`)
    expect(form.status).toBe(200)
    expect(form.text).toContain(
      `href="/sign-in?return&#x3D;${encodeURIComponent(`/services/${club.id}/suggest-a-change`)}"`,
    )
    expect(form.text).toContain('Your email address, for our reply')
    // The form starts from the listing's values now.
    expect(form.text).toContain('value="Cliftonville lunch club"')
    const before = suggestionsOf(club.id).length
    const wrong = await visitor.submit(
      `/services/${club.id}/suggest-a-change`,
      `/services/${club.id}/suggest-a-change`,
      {
        name: 'Cliftonville lunch club',
        phone: 'ring me',
        opensAt: 'noon',
        note: 'The phone number has changed',
        replyEmail: '',
      },
    )
    expect(wrong.status).toBe(400)
    expect(wrong.text).toContain('<title>Error: ')
    expect(wrong.text).toContain('There is a problem')
    expect(wrong.text).toContain('Enter a phone number, like 01843 123456')
    expect(wrong.text).toContain('Enter when it starts as a 24-hour time')
    expect(wrong.text).toContain('Enter your email address, so we can reply, or sign in')
    expect(wrong.text).toContain('value="ring me"')
    expect(wrong.text).toContain('value="noon"')
    expect(wrong.text).toContain('The phone number has changed')
    expect(suggestionsOf(club.id)).toHaveLength(before)
  })

  it('says so when nothing was changed and there is no note', async () => {
    const club = serviceNamed('Cliftonville lunch club')
    const same = await suggest(browsers.member, `/services/${club.id}/suggest-a-change`, {
      name: 'Cliftonville lunch club',
      days: ['TU', 'TH'],
      opensAt: '12:00',
      closesAt: '14:00',
    })
    expect(same.status).toBe(400)
    expect(same.text).toContain('Change at least one thing, or write a note about what is wrong')
  })

  it('takes a member’s change through review with an edit to approval: live on the page, in search and on the map, with its history', async () => {
    const club = serviceNamed('Cliftonville lunch club')
    const sent = await suggest(browsers.member, `/services/${club.id}/suggest-a-change`, {
      name: 'Cliftonville Friendship Lunch',
      description: 'A hot two-course lunch at big shared tables.',
      days: ['TU', 'FR'],
      opensAt: '12:00',
      closesAt: '14:00',
      cost: '£3.50 a meal',
      phone: '',
      email: '',
      website: '',
      note: 'New name from this month',
    })
    expect(sent.status).toBe(303)
    expect(sent.headers.location).toBe('/suggestion-sent')
    const suggestion = suggestionsOf(club.id).at(-1) as { id: number; proposed: string }
    // Only what changed is kept.
    const proposed = JSON.parse(suggestion.proposed) as Record<string, string>
    expect(proposed.name).toBe('Cliftonville Friendship Lunch')
    expect(proposed.days).toBe('TU,FR')
    expect(proposed).not.toHaveProperty('opensAt')
    // It waits in Thanet's queue, on the coordinator home and the queue page.
    const home = await browsers.thanetLead.get('/coordinate')
    expect(home.text).toContain('Suggestions to review: ')
    const queue = await browsers.thanetLead.get('/coordinate/suggestions')
    expect(queue.status).toBe(200)
    expect(queue.text).toContain(`href="/coordinate/suggestions/${suggestion.id}"`)
    // A peer lead of another hub may not see it, or approve it.
    expect((await browsers.sheffieldLead.get(`/coordinate/suggestions/${suggestion.id}`)).status).toBe(403)
    expect((await browsers.sheffieldLead.get('/coordinate/suggestions')).text).not.toContain(
      `/coordinate/suggestions/${suggestion.id}"`,
    )
    const refused = await browsers.sheffieldLead.submit('/coordinate', reviewPath(suggestion.id), {
      decision: 'approve',
      name: 'Hijacked',
    })
    expect(refused.status).toBe(403)
    // Side by side, changed rows said in words.
    const review = await browsers.thanetLead.get(`/coordinate/suggestions/${suggestion.id}`)
    expect(review.status).toBe(200)
    expect(review.text).toContain('Now:</span>')
    expect(review.text).toContain('Suggested:</span>')
    expect(review.text).toContain('Tuesday, Thursday')
    expect(review.text).toContain('Tuesday, Friday')
    expect(review.text).toContain('govuk-tag--blue">Changed</strong>')
    // The reviewer puts the name right, and approves.
    const approved = await decide(suggestion.id, {
      decision: 'approve',
      name: 'Cliftonville Friendship Lunch Club',
      description: 'A hot two-course lunch at big shared tables.',
      days: ['TU', 'FR'],
      opensAt: '12:00',
      closesAt: '14:00',
      cost: '£3.50 a meal',
    })
    expect(approved.status).toBe(303)
    expect(suggestionsOf(club.id).at(-1)?.status).toBe('approved')
    // Live at once: its page, search by the new name, the day filter.
    const listing = await request(testApp.app).get(`/services/${club.id}`)
    expect(listing.text).toContain('Cliftonville Friendship Lunch Club')
    expect(listing.text).toContain('Changes to this listing')
    expect(listing.text).toContain('Name changed on')
    expect(listing.text).toContain('checked by a peer lead')
    expect(listing.text).not.toContain(emails.thanetLead)
    const search = await request(testApp.app).get('/search?q=friendship&where=Margate')
    expect(search.text).toContain('Cliftonville Friendship Lunch Club')
    const fridays = await request(testApp.app).get('/search?q=friendship&where=Margate&day=friday')
    expect(fridays.text).toContain('Cliftonville Friendship Lunch Club')
    const thursdays = await request(testApp.app).get('/search?q=friendship&where=Margate&day=thursday')
    expect(thursdays.text).not.toContain('Cliftonville Friendship Lunch Club')
    // Its history and the audit log.
    const history = testApp.db
      .prepare(
        `SELECT field, old_value AS oldValue, new_value AS newValue, suggestion_id AS suggestionId
                  FROM listing_history WHERE listing_type = 'service' AND listing_id = ? ORDER BY id`,
      )
      .all(club.id) as { field: string; oldValue: string; newValue: string; suggestionId: number }[]
    expect(history).toEqual(
      expect.arrayContaining([
        {
          field: 'name',
          oldValue: 'Cliftonville lunch club',
          newValue: 'Cliftonville Friendship Lunch Club',
          suggestionId: suggestion.id,
        },
        { field: 'days', oldValue: 'TU,TH', newValue: 'TU,FR', suggestionId: suggestion.id },
      ]),
    )
    const audit = testApp.db
      .prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'suggestion-approved' AND record_id = ?`)
      .get(String(suggestion.id)) as { n: number }
    expect(audit.n).toBe(1)
    // The member sees it accepted.
    const yours = await browsers.member.get('/your-suggestions')
    expect(yours.text).toContain('Accepted')
    // Approving twice does nothing more.
    const again = await browsers.thanetLead.submit('/coordinate', reviewPath(suggestion.id), {
      decision: 'approve',
      name: 'Twice',
    })
    expect(again.status).toBe(303)
    expect(serviceNamed('Twice')).toBeUndefined()
  })

  it('publishes a suggested new group only once approved: then search finds it and the map shows it', async () => {
    const ukuleleCircle = {
      name: 'Margate Harbour Ukulele Circle',
      description: 'Learn the ukulele together; instruments to borrow.',
      runBy: 'Margate Ukulele Friends',
      venue: 'Harbour Arm Hall',
      address: '1 Harbour Arm',
      town: 'Margate',
      postcode: 'CT9 1AA',
      days: 'WE',
      opensAt: '14:00',
      closesAt: '16:00',
      cost: 'Free',
    }
    expect((await browsers.member.get('/suggest-a-new-group?hub=thanet')).status).toBe(200)
    const sent = await suggest(browsers.member, '/suggest-a-new-group?hub=thanet', {
      ...ukuleleCircle,
      phone: '',
      email: '',
      website: '',
    })
    expect(sent.status).toBe(303)
    const suggestion = newestSuggestion()
    expect(suggestion.hubId).toBe(thanet)
    expect(suggestion.listingId).toBeNull()
    // A draft: nowhere public.
    expect((await request(testApp.app).get('/search?q=ukulele&where=Margate')).text).not.toContain(
      'Ukulele Circle',
    )
    const review = await browsers.thanetLead.get(`/coordinate/suggestions/${suggestion.id}`)
    expect(review.text).toContain('Margate Harbour Ukulele Circle')
    const approved = await decide(suggestion.id, { decision: 'approve', ...ukuleleCircle })
    expect(approved.status).toBe(303)
    const service = serviceNamed('Margate Harbour Ukulele Circle')
    expect(service).toBeDefined()
    expect((await request(testApp.app).get('/search?q=ukulele&where=Margate')).text).toContain(
      'Margate Harbour Ukulele Circle',
    )
    const point = testApp.db
      .prepare('SELECT latitude, longitude FROM postcodes WHERE postcode = ?')
      .get('CT9 1AA') as { latitude: number; longitude: number } | undefined
    const lat = point?.latitude ?? 51.39
    const lng = point?.longitude ?? 1.38
    const bbox = [lng - 0.01, lat - 0.01, lng + 0.01, lat + 0.01].join(',')
    const markers = await request(testApp.app).get(`/map/markers.json?bbox=${bbox}&zoom=18`)
    expect(markers.status).toBe(200)
    expect(markers.text).toContain(`/services/${service.id}`)
  })

  it('sends a rejection’s reason to a visitor who left an email address, and shows it on a member’s own page', async () => {
    const club = serviceNamed('Sunday roast club')
    const visitor = aBrowser(testApp.app)
    const sent = await suggest(visitor, `/services/${club.id}/suggest-a-change`, {
      name: 'Sunday roast club',
      cost: 'Free',
      replyEmail: 'rosa.visitor@example.net',
    })
    expect(sent.status).toBe(303)
    const fromVisitor = suggestionsOf(club.id).at(-1) as { id: number }
    // Without a reason: the page again with the problem, nothing decided.
    const noReason = await decide(fromVisitor.id, { decision: 'reject', reason: '' })
    expect(noReason.status).toBe(400)
    expect(noReason.text).toContain('Enter why you are rejecting it')
    expect(suggestionsOf(club.id).at(-1)?.status).toBe('pending')
    const rejected = await decide(fromVisitor.id, {
      decision: 'reject',
      reason: 'I rang them: it still costs £5 a meal.',
    })
    expect(rejected.status).toBe(303)
    const mail = new OutboxRepository(testApp.db).newest(20).find((m) => m.to === 'rosa.visitor@example.net')
    expect(mail?.body).toContain('I rang them: it still costs £5 a meal.')
    expect(mail?.body).not.toContain(emails.thanetLead)
    // A member's rejected suggestion shows the reason on their page.
    await suggest(browsers.member, `/services/${club.id}/suggest-a-change`, { name: 'Sunday lunch club' })
    const fromMember = suggestionsOf(club.id).at(-1) as { id: number }
    await decide(fromMember.id, {
      decision: 'reject',
      reason: 'The sign outside still says Sunday roast club.',
    })
    const yours = await browsers.member.get('/your-suggestions')
    expect(yours.text).toContain('Not accepted')
    expect(yours.text).toContain('The sign outside still says Sunday roast club.')
    expect(
      (
        testApp.db
          .prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'suggestion-rejected'`)
          .get() as { n: number }
      ).n,
    ).toBeGreaterThanOrEqual(2)
  })

  describe('a group’s days and times', () => {
    const schedulesOf = (serviceId: number) =>
      testApp.db
        .prepare(
          `SELECT sch.freq, sch.interval, sch.byday, sch.week_of_month AS weekOfMonth, sch.opens_at AS opensAt,
                  sch.closes_at AS closesAt, sch.description, sal.location_id AS placeId
             FROM schedules sch LEFT JOIN service_at_locations sal ON sal.id = sch.service_at_location_id
            WHERE sch.service_id = ? ORDER BY sch.id`,
        )
        .all(serviceId)
    const historyOf = (serviceId: number) =>
      testApp.db
        .prepare(
          `SELECT field, new_value AS newValue FROM listing_history
            WHERE listing_type = 'service' AND listing_id = ? ORDER BY id`,
        )
        .all(serviceId) as { field: string; newValue: string }[]
    /** A Thanet group at a hall of its own, meeting at these times (at the hall when tied to it). */
    const aGroupAtAHall = (name: string, times: (hall: number) => ServiceInput['schedules']) => {
      const hall = aPlace(testApp.db, { name: `${name} hall`, hubId: thanet })
      const id = aService(testApp.db, { name, hubId: thanet, placeIds: [hall], schedules: times(hall) })
      return { id, name, hall, suggestPath: `/services/${id}/suggest-a-change` }
    }
    /** A suggestion of new times in words from the member, approved as sent (with days and hours the form never offered). */
    const suggestAndApproveTimesInWords = async (
      group: { name: string; suggestPath: string },
      times: string,
    ) => {
      expect((await suggest(browsers.member, group.suggestPath, { name: group.name, times })).status).toBe(
        303,
      )
      const suggestion = newestSuggestion()
      const approved = await decide(suggestion.id, {
        decision: 'approve',
        name: group.name,
        times,
        days: ['MO'],
        opensAt: '09:00',
        closesAt: '17:00',
      })
      expect(approved.status).toBe(303)
      return suggestion.id
    }

    it('asks what the days and times are now, in words, for a group that meets monthly, and approving it keeps every time and says to put it right', async () => {
      const cafe = aGroupAtAHall('Northdown memory café', (hall) => [
        { freq: 'MONTHLY', weekOfMonth: 1, byday: 'TU', opensAt: '14:00', closesAt: '16:00', placeId: hall },
      ])
      const before = schedulesOf(cafe.id)
      const form = await browsers.member.get(cafe.suggestPath)
      expect(form.status).toBe(200)
      expect(form.text).toContain('What are the days and times now?')
      expect(form.text).toContain('The first Tuesday of the month, 2pm to 4pm')
      expect(form.text).not.toContain('name="days"')
      expect(form.text).not.toContain('id="opensAt"')

      const id = await suggestAndApproveTimesInWords(
        cafe,
        'The second Tuesday of the month, 2pm to 4pm\nThe last Friday of the month, 10am to 12 noon',
      )
      // Not one time is lost or changed.
      expect(schedulesOf(cafe.id)).toEqual(before)
      // What they suggested is kept in the listing's history, and the reviewer is told to put it right.
      expect(historyOf(cafe.id)).toContainEqual({
        field: 'times',
        newValue:
          'The second Tuesday of the month, 2pm to 4pm\nThe last Friday of the month, 10am to 12 noon',
      })
      const decided = await browsers.thanetLead.get(reviewPath(id))
      expect(decided.text).toContain('the days and times on the listing have not changed')
      expect(decided.text).toContain('Common Ground does not have a page for changing a timetable yet')
      const page = await request(testApp.app).get(`/services/${cafe.id}`)
      expect(page.text).toContain('The first Tuesday of the month, 2pm to 4pm')
      expect(page.text).toContain('New days and times sent in, to be put right')
    })

    it('shows the reviewer the timetable now in the words of its page, beside the times suggested', async () => {
      const club = aGroupAtAHall('Northdown lunch and chat', (hall) => [
        { byday: 'WE', opensAt: '10:00', closesAt: '12:00', placeId: hall },
        { byday: 'WE', opensAt: '14:00', closesAt: '16:00', placeId: hall },
      ])
      expect(
        (
          await suggest(browsers.member, club.suggestPath, {
            name: club.name,
            times: 'Every Wednesday, 10am to 4pm',
          })
        ).status,
      ).toBe(303)
      const review = await browsers.thanetLead.get(reviewPath(newestSuggestion().id))
      expect(review.status).toBe(200)
      expect(review.text).toMatch(
        /Now:<\/span> Every Wednesday, 10am to 12 noon<br>Every Wednesday, 2pm to 4pm<\/p>\s*<p[^>]*><span class="govuk-!-font-weight-bold">Suggested:<\/span> Every Wednesday, 10am to 4pm<\/p>/,
      )
      expect(review.text).toContain('approving does not change its days and times')
      expect(review.text).not.toContain('name="days"')
    })

    it('keeps both of a group’s sessions a day when a suggestion about them is approved', async () => {
      const group = aGroupAtAHall('Northdown craft mornings and afternoons', (hall) => [
        { byday: 'TU', opensAt: '10:00', closesAt: '12:00', placeId: hall },
        { byday: 'TU', opensAt: '14:00', closesAt: '16:00', placeId: hall },
      ])
      const before = schedulesOf(group.id)
      expect(before).toHaveLength(2)
      await suggestAndApproveTimesInWords(group, 'Every Tuesday, 10am to 12 noon only')
      expect(schedulesOf(group.id)).toEqual(before)
    })

    it('keeps different times at different places apart', async () => {
      const hall = aPlace(testApp.db, { name: 'Westbrook hall', hubId: thanet })
      const church = aPlace(testApp.db, { name: 'Westbrook church', hubId: thanet })
      const id = aService(testApp.db, {
        name: 'Westbrook walking group',
        hubId: thanet,
        placeIds: [hall, church],
        schedules: [
          { byday: 'MO', opensAt: '10:00', closesAt: '11:00', placeId: hall },
          { byday: 'MO', opensAt: '10:00', closesAt: '11:00', placeId: church },
        ],
      })
      const group = { name: 'Westbrook walking group', suggestPath: `/services/${id}/suggest-a-change` }
      const before = schedulesOf(id)
      const form = await browsers.member.get(group.suggestPath)
      expect(form.text).toContain('Every Monday, 10am to 11am at Westbrook church')
      await suggestAndApproveTimesInWords(group, 'Every Monday at 10am at the hall only')
      expect(schedulesOf(id)).toEqual(before)
    })

    it('still changes a simple weekly group’s days and hours, and keeps them at its place', async () => {
      const group = aGroupAtAHall('Northdown knit and natter', (hall) => [
        { byday: 'TU', opensAt: '10:00', closesAt: '12:00', placeId: hall },
        { byday: 'TH', opensAt: '10:00', closesAt: '12:00', placeId: hall },
      ])
      const form = await browsers.member.get(group.suggestPath)
      expect(form.text).toContain('name="days"')
      expect(form.text).not.toContain('What are the days and times now?')
      const newTimes = { name: group.name, days: ['TU', 'FR'], opensAt: '10:00', closesAt: '12:30' }
      expect((await suggest(browsers.member, group.suggestPath, newTimes)).status).toBe(303)
      expect((await decide(newestSuggestion().id, { decision: 'approve', ...newTimes })).status).toBe(303)
      const weekly = { freq: 'WEEKLY', interval: 1, weekOfMonth: null, description: '', placeId: group.hall }
      expect(schedulesOf(group.id)).toEqual([
        { ...weekly, byday: 'TU', opensAt: '10:00', closesAt: '12:30' },
        { ...weekly, byday: 'FR', opensAt: '10:00', closesAt: '12:30' },
      ])
    })
  })
})
