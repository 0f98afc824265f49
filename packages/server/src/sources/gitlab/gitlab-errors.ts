import { VmoError } from '@openvmo/core'
import { commonStatusError } from '../connector-status-errors'

/** Where a failed request went, for its error message (never its headers: they hold the token). */
export interface GitLabFailedRequest {
  sourceName: string
  /** `GET /projects/acme%2Fpay/issues`: method and path below the API root, without the query. */
  request: string
}

/**
 * What GitLab said in an error body: `{"message": "404 Project Not Found"}`, a validation
 * object `{"message": {"field": ["…"]}}`, or OAuth's `{"error": "insufficient_scope",
 * "error_description": "…"}`; the plain-text `Retry later` of a 429 is said as it is.
 */
export function gitLabErrorMessage(body: string): string | undefined {
  const text = body.trim()
  if (text === '') return undefined
  try {
    const parsed = JSON.parse(text) as {
      message?: unknown
      error?: unknown
      error_description?: unknown
    }
    if (typeof parsed.message === 'string') return parsed.message
    if (typeof parsed.message === 'object' && parsed.message !== null)
      return JSON.stringify(parsed.message)
    if (typeof parsed.error === 'string') {
      const why =
        typeof parsed.error_description === 'string' ? `: ${parsed.error_description}` : ''
      return `${parsed.error}${why}`
    }
    return undefined
  } catch {
    return text.length <= 200 ? text : `${text.slice(0, 200)}…`
  }
}

function said(message: string | undefined): string {
  return message === undefined ? '' : ` (gitlab: ${JSON.stringify(message)})`
}

/**
 * The VmoError of a final HTTP error status (after the retries): 401 → CONNECTOR_AUTH_FAILED
 * (revoked, expired or wrong token); 403 → CONNECTOR_AUTH_FAILED naming the `read_api` scope
 * (or the role) the request needs; 404 → NOT_FOUND (GitLab answers 404 for a project or group
 * the token cannot see, too); 429 → CONNECTOR_RATE_LIMITED; 5xx and 408 →
 * CONNECTOR_UNAVAILABLE; other 4xx → CONNECTOR_BAD_RESPONSE. Messages never hold the token.
 */
export function gitLabStatusError(at: GitLabFailedRequest, status: number, body: string): VmoError {
  const message = gitLabErrorMessage(body)
  const where = `gitlab source "${at.sourceName}": ${at.request} answered http ${status}`
  const details = { source: at.sourceName, status, gitlabMessage: message }
  if (status === 401) {
    return new VmoError(
      'CONNECTOR_AUTH_FAILED',
      `${where}: the credentials were refused (revoked, expired or mistyped); create a new access key with the read_api scope and update the source`,
      { details },
    )
  }
  if (status === 403) {
    return new VmoError(
      'CONNECTOR_AUTH_FAILED',
      `${where}: the credentials lack the read_api scope, or a role of at least Reporter (Guest on a public project) here${said(message)}`,
      { details },
    )
  }
  const common = commonStatusError({
    where,
    status,
    said: said(message),
    notFound: 'it does not exist, or the token cannot see it',
    tool: 'gitlab',
    details,
  })
  if (common) return common
  return new VmoError('CONNECTOR_BAD_RESPONSE', `${where}${said(message)}`, { details })
}

/** CONNECTOR_UNAVAILABLE for a network error or a timeout that outlasted the retries. */
export function gitLabNetworkError(at: GitLabFailedRequest, error: unknown): VmoError {
  const name = error instanceof Error ? error.name : ''
  const reason =
    name === 'TimeoutError' ? 'did not answer in time' : `could not be reached (${reasonOf(error)})`
  return new VmoError(
    'CONNECTOR_UNAVAILABLE',
    `gitlab source "${at.sourceName}": ${at.request} ${reason} after the retries`,
    // node's network errors name the host and port, never the request's headers
    { cause: error, details: { source: at.sourceName } },
  )
}

function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code
  if (typeof code === 'string') return code
  return error instanceof Error ? error.message : String(error)
}

/** CONNECTOR_BAD_RESPONSE for a body that is not the JSON GitLab sends. */
export function gitLabBadResponse(at: GitLabFailedRequest, problem: string): VmoError {
  return new VmoError(
    'CONNECTOR_BAD_RESPONSE',
    `gitlab source "${at.sourceName}": ${at.request} answered ${problem}`,
    { details: { source: at.sourceName } },
  )
}
