import { RequestError } from '@octokit/request-error'
import { VmoError, isVmoError } from '@openvmo/core'
import { RequestTimeoutError } from './github-fetch'

/** The request an error happened on, for its message (never the token). */
export interface GitHubRequestContext {
  sourceName: string
  method: string
  /** Path and query below the API root (`/repos/acme/pay/issues?page=2`). */
  path: string
  retries: number
}

type Headers = Record<string, string | number | undefined>

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name]
  return value === undefined ? undefined : String(value)
}

function gitHubMessage(error: RequestError): string {
  const data = error.response?.data as { message?: unknown } | undefined
  return typeof data?.message === 'string' ? data.message : `http ${error.status}`
}

/** Whether a 403/429 is GitHub's primary or secondary rate limit. */
export function isRateLimitAnswer(status: number, headers: Headers, message: string): boolean {
  if (status !== 403 && status !== 429) return false
  return (
    status === 429 ||
    header(headers, 'x-ratelimit-remaining') === '0' ||
    header(headers, 'retry-after') !== undefined ||
    /rate limit/i.test(message)
  )
}

/**
 * What a 403 says is missing: SAML single sign-on authorisation (`x-github-sso`), a fine-grained
 * token permission (`x-accepted-github-permissions`), a classic token scope
 * (`x-accepted-oauth-scopes` against `x-oauth-scopes`), or access to the repository.
 */
export function describeForbidden(headers: Headers, message: string): string {
  const sso = header(headers, 'x-github-sso')
  if (sso !== undefined) {
    const url = /url=(\S+)/.exec(sso)?.[1]
    return `the token is not authorised for the organisation's SAML single sign-on${url ? `; authorise it at ${url}` : ' (authorise it in the token settings)'}`
  }
  const permissions = header(headers, 'x-accepted-github-permissions')
  if (permissions !== undefined) {
    return `the token lacks the permission ${permissions.replace(/;\s*/g, ' or ')} (fine-grained token: repository permissions)`
  }
  const accepted = header(headers, 'x-accepted-oauth-scopes')
  const granted = header(headers, 'x-oauth-scopes')
  if (accepted && granted !== undefined) {
    return `the token's scopes (${granted || 'none'}) include none of ${accepted}`
  }
  return `the token has no access to this repository or organisation (GitHub said: ${message})`
}

function where(ctx: GitHubRequestContext): string {
  return `github source "${ctx.sourceName}": ${ctx.method} ${ctx.path}`
}

function details(ctx: GitHubRequestContext, status?: number) {
  return { details: { source: ctx.sourceName, path: ctx.path, status } }
}

/**
 * The connector error for a failed request (see `Connector`): 401 and 403 (a missing scope,
 * permission or SSO authorisation) and 404 (a repository the token cannot see) are
 * CONNECTOR_AUTH_FAILED; rate limits still hit after the retries CONNECTOR_RATE_LIMITED; 5xx,
 * timeouts and network errors after the retries CONNECTOR_UNAVAILABLE; other refusals
 * CONNECTOR_BAD_RESPONSE. An abort of the caller's signal is returned as it is. The message names
 * the source and the request, never the token.
 */
export function toGitHubError(error: unknown, ctx: GitHubRequestContext): Error {
  if (isVmoError(error)) return error
  if (error instanceof Error && error.name === 'AbortError') return error
  if (!(error instanceof RequestError)) {
    const reason = error instanceof Error ? error.message : String(error)
    return new VmoError('CONNECTOR_UNAVAILABLE', `${where(ctx)} failed: ${reason}`, {
      cause: error,
      ...details(ctx),
    })
  }
  const status = error.status
  const headers = (error.response?.headers ?? {}) as Headers
  const message = gitHubMessage(error)
  const options = { cause: error, ...details(ctx, status) }
  if (status === 401) {
    const text = `${where(ctx)} was refused (401): GitHub did not accept the source's credentials (missing, expired or revoked); give the source new ones`
    return new VmoError('CONNECTOR_AUTH_FAILED', text, options)
  }
  if (isRateLimitAnswer(status, headers, message)) {
    return new VmoError('CONNECTOR_RATE_LIMITED', rateLimitText(ctx, headers), options)
  }
  if (status === 403) {
    const text = `${where(ctx)} was refused (403): ${describeForbidden(headers, message)}`
    return new VmoError('CONNECTOR_AUTH_FAILED', text, options)
  }
  if (status === 404) {
    const text = `${where(ctx)} was not found (404): the repository or organisation does not exist, or the token cannot see it (a private one needs a token with access to it)`
    return new VmoError('CONNECTOR_AUTH_FAILED', text, options)
  }
  if (status >= 500) return unavailable(error, ctx, options)
  const text = `${where(ctx)} was refused (${status}): ${message}`
  return new VmoError('CONNECTOR_BAD_RESPONSE', text, options)
}

function rateLimitText(ctx: GitHubRequestContext, headers: Headers): string {
  const reset = Number(header(headers, 'x-ratelimit-reset'))
  const retryAfter = header(headers, 'retry-after')
  const until =
    retryAfter !== undefined
      ? `; GitHub asked to wait ${retryAfter} s`
      : Number.isFinite(reset)
        ? `; the limit resets at ${new Date(reset * 1000).toISOString()}`
        : ''
  return `${where(ctx)}: still rate limited after ${ctx.retries} retries${until}`
}

function unavailable(error: RequestError, ctx: GitHubRequestContext, options: object): VmoError {
  const reason =
    error.cause instanceof RequestTimeoutError
      ? error.cause.message
      : error.response
        ? `GitHub answered ${error.status}`
        : error.message
  return new VmoError(
    'CONNECTOR_UNAVAILABLE',
    `${where(ctx)} failed after ${ctx.retries} retries: ${reason}`,
    options,
  )
}

/** The error for an answer whose body is not the JSON the request returns. */
export function badBodyError(ctx: GitHubRequestContext, status: number): VmoError {
  return new VmoError(
    'CONNECTOR_BAD_RESPONSE',
    `${where(ctx)} answered ${status} with a body that is not json (malformed or truncated)`,
    details(ctx, status),
  )
}
