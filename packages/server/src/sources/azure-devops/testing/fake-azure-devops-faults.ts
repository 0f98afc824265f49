import type { FaultKind } from '../../testing/connector-contract'
import { azureException } from './fake-azure-devops-routes'
import type { FakeAzureAnswer } from './fake-azure-devops-routes'

/** The sign-in page Azure DevOps answers some endpoints with (203) for a bad or revoked PAT. */
export const SIGN_IN_PAGE =
  '<!DOCTYPE html><html><head><title>Azure DevOps Services | Sign In</title></head><body></body></html>'

/**
 * The answer of a fault in Azure DevOps' terms (`real` is the answer the request would have had,
 * for `truncated_json`). The 429 carries `Retry-After` and the `X-RateLimit-*` headers of
 * Microsoft's rate-limits documentation (integrate/concepts/rate-limits); a revoked PAT gets the
 * 203 sign-in page on a GET, 401 on a POST.
 */
export function azureFaultAnswer(
  kind: FaultKind,
  at: { method: string; real: () => FakeAzureAnswer },
): FakeAzureAnswer | 'hang' {
  switch (kind) {
    case 'rate_limited':
      return {
        ...azureException(
          429,
          "TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource 'WorkItemTrackingResource' in namespace 'User'.",
          'RequestBlockedException',
        ),
        headers: {
          'retry-after': '1',
          'x-ratelimit-resource': 'WorkItemTrackingResource',
          'x-ratelimit-delay': '0.5',
          'x-ratelimit-limit': '200',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 1),
        },
      }
    case 'unavailable':
      return {
        ...azureException(
          503,
          'TF400898: An Internal Error Occurred.',
          'ServiceUnavailableException',
        ),
        headers: { 'retry-after': '1' },
      }
    case 'server_error':
      return azureException(
        500,
        'TF400898: An Internal Error Occurred.',
        'InternalServerErrorException',
      )
    case 'unauthorized':
      return at.method === 'GET'
        ? {
            status: 203,
            text: SIGN_IN_PAGE,
            headers: { 'content-type': 'text/html; charset=utf-8' },
          }
        : {
            status: 401,
            text: '',
            headers: { 'www-authenticate': 'Basic realm="https://dev.azure.com/"' },
          }
    case 'forbidden':
      return azureException(
        403,
        'TF401027: You need the Generic Read permission(s) for this node to perform this action.',
        'UnauthorizedRequestException',
      )
    case 'malformed_json':
      return { status: 200, text: '{"count": 2, "value": [{"id": 41, "rev": }' }
    case 'truncated_json': {
      const text = JSON.stringify(at.real().body ?? {})
      return { status: 200, text: text.slice(0, Math.floor(text.length / 2)) }
    }
    case 'hang':
      return 'hang'
  }
}
