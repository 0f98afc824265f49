import { VmoError } from '@openvmo/core'

/** A final HTTP error status of a connector's request, said in its words. */
export interface FailedStatus {
  /** `gitlab source "acme": GET /projects/1/issues answered http 404`. */
  where: string
  status: number
  /** The tool's own message quoted for the user (` (gitlab: "…")`), or ''. */
  said: string
  /** What the tool means by a 404 (`it does not exist, or the token cannot see it`). */
  notFound: string
  /** The tool's name in words (`gitlab`, `azure devops`). */
  tool: string
  details: Record<string, unknown>
}

/**
 * The VmoError of the statuses every REST connector reads alike, or undefined for the others
 * (auth and validation answers, which each tool words itself): 404 → NOT_FOUND, 429 (after
 * the retries) → CONNECTOR_RATE_LIMITED, 5xx and 408 → CONNECTOR_UNAVAILABLE.
 */
export function commonStatusError(failed: FailedStatus): VmoError | undefined {
  const { where, status, details } = failed
  if (status === 404) {
    return new VmoError('NOT_FOUND', `${where}: ${failed.notFound}${failed.said}`, { details })
  }
  if (status === 429) {
    return new VmoError(
      'CONNECTOR_RATE_LIMITED',
      `${where}: still rate limited after the retries; try again later or lower the concurrency`,
      { details },
    )
  }
  if (status >= 500 || status === 408) {
    return new VmoError(
      'CONNECTOR_UNAVAILABLE',
      `${where} after the retries: ${failed.tool} is unavailable`,
      { details },
    )
  }
  return undefined
}
