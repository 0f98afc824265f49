import type { Context } from 'hono'
import { createRoute, z } from '@hono/zod-openapi'
import { deleteCookie, getCookie } from 'hono/cookie'
import { VmoError } from '@openvmo/core'
import type { Principal } from '../auth/principal'
import { principalOf } from '../auth/principal'
import { principalOfUser } from '../auth/resolve-principal'
import type { LocalAuthDeps } from '../auth/local-auth-deps'
import { verifyPassword } from '../auth/passwords'
import { clientAddress } from '../auth/request-facts'
import { SESSION_COOKIE, csrfTokenOf } from '../auth/sessions'
import { signInWithSession } from '../auth/session-cookie'
import { sha256Hex } from '../auth/auth-secrets'
import { ErrorResponseSchema } from '../schemas/common-schemas'
import { LoginBodySchema, MeSchema } from '../schemas/auth-schemas'
import { ERROR_RESPONSES, createRouter, jsonResponse } from './route-helpers'

const tag = 'Sign-in'
const unauthenticated = jsonResponse(ErrorResponseSchema, 'not signed in (UNAUTHENTICATED)')

const routes = {
  login: createRoute({
    method: 'post',
    path: '/auth/login',
    tags: [tag],
    summary:
      'Sign in with a local account: starts a session (HttpOnly cookie) and answers who you are with the CSRF token',
    request: { body: { content: { 'application/json': { schema: LoginBodySchema } } } },
    responses: {
      200: jsonResponse(MeSchema, 'signed in'),
      401: jsonResponse(ErrorResponseSchema, 'wrong name or password (UNAUTHENTICATED)'),
      429: jsonResponse(
        ErrorResponseSchema,
        'too many failed sign-ins for the account or address (TOO_MANY_ATTEMPTS; Retry-After)',
      ),
      ...ERROR_RESPONSES,
    },
  }),
  logout: createRoute({
    method: 'post',
    path: '/auth/logout',
    tags: [tag],
    summary: 'End this session',
    responses: { 200: jsonResponse(z.object({ ended: z.number() }), 'signed out') },
  }),
  logoutEverywhere: createRoute({
    method: 'post',
    path: '/auth/logout-everywhere',
    tags: [tag],
    summary: 'End every session of the signed-in user (API tokens stay: revoke them apart)',
    responses: {
      200: jsonResponse(z.object({ ended: z.number() }), 'every session ended'),
      401: unauthenticated,
    },
  }),
  me: createRoute({
    method: 'get',
    path: '/auth/me',
    tags: [tag],
    summary: 'Who the request acts for, their roles, and the CSRF token of the session',
    responses: { 200: jsonResponse(MeSchema, 'the principal'), 401: unauthenticated },
  }),
}

const iso = (ms: number) => new Date(ms).toISOString()

/** The wire form of a principal (with the session's CSRF token, if any). */
export function meOf(principal: Principal, at: { displayName: string; sessionId?: string }) {
  if (principal.via === 'anonymous') throw new VmoError('UNAUTHENTICATED', 'not signed in')
  const grants =
    principal.grants === 'all'
      ? ('all' as const)
      : [...principal.grants].map(([stream, role]) => ({ stream, role }))
  return {
    name: principal.name,
    displayName: at.displayName,
    via: principal.via,
    admin: principal.admin,
    grants,
    csrfToken: at.sessionId === undefined ? null : csrfTokenOf(at.sessionId),
  }
}

async function login(c: Context, deps: LocalAuthDeps, body: { name: string; password: string }) {
  const { store } = deps
  const address = clientAddress(c, deps)
  const audit = (outcome: string, reason?: string) =>
    store.appendAudit({
      at: iso(deps.clock()),
      actor: body.name,
      via: 'session',
      address,
      action: 'auth.login',
      target: body.name,
      detail: { outcome, ...(reason ? { reason } : {}) },
    })
  try {
    await deps.throttle.check(body.name, address)
  } catch (error) {
    await audit('throttled')
    throw error
  }
  const user = await store.findUser({ name: body.name })
  const ok = await verifyPassword(user?.passwordHash ?? null, body.password)
  if (!user || !ok || user.disabled) {
    await deps.throttle.fail(body.name, address)
    await audit('failed', !user ? 'unknown user' : !ok ? 'wrong password' : 'disabled')
    throw new VmoError('UNAUTHENTICATED', 'the name or password is wrong')
  }
  await deps.throttle.succeed(body.name)
  const sessionId = await signInWithSession(c, deps, user.id)
  await audit('succeeded')
  const principal = await principalOfUser(store, user, { via: 'session', cap: 'admin' })
  return meOf(principal, { displayName: user.displayName, sessionId })
}

async function logout(c: Context, deps: LocalAuthDeps, everywhere: boolean) {
  const principal = principalOf(c)
  const sessionId = getCookie(c, SESSION_COOKIE)
  deleteCookie(c, SESSION_COOKIE, { path: '/' })
  let ended = 0
  if (everywhere && principal.userId !== null) {
    ended = await deps.store.deleteSessions({ userId: principal.userId })
  } else if (sessionId) {
    ended = await deps.store.deleteSessions({ idHash: sha256Hex(sessionId) })
  }
  await deps.store.appendAudit({
    at: iso(deps.clock()),
    actor: principal.name,
    via: principal.via,
    address: clientAddress(c, deps),
    action: everywhere ? 'auth.logout-everywhere' : 'auth.logout',
    target: principal.name,
    detail: { ended },
  })
  return { ended }
}

async function me(c: Context, deps: LocalAuthDeps) {
  const principal = principalOf(c)
  const user =
    principal.userId === null ? undefined : await deps.store.findUser({ id: principal.userId })
  // the resolver has checked the session this cookie names
  const sessionId = principal.via === 'session' ? getCookie(c, SESSION_COOKIE) : undefined
  return meOf(principal, { displayName: user?.displayName ?? principal.name, sessionId })
}

/** `/auth/login`, `/auth/logout`, `/auth/logout-everywhere` and `/auth/me`. */
export function authRoutes(deps: LocalAuthDeps) {
  return createRouter()
    .openapi(routes.login, async (c) => c.json(await login(c, deps, c.req.valid('json')), 200))
    .openapi(routes.logout, async (c) => c.json(await logout(c, deps, false), 200))
    .openapi(routes.logoutEverywhere, async (c) => c.json(await logout(c, deps, true), 200))
    .openapi(routes.me, async (c) => c.json(await me(c, deps), 200))
}
