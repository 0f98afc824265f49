import { z } from 'zod'
import { VmoError } from '@openvmo/core'

/** The tables a ServiceNow source reads when the user names none. */
export const SERVICENOW_DEFAULT_TABLES = [
  'incident',
  'sc_request',
  'sc_req_item',
  'change_request',
  'problem',
] as const

/** How openvmo signs in: a user's password (basic) or an OAuth client's secret. */
export const SERVICENOW_AUTH_KINDS = ['basic', 'oauth'] as const
export type ServiceNowAuthKind = (typeof SERVICENOW_AUTH_KINDS)[number]

const TABLE = /^[a-z][a-z0-9_]*$/
const tableName = z.string().trim().regex(TABLE, 'a table name is lower snake_case (incident)')

/**
 * The stored configuration of a ServiceNow source (everything but the secret):
 * - `url`: the instance, `https://acme.service-now.com` (trailing slash and `/api/now` trimmed);
 * - `auth`: `basic` (default; `username` plus the password as the secret) or `oauth` (OAuth
 *   client credentials: `clientId` plus the client secret as the secret, traded at
 *   `/oauth_token.do` for an access token kept until it expires);
 * - `tables`: what a scope of kind `instance` reads (default incident, sc_request, sc_req_item,
 *   change_request, problem), and `extraTables`: more tables to read besides them;
 * - `history`: `audit` (default: sys_audit, falling back to history sets when auditing is off
 *   or sys_audit is forbidden) or `history_set` (sys_history_line only, at most ~21 days);
 * - `links` (default true): reference fields and keys in text become links;
 * - `pageSize` (records per page, default 100), `requestTimeoutMs` (default 30 s),
 *   `concurrency` (requests at once, default 4, at most 10).
 */
export const serviceNowConnectorConfigSchema = z
  .strictObject({
    url: z
      .url({ protocol: /^https?$/ })
      .transform((url) => url.replace(/\/+$/, '').replace(/\/api\/now$/, '')),
    auth: z.enum(SERVICENOW_AUTH_KINDS).default('basic'),
    username: z.string().trim().min(1).optional(),
    clientId: z.string().trim().min(1).optional(),
    tables: z
      .array(tableName)
      .min(1)
      .default([...SERVICENOW_DEFAULT_TABLES]),
    extraTables: z.array(tableName).default([]),
    history: z.enum(['audit', 'history_set']).default('audit'),
    links: z.boolean().default(true),
    pageSize: z.number().int().min(1).max(10_000).default(100),
    requestTimeoutMs: z.number().int().min(100).default(30_000),
    concurrency: z.number().int().min(1).max(10).default(4),
  })
  .superRefine((config, ctx) => {
    if (config.auth === 'basic' && config.username === undefined) {
      ctx.addIssue({ code: 'custom', path: ['username'], message: 'basic auth needs a username' })
    }
    if (config.auth === 'oauth' && config.clientId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['clientId'], message: 'oauth needs a clientId' })
    }
  })

/** A ServiceNow source's configuration with every default applied. */
export type ServiceNowConnectorConfig = z.infer<typeof serviceNowConnectorConfigSchema>
/** What a user may write: `url` and the auth's name required, the rest optional. */
export type ServiceNowConnectorConfigInput = z.input<typeof serviceNowConnectorConfigSchema>

/**
 * The configuration in `input` with defaults applied; throws `VmoError('INVALID_CONFIG')` naming
 * each offending member (`url: …`).
 */
export function parseServiceNowConnectorConfig(input: unknown): ServiceNowConnectorConfig {
  const result = serviceNowConnectorConfigSchema.safeParse(input)
  if (result.success) return result.data
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`,
  )
  throw new VmoError('INVALID_CONFIG', `servicenow source config: ${problems.join('; ')}`, {
    details: { problems },
  })
}

/** Every table a source reads: `tables` then `extraTables`, each once. */
export function tablesOf(config: ServiceNowConnectorConfig): string[] {
  return [...new Set([...config.tables, ...config.extraTables])]
}

/**
 * ServiceNow scopes: `instance` (value `all`: every table of the config), `table` (one table,
 * `incident`) or `query` (one table and an encoded query, `incident:assignment_group.name=Pay`).
 */
export const SERVICENOW_SCOPE_KINDS = ['instance', 'table', 'query'] as const
export type ServiceNowScopeKind = (typeof SERVICENOW_SCOPE_KINDS)[number]

/** One table and the encoded query that narrows it ('' for the whole table). */
export interface ServiceNowTableScope {
  table: string
  query: string
}

/**
 * Why `kind`/`value` is not a ServiceNow scope, or undefined: `instance` takes `all`, `table` a
 * table name, `query` `table:encoded query` (no `ORDERBY`: the connector orders).
 */
export function findServiceNowScopeProblem(kind: string, value: string): string | undefined {
  if (kind === 'instance') {
    return value === 'all' ? undefined : `instance scope takes "all", not ${JSON.stringify(value)}`
  }
  if (kind === 'table') {
    return TABLE.test(value)
      ? undefined
      : `table scope ${JSON.stringify(value)} is not a table name`
  }
  if (kind === 'query') {
    const colon = value.indexOf(':')
    const table = value.slice(0, colon)
    const query = value.slice(colon + 1)
    if (colon < 0 || !TABLE.test(table) || query.trim() === '') {
      return `query scope ${JSON.stringify(value)} is not table:encoded-query (incident:active=true)`
    }
    return /ORDERBY/i.test(query)
      ? `query scope ${JSON.stringify(value)} has an ORDERBY`
      : undefined
  }
  return `scope kind ${JSON.stringify(kind)} is not one of ${SERVICENOW_SCOPE_KINDS.join(', ')}`
}

/** The tables a valid scope reads, each with its query. */
export function tableScopesOf(
  scope: { kind: string; value: string },
  config: ServiceNowConnectorConfig,
): ServiceNowTableScope[] {
  const problem = findServiceNowScopeProblem(scope.kind, scope.value)
  if (problem) throw new VmoError('INVALID_INPUT', problem)
  if (scope.kind === 'instance') return tablesOf(config).map((table) => ({ table, query: '' }))
  if (scope.kind === 'table') return [{ table: scope.value, query: '' }]
  const colon = scope.value.indexOf(':')
  return [{ table: scope.value.slice(0, colon), query: scope.value.slice(colon + 1) }]
}
