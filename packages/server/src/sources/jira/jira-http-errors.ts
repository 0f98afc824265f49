import { VmoError } from '@openvmo/core'

/** Where a failed request went, for its error message (never its headers: they hold the key). */
export interface FailedRequest {
  sourceName: string
  /** `GET /rest/api/3/search/jql`: method and path, without the query. */
  request: string
  /** On a 403, what the request needs (`the "Browse projects" permission on project PAY`). */
  needs?: string
}

/** A Jira error body: `{"errorMessages": [...], "errors": {field: message}}`. */
export function jiraErrorMessages(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as { errorMessages?: unknown; errors?: unknown }
    const messages = Array.isArray(parsed.errorMessages) ? parsed.errorMessages : []
    const errors =
      typeof parsed.errors === 'object' && parsed.errors !== null
        ? Object.entries(parsed.errors).map(([field, message]) => `${field}: ${String(message)}`)
        : []
    return [...messages.map(String), ...errors]
  } catch {
    return []
  }
}

function jiraSaid(messages: readonly string[]): string {
  return messages.length === 0 ? '' : ` (jira: ${messages.map((m) => `"${m}"`).join(', ')})`
}

/**
 * The VmoError of a final HTTP error status (after the retries): 401 and 403 →
 * CONNECTOR_AUTH_FAILED (a 403 names what the request needs; a CAPTCHA lock after failed logins is
 * said as such), 429 → CONNECTOR_RATE_LIMITED, 404 → NOT_FOUND, other 4xx → INVALID_INPUT with
 * Jira's messages in `details.jiraMessages`, 5xx → CONNECTOR_UNAVAILABLE.
 */
export function httpStatusError(
  at: FailedRequest,
  response: { status: number; headers: Headers },
  body: string,
): VmoError {
  const messages = jiraErrorMessages(body)
  const where = `jira source "${at.sourceName}": ${at.request} answered http ${response.status}`
  const details = { source: at.sourceName, status: response.status, jiraMessages: messages }
  const status = response.status
  if (status === 401) {
    return new VmoError(
      'CONNECTOR_AUTH_FAILED',
      `${where}: the credentials were refused (revoked, expired or for another account); ` +
        'create new ones in jira and update the source',
      { details },
    )
  }
  if (status === 403) return forbidden(at, { where, headers: response.headers, messages })
  if (status === 429) {
    return new VmoError(
      'CONNECTOR_RATE_LIMITED',
      `${where}: still rate limited after the retries; try again later or lower the concurrency`,
      { details },
    )
  }
  if (status === 404) return new VmoError('NOT_FOUND', `${where}${jiraSaid(messages)}`, { details })
  if (status >= 500 || status === 408) {
    return new VmoError(
      'CONNECTOR_UNAVAILABLE',
      `${where} after the retries: jira is unavailable`,
      { details },
    )
  }
  return new VmoError('INVALID_INPUT', `${where}${jiraSaid(messages)}`, { details })
}

function forbidden(
  at: FailedRequest,
  { where, headers, messages }: { where: string; headers: Headers; messages: readonly string[] },
): VmoError {
  const details = { source: at.sourceName, status: 403, jiraMessages: [...messages] }
  // Jira locks basic auth behind a CAPTCHA after failed logins and says so in this header.
  if (/AUTHENTICATION_DENIED/i.test(headers.get('x-seraph-loginreason') ?? '')) {
    return new VmoError(
      'CONNECTOR_AUTH_FAILED',
      `${where}: sign-in is locked behind a captcha after failed logins; ` +
        'sign in to jira in a browser once, then sync again',
      { details },
    )
  }
  const needs = at.needs ?? 'a permission this request needs'
  return new VmoError(
    'CONNECTOR_AUTH_FAILED',
    `${where}: the account lacks ${needs}${jiraSaid(messages)}`,
    { details: { ...details, needs } },
  )
}

/** CONNECTOR_UNAVAILABLE for a network error or a timeout that outlasted the retries. */
export function networkError(at: FailedRequest, error: unknown): VmoError {
  const name = error instanceof Error ? error.name : ''
  const timedOut = name === 'TimeoutError'
  const reason = timedOut
    ? 'did not answer in time'
    : name === 'ForceRetryError'
      ? 'broke off or stalled while sending its answer'
      : `could not be reached (${reasonOf(error)})`
  return new VmoError(
    'CONNECTOR_UNAVAILABLE',
    `jira source "${at.sourceName}": ${at.request} ${reason} after the retries`,
    // ky's own errors carry the request and its Authorization header: keep only fetch's.
    { cause: name === 'TypeError' ? error : undefined, details: { source: at.sourceName } },
  )
}

function reasonOf(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined
  if (typeof cause?.code === 'string') return cause.code
  return error instanceof Error ? error.message : String(error)
}

/** CONNECTOR_BAD_RESPONSE for a body that is not the JSON Jira sends. */
export function badResponse(at: FailedRequest, problem: string): VmoError {
  return new VmoError(
    'CONNECTOR_BAD_RESPONSE',
    `jira source "${at.sourceName}": ${at.request} answered ${problem}`,
    { details: { source: at.sourceName } },
  )
}
