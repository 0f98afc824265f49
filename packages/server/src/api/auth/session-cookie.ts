import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { sha256Hex } from './auth-secrets'
import type { LocalAuthDeps } from './local-auth-deps'
import { isSecureRequest } from './request-facts'
import { SESSION_COOKIE, startSession } from './sessions'

/**
 * Starts a session for `userId` and sets its cookie (HttpOnly, SameSite=Lax, Secure over TLS):
 * a new session id at every sign-in, the one the browser had (if any) ends, and sessions past
 * their absolute end are swept away. The new session's id.
 */
export async function signInWithSession(
  c: Context,
  deps: LocalAuthDeps,
  userId: string,
): Promise<string> {
  const { store } = deps
  const previous = getCookie(c, SESSION_COOKIE)
  if (previous) await store.deleteSessions({ idHash: sha256Hex(previous) })
  await store.deleteSessions({ expiredBefore: new Date(deps.clock()).toISOString() })
  const session = await startSession(store, { userId, nowMs: deps.clock(), policy: deps.sessions })
  setCookie(c, SESSION_COOKIE, session.id, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isSecureRequest(c, deps),
    path: '/',
    maxAge: Math.floor(deps.sessions.absoluteMs / 1000),
  })
  return session.id
}
