import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import type { Store } from '../../store/store'
import type { TokenRole, UserAccount } from '../../store/account-types'
import type { Principal, PrincipalResolver, StreamRole } from './principal'
import { SINGLE_USER } from './principal'
import { sha256Hex } from './auth-secrets'
import type { ProxyTrust } from './request-facts'
import { bearerOf, clientAddress } from './request-facts'
import type { SessionPolicy } from './sessions'
import { SESSION_COOKIE, readSession } from './sessions'
import { streamNames } from './stream-names'

/** What the resolver needs. */
export interface ResolverDeps extends ProxyTrust {
  store: Store
  clock: () => number
  sessions: SessionPolicy
  /** An OpenID provider is configured: sign-in is required even while no account exists. */
  oidc?: unknown
}

// A token's use is recorded (last-used time and an audit entry) at most once a minute.
const TOKEN_USE_EVERY_MS = 60_000

/**
 * Whether sign-in is configured: at least one account that is not disabled. Without one, the
 * server runs in single-user mode (everyone who reaches it may do everything).
 */
export function authenticationConfigured(store: Store): Promise<boolean> {
  return store.hasEnabledUsers()
}

/** A user's principal: admins everything, others their roles per stream, capped by `cap`. */
export async function principalOfUser(
  store: Store,
  user: UserAccount,
  at: { via: 'session' | 'token'; cap: TokenRole },
): Promise<Principal> {
  const base = { userId: user.id, name: user.name, via: at.via }
  if (user.admin && at.cap === 'admin') return { ...base, admin: true, grants: 'all' }
  if (user.admin && at.cap === 'editor') return { ...base, admin: false, grants: 'all' }
  const grants = new Map<string, StreamRole>()
  if (user.admin) {
    for (const name of await streamNames(store)) grants.set(name, 'viewer')
  } else {
    for (const grant of await store.listStreamRoles(user.id)) {
      grants.set(grant.streamId, at.cap === 'viewer' ? 'viewer' : grant.role)
    }
  }
  return { ...base, admin: false, grants }
}

async function fromSession(deps: ResolverDeps, id: string) {
  const nowMs = deps.clock()
  const session = await readSession(deps.store, { id, nowMs, policy: deps.sessions })
  if (!session) return null
  const user = await deps.store.findUser({ id: session.userId })
  if (!user || user.disabled) return null
  return principalOfUser(deps.store, user, { via: 'session', cap: 'admin' })
}

async function fromToken(c: Context, deps: ResolverDeps, secret: string) {
  const { store } = deps
  const token = await store.findApiToken({ hash: sha256Hex(secret) })
  const nowMs = deps.clock()
  if (!token || token.revokedAt !== null) return null
  if (token.expiresAt !== null && nowMs >= Date.parse(token.expiresAt)) return null
  const user = await store.findUser({ id: token.userId })
  if (!user || user.disabled) return null
  const at = new Date(nowMs).toISOString()
  const unusedSince = new Date(nowMs - TOKEN_USE_EVERY_MS + 1).toISOString()
  if (await store.touchApiToken(token.id, at, unusedSince)) {
    await store.appendAudit({
      at,
      actor: user.name,
      via: 'token',
      address: clientAddress(c, deps),
      action: 'token.use',
      target: token.id,
      detail: { method: c.req.method, path: c.req.path },
    })
  }
  return principalOfUser(store, user, { via: 'token', cap: token.role })
}

/**
 * The resolver of accounts: single-user mode while no enabled account exists and no OpenID
 * provider is configured; otherwise
 * a bearer token (`Authorization: Bearer …`) or the session cookie, and null (anonymous) when
 * neither is valid. A request that sends a bearer token is judged by it alone. Requests outside
 * `/api/` (the dashboard's files) are anonymous without asking the store.
 */
export function createAccountResolver(deps: ResolverDeps): PrincipalResolver {
  return async (c) => {
    // the dashboard's files are public (its sign-in page among them): no store round trip
    if (!c.req.path.startsWith('/api/')) return null
    if (!deps.oidc && !(await authenticationConfigured(deps.store))) return SINGLE_USER
    const bearer = bearerOf(c)
    if (bearer !== undefined) return fromToken(c, deps, bearer)
    if (c.req.header('authorization') !== undefined) return null
    const sessionId = getCookie(c, SESSION_COOKIE)
    return sessionId ? fromSession(deps, sessionId) : null
  }
}
