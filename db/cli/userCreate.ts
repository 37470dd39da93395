/**
 * npm run user:create -- --email E --role R [--hub SLUG ...] [--all-hubs] [--name N]
 *
 * Makes an account, or changes the role of an existing one (member, peer_lead, coordinator,
 * admin), in the database named by DATABASE_PATH, and prints a link to set its password that
 * works once, for 7 days. For a peer lead, coordinator or admin it also sets up two-step
 * sign-in and prints the secret to add to an authenticator app. This is how a real
 * deployment makes its first admin.
 */
import { addresses } from '../../server/addresses'
import type { Config } from '../../server/config'
import { buildServices } from '../../server/services'
import {
  CommandLineAccounts,
  COMMAND_LINE_LINK_DAYS,
} from '../../server/services/accounts/commandLineAccounts'
import { type Clock, systemClock } from '../../server/services/clock'
import type { Db } from '../connection'
import { complain, openConfiguredDatabase, readCommandLine, say, type CommandIo } from './terminal'

const USAGE =
  'Usage: npm run user:create -- --email E --role member|peer_lead|coordinator|admin [--hub SLUG ...] [--all-hubs] [--name N]'

export type UserCreateIo = CommandIo

/** Runs the command on an open database; its exit code (0 done, 1 refused). */
export function userCreate(
  args: readonly string[],
  db: Db,
  config: Config,
  io: UserCreateIo,
  clock: Clock = systemClock,
): number {
  const parsed = readCommandLine(
    args,
    {
      options: {
        email: { type: 'string' },
        role: { type: 'string' },
        hub: { type: 'string', multiple: true },
        'all-hubs': { type: 'boolean' },
        name: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    },
    USAGE,
    io,
  )?.values
  if (!parsed) return 1
  if (!parsed.email || !parsed.role) {
    io.err(`Give an --email and a --role. ${USAGE}`)
    return 1
  }
  const services = buildServices(db, config, clock)
  const { repositories } = services
  const tool = new CommandLineAccounts(
    repositories.accounts,
    repositories.emailedLinks,
    repositories.hubs,
    services.twoStep,
    services.audit,
    clock,
  )
  const result = tool.createOrPromote({
    email: parsed.email,
    role: parsed.role,
    hubSlugs: parsed.hub ?? [],
    allHubs: parsed['all-hubs'] ?? false,
    name: parsed.name,
  })
  if (result.kind === 'refused') {
    io.err(result.problem)
    return 1
  }
  const { account } = result
  io.out(
    result.created
      ? `Made an account for ${account.email} (${account.role}).`
      : `${account.email} is now ${account.role}.`,
  )
  io.out('')
  io.out(`Open this link to set the password. It works once, for ${COMMAND_LINE_LINK_DAYS} days:`)
  io.out(`  ${addresses.absolute(config.baseUrl, addresses.resetPassword(result.setPasswordToken))}`)
  if (result.twoStep) {
    io.out('')
    io.out('Two-step sign-in is on for this account. Add it to an authenticator app with this key:')
    io.out(`  ${result.twoStep.grouped}`)
    io.out('or this address (some apps can open it, or make a QR code of it):')
    io.out(`  ${result.twoStep.otpauth}`)
    io.out('Keep the key secret: anyone who has it and the password can sign in.')
  } else if (result.twoStepKept) {
    io.out('')
    io.out('Two-step sign-in was already set up for this account, so it is unchanged.')
  }
  return 0
}

function main(): number {
  const opened = openConfiguredDatabase()
  if (!opened) return 1
  try {
    return userCreate(process.argv.slice(2), opened.db, opened.config, { out: say, err: complain })
  } finally {
    opened.db.close()
  }
}

if (require.main === module) process.exitCode = main()
