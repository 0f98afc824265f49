import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import { VmoError } from '@openvmo/core'

/**
 * A token encrypted for the store: AES-256-GCM with a random 96-bit nonce per encryption, the
 * key's id (so a rotation knows which key opens it) and the source's name as associated data (an
 * envelope copied to another source does not open). Every field is base64 but `kid` (hex).
 */
export interface SecretEnvelope {
  v: 1
  alg: 'aes-256-gcm'
  kid: string
  iv: string
  tag: string
  data: string
}

/** How to make a key, for messages. */
export const MAKE_A_KEY = 'make one with: openssl rand -base64 32'

/**
 * The 32-byte key of `OPENVMO_SECRET_KEY` (base64 or hex); INVALID_CONFIG naming the variable
 * (never the value) when it is not one.
 */
export function parseSecretKey(text: string, variable = 'OPENVMO_SECRET_KEY'): Buffer {
  const hex = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : undefined
  const key = hex ?? Buffer.from(text, 'base64')
  if (
    key.length !== 32 ||
    (!hex && key.toString('base64').replace(/=+$/, '') !== text.replace(/=+$/, ''))
  ) {
    throw new VmoError(
      'INVALID_CONFIG',
      `${variable} must be 32 random bytes written as base64 or hex (${MAKE_A_KEY})`,
    )
  }
  return key
}

/** A short public id of a key: the first 12 hex digits of its SHA-256. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12)
}

/** Encrypts `plain` (a token) for the source `owner` with `key`. */
export function sealSecret(plain: string, at: { key: Buffer; owner: string }): SecretEnvelope {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', at.key, iv)
  cipher.setAAD(Buffer.from(at.owner, 'utf8'))
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  return {
    v: 1,
    alg: 'aes-256-gcm',
    kid: keyIdOf(at.key),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  }
}

/** Whether `value` looks like a {@link SecretEnvelope}. */
export function isSecretEnvelope(value: unknown): value is SecretEnvelope {
  const v = value as Partial<SecretEnvelope> | null
  return (
    typeof v === 'object' &&
    v !== null &&
    v.v === 1 &&
    v.alg === 'aes-256-gcm' &&
    typeof v.kid === 'string' &&
    typeof v.iv === 'string' &&
    typeof v.tag === 'string' &&
    typeof v.data === 'string'
  )
}

/**
 * Decrypts an envelope of the source `owner` with whichever of `keys` has its id. INVALID_CONFIG
 * when no key is given or none matches (naming the key id it needs), or when the envelope was
 * altered; the message never holds a secret.
 */
export function openSecret(
  envelope: SecretEnvelope,
  at: { keys: readonly Buffer[]; owner: string },
): string {
  const key = at.keys.find((k) => keyIdOf(k) === envelope.kid)
  if (!key) {
    throw new VmoError(
      'INVALID_CONFIG',
      at.keys.length === 0
        ? `the token of source "${at.owner}" is stored encrypted and OPENVMO_SECRET_KEY is not set`
        : `the token of source "${at.owner}" was encrypted with key ${envelope.kid}, which is neither OPENVMO_SECRET_KEY nor OPENVMO_SECRET_KEY_PREVIOUS`,
    )
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(envelope.iv, 'base64'))
    decipher.setAAD(Buffer.from(at.owner, 'utf8'))
    decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'))
    const data = Buffer.from(envelope.data, 'base64')
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8')
  } catch (cause) {
    throw new VmoError(
      'INVALID_CONFIG',
      `the stored token of source "${at.owner}" does not decrypt: it was altered or belongs to another source`,
      { cause },
    )
  }
}
