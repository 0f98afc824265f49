import { z } from '@hono/zod-openapi'
import { InstantSchema } from './common-schemas'

/** A scope of a synced source with the counts of its last census (null before the first). */
export const ScopeStateSchema = z
  .object({
    name: z.string(),
    /** `project`, `jql`, `repo`, `org`, … */
    kind: z.string(),
    value: z.string(),
    /** Items the tool held in the scope at the last census. */
    sourceCount: z.number().int().nullable(),
    /** Items the store held from the scope after that run. */
    storedCount: z.number().int().nullable(),
    /** When the key census last ran. */
    reconciledAt: InstantSchema.nullable(),
  })
  .openapi('ScopeState')

/** The last sync run of a source, summed over its scopes. */
export const RunSummarySchema = z
  .object({
    id: z.number().int(),
    outcome: z.enum(['running', 'succeeded', 'failed', 'canceled']),
    startedAt: InstantSchema,
    finishedAt: InstantSchema.nullable(),
    inserted: z.number().int(),
    updated: z.number().int(),
    deleted: z.number().int(),
    /** The first scope's error in plain words; null when every scope succeeded. */
    error: z.string().nullable(),
  })
  .openapi('RunSummary')

/** The tool's rate limit as of its last answer. */
export const RateLimitStateSchema = z
  .object({
    limit: z.number().optional(),
    remaining: z.number().optional(),
    resetAt: InstantSchema.optional(),
    /** Set while the tool asks to wait (429/503 with Retry-After). */
    retryAfterSeconds: z.number().optional(),
  })
  .openapi('RateLimitState')

/** Progress of a sync this server runs now: items stored so far of the scope's total. */
export const SyncProgressSchema = z
  .object({
    source: z.string(),
    /** Empty until the first scope starts. */
    scope: z.string(),
    done: z.number().int(),
    total: z.number().int().optional(),
  })
  .openapi('SyncProgress')

/** A source as the Sources page shows it; never a token or a webhook secret. */
export const SourceStateSchema = z
  .object({
    name: z.string(),
    /** `jira`, `github`, …; null for a source only imported from files. */
    kind: z.string().nullable(),
    itemCount: z.number().int(),
    scopes: z.array(ScopeStateSchema),
    /**
     * Where the token comes from and whether the server can read it, in words; null for an
     * imported source and when this server does not sync.
     */
    token: z.object({ ok: z.boolean(), text: z.string() }).nullable(),
    /** Whether a webhook secret is configured (webhook deliveries can be verified). */
    webhook: z.boolean(),
    lastRun: RunSummarySchema.nullable(),
    rateLimit: RateLimitStateSchema.nullable(),
    /** The progress of a sync this server runs now; null when none runs. */
    running: SyncProgressSchema.nullable(),
  })
  .openapi('SourceState')

/** `GET /api/v1/sources`. */
export const SourceStateListSchema = z
  .object({
    sources: z.array(SourceStateSchema),
    /**
     * Whether this server tests, syncs and adds sources on request (it syncs and listens on
     * loopback); `reason` says why not.
     */
    actions: z.object({ allowed: z.boolean(), reason: z.string().nullable() }),
    /** The kinds of source this server can add. */
    kinds: z.array(z.object({ kind: z.string(), description: z.string() })),
  })
  .openapi('SourceStateList')

/** The source path parameter. */
export const SourceParamSchema = z.object({
  name: z
    .string()
    .min(1)
    .openapi({ param: { name: 'name', in: 'path' }, example: 'acme-jira' }),
})

/** `POST /api/v1/sources/{name}/test`: every check, the user's time zone, items per scope. */
export const ConnectionReportSchema = z
  .object({
    ok: z.boolean(),
    checks: z.array(
      z.object({
        name: z.enum(['reachable', 'authenticated', 'permissions', 'timezone', 'scope']),
        ok: z.boolean(),
        detail: z.string(),
      }),
    ),
    timezone: z.string().optional(),
    scopes: z.array(
      z.object({
        scope: z.string(),
        items: z.number().int().nullable(),
        error: z.string().optional(),
      }),
    ),
  })
  .openapi('ConnectionReport')

/** Body of `POST /api/v1/sources/{name}/sync`. */
export const SyncStartBodySchema = z
  .strictObject({
    /** Pull every item's whole history again and run the census. */
    full: z.boolean().optional(),
  })
  .openapi('SyncStartBody')

/** `202` of `POST /api/v1/sources/{name}/sync`: the sync runs in the background. */
export const SyncStartedSchema = z
  .object({ source: z.string(), full: z.boolean() })
  .openapi('SyncStarted')

// Setting names that would carry a secret: the token stays in the server's environment.
const SECRET_SETTING = /token|secret|password|passwd|credential/i

/** Whether `value` has a key naming a secret, at any depth. */
function holdsSecret(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  return Object.entries(value).some(
    ([key, inner]) => SECRET_SETTING.test(key) || holdsSecret(inner),
  )
}

/** How openvmo names a source (as `vmo source add --name`). */
export const SourceNameSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{0,62}$/,
    'must be lowercase letters, digits, ".", "_" or "-" (at most 63)',
  )
  .openapi({ example: 'acme-jira' })

/** Body of `POST /api/v1/sources`: a source to add, with no token in it. */
export const AddSourceBodySchema = z
  .strictObject({
    kind: z.string().min(1).openapi({ example: 'jira' }),
    name: SourceNameSchema,
    /** The environment variable of the server that holds the token (read at every sync). */
    tokenEnv: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'must be an environment variable name')
      .openapi({ example: 'JIRA_TOKEN' }),
    /** The kind's settings, named as the options of `vmo source add <kind>` (camelCase). */
    settings: z
      .record(z.string(), z.unknown())
      .refine((settings) => !holdsSecret(settings), {
        message:
          'settings must not hold a token or secret: keep the token in the environment of the server and name its variable in tokenEnv',
      })
      .default({}),
  })
  .openapi('AddSourceBody')

/** `201` of `POST /api/v1/sources`: the source as saved (test it next). */
export const AddedSourceSchema = z.object({ source: SourceStateSchema }).openapi('AddedSource')

/** The Jira webhook path parameter. */
export const WebhookSourceParamSchema = z.object({
  source: z
    .string()
    .min(1)
    .openapi({ param: { name: 'source', in: 'path' }, example: 'acme-jira' }),
})

/** `202` of a verified webhook delivery: the source and the items being re-synced. */
export const WebhookAcceptedSchema = z
  .object({ source: z.string(), keys: z.array(z.string()) })
  .openapi('WebhookAccepted')

/** `GET /api/v1/status`: what the served data is at, and which sources sync now. */
export const StatusSchema = z
  .object({
    /** Changes whenever the served items or mapping change: refetch when it moved. */
    dataVersion: z.string(),
    /** The current mapping version; null while none is saved. */
    mappingVersion: z.number().int().nullable(),
    /** Sources this server is syncing now. */
    syncing: z.array(z.string()),
    /** Work items in the store (0: nothing imported or synced yet). */
    items: z.number().int(),
    /**
     * The latest instant the data records (a creation, resolution or change); null when the store
     * is empty. Long before now, the dashboard offers it as the as-of date.
     */
    dataEnd: InstantSchema.nullable(),
  })
  .openapi('Status')

export type ScopeStateResponse = z.infer<typeof ScopeStateSchema>
export type RunSummaryResponse = z.infer<typeof RunSummarySchema>
export type RateLimitStateResponse = z.infer<typeof RateLimitStateSchema>
export type SyncProgressResponse = z.infer<typeof SyncProgressSchema>
export type SourceStateResponse = z.infer<typeof SourceStateSchema>
export type SourceStateListResponse = z.infer<typeof SourceStateListSchema>
export type ConnectionReportResponse = z.infer<typeof ConnectionReportSchema>
export type SyncStartBody = z.infer<typeof SyncStartBodySchema>
export type SyncStartedResponse = z.infer<typeof SyncStartedSchema>
export type AddSourceBody = z.input<typeof AddSourceBodySchema>
export type AddedSourceResponse = z.infer<typeof AddedSourceSchema>
export type WebhookAcceptedResponse = z.infer<typeof WebhookAcceptedSchema>
export type StatusResponse = z.infer<typeof StatusSchema>
