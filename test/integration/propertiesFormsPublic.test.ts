/**
 * Property-based (fast-check): visitors' and members' forms, sent with their token and any
 * fields, never fail (5xx) and keep nothing they refuse (test/support/formProperties.ts).
 * Every path that takes forms is sent one, here or in propertiesFormsStaff.test.ts.
 */
import { formPaths, paths } from '../../server/addresses'
import { pathMatcher } from '../../server/middleware/methodNotAllowed'
import { everyFormKeepsNothingItRefuses } from '../support/formProperties'
import { PUBLIC_FORMS, STAFF_FORMS } from '../support/propertyForms'

// Signing in hashes a password with Argon2id: slow on a busy machine.
jest.setTimeout(60_000)

describe('a visitor’s or member’s form, with any fields, never fails and keeps nothing it refuses', () => {
  it('sends a form to every path that takes forms', () => {
    const sent = [...PUBLIC_FORMS, ...STAFF_FORMS].map((form) => form.to.split('?')[0] ?? '')
    const untested = formPaths.filter((name) => !sent.some(pathMatcher([paths[name]])))
    expect(untested).toEqual([])
  })

  everyFormKeepsNothingItRefuses(PUBLIC_FORMS)
})
