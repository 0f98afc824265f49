import type { FaultKind } from '../../testing/connector-contract'
import type { FakeAnswer } from './fake-github-rest'
import { rateLimitHeaders } from './fake-github-rest'

/** Where GitHub's error bodies point. */
export const DOCS = 'https://docs.github.com/rest'

/**
 * The contract's faults, GitHub's secondary rate limit (403 with `Retry-After: 1`), and its
 * GraphQL primary rate limit (200 with a RATE_LIMITED error, the limit resetting in a second).
 */
export type GitHubFaultKind = FaultKind | 'secondary_rate_limited' | 'graphql_rate_limited'

/** A fault for the next `count` requests whose path (with query) contains `path`. */
export interface GitHubFault {
  path: string
  count: number
  kind: GitHubFaultKind
}

/**
 * The answer of a fault in GitHub's terms (a string is a raw 200 body; `real` makes the answer
 * the request would have had, for `truncated_json`).
 */
export function faultAnswer(kind: GitHubFaultKind, real: () => FakeAnswer): FakeAnswer | string {
  const now = Date.now()
  switch (kind) {
    case 'rate_limited':
      return {
        status: 429,
        body: { message: 'API rate limit exceeded for user ID 1.', documentation_url: DOCS },
        headers: { 'retry-after': '1', ...rateLimitHeaders(5000, 0, now + 1000) },
      }
    case 'secondary_rate_limited':
      return {
        status: 403,
        body: {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url: DOCS,
        },
        headers: { 'retry-after': '1' },
      }
    case 'graphql_rate_limited':
      return {
        status: 200,
        body: {
          data: null,
          errors: [
            { type: 'RATE_LIMITED', message: 'API rate limit already exceeded for user ID 1.' },
          ],
        },
        headers: { ...rateLimitHeaders(5000, 0, now + 1000), 'x-ratelimit-resource': 'graphql' },
      }
    case 'unavailable':
      return {
        status: 503,
        body: { message: 'Service Unavailable' },
        headers: { 'retry-after': '1' },
      }
    case 'server_error':
      return { status: 500, body: { message: 'Server Error' } }
    case 'unauthorized':
      return { status: 401, body: { message: 'Bad credentials', documentation_url: DOCS } }
    case 'forbidden':
      return {
        status: 403,
        body: {
          message: 'Resource not accessible by personal access token',
          documentation_url: DOCS,
        },
        headers: { 'x-accepted-github-permissions': 'issues=read' },
      }
    case 'malformed_json':
      return '{"url": "https://api.github.com/repos", "number": }'
    case 'truncated_json': {
      const text = JSON.stringify(real().body ?? {})
      return text.slice(0, Math.floor(text.length / 2))
    }
    case 'hang':
      return ''
  }
}
