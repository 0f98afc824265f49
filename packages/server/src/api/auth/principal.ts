import type { Context, MiddlewareHandler } from 'hono'

/** What a principal may do on a value stream it is granted (admins may do everything). */
export type StreamRole = 'viewer' | 'editor'

/** The three roles: viewer and editor per granted value stream, admin everywhere. */
export type Role = StreamRole | 'admin'

/**
 * Who a request acts for, and what they may see and change. Every route reads it with
 * {@link principalOf}; how it was established (single-user mode on loopback, a session, an API
 * token, `--no-auth`) is `via`.
 */
export interface Principal {
  /** The user's id in the store; null in single-user mode and with `--no-auth`. */
  readonly userId: string | null
  /** A name for audit entries and the dashboard (user name, "local", token owner). */
  readonly name: string
  readonly via: 'single-user' | 'no-auth' | 'session' | 'token' | 'anonymous'
  /** Admins may do everything (sources, secrets, users, tokens, every stream). */
  readonly admin: boolean
  /** Each granted value stream's id and the role on it; 'all' for admins. */
  readonly grants: 'all' | ReadonlyMap<string, StreamRole>
}

/** The principal of single-user mode (loopback, no users configured): may do everything. */
export const SINGLE_USER: Principal = {
  userId: null,
  name: 'local',
  via: 'single-user',
  admin: true,
  grants: 'all',
}

/** The principal of `vmo serve --no-auth` (a trusted network, sign-in switched off): may do everything. */
export const NO_AUTH: Principal = { ...SINGLE_USER, name: 'no-auth', via: 'no-auth' }

/** Nobody signed in: no grants (routes that need a principal answer 401). */
export const ANONYMOUS: Principal = {
  userId: null,
  name: 'anonymous',
  via: 'anonymous',
  admin: false,
  grants: new Map(),
}

/** Establishes a request's principal; null means "not signed in" ({@link ANONYMOUS}). */
export type PrincipalResolver = (c: Context) => Promise<Principal | null>

declare module 'hono' {
  interface ContextVariableMap {
    principal: Principal
  }
}

/** The request's principal (set by {@link principalMiddleware}; anonymous when absent). */
export function principalOf(c: Context): Principal {
  return c.get('principal') ?? ANONYMOUS
}

/** The role `principal` has on `streamId`: admin, editor, viewer, or null when not granted. */
export function roleIn(principal: Principal, streamId: string): Role | null {
  if (principal.admin) return 'admin'
  if (principal.grants === 'all') return 'editor'
  return principal.grants.get(streamId) ?? null
}

/** Sets every request's principal from `resolve` (default: single-user mode). */
export function principalMiddleware(resolve?: PrincipalResolver): MiddlewareHandler {
  return async (c, next) => {
    const principal = resolve ? await resolve(c) : SINGLE_USER
    c.set('principal', principal ?? ANONYMOUS)
    await next()
  }
}
