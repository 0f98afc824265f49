import { VmoError } from '@openvmo/core'
import type { Environment, EnvironmentVariables } from './environment'
import { readTokenVariable } from './environment'
import { isSecretEnvelope, openSecret, parseSecretKey } from './secret-box'

/** What a source says about its token: a variable to read it from, or an encrypted copy. */
export interface TokenSource {
  name: string
  config: { tokenEnv?: unknown }
  secret?: unknown
}

/** The keys that may open stored tokens: `OPENVMO_SECRET_KEY`, then the previous one. */
export function secretKeysOf(env: Environment): Buffer[] {
  const keys: Buffer[] = []
  if (env.secretKey) keys.push(parseSecretKey(env.secretKey))
  if (env.previousSecretKey) {
    keys.push(parseSecretKey(env.previousSecretKey, 'OPENVMO_SECRET_KEY_PREVIOUS'))
  }
  return keys
}

/**
 * The token of a source: decrypted from its stored envelope, or read from the variable it names.
 * INVALID_CONFIG, naming the source and what to do (never a secret), when it cannot be had.
 */
export function resolveSourceToken(
  source: TokenSource,
  at: { env: Environment; variables: EnvironmentVariables },
): string {
  if (source.secret !== undefined) {
    if (!isSecretEnvelope(source.secret)) {
      throw new VmoError('INVALID_CONFIG', `the stored token of source "${source.name}" is damaged`)
    }
    return openSecret(source.secret, { keys: secretKeysOf(at.env), owner: source.name })
  }
  const variable = source.config.tokenEnv
  if (typeof variable === 'string') {
    const token = readTokenVariable(at.variables, variable)
    if (token === undefined) {
      throw new VmoError(
        'INVALID_CONFIG',
        `source "${source.name}" reads its token from the environment variable ${variable}, which is not set`,
      )
    }
    return token
  }
  throw new VmoError(
    'INVALID_CONFIG',
    `source "${source.name}" has no token: add it again with --token-env NAME (and --store-token to keep it encrypted)`,
  )
}
