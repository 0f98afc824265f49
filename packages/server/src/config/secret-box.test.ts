import { randomBytes } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { isVmoError } from '@openvmo/core'
import { keyIdOf, openSecret, parseSecretKey, sealSecret } from './secret-box'

const key = randomBytes(32)
const other = randomBytes(32)

describe('secret box', () => {
  test('opens what it sealed, with a fresh nonce each time and no plain text inside', () => {
    const a = sealSecret('tok-123', { key, owner: 'acme' })
    const b = sealSecret('tok-123', { key, owner: 'acme' })
    expect(a.iv).not.toBe(b.iv)
    expect(JSON.stringify(a)).not.toContain('tok-123')
    expect(a.kid).toBe(keyIdOf(key))
    expect(openSecret(a, { keys: [other, key], owner: 'acme' })).toBe('tok-123')
  })

  test('refuses an envelope of another source, an altered one, and a missing key', () => {
    const sealed = sealSecret('tok-123', { key, owner: 'acme' })
    const refused = (run: () => unknown) => {
      try {
        run()
      } catch (error) {
        expect(isVmoError(error, 'INVALID_CONFIG')).toBe(true)
        expect((error as Error).message).not.toContain('tok-123')
        return (error as Error).message
      }
      throw new Error('expected a refusal')
    }
    expect(refused(() => openSecret(sealed, { keys: [key], owner: 'other' }))).toMatch(
      /does not decrypt/,
    )
    const altered = { ...sealed, data: Buffer.from('x').toString('base64') }
    expect(refused(() => openSecret(altered, { keys: [key], owner: 'acme' }))).toMatch(/altered/)
    expect(refused(() => openSecret(sealed, { keys: [], owner: 'acme' }))).toMatch(
      /OPENVMO_SECRET_KEY is not set/,
    )
    expect(refused(() => openSecret(sealed, { keys: [other], owner: 'acme' }))).toMatch(
      new RegExp(`key ${sealed.kid}`),
    )
  })

  test('reads a key as base64 or hex and refuses anything else without echoing it', () => {
    expect(parseSecretKey(key.toString('base64'))).toEqual(key)
    expect(parseSecretKey(key.toString('hex'))).toEqual(key)
    expect(() => parseSecretKey('short-secret')).toThrow(/32 random bytes .* openssl rand/)
    try {
      parseSecretKey('short-secret')
    } catch (error) {
      expect((error as Error).message).not.toContain('short-secret')
    }
  })
})
