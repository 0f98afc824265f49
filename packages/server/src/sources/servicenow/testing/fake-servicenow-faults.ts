import type { FaultKind } from '../../testing/connector-contract'
import { fakeServiceNowError } from './fake-servicenow-routes'
import type { FakeServiceNowAnswer } from './fake-servicenow-routes'

/**
 * The answer of a fault in ServiceNow's terms (`real` is the answer the request would have had,
 * for `truncated_json`). The 429 is the doc's "Rate limit exceeded" body with `Retry-After`,
 * `X-RateLimit-Limit`, `X-RateLimit-Reset` (epoch seconds) and `X-RateLimit-Rule`
 * (inbound-REST-API-rate-limiting.md); the 500 the documented exception envelope.
 */
export function fakeServiceNowFaultAnswer(
  kind: FaultKind,
  real: FakeServiceNowAnswer,
): FakeServiceNowAnswer | 'hang' {
  switch (kind) {
    case 'rate_limited':
      return {
        ...fakeServiceNowError(
          429,
          'Rate limit exceeded',
          'Rate limit of 100 requests per hour for Table API exceeded',
        ),
        headers: {
          'retry-after': '1',
          'x-ratelimit-limit': '100',
          'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 1),
          'x-ratelimit-rule': 'b5e4d0d3db1b0010b0d5d6a0f4961976',
        },
      }
    case 'unavailable':
      return {
        status: 503,
        text: '<html><body>Service Unavailable</body></html>',
        headers: { 'retry-after': '1', 'content-type': 'text/html' },
      }
    case 'server_error':
      return fakeServiceNowError(
        500,
        'Exception while executing request: null',
        'Exception while executing request: null Check logs for error trace or enable glide.rest.debug property to verify REST request processing',
      )
    case 'unauthorized':
      return fakeServiceNowError(
        401,
        'User Not Authenticated',
        'Required to provide Auth information',
      )
    case 'forbidden':
      return fakeServiceNowError(403, 'User Not Authorized', 'ACL restricts the record retrieval')
    case 'malformed_json':
      return { status: 200, text: '{"result":[{"sys_id": }' }
    case 'truncated_json': {
      const text = real.text ?? JSON.stringify(real.body ?? { result: [] })
      return { status: 200, text: text.slice(0, Math.floor(text.length / 2)) }
    }
    case 'hang':
      return 'hang'
  }
}
