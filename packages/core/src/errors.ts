/** Closed list of error codes; every boundary (CLI, API, connectors) translates these once. */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'INVALID_CONFIG',
  'UNMAPPED_VALUES',
  'NOT_FOUND',
  'INSUFFICIENT_DATA',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'TOO_MANY_ATTEMPTS',
  'CONFLICT',
  'PRECONDITION_REQUIRED',
  'PAYLOAD_TOO_LARGE',
  'URI_TOO_LONG',
  'UNSUPPORTED_MEDIA_TYPE',
  'COMPUTE_TIMEOUT',
  'OVERLOADED',
  'CONNECTOR_AUTH_FAILED',
  'CONNECTOR_RATE_LIMITED',
  'CONNECTOR_UNAVAILABLE',
  'CONNECTOR_BAD_RESPONSE',
  'STORE_UNAVAILABLE',
  'STORE_VERSION_UNSUPPORTED',
  'STORE_READ_ONLY',
  'STORE_BUSY',
  'INTERNAL',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

/** Options of a {@link VmoError}: the original error and machine-readable details. */
export interface VmoErrorOptions {
  cause?: unknown
  details?: Record<string, unknown>
}

/**
 * The one error type of openvmo. Messages are lowercase, quote the offending value and never
 * contain a secret; `details` carries structured context (file, line, counts) for callers.
 */
export class VmoError extends Error {
  readonly code: ErrorCode
  readonly details?: Readonly<Record<string, unknown>>

  constructor(code: ErrorCode, message: string, options: VmoErrorOptions = {}) {
    super(message, { cause: options.cause })
    this.name = 'VmoError'
    this.code = code
    this.details = options.details
  }
}

/** Whether `value` is a {@link VmoError} (optionally with the given code). */
export function isVmoError(value: unknown, code?: ErrorCode): value is VmoError {
  return value instanceof VmoError && (code === undefined || value.code === code)
}
