/**
 * Codes from an authenticator app (TOTP, RFC 6238: six digits, a new one every 30 seconds,
 * SHA-1, as every common app expects), with @otplib/totp and Node's own crypto. The secret is
 * 20 random bytes, shown to people in base32 (A to Z and 2 to 7) grouped in fours.
 */
import crypto from 'node:crypto'
import { generateSync, verifySync } from '@otplib/totp'
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node'
import { generateTOTP } from '@otplib/uri'

export const TIME_STEP_SECONDS = 30
/** One step either side: a phone's clock may be up to 30 seconds out. */
export const DRIFT_STEPS = 1

const plugin = new NodeCryptoPlugin()
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** A new secret: 20 random bytes (160 bits, as RFC 4226 recommends). */
export function newSecret(): Uint8Array {
  return new Uint8Array(crypto.randomBytes(20))
}

export function toBase32(bytes: Uint8Array): string {
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31]
  return out
}

/** Base32 as people type it (any case, spaces, no padding); null when it is not base32. */
export function fromBase32(text: string): Uint8Array | null {
  const clean = text.replace(/[\s=-]/g, '').toUpperCase()
  if (clean.length === 0) return null
  let bits = 0
  let value = 0
  const out: number[] = []
  for (const character of clean) {
    const index = ALPHABET.indexOf(character)
    if (index < 0) return null
    value = ((value << 5) | index) & 0xffff
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255)
      bits -= 8
    }
  }
  return new Uint8Array(out)
}

/** The secret as people type it: "ABCD EFGH ..." */
export function groupedInFours(base32: string): string {
  return base32.match(/.{1,4}/g)?.join(' ') ?? ''
}

/** The 30-second step a moment falls in. */
export const timeStepAt = (at: Date): number => Math.floor(at.getTime() / 1000 / TIME_STEP_SECONDS)

/** The code an app shows at this moment. */
export function codeAt(secret: Uint8Array, at: Date): string {
  return generateSync({ secret, crypto: plugin, epoch: Math.floor(at.getTime() / 1000) })
}

/**
 * The time step a typed code belongs to, allowing one step of clock drift either way, or
 * null when it is not a code of this secret near this moment. Spaces in what was typed are
 * ignored ("123 456").
 */
export function matchingTimeStep(secret: Uint8Array, typed: string, at: Date): number | null {
  const token = typed.replace(/\s/g, '')
  if (!/^\d{6}$/.test(token)) return null
  const now = timeStepAt(at)
  // The step nearest now first, so a code is counted at the step it was shown in.
  for (const step of [now, now - DRIFT_STEPS, now + DRIFT_STEPS]) {
    const result = verifySync({
      secret,
      token,
      crypto: plugin,
      epoch: step * TIME_STEP_SECONDS,
    })
    if (result.valid) return step
  }
  return null
}

/** The otpauth:// address an app reads from the QR code. */
export function otpauthAddress(secret: Uint8Array, issuer: string, label: string): string {
  return generateTOTP({ issuer, label, secret: toBase32(secret) })
}
