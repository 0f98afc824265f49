import type { ErrorHandler } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ErrorCode } from '@openvmo/core'
import { VmoError } from '@openvmo/core'

/** The HTTP status of every error code; adding a code without a status fails to compile. */
export const HTTP_STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  INVALID_INPUT: 400,
  INVALID_CONFIG: 422,
  UNMAPPED_VALUES: 422,
  NOT_FOUND: 404,
  CONFLICT: 409,
  CONNECTOR_AUTH_FAILED: 502,
  CONNECTOR_RATE_LIMITED: 503,
  CONNECTOR_UNAVAILABLE: 502,
  CONNECTOR_BAD_RESPONSE: 502,
  STORE_UNAVAILABLE: 503,
  STORE_VERSION_UNSUPPORTED: 503,
  INTERNAL: 500,
}

// Details that help a client fix its request; anything else (causes, stacks) stays server-side.
const PUBLIC_DETAILS: ReadonlySet<ErrorCode> = new Set(['INVALID_CONFIG', 'UNMAPPED_VALUES'])

/** The wire form of a {@link VmoError}: `{ error: { code, message, details? } }`. */
export function errorBody(error: VmoError) {
  const details = PUBLIC_DETAILS.has(error.code) ? error.details : undefined
  return { error: { code: error.code, message: error.message, ...(details ? { details } : {}) } }
}

/** The one error handler: VmoError → its status and body; anything else → 500 INTERNAL. */
export const handleError: ErrorHandler = (err, c) => {
  if (err instanceof VmoError) return c.json(errorBody(err), HTTP_STATUS[err.code])
  console.error('openvmo api: unexpected error', err)
  return c.json({ error: { code: 'INTERNAL', message: 'internal error' } }, 500)
}
