import { Algorithm, hash, verify } from '@node-rs/argon2'
import type { ZxcvbnFactory } from '@zxcvbn-ts/core'

/**
 * Argon2id with OWASP's first recommended setting: 19 MiB of memory, 2 passes, 1 lane.
 * https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html#argon2id
 */
const ARGON2ID = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 128

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID)
}

/** Whether the password matches the hash; false for a hash that is not one. */
export async function passwordMatches(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password)
  } catch {
    return false
  }
}

/**
 * A hash of a password nobody has, checked when an address has no account, so that a wrong
 * address takes as long to refuse as a wrong password and the time does not tell them apart.
 */
let decoyHash: Promise<string> | null = null
export async function checkAgainstDecoy(password: string): Promise<void> {
  decoyHash ??= hashPassword('decoy password for addresses with no account')
  await passwordMatches(await decoyHash, password)
}

// zxcvbn-ts with its common passwords list and English words: a password it can guess
// quickly (a score under 2, "too guessable") is refused. No rules about capitals or symbols:
// NIST SP 800-63B 3.1.1.2 and OWASP ASVS 5.0 (6.2) ask for a blocklist instead.
//
// Its word lists take about 15 MB of memory, so they are loaded the first time a password is
// checked, not when the app starts: search's worker threads build the same services and
// never check a password, and the app's memory target counts every thread.
let estimator: ZxcvbnFactory | undefined
function passwordEstimator(): ZxcvbnFactory {
  if (estimator) return estimator
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { ZxcvbnFactory: Factory } = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core')
  const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common')
  const english = require('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en')
  /* eslint-enable @typescript-eslint/no-require-imports */
  estimator = new Factory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  })
  return estimator
}

/**
 * What is wrong with a new password, in words for the person, or null when it will do.
 * `aboutThem` are words about the person (their email and name), which a password should not be.
 */
export function newPasswordProblem(password: string, aboutThem: readonly string[] = []): string | null {
  if (password.length === 0) return 'Enter a password'
  if (password.length < PASSWORD_MIN) return `Your password must be at least ${PASSWORD_MIN} characters long`
  if (password.length > PASSWORD_MAX) return `Your password must be ${PASSWORD_MAX} characters or fewer`
  const about = aboutThem.map((word) => word.trim().toLowerCase()).filter((word) => word.length > 0)
  if (about.includes(password.trim().toLowerCase()))
    return 'Your password must not be your name or email address. Choose a different one'
  const words = [...about, ...about.flatMap((word) => word.split(/[^a-z0-9]+/))].filter((w) => w.length > 2)
  const result = passwordEstimator().check(password, words)
  if (result.score >= 2) return null
  const common = result.sequence.some(
    (part) => part.pattern === 'dictionary' && String(part.dictionaryName).startsWith('passwords'),
  )
  if (common) return 'That password is too common: lots of people use it. Choose a different one'
  if (result.sequence.some((part) => part.pattern === 'dictionary' && part.dictionaryName === 'userInputs'))
    return 'Your password must not be your name or email address. Choose a different one'
  return 'That password would be too easy to guess. Try 3 or 4 words you will remember, such as "purple kettle garden bus"'
}
