import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { VmoError } from '@openvmo/core'
import type { Store } from '../../store/store'
import type { Principal } from './principal'
import { principalOf } from './principal'
import { sameSecret } from './auth-secrets'
import type { ProxyTrust } from './request-facts'
import { clientAddress } from './request-facts'
import type { MatchedRule } from './access-rules'
import { ruleOf } from './access-rules'
import { SESSION_COOKIE, csrfTokenOf } from './sessions'

/** The header a cookie-authenticated write must carry (the token of `GET /auth/me`). */
export const CSRF_HEADER = 'x-csrf-token'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * The rule of a request ({@link ruleOf}); a path of no API operation needs a signed-in principal
 * (it then ends as NOT_FOUND), except under `/webhooks/`, whose deliveries are verified by the
 * source's webhook secret.
 */
function accessOf(method: string, path: string): MatchedRule {
  const fallback = path.startsWith('/api/v1/webhooks/') ? 'public' : 'signed-in'
  return ruleOf(method, path) ?? { rule: fallback, params: {} }
}

/** Whether `principal` is an editor of `stream` (case-insensitive), or may do everything. */
function editsStream(principal: Principal, stream: string): boolean {
  if (principal.admin || principal.grants === 'all') return true
  const lower = stream.toLowerCase()
  return [...principal.grants].some(
    ([name, role]) => name.toLowerCase() === lower && role === 'editor',
  )
}

function assertAccess(c: Context, principal: Principal, access: MatchedRule): void {
  const { rule, params } = access
  if (rule === 'public') return
  if (principal.via === 'anonymous') {
    throw new VmoError('UNAUTHENTICATED', 'sign in first (POST /api/v1/auth/login) or send a token')
  }
  if (rule === 'admin' && !principal.admin) {
    throw new VmoError('FORBIDDEN', `${c.req.method} ${c.req.path} needs the admin role`)
  }
  // the same answer for a stream that does not exist: the request reveals nothing
  const stream = params.stream ?? ''
  if (rule === 'stream-write' && !editsStream(principal, stream)) {
    throw new VmoError(
      'FORBIDDEN',
      `${c.req.method} ${c.req.path} needs the editor role on value stream "${stream}"`,
    )
  }
}

/**
 * FORBIDDEN unless a cookie-authenticated write carries its session's CSRF token (public routes
 * such as sign-in do not act for the session).
 */
function assertCsrf(c: Context, principal: Principal, access: MatchedRule): void {
  if (principal.via !== 'session' || SAFE_METHODS.has(c.req.method)) return
  if (access.rule === 'public') return
  const sessionId = getCookie(c, SESSION_COOKIE) ?? ''
  const sent = c.req.header(CSRF_HEADER) ?? ''
  if (!sameSecret(sent, csrfTokenOf(sessionId))) {
    throw new VmoError(
      'FORBIDDEN',
      `a signed-in write needs the ${CSRF_HEADER} header of GET /api/v1/auth/me`,
    )
  }
}

/** Writes audited by their own route with a more specific action. */
const SELF_AUDITED = /^\/api\/v1\/(?:auth|tokens)(?:\/|$)/

/**
 * Every API request passes it after the principal is set: the route's rule in ACCESS_RULES
 * decides (401 for anonymous requests to any route but sign-in, the OpenAPI document and
 * webhooks; 403 without the admin role where a route needs it); 403 without the CSRF header on a
 * cookie-authenticated write; and an audit entry
 * for every write of a known principal (who, when, from where, method and path, status).
 */
export function accessGuard(deps: ProxyTrust & { store: Store; clock: () => number }) {
  const guard: MiddlewareHandler = async (c, next) => {
    const principal = principalOf(c)
    const access = accessOf(c.req.method, c.req.path)
    assertAccess(c, principal, access)
    assertCsrf(c, principal, access)
    await next()
    if (SAFE_METHODS.has(c.req.method) || principal.via === 'anonymous') return
    if (SELF_AUDITED.test(c.req.path)) return
    await deps.store.appendAudit({
      at: new Date(deps.clock()).toISOString(),
      actor: principal.name,
      via: principal.via,
      address: clientAddress(c, deps),
      action: `${c.req.method} ${c.req.routePath}`,
      target: c.req.path,
      detail: { status: c.res.status },
    })
  }
  return guard
}
