import type { Context } from 'hono'
import { createRoute, z } from '@hono/zod-openapi'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { LocalAuthDeps } from '../auth/local-auth-deps'
import { accountOfIdentity } from '../auth/oidc-accounts'
import type { OidcClient, PendingLogin } from '../auth/oidc-client'
import { OidcSignInError } from '../auth/oidc-client'
import { clientAddress, isSecureRequest } from '../auth/request-facts'
import { signInWithSession } from '../auth/session-cookie'
import { sameSecret } from '../auth/auth-secrets'
import { ProvidersSchema } from '../schemas/auth-schemas'
import { createRouter, jsonResponse } from './route-helpers'

const tag = 'Sign-in'
/** The cookie that carries one sign-in's state, nonce and PKCE verifier to the callback. */
export const PENDING_COOKIE = 'vmo_oidc'
const PENDING_PATH = '/api/v1/auth/oidc'
const PENDING_MS = 10 * 60_000

const redirect = (description: string) => ({ 302: { description } })

const routes = {
  providers: createRoute({
    method: 'get',
    path: '/auth/providers',
    tags: [tag],
    summary: 'How one may sign in here: the local form, and the OpenID provider if configured',
    responses: { 200: jsonResponse(ProvidersSchema, 'the ways to sign in') },
  }),
  login: createRoute({
    method: 'get',
    path: '/auth/oidc/login',
    tags: [tag],
    summary:
      'Sign in through the OpenID provider: redirects there (authorization code with PKCE, state and nonce)',
    request: {
      query: z.object({
        returnTo: z.string().max(500).optional().openapi({
          description: 'a path of this site to land on after sign-in (default /)',
          example: '/streams/Payments',
        }),
      }),
    },
    responses: redirect(
      'to the provider, or to the sign-in page with `signInError` when it is unreachable',
    ),
  }),
  callback: createRoute({
    method: 'get',
    path: '/auth/oidc/callback',
    tags: [tag],
    summary:
      'Where the provider sends the browser back: redeems the code, starts a session and redirects to the dashboard',
    request: {
      query: z.object({
        code: z.string().optional(),
        state: z.string().optional(),
        error: z.string().optional(),
        error_description: z.string().optional(),
      }),
    },
    responses: redirect(
      'to the dashboard, signed in; or to the sign-in page with `signInError` (denied, bad_state, exchange_failed, unreachable, no_role, disabled, provider_error)',
    ),
  }),
}

/** A same-origin path to return to: one slash, no scheme or host; else `/`. */
export function safeReturnTo(value: string | undefined): string {
  if (value === undefined || !value.startsWith('/') || /^\/[/\\]/.test(value)) return '/'
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\\]/.test(value) ? '/' : value
}

interface PendingCookie extends PendingLogin {
  returnTo: string
  expiresAt: number
}

function readPending(c: Context, nowMs: number): PendingCookie | undefined {
  const raw = getCookie(c, PENDING_COOKIE)
  if (!raw) return undefined
  try {
    const value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as PendingCookie
    return typeof value.state === 'string' && value.expiresAt > nowMs ? value : undefined
  } catch {
    return undefined
  }
}

async function login(c: Context, deps: LocalAuthDeps, client: OidcClient) {
  try {
    const { pending, url } = await client.start()
    const cookie: PendingCookie = {
      ...pending,
      returnTo: safeReturnTo(c.req.query('returnTo')),
      expiresAt: deps.clock() + PENDING_MS,
    }
    setCookie(c, PENDING_COOKIE, Buffer.from(JSON.stringify(cookie)).toString('base64url'), {
      httpOnly: true,
      sameSite: 'Lax',
      secure: isSecureRequest(c, deps),
      path: PENDING_PATH,
      maxAge: PENDING_MS / 1000,
    })
    return c.redirect(url.href, 302)
  } catch (error) {
    if (!(error instanceof OidcSignInError)) throw error
    await auditLogin(c, deps, {
      detail: { outcome: 'failed', reason: error.reason, message: error.detail },
    })
    return c.redirect(`/?signInError=${error.reason}`, 302)
  }
}

/** An `auth.login` audit entry `via: oidc` (actor: the account, the subject, or anonymous). */
function auditLogin(
  c: Context,
  deps: LocalAuthDeps,
  entry: { detail: Record<string, unknown>; actor?: string },
) {
  const { detail, actor } = entry
  return deps.store.appendAudit({
    at: new Date(deps.clock()).toISOString(),
    actor: actor ?? 'anonymous',
    via: 'oidc',
    address: clientAddress(c, deps),
    action: 'auth.login',
    target: actor ?? null,
    detail: { ...detail, issuer: deps.oidc?.settings.issuer },
  })
}

/** The checks before the code exchange: the provider's error, and the state of this browser. */
function checkCallback(query: URLSearchParams, pending: PendingCookie | undefined): PendingCookie {
  const error = query.get('error')
  if (error !== null) {
    const detail = `${error}: ${query.get('error_description') ?? ''}`.slice(0, 300)
    throw new OidcSignInError(error === 'access_denied' ? 'denied' : 'provider_error', detail)
  }
  if (!pending) throw new OidcSignInError('bad_state', 'no sign-in in progress (or it expired)')
  if (!sameSecret(query.get('state') ?? '', pending.state)) {
    throw new OidcSignInError('bad_state', 'the state does not match this browser’s sign-in')
  }
  return pending
}

async function callback(c: Context, deps: LocalAuthDeps, client: OidcClient) {
  const query = new URL(c.req.url).searchParams
  const pending = readPending(c, deps.clock())
  deleteCookie(c, PENDING_COOKIE, { path: PENDING_PATH })
  let actor: string | undefined
  try {
    const checked = checkCallback(query, pending)
    const identity = await client.finish(query, checked)
    actor = identity.subject
    const settings = client.settings
    const user = await accountOfIdentity(deps.store, identity, { settings, nowMs: deps.clock() })
    actor = user.name
    await signInWithSession(c, deps, user.id)
    await auditLogin(c, deps, {
      detail: { outcome: 'succeeded', subject: identity.subject },
      actor: user.name,
    })
    // checked again: the pending cookie is not signed, so its path is the browser's word
    return c.redirect(safeReturnTo(checked.returnTo), 302)
  } catch (error) {
    if (!(error instanceof OidcSignInError)) throw error
    await auditLogin(c, deps, {
      detail: { outcome: 'failed', reason: error.reason, message: error.detail },
      actor,
    })
    return c.redirect(`/?signInError=${error.reason}`, 302)
  }
}

async function providers(deps: LocalAuthDeps) {
  const users = await deps.store.listUsers()
  const local = users.some((u) => !u.disabled && u.passwordHash !== null)
  const oidc = deps.oidc
    ? { displayName: deps.oidc.settings.displayName, loginUrl: `${PENDING_PATH}/login` }
    : null
  return { local, oidc }
}

/** `/auth/providers` always; `/auth/oidc/login` and `/auth/oidc/callback` with a provider. */
export function oidcRoutes(deps: LocalAuthDeps) {
  const router = createRouter().openapi(routes.providers, async (c) =>
    c.json(await providers(deps), 200),
  )
  const client = deps.oidc
  if (!client) return router
  return router
    .openapi(routes.login, (c) => login(c, deps, client))
    .openapi(routes.callback, (c) => callback(c, deps, client))
}
