import { hash, verify } from '@node-rs/argon2'
import type { Options } from '@node-rs/argon2'
import { VmoError } from '@openvmo/core'

/**
 * argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane). `algorithm: 2` is
 * Argon2id in @node-rs/argon2's `Algorithm` (a const enum, which isolated modules cannot read).
 */
const ARGON2ID: Options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 }

/** The shortest password accepted. */
export const MIN_PASSWORD_LENGTH = 10

/** The longest password accepted (longer ones are refused, not truncated). */
export const MAX_PASSWORD_LENGTH = 1024

/** INVALID_INPUT unless `password` is long enough (the message never repeats it). */
export function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new VmoError(
      'INVALID_INPUT',
      `the password has ${password.length} characters: at least ${MIN_PASSWORD_LENGTH} are needed`,
    )
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new VmoError('INVALID_INPUT', `the password is longer than ${MAX_PASSWORD_LENGTH}`)
  }
}

/** The argon2id PHC string of `password` (salted; a new salt each time). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2ID)
}

// A hash to verify against when the account is unknown, so its absence takes as long to learn
// as a wrong password.
let decoy: Promise<string> | undefined

/** Whether `password` matches `phc`; with no hash (unknown account) false, after as much work. */
export async function verifyPassword(phc: string | null, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false
  if (phc === null) {
    await verify(await (decoy ??= hashPassword('openvmo-decoy-password')), password)
    return false
  }
  try {
    return await verify(phc, password)
  } catch {
    return false
  }
}
