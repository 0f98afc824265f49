import { z } from '@hono/zod-openapi'
import { TOKEN_ROLES } from '../../store/account-types'

/** The body of `POST /auth/login`. */
export const LoginBodySchema = z
  .object({
    name: z.string().min(1).max(200),
    password: z.string().min(1).max(1024),
  })
  .openapi('LoginBody')

const GrantsSchema = z.union([
  z.literal('all'),
  z.array(z.object({ stream: z.string(), role: z.enum(['viewer', 'editor']) })),
])

/** Who the request acts for: `GET /auth/me` and the answer of a sign-in. */
export const MeSchema = z
  .object({
    name: z.string().openapi({ example: 'ada' }),
    displayName: z.string(),
    via: z.enum(['single-user', 'no-auth', 'session', 'token']),
    admin: z.boolean(),
    grants: GrantsSchema,
    csrfToken: z.string().nullable().openapi({
      description:
        'send as X-CSRF-Token with every write of this session (null when not signed in by a session)',
    }),
  })
  .openapi('Me')

/** The ways to sign in: `GET /auth/providers` (public, for the sign-in page). */
export const ProvidersSchema = z
  .object({
    local: z.boolean().openapi({ description: 'whether an account may sign in with a password' }),
    oidc: z
      .object({
        displayName: z.string().openapi({ example: 'Keycloak' }),
        loginUrl: z.string().openapi({ example: '/api/v1/auth/oidc/login' }),
      })
      .nullable()
      .openapi({ description: 'the OpenID provider, when one is configured' }),
  })
  .openapi('Providers')

/** The body of `POST /tokens`. */
export const TokenBodySchema = z
  .object({
    name: z.string().trim().min(1).max(100).openapi({ example: 'ci nightly report' }),
    role: z.enum(TOKEN_ROLES).default('viewer'),
    expiresInDays: z.number().int().min(1).max(366).default(90),
  })
  .openapi('TokenBody')

/** An API token as listed (never its secret). */
export const TokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    user: z.string(),
    role: z.enum(TOKEN_ROLES),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable().openapi({ description: 'to the minute' }),
    revokedAt: z.string().nullable(),
  })
  .openapi('Token')

/** A new token: its secret is shown here once and never again. */
export const CreatedTokenSchema = TokenSchema.extend({
  secret: z.string().openapi({ description: 'send as Authorization: Bearer <secret>' }),
}).openapi('CreatedToken')

/** A user as listed. */
export const UserSchema = z
  .object({
    name: z.string(),
    displayName: z.string(),
    admin: z.boolean(),
    disabled: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    grants: z.array(z.object({ stream: z.string(), role: z.enum(['viewer', 'editor']) })),
  })
  .openapi('User')

/** One audit entry. */
export const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.string(),
    via: z.string(),
    address: z.string().nullable(),
    action: z.string(),
    target: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi('AuditEntry')

/** The query of `GET /audit`. */
export const AuditQuerySchema = z.object({
  since: z.iso.datetime({ offset: true }).optional(),
  user: z.string().max(200).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
})

export type MeResponse = z.infer<typeof MeSchema>
export type ProvidersResponse = z.infer<typeof ProvidersSchema>
export type TokenBody = z.input<typeof TokenBodySchema>
export type TokenResponse = z.infer<typeof TokenSchema>
export type CreatedTokenResponse = z.infer<typeof CreatedTokenSchema>
export type UserResponse = z.infer<typeof UserSchema>
export type AuditEntryResponse = z.infer<typeof AuditEntrySchema>
