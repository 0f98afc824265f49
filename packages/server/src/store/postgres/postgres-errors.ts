import { VmoError } from '@openvmo/core'

// Socket-level failures (node), and the pg client's own words for a connection that broke.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
])

// SQLSTATEs of a server that is going away, not there, full or refusing us (class 08: connection
// exception; 57P01–57P03: shutdown and startup; 3D000: no such database; 53300: too many
// connections; 28xxx: authentication).
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '3D000', '53300', '28000', '28P01'])

const CLIENT_MESSAGES =
  /connection terminated|not queryable|timeout exceeded when trying to connect|connection timeout/i

function codeOf(error: object): string | undefined {
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' ? code : undefined
}

/** The driver's reason, also for Node's AggregateError (one error per address tried). */
function reasonOf(error: Error): string {
  if (error.message) return error.message
  const first = (error as { errors?: unknown }).errors
  if (Array.isArray(first) && first[0] instanceof Error) return first[0].message
  return codeOf(error) ?? 'unknown connection error'
}

/**
 * Whether `error` says the database cannot be used right now (connection refused, reset or
 * terminated, server shutting down or starting, database missing, too many connections, login
 * refused) rather than that a statement was wrong: a passing condition, worth retrying later.
 */
export function isPostgresConnectionFault(error: unknown): error is Error {
  if (!(error instanceof Error)) return false
  const code = codeOf(error)
  if (code !== undefined && (NETWORK_CODES.has(code) || SERVER_CODES.has(code))) return true
  if (code?.startsWith('08')) return true
  return CLIENT_MESSAGES.test(error.message)
}

/**
 * The store's error for a pg error: a connection fault becomes `STORE_UNAVAILABLE` naming the
 * store (`location`, password already redacted) and the driver's reason; anything else (a
 * {@link VmoError}, a constraint, a bug) is returned unchanged.
 */
export function translatePostgresError(error: unknown, location: string): unknown {
  if (!isPostgresConnectionFault(error)) return error
  const reason = reasonOf(error)
  return new VmoError(
    'STORE_UNAVAILABLE',
    `postgres store ${location} is unavailable: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`,
    { cause: error },
  )
}
