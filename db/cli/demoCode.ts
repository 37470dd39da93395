/**
 * npm run demo:code
 *
 * Prints the two-step code the demo staff accounts (README, "Trying it out") need right now,
 * as an authenticator app holding DEMO_TWO_STEP_SECRET would show it. Demo data only: a real
 * account's secret is never printed.
 */
import { codeAt, fromBase32, TIME_STEP_SECONDS } from '../../server/services/accounts/totp'
import { DEMO_TWO_STEP_SECRET } from '../seed/accounts'
import { say } from './terminal'

function main(): number {
  const secret = fromBase32(DEMO_TWO_STEP_SECRET)
  if (!secret) throw new Error('DEMO_TWO_STEP_SECRET is not base32')
  const now = new Date()
  const secondsLeft = TIME_STEP_SECONDS - (Math.floor(now.getTime() / 1000) % TIME_STEP_SECONDS)
  say(`${codeAt(secret, now)}  (the demo staff accounts' code; a new one in ${secondsLeft} seconds)`)
  return 0
}

process.exitCode = main()
