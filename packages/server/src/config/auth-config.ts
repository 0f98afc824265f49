import { readFileSync } from 'node:fs'
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import { VmoError } from '@openvmo/core'
import type { EnvironmentVariables } from './environment'
import { TOKEN_VARIABLE } from './environment'

/** The environment variable the OIDC client secret is read from unless the file names another. */
export const DEFAULT_CLIENT_SECRET_VARIABLE = 'OPENVMO_OIDC_CLIENT_SECRET'

/** How the client secret reaches the token endpoint (OIDC's default: HTTP Basic). */
export const TOKEN_AUTH_METHODS = ['client_secret_basic', 'client_secret_post'] as const
export type TokenAuthMethod = (typeof TOKEN_AUTH_METHODS)[number]

const groupList = z.array(z.string().min(1)).default([])

const StreamGroupsSchema = z.strictObject({ editor: groupList, viewer: groupList })

const OidcFileSchema = z.strictObject({
  issuer: z.url({ protocol: /^https?$/ }),
  clientId: z.string().min(1),
  clientSecretEnv: z.string().regex(TOKEN_VARIABLE).default(DEFAULT_CLIENT_SECRET_VARIABLE),
  tokenEndpointAuthMethod: z.enum(TOKEN_AUTH_METHODS).default('client_secret_basic'),
  displayName: z.string().min(1).max(60).default('single sign-on'),
  groupsClaim: z.string().min(1).default('groups'),
  scopes: z.array(z.string().regex(/^[\x21-\x7e]+$/)).default(['openid', 'profile', 'email']),
  roles: z
    .strictObject({
      admin: groupList,
      streams: z.record(z.string().min(1), StreamGroupsSchema).default({}),
    })
    .default({ admin: [], streams: {} }),
})

const AuthFileSchema = z.strictObject({ auth: z.strictObject({ oidc: OidcFileSchema.optional() }) })

/** Which groups give which role: admin everywhere, or editor/viewer on one value stream. */
export interface GroupRoles {
  admin: string[]
  /** Value stream name → the groups of its editors and of its viewers. */
  streams: Record<string, { editor: string[]; viewer: string[] }>
}

/** Sign-in through an OpenID provider, as configured. The secret is never logged or stored. */
export interface OidcSettings {
  /** The issuer URL (discovery at `<issuer>/.well-known/openid-configuration`). */
  issuer: string
  clientId: string
  clientSecret: string
  /** How the secret is sent to the token endpoint. */
  tokenEndpointAuthMethod: TokenAuthMethod
  /** What the sign-in page's button names ("Sign in with Keycloak"). */
  displayName: string
  /** The claim that carries the user's groups (a dotted path reads nested claims). */
  groupsClaim: string
  scopes: string[]
  roles: GroupRoles
}

/** Where the configuration came from, for messages. */
function fieldPath(file: string, path: readonly PropertyKey[]): string {
  return path.length === 0 ? file : `${file}: ${path.map(String).join('.')}`
}

/**
 * The OIDC settings of an auth configuration file's text (YAML `auth: { oidc: … }`), with the
 * client secret from the environment variable it names; undefined when the file configures no
 * provider. INVALID_CONFIG names the wrong field (never the secret).
 */
export function parseAuthConfig(
  text: string,
  at: { file: string; env: EnvironmentVariables },
): OidcSettings | undefined {
  let raw: unknown
  try {
    raw = parseYaml(text)
  } catch (error) {
    throw new VmoError('INVALID_CONFIG', `${at.file} is not YAML: ${(error as Error).message}`)
  }
  const parsed = AuthFileSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = fieldPath(at.file, issue?.path ?? [])
    throw new VmoError('INVALID_CONFIG', `${where}: ${issue?.message ?? 'invalid'}`)
  }
  const oidc = parsed.data.auth.oidc
  if (!oidc) return undefined
  const clientSecret = at.env[oidc.clientSecretEnv]?.trim()
  if (!clientSecret) {
    throw new VmoError(
      'INVALID_CONFIG',
      `${at.file}: auth.oidc needs the client secret in environment variable ${oidc.clientSecretEnv}, which is not set`,
    )
  }
  if (!oidc.scopes.includes('openid')) {
    throw new VmoError('INVALID_CONFIG', `${at.file}: auth.oidc.scopes must include "openid"`)
  }
  const { clientSecretEnv: _env, ...settings } = oidc
  return { ...settings, clientSecret }
}

/** {@link parseAuthConfig} of a file; INVALID_CONFIG when it cannot be read. */
export function readAuthConfig(file: string, env: EnvironmentVariables): OidcSettings | undefined {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    throw new VmoError('INVALID_CONFIG', `cannot read the auth configuration "${file}"`, {
      cause: error,
    })
  }
  return parseAuthConfig(text, { file, env })
}
