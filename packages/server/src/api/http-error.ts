import type { ErrorHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ErrorCode } from '@openvmo/core'
import { VmoError } from '@openvmo/core'

/** The HTTP status of every error code; adding a code without a status fails to compile. */
export const HTTP_STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  INVALID_INPUT: 400,
  INVALID_CONFIG: 422,
  UNMAPPED_VALUES: 422,
  NOT_FOUND: 404,
  INSUFFICIENT_DATA: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  TOO_MANY_ATTEMPTS: 429,
  CONFLICT: 409,
  PRECONDITION_REQUIRED: 428,
  PAYLOAD_TOO_LARGE: 413,
  URI_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  COMPUTE_TIMEOUT: 503,
  OVERLOADED: 503,
  CONNECTOR_AUTH_FAILED: 502,
  CONNECTOR_RATE_LIMITED: 503,
  CONNECTOR_UNAVAILABLE: 502,
  CONNECTOR_BAD_RESPONSE: 502,
  STORE_UNAVAILABLE: 503,
  STORE_VERSION_UNSUPPORTED: 503,
  STORE_READ_ONLY: 503,
  STORE_BUSY: 503,
  INTERNAL: 500,
}

// Details that help a client fix its request; anything else (causes, stacks) stays server-side.
const PUBLIC_DETAILS: ReadonlySet<ErrorCode> = new Set([
  'INVALID_CONFIG',
  'UNMAPPED_VALUES',
  'INSUFFICIENT_DATA',
])

/** The wire form of a {@link VmoError}: `{ error: { code, message, details? } }`. */
export function errorBody(error: VmoError) {
  const details = PUBLIC_DETAILS.has(error.code) ? error.details : undefined
  return { error: { code: error.code, message: error.message, ...(details ? { details } : {}) } }
}

/**
 * Codes of passing conditions: the answer carries `Retry-After` (seconds); an error whose details
 * carry `retryAfterSeconds` (a throttled sign-in) sends that instead.
 */
const RETRY_AFTER_SECONDS: Partial<Record<ErrorCode, number>> = {
  STORE_UNAVAILABLE: 5,
  STORE_BUSY: 2,
  COMPUTE_TIMEOUT: 10,
  OVERLOADED: 2,
}

const CODE_OF_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'INVALID_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  429: 'TOO_MANY_ATTEMPTS',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  428: 'PRECONDITION_REQUIRED',
}

/** A framework error (malformed JSON, …) as a VmoError with a lowercase message. */
function fromHttpException(error: HTTPException): VmoError {
  const code = CODE_OF_STATUS[error.status] ?? (error.status < 500 ? 'INVALID_INPUT' : 'INTERNAL')
  const text = error.message || 'invalid request'
  const message = /malformed json/i.test(text)
    ? 'the request body is not valid JSON'
    : text.charAt(0).toLowerCase() + text.slice(1)
  return new VmoError(code, message, { cause: error })
}

/**
 * The one error handler: VmoError → its status and body (with `Retry-After` for a passing
 * condition); a framework HTTPException → the VmoError of its status; anything else → 500
 * INTERNAL (logged, never sent).
 */
export const handleError: ErrorHandler = (thrown, c) => {
  const err = thrown instanceof HTTPException ? fromHttpException(thrown) : thrown
  if (err instanceof VmoError) {
    const wait = err.details?.retryAfterSeconds
    const retryAfter = typeof wait === 'number' ? Math.ceil(wait) : RETRY_AFTER_SECONDS[err.code]
    if (retryAfter !== undefined) c.header('Retry-After', String(retryAfter))
    return c.json(errorBody(err), HTTP_STATUS[err.code])
  }
  console.error('openvmo api: unexpected error', err)
  return c.json({ error: { code: 'INTERNAL', message: 'internal error' } }, 500)
}
