import type { FaultKind } from '../../testing/connector-contract'

/** An answer of the fake: status, JSON body (or raw text) and extra headers. */
export interface FakeGitLabAnswer {
  status: number
  body?: unknown
  /** A raw body (not JSON): the 429's `Retry later`, malformed or truncated JSON. */
  text?: string
  headers?: Record<string, string>
}

/**
 * The answer of a fault in GitLab's terms (`real` is the answer the request would have had, for
 * `truncated_json`). The 429 is GitLab's default: plain text `Retry later` with `Retry-After`,
 * `RateLimit-Remaining: 0` and `RateLimit-ResetTime` (doc/administration/settings/
 * user_and_ip_rate_limits.md); the 403 is the OAuth `insufficient_scope` body GitLab sends for
 * a token without `read_api`.
 */
export function gitLabFaultAnswer(
  kind: FaultKind,
  real: () => FakeGitLabAnswer,
): FakeGitLabAnswer | 'hang' {
  const resetMs = Date.now() + 1000
  switch (kind) {
    case 'rate_limited':
      return {
        status: 429,
        text: 'Retry later',
        headers: {
          'content-type': 'text/plain',
          'retry-after': '1',
          'ratelimit-remaining': '0',
          'ratelimit-reset': String(Math.ceil(resetMs / 1000)),
          'ratelimit-resettime': new Date(resetMs).toUTCString(),
        },
      }
    case 'unavailable':
      return {
        status: 503,
        body: { message: '503 Service Unavailable' },
        headers: { 'retry-after': '1' },
      }
    case 'server_error':
      return { status: 500, body: { message: '500 Internal Server Error' } }
    case 'unauthorized':
      return { status: 401, body: { message: '401 Unauthorized' } }
    case 'forbidden':
      return {
        status: 403,
        body: {
          error: 'insufficient_scope',
          error_description:
            'The request requires higher privileges than provided by the access token.',
          scope: 'api read_api',
        },
      }
    case 'malformed_json':
      return { status: 200, text: '[{"id": 41, "iid": }' }
    case 'truncated_json': {
      const text = JSON.stringify(real().body ?? [])
      return { status: 200, text: text.slice(0, Math.floor(text.length / 2)) }
    }
    case 'hang':
      return 'hang'
  }
}
