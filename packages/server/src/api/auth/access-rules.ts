import { VmoError } from '@openvmo/core'

/**
 * What a route needs:
 * - `public`: nothing (sign-in, local and OIDC, the API's description, webhooks checked by their
 *   own secret);
 * - `signed-in`: a principal, whatever its roles (its own session and tokens);
 * - `stream-read`: a principal; the answer covers only the value streams it may read (a stream
 *   it may not read is answered as one that does not exist, items in no stream are for admins);
 * - `stream-write`: the editor role on the value stream of the path's `{stream}` (admins too);
 *   otherwise 403, the same for a stream that does not exist;
 * - `admin`: the admin role (sources, users, audit, and the whole mapping: one file for every
 *   stream; an editor changes its own stream's part through `/mapping/streams/{stream}`).
 */
export type AccessRule = 'public' | 'signed-in' | 'stream-read' | 'stream-write' | 'admin'

/**
 * The rule of every API operation, by method and OpenAPI path: the one place the access guard
 * and the authorization matrix test read. {@link assertRulesCover} refuses an app with an
 * operation missing here.
 */
export const ACCESS_RULES: Readonly<Record<string, AccessRule>> = {
  'POST /api/v1/auth/login': 'public',
  'GET /api/v1/auth/providers': 'public',
  // the redirect to the OpenID provider and back: state, nonce and PKCE check the callback
  'GET /api/v1/auth/oidc/login': 'public',
  'GET /api/v1/auth/oidc/callback': 'public',
  'POST /api/v1/auth/logout': 'signed-in',
  'POST /api/v1/auth/logout-everywhere': 'signed-in',
  'GET /api/v1/auth/me': 'signed-in',
  'POST /api/v1/tokens': 'signed-in',
  'GET /api/v1/tokens': 'signed-in',
  'DELETE /api/v1/tokens/{id}': 'signed-in',
  'GET /api/v1/users': 'admin',
  'GET /api/v1/audit': 'admin',
  'GET /api/v1/value-streams': 'stream-read',
  'GET /api/v1/teams': 'stream-read',
  'GET /api/v1/products': 'stream-read',
  'GET /api/v1/customers': 'stream-read',
  'GET /api/v1/business-results': 'stream-read',
  'GET /api/v1/business-results/status': 'stream-read',
  'GET /api/v1/business-results/correlations': 'stream-read',
  'PUT /api/v1/business-results/{stream}/{metric}': 'stream-write',
  'POST /api/v1/business-results/{stream}/{metric}/points': 'stream-write',
  'GET /api/v1/experiments': 'stream-read',
  'GET /api/v1/experiments/suggestions': 'stream-read',
  'GET /api/v1/experiments/{id}/report': 'stream-read',
  'PUT /api/v1/experiments/{stream}/{id}': 'stream-write',
  'DELETE /api/v1/experiments/{stream}/{id}': 'stream-write',
  'GET /api/v1/sources': 'admin',
  'POST /api/v1/sources': 'admin',
  'POST /api/v1/sources/{name}/test': 'admin',
  'POST /api/v1/sources/{name}/sync': 'admin',
  // data and mapping versions and the names of the sources syncing now: no stream's data
  'GET /api/v1/status': 'signed-in',
  'POST /api/v1/webhooks/github': 'public',
  'POST /api/v1/webhooks/jira/{source}': 'public',
  'POST /api/v1/webhooks/gitlab/{source}': 'public',
  'POST /api/v1/webhooks/azure-devops/{source}': 'public',
  'POST /api/v1/webhooks/servicenow/{source}': 'public',
  'GET /api/v1/metrics': 'stream-read',
  'GET /api/v1/portfolio': 'stream-read',
  // the scope narrowed to readable streams; groups and items of other streams are never named
  'GET /api/v1/dependencies': 'stream-read',
  'GET /api/v1/flow/cfd': 'stream-read',
  'GET /api/v1/flow/time-in-state': 'stream-read',
  'GET /api/v1/flow/time-in-state/items': 'stream-read',
  'GET /api/v1/flow/aging': 'stream-read',
  'GET /api/v1/flow/flow-times': 'stream-read',
  'GET /api/v1/flow/daily': 'stream-read',
  'GET /api/v1/flow/littles-law': 'stream-read',
  'GET /api/v1/flow/data-quality': 'stream-read',
  'GET /api/v1/forecasts/when': 'stream-read',
  'GET /api/v1/forecasts/how-many': 'stream-read',
  'GET /api/v1/forecasts/set': 'stream-read',
  'GET /api/v1/items': 'stream-read',
  'GET /api/v1/items/{source}/{key}': 'stream-read',
  // the mapping names every stream and previews them all: admins only
  'GET /api/v1/mapping': 'admin',
  'GET /api/v1/mapping/suggestion': 'admin',
  'POST /api/v1/mapping/preview': 'admin',
  'PUT /api/v1/mapping': 'admin',
  // one stream's part of the mapping (its entry, teams, products): its editors
  'GET /api/v1/mapping/streams/{stream}': 'stream-write',
  'POST /api/v1/mapping/streams/{stream}/preview': 'stream-write',
  'PUT /api/v1/mapping/streams/{stream}': 'stream-write',
}

/** Paths outside the OpenAPI document that anyone may read: the document and its page. */
const PUBLIC_DOCS = [/^\/api\/openapi\.json$/, /^\/api\/docs(?:\/.*)?$/]

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

const escape = (text: string) => text.replace(/[.*+?^$()|[\]\\]/g, '\\$&')

const COMPILED = Object.entries(ACCESS_RULES).map(([operation, rule]) => {
  const [method = '', path = ''] = operation.split(' ')
  const pattern = path
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{.+\}$/.test(part) ? `(?<${part.slice(1, -1)}>[^/]+)` : escape(part)))
    .join('')
  return { method, pattern: new RegExp(`^${pattern}$`), rule }
})

/** The rule of a request and its path parameters (decoded). */
export interface MatchedRule {
  rule: AccessRule
  params: Record<string, string>
}

/**
 * The rule of a request (HEAD is judged as GET) with its path parameters, or undefined when no
 * API operation matches (the request then ends as NOT_FOUND, after the sign-in check).
 */
export function ruleOf(method: string, path: string): MatchedRule | undefined {
  if (SAFE_METHODS.has(method) && PUBLIC_DOCS.some((p) => p.test(path))) {
    return { rule: 'public', params: {} }
  }
  const judged = method === 'HEAD' ? 'GET' : method
  for (const r of COMPILED) {
    const match = r.method === judged ? r.pattern.exec(path) : null
    if (!match) continue
    const params = Object.fromEntries(
      Object.entries(match.groups ?? {}).map(([name, value]) => [name, safeDecode(value)]),
    )
    return { rule: r.rule, params }
  }
  return undefined
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/**
 * INTERNAL unless every operation (`METHOD /path` with OpenAPI parameters) has a rule in
 * {@link ACCESS_RULES}: a new route must say who may call it before the app starts.
 */
export function assertRulesCover(operations: readonly string[]): void {
  const missing = operations.filter((op) => !Object.hasOwn(ACCESS_RULES, op))
  if (missing.length > 0) {
    throw new VmoError('INTERNAL', `no access rule for ${missing.join(', ')} (see ACCESS_RULES)`)
  }
}
