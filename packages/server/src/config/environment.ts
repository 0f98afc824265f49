import { VmoError } from '@openvmo/core'

/** The environment as read: variable name → value (process.env, or a test's own). */
export type EnvironmentVariables = Readonly<Record<string, string | undefined>>

/**
 * Every environment variable openvmo reads, in one place (docs/configuration.md lists them).
 * Commands get an {@link Environment} from {@link readEnvironment}; nothing else reads the
 * environment, except tokens named by a source's `--token-env` ({@link readTokenVariable}) and
 * the OIDC client secret named by the auth configuration (`readAuthConfig`).
 */
export interface Environment {
  /** `DATABASE_URL`: a PostgreSQL URL; when set, the store is PostgreSQL. */
  databaseUrl?: string
  /** `OPENVMO_DB`: the SQLite file when no `--db` is given (default `./openvmo.db`). */
  sqlitePath?: string
  /** `PORT`: where `vmo serve` listens (default 4400). */
  port?: number
  /** `OPENVMO_SECRET_KEY`: the key that encrypts stored tokens (32 bytes, base64 or hex). */
  secretKey?: string
  /** `OPENVMO_SECRET_KEY_PREVIOUS`: the key before a rotation, to read what it encrypted. */
  previousSecretKey?: string
  /** `OPENVMO_COMPUTE_THREADS`: worker threads for the API's analyses. */
  computeThreads?: number
  /** `OPENVMO_COMPUTE_DEADLINE_MS`: an analysis still running after this is stopped. */
  computeDeadlineMs?: number
  /** `OPENVMO_LOCK_WAIT_MS`: how long a SQLite write waits for another process's write lock. */
  lockWaitMs?: number
  /** `OPENVMO_PUBLIC_URL`: the address users open (`vmo serve --public-url`), http(s). */
  publicUrl?: string
  /** `OPENVMO_CORS_ORIGINS`: comma-separated origins whose pages may read the API (default none). */
  corsOrigins?: string
}

function text(env: EnvironmentVariables, name: string): string | undefined {
  const value = env[name]
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}

function wholeNumber(env: EnvironmentVariables, name: string, min: number): number | undefined {
  const value = text(env, name)
  if (value === undefined) return undefined
  const number = Number(value)
  if (!Number.isInteger(number) || number < min) {
    throw new VmoError(
      'INVALID_CONFIG',
      `environment variable ${name} "${value}" is not a whole number of at least ${min}`,
    )
  }
  return number
}

/** The http(s) URL in variable `name`; INVALID_CONFIG for anything else. */
function httpUrl(env: EnvironmentVariables, name: string): string | undefined {
  const value = text(env, name)
  if (value === undefined) return undefined
  assertHttpUrl(value, `environment variable ${name}`)
  return value
}

/** INVALID_CONFIG unless `value` is an http or https URL (`what` names where it came from). */
export function assertHttpUrl(value: string, what: string): void {
  let url: URL | undefined
  try {
    url = new URL(value)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new VmoError(
      'INVALID_CONFIG',
      `${what} "${value.slice(0, 200)}" is not an http or https URL (e.g. https://vmo.example.com)`,
    )
  }
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

/** Reads and checks openvmo's environment variables; INVALID_CONFIG names a bad one. */
export function readEnvironment(env: EnvironmentVariables): Environment {
  const port = wholeNumber(env, 'PORT', 0)
  if (port !== undefined && port > 65535) {
    throw new VmoError('INVALID_CONFIG', `environment variable PORT "${port}" is not a port number`)
  }
  return defined({
    databaseUrl: text(env, 'DATABASE_URL'),
    sqlitePath: text(env, 'OPENVMO_DB'),
    port,
    secretKey: text(env, 'OPENVMO_SECRET_KEY'),
    previousSecretKey: text(env, 'OPENVMO_SECRET_KEY_PREVIOUS'),
    computeThreads: wholeNumber(env, 'OPENVMO_COMPUTE_THREADS', 1),
    computeDeadlineMs: wholeNumber(env, 'OPENVMO_COMPUTE_DEADLINE_MS', 1),
    lockWaitMs: wholeNumber(env, 'OPENVMO_LOCK_WAIT_MS', 0),
    publicUrl: httpUrl(env, 'OPENVMO_PUBLIC_URL'),
    corsOrigins: text(env, 'OPENVMO_CORS_ORIGINS'),
  })
}

/** A variable name a source may name with `--token-env`: letters, digits and underscores. */
export const TOKEN_VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/

/**
 * The token in the variable a source names (`--token-env JIRA_TOKEN`), or undefined when it is
 * unset or empty. INVALID_CONFIG for a name that is not a variable name.
 */
export function readTokenVariable(env: EnvironmentVariables, name: string): string | undefined {
  if (!TOKEN_VARIABLE.test(name)) {
    throw new VmoError('INVALID_CONFIG', `"${name}" is not an environment variable name`)
  }
  return text(env, name)
}
