/**
 * The demo accounts: one for each role, all with DEMO_PASSWORD, so a newcomer can sign in as
 * each and see what that role may see (README, "Trying it out"). They exist only in the demo
 * data: a real deployment makes its first admin with `npm run user:create`.
 */
import type { Role } from '../repositories/accountsRepository'

/** The one password every demo account shares. */
export const DEMO_PASSWORD = 'common ground demo'

/**
 * DEMO_PASSWORD hashed with Argon2id (19456 KiB, 2 passes, 1 lane) and a fixed salt, so the
 * demo data is the same every run and loading it costs no hashing.
 */
export const DEMO_PASSWORD_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$Y29tbW9uLWdyb3VuZC1kZW1vLWFjY291bnRz$cysZO4KkrTMUxo39MX7ueV1dJHvnRagxWWEfDDWQ76Q'

export interface DemoAccountSeed {
  email: string
  displayName: string
  role: Role
  /** the hubs it belongs to or looks after, by slug */
  hubs: string[]
  /** what this role can see, for the README */
  sees: string
}

export const DEMO_ACCOUNTS: readonly DemoAccountSeed[] = [
  {
    email: 'member@example.org',
    displayName: 'Demo Member',
    role: 'member',
    hubs: ['thanet'],
    sees: 'their own account, and people in Thanet who share with hub members',
  },
  {
    email: 'peer-lead@example.org',
    displayName: 'Demo Peer Lead',
    role: 'peer_lead',
    hubs: ['thanet'],
    sees: "a coordinator's rights in Thanet only",
  },
  {
    email: 'coordinator@example.org',
    displayName: 'Demo Coordinator',
    role: 'coordinator',
    hubs: ['thanet', 'sheffield'],
    sees: 'Thanet and Sheffield as their coordinator',
  },
  {
    email: 'admin@example.org',
    displayName: 'Demo Admin',
    role: 'admin',
    hubs: [],
    sees: 'the admin pages: accounts, roles and hubs, and the audit log',
  },
]

/**
 * The demo staff accounts' two-step secret (made up, and public in the README: demo only). Add
 * it to an authenticator app, or get the current code with `npm run demo:code`.
 */
export const DEMO_TWO_STEP_SECRET = 'KRUGS4ZAMFZGKIDPNZWHSIDEMVWW6IDD'

/** Staff accounts (peer lead, coordinator, admin) have two-step sign-in with DEMO_TWO_STEP_SECRET; see the README. */
export const isDemoStaff = (account: DemoAccountSeed): boolean => account.role !== 'member'
