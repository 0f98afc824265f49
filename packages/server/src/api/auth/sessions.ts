import type { Store } from '../../store/store'
import type { SessionRecord } from '../../store/account-types'
import { newSecret, sha256Hex } from './auth-secrets'

/** How long sessions live. */
export interface SessionPolicy {
  /** A session unused for this long ends (default 8 hours). */
  idleMs: number
  /** A session ends this long after sign-in, used or not (default 7 days). */
  absoluteMs: number
}

/** 8 hours idle, 7 days absolute. */
export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  idleMs: 8 * 3600_000,
  absoluteMs: 7 * 24 * 3600_000,
}

/** The session cookie's name. */
export const SESSION_COOKIE = 'vmo_session'

// Last use is written at most once a minute per session, not on every request.
const TOUCH_EVERY_MS = 60_000

const iso = (ms: number) => new Date(ms).toISOString()

/**
 * The CSRF token of a session: derived from its id (which only the HttpOnly cookie carries),
 * so a page on another site can neither read nor compute it.
 */
export function csrfTokenOf(sessionId: string): string {
  return sha256Hex(`csrf:${sessionId}`)
}

/** Starts a session for `userId`: a new random id (the cookie's value) and its stored record. */
export async function startSession(
  store: Store,
  at: { userId: string; nowMs: number; policy: SessionPolicy },
): Promise<{ id: string; record: SessionRecord }> {
  const id = newSecret()
  const record = {
    idHash: sha256Hex(id),
    userId: at.userId,
    createdAt: iso(at.nowMs),
    lastSeenAt: iso(at.nowMs),
    expiresAt: iso(at.nowMs + at.policy.absoluteMs),
  }
  await store.createSession(record)
  return { id, record }
}

/**
 * The live session with id `id`, its last use moved to now; undefined (and the stored session
 * removed) when it is unknown, idle for longer than the idle timeout or past its absolute end.
 */
export async function readSession(
  store: Store,
  at: { id: string; nowMs: number; policy: SessionPolicy },
): Promise<SessionRecord | undefined> {
  const idHash = sha256Hex(at.id)
  const session = await store.findSession(idHash)
  if (!session) return undefined
  const idleEnd = Date.parse(session.lastSeenAt) + at.policy.idleMs
  if (at.nowMs >= Date.parse(session.expiresAt) || at.nowMs >= idleEnd) {
    await store.deleteSessions({ idHash })
    return undefined
  }
  if (at.nowMs - Date.parse(session.lastSeenAt) >= TOUCH_EVERY_MS) {
    await store.touchSession(idHash, iso(at.nowMs))
  }
  return session
}
