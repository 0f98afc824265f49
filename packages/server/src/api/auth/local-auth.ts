import type { MiddlewareHandler } from 'hono'
import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Store } from '../../store/store'
import { accountRoutes } from '../routes/account-routes'
import { authRoutes } from '../routes/auth-routes'
import { oidcRoutes } from '../routes/oidc-routes'
import { tokenRoutes } from '../routes/token-routes'
import { accessGuard } from './access-guard'
import type { ThrottlePolicy } from './login-throttle'
import { DEFAULT_THROTTLE_POLICY, createLoginThrottle } from './login-throttle'
import type { OidcClient } from './oidc-client'
import type { PrincipalResolver } from './principal'
import { createAccountResolver } from './resolve-principal'
import type { SessionPolicy } from './sessions'
import { DEFAULT_SESSION_POLICY } from './sessions'

/** Options of {@link createLocalAuth}. */
export interface LocalAuthOptions {
  store: Store
  /** Epoch ms now (sessions, tokens and audit entries read it). */
  clock: () => number
  /** Believe X-Forwarded-For / X-Forwarded-Proto (`vmo serve --trust-proxy`). Default false. */
  trustProxy?: boolean
  sessions?: Partial<SessionPolicy>
  throttle?: Partial<ThrottlePolicy>
  /**
   * Sign-in through an OpenID provider ({@link createOidcClient}). With it, sign-in is required
   * even before the first account exists.
   */
  oidc?: OidcClient
}

/** Local accounts on an app: the resolver, the access guard, and the routes they need. */
export interface LocalAuth {
  resolvePrincipal: PrincipalResolver
  /** 401/403 per route and role, CSRF for cookie-authenticated writes, audit of writes. */
  guard: MiddlewareHandler
  /** `/auth/*` (OIDC's too), `/tokens`, `/users`, `/audit`, to mount under `/api/v1`. */
  routes: OpenAPIHono[]
}

/**
 * Sign-in with local accounts (sessions in the store, API tokens, login throttling, audit).
 * While no enabled account exists and no OpenID provider is configured, every request is
 * single-user as before.
 */
export function createLocalAuth(options: LocalAuthOptions): LocalAuth {
  const deps = {
    store: options.store,
    clock: options.clock,
    trustProxy: options.trustProxy ?? false,
    sessions: { ...DEFAULT_SESSION_POLICY, ...options.sessions },
    throttle: createLoginThrottle({ ...DEFAULT_THROTTLE_POLICY, ...options.throttle }),
    ...(options.oidc ? { oidc: options.oidc } : {}),
  }
  return {
    resolvePrincipal: createAccountResolver(deps),
    guard: accessGuard(deps),
    routes: [authRoutes(deps), oidcRoutes(deps), tokenRoutes(deps), accountRoutes(deps)],
  }
}
