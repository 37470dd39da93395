/**
 * The demo staff accounts' two-step sign-in, turned on when the demo data is loaded (by
 * `npm start` on an empty database, `npm run seed`, and the tests' demo app). It lives here,
 * not in db/seed, because the secret is stored sealed with a key from SESSION_SECRET, which
 * only the app's services know.
 */
import type { AccountsRepository } from '../../../db/repositories/accountsRepository'
import { DEMO_ACCOUNTS, DEMO_TWO_STEP_SECRET, isDemoStaff } from '../../../db/seed/accounts'
import type { TwoStepService } from './twoStepService'

/** Turns two-step sign-in on for each demo staff account that has not got it; returns how many. */
export function setUpDemoTwoStep(services: {
  twoStep: TwoStepService
  repositories: { accounts: AccountsRepository }
}): number {
  let turnedOn = 0
  for (const demo of DEMO_ACCOUNTS.filter(isDemoStaff)) {
    const account = services.repositories.accounts.findByEmail(demo.email)
    if (!account || services.twoStep.isOn(account.id)) continue
    services.twoStep.setUpWithKnownSecret(account.id, DEMO_TWO_STEP_SECRET)
    turnedOn++
  }
  return turnedOn
}
