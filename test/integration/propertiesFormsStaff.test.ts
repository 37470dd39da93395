/**
 * Property-based (fast-check): Thanet's peer lead's and an admin's forms, sent with their
 * token and any fields, never fail (5xx) and keep nothing they refuse
 * (test/support/formProperties.ts).
 */
import { everyFormKeepsNothingItRefuses } from '../support/formProperties'
import { STAFF_FORMS } from '../support/propertyForms'

// Signing in hashes a password with Argon2id: slow on a busy machine.
jest.setTimeout(60_000)

describe('a coordinator’s or admin’s form, with any fields, never fails and keeps nothing it refuses', () => {
  everyFormKeepsNothingItRefuses(STAFF_FORMS)
})
