import type { Page } from 'playwright-core'
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TWO_STEP_SECRET, isDemoStaff } from '../../../db/seed/accounts'
import type { Role } from '../../../db/repositories/accountsRepository'
import { codeFor } from '../../support/accounts'
import { TIME_STEP_SECONDS, timeStepAt } from '../../../server/services/accounts/totp'

/** Who signs in: anAccount()'s result will do, or one of theDemo's accounts. */
export interface AccountToSignInAs {
  email: string
  password: string
  /** the authenticator secret (base32) when the account has two-step sign-in */
  twoStepSecret?: string
}

function theDemoAccount(role: Role): AccountToSignInAs {
  const seed = DEMO_ACCOUNTS.find((account) => account.role === role)
  if (!seed) throw new Error(`The demo data has no ${role}`)
  return isDemoStaff(seed)
    ? { email: seed.email, password: DEMO_PASSWORD, twoStepSecret: DEMO_TWO_STEP_SECRET }
    : { email: seed.email, password: DEMO_PASSWORD }
}

/** The demo accounts from the README, such as signInAs(page, theDemo.coordinator). */
export const theDemo = {
  member: theDemoAccount('member'),
  peerLead: theDemoAccount('peer_lead'),
  coordinator: theDemoAccount('coordinator'),
  admin: theDemoAccount('admin'),
} as const

// A code works once (the app remembers its time step), so a second sign-in to the same account
// in one test file uses the next step's code, which the app also accepts (one step of drift).
const lastStepUsed = new Map<string, number>()

function nextCode(account: AccountToSignInAs & { twoStepSecret: string }): string {
  const key = account.email.toLowerCase()
  const now = timeStepAt(new Date())
  const last = lastStepUsed.get(key)
  const step = last === undefined ? now : Math.max(now, last + 1)
  if (step > now + 1)
    throw new Error(
      `${account.email} cannot sign in more than twice in 30 seconds: the app would refuse the code`,
    )
  lastStepUsed.set(key, step)
  return codeFor(account.twoStepSecret, new Date(step * TIME_STEP_SECONDS * 1000))
}

/**
 * Signs in through the sign-in page with the account's password and, for an account with
 * two-step sign-in, the code its authenticator app shows; ends on "Your account". Needs a page
 * from site.newPage().
 */
export async function signInAs(page: Page, account: AccountToSignInAs): Promise<void> {
  await page.goto('/sign-in')
  await page.locator('#email').fill(account.email)
  await page.locator('#password').fill(account.password)
  await page.locator('#password').press('Enter')
  if (account.twoStepSecret !== undefined) {
    await page.waitForSelector('h1:has-text("Enter the code from your authenticator app")')
    await page.locator('#code').fill(nextCode({ ...account, twoStepSecret: account.twoStepSecret }))
    await page.locator('#code').press('Enter')
  }
  await page.waitForSelector('h1:has-text("Your account")')
}
