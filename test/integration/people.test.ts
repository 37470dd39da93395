import request from 'supertest'
import { aHub, aPerson } from '../builders'
import { skillRowText } from '../support/skillRows'
import { aTestApp, type TestApp } from '../support/testApp'
import { withTowns } from '../support/towns'

describe('the people page', () => {
  let testApp: TestApp

  beforeEach(() => {
    testApp = aTestApp()
    const { db } = testApp
    const thanet = aHub(db, { slug: 'thanet', name: 'Thanet' })
    const sheffield = aHub(db, { slug: 'sheffield', name: 'Sheffield' })
    aPerson(db, {
      firstName: 'Margaret',
      lastName: 'Hillcrest',
      hubId: thanet,
      skills: ['tablets-and-phones'],
      wouldLikeToShare: 'Video calls with the grandchildren.',
      email: 'margaret.hillcrest@example.com',
      phone: '07700 900321',
    })
    aPerson(db, { firstName: 'Dev', lastName: 'Okafor', hubId: sheffield, skills: ['gardening'] })
    for (let i = 0; i < 6; i++) {
      aPerson(db, {
        firstName: `Quiet${i}`,
        lastName: `Neighbour${i}`,
        hubId: thanet,
        visibility: 'hub',
        skills: ['gardening'],
      })
    }
    aPerson(db, {
      firstName: 'Hidden',
      lastName: 'Baker',
      hubId: sheffield,
      visibility: 'coordinators',
      skills: ['baking'],
    })
  })

  it('shows public profiles by first name and initial, counts per hub and skill, and how to ask', async () => {
    const res = await request(testApp.app).get('/people').expect(200)

    expect(res.text).toContain('<title>People who share their skills')
    expect(res.text.match(/<h1/g)).toHaveLength(1)
    expect(res.text).toContain('Margaret H.')
    expect(res.text).toContain('Dev O.')
    expect(res.text).toContain('Video calls with the grandchildren.')
    expect(res.text).toContain('How to be put in touch')
    expect(res.text).toContain('ask your local hub')
    expect(res.text).toMatch(/data-hub="thanet" data-skill="gardening">[\s\S]*?data-privacy-count="6">6</)
    // With no hub or skill chosen, only skills someone is named or counted for are listed:
    // Sheffield's baking (one person, not named) is left out, as a skill nobody shares is.
    expect(res.text).toContain('data-hub="sheffield" data-skill="gardening"')
    expect(res.text).not.toContain('data-hub="sheffield" data-skill="baking"')
    expect(res.text).not.toContain('data-hub="sheffield" data-skill="cooking"')
    for (const secret of [
      'Hillcrest',
      'Okafor',
      'margaret.hillcrest@example.com',
      '900321',
      'Quiet',
      'Neighbour',
      'Hidden',
      'Baker',
    ]) {
      expect(res.text).not.toContain(secret)
    }
  })

  it('has a labelled "Hub name or town" box and skill list, and keeps the hub and skill chosen', async () => {
    const res = await request(testApp.app).get('/people?hub=sheffield&skill=gardening').expect(200)

    expect(res.text).toContain('<title>People who share their skills in Sheffield')
    expect(res.text).toContain('<label class="govuk-label govuk-label--s" for="skill">Skill</label>')
    expect(res.text).toContain('<input type="hidden" name="hub" value="sheffield">')
    expect(res.text).toContain('Hub: <strong>Sheffield</strong>')
    expect(res.text).toContain('href="/people?skill&#x3D;gardening">Choose a different hub</a>')
    expect(res.text).toContain('<option value="gardening" selected>Gardening</option>')
    expect(res.text).toContain('Dev O.')
    expect(res.text).not.toContain('Margaret H.')
    expect(res.text).not.toContain('data-hub="thanet"')
    // No list of every hub: a national directory has 10,000.
    expect(res.text).not.toContain('<option value="thanet"')

    const everyone = await request(testApp.app).get('/people').expect(200)
    expect(everyone.text).toContain(
      '<label class="govuk-label govuk-label--s" for="find">Hub name or town</label>',
    )
    expect(everyone.text).not.toMatch(/<select[^>]*name="hub"/)
  })

  it('finds a hub by its name typed in "Hub name or town", whatever its case, and shows its people', async () => {
    const res = await request(testApp.app).get('/people?find=%20sheffield%20&skill=gardening').expect(200)

    expect(res.text).toContain('<title>People who share their skills in Sheffield')
    expect(res.text).toContain('Dev O.')
    expect(res.text).toContain('<input type="hidden" name="hub" value="sheffield">')
  })

  it('lists the hubs nearest a town typed in "Hub name or town", nearest first, each linked with the skill kept', async () => {
    const { db } = testApp
    withTowns(db)
    aHub(db, {
      slug: 'broadstairs',
      name: 'Broadstairs Bay',
      latitude: 51.3603,
      longitude: 1.4322,
      radiusMiles: 2,
    })
    aHub(db, { slug: 'canterbury', name: 'Canterbury', latitude: 51.2802, longitude: 1.0789, radiusMiles: 3 })
    aHub(db, {
      slug: 'margate-old-town',
      name: 'Old Town',
      latitude: 51.3891,
      longitude: 1.3818,
      radiusMiles: 1,
    })

    const res = await request(testApp.app).get('/people?find=Margate&skill=baking').expect(200)

    expect(res.text).toContain('Hubs near Margate')
    const links = [...res.text.matchAll(/<li><a class="govuk-link" href="([^"]+)">([^<]+)<\/a>/g)].map(
      (m) => m[2],
    )
    // (The builder's hubs stand at its default point, in Margate itself.)
    expect(links.filter((name) => !['Thanet', 'Sheffield'].includes(name ?? ''))).toEqual([
      'Old Town',
      'Broadstairs Bay',
      'Canterbury',
    ])
    expect(res.text).toContain('href="/people?hub&#x3D;margate-old-town&amp;skill&#x3D;baking"')
  })

  it('says plainly when nothing matches what was typed in "Hub name or town", and still shows everyone', async () => {
    const res = await request(testApp.app).get('/people?find=Zzyzx').expect(200)

    expect(res.text).toContain('<title>Error: People who share their skills')
    expect(res.text).toContain('href="#find"')
    expect(res.text).toContain('We could not find a hub or a place with that name')
    expect(res.text).toContain('value="Zzyzx"')
    expect(res.text).toContain('Margate H.'.replace('Margate', 'Margaret'))
  })

  it('shows the same count for a hub and skill whatever else is chosen', async () => {
    const bySkill = await request(testApp.app).get('/people?skill=gardening').expect(200)
    const byHub = await request(testApp.app).get('/people?hub=thanet').expect(200)

    for (const res of [bySkill, byHub]) {
      expect(res.text).toMatch(/data-hub="thanet" data-skill="gardening">[\s\S]*?data-privacy-count="6">6</)
    }
    expect(bySkill.text).not.toContain('data-skill="baking"')
    expect(bySkill.text).toContain('In any other hub, ask the hub')
  })

  it('says the same about a skill one hidden person shares as about a skill nobody shares, for a hub or a skill', async () => {
    const baking = { code: 'baking', name: 'Baking' }
    const cooking = { code: 'cooking', name: 'Cooking' }
    const byHub = await request(testApp.app).get('/people?hub=sheffield').expect(200)
    const bakingBySkill = await request(testApp.app).get('/people?skill=baking').expect(200)
    const cookingBySkill = await request(testApp.app).get('/people?skill=cooking').expect(200)

    const row = skillRowText(byHub.text, 'sheffield', baking)
    expect(row).toBe('SKILL Ask your hub if someone can help with this.')
    expect(skillRowText(byHub.text, 'sheffield', cooking)).toBe(row)
    // For one skill in every hub, only hubs with names or a count are listed: a hub where one
    // hidden person shares it and a hub where nobody does are both left out.
    expect(skillRowText(bakingBySkill.text, 'sheffield', baking)).toBeUndefined()
    expect(skillRowText(cookingBySkill.text, 'sheffield', cooking)).toBeUndefined()
    expect(skillRowText(cookingBySkill.text, 'thanet', cooking)).toBeUndefined()
    expect(bakingBySkill.text).toContain('In any hub, ask the hub')
    expect(cookingBySkill.text).toContain('In any hub, ask the hub')
  })

  it.each([
    ['an unknown hub', '/people?hub=atlantis', 'Type the name of a hub, or a town or postcode near you'],
    ['a malformed hub', '/people?hub=%3Cscript%3E', 'Type the name of a hub, or a town or postcode near you'],
    [
      'a hub given twice',
      '/people?hub=thanet&hub=sheffield',
      'Type the name of a hub, or a town or postcode near you',
    ],
    ['a 10,000-character hub name', `/people?find=${'x'.repeat(10000)}`, 'must be 100 characters or fewer'],
    ['an unknown skill', '/people?skill=juggling', 'Choose a skill from the list'],
    ['a 10,000-character skill', `/people?skill=${'x'.repeat(10000)}`, 'Choose a skill from the list'],
  ])('answers %s with an error summary and everyone, never a failure', async (_label, path, message) => {
    const res = await request(testApp.app).get(path).expect(200)

    expect(res.text).toContain('<title>Error: People who share their skills')
    expect(res.text).toContain('There is a problem')
    expect(res.text).toContain(message)
    expect(res.text).toContain('Margaret H.')
    expect(res.text).not.toContain('<script>')
  })

  it('shows the last page for a page number past the end, and the first for one that is not a number', async () => {
    for (const path of ['/people?page=999', '/people?page=abc', '/people?hub=thanet&page=50']) {
      const res = await request(testApp.app).get(path).expect(200)
      expect(res.text).toContain('Margaret H.')
    }
  })

  it('answers a form sent to it with a 405, never a failure', async () => {
    const res = await request(testApp.app).put('/people').expect(405)
    expect(res.headers.allow).toBe('GET, HEAD')
  })
})
