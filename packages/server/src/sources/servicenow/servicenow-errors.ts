import { VmoError } from '@openvmo/core'

/** Where a failed request went (method and path without the query: never headers or secrets). */
export interface ServiceNowFailedRequest {
  sourceName: string
  request: string
}

/**
 * What ServiceNow said in an error body: `{"error": {"message": "…", "detail": "…"},
 * "status": "failure"}` (the Table API's envelope), OAuth's `{"error": "invalid_client",
 * "error_description": "…"}`, or a short text as it is.
 */
export function serviceNowErrorMessage(body: string): string | undefined {
  const text = body.trim()
  if (text === '') return undefined
  try {
    const parsed = JSON.parse(text) as { error?: unknown; error_description?: unknown }
    const error = parsed.error as { message?: unknown; detail?: unknown } | string | undefined
    if (typeof error === 'string') {
      return typeof parsed.error_description === 'string'
        ? `${error}: ${parsed.error_description}`
        : error
    }
    if (typeof error?.message !== 'string') return undefined
    return typeof error.detail === 'string' && error.detail !== ''
      ? `${error.message}: ${error.detail}`
      : error.message
  } catch {
    return text.length <= 200 ? text : `${text.slice(0, 200)}…`
  }
}

/**
 * The VmoError of a final HTTP error status (after the retries): 401 → CONNECTOR_AUTH_FAILED
 * (wrong, revoked or expired credentials); 403 → CONNECTOR_AUTH_FAILED naming the table's read
 * ACL or role; 404 → NOT_FOUND; 429 → CONNECTOR_RATE_LIMITED; 5xx and 408 →
 * CONNECTOR_UNAVAILABLE; other 4xx → CONNECTOR_BAD_RESPONSE (an encoded query the instance
 * refused). Messages quote ServiceNow's message, never a credential.
 */
export function serviceNowStatusError(
  at: ServiceNowFailedRequest,
  status: number,
  body: string,
): VmoError {
  const message = serviceNowErrorMessage(body)
  const said = message === undefined ? '' : ` (servicenow: ${JSON.stringify(message)})`
  const where = `servicenow source "${at.sourceName}": ${at.request} answered http ${status}`
  const details = { source: at.sourceName, status, servicenowMessage: message }
  const error = (code: ConstructorParameters<typeof VmoError>[0], text: string) =>
    new VmoError(code, `${where}${text}`, { details })
  if (status === 401) {
    return error(
      'CONNECTOR_AUTH_FAILED',
      `: the credentials were refused (wrong, revoked or expired); set the source's credentials again${said}`,
    )
  }
  if (status === 403) {
    return error(
      'CONNECTOR_AUTH_FAILED',
      `: the user lacks a role that may read this table (snc_read_only, itil, or a read ACL on it)${said}`,
    )
  }
  if (status === 404) return error('NOT_FOUND', `: no such table or record${said}`)
  if (status === 429) {
    return error(
      'CONNECTOR_RATE_LIMITED',
      ': still rate limited after the retries; try again later or lower the concurrency',
    )
  }
  if (status >= 500 || status === 408) {
    return error('CONNECTOR_UNAVAILABLE', ` after the retries: servicenow is unavailable${said}`)
  }
  return error('CONNECTOR_BAD_RESPONSE', said)
}

/** CONNECTOR_UNAVAILABLE for a network error or timeout that outlasted the retries. */
export function serviceNowNetworkError(at: ServiceNowFailedRequest, error: unknown): VmoError {
  const name = error instanceof Error ? error.name : ''
  const code = (error as { code?: unknown } | undefined)?.code
  const reason =
    name === 'TimeoutError'
      ? 'did not answer in time'
      : `could not be reached (${typeof code === 'string' ? code : String((error as Error)?.message ?? error)})`
  return new VmoError(
    'CONNECTOR_UNAVAILABLE',
    `servicenow source "${at.sourceName}": ${at.request} ${reason} after the retries`,
    { cause: error, details: { source: at.sourceName } },
  )
}

/** CONNECTOR_BAD_RESPONSE for a body that is not the JSON ServiceNow sends. */
export function serviceNowBadResponse(at: ServiceNowFailedRequest, problem: string): VmoError {
  return new VmoError(
    'CONNECTOR_BAD_RESPONSE',
    `servicenow source "${at.sourceName}": ${at.request} answered ${problem}`,
    { details: { source: at.sourceName } },
  )
}
