/**
 * What "Share your skills" shows of a person, in words: their name as others see it, and the
 * example on "Who can see your profile?" of exactly what others will see.
 */
import { displayName, exampleOfProfile, presentCheckPage } from '../../server/features/shareSkills/presenters'
import { STEPS, stepAfter, stepBefore } from '../../server/features/shareSkills/steps'

describe('a volunteer’s name as others see it', () => {
  it('is the first name and the first letter of the last name', () => {
    expect(displayName({ firstName: 'Margaret', lastName: 'hill' })).toBe('Margaret H.')
  })

  it('is the first name alone when there is no last name', () => {
    expect(displayName({ firstName: 'Margaret', lastName: '' })).toBe('Margaret')
  })
})

describe('the example of what others will see', () => {
  it('names the person, their hub and their first three skills, never their last name or district', () => {
    const example = exampleOfProfile(
      { firstName: 'Margaret', lastName: 'Hill', postcodeDistrict: 'CT10', phone: '07700 900 456' },
      'Thanet',
      ['Tablets and phones', 'Gardening', 'Baking', 'Knitting and sewing'],
    )
    expect(example).toBe('Margaret H. (Thanet): Tablets and phones, Gardening, Baking')
  })

  it('uses their own words when they chose no skills from the list', () => {
    expect(exampleOfProfile({ firstName: 'Len', skillsInOwnWords: 'Fixing bikes' }, null, [])).toBe(
      'Len: Fixing bikes',
    )
  })
})

describe('the order of the questions', () => {
  it('goes from the name to "Check your answers", each step knowing the one before', () => {
    expect(stepBefore('name')).toBeNull()
    expect(stepBefore('hub')).toBe('where')
    expect(stepAfter('agreement')).toBe('check')
    expect(stepAfter('check')).toBe('check')
  })

  it('fills each page’s form again from the answers: the contact page leaves out "through the hub", which is always so', () => {
    expect(STEPS.contact.toValues({ contactWays: ['through-hub', 'email'], email: 'a@example.org' })).toEqual(
      {
        contactWays: ['email'],
        phone: '',
        email: 'a@example.org',
      },
    )
  })
})

describe('"Check your answers"', () => {
  it('has a Change link for every answer that comes back to it', () => {
    const page = presentCheckPage(
      {
        step: 'check',
        from: undefined,
        answers: { firstName: 'Margaret', lastName: 'Hill', visibility: 'hub', contactWays: ['through-hub'] },
        values: {},
        csrfToken: 'token',
      },
      { hubName: 'Thanet', skillNames: ['Gardening'], consentVersion: null },
    )
    expect(page.rows.map((row) => row.change.href)).toContain('/share-your-skills/name?from=check')
    expect(page.rows.every((row) => row.change.href.endsWith('?from=check'))).toBe(true)
    expect(page.rows.find((row) => row.key === 'Your name')?.value).toEqual([
      'Margaret',
      'Others see: Margaret H.',
    ])
    expect(page.rows.find((row) => row.key === 'Who can see your profile')?.value).toEqual([
      'Members of your hub',
    ])
  })
})
