import type { Context } from 'hono'
import { createRoute, z } from '@hono/zod-openapi'
import { VmoError } from '@openvmo/core'
import type { ApiTokenRecord, TokenRole } from '../../store/account-types'
import type { Store } from '../../store/store'
import type { Principal } from '../auth/principal'
import { principalOf } from '../auth/principal'
import type { LocalAuthDeps } from '../auth/local-auth-deps'
import { newId, newSecret, sha256Hex } from '../auth/auth-secrets'
import { clientAddress } from '../auth/request-facts'
import { ErrorResponseSchema } from '../schemas/common-schemas'
import { CreatedTokenSchema, TokenBodySchema, TokenSchema } from '../schemas/auth-schemas'
import { ERROR_RESPONSES, createRouter, jsonResponse } from './route-helpers'

const tag = 'API tokens'
const forbidden = jsonResponse(ErrorResponseSchema, 'not allowed (FORBIDDEN)')

const routes = {
  create: createRoute({
    method: 'post',
    path: '/tokens',
    tags: [tag],
    summary:
      'Create an API token of the signed-in user (from a session): the secret is in this answer only',
    request: { body: { content: { 'application/json': { schema: TokenBodySchema } } } },
    responses: {
      201: jsonResponse(CreatedTokenSchema, 'the token with its secret'),
      403: forbidden,
      ...ERROR_RESPONSES,
    },
  }),
  list: createRoute({
    method: 'get',
    path: '/tokens',
    tags: [tag],
    summary: "The signed-in user's tokens (admins: everyone's with ?all=true); never the secrets",
    request: { query: z.object({ all: z.enum(['true', 'false']).optional() }) },
    responses: { 200: jsonResponse(z.array(TokenSchema), 'the tokens'), 403: forbidden },
  }),
  revoke: createRoute({
    method: 'delete',
    path: '/tokens/{id}',
    tags: [tag],
    summary: 'Revoke a token (your own; admins any)',
    request: { params: z.object({ id: z.string().max(100) }) },
    responses: {
      200: jsonResponse(TokenSchema, 'the revoked token'),
      404: jsonResponse(ErrorResponseSchema, 'no such token of yours (NOT_FOUND)'),
    },
  }),
}

/** Tokens start with this, so a leaked one is easy to recognise (secret scanners). */
export const TOKEN_PREFIX = 'vmo_'

const RANK: Record<TokenRole, number> = { viewer: 0, editor: 1, admin: 2 }

function userIdOf(principal: Principal): string {
  if (principal.userId === null) {
    throw new VmoError(
      'FORBIDDEN',
      'API tokens belong to a user: add one with vmo user add and sign in (single-user mode needs no token)',
    )
  }
  return principal.userId
}

/** The most a principal may give a token: admin for admins, editor with any editor grant. */
function highestRole(principal: Principal): TokenRole {
  if (principal.admin) return 'admin'
  if (principal.grants === 'all' || [...principal.grants.values()].includes('editor'))
    return 'editor'
  return 'viewer'
}

async function tokenView(store: Store, token: ApiTokenRecord, names?: Map<string, string>) {
  const user = names?.get(token.userId) ?? (await store.findUser({ id: token.userId }))?.name
  return {
    id: token.id,
    name: token.name,
    user: user ?? token.userId,
    role: token.role,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    lastUsedAt: token.lastUsedAt,
    revokedAt: token.revokedAt,
  }
}

async function createToken(
  c: Context,
  deps: LocalAuthDeps,
  body: { name: string; role: TokenRole; expiresInDays: number },
) {
  const principal = principalOf(c)
  const userId = userIdOf(principal)
  if (principal.via !== 'session') {
    throw new VmoError('FORBIDDEN', 'tokens are created from a signed-in session, not with a token')
  }
  const highest = highestRole(principal)
  if (RANK[body.role] > RANK[highest]) {
    throw new VmoError(
      'FORBIDDEN',
      `role "${body.role}" is above yours ("${highest}"): a token may do at most what its user may`,
    )
  }
  const nowMs = deps.clock()
  const secret = `${TOKEN_PREFIX}${newSecret()}`
  const token: ApiTokenRecord = {
    id: newId(),
    userId,
    name: body.name,
    hash: sha256Hex(secret),
    role: body.role,
    createdAt: new Date(nowMs).toISOString(),
    expiresAt: new Date(nowMs + body.expiresInDays * 86_400_000).toISOString(),
    lastUsedAt: null,
    revokedAt: null,
  }
  await deps.store.createApiToken(token)
  await audit(c, deps, { action: 'token.create', token })
  return { ...(await tokenView(deps.store, token)), secret }
}

async function audit(
  c: Context,
  deps: LocalAuthDeps,
  at: { action: string; token: ApiTokenRecord },
) {
  const principal = principalOf(c)
  await deps.store.appendAudit({
    at: new Date(deps.clock()).toISOString(),
    actor: principal.name,
    via: principal.via,
    address: clientAddress(c, deps),
    action: at.action,
    target: at.token.id,
    detail: { name: at.token.name, role: at.token.role, owner: at.token.userId },
  })
}

async function listTokens(c: Context, deps: LocalAuthDeps, all: boolean) {
  const principal = principalOf(c)
  if (all && !principal.admin) throw new VmoError('FORBIDDEN', "every user's tokens: admins only")
  const tokens = await deps.store.listApiTokens(all ? undefined : userIdOf(principal))
  const names = new Map((await deps.store.listUsers()).map((u) => [u.id, u.name]))
  return Promise.all(tokens.map((t) => tokenView(deps.store, t, names)))
}

async function revokeToken(c: Context, deps: LocalAuthDeps, id: string) {
  const principal = principalOf(c)
  const token = await deps.store.findApiToken({ id })
  if (!token || (!principal.admin && token.userId !== principal.userId)) {
    throw new VmoError('NOT_FOUND', `no token "${id}" of yours`)
  }
  const at = new Date(deps.clock()).toISOString()
  await deps.store.revokeApiToken(id, at)
  await audit(c, deps, { action: 'token.revoke', token })
  return tokenView(deps.store, { ...token, revokedAt: token.revokedAt ?? at })
}

/** `/tokens`: create (secret shown once), list, revoke. */
export function tokenRoutes(deps: LocalAuthDeps) {
  return createRouter()
    .openapi(routes.create, async (c) =>
      c.json(await createToken(c, deps, c.req.valid('json')), 201),
    )
    .openapi(routes.list, async (c) =>
      c.json(await listTokens(c, deps, c.req.valid('query').all === 'true'), 200),
    )
    .openapi(routes.revoke, async (c) =>
      c.json(await revokeToken(c, deps, c.req.valid('param').id), 200),
    )
}
