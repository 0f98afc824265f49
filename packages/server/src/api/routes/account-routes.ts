import { createRoute, z } from '@hono/zod-openapi'
import type { LocalAuthDeps } from '../auth/local-auth-deps'
import { ErrorResponseSchema } from '../schemas/common-schemas'
import { AuditEntrySchema, AuditQuerySchema, UserSchema } from '../schemas/auth-schemas'
import { ERROR_RESPONSES, createRouter, jsonResponse } from './route-helpers'

const forbidden = jsonResponse(ErrorResponseSchema, 'not an admin (FORBIDDEN)')

const routes = {
  users: createRoute({
    method: 'get',
    path: '/users',
    tags: ['Users'],
    summary: 'Every local account with its roles per value stream (admins only)',
    responses: { 200: jsonResponse(z.array(UserSchema), 'the users'), 403: forbidden },
  }),
  audit: createRoute({
    method: 'get',
    path: '/audit',
    tags: ['Audit'],
    summary:
      'The audit log, newest first: sign-ins, sign-outs, tokens, user changes and every write (admins only)',
    request: { query: AuditQuerySchema },
    responses: {
      200: jsonResponse(z.array(AuditEntrySchema), 'the entries'),
      403: forbidden,
      ...ERROR_RESPONSES,
    },
  }),
}

/** `/users` and `/audit` (admins only: the access guard checks it). */
export function accountRoutes(deps: LocalAuthDeps) {
  return createRouter()
    .openapi(routes.users, async (c) => {
      const users = await deps.store.listUsers()
      const listed = await Promise.all(
        users.map(async (u) => ({
          name: u.name,
          displayName: u.displayName,
          admin: u.admin,
          disabled: u.disabled,
          createdAt: u.createdAt,
          updatedAt: u.updatedAt,
          grants: (await deps.store.listStreamRoles(u.id)).map((g) => ({
            stream: g.streamId,
            role: g.role,
          })),
        })),
      )
      return c.json(listed, 200)
    })
    .openapi(routes.audit, async (c) => {
      const query = c.req.valid('query')
      const entries = await deps.store.listAudit({
        ...(query.since ? { since: new Date(query.since).toISOString() } : {}),
        ...(query.user ? { actor: query.user } : {}),
        ...(query.before ? { beforeId: query.before } : {}),
        limit: query.limit,
      })
      return c.json(entries, 200)
    })
}
