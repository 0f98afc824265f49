import { randomBytes } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { resolveSourceToken } from './source-token'
import { sealSecret } from './secret-box'

const key = randomBytes(32)
const old = randomBytes(32)

describe('resolveSourceToken', () => {
  test('reads the variable a source names', () => {
    const source = { name: 'acme', config: { tokenEnv: 'JIRA_TOKEN' } }
    expect(resolveSourceToken(source, { env: {}, variables: { JIRA_TOKEN: 't1' } })).toBe('t1')
    expect(() => resolveSourceToken(source, { env: {}, variables: {} })).toThrow(
      /source "acme" reads its token from the environment variable JIRA_TOKEN, which is not set/,
    )
  })

  test('opens a stored token with the current or the previous key', () => {
    const secret = sealSecret('t2', { key: old, owner: 'acme' })
    const source = { name: 'acme', config: {}, secret }
    const env = { secretKey: key.toString('base64'), previousSecretKey: old.toString('base64') }
    expect(resolveSourceToken(source, { env, variables: {} })).toBe('t2')
    expect(() => resolveSourceToken(source, { env: {}, variables: {} })).toThrow(
      /stored encrypted and OPENVMO_SECRET_KEY is not set/,
    )
  })

  test('says how to add a token when a source has none', () => {
    expect(() => resolveSourceToken({ name: 'x', config: {} }, { env: {}, variables: {} })).toThrow(
      /has no token: add it again with --token-env/,
    )
  })
})
