import { VmoError } from '@openvmo/core'
import { commonStatusError } from '../connector-status-errors'

/** Where a failed request went, for its error message (never its headers: they hold the PAT). */
export interface AzureFailedRequest {
  sourceName: string
  /** `GET /_apis/wit/workItems/12/updates`: method and path below the base URL, no query. */
  request: string
}

/**
 * What Azure DevOps said in an error body: the `message` of its exception JSON
 * (`{"$id":"1","message":"TF401232: …","typeKey":"…"}`); a short text body as it is; nothing for
 * an HTML page (the sign-in page a bad PAT gets).
 */
export function azureErrorMessage(body: string): string | undefined {
  const text = body.trim()
  if (text === '' || text.startsWith('<')) return undefined
  try {
    const parsed = JSON.parse(text) as { message?: unknown }
    return typeof parsed.message === 'string' ? parsed.message : undefined
  } catch {
    return text.length <= 200 ? text : `${text.slice(0, 200)}…`
  }
}

function said(message: string | undefined): string {
  return message === undefined ? '' : ` (azure devops: ${JSON.stringify(message)})`
}

/**
 * The VmoError of a final answer that is not the JSON asked for (after the retries):
 * 401, and 203 (the sign-in page Azure DevOps answers some endpoints with for a bad PAT) →
 * CONNECTOR_AUTH_FAILED (revoked, expired or mistyped PAT); 403 → CONNECTOR_AUTH_FAILED naming
 * the Work Items (Read) scope; 404 → NOT_FOUND; 429 → CONNECTOR_RATE_LIMITED; 5xx and 408 →
 * CONNECTOR_UNAVAILABLE; others → CONNECTOR_BAD_RESPONSE. Messages never hold the PAT.
 */
export function azureStatusError(at: AzureFailedRequest, status: number, body: string): VmoError {
  const message = azureErrorMessage(body)
  const where = `azure_devops source "${at.sourceName}": ${at.request} answered http ${status}`
  const details = { source: at.sourceName, status, azureMessage: message }
  if (status === 401 || status === 203) {
    const page = status === 203 ? ' with a sign-in page' : ''
    return new VmoError(
      'CONNECTOR_AUTH_FAILED',
      `${where}${page}: the personal access key was refused (revoked, expired or mistyped); create one with the Work Items (Read) scope and update the source`,
      { details },
    )
  }
  if (status === 403) {
    return new VmoError(
      'CONNECTOR_AUTH_FAILED',
      `${where}: the personal access key lacks the Work Items (Read) scope or access to this project${said(message)}`,
      { details },
    )
  }
  const common = commonStatusError({
    where,
    status,
    said: said(message),
    notFound: 'it does not exist, or the account cannot see it',
    tool: 'azure devops',
    details,
  })
  if (common) return common
  return new VmoError('CONNECTOR_BAD_RESPONSE', `${where}${said(message)}`, { details })
}

/** CONNECTOR_UNAVAILABLE for a network error or a timeout that outlasted the retries. */
export function azureNetworkError(at: AzureFailedRequest, error: unknown): VmoError {
  const name = error instanceof Error ? error.name : ''
  const code = (error as { code?: unknown } | undefined)?.code
  const why =
    typeof code === 'string' ? code : error instanceof Error ? error.message : String(error)
  const reason =
    name === 'TimeoutError' ? 'did not answer in time' : `could not be reached (${why})`
  return new VmoError(
    'CONNECTOR_UNAVAILABLE',
    `azure_devops source "${at.sourceName}": ${at.request} ${reason} after the retries`,
    { cause: error, details: { source: at.sourceName } },
  )
}

/** CONNECTOR_BAD_RESPONSE for a body that is not the JSON Azure DevOps sends. */
export function azureBadResponse(at: AzureFailedRequest, problem: string): VmoError {
  return new VmoError(
    'CONNECTOR_BAD_RESPONSE',
    `azure_devops source "${at.sourceName}": ${at.request} answered ${problem}`,
    { details: { source: at.sourceName } },
  )
}
