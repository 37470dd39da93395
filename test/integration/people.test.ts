import request from 'supertest'
import { aHub, aPerson } from '../builders'
import { skillRowText } from '../support/skillRows'
import { aTestApp, type TestApp } from '../support/testApp'

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

  it('has labelled hub and skill choices that keep what was chosen', async () => {
    const res = await request(testApp.app).get('/people?hub=sheffield&skill=gardening').expect(200)

    expect(res.text).toContain('<label class="govuk-label govuk-label--s" for="hub">Hub</label>')
    expect(res.text).toContain('<label class="govuk-label govuk-label--s" for="skill">Skill</label>')
    expect(res.text).toContain('<option value="sheffield" selected>Sheffield</option>')
    expect(res.text).toContain('<option value="gardening" selected>Gardening</option>')
    expect(res.text).toContain('Dev O.')
    expect(res.text).not.toContain('Margaret H.')
    expect(res.text).not.toContain('data-hub="thanet"')
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
    ['an unknown hub', '/people?hub=atlantis', 'Choose a hub from the list'],
    ['a malformed hub', '/people?hub=%3Cscript%3E', 'Choose a hub from the list'],
    ['a hub given twice', '/people?hub=thanet&hub=sheffield', 'Choose a hub from the list'],
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

  it('answers a form sent to it with a 405, never a failure', async () => {
    const res = await request(testApp.app).put('/people').expect(405)
    expect(res.headers.allow).toBe('GET, HEAD')
  })
})
