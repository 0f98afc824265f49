import { z } from '@hono/zod-openapi'
import { ERROR_CODES, FLOW_ITEM_TYPES, FLOW_STATES } from '@openvmo/core'

/** A calendar date `YYYY-MM-DD`. */
export const DateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .openapi({ example: '2024-01-01' })

/** An ISO-8601 instant with offset or `Z`. */
export const InstantSchema = z.string().openapi({ example: '2024-04-01T00:00:00Z' })

/** The four Flow Item types. */
export const FlowItemTypeSchema = z.enum(FLOW_ITEM_TYPES).openapi('FlowItemType')

/** What an artifact type may map to (a Flow Item type, `supporting` or `ignored`). */
export const FlowItemMappingSchema = z
  .enum([...FLOW_ITEM_TYPES, 'supporting', 'ignored'])
  .openapi('FlowItemMapping')

/** The five flow states. */
export const FlowStateSchema = z.enum(FLOW_STATES).openapi('FlowState')

/** Reporting periods of the API (FLOW-METRICS.md: day, ISO week, month, quarter, year). */
export const PeriodSchema = z.enum(['day', 'week', 'month', 'quarter', 'year']).openapi('Period')

/** The error body of every failed request. */
export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .openapi('ErrorResponse')

/** A query value naming one or more things: repeated (`?team=a&team=b`) or comma-separated. */
export const NameListSchema = z.union([z.string(), z.array(z.string())]).transform((value) =>
  (Array.isArray(value) ? value : [value])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v.length > 0),
)

/**
 * Query common to the analysis routes. `from`/`to` are a half-open date range (default: the last
 * 12 whole weeks up to the as-of date); `tz` defaults to the mapping's zone; `asOf` to now.
 */
export const ScopeQuerySchema = z
  .object({
    stream: NameListSchema.optional().openapi({
      description: 'value stream name; several comma-separated or repeated: items of any of them',
    }),
    team: NameListSchema.optional().openapi({
      description: 'team name (the team now); several comma-separated or repeated',
    }),
    type: NameListSchema.optional().openapi({
      description:
        'Flow Item types (feature, defect, risk, debt), comma-separated or repeated: every figure counts only items of these types (their type at the as-of time)',
    }),
    period: PeriodSchema.default('week'),
    from: DateSchema.optional(),
    to: DateSchema.optional(),
    tz: z.string().min(1).optional().openapi({ description: 'IANA time zone', example: 'UTC' }),
    asOf: InstantSchema.optional().openapi({ description: 'as-of instant; default now' }),
  })
  .openapi('ScopeQuery')

/** Paging query: `limit` 1..500 (default 50) and `offset` (default 0). */
export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})

/** Count, mean, p50/p85/p95 and max of durations in days. */
export const DurationSummarySchema = z
  .object({
    count: z.number().int(),
    mean: z.number(),
    p50: z.number(),
    p85: z.number(),
    p95: z.number(),
    max: z.number(),
  })
  .openapi('DurationSummary')

/** Per Flow Item type counts. */
export const ByTypeSchema = z
  .object({ feature: z.number(), defect: z.number(), risk: z.number(), debt: z.number() })
  .openapi('ByFlowItemType')

/** Shares per Flow Item type summing to 1, or null for an empty set. */
export const SharesSchema = ByTypeSchema.nullable()

/** The scope a result was computed for. */
export const ScopeSchema = z
  .object({
    valueStream: z.string().optional(),
    valueStreams: z.array(z.string()).optional(),
    teams: z.array(z.string()).optional(),
    sources: z.array(z.string()).optional(),
    types: z.array(FlowItemTypeSchema).optional(),
  })
  .openapi('Scope')

/** What every analysis response says about how it was computed. */
export const ResultContextSchema = z.object({
  asOf: InstantSchema,
  timezone: z.string(),
  from: DateSchema,
  to: DateSchema,
  scope: ScopeSchema,
})

/** A refused computation: too few samples. */
export const InsufficientDataSchema = z
  .object({
    kind: z.literal('insufficient_data'),
    reason: z.string(),
    sampleSize: z.number(),
    required: z.number(),
  })
  .openapi('InsufficientData')

export type ErrorResponse = z.infer<typeof ErrorResponseSchema>
export type ScopeQuery = z.infer<typeof ScopeQuerySchema>
export type PageQuery = z.infer<typeof PageQuerySchema>
export type DurationSummaryResponse = z.infer<typeof DurationSummarySchema>
export type ByType = z.infer<typeof ByTypeSchema>
export type InsufficientDataResponse = z.infer<typeof InsufficientDataSchema>
export type Period = z.infer<typeof PeriodSchema>
