import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** A new random secret: 32 bytes, base64url (43 characters). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url')
}

/** A short random id (16 hex characters) for rows whose secret is stored only hashed. */
export function newId(): string {
  return randomBytes(8).toString('hex')
}

/** sha256 of `text`, hex: how session ids and API tokens are stored and looked up. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

/** Whether two strings are equal, compared in constant time (for secrets). */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}
