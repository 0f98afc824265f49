import type { Context, MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { VmoError } from '@openvmo/core'
import type { Store } from '../../store/store'
import type { Principal } from './principal'
import { principalOf } from './principal'
import { sameSecret } from './auth-secrets'
import type { ProxyTrust } from './request-facts'
import { clientAddress } from './request-facts'
import { SESSION_COOKIE, csrfTokenOf } from './sessions'

/** What a request needs: nothing, a signed-in principal, an editor, or an admin. */
export type Access = 'public' | 'signed-in' | 'editor' | 'admin'

/** The header a cookie-authenticated write must carry (the token of `GET /auth/me`). */
export const CSRF_HEADER = 'x-csrf-token'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

const PUBLIC_PATHS = [
  /^\/api\/v1\/auth\/login$/,
  /^\/api\/v1\/auth\/providers$/,
  // the redirect to the OpenID provider and back: state, nonce and PKCE check the callback
  /^\/api\/v1\/auth\/oidc\/(?:login|callback)$/,
  /^\/api\/v1\/health$/,
  /^\/api\/openapi\.json$/,
  /^\/api\/docs(?:\/.*)?$/,
  // deliveries from the tools are verified by the webhook secret of a source instead
  /^\/api\/v1\/webhooks\//,
]
const ADMIN_PATHS = [/^\/api\/v1\/(?:sources|users|audit)(?:\/|$)/]
// Writes that change nothing shared, or are checked by their own route (own tokens, sign-out).
const ANY_WRITER_PATHS = [/^\/api\/v1\/(?:auth|tokens)(?:\/|$)/, /^\/api\/v1\/mapping\/preview$/]

/**
 * The access rule of a request. Reads of the API need a signed-in principal (per-stream
 * filtering of the data is not built yet); sources, users and the audit log need an admin, and
 * so does saving the mapping (one file for every stream); other writes need an editor.
 */
export function accessOf(method: string, path: string): Access {
  if (PUBLIC_PATHS.some((p) => p.test(path))) return 'public'
  if (ADMIN_PATHS.some((p) => p.test(path))) return 'admin'
  if (SAFE_METHODS.has(method) || ANY_WRITER_PATHS.some((p) => p.test(path))) return 'signed-in'
  if (method === 'PUT' && path === '/api/v1/mapping') return 'admin'
  return 'editor'
}

function isEditor(principal: Principal): boolean {
  if (principal.admin || principal.grants === 'all') return true
  return [...principal.grants.values()].includes('editor')
}

function assertAccess(c: Context, principal: Principal, access: Access): void {
  if (access === 'public') return
  if (principal.via === 'anonymous') {
    throw new VmoError('UNAUTHENTICATED', 'sign in first (POST /api/v1/auth/login) or send a token')
  }
  if (access === 'admin' && !principal.admin) {
    throw new VmoError('FORBIDDEN', `${c.req.method} ${c.req.path} needs the admin role`)
  }
  if (access === 'editor' && !isEditor(principal)) {
    throw new VmoError('FORBIDDEN', `${c.req.method} ${c.req.path} needs the editor role`)
  }
}

/**
 * FORBIDDEN unless a cookie-authenticated write carries its session's CSRF token (public routes
 * such as sign-in do not act for the session).
 */
function assertCsrf(c: Context, principal: Principal, access: Access): void {
  if (principal.via !== 'session' || SAFE_METHODS.has(c.req.method) || access === 'public') return
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
 * Every API request passes it after the principal is set: 401 for anonymous requests to any
 * route but sign-in (local and OIDC), the health check, the OpenAPI document and webhooks; 403 without the role
 * a route needs or without the CSRF header on a cookie-authenticated write; and an audit entry
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
