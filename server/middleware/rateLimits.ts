import type { Request, RequestHandler, Response } from 'express'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

/** How many requests to be put in touch one address may send in an hour. */
export const PUT_ME_IN_TOUCH_PER_HOUR = 5

/**
 * Rate limits on signing in, creating accounts, asking for emailed links and asking to be put
 * in touch, with rate-limiter-flexible's memory store (one app process). Each is counted per
 * address (IP) and, where there is one, per email address, so one person's wrong passwords
 * cannot lock out anyone else's account, and the real owner is never locked out for more than
 * 15 minutes.
 */
export function buildRateLimits() {
  return {
    /** wrong passwords for one account: 5 in 15 minutes, then 15 minutes' wait */
    signInPerAccount: new RateLimiterMemory({
      keyPrefix: 'sign-in-account',
      points: 5,
      duration: 15 * 60,
      blockDuration: 15 * 60,
    }),
    /** sign-in attempts from one address, right or wrong: 50 in 15 minutes */
    signInPerAddress: new RateLimiterMemory({ keyPrefix: 'sign-in-ip', points: 50, duration: 15 * 60 }),
    /** new accounts from one address: 10 an hour */
    createPerAddress: new RateLimiterMemory({ keyPrefix: 'create-ip', points: 10, duration: 60 * 60 }),
    /** emailed links (reset, sign-in, change email) to one email address: 5 in 15 minutes */
    linksPerAccount: new RateLimiterMemory({ keyPrefix: 'links-account', points: 5, duration: 15 * 60 }),
    /** emailed links asked for from one address: 20 in 15 minutes */
    linksPerAddress: new RateLimiterMemory({ keyPrefix: 'links-ip', points: 20, duration: 15 * 60 }),
    /** requests to be put in touch sent from one address: 5 an hour (issue 11) */
    putMeInTouchPerAddress: new RateLimiterMemory({
      keyPrefix: 'put-me-in-touch-ip',
      points: PUT_ME_IN_TOUCH_PER_HOUR,
      duration: 60 * 60,
    }),
  }
}

export type RateLimits = ReturnType<typeof buildRateLimits>

/** Thrown (or passed to next) when a limit is reached: the plain 429 page. */
export class TooManyTriesError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('Too many tries')
  }
}

/** Takes one try from each limiter; throws TooManyTriesError when any is used up. */
export async function takeTry(...tries: [RateLimiterMemory, string][]): Promise<void> {
  for (const [limiter, key] of tries) {
    try {
      await limiter.consume(key)
    } catch (error) {
      if (error instanceof RateLimiterRes) throw new TooManyTriesError(Math.ceil(error.msBeforeNext / 1000))
      throw error
    }
  }
}

/** Throws TooManyTriesError when the limiter has been used up for this key, without taking a try. */
export async function checkNotBlocked(limiter: RateLimiterMemory, key: string): Promise<void> {
  const state = await limiter.get(key)
  if (state && state.consumedPoints > limiter.points)
    throw new TooManyTriesError(Math.ceil(state.msBeforeNext / 1000))
}

/** The plain 429 page: "Try again in 15 minutes". */
export function tooManyTries(res: Response, error: TooManyTriesError): void {
  const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60))
  res
    .status(429)
    .set('Retry-After', String(error.retryAfterSeconds))
    .render('pages/errors/too-many-tries', {
      pageTitle: 'You have tried too many times',
      wait: minutes === 1 ? '1 minute' : `${minutes} minutes`,
    })
}

/** The key for an address: the client's IP (behind one proxy in production: see trust proxy). */
export const addressKey = (req: Request): string => req.ip ?? 'unknown'

/** The key for an email address, in one case. */
export const emailKey = (email: string): string => email.trim().toLowerCase()

/** Wraps a handler so a TooManyTriesError gives the 429 page. */
export function withRateLimitPage(handler: RequestHandler): RequestHandler {
  return async (req, res, next) => {
    try {
      await handler(req, res, next)
    } catch (error) {
      if (error instanceof TooManyTriesError) {
        tooManyTries(res, error)
        return
      }
      next(error)
    }
  }
}
