import type { ErrorCode } from '@openvmo/core'

/** Exit codes of `vmo`: 0 ok, 1 runtime error, 2 bad input (file, config, arguments). */
export const EXIT_OK = 0
export const EXIT_RUNTIME = 1
export const EXIT_BAD_INPUT = 2

/** Exit code per error code; adding a code without one here fails to compile. */
export const EXIT_CODE_BY_ERROR: Record<ErrorCode, number> = {
  INVALID_INPUT: EXIT_BAD_INPUT,
  INVALID_CONFIG: EXIT_BAD_INPUT,
  UNMAPPED_VALUES: EXIT_BAD_INPUT,
  NOT_FOUND: EXIT_BAD_INPUT,
  CONFLICT: EXIT_RUNTIME,
  CONNECTOR_AUTH_FAILED: EXIT_RUNTIME,
  CONNECTOR_RATE_LIMITED: EXIT_RUNTIME,
  CONNECTOR_UNAVAILABLE: EXIT_RUNTIME,
  CONNECTOR_BAD_RESPONSE: EXIT_RUNTIME,
  STORE_UNAVAILABLE: EXIT_RUNTIME,
  STORE_VERSION_UNSUPPORTED: EXIT_RUNTIME,
  INTERNAL: EXIT_RUNTIME,
}
